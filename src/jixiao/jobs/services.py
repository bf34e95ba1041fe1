"""State changes of jobs (后台任务): start one, cancel one. Each is one transaction with the acting
user as a required keyword and an event; the chunks get their tasks once the job is committed."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jixiao.domain.enums import EventVerb
from jixiao.domain.workflow import Action
from jixiao.documents.report.batch import FORMATS
from jixiao.events.models import record_event
from jixiao.jobs import runner
from jixiao.jobs.models import OPEN_CHUNK, ChunkStatus, Job, JobChunk, JobKind
from jixiao.jobs.selectors import job_items
from jixiao.orgs.models import Region


class JobRefused(ValueError):
    """The job cannot be started as asked; the message says why, in Chinese."""


class JobNotPermitted(PermissionDenied):
    """The acting user may not start or cancel this job."""


def _check_params(kind: JobKind, params: dict) -> dict:
    params = dict(params or {})
    if kind is JobKind.REPORTS:
        fmt = params.setdefault("format", "docx")
        if fmt not in FORMATS:
            raise JobRefused(f"报告格式“{fmt}”无效（可选：{'、'.join(FORMATS)}）")
        params["charts"] = bool(params.get("charts", True))
    if kind is JobKind.WARNINGS:  # the day the colours are settled for, fixed when the job starts
        day = params.get("date") or timezone.localdate().isoformat()
        try:
            params["date"] = date.fromisoformat(str(day)).isoformat()
        except ValueError:
            raise JobRefused(f"预警计算日期“{day}”无效（应为 YYYY-MM-DD）") from None
    return params


@transaction.atomic
def start_job(*, kind: JobKind | str, region: Region, year: int | None, acting_user, params: dict | None = None,
              chunk_size: int | None = None) -> Job:
    """Start a job on a region's evaluations of a year, as a 财政审核人 of that region (or the
    system). Its chunks are queued when the transaction commits (and run at once in-process when
    no database backend is configured)."""
    kind = JobKind(kind)
    if not acting_user.is_authenticated or not (
            acting_user.is_superuser or region.pk in acting_user.reviewed_region_ids()):
        raise JobNotPermitted(f"只有{region.name}的财政审核人可以{kind.label}")
    params = _check_params(kind, params or {})
    items = job_items(kind, region, year, params, acting_user)
    if not items:
        what = "已公开的自评" if kind is JobKind.OPENDATA else "自评"
        raise JobRefused(f"{region.name}{f'{year} 年度' if year else ''}没有{what}，无需{kind.label}")
    size = chunk_size or settings.JIXIAO_JOB_CHUNK_SIZE
    job = Job.objects.create(kind=kind.value, region=region, year=year, params=params, total=len(items),
                             requested_by=acting_user if getattr(acting_user, "pk", None) else None)
    JobChunk.objects.bulk_create(JobChunk(job=job, index=n, items=items[start:start + size])
                                 for n, start in enumerate(range(0, len(items), size)))
    record_event(actor=acting_user, verb=EventVerb.JOB_START, obj=job,
                 data={"kind": kind.value, "region": region.code, "year": year, "params": params,
                       "total": len(items)})
    transaction.on_commit(lambda: runner.dispatch(job.pk))
    return job


@transaction.atomic
def cancel_job(*, job: Job, acting_user) -> Job:
    """Cancel a job: chunks not started are dropped, running ones stop after their current
    evaluation; what was already done stays done (re-scored evaluations keep their new scores)."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if not Job.objects.for_user(acting_user, Action.EDIT).filter(pk=job.pk).exists():
        raise JobNotPermitted(f"{acting_user}不能取消{job}")
    if job.finished:
        raise JobRefused(f"{job}已结束，不能取消")
    job.cancel_requested = True
    job.save(update_fields=["cancel_requested"])
    job.chunks.filter(status=ChunkStatus.PENDING.value).update(status=ChunkStatus.CANCELLED.value,
                                                               finished_at=timezone.now())
    record_event(actor=acting_user, verb=EventVerb.JOB_CANCEL, obj=job)
    if not job.chunks.filter(status__in=[s.value for s in OPEN_CHUNK]).exists():
        runner.finish_job_if_complete(job.pk)
        job.refresh_from_db()
    return job
