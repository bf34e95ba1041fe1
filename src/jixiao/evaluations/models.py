from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from jixiao.common.fields import choice_field, money_field, number_field, score_field
from jixiao.domain.enums import (
    LEVEL2_PARENT,
    AdjustmentKind,
    AdjustmentStatus,
    Direction,
    EvaluationKind,
    EvaluationStatus,
    FundNature,
    FundSource,
    Level1,
    Level2,
    QualitativeGrade,
    Role,
)
from jixiao.domain import workflow
from jixiao.domain.limits import TEXT
from jixiao.domain.values import ValueParseError, parse_value
from jixiao.domain.workflow import DEPARTMENT_ROLES, Action
from jixiao.orgs.models import Department


class EvaluationQuerySet(models.QuerySet):
    def for_user(self, user, action: Action | str = Action.VIEW) -> "EvaluationQuerySet":
        """Row-level scope: the evaluations ``user`` may take ``action`` on now (see
        :mod:`jixiao.domain.workflow`). Viewing: published ones for everybody, own departments' and
        reviewed regions' for members. Editing and the workflow actions: the roles and statuses of the
        workflow table, for superusers too (a locked evaluation is locked for everybody)."""
        action = Action(action)
        roles, statuses = workflow.permission(action)
        scoped = self if statuses is None else self.filter(status__in=[s.value for s in statuses])
        if user.is_authenticated and user.is_superuser:
            return scoped
        published = Q(status=EvaluationStatus.PUBLISHED.value)
        if not user.is_authenticated:
            return scoped.filter(published) if action is Action.VIEW else scoped.none()
        allowed = published if action is Action.VIEW else Q(pk__in=[])
        department_roles = tuple(role for role in roles if role in DEPARTMENT_ROLES)
        if department_roles:
            allowed |= Q(department_id__in=user.department_ids(department_roles))
        if Role.FINANCE_REVIEWER in roles:
            allowed |= Q(department__region_id__in=user.reviewed_region_ids())
        return scoped.filter(allowed)


class PartQuerySet(models.QuerySet):
    """Rows that belong to an evaluation (funds, tasks, indicators…): scoped through their evaluation."""

    evaluation_path = "evaluation"

    def for_user(self, user, action: Action | str = Action.VIEW):
        return self.filter(**{f"{self.evaluation_path}__in": Evaluation.objects.for_user(user, action)})


class TaskPartQuerySet(PartQuerySet):
    evaluation_path = "task__evaluation"


class Evaluation(models.Model):
    """One department's self-evaluation for one year (or one project's, when the kind is 项目)."""

    department = models.ForeignKey(Department, verbose_name="预算部门", on_delete=models.PROTECT, related_name="evaluations")
    year = models.PositiveSmallIntegerField("年度")
    kind = choice_field(EvaluationKind, "评价类型", default=EvaluationKind.DEPARTMENT.value)
    project_code = models.CharField("项目编码", max_length=TEXT["evaluation.project_code"], blank=True, help_text="项目支出绩效自评时填写")
    rule_pack = models.CharField("评分规则包", max_length=TEXT["evaluation.rule_pack"], blank=True)
    status = choice_field(EvaluationStatus, "状态", default=EvaluationStatus.DRAFT.value)
    stated_total = score_field("自评得分（单位填报）")
    stated_grade = models.CharField("自评等级（单位填报）", max_length=TEXT["evaluation.stated_grade"], blank=True)
    score_total = score_field("得分（规则计算）", editable=False)
    score_grade = models.CharField("等级（规则计算）", max_length=10, blank=True, editable=False)
    scored_at = models.DateTimeField("评分时间", null=True, blank=True, editable=False)
    # Counts of the review checks' findings, kept with the scores (the bureau filters and ranks by them
    # in the database); NULL until checked.
    error_count = models.PositiveIntegerField("审核错误数", null=True, blank=True, editable=False)
    warning_count = models.PositiveIntegerField("审核警告数", null=True, blank=True, editable=False)
    # The wording lists (values.yaml, qualitative.yaml) the indicators' parsed values were last read
    # again with by a re-score: a bulk re-score reads the texts again only when the lists changed since.
    values_read_with = models.CharField("数值读取依据", max_length=16, blank=True, editable=False)
    # 版本: incremented by every change of the stored content (an import, later the web's cell edits;
    # not by a re-score or a status change). An exported workbook carries it, so that importing it
    # back applies only what was changed in it (see ExportSnapshot).
    revision = models.PositiveIntegerField("版本", default=0, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = EvaluationQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="绩效自评历史")

    class Meta:
        verbose_name = verbose_name_plural = "绩效自评"
        ordering = ["-year", "department__code"]
        constraints = [
            models.UniqueConstraint(fields=["department", "year", "kind", "project_code"], name="evaluation_unique"),
            models.CheckConstraint(name="evaluation_year_range", condition=Q(year__gte=2000, year__lte=2100),
                                   violation_error_message="年度须在 2000 至 2100 之间。"),
        ]

    def __str__(self) -> str:
        return f"{self.year} 年度{self.department.name}{EvaluationKind(self.kind).label}"

    @property
    def is_locked(self) -> bool:
        """Submitted, accepted and published evaluations are locked (只读)."""
        return workflow.is_locked(self.status)


class FundLine(models.Model):
    """资金: funds by source (资金来源) and nature (支出性质), in 万元."""

    evaluation = models.ForeignKey(Evaluation, verbose_name="绩效自评", on_delete=models.CASCADE, related_name="fund_lines")
    source = choice_field(FundSource, "资金来源")
    nature = choice_field(FundNature, "支出性质")
    initial_budget = money_field("年初预算数（万元）")
    full_year_budget = money_field("全年预算数（万元）")
    executed = money_field("执行数（万元）")
    carryover = money_field("结转和结余（万元）")
    prior_year_carryover = money_field("其中：上年结转（万元）")

    objects = PartQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="资金历史")

    class Meta:
        verbose_name = verbose_name_plural = "资金"
        ordering = ["evaluation", "source", "nature"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "source", "nature"], name="fund_line_unique"),
            models.CheckConstraint(
                name="fund_line_amounts_not_negative",
                condition=Q(initial_budget__gte=0, full_year_budget__gte=0, executed__gte=0, carryover__gte=0,
                            prior_year_carryover__gte=0),
                violation_error_message="资金金额不能为负数。",
            ),
        ]

    def __str__(self) -> str:
        return f"{FundSource(self.source).label} · {FundNature(self.nature).label}"


class Task(models.Model):
    """工作任务 (任务1…): what the department set out to do, its responsible unit, projects and indicators."""

    evaluation = models.ForeignKey(Evaluation, verbose_name="绩效自评", on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField("任务编号", max_length=TEXT["task.code"])
    name = models.CharField("任务名称", max_length=TEXT["task.name"])
    description = models.TextField("任务内容", blank=True)
    responsible_unit = models.CharField("主要实施单位", max_length=TEXT["task.responsible_unit"], blank=True)
    funds = money_field("涉及资金（万元）")
    summary = models.TextField("任务绩效目标完成情况", blank=True)
    position = models.PositiveIntegerField("顺序", default=0)

    objects = PartQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="工作任务历史")

    class Meta:
        verbose_name = verbose_name_plural = "工作任务"
        ordering = ["evaluation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "code"], name="task_code_unique"),
            models.CheckConstraint(name="task_funds_not_negative", condition=Q(funds__gte=0),
                                   violation_error_message="涉及资金不能为负数。"),
        ]

    def __str__(self) -> str:
        return f"任务{self.code} {self.name}"


class Project(models.Model):
    """项目: a project expenditure of a task, amounts in 万元."""

    task = models.ForeignKey(Task, verbose_name="工作任务", on_delete=models.CASCADE, related_name="projects")
    code = models.CharField("项目编码", max_length=TEXT["project.code"])
    name = models.CharField("项目名称", max_length=TEXT["project.name"])
    unit = models.CharField("实施单位", max_length=TEXT["project.unit"], blank=True)
    initial_budget = money_field("年初预算数（万元）")
    budget = money_field("全年预算数（万元）")
    executed = money_field("执行数（万元）")
    prior_year_carryover = money_field("上年结转资金（万元）")
    other_funds = money_field("其他资金（万元）")
    goal = models.TextField("年度总体目标", blank=True)
    goal_result = models.TextField("总体目标完成情况", blank=True)
    position = models.PositiveIntegerField("顺序", default=0)

    objects = TaskPartQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="项目历史")

    class Meta:
        verbose_name = verbose_name_plural = "项目"
        ordering = ["task", "position"]
        constraints = [
            models.UniqueConstraint(fields=["task", "code"], name="project_code_unique_in_task"),
            models.CheckConstraint(
                name="project_amounts_not_negative",
                condition=Q(initial_budget__gte=0, budget__gte=0, executed__gte=0, prior_year_carryover__gte=0,
                            other_funds__gte=0),
                violation_error_message="项目金额不能为负数。",
            ),
        ]

    def __str__(self) -> str:
        return self.name


# Every valid (level 1, level 2) pair, for the database constraint that keeps a level 2 under its level 1.
_LEVEL_PAIRS = Q()
for _level2, _level1 in LEVEL2_PARENT.items():
    _LEVEL_PAIRS |= Q(level1=_level1.value, level2=_level2.value)


class Indicator(models.Model):
    """绩效指标 (三级指标) under a level 1 (一级) and level 2 (二级) indicator of a task.

    The text as written (``≥735人次``) is kept beside the parsed number; the score is the scoring
    engine's, written back whenever the evaluation changes.
    """

    # no index of its own: the unique (task, code) index serves every lookup by task, and one index
    # fewer to maintain makes each write of the indicator rows (a re-score's UPDATE) cheaper
    task = models.ForeignKey(Task, verbose_name="工作任务", on_delete=models.CASCADE, related_name="indicators",
                             db_index=False)
    code = models.CharField("指标编号", max_length=TEXT["indicator.code"])
    level1 = choice_field(Level1, "一级指标")
    level2 = choice_field(Level2, "二级指标")
    name = models.CharField("三级指标", max_length=TEXT["indicator.name"])
    direction = choice_field(Direction, "指标性质", blank=True, help_text="留空时从年度指标值的写法读取（如 ≥、≤、定性）")
    unit = models.CharField("度量单位", max_length=TEXT["indicator.unit"], blank=True)
    target_text = models.CharField("年度指标值（原文）", max_length=TEXT["indicator.target"], blank=True)
    target_value = number_field("年度指标值")
    actual_text = models.CharField("实际完成值（原文）", max_length=TEXT["indicator.actual"], blank=True)
    actual_value = number_field("实际完成值")
    actual_grade = choice_field(QualitativeGrade, "定性完成情况", blank=True)
    weight = score_field("分值")
    self_score = score_field("自评得分（手工）")
    score = score_field("得分（规则计算）", editable=False)
    score_explanation = models.TextField("评分说明", blank=True, editable=False)
    deviation_reason = models.TextField("偏差原因分析", blank=True)
    improvement = models.TextField("改进措施", blank=True)
    target_basis = models.CharField("指标值确定依据", max_length=TEXT["indicator.target_basis"], blank=True)
    applicable = models.BooleanField("适用", default=True)
    position = models.PositiveIntegerField("顺序", default=0)

    objects = TaskPartQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="绩效指标历史")

    class Meta:
        verbose_name = verbose_name_plural = "绩效指标"
        ordering = ["task", "position"]
        constraints = [
            models.UniqueConstraint(fields=["task", "code"], name="indicator_code_unique_in_task"),
            models.CheckConstraint(name="indicator_level2_under_level1", condition=_LEVEL_PAIRS,
                                   violation_error_message="二级指标与一级指标不匹配。"),
            models.CheckConstraint(name="indicator_weight_not_negative", condition=Q(weight__gte=0) | Q(weight__isnull=True),
                                   violation_error_message="分值不能为负数。"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Check the level pair and read the parsed values from the texts as written (one parser:
        :func:`jixiao.domain.values.parse_value`)."""
        level2 = Level2(self.level2) if self.level2 in Level2._value2member_map_ else None
        if level2 and self.level1 and level2.level1.value != self.level1:
            raise ValidationError({"level2": f"二级指标“{level2.label}”属于“{level2.level1.label}”，"
                                             f"不属于“{Level1(self.level1).label}”。"})
        try:
            target = parse_value(self.target_text, direction=self.direction or None, unit=self.unit, target=True)
        except ValueParseError as exc:
            raise ValidationError({exc.column or "target_text": str(exc)}) from exc
        direction = Direction(self.direction) if self.direction else (target.direction or Direction.GE)
        try:
            actual = parse_value(self.actual_text, unit=target.unit,
                                 qualitative=direction is Direction.QUALITATIVE or None)
        except ValueParseError as exc:
            raise ValidationError({"actual_text": str(exc)}) from exc
        self.direction = direction.value
        self.unit = target.unit
        self.target_value, self.actual_value = target.number, actual.number
        self.actual_grade = actual.grade.value if actual.grade else ""


class ReportSection(models.Model):
    """报告: one narrative section of the self-evaluation report, drafted from data or written by a person."""

    evaluation = models.ForeignKey(Evaluation, verbose_name="绩效自评", on_delete=models.CASCADE, related_name="sections")
    key = models.CharField("章节标识", max_length=TEXT["section.key"])
    title = models.CharField("标题", max_length=TEXT["section.title"])
    text = models.TextField("正文", blank=True)
    edited = models.BooleanField("人工编辑", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = PartQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="报告章节历史")

    class Meta:
        verbose_name = verbose_name_plural = "报告章节"
        ordering = ["evaluation", "id"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "key"], name="section_key_unique")]

    def __str__(self) -> str:
        return self.title


class Fact(models.Model):
    """评价要点: a department's answer to a management item of its rule pack (e.g. 管理制度健全性)."""

    evaluation = models.ForeignKey(Evaluation, verbose_name="绩效自评", on_delete=models.CASCADE, related_name="facts")
    key = models.CharField("要点标识", max_length=TEXT["fact.key"])
    value = models.CharField("取值", max_length=TEXT["fact.value"], blank=True)
    note = models.TextField("说明", blank=True)

    objects = PartQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "评价要点"
        ordering = ["evaluation", "key"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "key"], name="fact_key_unique")]

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class Adjustment(models.Model):
    """调整: a requested change of a target or budget, with reason and approval."""

    evaluation = models.ForeignKey(Evaluation, verbose_name="绩效自评", on_delete=models.CASCADE, related_name="adjustments")
    kind = choice_field(AdjustmentKind, "调整类型")
    subject = models.CharField("调整对象", max_length=TEXT["adjustment.subject"], help_text="指标编号，或资金/项目")
    before = models.CharField("调整前", max_length=TEXT["adjustment.before"], blank=True)
    after = models.CharField("调整后", max_length=TEXT["adjustment.after"], blank=True)
    reason = models.TextField("调整原因", blank=True)
    status = choice_field(AdjustmentStatus, "审批状态", default=AdjustmentStatus.PENDING.value)
    requested_on = models.DateField("申请日期", null=True, blank=True)
    decided_on = models.DateField("审批日期", null=True, blank=True)
    requested_by = models.ForeignKey("orgs.User", verbose_name="申请人", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    decided_by = models.ForeignKey("orgs.User", verbose_name="审批人", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decision_reason = models.TextField("审批意见", blank=True)

    objects = PartQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="调整历史")

    class Meta:
        verbose_name = verbose_name_plural = "调整"
        ordering = ["evaluation", "requested_on", "id"]

    def __str__(self) -> str:
        return f"{AdjustmentKind(self.kind).label}：{self.subject}"


class ExportSnapshot(models.Model):
    """导出快照: the cells of an evaluation as they were when a workbook was exported at a revision.

    Importing that workbook back compares it with this base, cell by cell: cells changed only in the
    workbook are applied, cells changed since in the database are kept, cells changed in both are
    conflicts. The workbook carries only the revision and the random ``key``; the snapshot is looked up
    under the evaluation being imported into, so a key cannot reach another evaluation's data."""

    evaluation = models.ForeignKey(Evaluation, verbose_name="绩效自评", on_delete=models.CASCADE,
                                   related_name="export_snapshots")
    revision = models.PositiveIntegerField("版本")
    key = models.CharField("导出密钥", max_length=64)
    cells = models.BinaryField("单元格（压缩的 JSON）")
    created_at = models.DateTimeField("导出时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "导出快照"
        constraints = [models.UniqueConstraint(fields=["evaluation", "revision"], name="export_snapshot_unique")]

    def __str__(self) -> str:
        return f"{self.evaluation_id} 第 {self.revision} 版"
