"""The report checks on self-evaluation reports in shapes other provinces publish (tests/checks/published/shapes/):
each finds exactly its planted errors, and its key figures are read."""

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.checks import check_report_text
from jixiao.published import parse_report_text

SHAPES = Path(__file__).parent / "shapes"


def read(name: str) -> str:
    return (SHAPES / name).read_text(encoding="utf-8")


def codes(text: str) -> list[str]:
    return sorted(f.code for f in check_report_text(text))


@pytest.mark.parametrize("name, planted", [
    # correct: 第一部分 parts above 一、, sums and rate in 万元 agree
    ("zhejiang-department-parts.txt", []),
    # parts 1.2 + 0.8 + 1.9 亿元 > 3.5 亿元; 12 indicators = 6 + 4 + 1; 85 分 is 良 not 优; （一） then （三）
    ("sichuan-project-yiyuan.txt", ["report.count_parts", "report.grade_band", "report.parts_exceed_total",
                                     "report.section_gap"]),
    # amounts in 元, the rate in words (百分之九十八点五); （一） then （三）
    ("hubei-department-yuan.txt", ["report.section_gap"]),
    # a table flattened into one line; the conclusion names 2021 under a 2022 title
    ("guangdong-flattened-table.txt", ["report.year_mismatch"]),
    # 76.5 分 written as 优
    ("jiangsu-department-grade.txt", ["report.grade_band"]),
    # space-separated 自评表: weights 90 ≠ 100, 89.5 is 良, an unmet 按期完工率 with full points; 年初 800 → 1,000
    ("shandong-project-table.txt", ["report.budget_adjusted", "report.grade_band", "report.row_unmet_full",
                                    "report.table_weights"]),
])
def test_each_report_has_exactly_its_planted_findings(name, planted):
    assert codes(read(name)) == sorted(planted)


def test_figures_are_read_in_the_documents_own_unit():
    zhejiang = parse_report_text(read("zhejiang-department-parts.txt"))
    assert (zhejiang.department, zhejiang.year, zhejiang.unit) == ("浙江省杭州市西湖区民政局", 2023, "万元")
    assert (zhejiang.budget_total, zhejiang.executed_total, zhejiang.execution_rate) == (
        Decimal("12345.67"), Decimal("12100.50"), Decimal("98.01"))
    sichuan = parse_report_text(read("sichuan-project-yiyuan.txt"))
    assert (sichuan.department, sichuan.unit, sichuan.budget_total, sichuan.executed_total) == (
        "四川省成都市锦江区教育局", "亿元", Decimal("3.5"), Decimal("3.38"))
    hubei = parse_report_text(read("hubei-department-yuan.txt"))
    assert (hubei.unit, hubei.execution_rate, hubei.carryover) == ("元", Decimal("98.5"), Decimal("67890.12"))
    guangdong = parse_report_text(read("guangdong-flattened-table.txt"))
    assert (guangdong.budget_total, guangdong.executed_total, guangdong.execution_rate) == (
        Decimal("5678.90"), Decimal("5600.00"), Decimal("98.61"))
    assert guangdong.year == 2022
    shandong = parse_report_text(read("shandong-project-table.txt"))
    assert shandong.department == "山东省青岛市市南区财政局"
    assert (shandong.budget_total, shandong.executed_total, shandong.score, shandong.grade) == (
        Decimal("1000"), Decimal("950"), Decimal("89.5"), "优")


def test_parts_above_the_numbered_headings_are_an_outline_level_of_their_own():
    report = parse_report_text(read("zhejiang-department-parts.txt"))
    parts = [h for h in report.sections if h.level == 0]
    assert [h.label for h in parts] == ["第一部分", "第二部分", "第三部分", "第四部分"]
    assert parts[0].title == "部门基本情况"
    text = "第一部分 基本情况\n一、概况\n概况。\n第三部分 自评结论\n一、结论\n结论。\n第三部分 问题和改进措施\n问题。\n"
    found = {f.code: f.message for f in check_report_text(text)}
    assert "缺少第二部分" in found["report.section_gap"]
    assert "后者应为第四部分" in found["report.section_duplicate"]


def test_a_text_ending_in_a_table_row_is_not_cut_off():
    assert parse_report_text(read("shandong-project-table.txt")).truncated is None
    cut = read("zhejiang-department-parts.txt").split("二、改进措施")[0] + "二、改进措施\n加强预算执行监控，按月通报执行进度，对进度偏慢的项目"
    assert parse_report_text(cut).truncated is not None


def test_a_finance_bureau_is_named_whole():
    report = parse_report_text("青岛市市南区财政局2022年度部门整体支出绩效自评报告\n一、基本情况\n")
    assert report.department == "青岛市市南区财政局"


def test_a_year_in_a_comparison_is_not_the_evaluation_year():
    text = ("2022年度某市统计局部门整体支出绩效自评报告\n一、自评结论\n本局2022年度部门整体支出绩效自评得分为92分，"
            "较2021年度自评得分提高2分，评价等级为优。\n")
    assert codes(text) == []
    assert codes(text.replace("本局2022年度", "本局2021年度")) == ["report.year_mismatch"]


@pytest.mark.parametrize("written, percent", [("百分之九十八点五", "98.5"), ("百分之百", "100"), ("百分之六十", "60")])
def test_rates_written_in_words(written, percent):
    report = parse_report_text(f"全年预算数200万元，执行数197万元，执行率为{written}。")
    assert report.execution_rate == Decimal(percent)


def test_a_bare_number_after_a_label_is_read_only_as_a_cell_of_its_own():
    report = parse_report_text("（单位：万元）\n全年预算数 1,200.00 全年执行数 1,100.00 执行率 91.67%\n")
    assert (report.budget_total, report.executed_total) == (Decimal("1200.00"), Decimal("1100.00"))
    # a run of numbers (年初 全年 执行 columns) and a count or date are not the labelled amount
    assert parse_report_text("年度资金总额 800 1,000 950\n").budget_total is None
    assert parse_report_text("项目资金2022年下达到位。\n").budget_total is None
