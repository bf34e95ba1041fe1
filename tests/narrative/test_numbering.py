"""Section numbers are generated from the outline; typed numbers in stored text are recognised."""

from __future__ import annotations

import pytest

from jixiao.narrative.model import Chart, Paragraph, Section, Table
from jixiao.narrative.numbering import (
    GBT9704_STYLE,
    chinese_numeral,
    format_number,
    number_figures,
    number_sections,
    strip_number,
)


@pytest.mark.parametrize("n, text", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"),
                                     (100, "一百"), (105, "一百零五"), (110, "一百一十"), (999, "九百九十九")])
def test_chinese_numerals_as_section_numbers_write_them(n, text):
    assert chinese_numeral(n) == text


def test_numeral_rejects_zero():
    with pytest.raises(ValueError, match="正整数"):
        chinese_numeral(0)


def test_levels_follow_the_reference_report_and_gbt9704():
    assert [format_number(depth, 3) for depth in range(4)] == ["三、", "（三）", "3、", "（3）"]
    assert format_number(2, 3, GBT9704_STYLE) == "3."


@pytest.mark.parametrize("line, rest", [
    ("（一）由于受疫情影响", "由于受疫情影响"), ("(二)部分任务", "部分任务"), ("三、存在的主要问题", "存在的主要问题"),
    ("1、踔厉奋发新征程", "踔厉奋发新征程"), ("2. 服务企业", "服务企业"), ("（3）细项", "细项"), ("①第一", "第一"),
])
def test_typed_numbers_are_recognised(line, rest):
    assert strip_number(line) == (rest, True)


@pytest.mark.parametrize("line", ["2022年累计举办各类活动107场", "1.5万元用于培训", "一是创机制。", "全年预算数"])
def test_text_that_only_looks_numbered_is_left_alone(line):
    assert strip_number(line) == (line, False)


def test_number_sections_counts_per_level_and_skips_unnumbered_appendix():
    tree = (
        Section("a", "基本情况", 1, children=(Section("a1", "部门概况", 2), Section("a2", "收支", 2))),
        Section("b", "综合评价分析", 1, children=(Section("b1", "结论", 2, children=(Section("x", "任务", 3),)),)),
        Section("appendix", "附件", 0),
        Section("c", "存在的主要问题", 1),
    )
    numbered = number_sections(tree)
    headings = [s.heading for top in numbered for s in top.walk()]
    assert headings == ["一、基本情况", "（一）部门概况", "（二）收支", "二、综合评价分析", "（一）结论", "1、任务", "附件",
                        "三、存在的主要问题"]


def test_figures_and_tables_are_numbered_in_reading_order():
    chart = Chart("c", "图", "bar", ("甲",), ())
    table = Table("t", "表", rows=(), widths=(1.0,))
    tree = (Section("a", "一", 1, blocks=(chart, Paragraph("x"), table), children=(
        Section("b", "二", 2, blocks=(chart, table)),)),)
    numbered = number_figures(tree)
    blocks = [b for s in numbered[0].walk() for b in s.blocks if not isinstance(b, Paragraph)]
    assert [b.number for b in blocks] == ["图1", "表1", "图2", "表2"]
