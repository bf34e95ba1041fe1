"""What the cycle's services share: the refusal they raise, and the check of the acting user's scope."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from jixiao.cycle.scope import scoped


class CycleRefused(ValueError):
    """The change cannot be made as asked; the message says why, in Chinese."""


class NotPermitted(PermissionDenied):
    """The acting user may not do this here (another department, another region, the wrong side)."""


def check_scope(obj, user, action: str, path: str) -> None:
    """Refuse unless ``obj`` is within what ``user`` may do (``action``: view / edit / review)."""
    if not scoped(type(obj).objects.filter(pk=obj.pk), user, action, path).exists():
        side = {"edit": "本部门人员", "review": "本地区财政审核人"}.get(action, "有权查看的人员")
        raise NotPermitted(f"只有{side}才能进行此操作")


def user_label(user) -> str:
    return str(user) if getattr(user, "pk", None) else "系统"
