"""The bureau's tables as .xlsx downloads (the tables themselves: :func:`jixiao.documents.tables.table_xlsx`)."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

from jixiao.documents.registry import WORKBOOK

def xlsx_response(name: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=WORKBOOK.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
