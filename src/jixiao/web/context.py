"""What every page's frame shows: the navigation a visitor's roles give, and the unread notifications."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from jixiao.domain.enums import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


# (label, URL name, who sees it: "all", "authenticated", or the roles that see it)
NAVIGATION: tuple[tuple[str, str, object], ...] = (
    ("首页", "web:home", "all"),
    ("我的自评", "web:department:home", (Role.DEPARTMENT_STAFF, Role.DEPARTMENT_APPROVER)),
    ("信息公开", "web:bureau:public_list", "all"),
    ("审核", "web:bureau:inbox", (Role.FINANCE_REVIEWER,)),
    ("看板", "web:bureau:dashboard", (Role.FINANCE_REVIEWER,)),
    ("后台任务", "web:bureau:jobs", (Role.FINANCE_REVIEWER,)),
    ("检查工具", "web:bureau:checker", (Role.FINANCE_REVIEWER,)),
    ("账号管理", "web:bureau:accounts", (Role.FINANCE_REVIEWER,)),
    ("绩效目标", "web:cycle:targets", "authenticated"),
    ("运行监控", "web:cycle:rounds", "authenticated"),
    ("调整", "web:cycle:adjustments", "authenticated"),
    ("整改", "web:cycle:rectification", "authenticated"),
)


def _visible(audience, user) -> bool:
    if audience == "all":
        return True
    if not user.is_authenticated:
        return False
    if audience == "authenticated" or user.is_superuser:
        return True
    return any(user.has_role(role) for role in audience if isinstance(role, Role))


def navigation(request) -> dict:
    user = request.user
    items = []
    for label, name, audience in NAVIGATION:
        if _visible(audience, user):
            url = reverse(name)
            active = request.path == url if url == "/" else request.path.startswith(url)
            items.append(NavItem(label, url, active))
    unread = user.notifications.unread().count() if getattr(user, "pk", None) else 0
    return {"nav_items": items, "unread_notifications": unread}
