"""The bureau's administration as services (not only Django's admin): department accounts, roles,
password resets and deadlines. Each is one transaction with the acting user as a required keyword,
checked against the region the acting user reviews, and writes an event (passwords never appear in it)."""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from jixiao.bureau.models import Deadline
from jixiao.domain.enums import EventVerb, Role
from jixiao.domain.workflow import DEPARTMENT_ROLES
from jixiao.events.models import record_event
from jixiao.notifications.services import notify
from jixiao.orgs.models import Department, Membership, Region, User
from jixiao.orgs.selectors import department_people_in_region


class AdministrationRefused(ValueError):
    """The change cannot be made as asked; the message says why, in Chinese."""


class AdministrationNotPermitted(PermissionDenied):
    """The acting user does not review the region concerned."""


def _check_reviews(acting_user, region: Region) -> None:
    if not acting_user.is_authenticated or not (acting_user.is_superuser
                                                or region.pk in acting_user.reviewed_region_ids()):
        raise AdministrationNotPermitted(f"只有{region.name}的财政审核人可以管理该辖区的账号和截止日期")


def _temporary_password() -> str:
    """A password to hand over once; the person changes it at first login."""
    return secrets.token_urlsafe(9)


@transaction.atomic
def create_department_account(*, department: Department, username: str, display_name: str, role: Role | str,
                              acting_user) -> tuple[User, str]:
    """Create a department's account (单位填报人 or 单位负责人) with a temporary password, returned
    once to be handed over."""
    _check_reviews(acting_user, department.region)
    role = Role(role)
    if role not in DEPARTMENT_ROLES:
        raise AdministrationRefused(f"部门账号的角色只能是{'或'.join(r.label for r in DEPARTMENT_ROLES)}")
    username = (username or "").strip()
    if not username:
        raise AdministrationRefused("请填写用户名")
    if User.objects.filter(username=username).exists():
        raise AdministrationRefused(f"用户名“{username}”已被使用")
    password = _temporary_password()
    user = User.objects.create_user(username=username, password=password, display_name=display_name.strip())
    membership = Membership.objects.create(user=user, role=role.value, department=department)
    record_event(actor=acting_user, verb=EventVerb.ACCOUNT_CREATE, obj=user,
                 data={"department": department.code, "role": role.value})
    record_event(actor=acting_user, verb=EventVerb.ROLE_GRANT, obj=membership, to_state=role.value)
    return user, password


def _scope_region(membership_department: Department | None, region: Region | None) -> Region:
    return membership_department.region if membership_department is not None else region


@transaction.atomic
def grant_role(*, user: User, role: Role | str, acting_user, department: Department | None = None,
               region: Region | None = None) -> Membership:
    """授予角色: a department role on a department, or 财政审核人 on a region (under the acting
    user's region)."""
    role = Role(role)
    if (role in DEPARTMENT_ROLES) != (department is not None) or (role is Role.FINANCE_REVIEWER) != (region is not None):
        raise AdministrationRefused("财政审核人须指定行政区划；单位填报人和单位负责人须指定预算部门")
    _check_reviews(acting_user, _scope_region(department, region))
    membership, created = Membership.objects.get_or_create(user=user, role=role.value, department=department,
                                                           region=region)
    if not created:
        raise AdministrationRefused(f"{user}已有该角色")
    record_event(actor=acting_user, verb=EventVerb.ROLE_GRANT, obj=membership, to_state=role.value)
    return membership


@transaction.atomic
def revoke_role(*, membership: Membership, acting_user) -> None:
    """撤销角色."""
    _check_reviews(acting_user, _scope_region(membership.department, membership.region))
    record_event(actor=acting_user, verb=EventVerb.ROLE_REVOKE, obj=membership, from_state=membership.role)
    membership.delete()


@transaction.atomic
def reset_password(*, user: User, acting_user) -> str:
    """重置密码: a new temporary password for a person of a department (or a reviewer) in the acting
    user's region; returned once."""
    regions = {_scope_region(m.department, m.region) for m in user.memberships.select_related("department__region",
                                                                                              "region")}
    if not regions:
        if not acting_user.is_superuser:
            raise AdministrationNotPermitted("只有系统管理员可以重置没有角色的账号的密码")
    for region in regions:
        _check_reviews(acting_user, region)
    if user.is_superuser and not acting_user.is_superuser:
        raise AdministrationNotPermitted("不能重置系统管理员的密码")
    password = _temporary_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    record_event(actor=acting_user, verb=EventVerb.PASSWORD_RESET, obj=user)
    return password


@transaction.atomic
def set_deadline(*, region: Region, year: int, due_on: datetime.date, acting_user, note: str = "") -> Deadline:
    """设置报送截止日期 of a region's self-evaluations of a year (an overdue draft is marked from then on)."""
    _check_reviews(acting_user, region)
    if not 2000 <= year <= 2100:
        raise AdministrationRefused(f"年度“{year}”无效（应在 2000–2100 之间）")
    if due_on.year < year:
        raise AdministrationRefused(f"{year} 年度自评的截止日期不能早于该年度（{due_on:%Y-%m-%d}）")
    existing = Deadline.objects.filter(region=region, year=year).first()
    before = f"{existing.due_on:%Y-%m-%d}" if existing else ""
    deadline, _ = Deadline.objects.update_or_create(
        region=region, year=year,
        defaults={"due_on": due_on, "note": note.strip(), "set_by": acting_user if getattr(acting_user, "pk", None) else None})
    event = record_event(actor=acting_user, verb=EventVerb.DEADLINE_SET, obj=deadline, from_state=before,
                         to_state=f"{due_on:%Y-%m-%d}", reason=note.strip())
    if before != f"{due_on:%Y-%m-%d}":  # the departments are told of a new or moved date, once per date
        notify(recipients=department_people_in_region(region), event=event,
               title=f"{year} 年度自评报送截止日期{'改为' if before else '为'} {due_on.year}年{due_on.month}月{due_on.day}日",
               body=note.strip(), link=reverse("web:department:home"),
               key=f"deadline:{region.pk}:{year}:{due_on:%Y-%m-%d}")
    return deadline

