"""Kinds of wrong findings batch 12 showed at its blind measurement (tests/data/published/corpus/README.md, "Batch 12
read (wrong findings)"): each kind is written as its shape in a few synthetic lines (no corpus document) and a variant
shape, and a guard that shows the real inconsistency of that kind still found."""

from decimal import Decimal

import pytest

from jixiao.checks.published import gate
from jixiao.domain.findings import Finding, Severity
from jixiao.published import parse_report_text
from jixiao.published.model import PublishedReport
from tests.checks.published.reviewing import codes as _codes, doubted as _doubted


# --- the year's whole spending, its parts after it: the parts are the spending's, not the budget's ---------------------

_UNIT = "安平县林业局2023年度部门整体支出绩效自评报告\n一、部门预算安排\n{body}\n二、部门职能\n负责全县林业工作。\n"


@pytest.mark.parametrize("body", [
    "我单位全年预算数1761.58万元,本年度总支出1688.46万元,其中基本支出469.70万元,项目支出1218.76万元。",
    # variant: 年度总支出为, the budget on a line of its own
    "全年预算数1761.58万元。\n2023年度总支出为1688.46万元,其中基本支出469.70万元,项目支出1218.76万元。",
])
def test_the_years_whole_spending_is_read_and_its_parts_agree_with_it(body):
    text = _UNIT.format(body=body)
    assert parse_report_text(text).executed_total == Decimal("1688.46")
    assert "report.by_nature_total" not in _codes(text) + _doubted(text)


def test_parts_that_add_to_neither_the_spending_nor_the_budget_are_still_found():
    # guard: 469.70 + 1118.76 = 1588.46, neither the 总支出 nor the budget
    body = "我单位全年预算数1761.58万元,本年度总支出1688.46万元,其中基本支出469.70万元,项目支出1118.76万元。"
    assert "report.by_nature_total" in _codes(_UNIT.format(body=body))


def test_a_spending_total_of_the_year_before_is_no_execution():
    # guard: 上年度总支出 is last year's spending, not this year's execution
    text = _UNIT.format(body="全年预算数1761.58万元,上年度总支出1500.00万元。")
    assert parse_report_text(text).executed_total is None


def _summed_finding(line: str, parts: dict, expected: str, code: str = "report.by_nature_total") -> tuple:
    report = PublishedReport(lines=(line,), text=line)
    finding = Finding(code, Severity.ERROR, "…", {"line": 1},
                      {"parts": {k: Decimal(v) for k, v in parts.items()}, "expected": Decimal(expected),
                       "stated": sum((Decimal(v) for v in parts.values()), Decimal(0)), "summed": True})
    return finding, report


@pytest.mark.parametrize("line, parts, expected, code", [
    # the spending was not read: its parts held against the budget, while their line states the amount they add to
    ("我单位全年预算数1761.58万元,本年度总支出1688.46万元,其中基本支出469.70万元,项目支出1218.76万元。",
     {"基本支出": "469.70", "项目支出": "1218.76"}, "1761.58", "report.by_nature_total"),
    # variant: sources of the money received, held against the spending, the amount they add to before them
    ("全年收入合计1,200.50万元,财政拨款1000.00万元,其他收入200.50万元;全年支出1,100.00万元。",
     {"财政拨款": "1000.00", "其他收入": "200.50"}, "1100.00", "report.by_source_total"),
])
def test_parts_with_the_amount_they_add_to_on_their_own_line_are_held_as_doubtful(line, parts, expected, code):
    finding, report = _summed_finding(line, parts, expected, code)
    trusted, doubtful = gate.split([finding], report)
    assert not trusted and doubtful


def test_parts_with_no_amount_of_their_own_sum_on_their_line_still_stand():
    # guard: no amount on the line is what the parts add to (469.70 + 1118.76 = 1588.46)
    line = "我单位全年预算数1761.58万元,本年度总支出1688.46万元,其中基本支出469.70万元,项目支出1118.76万元。"
    finding, report = _summed_finding(line, {"基本支出": "469.70", "项目支出": "1118.76"}, "1761.58")
    trusted, _ = gate.split([finding], report)
    assert trusted


# --- a contents list, then the body that opens with the same heading ---------------------------------------------------

_CONTENTS = ("安平县委组织部整体支出绩效自评报告\n{contents}\n附件1 成本费用分析报告\n附件2 评价指标体系\n"
             "一、部门概况\n(一)部门机构设置\n本部门编报单位共3个。\n(二)部门职能\n负责全县组织工作。\n"
             "二、绩效目标\n全年目标全部完成。\n")


@pytest.mark.parametrize("contents", [
    "一、部门概况\n(一)部门机构设置\n(二)部门职能\n、绩效目标\n、评价结论",  # the contents' later numerals lost by the page
    # variant: a contents list whose numerals all stand
    "一、部门概况\n二、绩效目标\n三、评价结论",
])
def test_a_heading_written_again_after_a_contents_list_is_no_duplicate(contents):
    text = _CONTENTS.format(contents=contents)
    assert "report.section_duplicate" not in _codes(text) + _doubted(text)


def test_two_different_headings_given_one_number_are_still_a_duplicate():
    # guard: 一、部门概况 then 一、绩效目标 — the second should be 二、
    text = "安平县委组织部整体支出绩效自评报告\n一、部门概况\n本部门编报单位共3个。\n一、绩效目标\n全年目标全部完成。\n"
    assert "report.section_duplicate" in _codes(text)


# --- an amount, a full stop, then the items it is made of between semicolons -------------------------------------------

_ITEMS = "某自治区文物局中央转移支付2020年度绩效自评报告\n一、资金情况\n{body}\n二、绩效目标\n全部完成。\n"


@pytest.mark.parametrize("body, code", [
    # 9378 against its six items 7765 (one item counted in another amount too)
    ("一是某宫管理处,下达预算资金9378万元。具体是:雪城修缮工程项目3005万元;结构检测工程项目1235万元;古籍数字化项目255万元;"
     "预防性保护项目429万元;抢救性保护项目1228万元;消防提升工程项目1613万元。", "report.parts_sum"),
    # variant: 分别为, a clause after an item's amount, the items above the amount
    ("共下达资金1950万元。分别为:重金属污染防治专项资金1000万元,资金直接拨付至市财政局;排污许可证核发经费40万元;"
     "大气污染联防联治专项资金930万元。", "report.parts_exceed_total"),
])
def test_items_listed_after_an_amounts_full_stop_that_do_not_add_up_are_found(body, code):
    assert code in _codes(_ITEMS.format(body=body))


@pytest.mark.parametrize("body", [
    # guard: the items add up (1000 + 40 + 910 = 1950)
    "共下达资金1950万元。分别为:重金属污染防治专项资金1000万元,资金直接拨付至市财政局;排污许可证核发经费40万元;"
    "大气污染联防联治专项资金910万元。",
    # guard: an item holding two amounts (its own parts): not a list of one amount each
    "下达预算资金9378万元。具体是:修缮工程项目3005万元,其中监理费15万元;检测工程项目1235万元。",
])
def test_items_that_add_up_or_are_no_list_of_single_amounts_are_not_found(body):
    found = _codes(_ITEMS.format(body=body))
    assert "report.parts_sum" not in found and "report.parts_exceed_total" not in found
