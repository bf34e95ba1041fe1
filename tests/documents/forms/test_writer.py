"""The official forms as printable xlsx: the national project form and the department form, with
the scoring engine's scores, merged cells as the forms have them, A4 set-up."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest

from jixiao.documents import office
from jixiao.assessment import assess
from jixiao.documents.forms import FormError, project_document, write_department_form, write_project_forms
from jixiao.scoring import score_document


def _load(writer, doc, **kwargs):
    buffer = io.BytesIO()
    notes = writer(doc, buffer, **kwargs)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue())), notes


def _texts(sheet) -> list[list[str]]:
    """Every cell as text; a merged cell reads as its range's top-left value (as a person sees it)."""
    rows = [[("" if cell.value is None else str(cell.value)) for cell in row] for row in sheet.iter_rows()]
    for merged in sheet.merged_cells.ranges:
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                rows[r - 1][c - 1] = value
    return rows


def _row_with(sheet, text: str) -> list[str]:
    return next(row for row in _texts(sheet) if text in row)


def test_the_project_form_has_the_national_layout_and_the_engines_scores(worked_project):
    book, notes = _load(write_project_forms, worked_project)
    assert notes.notes == []
    sheet = book["会员企业培训服务"]
    assert sheet["A1"].value == "项目支出绩效自评表" and sheet["A2"].value == "（2022年度）"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:I1", "A2:I2", "A3:C3", "D3:I3", "A5:A9", "A10:A11", "B10:E10", "F10:I10"} <= merged
    assert _row_with(sheet, "项目名称")[3] == "会员企业培训服务"
    assert _row_with(sheet, "主管部门")[3:7] == ["广州市黄埔区工商业联合会", "广州市黄埔区工商业联合会", "实施单位",
                                              "广州市黄埔区工商业联合会"]
    header = _row_with(sheet, "年初预算数")
    assert header[3:9] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert _row_with(sheet, "年度资金总额")[3:9] == ["45.00", "50.00", "48.50", "10", "97.00%", "9.70"]
    assert _row_with(sheet, "其中：当年财政拨款")[3:5] == ["45.00", "45.00"]
    assert _row_with(sheet, "上年结转资金")[3:6] == ["—", "5.00", "—"]
    assert _row_with(sheet, "预期目标")[1] == "预期目标"
    assert sheet["B11"].value.startswith("全年举办会员企业培训") and sheet["F11"].value.startswith("举办培训9场")
    result = score_document(worked_project)
    rows = {row[3]: row for row in _texts(sheet) if row[3] in {i.name for i in worked_project.indicators}}
    assert rows["培训场次"][1:9] == ["产出指标", "数量指标", "培训场次", "≥10场", "9场", "15", "13.50",
                                 "受疫情影响，一场培训延至次年。\n改进措施：提前排期，预留备用场地。"]
    assert rows["人均成本"][7] == str(result.indicator("1-4").score) == "14.42"
    assert rows["会员企业经营能力提升"][7] == "18.00"  # the self score inside the 达成 band
    assert _row_with(sheet, "总分")[6:9] == ["100", "95.62", "自评等级：优"]
    first_indicator = next(i for i, row in enumerate(_texts(sheet), 1) if row[3] == "培训场次")
    assert f"B{first_indicator}:B{first_indicator + 3}" in merged  # 产出指标 once for its four rows
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "portrait"  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage


def _indicator_rows(sheet, doc) -> dict[str, list[str]]:
    names = {i.name for i in doc.indicators}
    return {row[3]: row for row in _texts(sheet) if row[3] in names}


def test_a_departments_projects_are_scored_with_their_tasks_weights_rescaled(reference_document):
    """A department's project takes its task's indicators, whose 分值 add up to what the task has in
    the department pack (18 for task 2), not to the 90 the project pack leaves beside 预算执行率:
    they are rescaled in proportion, the form is scored and says so."""
    book, notes = _load(write_project_forms, reference_document)
    assert book.sheetnames == ["工商联业务及海内外联谊工作经费", "非公党委工作经费", "两新党建中心工作经费"]
    for project in reference_document.projects:
        sheet = book[project.name[:31]]
        project_doc = project_document(reference_document, project)
        result = assess(project_doc).result
        assert result is not None
        rows = _indicator_rows(sheet, reference_document)
        assert sum(Decimal(row[6]) for row in rows.values()) == 90
        assert _row_with(sheet, "总分")[6:9] == ["100", str(result.total), f"自评等级：{result.grade}"]
        assert any(row[0].startswith("说明：本项目的绩效指标沿用任务") and "已按比例折算为 90 分" in row[0]
                   for row in _texts(sheet))
    task_two = _indicator_rows(book["非公党委工作经费"], reference_document)
    assert [task_two[i.name][6] for i in reference_document.tasks[1].indicators] == ["20", "20", "30", "10", "10"]
    assert notes.notes[1] == ("项目“非公党委工作经费”：本项目的绩效指标沿用任务2“区非公有制经济组织党委工作”的指标，"
                              "其分值合计 18 分，已按比例折算为 90 分（与预算执行率 10 分合计 100 分，按最大余数法保留两位"
                              "小数）；自评得分按同一比例折算。")


def test_rescaled_weights_add_up_exactly_by_largest_remainder(reference_document):
    """Task 1's 4+4+4+4+3+3 = 22 points become 90: 90 × 4 ÷ 22 = 16.3636…, the two cents left go to
    the largest remainders, the earlier first."""
    project = reference_document.tasks[0].projects[0]
    weights = [i.weight for i in project_document(reference_document, project).indicators]
    assert weights == [Decimal(w) for w in ("16.37", "16.37", "16.36", "16.36", "12.27", "12.27")]
    assert sum(weights) == 90


def test_a_hand_score_is_rescaled_with_its_weight(reference_document):
    """A qualitative indicator's 自评得分 is on its own 分值: 5 of 6 becomes 25 of 30."""
    task = reference_document.tasks[1]
    core = next(i for i in task.indicators if i.name == "非公企业基层党组织领导核心作用")
    changed = replace(core, self_score=Decimal("5"))
    doc = replace(reference_document, tasks=(reference_document.tasks[0],
                                             replace(task, indicators=tuple(changed if i is core else i
                                                                            for i in task.indicators)),
                                             *reference_document.tasks[2:]))
    book, _ = _load(write_project_forms, doc, project_codes=["非公党委工作经费"])
    assert _indicator_rows(book.active, doc)[core.name][6:8] == ["30", "25.00"]


def test_a_project_that_cannot_be_scored_is_written_with_a_note(reference_document):
    task = reference_document.tasks[1]
    unweighted = replace(task.indicators[0], weight=None)
    doc = replace(reference_document, tasks=(reference_document.tasks[0],
                                             replace(task, indicators=(unweighted, *task.indicators[1:])),
                                             *reference_document.tasks[2:]))
    book, notes = _load(write_project_forms, doc, project_codes=["非公党委工作经费"])
    sheet = book["非公党委工作经费"]
    assert notes.notes == [f"项目“非公党委工作经费”：指标“{unweighted.name}”（{unweighted.code}）未填写分值，"
                           "规则包“mof-2020-project”按指标分值计分"]
    assert _row_with(sheet, "总分")[7] == ""  # no score when the rules refuse the weights
    assert any(row[0].startswith("说明：未计分——指标") for row in _texts(sheet))


def test_zero_amounts_on_the_forms_have_two_places(reference_document):
    book, _ = _load(write_project_forms, reference_document, project_codes=["非公党委工作经费"])
    assert _row_with(book.active, "年度资金总额")[3:6] == ["0.00", "52.61", "52.61"]
    assert _row_with(book.active, "上年结转资金")[4] == "0.00"
    book, _ = _load(write_department_form, reference_document)
    assert _row_with(book.active, "政府性基金预算财政拨款")[3:7] == ["0.00", "0.00", "0.00", "—"]


def test_choosing_projects_and_unknown_projects(reference_document):
    book, _ = _load(write_project_forms, reference_document, project_codes=["非公党委工作经费"])
    assert book.sheetnames == ["非公党委工作经费"]
    with pytest.raises(FormError, match="找不到项目：不存在的项目"):
        write_project_forms(reference_document, io.BytesIO(), project_codes=["不存在的项目"])


def test_the_department_form_shows_funds_tasks_and_every_scored_item(reference_document):
    book, notes = _load(write_department_form, reference_document)
    assert notes.notes == []
    sheet = book["部门整体支出绩效自评表"]
    assert sheet["A1"].value == "部门整体支出绩效自评表"
    assert _row_with(sheet, "部门（单位）名称")[3] == "广州市黄埔区工商业联合会"
    assert _row_with(sheet, "合计")[3:9] == ["1,266.80", "1,291.73", "1,288.38", "99.74%", "99.74%", "0.00"]
    assert _row_with(sheet, "按支出性质：基本支出")[4:6] == ["815.05", "815.05"]
    assert _row_with(sheet, "项目支出")[4:6] == ["476.68", "473.33"]
    task_one = _row_with(sheet, "任务1：工商联业务及海内外联谊工作")
    assert task_one[9].startswith("乡村振兴产业对接成功案例：2022 年受新冠病毒疫情影响")
    result = score_document(reference_document)
    execution = _row_with(sheet, "预算执行率")
    assert execution[6:8] == ["10", str(result.execution.score)]
    adjustment = _row_with(sheet, "预算调整率")
    assert adjustment[:2] == ["管理效率", "预算执行"] and adjustment[7] == str(result.item("budget_adjustment_rate").score)
    case = _row_with(sheet, "乡村振兴产业对接成功案例")
    assert case[4:8] == ["≥1个", "0个", "3", "0.00"] and case[8].startswith("2022 年受新冠病毒疫情影响")
    assert _row_with(sheet, "总分")[6:9] == ["100", "95.91", "自评等级：优"]
    assert sheet.page_setup.orientation == "landscape"


def test_the_department_form_notes_a_stated_total_that_differs(reference_document):
    doc = replace(reference_document, self_total=reference_document.self_total + 1)
    book, _ = _load(write_department_form, doc)
    assert any(row[0] == "说明：部门自报总分 96.91（优），按规则“gd-2022-department”计算为 95.91（优）。"
               for row in _texts(book.active))


def test_formula_like_text_on_a_form_stays_text(worked_project):
    task = worked_project.tasks[0]
    risky = replace(task.indicators[0], deviation_reason='=HYPERLINK("http://x","点我")', improvement="")
    doc = replace(worked_project, tasks=(replace(task, indicators=(risky,) + task.indicators[1:]),))
    book, _ = _load(write_project_forms, doc)
    cell = next(c for row in book.active.iter_rows() for c in row if c.value == '=HYPERLINK("http://x","点我")')
    assert cell.data_type == "s" and cell.quotePrefix


@pytest.mark.skipif(office.soffice() is None, reason="LibreOffice is not installed")
def test_the_forms_convert_to_pdf_with_libreoffice(reference_document, worked_project, tmp_path):
    import pdfplumber

    write_department_form(reference_document, tmp_path / "department.xlsx")
    write_project_forms(worked_project, tmp_path / "project.xlsx")
    for name in ("department", "project"):
        office.convert(tmp_path / f"{name}.xlsx", "pdf")
    with pdfplumber.open(tmp_path / "department.pdf") as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages).replace(" ", "")
    assert "部门整体支出绩效自评表" in text and "95.91" in text and "1,291.73" in text
    with pdfplumber.open(tmp_path / "project.pdf") as pdf:
        assert len(pdf.pages) == 1  # the project form fits one A4 page
        text = pdf.pages[0].extract_text().replace(" ", "")
    assert "项目支出绩效自评表" in text and "95.62" in text
