"""Tables of the bureau's pages as .xlsx: a header row, the rows as shown, numbers as numbers; text
that a spreadsheet would take for a formula (= + - @ …) is stored as text with the quote prefix
(:func:`jixiao.documents.workbook.cells.starts_like_formula`, the one test every writer uses)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from jixiao.documents.registry import WORKBOOK
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


def xlsx_response(name: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=WORKBOOK.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
