from __future__ import annotations

from django.db import models
from django.db.models import Q

from simple_history.models import HistoricalRecords

from jixiao.common.fields import choice_field, money_field, number_field
from jixiao.domain.enums import WarningLevel
from jixiao.domain.limits import TEXT
from jixiao.evaluations.models import Evaluation, PartQuerySet


class MonitoringSnapshot(models.Model):
    """运行监控: an indicator's value (or the funds executed) at a date, its projection and warning level."""

    evaluation = models.ForeignKey(Evaluation, verbose_name="绩效自评", on_delete=models.CASCADE, related_name="monitoring")
    as_of = models.DateField("监控日期")
    indicator_code = models.CharField("指标编号", max_length=TEXT["monitoring.indicator_code"], blank=True, help_text="资金监控时为空")
    value_text = models.CharField("已完成值（原文）", max_length=TEXT["monitoring.value"], blank=True)
    value = number_field("已完成值")
    executed = money_field("已执行数（万元）", null=True, blank=True, default=None)
    projected_text = models.CharField("全年预计完成（原文）", max_length=TEXT["monitoring.projected"], blank=True)
    projected = number_field("全年预计完成")
    warning = choice_field(WarningLevel, "预警等级", blank=True)
    likelihood = models.CharField("完成目标可能性", max_length=TEXT["monitoring.likelihood"], blank=True)
    reason = models.TextField("偏差原因", blank=True)
    note = models.TextField("备注", blank=True)

    objects = PartQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="运行监控历史")

    class Meta:
        verbose_name = verbose_name_plural = "运行监控"
        ordering = ["evaluation", "as_of", "indicator_code"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "as_of", "indicator_code"], name="monitoring_snapshot_unique"),
            models.CheckConstraint(name="monitoring_executed_not_negative",
                                   condition=Q(executed__gte=0) | Q(executed__isnull=True),
                                   violation_error_message="已执行数不能为负数。"),
        ]

    def __str__(self) -> str:
        return f"{self.as_of} {self.indicator_code or '资金'}"
