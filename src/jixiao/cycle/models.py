from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jixiao.common.fields import choice_field
from jixiao.cycle.scope import ScopedQuerySet
from jixiao.domain.enums import LabeledEnum


def _label(enum_name: str, value: str) -> str:
    from jixiao.domain import enums

    enum = getattr(enums, enum_name)
    return enum(value).label if value in enum._value2member_map_ else value


class CycleQuerySet(ScopedQuerySet):
    department_path = "department"


class RectificationStatus(LabeledEnum):
    DRAFT = "draft", "待下达", "#616e7c"
    ISSUED = "issued", "整改中", "#1e429f"
    ANSWERED = "answered", "已反馈", "#723b13"
    RETURNED = "returned", "退回重改", "#9b1c1c"
    CONFIRMED = "confirmed", "已验收", "#03543f"


OPEN_STATUSES = (RectificationStatus.ISSUED.value, RectificationStatus.RETURNED.value)


class RectificationSource(LabeledEnum):
    REPORT = "report", "自评报告问题与措施"
    REVIEW = "review", "审核意见"


class RectificationItem(models.Model):
    """整改事项: a problem of a year's evaluation and its measure, which the finance bureau turns into a
    整改要求 with a deadline; the department answers (整改反馈) and the bureau confirms (验收) or returns it."""

    department = models.ForeignKey("orgs.Department", verbose_name="预算部门", on_delete=models.CASCADE,
                                   related_name="rectification_items")
    evaluation = models.ForeignKey("evaluations.Evaluation", verbose_name="来源自评", on_delete=models.CASCADE,
                                   related_name="rectification_items")
    year = models.PositiveSmallIntegerField("年度", help_text="问题所属的自评年度")
    key = models.CharField("来源编号", max_length=40, help_text="如 report:1（报告第一项问题与措施）、review:1")
    source = choice_field(RectificationSource, "来源")
    problem = models.TextField("存在的问题")
    measure = models.TextField("改进措施", blank=True)
    requirement = models.TextField("整改要求", blank=True)
    deadline = models.DateField("整改期限", null=True, blank=True)
    status = choice_field(RectificationStatus, "状态", default=RectificationStatus.DRAFT.value)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="下达人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField("下达时间", null=True, blank=True)
    closed_at = models.DateTimeField("验收时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = CycleQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "整改事项"
        ordering = ["department", "year", "key"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "key"], name="rectification_item_unique")]

    def __str__(self) -> str:
        return f"{self.year} 年度 {self.department.name}：{self.problem[:40]}"

    @property
    def status_label(self) -> str:
        return RectificationStatus(self.status).label

    def overdue_on(self, day) -> bool:
        return self.status in OPEN_STATUSES and self.deadline is not None and self.deadline < day


class ReplyQuerySet(CycleQuerySet):
    department_path = "item__department"


class RectificationReply(models.Model):
    """整改反馈: what the department did, with evidence files, and the bureau's decision on it."""

    item = models.ForeignKey(RectificationItem, verbose_name="整改事项", on_delete=models.CASCADE, related_name="replies")
    text = models.TextField("整改情况")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="反馈人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField("反馈时间", auto_now_add=True)
    decision = models.CharField("验收结论", max_length=12, blank=True,
                                choices=[("confirmed", "验收通过"), ("returned", "退回重改")])
    decision_reason = models.TextField("验收意见", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="验收人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("验收时间", null=True, blank=True)

    objects = ReplyQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "整改反馈"
        ordering = ["item", "submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.item} · 反馈"


class EvidenceQuerySet(CycleQuerySet):
    department_path = "reply__item__department"


class Evidence(models.Model):
    """佐证材料: a file a department uploads with its 整改反馈 (limits in ``cycle/evidence.yaml``)."""

    reply = models.ForeignKey(RectificationReply, verbose_name="整改反馈", on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("文件", upload_to="rectification/%Y/", max_length=300)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "佐证材料"
        ordering = ["reply", "id"]

    def __str__(self) -> str:
        return self.name


class TargetStatus(LabeledEnum):
    DRAFT = "draft", "填报中", "#616e7c"
    SUBMITTED = "submitted", "已申报", "#1e429f"
    APPROVED = "approved", "审核通过", "#03543f"
    RETURNED = "returned", "已退回", "#9b1c1c"


class LibraryQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view"):
        """A region's library: its reviewers curate it; everybody working in the region picks from it."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        reviewed = Q(region_id__in=user.reviewed_region_ids())
        if action == "review":
            return self.filter(reviewed)
        return self.filter(reviewed | Q(region__departments__in=user.department_ids())).distinct()


class LibraryIndicator(models.Model):
    """指标库: a reusable indicator definition of a region, built from stored data, curated by the bureau."""

    region = models.ForeignKey("orgs.Region", verbose_name="行政区划", on_delete=models.CASCADE, related_name="library")
    name = models.CharField("三级指标", max_length=200)
    level1 = models.CharField("一级指标", max_length=20)
    level2 = models.CharField("二级指标", max_length=20)
    unit = models.CharField("度量单位", max_length=20, blank=True)
    direction = models.CharField("指标性质", max_length=12, blank=True)
    basis = models.CharField("典型指标值确定依据", max_length=200, blank=True)
    measurement = models.TextField("计量方法", blank=True)
    uses = models.PositiveIntegerField("使用次数", default=0)
    curated = models.BooleanField("已审定", default=False)
    retired = models.BooleanField("停用", default=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = LibraryQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "指标库"
        ordering = ["region", "level1", "level2", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name", "unit"], name="library_indicator_unique")]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）" if self.unit else self.name

    level1_label = property(lambda self: _label("Level1", self.level1))
    level2_label = property(lambda self: _label("Level2", self.level2))


class TargetDeclaration(models.Model):
    """绩效目标申报: a department's overall targets (部门整体) or one project's targets for a year, declared
    by the department and reviewed by the finance bureau (通过 / 退回 with reasons, per indicator where needed)."""

    department = models.ForeignKey("orgs.Department", verbose_name="预算部门", on_delete=models.CASCADE,
                                   related_name="target_declarations")
    year = models.PositiveSmallIntegerField("年度")
    project_code = models.CharField("项目编码", max_length=40, blank=True, help_text="部门整体目标时为空")
    project_name = models.CharField("项目名称", max_length=200, blank=True)
    project_attribute = models.CharField("项目属性", max_length=10, blank=True, help_text="新增 / 延续")
    implementing_unit = models.CharField("实施单位", max_length=200, blank=True)
    schedule = models.TextField("实施进度计划", blank=True)
    funds = models.JSONField("资金（万元，按来源）", default=dict, blank=True)
    goal = models.TextField("年度总体目标")
    status = choice_field(TargetStatus, "状态", default=TargetStatus.DRAFT.value)
    decision_reason = models.TextField("审核意见", blank=True)
    submitted_at = models.DateTimeField("申报时间", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)

    objects = CycleQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "绩效目标申报"
        ordering = ["-year", "department", "project_code"]
        constraints = [models.UniqueConstraint(fields=["department", "year", "project_code"], name="target_declaration_unique")]

    @property
    def status_label(self) -> str:
        return TargetStatus(self.status).label

    def __str__(self) -> str:
        what = f"项目“{self.project_name}”" if self.project_code else "部门整体"
        return f"{self.year} 年度{self.department.name}{what}绩效目标"


class TargetRowQuerySet(CycleQuerySet):
    department_path = "declaration__department"


class TargetRow(models.Model):
    """One declared indicator (三级指标) with its 年度指标值; ``original_target`` keeps the declared value
    when an approved adjustment changes it later; ``review_note`` is the bureau's remark on this row."""

    declaration = models.ForeignKey(TargetDeclaration, verbose_name="申报", on_delete=models.CASCADE, related_name="rows")
    task_code = models.CharField("任务编号", max_length=20, default="1")
    task_name = models.CharField("任务名称", max_length=200, blank=True)
    code = models.CharField("指标编号", max_length=30)
    level1 = models.CharField("一级指标", max_length=20)
    level2 = models.CharField("二级指标", max_length=20)
    name = models.CharField("三级指标", max_length=200)
    target = models.CharField("年度指标值", max_length=200)
    original_target = models.CharField("原申报指标值", max_length=200, blank=True)
    unit = models.CharField("度量单位", max_length=20, blank=True)
    direction = models.CharField("指标性质", max_length=12, blank=True)
    basis = models.CharField("指标值确定依据", max_length=200, blank=True)
    accumulation = models.CharField("监控口径", max_length=12, blank=True, help_text="累计值 / 当期值 / 水平值")
    weight = models.DecimalField("分值", max_digits=6, decimal_places=2, null=True, blank=True)
    library = models.ForeignKey(LibraryIndicator, verbose_name="指标库", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="rows")
    review_note = models.CharField("审核意见", max_length=300, blank=True)
    position = models.PositiveIntegerField("顺序", default=0)

    objects = TargetRowQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "申报指标"
        ordering = ["declaration", "position"]
        constraints = [models.UniqueConstraint(fields=["declaration", "code"], name="target_row_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name} {self.target}"

    level1_label = property(lambda self: _label("Level1", self.level1))
    level2_label = property(lambda self: _label("Level2", self.level2))
