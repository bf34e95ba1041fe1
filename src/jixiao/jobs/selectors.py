"""Reads of the jobs app: what a job would work on, and the jobs a user may see."""

from __future__ import annotations

from jixiao.domain.enums import EvaluationKind, EvaluationStatus
from jixiao.domain.workflow import Action
from jixiao.evaluations.models import Evaluation
from jixiao.jobs.models import Job, JobKind
from jixiao.orgs.models import Region


def job_items(kind: JobKind, region: Region, year: int | None, params: dict, user) -> list[int]:
    """The evaluations a job of ``kind`` works on, in department-code order: the department
    evaluations of the region (and the regions under it) for the year that ``user`` may see;
    published ones only for open data; for re-scoring, those under one rule pack when it is named; for
    the warnings, those that report to a monitoring round (the department years, and any evaluation
    with a report)."""
    evaluations = Evaluation.objects.for_user(user, Action.VIEW).filter(
        department__region_id__in=region.descendant_ids())
    if kind is JobKind.WARNINGS:
        from jixiao.monitoring.selectors import monitored_evaluations

        evaluations = monitored_evaluations(evaluations)
    else:
        evaluations = evaluations.filter(kind=EvaluationKind.DEPARTMENT.value)
    if year:
        evaluations = evaluations.filter(year=year)
    if kind is JobKind.OPENDATA:
        evaluations = evaluations.filter(status=EvaluationStatus.PUBLISHED.value)
    if kind is JobKind.RESCORE and params.get("rule_pack"):
        evaluations = evaluations.filter(rule_pack=params["rule_pack"])
    return list(evaluations.order_by("department__code", "year").values_list("pk", flat=True))


def jobs_for(user):
    """The jobs ``user`` may see, newest first, with their progress annotated."""
    return Job.objects.for_user(user).select_related("region", "requested_by").with_progress()


class JobNotFound(LookupError):
    """No job has that number; the message is Chinese."""


def find_job(job_id: int) -> Job:
    """A job by its number, for the operator's commands (which act as the system)."""
    job = Job.objects.select_related("region").filter(pk=job_id).first()
    if job is None:
        raise JobNotFound(f"没有编号为 {job_id} 的后台任务")
    return job


def recent_jobs(limit: int = 50) -> list[Job]:
    """The newest jobs with their progress, for ``jixiao jobs list``."""
    return list(Job.objects.select_related("region").with_progress()[:limit])
