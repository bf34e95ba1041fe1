"""A plain table as .xlsx (a header row, the rows as given, numbers as numbers): the bureau's page exports
and the jobs' result lists. Text that a spreadsheet would take for a formula (= + - @ …) is stored as
text with the quote prefix (:func:`jixiao.documents.workbook.cells.starts_like_formula`, the one test
every writer uses)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from jixiao.documents.workbook.cells import starts_like_formula

_SHEET_NAME_MAX = 31
_WIDTH_MAX = 60
_WRAPPED = Alignment(wrap_text=True, vertical="top")


def _display_width(value) -> int:
    """Columns a value takes on screen: a CJK character twice a Latin one; the longest of its lines."""
    if value is None:
        return 0
    return max(sum(2 if ord(char) > 0x2E7F else 1 for char in line) for line in str(value).split("\n"))


def table_xlsx(title: str, columns: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:_SHEET_NAME_MAX]
    sheet.append(list(columns))
    for values in rows:
        sheet.append([None if value is None else value for value in values])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and starts_like_formula(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
    for index, column in enumerate(sheet.iter_cols(), start=1):  # wide enough for the longest line, within bounds
        longest = max(_display_width(cell.value) for cell in column)
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(_WIDTH_MAX, longest + 2))
        for cell in column:
            if isinstance(cell.value, str) and ("\n" in cell.value or _display_width(cell.value) > _WIDTH_MAX):
                cell.alignment = _WRAPPED
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
