"""What the public (公众) may see: published evaluations only, through the same scope as everything
else (``Evaluation.objects.for_user`` of an anonymous visitor), whatever the URL, file or API call."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Q, Sum

from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.selectors import NotFound
from jixiao.orgs.models import Region

PUBLIC = AnonymousUser()


def published_evaluations(*, region: str = "", year: int | None = None, department: str = ""):
    """The published evaluations to list and search: by region code (with the regions under it),
    year, and department code or part of its name."""
    evaluations = Evaluation.objects.for_user(PUBLIC).select_related("department__region")
    if region:
        found = Region.objects.filter(code=region).first()
        evaluations = evaluations.filter(department__region_id__in=found.descendant_ids() if found else [])
    if year:
        evaluations = evaluations.filter(year=year)
    if department:
        evaluations = evaluations.filter(Q(department__code=department) | Q(department__name__contains=department))
    return evaluations.order_by("-year", "department__region__code", "department__code")


def published_evaluation(pk) -> Evaluation:
    """One published evaluation; an unpublished (or unknown) one is not found, the same answer."""
    evaluation = published_evaluations().filter(pk=pk).first() if str(pk).isdigit() else None
    if evaluation is None:
        raise NotFound("没有这份已公开的绩效自评")
    return evaluation


def public_regions():
    """Regions with at least one published evaluation (the public list's filter)."""
    return Region.objects.filter(departments__evaluations__in=Evaluation.objects.for_user(PUBLIC)).distinct()


def public_version() -> str:
    """A fingerprint of everything published, which changes whenever what the public may see changes:
    a publication (the status change stamps ``updated_at``, newer than every other), a withdrawal (one
    fewer), a re-score (``scored_at``) or a change of content (``revision``). One aggregate query; the
    public pages key their cached parts on it, so no cache is ever read across a publication."""
    found = Evaluation.objects.for_user(PUBLIC).aggregate(
        n=Count("pk"), ids=Sum("pk"), revisions=Sum("revision"), updated=Max("updated_at"), scored=Max("scored_at"))
    stamp = lambda at: at.timestamp() if at else 0  # noqa: E731
    return f"{found['n']}-{found['ids'] or 0}-{found['revisions'] or 0}-{stamp(found['updated'])}-{stamp(found['scored'])}"
