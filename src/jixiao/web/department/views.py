"""The department's pages. Thin: find the evaluation through ``object_for_user`` (404 for a stranger,
403 when it is locked or the role cannot act), read through the selectors, change through the services
(:mod:`jixiao.evaluations.edits`, :mod:`jixiao.evaluations.services`)."""

from __future__ import annotations

import hashlib
import json
import secrets
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from jixiao.domain.rows import FIELD_LABELS, FUNDS, INDICATORS, PROJECTS, TASKS
from jixiao.domain.workflow import Action
from jixiao.evaluations import edits, services
from jixiao.evaluations.edits import CellChange, EditRefused
from jixiao.evaluations.models import Evaluation, ReportSection, Task
from jixiao.evaluations.store import document_for
from jixiao.web.department import selectors
from jixiao.web.shortcuts import object_for_user, uploaded_workbook, workbook_upload_limit_mb

MAX_BATCH = 5000  # cells in one save (a pasted block)


def _evaluations():
    return Evaluation.objects.select_related("department__region")


def _can_edit(user, evaluation) -> bool:
    return Evaluation.objects.for_user(user, Action.EDIT).filter(pk=evaluation.pk).exists()


def _part(slug: str) -> str:
    try:
        return selectors.PARTS[slug]
    except KeyError:
        raise Http404("没有这一类数据") from None


def _tabs(evaluation, active: str) -> list[tuple[str, str, bool]]:
    """The evaluation page's tabs: (label, address, active)."""
    items = [("概览", reverse("web:evaluation", args=[evaluation.pk]), "overview")]
    items += [(label, reverse("web:department:grid", args=[evaluation.pk, slug]), slug)
              for slug, label in (("indicators", "绩效指标"), ("funds", "资金"), ("tasks", "工作任务"),
                                  ("projects", "项目"))]
    items += [("报告文字", reverse("web:department:sections", args=[evaluation.pk]), "sections"),
              ("上传与下载", reverse("web:department:files", args=[evaluation.pk]), "files")]
    return [(label, url, key == active) for label, url, key in items]


# --- 我的自评 ---------------------------------------------------------------------------------------

@login_required
@require_GET
def home(request):
    """我的自评: my departments' evaluations by year, with status, score, grade, open findings and
    the deadline; each opens its page."""
    return render(request, "web/department/home.html", {"evaluations": selectors.my_evaluations(request.user),
                                                        "max_mb": workbook_upload_limit_mb()})


# --- the grid ---------------------------------------------------------------------------------------

GRID_TITLES = {INDICATORS: "绩效指标", FUNDS: "资金", TASKS: "工作任务", PROJECTS: "项目"}


def _grid_data(evaluation, part: str) -> dict:
    if part == INDICATORS:
        rows = selectors.indicator_rows(evaluation)
    else:
        rows = selectors.part_rows(evaluation, part)
    return {"rows": rows, "score": {"total": "" if evaluation.score_total is None else str(evaluation.score_total),
                                    "grade": evaluation.score_grade}}


@require_GET
def grid(request, pk: int, part: str):
    """The spreadsheet-like editor of one part (read-only for those who may only look, and once locked)."""
    part_name = _part(part)
    evaluation = object_for_user(_evaluations(), request.user, Action.VIEW, pk=pk)
    editable = request.user.is_authenticated and _can_edit(request.user, evaluation)
    labels = {name: FIELD_LABELS.get((part_name, name), name) for name in edits.EDITABLE[part_name]}
    config = {"part": part, "editable": editable, "labels": labels,
              "save": reverse("web:department:save", args=[pk, part]),
              "rows": reverse("web:department:rows", args=[pk, part])}
    tasks = Task.objects.filter(evaluation=evaluation).order_by("position", "id") if part in ("indicators",
                                                                                            "projects") else []
    return render(request, "web/department/grid.html", {
        "evaluation": evaluation, "part": part, "title": GRID_TITLES[part_name], "editable": editable,
        "tabs": _tabs(evaluation, part), "config": config, "data": _grid_data(evaluation, part_name),
        "tasks": tasks, "fund_sources": _choices("FundSource"), "fund_natures": _choices("FundNature"),
    })


def _choices(name: str):
    from jixiao.domain import enums

    return [member.label for member in getattr(enums, name)]


@require_GET
def rows(request, pk: int, part: str):
    """The grid's rows as JSON (reloaded after a conflict)."""
    part_name = _part(part)
    evaluation = object_for_user(_evaluations(), request.user, Action.VIEW, pk=pk)
    return JsonResponse(_grid_data(evaluation, part_name))


@require_POST
def save(request, pk: int, part: str):
    """Save a batch of changed cells (one cell, or a pasted block): all or nothing. 200 with the rows
    as stored and the new score; 400 with every refused cell; 409 when a cell was changed by someone
    else (with their value); 403 when locked or not the department's; 404 for a stranger."""
    part_name = _part(part)
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "请先登录"}, status=403)
    evaluation = object_for_user(_evaluations(), request.user, Action.EDIT, pk=pk)
    try:
        payload = json.loads(request.body or b"{}")
        changes = [CellChange(part_name, int(c["id"]), str(c["field"]), "" if c.get("value") is None else str(c["value"]),
                              None if c.get("old") is None else str(c["old"]))
                   for c in payload.get("changes", [])]
    except (ValueError, KeyError, TypeError, AttributeError):
        return JsonResponse({"detail": "请求内容无效"}, status=400)
    if not changes:
        return JsonResponse({"detail": "没有要保存的修改"}, status=400)
    if len(changes) > MAX_BATCH:
        return JsonResponse({"detail": f"一次最多保存 {MAX_BATCH} 个单元格"}, status=400)
    try:
        result = edits.save_cells(evaluation=evaluation, acting_user=request.user, changes=changes)
    except EditRefused as refused:
        conflict = any(p.kind == "conflict" for p in refused.problems)
        return JsonResponse({"detail": str(refused), "problems": [p.to_json() for p in refused.problems]},
                            status=409 if conflict else 400)
    except PermissionDenied as refused:
        return JsonResponse({"detail": str(refused)}, status=403)
    data = result.to_json()
    if part_name == INDICATORS:
        data["rows"] = selectors.indicator_rows(result.evaluation, result.assessment, result.findings)
    else:
        data["rows"] = selectors.part_rows(result.evaluation, part_name)
    return JsonResponse(data)


@require_POST
def add_row(request, pk: int, part: str):
    """Add a row (an indicator or a project under a task, a task, a fund line)."""
    part_name = _part(part)
    evaluation = object_for_user(_evaluations(), request.user, Action.EDIT, pk=pk)
    task_id = request.POST.get("task")
    try:
        edits.add_row(evaluation=evaluation, acting_user=request.user, part=part_name,
                      task_id=int(task_id) if task_id and task_id.isdigit() else None,
                      values={k: request.POST.get(k, "") for k in ("name", "level1", "level2", "source", "nature")})
    except EditRefused as refused:
        messages.error(request, "；".join(p.message for p in refused.problems))
    else:
        messages.success(request, "已添加一行，请在表格中填写")
    return redirect("web:department:grid", pk=pk, part=part)


@require_POST
def delete_row(request, pk: int, part: str):
    """Delete a row: the first post shows what would be deleted and asks; ``confirm`` deletes."""
    part_name = _part(part)
    evaluation = object_for_user(_evaluations(), request.user, Action.EDIT, pk=pk)
    row_id = request.POST.get("id", "")
    if not row_id.isdigit():
        messages.error(request, "请选择要删除的行")
        return redirect("web:department:grid", pk=pk, part=part)
    try:
        edits.delete_row(evaluation=evaluation, acting_user=request.user, part=part_name, row_id=int(row_id),
                         confirmed=request.POST.get("confirm") == "yes")
    except edits.RowDeletionNotConfirmed as question:
        return render(request, "web/department/delete_confirm.html", {
            "evaluation": evaluation, "part": part, "row_id": row_id, "question": str(question),
            "tabs": _tabs(evaluation, part)})
    except EditRefused as refused:
        messages.error(request, "；".join(p.message for p in refused.problems))
    else:
        messages.success(request, "已删除")
    return redirect("web:department:grid", pk=pk, part=part)


# --- report sections ----------------------------------------------------------------------------

@require_GET
def sections(request, pk: int):
    """报告文字: the report's sections, editable while the evaluation is; what the report still misses
    is listed as missing (never printed into the report as a finding)."""
    from jixiao.narrative import draft_report

    evaluation = object_for_user(_evaluations(), request.user, Action.VIEW, pk=pk)
    editable = request.user.is_authenticated and _can_edit(request.user, evaluation)
    from jixiao.assessment import assess
    from jixiao.usecases.reports import redraft_changes

    assessment = assess(document_for(evaluation))
    report = draft_report(assessment, charts=False)
    return render(request, "web/department/sections.html", {
        "evaluation": evaluation, "editable": editable, "tabs": _tabs(evaluation, "sections"),
        "sections": ReportSection.objects.filter(evaluation=evaluation).order_by("id"),
        "missing": report.missing, "redraft": redraft_changes(assessment.document) if editable else [],
    })


@require_POST
def section_save(request, pk: int, key: str):
    evaluation = object_for_user(_evaluations(), request.user, Action.EDIT, pk=pk)
    try:
        edits.save_section(evaluation=evaluation, acting_user=request.user, key=key, text=request.POST.get("text", ""),
                           old=request.POST.get("old"))
    except EditRefused as refused:
        messages.error(request, "；".join(p.message for p in refused.problems))
    else:
        messages.success(request, "已保存（人工编辑的章节在按数据重新起草时保留）")
    return redirect(reverse("web:department:sections", args=[pk]) + f"#section-{key}")


@require_POST
def redraft(request, pk: int):
    evaluation = object_for_user(_evaluations(), request.user, Action.EDIT, pk=pk)
    result = edits.redraft_sections(evaluation=evaluation, acting_user=request.user)
    drafted = [c["label"] for c in result.changes]
    messages.success(request, f"已按数据重新起草 {len(drafted)} 节" + (f"：{'、'.join(drafted)}" if drafted else "")
                     + "；人工编辑过的章节未改动")
    return redirect("web:department:sections", pk=pk)


# --- uploads and downloads ------------------------------------------------------------------------

DOWNLOADS = {
    "workbook": "自评工作簿（Excel）",
    "report-docx": "自评报告（Word）",
    "report-pdf": "自评报告（PDF）",
    "report-html": "自评报告（网页）",
    "form-department": "部门整体支出绩效自评表",
    "form-projects": "项目支出绩效自评表",
    "opendata": "公开数据（CSV/JSON）",
}


@require_GET
def files(request, pk: int):
    """上传与下载: upload a workbook (members who may edit), download everything."""
    evaluation = object_for_user(_evaluations(), request.user, Action.VIEW, pk=pk)
    editable = request.user.is_authenticated and _can_edit(request.user, evaluation)
    return render(request, "web/department/files.html", {
        "evaluation": evaluation, "editable": editable, "tabs": _tabs(evaluation, "files"), "downloads": DOWNLOADS,
        "max_mb": workbook_upload_limit_mb()})


PENDING_HOURS = 24  # an upload waiting for its deletion to be confirmed is kept this long


def _pending_dir() -> Path:
    """Where an upload waits for the confirmation of its deletions; older ones are removed."""
    import time

    path = Path(settings.DATA_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    for old in path.glob("*.xlsx"):
        if old.stat().st_mtime < time.time() - PENDING_HOURS * 3600:
            old.unlink(missing_ok=True)
    return path


def _refuse_other_evaluation(evaluation, document) -> str:
    if (document.department_code, document.year, document.kind.value) != (
            evaluation.department.code, evaluation.year, evaluation.kind):
        return (f"这份工作簿是{document.department_name}（{document.department_code}）{document.year} 年度的自评，"
                f"不是{evaluation}；请在对应的自评页面上传")
    return ""


def _import(request, evaluation, data: bytes, name: str, *, allow_delete: bool):
    """Read, check and import a workbook; render the page with what happened."""
    from jixiao.documents.workbook import WorkbookError
    from jixiao.documents.workbook.reader import read_workbook_file

    context = {"evaluation": evaluation, "editable": True, "tabs": _tabs(evaluation, "files"),
               "downloads": DOWNLOADS, "file_name": name, "max_mb": workbook_upload_limit_mb()}
    try:
        read = read_workbook_file(data)
    except WorkbookError as exc:
        context["problems"] = exc.problems
        return render(request, "web/department/files.html", context, status=400)
    mismatch = _refuse_other_evaluation(evaluation, read.document)
    if mismatch:
        context["refusal"] = mismatch
        return render(request, "web/department/files.html", context, status=400)
    try:
        services.import_document(document=read.document, acting_user=request.user, file_name=name,
                                 file_sha256=hashlib.sha256(data).hexdigest(), stamp=read.stamp, places=read.places,
                                 allow_delete=allow_delete)
    except services.DeletionNotConfirmed as exc:
        token = secrets.token_hex(16)
        (_pending_dir() / f"{token}.xlsx").write_bytes(data)
        request.session[f"upload-{token}"] = {"evaluation": evaluation.pk, "name": name,
                                              "sha256": hashlib.sha256(data).hexdigest()}
        context.update(deletions={part: labels for part, labels in exc.plan.changes.deleted.items() if labels},
                       token=token)
        return render(request, "web/department/files.html", context, status=409)
    except services.StaleWorkbook as exc:
        context["conflicts"] = [(read.places.cell(c.part, c.key, c.field), c) for c in exc.plan.conflicts]
        context["refusal"] = str(exc).split("\n")[0]
        return render(request, "web/department/files.html", context, status=409)
    except PermissionDenied as exc:
        context["refusal"] = str(exc)
        return render(request, "web/department/files.html", context, status=403)
    except services.DocumentRefused as exc:
        context["refusal"] = str(exc)
        return render(request, "web/department/files.html", context, status=400)
    errors = services.review_errors(evaluation)
    messages.success(request, f"已导入“{name}”" + (f"；有 {len(errors)} 个审核错误，改正后才能提交" if errors else ""))
    return redirect("web:evaluation", pk=evaluation.pk)


@require_POST
def upload(request, pk: int):
    """Upload the workbook: every problem at its cell and nothing written when any is wrong; rows it
    would delete are listed and deleted only after confirmation; conflicts with later edits by cell."""
    evaluation = object_for_user(_evaluations(), request.user, Action.EDIT, pk=pk)
    uploaded = uploaded_workbook(request)
    if isinstance(uploaded, str):
        messages.error(request, uploaded)
        return redirect("web:department:files", pk=pk)
    return _import(request, evaluation, *uploaded, allow_delete=False)


@login_required
@require_POST
def home_upload(request):
    """我的自评 → 上传工作簿: a workbook of a year not yet in the system creates that evaluation (编制中);
    one of an existing evaluation goes through that evaluation's upload (deletions confirmed there)."""
    from jixiao.documents.workbook import WorkbookError
    from jixiao.documents.workbook.reader import read_workbook_file

    uploaded = uploaded_workbook(request)
    if isinstance(uploaded, str):
        messages.error(request, uploaded)
        return redirect("web:department:home")
    data, name = uploaded
    context = {"evaluations": selectors.my_evaluations(request.user), "file_name": name,
               "max_mb": workbook_upload_limit_mb()}
    try:
        read = read_workbook_file(data)
    except WorkbookError as exc:
        context["problems"] = exc.problems
        return render(request, "web/department/home.html", context, status=400)
    existing = (Evaluation.objects.for_user(request.user, Action.EDIT)
                .filter(department__code=read.document.department_code, **services._evaluation_key(read.document))
                .select_related("department__region").first())
    if existing is not None:
        return _import(request, existing, data, name, allow_delete=False)
    try:
        evaluation = services.import_document(document=read.document, acting_user=request.user, file_name=name,
                                              file_sha256=hashlib.sha256(data).hexdigest(), stamp=read.stamp,
                                              places=read.places)
    except (PermissionDenied, services.DocumentRefused) as exc:
        context["refusal"] = str(exc)
        return render(request, "web/department/home.html", context, status=403 if isinstance(
            exc, PermissionDenied) else 400)
    messages.success(request, f"已导入“{name}”，新建了{evaluation}")
    return redirect("web:evaluation", pk=evaluation.pk)


@login_required
@require_GET
def blank_workbook(request):
    """The empty workbook with every sheet, header, drop-down and hint, to fill in Excel or WPS."""
    from jixiao.usecases.workbooks import blank_workbook as blank

    return _file(blank())


@require_POST
def upload_confirm(request, pk: int):
    """The confirmation step: import the workbook kept from the upload, deleting the rows listed."""
    evaluation = object_for_user(_evaluations(), request.user, Action.EDIT, pk=pk)
    token = request.POST.get("token", "")
    pending = request.session.get(f"upload-{token}") if token.isalnum() else None
    path = _pending_dir() / f"{token}.xlsx"
    if not pending or pending["evaluation"] != evaluation.pk or not path.exists():
        messages.error(request, "上传的文件已过期，请重新上传")
        return redirect("web:department:files", pk=pk)
    data = path.read_bytes()
    path.unlink(missing_ok=True)
    del request.session[f"upload-{token}"]
    if request.POST.get("confirm") != "yes":
        messages.info(request, "已取消，未导入")
        return redirect("web:department:files", pk=pk)
    return _import(request, evaluation, data, pending["name"], allow_delete=True)


def _file(produced) -> HttpResponse:
    response = HttpResponse(produced.data, content_type=produced.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(produced.name)}"
    return response


@require_GET
def download(request, pk: int, what: str):
    """Download the workbook (with its 导出版本 for members), the report, the official forms or open data;
    each download by a signed-in user is in the timeline."""
    if what not in DOWNLOADS:
        raise Http404("没有这种下载")
    evaluation = object_for_user(_evaluations(), request.user, Action.VIEW, pk=pk)
    user = request.user
    if what == "workbook":
        from jixiao.usecases.workbooks import export_document

        member = user.is_authenticated and (user.is_superuser or user.roles_on(evaluation.department))
        if member:
            document, stamp = services.record_export(evaluation=evaluation, acting_user=user)
            return _file(export_document(document, ".xlsx", stamp=stamp))
        return _file(export_document(document_for(evaluation), ".xlsx"))
    from jixiao.assessment import assess

    assessment = assess(document_for(evaluation))
    if what.startswith("report-"):
        from jixiao.usecases.reports import produce_report

        produced = produce_report(assessment, what.split("-", 1)[1])
    elif what == "form-department":
        from jixiao.usecases.forms import department_form

        produced = department_form(assessment)
    elif what == "form-projects":
        from jixiao.usecases.forms import project_forms

        if not assessment.document.projects:
            messages.error(request, "本自评没有项目，无项目支出绩效自评表")
            return redirect("web:department:files", pk=pk)
        produced = project_forms(assessment.document)
    else:
        from jixiao.documents.registry import file_name
        from jixiao.usecases.opendata import open_data_zip

        produced = open_data_zip([assessment], file_name(assessment.document, "公开数据", ".zip"))
    if user.is_authenticated:
        edits.record_download(evaluation=evaluation, acting_user=user, what=DOWNLOADS[what], file_name=produced.name)
    return _file(produced)
