"""Pages of the year's cycle: monitoring rounds and their entry, warnings, adjustments, rectification and
targets (with advice and the indicator library). Thin: each view reads through the scoped querysets and
selectors, parses the form and calls one service; a refusal is shown as the service words it."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.cycle import adjustments as adjust_services
from jixiao.cycle import rectification as rect_services
from jixiao.cycle import targets as target_services
from jixiao.cycle.common import CycleRefused
from jixiao.cycle.models import LibraryIndicator, RectificationItem, RectificationStatus, TargetDeclaration, TargetStatus
from jixiao.cycle.scope import EDIT, REVIEW, scoped
from jixiao.domain.enums import AdjustmentKind, AdjustmentStatus, Level1, Level2, WarningLevel
from jixiao.evaluations.models import Adjustment, Evaluation
from jixiao.evaluations.store import document_for
from jixiao.monitoring import services as monitor_services
from jixiao.monitoring import warnings as warning_services
from jixiao.progress.engine import Accumulation
from jixiao.monitoring.models import FundReport, IndicatorReport, MonitoringRound, MonitoringWarning
from jixiao.monitoring.selectors import round_form
from jixiao.orgs.models import Department, Region
from jixiao.rules.monitoring import load_monitoring_pack
from jixiao.web.shortcuts import object_for_user, uploaded_workbook



def _one(queryset, **lookup):
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404("您访问的内容不存在，或您没有查看权限。")
    return obj


@contextmanager
def _shown(request, done: str = ""):
    """Run a service; its refusal becomes an error message, success the ``done`` message."""
    try:
        yield
    except (CycleRefused, PermissionDenied) as refusal:
        messages.error(request, str(refusal))
    else:
        if done:
            messages.success(request, done)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _is_reviewer(user) -> bool:
    return user.is_superuser or bool(user.reviewed_region_ids())


def _side(user) -> str:
    return "bureau" if _is_reviewer(user) else "department"


# --- monitoring ----------------------------------------------------------------------------------
@login_required
def rounds(request):
    """监控轮次: the rounds of the visitor's regions, and for each the departments' reports."""
    items = MonitoringRound.objects.for_user(request.user).select_related("region")
    evaluations = scoped(Evaluation.objects.filter(kind="department").select_related("department"), request.user)
    rows = []
    for round_ in items:
        mine = evaluations.filter(year=round_.year, department__region=round_.region)
        reported = set(IndicatorReport.objects.filter(round=round_).values_list("evaluation_id", flat=True))
        rows.append((round_, [(e, e.pk in reported) for e in mine]))
    regions = Region.objects.filter(pk__in=request.user.reviewed_region_ids()) if not request.user.is_superuser \
        else Region.objects.all()
    return render(request, "web/cycle/rounds.html", {"rows": rows, "regions": regions, "side": _side(request.user),
                                                     "this_year": timezone.localdate().year})


@login_required
@require_POST
def round_open(request):
    region = _one(Region.objects.all(), pk=request.POST.get("region") or 0)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        messages.error(request, "请填写年度")
        return redirect("web:cycle:rounds")
    with _shown(request, "已发布监控轮次"):
        monitor_services.open_round(region=region, year=year, acting_user=request.user,
                                    cut_off=_date(request.POST.get("cut_off", "")),
                                    deadline=_date(request.POST.get("deadline", "")),
                                    name=request.POST.get("name", "").strip())
    return redirect("web:cycle:rounds")


@login_required
def round_entry(request, round_pk: int, evaluation_pk: int):
    """填报监控: every indicator of the year with its latest report, the fund lines, the form download/upload."""
    round_ = object_for_user(MonitoringRound.objects, request.user, pk=round_pk)
    evaluation = _one(scoped(Evaluation.objects.select_related("department"), request.user), pk=evaluation_pk,
                      year=round_.year, department__region=round_.region)
    pack = load_monitoring_pack(round_.rules)
    can_edit = scoped(Evaluation.objects.filter(pk=evaluation.pk), request.user, EDIT).exists()
    if request.method == "POST" and can_edit:
        codes = request.POST.getlist("code")
        rows = [{key: request.POST.get(f"{key}-{code}", "").strip() for key in
                 ("value", "accumulation", "possibility", "reason_category", "analysis", "measure")} | {"code": code}
                for code in codes]
        executed = {}
        for subject in request.POST.getlist("fund"):
            text = request.POST.get(f"executed-{subject}", "").replace(",", "").strip()
            if text:
                try:
                    executed[subject] = Decimal(text)
                except InvalidOperation:
                    messages.error(request, f"{subject}：“{text}”不是有效的金额")
                    return redirect(request.path)
        with _shown(request, "已保存监控填报"):
            monitor_services.report_round(round=round_, evaluation=evaluation, rows=rows, executed=executed,
                                          acting_user=request.user)
        return redirect(request.path)
    doc = document_for(evaluation)
    reports = {r.indicator_code: r for r in IndicatorReport.objects.filter(round=round_, evaluation=evaluation)}
    funds = {f.subject: f for f in FundReport.objects.filter(round=round_, evaluation=evaluation)}
    lines = monitor_services.fund_subjects(doc)
    return render(request, "web/cycle/round_entry.html", {
        "round": round_, "evaluation": evaluation, "pack": pack, "can_edit": can_edit,
        "rows": [(t, i, reports.get(i.code)) for t in doc.tasks for i in t.indicators],
        "funds": [(subject, line, funds.get(subject)) for subject, line in lines.items()],
        "accumulations": Accumulation.LABELS.items(),
    })


@login_required
def round_form_download(request, round_pk: int, evaluation_pk: int):
    round_ = object_for_user(MonitoringRound.objects, request.user, pk=round_pk)
    evaluation = _one(scoped(Evaluation.objects.select_related("department"), request.user), pk=evaluation_pk,
                      year=round_.year, department__region=round_.region)
    from jixiao.documents.forms.monitoring import write_monitoring_form

    data = write_monitoring_form(round_form(round_, evaluation))
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = f"{evaluation.year}年度{evaluation.department.name}绩效目标执行监控表（{round_.name}）.xlsx"
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
@require_POST
def round_form_upload(request, round_pk: int, evaluation_pk: int):
    round_ = object_for_user(MonitoringRound.objects, request.user, pk=round_pk)
    evaluation = _one(scoped(Evaluation.objects.all(), request.user), pk=evaluation_pk)
    uploaded = uploaded_workbook(request, "form")
    if isinstance(uploaded, str):
        messages.error(request, uploaded)
    else:
        with _shown(request, "已读入监控表"):
            monitor_services.import_monitoring_form(round=round_, evaluation=evaluation, data=uploaded[0],
                                                    acting_user=request.user)
    return redirect("web:cycle:round_entry", round_pk=round_.pk, evaluation_pk=evaluation.pk)


# --- warnings ------------------------------------------------------------------------------------
@login_required
def warnings(request):
    """预警: the current colour of every monitored subject, its escalation and its history."""
    items = (MonitoringWarning.objects.for_user(request.user).select_related("round", "evaluation__department")
             .prefetch_related("changes__actor").order_by("-round__cut_off", "colour", "evaluation__department__code"))
    colour = request.GET.get("colour", "")
    if colour in WarningLevel._value2member_map_:
        items = items.filter(colour=colour)
    else:
        items = items.exclude(colour=WarningLevel.GREEN.value)
        colour = ""
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    levels = load_monitoring_pack().escalation
    return render(request, "web/cycle/warnings.html", {"page": page, "colour": colour, "levels": levels,
                                                       "side": _side(request.user), "query": f"colour={colour}"})


@login_required
@require_POST
def warning_escalate(request, pk: int):
    warning = object_for_user(MonitoringWarning.objects, request.user, pk=pk)
    level = request.POST.get("level", "")
    with _shown(request, f"已升级为“{level}”"):
        warning_services.escalate_warning(warning=warning, level=level, acting_user=request.user,
                                          reason=request.POST.get("reason", ""))
    return redirect("web:cycle:warnings")


# --- adjustments ---------------------------------------------------------------------------------
def _adjustments(user):
    return scoped(Adjustment.objects.select_related("evaluation__department", "requested_by", "decided_by"), user,
                  "view", "evaluation__department")


@login_required
def adjustments(request):
    """调整: requests and decisions; the department asks, the bureau decides."""
    items = _adjustments(request.user).order_by("-requested_on", "-id")
    status = request.GET.get("status", "")
    if status in AdjustmentStatus._value2member_map_:
        items = items.filter(status=status)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    editable = scoped(Evaluation.objects.filter(kind="department").select_related("department"), request.user,
                      EDIT).order_by("-year")
    return render(request, "web/cycle/adjustments.html", {
        "page": page, "status": status, "statuses": AdjustmentStatus, "kinds": AdjustmentKind,
        "evaluations": editable, "side": _side(request.user), "query": f"status={status}"})


@login_required
@require_POST
def adjustment_request(request):
    evaluation = _one(scoped(Evaluation.objects.all(), request.user, EDIT), pk=request.POST.get("evaluation") or 0)
    with _shown(request, "已提交调整申请，等待财政审核"):
        adjust_services.request_adjustment(evaluation=evaluation, kind=request.POST.get("kind", "target"),
                                           subject=request.POST.get("subject", "").strip(),
                                           after=request.POST.get("after", ""), reason=request.POST.get("reason", ""),
                                           acting_user=request.user)
    return redirect("web:cycle:adjustments")


@login_required
@require_POST
def adjustment_decide(request, pk: int):
    adjustment = _one(_adjustments(request.user), pk=pk)
    approve = request.POST.get("decision") == "approve"
    with _shown(request, "已批准调整" if approve else "已不予调整"):
        adjust_services.decide_adjustment(adjustment=adjustment, approve=approve, acting_user=request.user,
                                          reason=request.POST.get("reason", ""))
    return redirect("web:cycle:adjustments")


# --- rectification -------------------------------------------------------------------------------
@login_required
def rectification(request):
    """整改: open and overdue items of both sides, last year's ones with their state."""
    show = request.GET.get("show", "open")
    today = timezone.localdate()
    if show == "overdue":
        items = rect_services.items_for(request.user, overdue_on=today)
    elif show == "all":
        items = rect_services.items_for(request.user)
    else:
        show = "open"
        items = rect_services.items_for(request.user, status="open")
    items = list(items.prefetch_related("replies__evidence"))
    for item in items:
        item.is_overdue = item.overdue_on(today)
    reviewable = scoped(Evaluation.objects.filter(kind="department").select_related("department"), request.user,
                        REVIEW).order_by("-year", "department__code")
    drafts = rect_services.items_for(request.user, status=RectificationStatus.DRAFT.value) if _is_reviewer(request.user) else []
    return render(request, "web/cycle/rectification.html", {
        "items": items, "drafts": drafts, "show": show, "today": today, "side": _side(request.user),
        "evaluations": reviewable[:200],
        "overdue": rect_services.items_for(request.user, overdue_on=today).count(),
        "limits": rect_services.evidence_limits()})


@login_required
@require_POST
def rectification_from_report(request):
    evaluation = _one(scoped(Evaluation.objects.all(), request.user, REVIEW), pk=request.POST.get("evaluation") or 0)
    with _shown(request):
        made = rect_services.items_from_report(evaluation=evaluation, acting_user=request.user)
        messages.success(request, f"已生成整改事项 {len(made)} 项（已有的不重复生成）")
    return redirect(reverse("web:cycle:rectification") + "?show=all")


@login_required
@require_POST
def rectification_review(request):
    evaluation = _one(scoped(Evaluation.objects.all(), request.user, REVIEW), pk=request.POST.get("evaluation") or 0)
    with _shown(request, "已添加整改事项，请下达整改要求"):
        rect_services.add_review_item(evaluation=evaluation, problem=request.POST.get("problem", ""),
                                      measure=request.POST.get("measure", ""), acting_user=request.user)
    return redirect(reverse("web:cycle:rectification") + "?show=all")


@login_required
@require_POST
def rectification_act(request, pk: int, action: str):
    item = object_for_user(RectificationItem.objects, request.user, pk=pk)
    user, post = request.user, request.POST
    if action == "issue":
        deadline = _date(post.get("deadline", ""))
        if deadline is None:
            messages.error(request, "请填写整改期限")
        else:
            with _shown(request, "已下达整改要求"):
                rect_services.issue_requirement(item=item, requirement=post.get("requirement", ""), deadline=deadline,
                                                acting_user=user)
    elif action == "answer":
        files = [(f.name, f.read()) for f in request.FILES.getlist("evidence")[:rect_services.evidence_limits().max_files + 1]]
        with _shown(request, "已提交整改反馈"):
            rect_services.answer_item(item=item, text=post.get("text", ""), files=files, acting_user=user)
    elif action == "confirm":
        with _shown(request, "已验收"):
            rect_services.confirm_item(item=item, acting_user=user, reason=post.get("reason", ""))
    elif action == "return":
        with _shown(request, "已退回重改"):
            rect_services.return_item(item=item, acting_user=user, reason=post.get("reason", ""))
    return redirect("web:cycle:rectification")


@login_required
def evidence_download(request, pk: int):
    from jixiao.cycle.models import Evidence

    evidence = object_for_user(Evidence.objects, request.user, pk=pk)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


# --- targets -------------------------------------------------------------------------------------
@login_required
def targets(request):
    """绩效目标申报与审核: the declarations the visitor may see; a department starts its year's."""
    items = TargetDeclaration.objects.for_user(request.user).select_related("department").order_by("-year", "department__code")
    departments = Department.objects.filter(pk__in=request.user.department_ids()) if not request.user.is_superuser \
        else Department.objects.none()
    return render(request, "web/cycle/targets.html", {"items": items, "departments": departments,
                                                      "side": _side(request.user),
                                                      "next_year": timezone.localdate().year + 1})


ROW_KEYS = ("task_code", "task_name", "code", "level1", "level2", "name", "target", "unit", "basis", "accumulation",
            "library")


def _posted_rows(post) -> list[dict]:
    rows = []
    for i in post.getlist("row"):
        row = {key: post.get(f"{key}-{i}", "").strip() for key in ROW_KEYS}
        if row["name"] or row["target"]:
            rows.append(row)
    return rows


def _posted_project(post, code: str) -> dict:
    from jixiao.domain.enums import FundSource

    return {"code": code, "name": post.get("project_name", ""), "attribute": post.get("project_attribute", ""),
            "unit": post.get("implementing_unit", ""), "schedule": post.get("schedule", ""),
            "funds": {s.label: post.get(f"funds-{s.value}", "") for s in FundSource}}


@login_required
def declaration(request, department_pk: int, year: int, project_code: str = ""):
    """申报 (department) or 审核 (bureau) one year's overall targets or one project's, with the checks
    and advice per row."""
    from jixiao.domain.enums import FundSource

    department = object_for_user(Department.objects, request.user, pk=department_pk)
    if not project_code and request.GET.get("project", "").strip():
        return redirect("web:cycle:project_declaration", department_pk=department.pk, year=year,
                        project_code=request.GET["project"].strip()[:40])
    declaration = TargetDeclaration.objects.filter(department=department, year=year, project_code=project_code).first()
    can_edit = (request.user.is_superuser or department.pk in request.user.department_ids()) and (
        declaration is None or declaration.status in target_services.EDITABLE)
    if request.method == "POST" and can_edit:
        with _shown(request):
            declaration, findings = target_services.save_declaration(
                department=department, year=year, goal=request.POST.get("goal", ""), rows=_posted_rows(request.POST),
                acting_user=request.user, project=_posted_project(request.POST, project_code) if project_code else None)
            messages.success(request, f"已保存（{len(findings)} 条审核提示）")
            if request.POST.get("submit"):
                target_services.submit_declaration(declaration=declaration, acting_user=request.user)
                messages.success(request, "已申报，等待财政审核")
        return redirect(request.path)
    rows = list(declaration.rows.all()) if declaration else []
    pick = request.GET.get("pick")
    picked = None
    if pick and can_edit:
        entry = LibraryIndicator.objects.for_user(request.user).filter(pk=pick).first()
        picked = target_services.library_row(entry) if entry else None
    findings = target_services.target_findings(declaration) if declaration else []
    for r in rows:
        r.advice = target_services.target_advice(department=department, year=year, name=r.name, unit=r.unit,
                                                 target=r.target, library=r.library)
    library = LibraryIndicator.objects.for_user(request.user).filter(retired=False, region=department.region)
    return render(request, "web/cycle/declaration.html", {
        "department": department, "year": year, "declaration": declaration, "rows": rows, "can_edit": can_edit,
        "project_code": project_code, "attributes": target_services.PROJECT_ATTRIBUTES,
        "accumulations": Accumulation.LABELS.items(),
        "sources": [(s, (declaration.funds if declaration else {}).get(s.label, "")) for s in FundSource],
        "can_review": bool(declaration and declaration.status == TargetStatus.SUBMITTED.value and scoped(
            TargetDeclaration.objects.filter(pk=declaration.pk), request.user, REVIEW).exists()),
        "findings": findings, "picked": picked, "library": library.order_by("-curated", "-uses")[:300],
        "level1": Level1, "level2": Level2, "blank_rows": range(len(rows), len(rows) + 3),
    })


@login_required
@require_POST
def declaration_review(request, pk: int):
    declaration = object_for_user(TargetDeclaration.objects, request.user, pk=pk)
    approve = request.POST.get("decision") == "approve"
    notes = {key.removeprefix("note-"): value for key, value in request.POST.items() if key.startswith("note-")}
    with _shown(request, "已审核通过" if approve else "已退回"):
        target_services.review_declaration(declaration=declaration, approve=approve, acting_user=request.user,
                                           reason=request.POST.get("reason", ""), row_notes=notes)
    if declaration.project_code:
        return redirect("web:cycle:project_declaration", department_pk=declaration.department_id,
                        year=declaration.year, project_code=declaration.project_code)
    return redirect("web:cycle:declaration", department_pk=declaration.department_id, year=declaration.year)


@login_required
def library(request):
    """指标库: the region's reusable indicators; the bureau builds and curates, everyone picks."""
    items = LibraryIndicator.objects.for_user(request.user).select_related("region").order_by("-curated", "-uses", "name")
    q = request.GET.get("q", "").strip()
    if q:
        items = items.filter(name__contains=q)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    regions = Region.objects.filter(pk__in=request.user.reviewed_region_ids())
    departments = Department.objects.filter(pk__in=request.user.department_ids())
    return render(request, "web/cycle/library.html", {"page": page, "q": q, "regions": regions,
                                                      "departments": departments, "side": _side(request.user),
                                                      "next_year": timezone.localdate().year + 1, "query": f"q={q}"})


@login_required
@require_POST
def library_build(request):
    region = _one(Region.objects.all(), pk=request.POST.get("region") or 0)
    with _shown(request):
        created, updated = target_services.build_library(region=region, acting_user=request.user)
        messages.success(request, f"指标库新增 {created} 个、更新 {updated} 个")
    return redirect("web:cycle:library")


@login_required
@require_POST
def library_curate(request, pk: int):
    entry = object_for_user(LibraryIndicator.objects, request.user, pk=pk)
    fields = {k: request.POST.get(k, "").strip() for k in ("name", "level1", "level2", "unit", "basis", "measurement")
              if k in request.POST}
    fields["retired"] = request.POST.get("retired") == "on"
    with _shown(request, "已审定"):
        target_services.curate_entry(entry=entry, acting_user=request.user, **fields)
    return redirect("web:cycle:library")
