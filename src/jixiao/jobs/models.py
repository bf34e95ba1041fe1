from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils import timezone

from jixiao.common.fields import choice_field
from jixiao.domain.enums import LabeledEnum
from jixiao.domain.workflow import Action
from jixiao.orgs.models import Region


class JobKind(LabeledEnum):
    """后台任务的种类."""

    REPORTS = "reports", "批量生成自评报告"
    OPENDATA = "opendata", "生成开放数据"
    RESCORE = "rescore", "重新评分"
    WARNINGS = "warnings", "计算监控预警"
    IMPORT = "import", "批量导入自评工作簿"

    def params_from(self, values) -> dict:
        """The parameters this kind of job takes, picked from a form's or the command line's values
        (those given and not blank); ``start_job`` checks them."""
        names = {"reports": ("format",), "rescore": ("rule_pack", "reason", "explain_all"), "warnings": ("date",),
                 "import": ("allow_delete",)}.get(self.value, ())
        picked = {name: str(values.get(name) or "").strip() for name in names}
        return {name: value for name, value in picked.items() if value}


class JobStatus(LabeledEnum):
    """后台任务的状态 (colour last)."""

    QUEUED = "queued", "排队中", "#616e7c"
    RUNNING = "running", "进行中", "#1e429f"
    DONE = "done", "已完成", "#03543f"
    FAILED = "failed", "失败", "#9b1c1c"
    CANCELLED = "cancelled", "已取消", "#723b13"


class ChunkStatus(LabeledEnum):
    """一段（若干份自评）的处理状态."""

    PENDING = "pending", "待处理"
    RUNNING = "running", "处理中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"
    CANCELLED = "cancelled", "已取消"


_WORKERS_PARAMS = {"archive", "workbooks"}
FINISHED_JOB = (JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED)
OPEN_CHUNK = (ChunkStatus.PENDING, ChunkStatus.RUNNING)


class JobQuerySet(models.QuerySet):
    def for_user(self, user, action: Action | str = Action.VIEW) -> "JobQuerySet":
        """Jobs a user may see and cancel: the ones they asked for, and every job of a region they
        review; all for superusers (and the system). Nobody changes a job otherwise."""
        if Action(action) not in (Action.VIEW, Action.EDIT) or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(Q(requested_by_id=user.pk) | Q(region_id__in=user.reviewed_region_ids()))

    def with_progress(self) -> "JobQuerySet":
        """Annotate ``done_count`` (evaluations finished, over every chunk) in the same query."""
        return self.annotate(done_count=Sum("chunks__done"))


class Job(models.Model):
    """后台任务: one piece of long work on a region's evaluations (or, for a bulk import, on the workbooks
    of an uploaded archive), split into chunks (分段)."""

    kind = choice_field(JobKind, "任务种类")
    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.PROTECT, related_name="jobs")
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    params = models.JSONField("参数", default=dict, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发起人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="jobs")
    status = choice_field(JobStatus, "状态", default=JobStatus.QUEUED.value)
    total = models.PositiveIntegerField("自评份数", default=0)
    cancel_requested = models.BooleanField("已请求取消", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    result = models.FileField("结果文件", upload_to="jobs/", blank=True, max_length=300)
    result_name = models.CharField("结果文件名", max_length=200, blank=True)
    error = models.TextField("错误", blank=True)
    summary = models.JSONField("结果摘要", default=dict, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        year = f" {self.year} 年度" if self.year else ""
        return f"{JobKind(self.kind).label}（{self.region.name}{year}，#{self.pk}）"

    @property
    def year_shown(self) -> str:
        """The year as the job list shows it: a bulk import takes each workbook's own year, the other
        kinds one year or every year (全部)."""
        if self.year:
            return str(self.year)
        return "按各工作簿" if self.kind == JobKind.IMPORT.value else "全部"

    @property
    def finished(self) -> bool:
        return JobStatus(self.status) in FINISHED_JOB

    @property
    def succeeded(self) -> int:
        """Items finished without failure (from the summary, once the job is finished)."""
        return self.summary.get("done", 0) - self.summary.get("failed", 0)

    @property
    def shown_params(self) -> dict:
        """The parameters as its user gave them; the workers' own (where the archive is stored, the list
        of its workbooks) are left out."""
        return {key: value for key, value in self.params.items() if key not in _WORKERS_PARAMS}

    def progress(self) -> "Progress":
        """Done / total and the time left, from the chunks (one query unless annotated)."""
        done = getattr(self, "done_count", None)
        if done is None:
            done = self.chunks.aggregate(n=Sum("done"))["n"]
        return Progress(done or 0, self.total, self.started_at, self.finished_at)


class Progress:
    """进度: done of total, and the time left at the rate so far (``None`` until it can be told)."""

    def __init__(self, done: int, total: int, started_at, finished_at=None):
        self.done, self.total, self.started_at, self.finished_at = done, total, started_at, finished_at

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(self.done * 100 // self.total)

    @property
    def seconds_left(self) -> int | None:
        if self.finished_at is not None:
            return 0
        if not self.started_at or not self.done:
            return None
        elapsed = (timezone.now() - self.started_at).total_seconds()
        return max(0, round(elapsed / self.done * (self.total - self.done)))

    @property
    def time_left(self) -> str:
        """``约 3 分 20 秒`` / ``估算中`` / ``—`` (finished)."""
        seconds = self.seconds_left
        if self.finished_at is not None:
            return "—"
        if seconds is None:
            return "估算中"
        return "约 " + duration_text(timedelta(seconds=seconds))


def duration_text(span: timedelta) -> str:
    seconds = int(span.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} 小时 {minutes} 分"
    if minutes:
        return f"{minutes} 分 {seconds} 秒"
    return f"{seconds} 秒"


class JobChunk(models.Model):
    """分段: some evaluations of a job, processed by one worker at a time. ``done_items`` lists the
    evaluations finished, so a chunk taken over from a dead worker resumes after them."""

    job = models.ForeignKey(Job, verbose_name="后台任务", on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField("序号")
    items = models.JSONField("自评编号", default=list)
    status = choice_field(ChunkStatus, "状态", default=ChunkStatus.PENDING.value)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    worker = models.CharField("工作进程", max_length=120, blank=True)
    task_id = models.CharField("任务编号", max_length=64, blank=True)
    claimed_at = models.DateTimeField("领取时间", null=True, blank=True)
    heartbeat_at = models.DateTimeField("最近活动", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    done = models.PositiveIntegerField("已完成", default=0)
    done_items = models.JSONField("已完成的自评", default=list)
    failures = models.JSONField("失败项", default=list, blank=True)
    error = models.TextField("错误", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "后台任务分段"
        ordering = ["job", "index"]
        constraints = [models.UniqueConstraint(fields=["job", "index"], name="job_chunk_unique")]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="job_chunk_status_idx")]

    def __str__(self) -> str:
        return f"{self.job_id}-{self.index}"


def result_content_type(name: str) -> str:
    """The media type of a job's result file, from its name (a zip of reports, a table of results)."""
    from jixiao.documents.registry import WORKBOOK

    return WORKBOOK.content_type if name.endswith(".xlsx") else "application/zip"


def chunk_counts(job: Job) -> dict[str, int]:
    """How many chunks of a job are in each status."""
    rows = job.chunks.values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}
