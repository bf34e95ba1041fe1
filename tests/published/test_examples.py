"""Reading real published reports: the reference report and the five published examples."""

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.published import model as pm
from jixiao.published import parse_report_file, parse_report_text

HERE = Path(__file__).parents[1] / "data" / "published"


@pytest.fixture(scope="module")
def reference():
    return parse_report_file(HERE / "reference-440112-gsl-2022.txt")


def example(name: str):
    return parse_report_file(HERE / f"{name}.txt")


def test_reference_key_figures(reference):
    data = reference.to_json()
    assert data["department"] == "广州市黄埔区工商业联合会"
    assert data["year"] == 2022
    assert data["kind"] == "部门整体"
    assert data["unit"] == "万元"
    assert data["budget_total"] == "1291.73"
    assert data["executed_total"] == "1288.38"
    assert data["execution_rate"] == "99.7%"
    assert data["by_source"] == {"一般公共预算财政拨款": "1288.38", "政府性基金预算财政拨款": "0",
                                 "国有资本经营预算财政拨款": "0", "其他资金": "0"}
    assert data["by_nature"] == {"基本支出": "815.05", "项目支出": "473.33"}
    assert data["carryover"] == "0"
    assert data["score"] == "95.91"
    assert data["grade"] == "优"


def test_reference_json_has_exactly_the_documented_keys(reference):
    assert list(reference.to_json()) == ["department", "year", "kind", "unit", "budget_total", "executed_total",
                                         "execution_rate", "by_source", "by_nature", "carryover", "score", "grade",
                                         "tasks", "sections"]


def test_reference_tasks_with_funds_and_indicator_counts(reference):
    tasks = [(t.code, t.name, t.funds, t.indicator_total, dict(t.indicator_by_level1), t.indicator_achieved)
             for t in reference.tasks]
    assert tasks == [
        ("1", "工商联业务及海内外联谊工作", Decimal("42.52"), 6, {"产出指标": 3, "效益指标": 2, "满意度指标": 1}, 5),
        ("2", "区非公有制经济组织党委工作", Decimal("52.61"), 5, {"产出指标": 2, "效益指标": 1, "满意度指标": 2}, 5),
        ("3", "区“两新”组织党建创新中心工作", Decimal("290.17"), 8, {"产出指标": 5, "效益指标": 2, "满意度指标": 1}, 8),
    ]


def test_reference_outline_keeps_the_repeated_section_number(reference):
    outline = [(h.level, h.label, h.title) for h in reference.sections if h.level <= 2]
    assert outline[:5] == [(1, "一、", "基本情况"), (2, "（一）", "部门概况"), (2, "（二）", "年度总体工作和重点工作任务"),
                           (2, "（三）", "部门整体收支情况"), (2, "（三）", "部门整体绩效管理情况")]
    assert [h.title for h in reference.sections if h.level == 1] == ["基本情况", "综合评价分析", "存在的主要问题",
                                                                     "下一步改进措施"]
    assert (reference.sections[3].line, reference.sections[4].line) == (23, 27)


def test_reference_claims_say_where_they_were_read(reference):
    budget = reference.first(pm.BUDGET_TOTAL)
    assert budget.line == 25 and budget.text == "全年预算数 1,291.73 万元" and budget.label == "全年预算数"
    original = (HERE / "reference-440112-gsl-2022.txt").read_text(encoding="utf-8")
    assert original[budget.start:budget.end] == "1,291.73"
    rate = reference.first(pm.EXECUTION_RATE)
    assert original[rate.start:rate.end] == "99.7"
    assert reference.truncated is None


def test_006_inline_list_numbers_two_items_4():
    report = example("006")
    lists = report.claims_for(pm.INLINE_LIST)
    assert [c.value.numbers for c in lists] == [(1, 2, 3, 4, 4, 5)]
    assert report.department == "岳阳市城市管理监督指挥中心" and report.year == 2018 and report.kind == "部门整体"
    assert report.truncated is not None
    assert report.first(pm.STAFF_ESTABLISHMENT).value == 21 and report.first(pm.STAFF_ACTUAL).value == 21


def test_008_pdf_table_amounts_in_yuan_with_interleaved_columns():
    report = example("008")
    assert report.unit == "元" and report.kind == "项目" and report.year == 2022
    assert report.department == "上海市普陀区体育事业管理中心"
    first, second = report.claims_for(pm.FUND_ROW)
    assert (first.value.full_year, first.value.executed, first.value.rate, first.value.weight, first.value.score) == (
        Decimal("250000.00"), Decimal("215457.6"), Decimal("86.19"), Decimal("10"), Decimal("8.62"))
    # the second table's cells are out of order: the executed amount is the one that gives 45.17%
    assert second.value.executed == Decimal("9034") and second.value.reordered
    assert [t.name for t in report.tasks] == ["普陀体育中心与委托运营方结算费用", "援滇对口支援及结对帮扶经费"]
    assert report.tasks[0].indicator_total == 5 and report.tasks[0].score == Decimal("98.62")
    # two projects in one file: the document states no single total
    assert report.budget_total is None


def test_011_national_table_with_separate_direction_and_unit_columns():
    report = example("011")
    data = report.to_json()
    assert (data["department"], data["year"], data["kind"], data["unit"]) == ("临沧市永德县明朗中学", 2022, "项目", "元")
    assert (data["budget_total"], data["executed_total"], data["execution_rate"]) == ("387664.62", "387664.62", "100%")
    assert (data["score"], data["grade"]) == ("96", "优")
    task = data["tasks"][0]
    assert task["name"] == "义务教育营养改善计划专项资金"
    assert task["indicators"] == {"total": 9, "by_level1": {"产出指标": 4, "效益指标": 3, "满意度指标": 2}, "achieved": 8}
    rows = {r.name: r for r in report.tasks[0].rows}
    assert (rows["资金到位及时率"].target, rows["资金到位及时率"].actual, rows["资金到位及时率"].score) == ("≥100%", "100%",
                                                                                               Decimal("7"))
    assert (rows["政策知晓率"].target, rows["政策知晓率"].actual, rows["政策知晓率"].reason) == ("=100%", "98%", "")
    assert rows["学生受资助人数"].level2 == "数量指标" and rows["家长满意度"].level1 == "满意度指标"


def test_019_breakdowns_and_staff_from_a_one_cell_per_line_table():
    report = example("019")
    assert report.department == "衡山县贯塘乡人民政府" and report.year == 2023 and report.kind == "部门整体"
    assert report.unit == "万元"
    assert dict(report.by_source) == {"一般公共预算财政拨款": Decimal("1325.68"), "政府性基金预算财政拨款": Decimal("118.82"),
                                      "其他资金": Decimal("585.62")}
    assert dict(report.by_nature) == {"基本支出": Decimal("900.47"), "项目支出": Decimal("1025.20")}
    assert report.first(pm.NATURE_TOTAL).value == Decimal("1925.67")
    assert report.first(pm.SOURCE_TOTAL).value == Decimal("2030.12")
    row = report.first(pm.FUND_ROW).value
    assert (row.initial, row.full_year, row.executed, row.rate) == (Decimal("861.10"), Decimal("2030.12"),
                                                                     Decimal("2030.12"), Decimal("100"))
    assert [report.first(k).value for k in (pm.STAFF_ESTABLISHMENT, pm.STAFF_ACTUAL, pm.STAFF_RATE)] == [
        Decimal("46"), Decimal("50"), Decimal("108.70")]


def test_022_report_without_title_line():
    report = example("022")
    data = report.to_json()
    assert (data["department"], data["year"], data["kind"], data["unit"]) == ("西平县交通运输局", 2022, "项目", "万元")
    assert (data["budget_total"], data["executed_total"], data["execution_rate"]) == ("2179", "2113.63", "97%")
    count = report.first(pm.COUNT_STATEMENT).value
    assert (count.total, count.parts) == (12, (("一级指标", 3), ("二级指标", 9), ("三级指标", 12)))
    assert report.first(pm.FULL_PAYMENT).value == Decimal("2179")
    assert data["grade"] is None  # “质量鉴定为合格” is a quality inspection, not the evaluation grade


def test_parse_report_text_accepts_empty_text():
    report = parse_report_text("")
    assert report.to_json()["tasks"] == [] and report.department is None and report.year is None
