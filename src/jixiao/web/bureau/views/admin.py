"""账号与截止日期: the bureau administers its region in the app — department accounts and roles,
password resets, submission deadlines. Each change is one service of :mod:`jixiao.bureau.services`
(checked against the region the reviewer reviews, with its event); a temporary password is shown
once, in the response to the change, and stored nowhere else."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from jixiao.bureau import services
from jixiao.bureau.models import Deadline
from jixiao.domain.enums import Role
from jixiao.domain.workflow import DEPARTMENT_ROLES
from jixiao.orgs.models import Department, Membership, User
from jixiao.web.bureau.common import int_or_none, reviewed_regions, reviewer_required

REFUSALS = (services.AdministrationRefused, services.AdministrationNotPermitted)


def _memberships(user):
    """The roles of the departments and regions ``user`` administers."""
    scope = Membership.objects.select_related("user", "department__region", "region")
    if user.is_superuser:
        return scope.order_by("department__code", "region__code", "user__username")
    regions = user.reviewed_region_ids()
    return scope.filter(Q(department__region_id__in=regions) | Q(region_id__in=regions)).order_by(
        "department__code", "region__code", "user__username")


def _departments(user):
    return Department.objects.for_user(user).filter(
        **({} if user.is_superuser else {"region_id__in": user.reviewed_region_ids()})).select_related("region")


def _accounts_page(request, *, status=200, **extra):
    query = request.GET.get("q", "").strip()
    memberships = _memberships(request.user)
    if query:
        memberships = memberships.filter(Q(user__username__contains=query) | Q(user__display_name__contains=query)
                                         | Q(department__name__contains=query) | Q(department__code=query))
    return render(request, "web/bureau/accounts.html", {
        "page": Paginator(memberships, 50).get_page(request.GET.get("page")), "q": query,
        "departments": _departments(request.user), "roles": [(r.value, r.label) for r in DEPARTMENT_ROLES],
        "grantable": [(r.value, r.label) for r in (*DEPARTMENT_ROLES, Role.FINANCE_REVIEWER)],
        "regions": reviewed_regions(request.user),
        **extra}, status=status)


@reviewer_required
@never_cache
def accounts(request):
    return _accounts_page(request)


@reviewer_required
@require_POST
@never_cache
def account_create(request):
    department = _departments(request.user).filter(pk=int_or_none(request.POST.get("department"))).first()
    if department is None:
        return _accounts_page(request, status=400, error="请选择本辖区的预算部门。")
    try:
        user, password = services.create_department_account(
            department=department, username=request.POST.get("username", ""),
            display_name=request.POST.get("display_name", ""), role=request.POST.get("role", ""),
            acting_user=request.user)
    except (ValueError, *REFUSALS) as refusal:
        return _accounts_page(request, status=400, error=str(refusal) if str(refusal) else "角色无效")
    return _accounts_page(request, issued={"user": user, "password": password, "what": "已创建账号"})


@reviewer_required
@require_POST
@never_cache
def password_reset(request, pk: int):
    person = User.objects.filter(pk=pk, memberships__in=_memberships(request.user)).distinct().first()
    if person is None:
        return _accounts_page(request, status=404, error="本辖区没有这个账号。")
    try:
        password = services.reset_password(user=person, acting_user=request.user)
    except REFUSALS as refusal:
        return _accounts_page(request, status=403, error=str(refusal))
    return _accounts_page(request, issued={"user": person, "password": password, "what": "已重置密码"})


@reviewer_required
@require_POST
def role_grant(request):
    """授予角色: a department role on a department of the region, or 财政审核人 on the region or one under it."""
    person = User.objects.filter(username=request.POST.get("username", "").strip()).first()
    role = request.POST.get("role", "")
    if role == Role.FINANCE_REVIEWER.value:
        scope = {"region": reviewed_regions(request.user).filter(code=request.POST.get("region", "")).first()}
    else:
        scope = {"department": _departments(request.user).filter(pk=int_or_none(request.POST.get("department"))).first()}
    if person is None or None in scope.values():
        messages.error(request, "请填写已有的用户名，并选择本辖区的预算部门（财政审核人选择行政区划）。")
        return redirect("web:bureau:accounts")
    try:
        membership = services.grant_role(user=person, role=role, acting_user=request.user, **scope)
    except (ValueError, *REFUSALS) as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"已授予：{membership}")
    return redirect("web:bureau:accounts")


@reviewer_required
@require_POST
def role_revoke(request, pk: int):
    membership = _memberships(request.user).filter(pk=pk).first()
    if membership is None:
        raise Http404("本辖区没有这个角色。")
    if membership.user_id == request.user.pk:
        messages.error(request, "不能撤销自己的角色。")
        return redirect("web:bureau:accounts")
    try:
        services.revoke_role(membership=membership, acting_user=request.user)
    except REFUSALS as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"已撤销：{membership}")
    return redirect("web:bureau:accounts")


@reviewer_required
def deadlines(request):
    regions = reviewed_regions(request.user)
    if request.method == "POST":
        region = regions.filter(code=request.POST.get("region", "")).first()
        year = int_or_none(request.POST.get("year"))
        try:
            due_on = datetime.date.fromisoformat(request.POST.get("due_on", ""))
        except ValueError:
            due_on = None
        if region is None or year is None or due_on is None:
            messages.error(request, "请选择行政区划并填写年度和截止日期（如 2024-03-31）。")
        else:
            try:
                deadline = services.set_deadline(region=region, year=year, due_on=due_on, note=request.POST.get("note", ""),
                                                 acting_user=request.user)
            except REFUSALS as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, f"已设置：{deadline}")
        return redirect("web:bureau:deadlines")
    return render(request, "web/bureau/deadlines.html", {
        "deadlines": Deadline.objects.for_user(request.user, "edit").select_related("region", "set_by"),
        "regions": regions, "year": datetime.date.today().year - 1})


