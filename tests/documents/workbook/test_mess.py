"""Workbooks as people really send them: the reader accepts the mess and reads the right values."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest

from jixiao.documents.datafile import document_to_dict
from jixiao.documents.workbook import read_workbook, workbook_bytes
from jixiao.domain.enums import Direction, Level2, QualitativeGrade


@pytest.fixture
def sheets(reference_document, xlsx):
    """The reference workbook's cells, to spoil one way per test."""
    return copy.deepcopy(xlsx.sheets(workbook_bytes(reference_document)))


def _indicator(doc, code):
    return next(i for i in doc.indicators if i.code == code)


def test_full_width_digits_symbols_and_thousand_separators(sheets, xlsx):
    sheets["指标"][1][5] = "≧４场"  # 年度指标值 of 1-1
    sheets["指标"][1][7] = "４场"
    sheets["指标"][1][8] = "６"  # 分值 as full-width text
    sheets["指标"][2][4] = "≧"  # 指标性质 written the old way
    sheets["资金"][1][2] = "７９８．６０"  # an amount as full-width text
    sheets["资金"][1][3] = "815.05万元"
    sheets["资金"][2][3] = "4,766,800元"  # in 元: converted to 万元
    sheets["任务"][3][3] = "２９０．１７"
    sheets["项目"][3][5] = "2,901,700元"
    doc = read_workbook(xlsx.build(sheets))
    first = _indicator(doc, "1-1")
    assert (first.target.direction, first.target.number, first.target.unit) == (Direction.GE, Decimal(4), "场")
    assert first.actual.number == 4 and first.weight == 6
    assert _indicator(doc, "1-2").direction is Direction.GE
    assert doc.fund_lines[0].initial_budget == Decimal("798.60")
    assert doc.fund_lines[0].full_year_budget == Decimal("815.05")
    assert str(doc.fund_lines[1].full_year_budget) == "476.68"
    assert doc.tasks[2].funds == Decimal("290.17") and doc.tasks[2].projects[0].budget == Decimal("290.17")


def test_numbers_stored_as_text_and_text_stored_as_numbers(sheets, xlsx):
    sheets["基本信息"][6][1] = "2022"  # the year as text
    sheets["基本信息"][3][1] = 440112107  # a code typed as a number
    sheets["指标"][1][8] = 6.0  # already a number
    sheets["指标"][1][0] = 1.0  # task number typed as a number
    sheets["指标"][3][5] = 80  # a target typed as a number; the unit is in its own column
    sheets["指标"][3][7] = 80
    doc = read_workbook(xlsx.build(sheets))
    assert doc.year == 2022 and doc.department_code == "440112107"
    third = _indicator(doc, "1-3")
    # written as one cell would write it, with the sign and unit of their own columns
    assert (third.target.text, third.target.number, third.unit) == ("≥80人次", Decimal(80), "人次")
    assert _indicator(doc, "1-1") in doc.tasks[0].indicators


def test_percent_formatted_numbers_are_read_as_percentages(sheets, xlsx):
    sheets["指标"][6][7] = xlsx.Styled(0.91, "0%")  # 1-6 满意率: 91% typed into a percent cell
    sheets["指标"][6][5] = xlsx.Styled(0.9, "0.0%")
    doc = read_workbook(xlsx.build(sheets))
    satisfaction = _indicator(doc, "1-6")
    assert (satisfaction.actual.text, satisfaction.actual.number) == ("91%", Decimal(91))
    assert (satisfaction.target.text, satisfaction.target.number) == ("≥90%", Decimal(90))


def test_merged_task_cells_hidden_sheets_and_trailing_empty_rows(sheets, xlsx):
    for row in range(2, 7):  # task 1 written once, merged down A2:A7 as people do
        sheets["指标"][row][0] = ""
    data = xlsx.build(sheets, merges={"指标": ["A2:A7"]}, hidden=("指标", "资金"),
                      blank_formatted_rows={"指标": 500, "项目": 50})
    doc = read_workbook(data)
    assert [i.code for i in doc.tasks[0].indicators] == ["1-1", "1-2", "1-3", "1-4", "1-5", "1-6"]
    assert len(doc.indicators) == 19 and len(doc.projects) == 3


def test_formula_cells_give_their_cached_values(sheets, xlsx):
    sheets["指标"][1][8] = xlsx.Formula("=3+3", 6)
    sheets["资金"][1][5] = xlsx.Formula("=800+15.05", 815.05)
    sheets["任务"][1][3] = xlsx.Formula("=SUM(项目!F2)", 42.52)
    doc = read_workbook(xlsx.build(sheets))
    assert _indicator(doc, "1-1").weight == 6
    assert doc.fund_lines[0].executed == Decimal("815.05")
    assert doc.tasks[0].funds == Decimal("42.52")


def test_dates_as_serial_numbers_and_as_text(sheets, xlsx):
    sheets["监控"][1][0] = 44773  # 2022-07-31 as Excel stores it, without a date format
    sheets["监控"][2][0] = "2022年7月31日"
    sheets["监控"][3][0] = "2022/7/31"
    sheets["调整"][1][6] = "20220615"
    doc = read_workbook(xlsx.build(sheets))
    assert {m.as_of for m in doc.monitoring} == {date(2022, 7, 31)}
    assert doc.adjustments[0].requested_on == date(2022, 6, 15)


def test_reordered_columns_extra_columns_title_rows_and_spaced_headers(sheets, xlsx, reference_document):
    rows = sheets["指标"]
    reordered = [["2022年度绩效指标表"], []]  # a title row and an empty row above the header
    order = [3, 0, 1, 2, 5, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    for index, row in enumerate(rows):
        new = [row[i] for i in order] + (["备注"] if index == 0 else ["自填备注"])
        reordered.append(new)
    reordered[2][0] = "三级指标 "
    reordered[2][4] = "年度指标值（含单位）"
    reordered[2][8] = "分 值"
    sheets["指标"] = reordered
    doc = read_workbook(xlsx.build(sheets))
    assert document_to_dict(doc) == document_to_dict(reference_document)


def test_labels_with_spaces_and_aliases(sheets, xlsx):
    sheets["指标"][5][2] = "经济效益 指标"  # as in published tables, a space from a line break
    sheets["指标"][6][2] = "服务对象满意度指标等"
    sheets["指标"][1][1] = "产出"
    sheets["指标"][9][4] = "定性"
    sheets["指标"][9][7] = "效果明显"
    doc = read_workbook(xlsx.build(sheets))
    assert _indicator(doc, "1-5").level2 is Level2.ECONOMIC
    assert _indicator(doc, "1-6").level2 is Level2.SATISFACTION
    assert _indicator(doc, "2-3").actual.grade is QualitativeGrade.ACHIEVED


def test_empty_sheets_and_missing_codes_are_filled_in(sheets, xlsx):
    for name in ("单位", "监控", "调整", "评价要点", "报告", "项目"):
        sheets[name] = sheets[name][:1]  # the header only
    for name in ("说明", "选项"):  # the instructions and the lists are not read
        del sheets[name]
    for row in sheets["指标"][1:]:
        row[14] = ""  # no indicator codes: numbered per task
    doc = read_workbook(xlsx.build(sheets))
    assert [i.code for i in doc.tasks[2].indicators][:3] == ["3-1", "3-2", "3-3"]
    assert doc.monitoring == () and doc.sections == () and doc.units == ()
