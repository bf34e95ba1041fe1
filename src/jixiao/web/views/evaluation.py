"""The evaluation page (绩效自评): what a department and its reviewers see of one evaluation, and the
workflow buttons (提交、退回、审核通过、公开) drawn from the one workflow table."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.domain import workflow
from jixiao.domain.workflow import Action
from jixiao.evaluations import services
from jixiao.evaluations.models import Evaluation
from jixiao.narrative.tables import funds_table
from jixiao.web.shortcuts import object_for_user

# The service that takes each workflow action (the table says who may, the service does it).
TRANSITION_SERVICES = {
    Action.SUBMIT: services.submit_evaluation,
    Action.RETURN: services.return_evaluation,
    Action.ACCEPT: services.accept_evaluation,
    Action.PUBLISH: services.publish_evaluation,
}


def _evaluations():
    return Evaluation.objects.select_related("department__region")


@require_GET
def evaluation(request, pk: int):
    """概览: status and the actions open to the visitor, the latest return reason at the top, score and
    grade with the points of every part, funds, the review findings linked to their cells, and the
    timeline."""
    from jixiao.bureau.selectors import indicator_comments
    from jixiao.events.selectors import latest_return, timeline
    from jixiao.web.department.selectors import overview
    from jixiao.web.department.views import _tabs

    evaluation = object_for_user(_evaluations(), request.user, Action.VIEW, pk=pk)
    roles = request.user.roles_on(evaluation.department) if request.user.is_authenticated else frozenset()
    view = overview(evaluation)
    return render(request, "web/evaluation.html", {
        "evaluation": evaluation,
        "document": view.document,
        "assessment": view.assessment,
        "overview": view,
        "funds": funds_table(view.document),
        "transitions": workflow.available(evaluation.status, roles),
        "timeline": timeline(request.user, evaluation),
        "comments": indicator_comments(request.user, evaluation),
        "returned": latest_return(request.user, evaluation),
        "tabs": _tabs(evaluation, "overview"),
    })


@login_required
@require_POST
def transition(request, pk: int, action: str):
    """Take one workflow action on an evaluation (the service checks the table and writes the event)."""
    try:
        step = Action(action)
        service = TRANSITION_SERVICES[step]
    except (ValueError, KeyError):
        return redirect("web:evaluation", pk=pk)
    evaluation = object_for_user(_evaluations(), request.user, Action.VIEW, pk=pk)
    kwargs = {"reason": request.POST.get("reason", "")} if workflow.transition(step).needs_reason else {}
    try:
        service(evaluation=evaluation, acting_user=request.user, **kwargs)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"已{step.label}：{evaluation}")
    return redirect("web:evaluation", pk=pk)
