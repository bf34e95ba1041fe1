"""Breaking an exported workbook as a careless or hostile user would: the workbook comes from the
project's own writer (as a department downloads it), and each function returns a spoiled copy of it.

Structure is edited with openpyxl, as a script or a person's tool edits a file (openpyxl also writes
formulas without a calculated value, as it does for anybody); values no spreadsheet lets a person type
(control characters, NaN) are written straight into the sheet's XML, as a crafted file carries them.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

import openpyxl


def _edit(data: bytes, change) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def without_sheets(data: bytes, *names: str) -> bytes:
    """The workbook with these sheets deleted."""
    def change(book):
        for name in names:
            del book[name]
    return _edit(data, change)


def emptied(data: bytes, *names: str) -> bytes:
    """The workbook with every row of these sheets deleted but the header (the sheets are still there)."""
    def change(book):
        for name in names:
            sheet = book[name]
            if sheet.max_row > 1:
                sheet.delete_rows(2, sheet.max_row - 1)
    return _edit(data, change)


def _column(sheet, header: str) -> int:
    for cell in sheet[1]:
        if str(cell.value or "").rstrip("*") == header:
            return cell.column
    raise KeyError(header)


def renamed_header(data: bytes, sheet_name: str, header: str, new: str) -> bytes:
    """The header ``header`` of a sheet renamed to ``new`` (the cells below unchanged)."""
    def change(book):
        sheet = book[sheet_name]
        sheet.cell(1, _column(sheet, header)).value = new
    return _edit(data, change)


def with_cells(data: bytes, sheet_name: str, values: dict[str, object]) -> bytes:
    """Cells set by reference (``{"F2": 99999}``); a text starting with ``=`` is written as a formula,
    which openpyxl (like pandas) saves without a calculated value."""
    def change(book):
        sheet = book[sheet_name]
        for reference, value in values.items():
            sheet[reference].value = value
    return _edit(data, change)


def with_xlsxwriter_formula(data: bytes, sheet_name: str, reference: str, formula: str) -> bytes:
    """A formula as pandas writes one through xlsxwriter: a placeholder result 0 and the request that
    the spreadsheet calculate everything on opening (``fullCalcOnLoad``)."""
    data = with_raw_cell(data, sheet_name, reference, f"<f>{escape(formula.lstrip('='))}</f><v>0</v>")
    return _rewrite(data, "xl/workbook.xml",
                    lambda xml: re.sub(rb"<calcPr[^>]*/>", b'<calcPr calcId="124519" fullCalcOnLoad="1"/>', xml))


def with_raw_cell(data: bytes, sheet_name: str, reference: str, inner: str, cell_type: str = "") -> bytes:
    """A cell's XML replaced: ``inner`` is what goes between ``<c …>`` and ``</c>``."""
    member = _sheet_member(data, sheet_name)
    attributes = f' t="{cell_type}"' if cell_type else ""
    new = f'<c r="{reference}"{attributes}>{inner}</c>'.encode("utf-8")
    pattern = re.compile(rb'<c r="' + reference.encode() + rb'"(?:[^>]*/>|[^>]*>.*?</c>)', re.S)

    def change(xml: bytes) -> bytes:
        if pattern.search(xml):
            return pattern.sub(lambda _: new, xml, count=1)
        row = re.sub(r"\D", "", reference).encode()
        return re.sub(rb'(<row r="' + row + rb'"[^>]*>)', lambda m: m.group(1) + new, xml, count=1)
    return _rewrite(data, member, change)


def with_text(data: bytes, sheet_name: str, reference: str, text: str) -> bytes:
    """A text cell holding any characters, control characters included (escaped as ``_x0001_``, as
    Excel writes them in the file)."""
    encoded = "".join(f"_x{ord(ch):04X}_" if ord(ch) < 32 and ch not in "\t\n" else ch for ch in text)
    return with_raw_cell(data, sheet_name, reference, f"<is><t>{escape(encoded)}</t></is>", "inlineStr")


def _sheet_member(data: bytes, sheet_name: str) -> str:
    from jixiao.documents.workbook.package import sheet_members

    return sheet_members(zipfile.ZipFile(io.BytesIO(data)))[sheet_name]


def _rewrite(data: bytes, member: str, change) -> bytes:
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            content = source.read(item)
            out.writestr(item, change(content) if item.filename == member else content)
    return target.getvalue()
