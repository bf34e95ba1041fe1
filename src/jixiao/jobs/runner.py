"""Running a job's chunks (分段) on the task framework, safely shared by several workers.

- A chunk is claimed under a row lock; a chunk that is running and was active within the lease is
  left alone, so a second task for it (a re-enqueue) never runs it twice.
- After each evaluation the worker records it in ``done_items`` under the same lock, checking it
  still owns the chunk (for re-scoring, in the same transaction as the change itself): a chunk taken
  over from a dead worker resumes after the evaluations already done.
- :func:`recover` gives chunks whose worker stopped (no sign of life for the lease) a new task.
- The job's cancel flag is read at each evaluation; the last chunk to finish finishes the job
  (assembling the result file under the job's row lock).
"""

from __future__ import annotations

import io
import logging
import os
import socket
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from jixiao.evaluations.models import Evaluation
from jixiao.jobs.models import OPEN_CHUNK, ChunkStatus, Job, JobChunk, JobKind, JobStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
BATCH_STEPS = 4  # a batched kind's chunk is done in this many transactions


class LeaseLost(Exception):
    """Another worker took the chunk over (this one was silent longer than the lease)."""


class ItemRefused(Exception):
    """One item of a chunk was refused for a reason its user can act on; the message, in Chinese, is
    recorded as the item's failure as it is (with no exception type before it)."""


def worker_name(backend_worker_id: str = "") -> str:
    """``host:pid:id`` of the process running a chunk, shown on the job page."""
    return f"{socket.gethostname()}:{os.getpid()}:{backend_worker_id[:12]}"[:120]


# --- what each kind of job does with one evaluation, and at the end ---------------------------

@dataclass(frozen=True)
class Handler:
    transactional: bool = False  # process the evaluation inside the transaction that records it
    batched: bool = False  # process a chunk's evaluations together (process_many), in that transaction

    def subject(self, job: Job, item: int):
        """What an item of a chunk stands for (an evaluation, for most kinds); ``None`` when it is gone."""
        return Evaluation.objects.select_related("department__region").filter(pk=item).first()

    def process(self, job: Job, evaluation: Evaluation) -> str:  # pragma: no cover - abstract
        """Do the work for one evaluation; returns the name of what it produced ("" for none)."""
        raise NotImplementedError

    def finish(self, job: Job, chunks: list[JobChunk]) -> None:
        """Make the job's result from its chunks (called once, under the job's lock)."""

    def cleanup(self, job: Job, chunks: list[JobChunk]) -> None:
        """Remove what the job kept while it ran, once it was cancelled or failed (``finish`` does it
        for a job done)."""
        _remove_parts(job, chunks)

    def process_many(self, job: Job, items: list[int]) -> None:  # pragma: no cover - abstract
        """Do the work for several evaluations at once (``batched`` kinds); raises to have them done
        one by one instead (so that one bad evaluation is recorded on its own)."""
        raise NotImplementedError


def _part_path(job: Job, item: int) -> str:
    return f"jobs/{job.pk}/parts/{item}.part"


def _save(path: str, data: bytes) -> str:
    if default_storage.exists(path):  # a part left by a worker that died before recording it
        default_storage.delete(path)
    return default_storage.save(path, ContentFile(data))


def _read(path: str) -> bytes:
    with default_storage.open(path, "rb") as handle:
        return handle.read()


def _done_pairs(chunks: list[JobChunk]):
    for chunk in chunks:
        for item, name in chunk.done_items:
            if name:
                yield item, name


def _store_result(job: Job, name: str, data: bytes) -> None:
    job.result.save(f"{job.pk}/{name}", ContentFile(data), save=False)
    job.result_name = name


def _remove_parts(job: Job, chunks: list[JobChunk]) -> None:
    for item, _ in _done_pairs(chunks):
        path = _part_path(job, item)
        if default_storage.exists(path):
            default_storage.delete(path)


class ReportsHandler(Handler):
    def process(self, job, evaluation):
        from jixiao.evaluations.store import document_for
        from jixiao.usecases.reports import produce_report

        produced = produce_report(document_for(evaluation), job.params.get("format", "docx"),
                                  charts=job.params.get("charts", True))
        _save(_part_path(job, evaluation.pk), produced.data)
        return produced.name

    def finish(self, job, chunks):
        buffer, used = io.BytesIO(), set()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for item, name in _done_pairs(chunks):
                unique, n = name, 1
                while unique in used:
                    n += 1
                    stem, _, suffix = name.rpartition(".")
                    unique = f"{stem}-{n}.{suffix}"
                used.add(unique)
                archive.writestr(unique, _read(_part_path(job, item)))
        fmt = job.params.get("format", "docx")
        _store_result(job, f"{job.year}-{job.region.code}-{job.region.name}-绩效自评报告-{fmt}.zip", buffer.getvalue())
        _remove_parts(job, chunks)


class OpenDataHandler(Handler):
    def process(self, job, evaluation):
        from jixiao.evaluations.store import document_for
        from jixiao.usecases.opendata import open_data_part

        _save(_part_path(job, evaluation.pk), open_data_part([document_for(evaluation)]))
        return str(evaluation.pk)

    def finish(self, job, chunks):
        from jixiao.usecases.opendata import open_data_joined

        files = open_data_joined(_read(_part_path(job, item)) for item, _ in _done_pairs(chunks))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in files.items():
                archive.writestr(name, content)
        year = f"{job.year}-" if job.year else ""
        _store_result(job, f"{year}{job.region.code}-{job.region.name}-公开数据.zip", buffer.getvalue())
        _remove_parts(job, chunks)


class RescoreHandler(Handler):
    def process(self, job, evaluation):
        from jixiao.evaluations.services import rescore_evaluation
        from jixiao.orgs.models import SYSTEM

        reason = job.params.get("reason") or "评分规则变更后重新评分"
        rescore_evaluation(evaluation=evaluation, acting_user=job.requested_by or SYSTEM,
                           reason=f"后台任务 #{job.pk}：{reason}")
        return ""

    def process_many(self, job, items):
        """The chunk's evaluations re-scored together (:func:`rescore_batch`): the same result and
        events as one by one, with one read and one write for the chunk."""
        from jixiao.evaluations.rescore import rescore_batch
        from jixiao.orgs.models import SYSTEM

        reason = job.params.get("reason") or "评分规则变更后重新评分"
        rescore_batch(evaluation_ids=items, acting_user=job.requested_by or SYSTEM,
                      reason=f"后台任务 #{job.pk}：{reason}", explain_all=job.params.get("explain_all", False))


class WarningsHandler(Handler):
    """Settles one evaluation's warnings as of the job's date (each subject in its own transaction, so
    a step done twice after a worker died changes nothing the second time)."""

    def process(self, job, evaluation):
        from datetime import date

        from jixiao.monitoring.warnings import compute_warnings
        from jixiao.orgs.models import SYSTEM

        compute_warnings(acting_user=job.requested_by or SYSTEM, today=date.fromisoformat(job.params["date"]),
                         evaluation=evaluation)
        return ""


class ImportHandler(Handler):
    """批量导入: each item is one workbook of the stored archive, imported as its own all-or-nothing
    import and recorded in the same transaction (so a workbook is imported once, even when a worker
    dies); the result lists every workbook with what became of it."""

    def subject(self, job, item):
        from jixiao.documents.workbook.archive import ArchivedWorkbook

        index, name = job.params["workbooks"][item]
        return ArchivedWorkbook(index, name)

    def process(self, job, workbook):
        from jixiao.documents.workbook import WorkbookError
        from jixiao.documents.workbook.archive import read_workbook_member
        from jixiao.orgs.models import SYSTEM
        from jixiao.usecases.workbooks import ImportRefused, import_workbook

        try:
            with default_storage.open(job.params["archive"], "rb") as handle:
                data = read_workbook_member(handle, workbook)
            evaluation = import_workbook(data, file_name=PurePosixPath(workbook.name).name,
                                         acting_user=job.requested_by or SYSTEM, region=job.region,
                                         allow_delete=job.params.get("allow_delete", False))
        except (WorkbookError, ImportRefused) as exc:
            raise ItemRefused(str(exc)) from None
        return str(evaluation)

    def finish(self, job, chunks):
        from jixiao.documents.tables import table_xlsx

        rows = []
        for chunk in chunks:
            failures = iter(chunk.failures)
            for item, imported in chunk.done_items:
                name = job.params["workbooks"][item][1]
                if imported:
                    rows.append((name, "已导入", imported, ""))
                else:
                    rows.append((name, "未导入", "", next(failures, ("", ""))[1]))
        rows.sort(key=lambda row: row[0])
        data = table_xlsx("导入结果", ("序号", "工作簿", "结果", "自评", "说明"),
                          ((n, *row) for n, row in enumerate(rows, 1)))
        _store_result(job, f"{job.region.code}-{job.region.name}-批量导入结果.xlsx", data)
        self.cleanup(job, chunks)

    def cleanup(self, job, chunks):
        if default_storage.exists(job.params["archive"]):
            default_storage.delete(job.params["archive"])


HANDLERS: dict[JobKind, Handler] = {
    JobKind.REPORTS: ReportsHandler(),
    JobKind.OPENDATA: OpenDataHandler(),
    JobKind.RESCORE: RescoreHandler(transactional=True, batched=True),
    JobKind.WARNINGS: WarningsHandler(),
    JobKind.IMPORT: ImportHandler(transactional=True),
}


# --- dispatching and recovering -------------------------------------------------------------

def dispatch(job_id: int) -> None:
    """Give each pending chunk of a job that has no task yet its task."""
    for chunk_id in JobChunk.objects.filter(job_id=job_id, status=ChunkStatus.PENDING.value, task_id="") \
            .order_by("index").values_list("pk", flat=True):
        _enqueue(chunk_id)


def _enqueue(chunk_id: int) -> None:
    from jixiao.jobs.tasks import run_chunk

    result = run_chunk.enqueue(chunk_id)
    # With the in-process backend the chunk has already run; keep the id of its task either way.
    JobChunk.objects.filter(pk=chunk_id, task_id="").update(task_id=str(result.id))


def recover(*, now=None) -> list[int]:
    """Chunks whose worker went silent for longer than the lease (killed, machine lost) get a new
    task, keeping what they finished; so do chunks never given one. A chunk interrupted
    ``MAX_ATTEMPTS`` times fails. Returns the chunks re-enqueued. Safe to run in every worker."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.JIXIAO_JOB_LEASE_SECONDS)
    again, lost_tasks = [], []
    with transaction.atomic():
        stale = list(JobChunk.objects.select_for_update(skip_locked=True).filter(
            status=ChunkStatus.RUNNING.value, heartbeat_at__lt=cutoff))
        orphans = list(JobChunk.objects.select_for_update(skip_locked=True).filter(
            status=ChunkStatus.PENDING.value, task_id="", job__created_at__lt=cutoff))
        for chunk in stale + orphans:
            if chunk.task_id:
                lost_tasks.append(chunk.task_id)
            if chunk.status == ChunkStatus.RUNNING.value and chunk.attempts >= MAX_ATTEMPTS:
                chunk.status, chunk.finished_at = ChunkStatus.FAILED.value, now
                chunk.error = f"工作进程中断 {chunk.attempts} 次，已停止重试"
                chunk.save(update_fields=["status", "finished_at", "error"])
                finish_job_if_complete(chunk.job_id)
                continue
            log.warning("后台任务分段 %s 的工作进程 %s 已无响应，重新排队", chunk, chunk.worker)
            chunk.status, chunk.task_id = ChunkStatus.PENDING.value, ""
            chunk.save(update_fields=["status", "task_id"])
            again.append(chunk.pk)
    _mark_tasks_lost(lost_tasks)
    for chunk_id in again:
        _enqueue(chunk_id)
    return again


def _mark_tasks_lost(task_ids: list[str]) -> None:
    """The backend's rows of tasks whose worker died stay 'running' forever; say they failed."""
    if not task_ids or settings.JIXIAO_TASK_BACKEND != "database":
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id__in=task_ids, status="RUNNING").update(
        status="FAILED", finished_at=timezone.now(), exception_class_path=f"{__name__}.LeaseLost",
        traceback="工作进程在处理中停止（被终止或失去联系），该分段已重新排队。")


# --- running one chunk ----------------------------------------------------------------------

def run_chunk(chunk_id: int, *, worker: str) -> str:
    """Run one chunk to its end (or to a cancellation); returns what happened, for the task result."""
    chunk = _claim(chunk_id, worker)
    if chunk is None:
        return "skipped"
    job = chunk.job
    handler = HANDLERS[JobKind(job.kind)]
    try:
        finished = {item for item, _ in chunk.done_items}
        if handler.batched:  # a few steps a chunk: progress shows, and a kill loses one step at most
            remaining = [i for i in chunk.items if i not in finished]
            size = max(1, -(-len(chunk.items) // BATCH_STEPS))
            for start in range(0, len(remaining), size):
                done = _batch_step(chunk_id, worker, remaining[start:start + size], job, handler)
                if done is False:
                    return _close(chunk_id, worker, ChunkStatus.CANCELLED)
                finished |= done
        for item in chunk.items:
            if item in finished:
                continue
            if not _step(chunk_id, worker, item, job, handler):
                return _close(chunk_id, worker, ChunkStatus.CANCELLED)
        return _close(chunk_id, worker, ChunkStatus.DONE)
    except LeaseLost:
        log.warning("后台任务分段 %s 已由其他工作进程接手", chunk)
        return "lease lost"
    except Exception as exc:  # noqa: BLE001 - a chunk's failure is recorded, then retried or failed
        log.exception("后台任务分段 %s 出错", chunk)
        return _fail(chunk_id, worker, exc)


def _claim(chunk_id: int, worker: str) -> JobChunk | None:
    now = timezone.now()
    cutoff = now - timedelta(seconds=settings.JIXIAO_JOB_LEASE_SECONDS)
    with transaction.atomic():
        chunk = (JobChunk.objects.select_for_update(of=("self",)).select_related("job__region")
                 .filter(pk=chunk_id).first())
        if chunk is None or chunk.status not in (ChunkStatus.PENDING.value, ChunkStatus.RUNNING.value):
            return None
        if chunk.status == ChunkStatus.RUNNING.value and chunk.heartbeat_at and chunk.heartbeat_at >= cutoff:
            return None  # alive in another worker
        if chunk.job.cancel_requested:
            chunk.status, chunk.finished_at = ChunkStatus.CANCELLED.value, now
            chunk.save(update_fields=["status", "finished_at"])
            transaction.on_commit(lambda: finish_job_if_complete(chunk.job_id))
            return None
        chunk.status, chunk.worker, chunk.attempts = ChunkStatus.RUNNING.value, worker, chunk.attempts + 1
        chunk.claimed_at = chunk.heartbeat_at = now
        chunk.save(update_fields=["status", "worker", "attempts", "claimed_at", "heartbeat_at"])
        Job.objects.filter(pk=chunk.job_id, status=JobStatus.QUEUED.value).update(
            status=JobStatus.RUNNING.value, started_at=now)
    return chunk


def _owned(chunk_id: int, worker: str) -> JobChunk:
    """The chunk, locked, if this worker still owns it; else :class:`LeaseLost`."""
    chunk = (JobChunk.objects.select_for_update(of=("self",)).select_related("job")
             .filter(pk=chunk_id, worker=worker, status=ChunkStatus.RUNNING.value).first())
    if chunk is None:
        raise LeaseLost(chunk_id)
    return chunk


def _step(chunk_id: int, worker: str, item: int, job: Job, handler: Handler) -> bool:
    """Process one evaluation and record it in ``done_items``; ``False`` when the job was cancelled.
    A transactional kind (re-scoring) changes and records in one transaction, so the change is made
    exactly once; the others make their part first (a part made twice is only overwritten)."""
    if handler.transactional:
        with transaction.atomic():
            chunk = _owned(chunk_id, worker)
            if chunk.job.cancel_requested:
                return False
            _record(chunk, item, *_process(handler, job, item))
        return True
    with transaction.atomic():
        chunk = _owned(chunk_id, worker)
        if chunk.job.cancel_requested:
            return False
        chunk.heartbeat_at = timezone.now()
        chunk.save(update_fields=["heartbeat_at"])
    name, failure = _process(handler, job, item)
    with transaction.atomic():
        _record(_owned(chunk_id, worker), item, name, failure)
    return True


def _batch_step(chunk_id: int, worker: str, items: list[int], job: Job, handler: Handler) -> set[int] | bool:
    """Process the chunk's remaining evaluations together and record them all as done, in one
    transaction (all or none: a chunk taken over after a kill does them again, never twice).
    ``False`` when the job was cancelled; an empty set when the batch failed (the items are then
    done one by one, so that each failure is recorded on its own)."""
    if not items:
        return set()
    existing = set(Evaluation.objects.filter(pk__in=items).values_list("pk", flat=True))
    try:
        with transaction.atomic():
            chunk = _owned(chunk_id, worker)
            if chunk.job.cancel_requested:
                return False
            handler.process_many(job, [item for item in items if item in existing])
            chunk.done_items = [*chunk.done_items, *([item, ""] for item in items if item in existing)]
            chunk.done += len(existing)
            chunk.heartbeat_at = timezone.now()
            chunk.save(update_fields=["done_items", "done", "heartbeat_at"])
    except LeaseLost:
        raise
    except Exception as exc:  # noqa: BLE001 - retried one by one, each failure recorded
        log.warning("后台任务 #%s：整段处理失败（%s），改为逐份处理", job.pk, exc)
        return set()
    return existing


def _record(chunk: JobChunk, item: int, name: str, failure) -> None:
    chunk.done_items = [*chunk.done_items, [item, name]]
    chunk.done += 1
    if failure:
        chunk.failures = [*chunk.failures, failure]
    chunk.heartbeat_at = timezone.now()
    chunk.save(update_fields=["done_items", "done", "failures", "heartbeat_at"])


def _process(handler: Handler, job: Job, item: int) -> tuple[str, list | str]:
    subject = handler.subject(job, item)
    if subject is None:
        return "", [str(item), "该自评已不存在"]
    try:
        with transaction.atomic():  # one evaluation's failure leaves nothing half-written
            return handler.process(job, subject), ""
    except ItemRefused as refusal:
        return "", [str(subject), str(refusal)]
    except Exception as exc:  # noqa: BLE001 - one bad evaluation must not stop a province's batch
        log.warning("后台任务 #%s：%s 失败：%s", job.pk, subject, exc)
        return "", [str(subject), f"{type(exc).__name__}: {exc}"]


def _close(chunk_id: int, worker: str, status: ChunkStatus) -> str:
    with transaction.atomic():
        chunk = _owned(chunk_id, worker)
        chunk.status, chunk.finished_at = status.value, timezone.now()
        chunk.save(update_fields=["status", "finished_at"])
        finish_job_if_complete(chunk.job_id)
    return status.value


def _fail(chunk_id: int, worker: str, exc: Exception) -> str:
    retry = False
    with transaction.atomic():
        chunk = JobChunk.objects.select_for_update().filter(pk=chunk_id, worker=worker).first()
        if chunk is None:
            return "lease lost"
        chunk.error = f"{type(exc).__name__}: {exc}"
        if chunk.attempts < MAX_ATTEMPTS and not chunk.job.cancel_requested:
            chunk.status, chunk.task_id, retry = ChunkStatus.PENDING.value, "", True
        else:
            chunk.status, chunk.finished_at = ChunkStatus.FAILED.value, timezone.now()
        chunk.save(update_fields=["status", "task_id", "error", "finished_at"])
        if not retry:
            finish_job_if_complete(chunk.job_id)
    if retry:
        transaction.on_commit(lambda: _enqueue(chunk_id))
    return "failed"


def finish_job_if_complete(job_id: int) -> None:
    """When no chunk of the job is open any more: make its result and set its final status. Under
    the job's row lock, so only one worker does it."""
    with transaction.atomic():
        job = Job.objects.select_for_update(of=("self",)).select_related("region", "requested_by").get(pk=job_id)
        if job.finished or job.chunks.filter(status__in=[s.value for s in OPEN_CHUNK]).exists():
            return
        chunks = list(job.chunks.order_by("index"))
        failed = [c for c in chunks if c.status == ChunkStatus.FAILED.value]
        failures = [f for c in chunks for f in c.failures]
        now = timezone.now()
        handler = HANDLERS[JobKind(job.kind)]
        if job.cancel_requested:
            job.status = JobStatus.CANCELLED.value
            handler.cleanup(job, chunks)
        elif failed:
            job.status = JobStatus.FAILED.value
            job.error = "；".join(f"第 {c.index + 1} 段：{c.error}" for c in failed)
            handler.cleanup(job, chunks)
        else:
            handler.finish(job, chunks)
            job.status = JobStatus.DONE.value
        job.summary = {"done": sum(c.done for c in chunks), "failed": len(failures), "failures": failures[:200]}
        job.started_at = job.started_at or now
        job.finished_at = now
        job.save()
