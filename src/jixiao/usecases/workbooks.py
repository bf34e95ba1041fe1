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


class ImportRefused(ValueError):
    """One workbook of a bulk import was not imported; the message says why, in Chinese, naming the
    sheet and cell where the workbook is at fault."""


def import_workbook(data: bytes, *, file_name: str, acting_user, region, allow_delete: bool = False):
    """Read, check and import one workbook as ``acting_user``, held to ``region`` (and the regions under
    it): the import of the web's upload and of ``jixiao import``, all or nothing, with the same refusals
    (a deletion not confirmed, a stale copy, a locked evaluation, a department outside the user's
    scope). Returns the evaluation; raises :class:`ImportRefused`."""
    import hashlib

    from django.core.exceptions import PermissionDenied, ValidationError

    from jixiao.documents.workbook import WorkbookError
    from jixiao.documents.workbook.reader import read_workbook_file
    from jixiao.evaluations import services
    from jixiao.orgs.models import Department, Region

    try:
        read = read_workbook_file(data)
    except WorkbookError as exc:
        raise ImportRefused(str(exc)) from None
    document = read.document
    department = Department.objects.filter(code=document.department_code).select_related("region").first()
    inside = set(region.descendant_ids())
    home = department.region if department else Region.objects.filter(code=document.region_code).first()
    if home is None or home.pk not in inside:
        where = home.name if home else f"{document.region_name or '行政区划'}（{document.region_code}）"
        raise ImportRefused(f"{document.department_name}（{document.department_code}）属于{where}，不在{region.name}范围内")
    try:
        return services.import_document(document=document, acting_user=acting_user, file_name=file_name,
                                        file_sha256=hashlib.sha256(data).hexdigest(), stamp=read.stamp,
                                        places=read.places, allow_delete=allow_delete)
    except services.DeletionNotConfirmed as exc:
        raise ImportRefused(f"{exc}（批量导入时勾选“允许删除”即可导入）") from None
    except ValidationError as exc:
        raise ImportRefused("；".join(exc.messages)) from None
    except (PermissionDenied, services.DocumentRefused) as exc:
        raise ImportRefused(str(exc)) from None
