"""What every page does the same way: find an object the visitor may see, and tell apart "not yours"
(404, nothing is revealed) from "yours, but not now or not by you" (403 with the reason)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jixiao.domain.workflow import Action


def object_for_user(queryset, user, action: Action | str = Action.VIEW, **lookup):
    """The object of ``queryset`` matching ``lookup`` if ``user`` may take ``action`` on it.

    Not visible at all → 404 (a stranger learns nothing, not even that it exists); visible but the
    action is not allowed (locked, or another role's step) → 403."""
    visible = queryset.for_user(user, Action.VIEW).filter(**lookup)
    obj = visible.first()
    if obj is None:
        raise Http404("您访问的内容不存在，或您没有查看权限。")
    if Action(action) is not Action.VIEW and not queryset.for_user(user, action).filter(pk=obj.pk).exists():
        raise PermissionDenied(f"您不能对“{obj}”执行“{Action(action).label}”。")
    return obj


def workbook_upload_limit_mb() -> int:
    """The largest workbook a page accepts: the reader's own limit (JIXIAO_WORKBOOK_MAX_FILE_MB)."""
    from jixiao.documents.workbook import WorkbookLimits

    return WorkbookLimits.from_env().max_file_bytes // (1024 * 1024)


def uploaded_workbook(request, field: str = "file") -> tuple[bytes, str] | str:
    """The uploaded workbook's bytes and name, or why it is refused (its type, its size against the
    reader's limit), in words for the page."""
    upload = request.FILES.get(field)
    if upload is None:
        return "请选择要上传的 Excel 工作簿（.xlsx）"
    if not upload.name.lower().endswith((".xlsx", ".xlsm")):
        return f"“{upload.name}”不是 Excel 工作簿（.xlsx）"
    limit = workbook_upload_limit_mb()
    if upload.size > limit * 1024 * 1024:
        return f"“{upload.name}”文件过大（{upload.size / 1024 / 1024:.1f} MB），超过上限 {limit} MB"
    return upload.read(), upload.name
