"""The self-evaluation workbook (自评工作簿) and the data file out: a document in any of its file forms,
and the blank template to fill in."""

from __future__ import annotations

from jixiao.documents.registry import WORKBOOK, document_form, file_name
from jixiao.documents.workbook import workbook_bytes
from jixiao.domain.document import EvaluationDocument
from jixiao.domain.rows import ExportStamp
from jixiao.usecases.common import Produced


def export_document(document: EvaluationDocument, suffix: str = ".xlsx", *, stamp: ExportStamp | None = None) -> Produced:
    """The document as a workbook (.xlsx) or a data file (.yaml/.json). A workbook exported from the
    database carries ``stamp`` (its 导出版本, from ``services.record_export``), so that importing it back
    applies only the cells changed in it."""
    form = document_form(f"document{suffix if suffix.startswith('.') else '.' + suffix}")
    what = "自评工作簿" if form is WORKBOOK else "自评文档"
    data = workbook_bytes(document, stamp=str(stamp)) if form is WORKBOOK and stamp else form.write(document)
    return Produced(file_name(document, what, form.suffix), form.content_type, data)


def blank_workbook() -> Produced:
    """The empty workbook with every sheet, header, drop-down and hint."""
    return Produced("自评工作簿（空白）.xlsx", WORKBOOK.content_type, workbook_bytes(None))
