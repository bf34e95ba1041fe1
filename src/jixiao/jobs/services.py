"""State changes of jobs (后台任务): start one, cancel one. Each is one transaction with the acting
user as a required keyword and an event; the chunks get their tasks once the job is committed."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
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
    if kind is JobKind.IMPORT:
        params["allow_delete"] = bool(params.get("allow_delete"))
    if kind is JobKind.RESCORE and params.get("explain_all"):  # the explanations written again, every point
        params["explain_all"] = True
    if kind is JobKind.WARNINGS:  # the day the colours are settled for, fixed when the job starts
        day = params.get("date") or timezone.localdate().isoformat()
        try:
            params["date"] = date.fromisoformat(str(day)).isoformat()
        except ValueError:
            raise JobRefused(f"预警计算日期“{day}”无效（应为 YYYY-MM-DD）") from None
    return params


@transaction.atomic
def start_job(*, kind: JobKind | str, region: Region, year: int | None, acting_user, params: dict | None = None,
              chunk_size: int | None = None, upload=None, upload_name: str = "") -> Job:
    """Start a job on a region's evaluations of a year, as a 财政审核人 of that region (or the
    system). Its chunks are queued when the transaction commits (and run at once in-process when
    no database backend is configured).

    A bulk import (``JobKind.IMPORT``) works on the workbooks of ``upload`` (a binary file of a zip
    named ``upload_name``) instead: the archive is stored and listed here, each workbook imported by
    the workers as its own all-or-nothing import (:func:`jixiao.usecases.workbooks.import_workbook`),
    held to the region. Only a system administrator starts one: a department's workbooks are otherwise
    imported by its own 填报人."""
    kind = JobKind(kind)
    if not acting_user.is_authenticated or not (
            acting_user.is_superuser or region.pk in acting_user.reviewed_region_ids()):
        raise JobNotPermitted(f"只有{region.name}的财政审核人可以{kind.label}")
    params = _check_params(kind, params or {})
    if kind is JobKind.IMPORT:
        if not acting_user.is_superuser:
            raise JobNotPermitted("只有系统管理员可以批量导入自评工作簿；各部门的自评由本部门填报人导入")
        params.update(_stored_archive(upload, upload_name))
        items, year = list(range(len(params["workbooks"]))), None
    else:
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
                 data={"kind": kind.value, "region": region.code, "year": year, "total": len(items),
                       "params": {k: v for k, v in params.items() if k != "workbooks"}})
    transaction.on_commit(lambda: runner.dispatch(job.pk))
    return job


def _stored_archive(upload, name: str) -> dict:
    """List the uploaded archive's workbooks and store it for the workers (one copy per job: a job's end
    removes its copy); refused with the reason when it is no archive of workbooks."""
    from jixiao.documents.workbook import WorkbookError
    from jixiao.documents.workbook.archive import list_workbooks

    if upload is None:
        raise JobRefused("请选择要导入的压缩包（.zip，内含各部门的自评工作簿）")
    digest, size = hashlib.sha256(), 0
    upload.seek(0)
    for block in iter(lambda: upload.read(1 << 20), b""):
        digest.update(block)
        size += len(block)
    upload.seek(0)
    try:
        workbooks = list_workbooks(upload, size=size)
    except WorkbookError as exc:
        raise JobRefused(f"“{name or '压缩包'}”未导入：{exc}") from None
    upload.seek(0)
    path = default_storage.save(f"jobs/uploads/{digest.hexdigest()[:16]}-{uuid.uuid4().hex[:8]}.zip", File(upload))
    return {"archive": path, "archive_name": name, "archive_sha256": digest.hexdigest(),
            "workbooks": [[workbook.index, workbook.name] for workbook in workbooks]}


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
