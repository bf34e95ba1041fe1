from __future__ import annotations

from django.db import models
from django.db.models import Q

from simple_history.models import HistoricalRecords

from jixiao.common.fields import choice_field, money_field, number_field
from jixiao.cycle.scope import ScopedQuerySet
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


class RoundQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view") -> "RoundQuerySet":
        """Reviewers manage their regions' rounds; a department's people see the rounds of its region."""
        from jixiao.cycle.scope import REVIEW

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        reviewed = Q(region_id__in=user.reviewed_region_ids())
        if action == REVIEW:
            return self.filter(reviewed)
        return self.filter(reviewed | Q(region__departments__in=user.department_ids())).distinct()


class MonitoringRound(models.Model):
    """监控轮次: one round of in-year monitoring of a region's departments (默认 1—7月，8月报送)."""

    region = models.ForeignKey("orgs.Region", verbose_name="行政区划", on_delete=models.PROTECT, related_name="monitoring_rounds")
    year = models.PositiveSmallIntegerField("年度")
    name = models.CharField("名称", max_length=60)
    cut_off = models.DateField("监控截止日期", help_text="如 7 月 31 日：统计 1—7 月")
    deadline = models.DateField("报送截止日期")
    rules = models.CharField("监控规则包", max_length=80, default="monitoring-default")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "监控轮次"
        ordering = ["-year", "-cut_off"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "cut_off"], name="monitoring_round_unique"),
            models.CheckConstraint(name="monitoring_round_deadline_after_cut_off", condition=Q(deadline__gte=models.F("cut_off")),
                                   violation_error_message="报送截止日期不能早于监控截止日期。"),
        ]

    def __str__(self) -> str:
        return f"{self.region.name} {self.year} 年{self.name}"


class CycleQuerySet(ScopedQuerySet):
    department_path = "evaluation__department"


class IndicatorReport(models.Model):
    """一个指标在一个监控轮次的填报：截至当时的完成值、全年预计、完成目标可能性、偏差原因与纠偏措施。"""

    round = models.ForeignKey(MonitoringRound, verbose_name="监控轮次", on_delete=models.CASCADE, related_name="indicator_reports")
    evaluation = models.ForeignKey(Evaluation, verbose_name="部门年度", on_delete=models.CASCADE, related_name="indicator_reports")
    indicator_code = models.CharField("指标编号", max_length=TEXT["monitoring.indicator_code"])
    indicator_name = models.CharField("指标名称", max_length=200)
    target_text = models.CharField("年度指标值", max_length=200, blank=True)
    accumulation = models.CharField("完成值口径", max_length=12, default="cumulative",
                                    choices=[("cumulative", "累计值"), ("periodic", "当期值"), ("level", "水平值")])
    value_text = models.CharField("截至当时完成值", max_length=TEXT["monitoring.value"], blank=True)
    value = number_field("截至当时完成值（数值）")
    projected = number_field("全年预计完成")
    projection_method = models.CharField("推算方法", max_length=12, blank=True)
    projection_basis = models.CharField("推算依据", max_length=300, blank=True)
    completion = number_field("预计完成目标（%）")
    colour = choice_field(WarningLevel, "颜色", blank=True)
    colour_why = models.CharField("颜色判定", max_length=200, blank=True)
    possibility = models.CharField("完成目标可能性", max_length=TEXT["monitoring.likelihood"], blank=True)
    reason_category = models.CharField("偏差原因类别", max_length=20, blank=True)
    analysis = models.TextField("偏差原因分析", blank=True)
    measure = models.TextField("纠偏措施", blank=True)
    reported_by = models.ForeignKey("orgs.User", verbose_name="填报人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reported_at = models.DateTimeField("填报时间", auto_now=True)

    objects = CycleQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="指标监控历史")

    class Meta:
        verbose_name = verbose_name_plural = "指标监控"
        ordering = ["round", "evaluation", "indicator_code"]
        constraints = [models.UniqueConstraint(fields=["round", "evaluation", "indicator_code"], name="indicator_report_unique")]

    def __str__(self) -> str:
        return f"{self.round.name} {self.indicator_code} {self.indicator_name}"


class FundReport(models.Model):
    """一条资金（按来源和性质，或一个项目）在一个监控轮次的执行：预算、已执行、执行率、是否达到序时进度。"""

    round = models.ForeignKey(MonitoringRound, verbose_name="监控轮次", on_delete=models.CASCADE, related_name="fund_reports")
    evaluation = models.ForeignKey(Evaluation, verbose_name="部门年度", on_delete=models.CASCADE, related_name="fund_reports")
    subject = models.CharField("资金", max_length=120, help_text="如 一般公共预算财政拨款·项目支出，或项目编码")
    initial_budget = money_field("年初预算数（万元）")
    adjusted_budget = money_field("调整后预算数（万元）")
    executed = money_field("截至当时执行数（万元）")
    rate = number_field("执行率（%）")
    time_progress = number_field("序时进度（%）")
    behind = number_field("落后序时进度（百分点）")
    colour = choice_field(WarningLevel, "颜色", blank=True)
    colour_why = models.CharField("颜色判定", max_length=200, blank=True)
    analysis = models.TextField("情况分析", blank=True)
    reported_by = models.ForeignKey("orgs.User", verbose_name="填报人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reported_at = models.DateTimeField("填报时间", auto_now=True)

    objects = CycleQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "资金监控"
        ordering = ["round", "evaluation", "subject"]
        constraints = [models.UniqueConstraint(fields=["round", "evaluation", "subject"], name="fund_report_unique")]

    def __str__(self) -> str:
        return f"{self.round.name} {self.subject}"


class MonitoringWarning(models.Model):
    """预警: the current colour of one subject (an indicator, or a fund line) in one round, and how far
    the finance bureau has escalated it (提示 → 警示 → 重点关注). Each change is a :class:`WarningChange`."""

    round = models.ForeignKey(MonitoringRound, verbose_name="监控轮次", on_delete=models.CASCADE, related_name="warnings")
    evaluation = models.ForeignKey(Evaluation, verbose_name="部门年度", on_delete=models.CASCADE, related_name="warnings")
    subject = models.CharField("对象", max_length=120, help_text="指标编号，或“资金:…”")
    subject_name = models.CharField("对象名称", max_length=200)
    colour = choice_field(WarningLevel, "颜色")
    why = models.CharField("原因", max_length=300, blank=True)
    escalation = models.CharField("督办等级", max_length=20, blank=True, help_text="提示、警示、重点关注")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = CycleQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "预警"
        ordering = ["round", "evaluation", "subject"]
        constraints = [models.UniqueConstraint(fields=["round", "evaluation", "subject"], name="warning_unique")]

    def __str__(self) -> str:
        return f"{self.subject_name}（{WarningLevel(self.colour).label}）"


class WarningChangeQuerySet(CycleQuerySet):
    department_path = "warning__evaluation__department"


class WarningChange(models.Model):
    """预警变化: one change of a warning's colour or escalation (old → new, when, why, who). Kept for good."""

    warning = models.ForeignKey(MonitoringWarning, verbose_name="预警", on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField("变化", max_length=12, choices=[("colour", "颜色"), ("escalation", "督办等级")])
    old = models.CharField("原值", max_length=20, blank=True)
    new = models.CharField("新值", max_length=20)
    why = models.CharField("原因", max_length=300, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey("orgs.User", verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    event = models.ForeignKey("events.Event", verbose_name="操作记录", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = WarningChangeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "预警变化"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.old_label or '—'} → {self.new_label}"

    def _label(self, value: str) -> str:
        if self.kind == "colour" and value in WarningLevel._value2member_map_:
            return WarningLevel(value).label
        return value

    @property
    def old_label(self) -> str:
        return self._label(self.old)

    @property
    def new_label(self) -> str:
        return self._label(self.new)
