"""A plain table as .xlsx (a header row, the rows as given, numbers as numbers): the bureau's page exports
and the jobs' result lists. Text that a spreadsheet would take for a formula (= + - @ …) is stored as
text with the quote prefix (:func:`jixiao.documents.workbook.cells.starts_like_formula`, the one test
every writer uses)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from jixiao.documents.workbook.cells import starts_like_formula

_SHEET_NAME_MAX = 31


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
    for index, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(40, len(name) * 2 + 4))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
