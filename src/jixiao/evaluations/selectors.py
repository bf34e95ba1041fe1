"""Selectors (read side): finding departments, evaluations and their documents by what people type.
Commands, views and jobs read through these (and the querysets' ``for_user``), never build queries."""

from __future__ import annotations

from django.db.models import Q

from jixiao.domain.enums import EvaluationKind, EvaluationStatus
from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.store import document_for, documents_for
from jixiao.orgs.models import Department


class NotFound(LookupError):
    """Nothing matches; the message is Chinese and names what was looked for."""


def find_department(text: str) -> Department:
    """A department by its code or its full name (e.g. ``广州市黄埔区工商业联合会``)."""
    text = (text or "").strip()
    matches = list(Department.objects.filter(Q(code=text) | Q(name=text)).select_related("region")[:2])
    if not matches:
        raise NotFound(f"找不到预算部门“{text}”（请输入部门编码或部门全称）")
    if len(matches) > 1:
        raise NotFound(f"“{text}”对应多个预算部门，请改用部门编码")
    return matches[0]


def find_region(code: str):
    """A region by its code (区划代码, e.g. 440112)."""
    from jixiao.orgs.models import Region

    region = Region.objects.filter(code=(code or "").strip()).first()
    if region is None:
        raise NotFound(f"找不到行政区划“{code}”")
    return region


def find_evaluation(department: str, year: int, kind: EvaluationKind = EvaluationKind.DEPARTMENT,
                    project_code: str = "") -> Evaluation:
    """The evaluation of a department (code or full name) for a year."""
    dept = find_department(department)
    try:
        return Evaluation.objects.select_related("department__region").get(
            department=dept, year=year, kind=kind.value, project_code=project_code)
    except Evaluation.DoesNotExist:
        raise NotFound(f"{dept.name} 没有 {year} 年度的{kind.label}") from None


def evaluation_document(department: str, year: int, kind: EvaluationKind = EvaluationKind.DEPARTMENT,
                        project_code: str = ""):
    """The stored document of a department's (code or full name) evaluation for a year."""
    return document_for(find_evaluation(department, year, kind, project_code))


def region_documents(region: str, year: int, kind: EvaluationKind = EvaluationKind.DEPARTMENT) -> list:
    """The documents of every evaluation of a region (code or name) for a year, by department code."""
    evaluations = (Evaluation.objects
                   .filter(Q(department__region__code=region) | Q(department__region__name=region), year=year,
                           kind=kind.value)
                   .order_by("department__code"))
    if not evaluations.exists():
        raise NotFound(f"行政区划“{region}”没有 {year} 年度的{kind.label}")
    return list(documents_for(evaluations))


def published_documents(*, year: int | None = None, region: str | None = None) -> list:
    """The documents of published (已公开) evaluations, optionally of one year and region (code)."""
    evaluations = Evaluation.objects.filter(status=EvaluationStatus.PUBLISHED.value)
    if year:
        evaluations = evaluations.filter(year=year)
    if region:
        evaluations = evaluations.filter(department__region__code=region)
    return list(documents_for(evaluations.order_by("department__code", "year", "kind", "project_code")))


def find_user(username: str):
    """A user by username."""
    from django.contrib.auth import get_user_model

    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise NotFound(f"找不到用户“{username}”") from None


def earlier_documents(evaluation: Evaluation) -> list:
    """The documents of the same department's evaluations (same kind and project) of earlier
    years, oldest first: the history the target checks and the year-over-year change compare with."""
    earlier = Evaluation.objects.filter(department_id=evaluation.department_id, kind=evaluation.kind,
                                        project_code=evaluation.project_code, year__lt=evaluation.year)
    return list(documents_for(earlier.order_by("year")))
