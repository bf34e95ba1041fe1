"""审核: one evaluation as a reviewer sees it — the rule score beside the self-score point by point,
the check findings (errors first, each linked to its indicator or naming its cell), the change against
last year, the timeline — with 通过 / 退回 / 公开 and comments kept with each indicator."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.bureau import selectors
from jixiao.bureau.models import IndicatorComment
from jixiao.bureau.comments import comment_on_indicator
from jixiao.bureau.services import AdministrationRefused
from jixiao.domain import workflow
from jixiao.domain.findings import describe
from jixiao.domain.workflow import Action
from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.selectors import earlier_documents
from jixiao.evaluations.store import document_for
from jixiao.events.selectors import latest_return, timeline
from jixiao.narrative.tables import funds_table
from jixiao.usecases.review import review_document
from jixiao.usecases.scoring import score
from jixiao.web.bureau.common import REVIEW_ACTIONS, reviewer_required, take_action

def reviewed_evaluation(user, pk) -> Evaluation:
    """An evaluation of a region the user reviews; any other is not found (nothing is revealed)."""
    evaluation = selectors.reviewed(user).filter(pk=pk).select_related("department__region").first()
    if evaluation is None:
        raise Http404("您访问的内容不存在，或您没有查看权限。")
    return evaluation


def _change(document, earlier) -> dict | None:
    """Last year against this year: score, grade, budget, execution, and each indicator's actual value."""
    last = next((d for d in reversed(earlier) if d.year == document.year - 1), None)
    if last is None:
        return None
    return {"document": last, "actuals": {i.name: i.actual.text for i in last.indicators}}


CELL_KEYS = ("sheet", "row", "column")


def _finding_row(finding, codes) -> dict:
    """A finding as the page shows it: where (the object and field), its workbook cell, and the anchor
    of its indicator on the page."""
    location = finding.location
    cell = f"{location['sheet']}!{location.get('column') or ''}{location.get('row') or ''}" if "sheet" in location else ""
    return {"finding": finding, "where": describe({k: v for k, v in location.items() if k not in CELL_KEYS}),
            "cell": cell, "anchor": f"ind-{finding.subject}" if finding.subject in codes else ""}


@reviewer_required
def review(request, pk: int):
    evaluation = reviewed_evaluation(request.user, pk)
    document = document_for(evaluation)
    earlier = earlier_documents(evaluation)
    scored = score(document)
    result = scored.assessment.result
    # the findings placed in the evaluation's workbook too (a cell the department can find: 指标!F12)
    findings = review_document(document, history=earlier, in_export=True)
    comments: dict[str, list] = {}
    for comment in selectors.indicator_comments(request.user, evaluation):
        comments.setdefault(comment.indicator_code, []).append(comment)
    codes = {i.code for i in document.indicators}
    change = _change(document, earlier)
    last_evaluation = (Evaluation.objects.filter(department_id=evaluation.department_id, kind=evaluation.kind,
                                                 project_code=evaluation.project_code, year=evaluation.year - 1)
                       .only("pk", "score_total", "score_grade", "status").first())
    items = []
    for item in result.items if result else ():
        code = item.indicator_code
        items.append({"item": item, "code": code if code in codes else "", "comments": comments.get(code, []),
                      "gap": None if item.self_score is None else item.self_score - item.score,
                      "last_actual": change["actuals"].get(item.name, "") if change else ""})
    roles = request.user.roles_on(evaluation.department)
    return render(request, "web/bureau/review.html", {
        "evaluation": evaluation, "document": document, "assessment": scored.assessment, "result": result,
        "funds": funds_table(document),
        "items": items, "change": change, "last_evaluation": last_evaluation,
        "findings": [_finding_row(f, codes) for f in findings],
        "error_count": sum(f.blocks_submission for f in findings),
        "transitions": [t for t in workflow.available(evaluation.status, roles) if t.action in REVIEW_ACTIONS],
        "timeline": timeline(request.user, evaluation), "returned": latest_return(request.user, evaluation),
    })


@reviewer_required
@require_POST
def act(request, pk: int, action: str):
    """通过 / 退回 / 公开 one evaluation (the service checks the workflow table and writes the event)."""
    evaluation = reviewed_evaluation(request.user, pk)
    try:
        step = Action(action)
    except ValueError:
        raise Http404("没有这个操作") from None
    if step not in REVIEW_ACTIONS:
        raise Http404("没有这个操作")
    outcome = take_action(evaluation=evaluation, action=step, acting_user=request.user,
                          reason=request.POST.get("reason", ""))
    (messages.success if outcome.ok else messages.error)(request, f"{evaluation}：{outcome.message}")
    return redirect("web:bureau:review", pk=pk)


@reviewer_required
@require_POST
def comment(request, pk: int):
    """批注 an indicator; with htmx the indicator's comments come back, else the page reloads."""
    evaluation = reviewed_evaluation(request.user, pk)
    code = request.POST.get("indicator", "")
    error = ""
    try:
        comment_on_indicator(evaluation=evaluation, indicator_code=code, text=request.POST.get("text", ""),
                             acting_user=request.user)
    except AdministrationRefused as refusal:
        error = str(refusal)
    if request.headers.get("HX-Request"):
        comments = IndicatorComment.objects.for_user(request.user).filter(evaluation=evaluation,
                                                                          indicator_code=code).select_related("author")
        return render(request, "web/bureau/_comments.html", {"evaluation": evaluation, "code": code,
                                                             "comments": comments, "error": error})
    (messages.error if error else messages.success)(request, error or "批注已保存。")
    return redirect(reverse("web:bureau:review", args=[pk]) + f"#ind-{code}")
