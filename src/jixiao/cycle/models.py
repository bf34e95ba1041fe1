from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jixiao.common.fields import choice_field
from jixiao.domain.enums import LabeledEnum


class CycleQuerySet(models.QuerySet):
    department_path = "department"

    def for_user(self, user, action: str = "view"):
        from jixiao.cycle.scope import scoped

        return scoped(self, user, action, self.department_path)


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
