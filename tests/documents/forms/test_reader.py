"""Filled 项目支出绩效自评表 as departments have them, read into project documents.

The test workbooks mimic the published forms in shared/reference/examples: 011.txt (永德县明朗中学,
national layout with 指标性质/指标值/度量单位 in separate columns, amounts in 元, ≧ and ═) and
008.txt (上海市普陀区, two forms one under the other, "=100%" and ">=90%" targets, 215,457.6 as text).
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from jixiao.documents.forms import write_project_forms
from jixiao.documents.forms.reader import read_project_forms
from jixiao.documents.workbook import WorkbookError, read_workbook, workbook_bytes
from jixiao.domain.enums import Direction, EvaluationKind, Level2, QualitativeGrade
from jixiao.scoring import score_document


def _blank(rows: int, cols: int) -> list[list]:
    return [[""] * cols for _ in range(rows)]


def form_011(xlsx, changes: dict | None = None) -> bytes:
    """永德县明朗中学 2022 义务教育营养改善计划专项资金, laid out as the published table."""
    g = _blank(25, 11)
    g[0][0] = "2022年度项目支出绩效自评表"
    g[1][0], g[1][10] = "部门:临沧市永德县明朗中学", "公开14表"
    g[2][0], g[2][2] = "项目名称", "义务教育营养改善计划专项资金"
    g[3][0], g[3][2], g[3][6], g[3][8] = "主管部门", "永德县教育体育局", "实施单位", "永德县明朗中学"
    g[4][0] = "项目资金 (元)"
    g[4][4:10] = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    g[5][2:10] = ["年度资金总额", "", 387664.62, 387664.62, 387664.62, 10, xlsx.Styled(1, "0%"), 10]
    g[6][2:10] = ["其中:当年财政 拨款", "", 387664.62, 387664.62, 387664.62, "—", "—", "—"]
    g[7][2:10] = ["上年结转 资金", "", "—", "—", "—", "—", "—", "—"]
    g[8][2:10] = ["其他资金", "", "—", "—", "—", "—", "—", "—"]
    g[9][0], g[9][2], g[9][6] = "年度 总体 目标", "预期目标", "实际完成情况"
    g[10][2] = g[10][6] = "确保每一个学生都能享受到国家政策福利,改善学生体质"
    g[11][0] = "绩效指标"
    g[11][1:11] = ["一级指标", "二级指标", "三级指标", "年度指标值", "", "", "实际完成值", "分值", "得分",
                   "偏差原因分析及改进措施"]
    g[12][4:7] = ["指标性质", "指标值", "度量单位"]
    rows = [
        ["产出指标", "数量指标", "学生受资助人数", "≧", 735, "人次", 735, 10, 10],
        ["", "质量指标", "营养改善计划覆盖率", "≧", 100, "%", xlsx.Styled(1, "0%"), 10, 10],
        ["", "时效指标", "资金到位及时率", "≧", 100, "%", "100%", 10, 7],
        ["", "成本指标", "生均补助标准达标率", "═", 100, "%", "100%", 10, 10],
        ["效益指标", "经济效益 指标", "减轻贫困学生家庭经济负担", "", "有效", "", "有效", 10, 10],
        ["", "社会效益 指标", "政策知晓率", "═", 100, "%", "98%", 10, 9],
        ["", "生态效益 指标", "", "", "", "", "", "", ""],
        ["", "可持续影响 指标", "促进学校教育事业健康发展", "≧", 100, "%", "100%", 10, 10],
        ["满意度指标", "服务对象满意度指标等", "学生满意度", "≧", 95, "%", "100%", 10, 10],
        ["", "", "家长满意度", "≧", 95, "%", "100%", "10", "10"],
    ]
    for offset, row in enumerate(rows):
        g[13 + offset][1:10] = row
    g[23][0], g[23][2] = "其他需要说明事项", "无"
    g[24][0], g[24][8], g[24][9], g[24][10] = "总分", 100, 96, "优"
    for (r, c), value in (changes or {}).items():
        g[r][c] = value
    merges = ["A1:K1", "A3:B3", "C3:K3", "A4:B4", "C4:F4", "G4:H4", "I4:K4", "A5:B9", "C5:D5", "C6:D6", "C7:D7",
              "C8:D8", "C9:D9", "A10:B11", "C10:F10", "G10:K10", "C11:F11", "G11:K11", "A12:A23", "B12:B13",
              "C12:C13", "D12:D13", "E12:G12", "H12:H13", "I12:I13", "J12:J13", "K12:K13", "B14:B17", "B18:B21",
              "B22:B23", "C22:C23", "A24:B24", "C24:K24", "A25:H25"]
    return xlsx.build({"2022项目自评": g}, merges={"2022项目自评": merges})


def test_the_national_layout_with_separate_columns_amounts_in_yuan_and_merges(xlsx):
    (doc,) = read_project_forms(form_011(xlsx), region_code="530923", department_code="530923-001")
    assert (doc.kind, doc.year, doc.department_name, doc.department_code) == (
        EvaluationKind.PROJECT, 2022, "永德县教育体育局", "530923-001")
    assert doc.rule_pack == "mof-2020-project"
    (project,) = doc.projects
    assert (project.name, project.unit) == ("义务教育营养改善计划专项资金", "永德县明朗中学")
    assert str(project.budget) == "38.766462" and project.executed == project.budget  # 元 → 万元, no digit lost
    assert project.goal.startswith("确保每一个学生") and project.goal_result.startswith("确保每一个学生")
    names = [i.name for i in doc.indicators]
    assert len(names) == 9 and "" not in names  # the empty 生态效益 row is skipped
    first = doc.indicators[0]
    assert (first.direction, first.target.text, first.target.number, first.unit, first.actual.number) == (
        Direction.GE, "≥735人次", Decimal(735), "人次", Decimal(735))  # as the national form prints it
    coverage = doc.indicators[1]
    assert coverage.actual.text == "100%"  # 1 in a percentage cell
    assert doc.indicators[3].direction is Direction.EQ  # ═
    economic = doc.indicators[4]
    assert (economic.level2, economic.direction, economic.actual.grade) == (
        Level2.ECONOMIC, Direction.QUALITATIVE, QualitativeGrade.ACHIEVED)
    assert doc.indicators[-1].level2 is Level2.SATISFACTION and doc.indicators[-1].level1.label == "满意度指标"
    assert [i.self_score for i in doc.indicators][:3] == [10, 10, 7]
    assert (doc.self_total, doc.self_grade) == (Decimal(96), "优")
    assert score_document(doc).weight_total == 100  # 90 indicator points + 10 for budget execution


def form_008(xlsx) -> bytes:
    """上海市普陀区体育事业管理中心: two project forms one under the other on one sheet."""
    rows: list[list] = []
    merges: list[str] = []

    def form(title, name, budget, executed, indicators, total):
        start = len(rows)
        rows.append(["财政项目支出绩效自评表", "", "", "", "", "", "", ""])
        rows.append([title, "", "", "", "", "", "", ""])
        rows.append(["项目名称", name, "", "", "", "", "", ""])
        rows.append(["主管部门", "上海市普陀区体育局", "", "", "实施单位", "上海市普陀区体育事业管理中心", "", ""])
        rows.append(["项目资金 (元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
        rows.append(["", "年度资金总额", budget, budget, executed, 10, "", ""])
        rows.append(["", "其中:当年财政拨款", budget, budget, executed, "—", "", "—"])
        rows.append(["", "上年结转资金", 0, 0, "", "—", "", "—"])
        rows.append(["", "其他资金", 0, 0, "", "—", "", "—"])
        rows.append(["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""])
        rows.append(["", "完成结算。", "", "", "已完成结算。", "", "", ""])
        rows.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
        rows.extend(indicators)
        rows.append(["总分", "", "", "", "", 100, total, ""])
        rows.append(["-1-", "", "", "", "", "", "", ""])
        merges.append(f"A{start + 5}:A{start + 9}")

    form("(2022 年度)", "普陀体育中心与委托运营方结算费用", "250000.00", "215,457.6", [
        ["产出指标", "数量指标", "与委托运营方结算完成率", "=100%", "100%", 10, 10, ""],
        ["产出指标", "质量指标", "合同结算条款完成率", "=100%", "100%", 20, 20, ""],
        ["产出指标", "时效指标", "费用结算及时性", "及时", "及时", 20, 20, ""],
        ["效益指标", "社会效益指标", "与委托运营方合同完成率", "=100%", "100%", 30, 30, ""],
        ["满意度指标", "服务对象满意度指标", "场馆开放满意度", ">=90%", "100%", 10, 10, ""],
    ], 98.62)
    form("(2022 年度)", "援滇对口支援及结对帮扶经费", 20000.00, 9034, [
        ["产出指标", "数量指标", "经费使用率", "=100%", "45.17%", 30, 13.55, "部分帮扶活动延至次年。"],
        ["效益指标", "社会效益指标", "经费使用完成情况", "完成", "部分完成", 30, 20, ""],
        ["满意度指标", "服务对象满意度指标", "满意度", ">=90%", "95%", 30, 30, ""],
    ], 68.07)
    return xlsx.build({"自评表": rows}, merges={"自评表": merges})


def test_several_forms_on_one_sheet_with_text_amounts_and_ascii_signs(xlsx):
    first, second = read_project_forms(form_008(xlsx))
    assert first.projects[0].name == "普陀体育中心与委托运营方结算费用" and first.year == 2022
    assert (str(first.projects[0].budget), str(first.projects[0].executed)) == ("25.00", "21.54576")
    assert [i.target.direction for i in first.indicators] == [Direction.EQ, Direction.EQ, Direction.QUALITATIVE,
                                                               Direction.EQ, Direction.GE]
    assert first.self_total == Decimal("98.62") and first.indicators[2].actual.grade is QualitativeGrade.ACHIEVED
    assert second.projects[0].name == "援滇对口支援及结对帮扶经费" and second.year == 2022
    assert str(second.projects[0].executed) == "0.9034"
    assert second.indicators[0].deviation_reason == "部分帮扶活动延至次年。"
    assert second.indicators[1].actual.grade is QualitativeGrade.PARTIAL
    assert second.self_total == Decimal("68.07")


def test_points_before_values_and_a_separate_execution_row(xlsx):
    rows = [
        ["2023年度项目支出绩效自评表", "", "", "", "", "", "", ""],
        ["项目名称", "", "社区体育设施维护", "", "", "", "", ""],
        ["主管部门", "", "某区体育局", "", "实施单位", "", "某区体育中心", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率", "", ""],
        ["", "年度资金总额", 80, 100, 90, "90%", "", ""],
        ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施"],
        ["预算执行", "预算执行率", "预算执行率", 10, "100%", "90%", 9, ""],
        ["产出指标", "数量指标", "维护设施数量", 40, "≥50处", "52处", 40, ""],
        ["效益指标", "社会效益指标", "设施完好率", 30, "≥95%", "96%", 30, ""],
        ["满意度指标", "服务对象满意度指标", "居民满意度", 20, "≥90%", "88%", 19.56, "宣传不足"],
        ["总分", "", "", 100, "", "", 98.56, "优"],
    ]
    (doc,) = read_project_forms(xlsx.build({"Sheet1": rows}))
    assert doc.year == 2023 and [i.name for i in doc.indicators] == ["维护设施数量", "设施完好率", "居民满意度"]
    assert [i.weight for i in doc.indicators] == [40, 30, 20]  # 90 points; execution is scored from the funds
    assert doc.indicators[0].target.text == "≥50处" and doc.indicators[2].self_score == Decimal("19.56")
    result = score_document(doc)
    assert result.weight_total == 100 and result.execution.score == Decimal("9.00")


def test_a_form_written_by_jixiao_reads_back(worked_project):
    buffer = io.BytesIO()
    write_project_forms(worked_project, buffer)
    (doc,) = read_project_forms(buffer.getvalue(), department_code="440112-107", region_code="440112")
    project, original = doc.projects[0], worked_project.projects[0]
    for field in ("name", "unit", "initial_budget", "budget", "executed", "prior_year_carryover", "goal",
                  "goal_result"):
        assert getattr(project, field) == getattr(original, field), field
    for read, written in zip(doc.indicators, worked_project.indicators, strict=True):
        assert (read.level1, read.level2, read.name, read.target.text, read.actual.text, read.weight,
                read.deviation_reason, read.improvement) == (
            written.level1, written.level2, written.name, written.target.text, written.actual.text, written.weight,
            written.deviation_reason, written.improvement)
    assert (doc.self_total, doc.self_grade) == (Decimal("95.62"), "优")
    assert score_document(doc).total == Decimal("95.62")
    # and on into the self-evaluation workbook, for import
    assert read_workbook(workbook_bytes(doc)).indicators == doc.indicators


def test_problems_in_a_form_are_located_exactly(xlsx):
    data = form_011(xlsx, {(13, 5): "≥约30", (15, 2): "进度指标", (16, 8): "十分"})
    with pytest.raises(WorkbookError) as caught:
        read_project_forms(data)
    assert [str(p) for p in caught.value.problems] == [
        "2022项目自评!F14：“≥约30”无法识别为数值",
        "2022项目自评!C16：“进度指标”不是有效的二级指标（可选：数量指标、质量指标、时效指标、成本指标、经济效益指标、"
        "社会效益指标、生态效益指标、可持续影响指标、服务对象满意度指标）",
        "2022项目自评!I17：“十分”不是数值",
    ]


def test_sign_and_unit_columns_are_combined_once_and_a_contradicting_sign_is_refused_at_its_cell(xlsx):
    (doc,) = read_project_forms(form_011(xlsx, {(13, 5): "不少于735", (14, 5): "≥100"}))
    first, coverage = doc.indicators[:2]
    assert (first.target.text, first.direction, first.target.number) == ("不少于735人次", Direction.GE, 735)
    assert coverage.target.text == "≥100%"  # the ≧ column repeats the value's sign: not doubled
    with pytest.raises(WorkbookError) as caught:
        read_project_forms(form_011(xlsx, {(14, 4): "≦", (14, 5): "≥100"}))
    assert [str(p) for p in caught.value.problems] == [
        "2022项目自评!E15：“≤”（指标性质）与指标值“≥100”所写的“≥”矛盾，请改正其中之一"]


@pytest.mark.parametrize("first, second, framework", [
    ("决策", "过程", "决策、过程、产出、效益"),
    ("投入", "过程", "投入、过程、产出、效果"),
    ("管理效率", "履职效能", "预算管理、管理效率、履职效能、满意度"),
])
def test_a_table_of_another_framework_is_refused_once_naming_it(xlsx, first, second, framework):
    changes = {(13, 1): first, (13, 2): "项目立项", (15, 1): second, (15, 2): "业务管理", (17, 1): "效益指标"}
    with pytest.raises(WorkbookError) as caught:
        read_project_forms(form_011(xlsx, changes))
    (problem,) = caught.value.problems
    assert f"一级指标按“{framework}”框架填写" in str(problem) and "无法按项目支出规则评分" in str(problem)
    assert str(problem).startswith("2022项目自评!B13：")


def test_a_workbook_without_a_form_is_named_as_such(xlsx):
    with pytest.raises(WorkbookError, match="没有找到项目支出绩效自评表"):
        read_project_forms(xlsx.build({"Sheet1": [["姓名", "年龄"]]}))


def test_a_form_without_a_year_needs_one(xlsx):
    data = form_011(xlsx, {(0, 0): "项目支出绩效自评表"})
    with pytest.raises(WorkbookError, match="找不到年度"):
        read_project_forms(data)
    (doc,) = read_project_forms(data, year=2022)
    assert doc.year == 2022


def test_wording_jixiao_does_not_know_makes_its_row_unverifiable_not_the_table_refused(xlsx):
    """The values owner: 严格执行相关制度规定, 程度较高, 不发生, 市级保护单位 are read per row — that row is kept,
    named as unverifiable and asked about, with its hand score; the rest of the table is scored, and the
    total says how many rows it could not verify."""
    changes = {(17, 4): "", (17, 5): "严格执行相关制度规定", (17, 6): "", (17, 7): "达成预期指标",
               (18, 4): "", (18, 5): "不发生", (18, 6): "", (18, 7): "未发生", (18, 9): 8,
               (20, 4): "", (20, 5): "市级保护单位", (20, 6): "", (20, 7): "程度较高"}
    (doc,) = read_project_forms(form_011(xlsx, changes))
    rows = {i.name: i for i in doc.indicators}
    assert len(doc.indicators) == 9  # nothing refused, no row dropped
    assert rows["减轻贫困学生家庭经济负担"].unread == "指标值“严格执行相关制度规定”无法识别为数值或定性完成情况"
    assert rows["政策知晓率"].target.text == "不发生" and rows["政策知晓率"].unread
    result = score_document(doc)
    assert result.unverified == 3
    item = result.indicator(rows["政策知晓率"].code)
    assert (item.method, item.score) == ("unverifiable", Decimal("8.00"))
    assert "指标值“不发生”无法识别" in item.explanation and "按自评得分 8 分计" in item.explanation
    assert any(f.code == "unverifiable" and "市级保护单位" in f.message for f in result.notes)
    assert result.indicator(rows["学生受资助人数"].code).method == "ge"  # the readable rows are scored by rule


def test_a_row_with_neither_target_nor_actual_keeps_its_hand_score_unverified(xlsx):
    (doc,) = read_project_forms(form_011(xlsx, {(15, 4): "", (15, 5): "", (15, 6): "", (15, 7): ""}))
    result = score_document(doc)
    item = result.indicator(next(i.code for i in doc.indicators if i.name == "资金到位及时率"))
    assert (item.method, item.score) == ("unverifiable", Decimal("7.00")) and result.unverified == 1
    assert "未填写指标值和实际完成值，无法核实，按自评得分 7 分计" in item.explanation


def test_an_unread_row_stays_unverifiable_once_stored_and_read_back(xlsx):
    from jixiao.evaluations.store import _indicator

    (doc,) = read_project_forms(form_011(xlsx, {(18, 4): "", (18, 5): "不发生", (18, 6): "", (18, 7): "未发生"}))
    row = next(i for i in doc.indicators if i.unread)
    stored = {"code": row.code, "level1": row.level1.value, "level2": row.level2.value, "name": row.name,
              "direction": row.direction.value, "unit": row.unit, "target_text": row.target.text, "target_value": None,
              "actual_text": row.actual.text, "actual_value": None, "actual_grade": "", "weight": row.weight,
              "self_score": row.self_score, "deviation_reason": "", "improvement": "", "target_basis": "",
              "applicable": True}
    assert _indicator(stored).unread == row.unread == "指标值“不发生”无法识别为数值或定性完成情况"
    standard = dict(stored, target_text="长期", actual_text="达成预期指标", actual_grade="achieved")
    assert _indicator(standard).unread == ""
