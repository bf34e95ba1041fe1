"""The rule pack (评分规则包) as immutable data: the indicator tree and its weights, each leaf's
scoring method, the grade bands and the thresholds that later checks use.

Nothing here computes a score (that is :mod:`jixiao.scoring`); this module only says what the
rules are. Packs are read from YAML by :mod:`jixiao.rules.loader`, never written as literals in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Mapping

from jixiao.domain.enums import Direction, Level1, QualitativeGrade


class RulePackError(ValueError):
    """A rule pack that cannot be found or is not valid; ``str(error)`` is a Chinese message that
    names the pack, the key and the value."""


# Measures a banded or deduction leaf can read from the document. The scoring engine implements
# each of them (a test checks that every name here has an implementation). ``rate`` measures are
# fractions (0.0197 = 1.97%) and are written as percentages; bands and limits use the same scale.
MEASURES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "execution_rate": ("预算执行率", "rate"),
    "basic_execution_rate": ("基本支出预算执行率", "rate"),
    "project_execution_rate": ("项目支出预算执行率", "rate"),
    "budget_adjustment_rate": ("预算调整率", "rate"),
    "carryover_rate": ("结转结余率", "rate"),
})
FACT_MEASURE_PREFIX = "fact:"  # ``fact:staff_control_rate`` reads a number from the document's facts

# Which fund lines an execution leaf (预算执行率) reads.
EXECUTION_SCOPES: Mapping[str, str] = MappingProxyType({
    "total": "execution_rate",
    "basic": "basic_execution_rate",
    "project": "project_execution_rate",
})


@dataclass(frozen=True)
class Grade:
    """等次: a grade band; ``minimum`` is inclusive (优 ≥ 90)."""

    code: str
    label: str
    minimum: Decimal


@dataclass(frozen=True)
class QualitativeBands:
    """定性指标 bands as shares of the indicator's points.

    ``bands[grade] = (low, high)``; the top band (达成) includes ``high``, the others exclude it
    (部分达成 [50%, 80%), 未达成 [0, 50%)). ``default_share[grade]`` is the share given when the
    unit entered no score of its own.
    """

    bands: Mapping[QualitativeGrade, tuple[Decimal, Decimal]]
    default_share: Mapping[QualitativeGrade, Decimal]

    def band(self, grade: QualitativeGrade) -> tuple[Decimal, Decimal, bool]:
        """``(low, high, high_inclusive)`` for ``grade``."""
        low, high = self.bands[grade]
        return low, high, grade is QualitativeGrade.ACHIEVED


@dataclass(frozen=True)
class IndicatorMethods:
    """How the tasks' indicators are scored, by direction (指标性质).

    ``ge``: ``ratio`` (points × actual/target). ``le``: ``ratio`` (points × target/actual) or
    ``linear`` (points × (1 − (actual − target)/target), floored at 0). ``eq``: ``ratio`` (points ×
    smaller/larger, so a deviation either way loses points) or ``below`` (points × actual/target
    below the target, full points at or above it).
    """

    ge: str
    le: str
    eq: str
    qualitative: QualitativeBands


@dataclass(frozen=True)
class ExecutionMethod:
    """预算执行率: points × min(executed / full-year budget, 1) over the fund lines of ``scope``."""

    scope: str = "total"
    type: str = "execution"

    @property
    def measure(self) -> str:
        return EXECUTION_SCOPES[self.scope]


@dataclass(frozen=True)
class Band:
    """One row of a banded table: a measure ≤ ``upto`` (``None`` = anything above) gets ``points``."""

    upto: Decimal | None
    points: Decimal
    label: str = ""


@dataclass(frozen=True)
class BandedMethod:
    """分档计分: the first band whose ``upto`` the measure does not exceed gives the points."""

    measure: str
    bands: tuple[Band, ...]
    absolute: bool = False  # compare |measure| (e.g. a budget cut counts like an increase)
    type: str = "banded"


@dataclass(frozen=True)
class DeductionMethod:
    """扣分: full points until the measure passes ``limit`` (``when`` = above/below), then ``deduct``
    points for each ``step`` beyond it (``count`` = exact: proportionally; ceil: every started
    step), never below ``floor``."""

    measure: str
    limit: Decimal
    step: Decimal
    deduct: Decimal
    floor: Decimal = Decimal(0)
    when: str = "above"
    count: str = "exact"
    type: str = "deduction"


@dataclass(frozen=True)
class ChecklistItem:
    """One yes/no item of a checklist, answered by the document fact ``fact``."""

    fact: str
    label: str
    points: Decimal


@dataclass(frozen=True)
class ChecklistMethod:
    """是否类清单: each item answered 是 earns its points; items answered 不适用 are left out and the
    leaf's points are shared over the rest."""

    items: tuple[ChecklistItem, ...]
    type: str = "checklist"


LeafMethod = ExecutionMethod | BandedMethod | DeductionMethod | ChecklistMethod


@dataclass(frozen=True)
class PackNode:
    """A node of the indicator tree.

    Exactly one of: ``children`` (an inner node), ``method`` (a management leaf scored from the
    document's funds and facts) or ``indicators`` (a group that takes the tasks' indicators of
    these level-1 kinds, e.g. 产出指标).
    """

    key: str
    name: str
    weight: Decimal
    children: tuple["PackNode", ...] = ()
    method: LeafMethod | None = None
    indicators: tuple[Level1, ...] = ()
    indicator_methods: IndicatorMethods | None = None  # overrides the pack's defaults for a group
    standard: str = ""  # 评分标准 as the pack writes it, shown beside the score
    path: tuple[str, ...] = ()

    @property
    def is_group(self) -> bool:
        return bool(self.indicators)

    @property
    def is_leaf(self) -> bool:
        return self.method is not None

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class FactItem:
    """评价要点: a fact a department answers for the pack — a yes/no item of a checklist (管理制度健全性)
    or a figure a leaf reads (在职人员控制率). ``key`` is how documents store it; people see ``label``."""

    key: str
    label: str
    leaf: str  # the name of the pack leaf that scores it
    kind: str  # "yes_no" or "number"


@dataclass(frozen=True)
class RulePack:
    """A rule pack: one framework (and year) of scoring rules.

    ``indicator_weights`` says how the tasks' indicator weights relate to the pack:
    ``document`` — the indicators' own 分值 are the points (they must add up to the pack total with
    the other leaves; a level-1 split that differs from the pack's is flagged); ``rescale`` — the
    pack fixes each group's points and the indicators' 分值 only divide them (each indicator gets
    group points × 分值 / Σ 分值, rounded to cents by largest remainder so the group adds up).
    ``not_applicable`` says whether indicators marked not applicable are dropped and the rest
    rescaled (``rescale``) or kept at 0 points (``refuse``).
    """

    name: str
    title: str
    kind: str
    total: Decimal
    grades: tuple[Grade, ...]
    thresholds: Mapping[str, Decimal]
    tree: tuple[PackNode, ...]
    indicator_methods: IndicatorMethods
    indicator_weights: str = "rescale"
    not_applicable: str = "rescale"
    places: int = 2
    illustrative: bool = False
    source: str = ""
    notes: str = ""
    path: str = ""
    _leaves: tuple[PackNode, ...] = field(default=(), repr=False, compare=False)

    def grade_for(self, total: Decimal) -> Grade:
        """The grade band a total falls in (bands are checked from the highest minimum down)."""
        for grade in self.grades:
            if total >= grade.minimum:
                return grade
        return self.grades[-1]

    def nodes(self):
        """Every node, depth first, in the pack's order."""
        for node in self.tree:
            yield from node.walk()

    @property
    def leaves(self) -> tuple[PackNode, ...]:
        """Management leaves and indicator groups, in the pack's order."""
        return self._leaves

    @property
    def execution_leaf(self) -> PackNode | None:
        """The leaf reported as the result's 预算执行率 (the first execution leaf over all funds)."""
        for leaf in self._leaves:
            if isinstance(leaf.method, ExecutionMethod) and leaf.method.scope == "total":
                return leaf
        return None

    def level1_names(self) -> tuple[str, ...]:
        return tuple(node.name for node in self.tree)

    def fact_items(self) -> tuple[FactItem, ...]:
        """The facts this pack's leaves read, in the pack's order, each once."""
        items: dict[str, FactItem] = {}
        for leaf in self._leaves:
            method = leaf.method
            if isinstance(method, ChecklistMethod):
                for item in method.items:
                    label = leaf.name if len(method.items) == 1 else f"{leaf.name}：{item.label}"
                    items.setdefault(item.fact, FactItem(item.fact, label, leaf.name, "yes_no"))
            elif isinstance(method, (BandedMethod, DeductionMethod)) and method.measure.startswith(FACT_MEASURE_PREFIX):
                key = method.measure[len(FACT_MEASURE_PREFIX):]
                items.setdefault(key, FactItem(key, leaf.name, leaf.name, "number"))
        return tuple(items.values())


DIRECTIONS_SCORED = (Direction.GE, Direction.LE, Direction.EQ, Direction.QUALITATIVE)
