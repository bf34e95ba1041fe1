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
    items: tuple["NavItem", ...] = ()  # a group's pages, shown as a menu under its label


# (label, URL name, who sees it: "all", "authenticated", or the roles that see it, menu group or "")
NAVIGATION: tuple[tuple[str, str, object, str], ...] = (
    ("首页", "web:home", "all", ""),
    ("我的自评", "web:department:home", (Role.DEPARTMENT_STAFF, Role.DEPARTMENT_APPROVER), ""),
    ("审核收件箱", "web:bureau:inbox", (Role.FINANCE_REVIEWER,), "财政审核"),
    ("区域看板", "web:bureau:dashboard", (Role.FINANCE_REVIEWER,), "财政审核"),
    ("后台任务", "web:bureau:jobs", (Role.FINANCE_REVIEWER,), "财政审核"),
    ("检查工具", "web:bureau:checker", (Role.FINANCE_REVIEWER,), "财政审核"),
    ("账号管理", "web:bureau:accounts", (Role.FINANCE_REVIEWER,), "财政审核"),
    ("绩效目标", "web:cycle:targets", "authenticated", "全年管理"),
    ("运行监控", "web:cycle:rounds", "authenticated", "全年管理"),
    ("预警", "web:cycle:warnings", "authenticated", "全年管理"),
    ("调整", "web:cycle:adjustments", "authenticated", "全年管理"),
    ("整改", "web:cycle:rectification", "authenticated", "全年管理"),
    ("指标库", "web:cycle:library", "authenticated", "全年管理"),
    ("信息公开", "web:bureau:public_list", "all", ""),
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
    items: list[NavItem] = []
    groups: dict[str, list[NavItem]] = {}
    for label, name, audience, group in NAVIGATION:
        if not _visible(audience, user):
            continue
        url = reverse(name)
        item = NavItem(label, url, request.path == url if url == "/" else request.path.startswith(url))
        if not group:
            items.append(item)
        elif group in groups:
            groups[group].append(item)
        else:  # the group takes the place of its first visible page
            groups[group] = [item]
            items.append(NavItem(group, "", False))
    items = [NavItem(i.label, i.url, any(g.active for g in groups[i.label]), tuple(groups[i.label]))
             if not i.url else i for i in items]
    unread = user.notifications.unread().count() if getattr(user, "pk", None) else 0
    return {"nav_items": items, "unread_notifications": unread}
