"""What the bureau's pages share: who is a reviewer, the year and region a page is about, and the
workflow actions taken one by one or for a selection (each item through the same service)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils import timezone

from jixiao.bureau.selectors import reviewed
from jixiao.domain.enums import Role
from jixiao.domain.workflow import Action
from jixiao.evaluations.models import Evaluation
from jixiao.orgs.models import Region
from jixiao.web.views.evaluation import TRANSITION_SERVICES

REVIEW_ACTIONS = (Action.ACCEPT, Action.RETURN, Action.PUBLISH)


def is_reviewer(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_role(Role.FINANCE_REVIEWER))


def reviewer_required(view):
    """The bureau's pages: for 财政审核人 (and superusers); others get a 403 that says so."""
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_reviewer(request.user):
            raise PermissionDenied("此页面仅供财政审核人使用。")
        return view(request, *args, **kwargs)
    return wrapped


def reviewed_regions(user):
    """The regions a reviewer works in, with every region under them (all of them for a superuser)."""
    regions = Region.objects.all() if user.is_superuser else Region.objects.filter(pk__in=user.reviewed_region_ids())
    return regions.order_by("code")


def top_region(user, code: str = "") -> Region | None:
    """The region a page is about: ``code`` if the user reviews it, else the user's first one."""
    regions = reviewed_regions(user)
    if code:
        chosen = regions.filter(code=code).first()
        if chosen is not None:
            return chosen
    ids = set(regions.values_list("pk", flat=True))
    return next((r for r in regions.select_related("parent") if r.parent_id not in ids), None)


def default_year(user, requested=None) -> int:
    """The year a page shows: the one asked for, else the latest year with an evaluation the user
    reviews (last year when there is none)."""
    year = int_or_none(requested)
    if year:
        return year
    return reviewed(user).aggregate(latest=Max("year"))["latest"] or timezone.localdate().year - 1


def int_or_none(text) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Outcome:
    evaluation: Evaluation
    ok: bool
    message: str


def take_action(*, evaluation: Evaluation, action: Action, acting_user, reason: str = "") -> Outcome:
    """One workflow action on one evaluation through its service; a refusal is an outcome, not an error."""
    service = TRANSITION_SERVICES[action]
    kwargs = {"reason": reason} if action is Action.RETURN else {}
    try:
        service(evaluation=evaluation, acting_user=acting_user, **kwargs)
    except PermissionDenied as refusal:
        return Outcome(evaluation, False, str(refusal))
    return Outcome(evaluation, True, f"已{action.label}")


def take_actions(*, evaluations, action: Action, acting_user, reason: str = "") -> list[Outcome]:
    """The same action on each evaluation of a selection, one service call (one transaction) each,
    every outcome reported: one refusal does not stop the others."""
    return [take_action(evaluation=e, action=action, acting_user=acting_user, reason=reason) for e in evaluations]


__all__ = ["REVIEW_ACTIONS", "Outcome", "is_reviewer", "reviewer_required", "reviewed_regions",
           "take_action", "take_actions", "top_region"]
