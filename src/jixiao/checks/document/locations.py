"""Workbook coordinates for findings: the sheet, row and column a person opens to fix a field.

A finding names its object (``{"object": "indicator", "code": "1-5", "field": "deviation_reason"}``);
when the document came from a self-evaluation workbook, :func:`locate_in_workbook` adds where that
object's field sits (``"sheet": "指标", "row": 12, "column": "K"``). Rows are found by the object's
code (or task and name), columns by the header text the workbook layout defines, so reordered
columns and title rows above the header are followed.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from jixiao.documents.workbook import layout
from jixiao.documents.workbook.package import column_letter
from jixiao.documents.workbook.layout import TableSheet, find_header, header_key

from jixiao.domain.document import EvaluationDocument
from jixiao.domain.findings import Finding

# object kind of a location → (sheet spec, how a row is matched)
_SHEETS: dict[str, TableSheet] = {
    "indicator": layout.INDICATOR_SHEET, "task": layout.TASK_SHEET, "project": layout.PROJECT_SHEET,
    "fund_line": layout.FUND_SHEET, "funds": layout.FUND_SHEET, "section": layout.SECTION_SHEET,
    "adjustment": layout.ADJUSTMENT_SHEET, "monitoring": layout.MONITORING_SHEET, "fact": layout.FACT_SHEET,
}
_DOCUMENT_FIELDS = {"self_total": "self_total", "self_grade": "self_grade", "rule_pack": "rule_pack", "year": "year"}


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


class _Sheet:
    """One table sheet: its header row, the column of each field, its data rows (1-based numbers)."""

    def __init__(self, spec: TableSheet, rows: list[list]):
        best_row, best = find_header(spec, rows)
        self.columns = best
        self.rows = [(number + 1, row) for number, row in enumerate(rows) if number > max(best_row, 0)
                     and any(_text(cell) for cell in row)]
        self._indexes: dict[tuple[str, ...], dict[tuple[str, ...], int]] = {}

    def value(self, row: list, key: str) -> str:
        col = self.columns.get(key)
        return _text(row[col]) if col is not None and col < len(row) else ""

    def find(self, **wanted: str) -> int | None:
        """The first row whose fields hold the wanted values. Each set of fields is indexed once: a
        workbook of 25,000 indicators with as many findings would otherwise be scanned for each."""
        keys = tuple(sorted(wanted))
        index = self._indexes.get(keys)
        if index is None:
            index = self._indexes[keys] = {}
            for number, row in self.rows:
                index.setdefault(tuple(self.value(row, key) for key in keys), number)
        return index.get(tuple(str(wanted[key]) for key in keys))

    def nth(self, n: int) -> int | None:
        return self.rows[n - 1][0] if 0 < n <= len(self.rows) else None

    def column(self, field_name: str) -> str | None:
        col = self.columns.get(field_name)
        return None if col is None else column_letter(col + 1)


def _row(sheet: _Sheet, location: dict) -> int | None:
    kind, code = location.get("object"), str(location.get("code", ""))
    if kind == "indicator":
        return (sheet.find(code=code) if code else None) or sheet.find(task=str(location.get("task", "")),
                                                                       name=location.get("name", ""))
    if kind == "task":
        return sheet.find(code=code)
    if kind == "project":
        return sheet.find(code=code) or sheet.find(name=code)
    if kind == "fund_line":
        return sheet.find(source=location.get("source", ""), nature=location.get("nature", ""))
    if kind == "section":
        return sheet.find(key=code) if code else None
    if kind == "fact":
        return sheet.find(key=code)
    if kind in ("adjustment", "monitoring") and code.isdigit():
        return sheet.nth(int(code))
    return None


def locate_in_workbook(findings: list[Finding], source) -> list[Finding]:
    """``findings`` with ``sheet``, ``row`` and ``column`` added where the workbook ``source`` (a path or
    bytes) holds the field; findings it cannot place are returned unchanged."""
    import python_calamine

    data = Path(source).read_bytes() if not isinstance(source, (bytes, bytearray)) else bytes(source)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:  # an unreadable workbook has already been refused by the reader
        return findings
    names = {header_key(name): name for name in book.sheet_names}
    return _locate(findings, lambda name: book.get_sheet_by_name(names[header_key(name)]).to_python()
                   if header_key(name) in names else None)


def locate_in_export(findings: list[Finding], doc: EvaluationDocument) -> list[Finding]:
    """``findings`` placed in the workbook jixiao exports for ``doc``, without writing it: the same
    sheets, header rows and record rows the writer lays out (from ``document_records``), so a page
    names 指标!K5 as the downloaded workbook has it, for a fraction of the cost of an export."""
    from jixiao.documents.workbook.writer import document_info, document_records, table_rows

    records = document_records(doc)
    info = document_info(doc)
    sheets: dict[str, list[list]] = {header_key(spec.name): table_rows(spec, records.get(spec.name, []))
                                     for spec in layout.TABLE_SHEETS}
    sheets[header_key(layout.INFO)] = [["项目", "内容"]] + [[field.label, info.get(field.key)]
                                                            for field in layout.INFO_FIELDS]
    return _locate(findings, lambda name: sheets.get(header_key(name)))


def _locate(findings: list[Finding], sheet_rows) -> list[Finding]:
    """Place each finding in the sheets ``sheet_rows(name)`` gives (their rows of cells, or ``None``
    for a sheet the workbook lacks)."""
    sheets: dict[str, _Sheet | None] = {}

    def sheet_for(spec: TableSheet) -> _Sheet | None:
        if spec.name not in sheets:
            rows = sheet_rows(spec.name)
            sheets[spec.name] = _Sheet(spec, rows) if rows is not None else None
        return sheets[spec.name]

    info_rows = None
    located = []
    for finding in findings:
        location = finding.location
        kind = location.get("object")
        cell: dict = {}
        if kind in _SHEETS and (sheet := sheet_for(_SHEETS[kind])) is not None:
            row = _row(sheet, location)
            column = sheet.column(location.get("field", ""))
            if row is not None:
                cell = {"sheet": _SHEETS[kind].name, "row": row}
                if column:
                    cell["column"] = column
            elif column and kind == "funds":
                cell = {"sheet": _SHEETS[kind].name, "column": column}
        elif kind == "document" and location.get("field") in _DOCUMENT_FIELDS:
            if info_rows is None:
                info_rows = sheet_rows(layout.INFO) or []
            label = next(f.label for f in layout.INFO_FIELDS if f.key == _DOCUMENT_FIELDS[location["field"]])
            row = next((i + 1 for i, r in enumerate(info_rows) if r and header_key(r[0]) == header_key(label)), None)
            if row is not None:
                cell = {"sheet": layout.INFO, "row": row, "column": "B"}
        located.append(replace(finding, location={**location, **cell}) if cell else finding)
    return located
