"""Fixtures of the documents tests.

``xlsx``: building test workbooks cell by cell (xlsxwriter), to imitate what people send: formulas
with cached values, merged cells, hidden sheets, percentage formats, title rows, trailing empty rows
(``xlsx.build(sheets, ...)``, ``xlsx.sheets(data)``, ``xlsx.Formula``, ``xlsx.Styled``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
import python_calamine
import xlsxwriter
import yaml


@dataclass(frozen=True)
class Formula:
    formula: str
    cached: object


@dataclass(frozen=True)
class Styled:
    value: object
    num_format: str


def build_xlsx(sheets: dict[str, list[list]], *, merges: dict[str, list[str]] | None = None,
               hidden: tuple[str, ...] = (), blank_formatted_rows: dict[str, int] | None = None) -> bytes:
    """An xlsx whose sheets hold exactly these rows, as a spreadsheet saves it (formulas with their
    calculated values, see :class:`Formula`). ``merges`` are ranges per sheet (the top-left value is kept,
    as Excel does); ``blank_formatted_rows`` adds styled empty rows after the data."""
    return saved_by_a_spreadsheet(_build_xlsx(sheets, merges=merges, hidden=hidden,
                                              blank_formatted_rows=blank_formatted_rows))


def saved_by_a_spreadsheet(data: bytes) -> bytes:
    """The file as Excel or WPS saves it: without xlsxwriter's request to calculate every formula on
    opening (``fullCalcOnLoad``), so the cached values written are the results of the formulas."""
    import re
    import zipfile

    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/workbook.xml":
                content = re.sub(rb'\s*fullCalcOnLoad="1"', b"", content)
            out.writestr(item, content)
    return target.getvalue()


def _build_xlsx(sheets: dict[str, list[list]], *, merges, hidden, blank_formatted_rows) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False})
    formats = {}
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                _write(book, formats, sheet, r, c, value)
        for cell_range in (merges or {}).get(name, []):
            sheet.merge_range(cell_range, "")
            first = cell_range.split(":")[0]
            col = ord(first[0]) - 65
            r = int(first[1:]) - 1
            _write(book, formats, sheet, r, col, rows[r][col])
        extra = (blank_formatted_rows or {}).get(name, 0)
        if extra:
            fmt = formats.setdefault("border", book.add_format({"border": 1}))
            for r in range(len(rows), len(rows) + extra):
                sheet.write_blank(r, 0, None, fmt)
                sheet.write_blank(r, 5, None, fmt)
        if name in hidden:
            sheet.hide()
    book.close()
    return buffer.getvalue()


def _write(book, formats, sheet, r, c, value):
    if value is None or value == "":
        return
    if isinstance(value, Formula):
        sheet.write_formula(r, c, value.formula, None, value.cached)
    elif isinstance(value, Styled):
        fmt = formats.setdefault(value.num_format, book.add_format({"num_format": value.num_format}))
        if isinstance(value.value, date):
            sheet.write_datetime(r, c, value.value, fmt)
        else:
            sheet.write(r, c, value.value, fmt)
    elif isinstance(value, date):
        fmt = formats.setdefault("date", book.add_format({"num_format": "yyyy-mm-dd"}))
        sheet.write_datetime(r, c, value, fmt)
    elif isinstance(value, str):
        sheet.write_string(r, c, value)
    else:
        sheet.write(r, c, value)


def sheets_of(data: bytes) -> dict[str, list[list]]:
    """Every sheet's cell values as calamine reads them (row 1 first), to copy and then spoil."""
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: [list(row) for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False)]
            for name in book.sheet_names}


@pytest.fixture(scope="session")
def xlsx():
    return SimpleNamespace(build=build_xlsx, sheets=sheets_of, Formula=Formula, Styled=Styled)


WORKED_EXAMPLE = yaml.safe_load((Path(__file__).parents[1] / "data" / "worked_example.yaml").read_text(encoding="utf-8"))
# A filled form explains its unmet row.
WORKED_EXAMPLE[0].update(deviation_reason="受疫情影响，一场培训延至次年。", improvement="提前排期，预留备用场地。")


@pytest.fixture(scope="session")
def worked_project():
    """The worked example of regulations.md §6.6 as a project document (scores 95.62, 优)."""
    from jixiao.documents.datafile import document_from_dict

    return document_from_dict({
        "region": {"code": "440112", "name": "广州市黄埔区"},
        "department": {"code": "440112-107", "name": "广州市黄埔区工商业联合会"},
        "year": 2022, "kind": "project", "rule_pack": "mof-2020-project",
        "tasks": [{"code": "1", "name": "会员企业培训服务", "projects": [
            {"code": "44011222Y000000107009", "name": "会员企业培训服务", "unit": "广州市黄埔区工商业联合会",
             "initial_budget": "45.00", "budget": "50.00", "executed": "48.50", "prior_year_carryover": "5.00",
             "goal": "全年举办会员企业培训不少于10场，提升企业经营能力。", "goal_result": "举办培训9场，合格率97%。"}],
            "indicators": [dict(row, code=f"1-{i}") for i, row in enumerate(WORKED_EXAMPLE, start=1)]}],
    })
