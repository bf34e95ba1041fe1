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
