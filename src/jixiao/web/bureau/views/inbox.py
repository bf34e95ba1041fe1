"""收件箱: the region's evaluations by status and deadline, filtered, overdue ones marked; and the
workflow actions for a selection of them (each through the same service, every outcome reported)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.bureau import selectors
from jixiao.domain.enums import EvaluationStatus, GradeBand
from jixiao.domain.workflow import Action
from jixiao.web.bureau.common import REVIEW_ACTIONS, default_year, reviewer_required, take_actions

PAGE_SIZE = 50
TABS = (("", "全部"), ("not_started", "未开始"), *((s.value, s.label) for s in EvaluationStatus), ("overdue", "已逾期"))
FINDINGS = (("", "全部"), ("errors", "有错误"), ("warnings", "有警告"), ("clean", "无问题"), ("unchecked", "未审核"))


@reviewer_required
def inbox(request):
    user = request.user
    year = default_year(user, request.GET.get("year"))
    tab = request.GET.get("status", "")
    filters = {"department": request.GET.get("department", "").strip(), "grade": request.GET.get("grade", ""),
               "findings": request.GET.get("findings", "")}
    counts = selectors.inbox_counts(user, year)
    query = request.GET.copy()
    query.pop("page", None)
    tabs = [(value, label, counts.get(value) if value else None) for value, label in TABS]
    context = {"year": year, "tab": tab, "filters": filters, "counts": counts, "tabs": tabs, "findings": FINDINGS,
               "query": query.urlencode(),
               "grades": [(g.label, g.label) for g in GradeBand], "actions": REVIEW_ACTIONS,
               "years": range(timezone.localdate().year, 2017, -1)}
    if tab == "not_started":
        departments = selectors.not_started(user, year)
        if filters["department"]:
            departments = departments.filter(name__contains=filters["department"])
        context["page"] = Paginator(departments, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, "web/bureau/inbox.html", context)
    status = tab if tab in EvaluationStatus._value2member_map_ else ""
    rows = selectors.inbox(user, year=year, status=status, overdue=True if tab == "overdue" else None, **filters)
    context["page"] = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/bureau/inbox.html", context)


@reviewer_required
@require_POST
def batch(request):
    """通过 / 退回 / 公开 the selected evaluations (``ids``); ``reason`` for 退回 goes to each department."""
    try:
        action = Action(request.POST.get("action", ""))
    except ValueError:
        action = None
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    back = request.POST.get("next", "")
    if not (back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})):
        back = reverse("web:bureau:inbox")
    if action not in REVIEW_ACTIONS or not ids:
        messages.error(request, "请先勾选自评并选择操作。")
        return redirect(back)
    reason = request.POST.get("reason", "").strip()
    if action is Action.RETURN and not reason:
        messages.error(request, "退回须填写原因（会显示给部门）。")
        return redirect(back)
    evaluations = selectors.reviewed(request.user).filter(pk__in=ids).select_related("department__region")
    outcomes = take_actions(evaluations=evaluations.order_by("department__code"), action=action,
                            acting_user=request.user, reason=reason)
    missing = len(set(ids)) - len(outcomes)
    done = sum(o.ok for o in outcomes)
    return render(request, "web/bureau/batch.html", {"action": action, "outcomes": outcomes, "done": done,
                                                     "refused": len(outcomes) - done, "missing": missing,
                                                     "back": back})
