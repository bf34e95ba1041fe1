"""The self-evaluation workbook: exact round trip, the layout people see, safe text."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest

from jixiao.documents import office
from jixiao.documents.datafile import document_to_dict
from jixiao.documents.workbook import (
    WorkbookError,
    read_workbook,
    workbook_bytes,
    write_blank_template,
    write_workbook,
)
from jixiao.documents.workbook.layout import SHEET_ORDER


def test_the_reference_department_round_trips_exactly(reference_document, tmp_path):
    path = tmp_path / "gsl.xlsx"
    write_workbook(reference_document, path)
    again = read_workbook(path)
    assert document_to_dict(again) == document_to_dict(reference_document)
    assert again.execution_rate == reference_document.execution_rate
    # The reader fills each indicator in one step (Indicator.filled): it is the constructor's indicator
    import dataclasses

    for read, written in zip(again.indicators, reference_document.indicators, strict=True):
        assert list(vars(read)) == [f.name for f in dataclasses.fields(read)]
        assert read == written and hash(read) == hash(written)
        with pytest.raises(dataclasses.FrozenInstanceError):
            read.name = "x"


def test_export_import_export_gives_the_same_cell_values(reference_document, xlsx):
    first = workbook_bytes(reference_document)
    second = workbook_bytes(read_workbook(first))
    assert xlsx.sheets(first) == xlsx.sheets(second)  # cached values, as calamine reads them
    book_a = openpyxl.load_workbook(io.BytesIO(first))
    book_b = openpyxl.load_workbook(io.BytesIO(second))
    for name in book_a.sheetnames:  # and formulas, as openpyxl reads them
        cells_a = [[cell.value for cell in row] for row in book_a[name].iter_rows()]
        cells_b = [[cell.value for cell in row] for row in book_b[name].iter_rows()]
        assert cells_a == cells_b, name


def test_every_field_of_the_document_is_in_the_workbook(reference_document, xlsx):
    sheets = xlsx.sheets(workbook_bytes(reference_document))
    assert [name for name in sheets if name != "选项"] == list(SHEET_ORDER)
    info = {row[0].rstrip("*"): row[1] for row in sheets["基本信息"][1:]}
    assert info["部门代码"] == "440112-107" and info["年度"] == 2022 and info["自评总分"] == 95.91
    assert info["报告中的自称"] == "本会" and info["状态"] == "已公开"
    indicators = sheets["指标"]
    assert indicators[0][:9] == ["任务编号*", "一级指标*", "二级指标*", "三级指标*", "指标性质", "年度指标值",
                                 "度量单位", "实际完成值", "分值"]
    first = indicators[1]
    assert first[:8] == ["1", "产出指标", "数量指标", "基层商（协）会专题培训场次", "≥", "≥4场", "场", "4场"]
    funds = sheets["资金"]
    assert funds[1][:7] == ["一般公共预算财政拨款", "基本支出", 798.6, 815.05, 0.0, 815.05, 0.0]
    assert funds[2][7] == pytest.approx(0.992972)  # 473.33 / 476.68, the cached result of the formula


def test_the_workbook_is_made_for_people(reference_document):
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(reference_document)))
    indicators = book["指标"]
    assert indicators.freeze_panes == "E2"  # header row and the task/level/name columns stay in view
    assert indicators.column_dimensions["D"].width > 20
    validations = {str(v.sqref).split(":")[0]: v for v in indicators.data_validations.dataValidation}
    assert validations["B2"].formula1 == '"产出指标,效益指标,满意度指标"'
    assert validations["C2"].formula1 == "INDIRECT($B2)"  # 二级 follows the chosen 一级
    assert validations["E2"].formula1 == '"≥,≤,=,定性"'
    assert "人次" in validations["G2"].formula1
    assert validations["F2"].prompt and "≥4场" in validations["F2"].prompt  # input hint
    assert indicators["F2"].number_format == "@"  # values and codes stay text (1-1 never becomes a date)
    assert book["资金"]["C2"].number_format == "#,##0.00"
    assert book["资金"]["H2"].value.startswith("=IF(")
    assert book["选项"].sheet_state == "hidden"
    assert set(book.defined_names) >= {"产出指标", "效益指标", "满意度指标"}
    assert book["说明"].protection.sheet
    assert indicators.page_setup.orientation == "landscape" and indicators.page_setup.paperSize == 9


def test_the_blank_template_has_every_sheet_and_asks_for_the_basics(tmp_path):
    path = tmp_path / "blank.xlsx"
    write_blank_template(path)
    book = openpyxl.load_workbook(path)
    assert [name for name in book.sheetnames if name != "选项"] == list(SHEET_ORDER)
    assert book["指标"]["A1"].value == "任务编号*"
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    messages = [str(p) for p in caught.value.problems]
    assert "基本信息!B2：必填项“行政区划代码”为空" in messages
    assert "基本信息!B7：必填项“年度”为空" in messages


def test_formula_like_text_is_kept_and_cannot_run(reference_document):
    task = reference_document.tasks[0]
    risky = replace(task.indicators[0], deviation_reason='=HYPERLINK("http://x","点我")', improvement="-加强对接",
                    target_basis="@SUM(A1)")
    doc = replace(reference_document, tasks=(replace(task, indicators=(risky,) + task.indicators[1:]),)
                  + reference_document.tasks[1:])
    data = workbook_bytes(doc)
    cell = openpyxl.load_workbook(io.BytesIO(data))["指标"]["K2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","点我")'
    assert cell.quotePrefix  # Excel shows it as text and does not turn it into a formula on edit
    assert document_to_dict(read_workbook(data)) == document_to_dict(doc)


def test_amounts_keep_their_digits_and_scores_their_places(reference_document):
    line = replace(reference_document.fund_lines[0], executed=Decimal("987654321098.76"), carryover=Decimal("12.5"))
    doc = replace(reference_document, fund_lines=(line,) + reference_document.fund_lines[1:])
    again = read_workbook(workbook_bytes(doc))
    assert str(again.fund_lines[0].executed) == "987654321098.76"  # never through a binary float
    assert str(again.fund_lines[0].carryover) == "12.50"  # amounts have two places


def test_an_amount_with_more_places_than_stored_is_refused_at_its_cell(reference_document):
    line = replace(reference_document.fund_lines[0], executed=Decimal("38.766462"))
    doc = replace(reference_document, fund_lines=(line,) + reference_document.fund_lines[1:])
    with pytest.raises(WorkbookError) as caught:
        read_workbook(workbook_bytes(doc))  # the database keeps two places: it would round silently
    assert str(caught.value) == "资金!F2：金额最多保留 2 位小数：“38.766462”"


def test_text_longer_than_a_cell_is_refused_with_its_place(reference_document, tmp_path):
    section = replace(reference_document.sections[0], text="字" * 40000)
    doc = replace(reference_document, sections=(section,) + reference_document.sections[1:])
    with pytest.raises(WorkbookError) as caught:
        write_workbook(doc, tmp_path / "long.xlsx")
    assert str(caught.value).startswith("报告!C2：文字过长（40,000 字）")
    assert not (tmp_path / "long.xlsx").exists()


@pytest.mark.skipif(office.soffice() is None, reason="LibreOffice is not installed")
def test_the_workbook_opens_in_libreoffice(reference_document, tmp_path):
    import pdfplumber

    write_workbook(reference_document, tmp_path / "gsl.xlsx")
    office.convert(tmp_path / "gsl.xlsx", "pdf")
    with pdfplumber.open(tmp_path / "gsl.pdf") as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages).replace(" ", "")
    assert "jixiao自评工作簿" in text and "基层商（协）会专题培训场次" in text
    assert "99.30%" in text  # the 执行率 of the 项目支出 line (formula cell with its value)


def test_the_management_facts_are_asked_by_their_chinese_names(reference_document):
    """评价要点: every fact the pack asks for is listed by its name (管理制度健全性), answered or not;
    nobody types an English key, and what is read back is the same document."""
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(reference_document)))
    rows = [[c.value for c in row] for row in book["评价要点"].iter_rows(min_row=2)]
    assert [row[0] for row in rows] == ["管理制度健全性", "预决算信息公开性", "绩效运行监控", "资产管理规范性"]
    assert not any(isinstance(cell, str) and "_" in cell for row in rows for cell in row)
    assert read_workbook(workbook_bytes(reference_document)).facts == reference_document.facts
    unanswered = reference_document.with_changes(facts=reference_document.facts[:1])
    assert read_workbook(workbook_bytes(unanswered)).facts == unanswered.facts  # empty rows are no answer


def test_a_fact_name_the_pack_does_not_know_is_refused_at_its_cell(reference_document):
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(reference_document)))
    book["评价要点"]["A2"] = "管理制度健全"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(buffer.getvalue())
    assert "评价要点!A2：评分规则“gd-2022-department”中没有要点“管理制度健全”（可填：管理制度健全性、" in str(caught.value)
