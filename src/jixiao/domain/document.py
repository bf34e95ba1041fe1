"""The evaluation document (部门整体支出绩效自评 / 项目支出绩效自评): one department's (or project's)
self-evaluation for one year, as an immutable tree of plain dataclasses.

It has two stored forms, rows in the database and the self-evaluation workbook (自评工作簿), and
every engine (scoring, checks, monitoring, narrative, documents) reads it. Nothing here imports
Django or does I/O. Totals and rates are derived here, never stored as truth.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import MISSING, dataclass, replace
from dataclasses import fields as dataclass_fields
from datetime import date
from decimal import Decimal

from jixiao.domain.enums import (
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
    WarningLevel,
)
from jixiao.domain.numbers import ZERO, ratio
from jixiao.domain.values import ParsedValue, as_written, normalize_unit, parse_value, read_direction, written_plain


@dataclass(frozen=True)
class FundLine:
    """资金: one line of funds by source (资金来源) and nature (支出性质), in 万元."""

    source: FundSource
    nature: FundNature
    initial_budget: Decimal = ZERO  # 年初预算数
    full_year_budget: Decimal = ZERO  # 全年预算数 (adjusted, including 上年结转)
    executed: Decimal = ZERO  # 执行数
    carryover: Decimal = ZERO  # 结转和结余
    prior_year_carryover: Decimal = ZERO  # 上年结转 included in the full-year budget

    @property
    def execution_rate(self) -> Decimal | None:
        return ratio(self.executed, self.full_year_budget)


@dataclass(frozen=True)
class Unit:
    """所属单位: a unit of the department (the department itself is a unit too)."""

    code: str
    name: str
    duties: str = ""  # 主要任务 / 职责, as written


@dataclass(frozen=True)
class Project:
    """项目: a project expenditure; amounts in 万元."""

    code: str
    name: str
    unit: str = ""  # 实施单位 name
    budget: Decimal = ZERO  # 全年预算数
    executed: Decimal = ZERO  # 执行数
    initial_budget: Decimal = ZERO  # 年初预算数
    prior_year_carryover: Decimal = ZERO  # 上年结转资金
    other_funds: Decimal = ZERO  # 其他资金
    goal: str = ""  # 年度总体目标 (预期目标)
    goal_result: str = ""  # 实际完成情况


@dataclass(frozen=True)
class Indicator:
    """绩效指标: a level-3 indicator under a level-1 (一级) and level-2 (二级) indicator.

    ``target`` (年度指标值) and ``actual`` (实际完成值) keep the text as written beside what was
    parsed from it. ``weight`` is the indicator's points (分值); ``self_score`` is a score entered by
    hand (自评得分), kept beside the rule score that the scoring engine computes.
    """

    code: str
    level1: Level1
    level2: Level2
    name: str
    target: ParsedValue
    actual: ParsedValue
    direction: Direction
    unit: str = ""
    weight: Decimal | None = None
    self_score: Decimal | None = None
    deviation_reason: str = ""  # 偏差原因分析
    improvement: str = ""  # 改进措施
    target_basis: str = ""  # 指标值确定依据
    applicable: bool = True
    # What of the row could not be read (指标值“严格执行相关制度规定”无法识别…): a published table keeps the row,
    # and the engine scores it as unverifiable (the hand score stands, the row is named and asked about).
    unread: str = ""

    @property
    def actual_grade(self) -> QualitativeGrade | None:
        return self.actual.grade

    @classmethod
    def from_text(cls, *, code: str, level1: Level1 | str, level2: Level2 | str, name: str,
                  target: str, actual: str = "", direction: Direction | str | None = None,
                  unit: str = "", **rest) -> "Indicator":
        """Build an indicator from values as written (``≥4场``, ``91%``, ``效果明显``)."""
        if isinstance(level1, str) and not isinstance(level1, Level1):
            level1 = Level1.from_label(level1) or Level1(level1)
        if isinstance(level2, str) and not isinstance(level2, Level2):
            level2 = Level2.from_label(level2) or Level2(level2)
        target_value, resolved, actual_unit = read_target(target, direction, unit)
        actual_value = read_actual(actual, resolved, actual_unit, unit)
        return cls(code=code, level1=level1, level2=level2, name=name, target=target_value,
                   actual=actual_value, direction=resolved, unit=target_value.unit or unit, **rest)

    @classmethod
    def checked(cls, **values) -> "Indicator":
        """``Indicator(**values)`` for a reader's loop over thousands of rows whose values it has read
        and checked itself: the instance is filled in one step rather than by the frozen dataclass's
        ``__init__`` (one ``object.__setattr__`` a field), and is as frozen to callers as any other.
        ``values`` are field names only (tests/domain/test_document.py holds it equal to the
        constructor)."""
        fields = dict(_INDICATOR_DEFAULTS)
        fields.update(values)
        return cls.filled(fields)

    @classmethod
    def filled(cls, fields: dict) -> "Indicator":
        """:meth:`checked` with every field given, in one dict that becomes the instance's own (a
        reader's row loop builds it as a literal: no keyword arguments, no copy)."""
        indicator = object.__new__(cls)
        object.__setattr__(indicator, "__dict__", fields)
        return indicator

    @classmethod
    def unreadable(cls, *, code: str, level1: Level1, level2: Level2, name: str, target: str, actual: str,
                   unit: str = "", reason: str, **rest) -> "Indicator":
        """A row of a published table whose wording jixiao does not know (``不发生``, ``程度较高``): its
        values are kept as written, read as nothing, and ``reason`` says what could not be read."""
        unit = normalize_unit(unit)
        return cls(code=code, level1=level1, level2=level2, name=name,
                   target=ParsedValue(target, Direction.QUALITATIVE, None, unit, None),
                   actual=ParsedValue(actual, Direction.QUALITATIVE, None, unit, None),
                   direction=Direction.QUALITATIVE, unit=unit, unread=reason, **rest)


_INDICATOR_DEFAULTS = {f.name: f.default for f in dataclass_fields(Indicator) if f.default is not MISSING}


# Indicator.from_text in two halves, so that a reader of thousands of rows can read each distinct
# target and each distinct actual once (rows repeat them far more than they repeat whole pairs).
def read_target(target: str, direction: Direction | str | None, unit: str) -> tuple[ParsedValue, Direction, str]:
    """An indicator's 年度指标值 as :meth:`Indicator.from_text` reads it: ``(value, direction, unit of
    the actual)``, the value with the sign and unit of their own columns written in, the 指标性质 it
    resolves to, and the unit a bare actual is read in. Raises :class:`ValueParseError`."""
    if direction is None or direction.__class__ is Direction:  # a plain value (≥4场, 95%) in one step
        written = written_plain(target, direction, unit, direction, unit)
        if written is not None:
            return written, written.direction or Direction.GE, unit or written.unit
    target_value = parse_value(target, direction=direction, unit=unit, target=True)
    resolved = target_value.direction or (Direction.QUALITATIVE if target_value.is_qualitative else Direction.GE)
    # Sign and unit given in columns of their own are written into the value, as one cell would.
    column_sign = read_direction(direction) if isinstance(direction, str) and not isinstance(
        direction, Direction) else direction
    # A bare actual is in the 度量单位 column's unit when there is one (target 1万 and actual 12000
    # with 人次: 12,000 人次), else in the target's.
    return as_written(target_value, sign=column_sign, unit=unit), resolved, unit or target_value.unit


def read_actual(actual: str, resolved: Direction, actual_unit: str, unit: str) -> ParsedValue:
    """An indicator's 实际完成值 as :meth:`Indicator.from_text` reads it, given what
    :func:`read_target` returned for its target (``resolved``, ``actual_unit``) and the 度量单位
    column (``unit``). Raises :class:`ValueParseError`."""
    if resolved is not Direction.QUALITATIVE:
        written = written_plain(actual, None, actual_unit, None, unit)
        if written is not None:
            return written
    value = parse_value(actual, unit=actual_unit, qualitative=resolved is Direction.QUALITATIVE or None)
    return as_written(value, unit=unit)


@dataclass(frozen=True)
class Task:
    """工作任务 (任务1…): what the department set out to do, its projects and indicators."""

    code: str
    name: str
    description: str = ""  # 任务内容, as written
    responsible_unit: str = ""  # 主要实施机构/单位
    funds: Decimal = ZERO  # 涉及资金 (万元)
    projects: tuple[Project, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    summary: str = ""  # 任务绩效目标完成情况, as written

    def count_by_level1(self) -> dict[Level1, int]:
        counts = {level: 0 for level in Level1}
        for indicator in self.indicators:
            counts[indicator.level1] += 1
        return counts


@dataclass(frozen=True)
class MonitoringSnapshot:
    """运行监控: the value of an indicator (``indicator_code``) or of the funds at a date."""

    as_of: date
    indicator_code: str = ""  # empty for a funds snapshot
    value: ParsedValue | None = None  # completed so far (indicator)
    executed: Decimal | None = None  # executed so far (funds, 万元)
    projected: ParsedValue | None = None  # 全年预计完成
    warning: WarningLevel | None = None
    likelihood: str = ""  # 完成目标可能性
    reason: str = ""  # 偏差原因
    note: str = ""


@dataclass(frozen=True)
class Adjustment:
    """调整: a requested change of a target or budget, with reason and approval."""

    kind: AdjustmentKind
    subject: str  # indicator code, or fund line / project code
    before: str
    after: str
    reason: str = ""
    status: AdjustmentStatus = AdjustmentStatus.PENDING
    requested_on: date | None = None
    decided_on: date | None = None


@dataclass(frozen=True)
class RectificationNote:
    """上年整改: one rectification item of the department's previous year and what became of it."""

    year: int
    problem: str
    requirement: str = ""
    status: str = ""  # 整改中 / 已反馈 / 退回重改 / 已验收
    done: str = ""  # the department's latest 整改反馈
    confirmed: bool = False


@dataclass(frozen=True)
class ReportSection:
    """报告: a narrative section of the self-evaluation report, keyed by a stable code."""

    key: str
    title: str
    text: str
    edited: bool = False  # written or changed by a person; redrafts must not overwrite it silently


@dataclass(frozen=True)
class Fact:
    """评价要点: an answer to a management item of a department-overall pack (e.g. 管理制度健全性)."""

    key: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class EvaluationDocument:
    """One department's self-evaluation for one year (or one project's, when ``kind`` is project)."""

    region_code: str
    region_name: str
    department_code: str
    department_name: str
    year: int
    kind: EvaluationKind = EvaluationKind.DEPARTMENT
    rule_pack: str = ""
    status: EvaluationStatus = EvaluationStatus.DRAFT
    units: tuple[Unit, ...] = ()
    fund_lines: tuple[FundLine, ...] = ()
    tasks: tuple[Task, ...] = ()
    monitoring: tuple[MonitoringSnapshot, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    sections: tuple[ReportSection, ...] = ()
    facts: tuple[Fact, ...] = ()
    self_total: Decimal | None = None  # total score as stated by the department, if any
    self_grade: str = ""
    self_name: str = "本部门"  # how the report refers to the department (本会, 本局…)
    rectification: tuple[RectificationNote, ...] = ()  # last year's 整改 items (kept by the cycle app)

    # --- funds, derived -------------------------------------------------------------------
    @property
    def budget_total(self) -> Decimal:
        return sum((line.full_year_budget for line in self.fund_lines), ZERO)

    @property
    def initial_budget_total(self) -> Decimal:
        return sum((line.initial_budget for line in self.fund_lines), ZERO)

    @property
    def executed_total(self) -> Decimal:
        return sum((line.executed for line in self.fund_lines), ZERO)

    @property
    def carryover_total(self) -> Decimal:
        return sum((line.carryover for line in self.fund_lines), ZERO)

    @property
    def execution_rate(self) -> Decimal | None:
        return ratio(self.executed_total, self.budget_total)

    def executed_by_source(self) -> dict[FundSource, Decimal]:
        """Executed amount per source, every source present (0 when none), in enum order."""
        return self._sum_by("source", "executed", FundSource)

    def executed_by_nature(self) -> dict[FundNature, Decimal]:
        return self._sum_by("nature", "executed", FundNature)

    def budget_by_source(self) -> dict[FundSource, Decimal]:
        return self._sum_by("source", "full_year_budget", FundSource)

    def budget_by_nature(self) -> dict[FundNature, Decimal]:
        return self._sum_by("nature", "full_year_budget", FundNature)

    def _sum_by(self, key: str, amount: str, members) -> dict:
        totals = defaultdict(lambda: ZERO)
        for line in self.fund_lines:
            totals[getattr(line, key)] += getattr(line, amount)
        return {member: totals[member] for member in members}

    # --- indicators -----------------------------------------------------------------------
    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(indicator for task in self.tasks for indicator in task.indicators)

    @property
    def projects(self) -> tuple[Project, ...]:
        return tuple(project for task in self.tasks for project in task.projects)

    def section(self, key: str) -> ReportSection | None:
        return next((s for s in self.sections if s.key == key), None)

    def fact(self, key: str) -> Fact | None:
        return next((f for f in self.facts if f.key == key), None)

    def with_changes(self, **changes) -> "EvaluationDocument":
        return replace(self, **changes)


__all__ = [
    "Adjustment", "EvaluationDocument", "Fact", "FundLine", "Indicator", "MonitoringSnapshot",
    "Project", "RectificationNote", "ReportSection", "Task", "Unit",
]
