"""Judgements (判断) on an indicator or a document, each in one named function with its threshold read
from the rule pack: whether a target was met, by how much it was exceeded (a target set too low),
whether budget execution is low enough to need a written reason, whether a task's indicators are
balanced between output (产出) and benefit (效益).

The scoring engine, the checks, the drafted report and the published-report checks all ask these
questions; they ask them here, so an answer never differs between a score, a finding and a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.domain.document import Indicator
from jixiao.domain.enums import Direction, Level1, LabeledEnum, QualitativeGrade
from jixiao.domain.values import ValueParseError, convert
from jixiao.rules.model import RulePack
from jixiao.scoring.result import ScoringError

OVERACHIEVEMENT = "overachievement_ratio"  # actual ÷ target at or above which a target was probably set too low
EXECUTION_REASON_BELOW = "execution_reason_below"  # execution rate below which a written reason is needed
OUTPUT_BENEFIT_RATIO_MAX = "output_benefit_ratio_max"  # outputs per benefit indicator above which a task is unbalanced


def comparable(indicator: Indicator) -> tuple[Decimal | None, Decimal | None]:
    """(target, actual) in the target's unit; raise :class:`ScoringError` when units disagree."""
    target, actual = indicator.target, indicator.actual
    if target.number is None or actual.number is None:
        return target.number, actual.number
    if actual.unit and target.unit and actual.unit != target.unit:
        try:
            return target.number, convert(actual.number, actual.unit, target.unit)
        except ValueParseError:
            raise ScoringError(f"指标“{indicator.name}”（{indicator.code}）：实际值“{actual.text}”的单位“{actual.unit}”"
                               f"与指标值“{target.text}”的单位“{target.unit}”不一致，无法换算") from None
    return target.number, actual.number


def target_met(indicator: Indicator, pack: RulePack | None = None) -> bool | None:
    """Whether an indicator reached its target (qualitative: 达成). ``None`` when it cannot be told:
    not applicable, no actual value, or no target. An ``=`` target is met at or above it when the
    pack scores ``eq`` as ``below``, else only when hit exactly."""
    if not indicator.applicable:
        return None
    if indicator.direction is Direction.QUALITATIVE or indicator.actual.number is None:
        grade = indicator.actual.grade
        return None if grade is None else grade is QualitativeGrade.ACHIEVED
    target, actual = comparable(indicator)
    if target is None:
        return None
    if indicator.direction is Direction.LE:
        return actual <= target
    if indicator.direction is Direction.EQ:
        eq = pack.indicator_methods.eq if pack else "ratio"
        return actual >= target if eq == "below" else actual == target
    return actual >= target


def achievement_ratio(indicator: Indicator) -> Decimal | None:
    """How far the actual went beyond the target: actual ÷ target for ≥ (target ÷ actual for ≤).
    ``None`` for ``=`` and qualitative indicators, and when either value is missing, not positive or
    in units that do not convert."""
    if not indicator.applicable or indicator.direction not in (Direction.GE, Direction.LE):
        return None
    try:
        target, actual = comparable(indicator)
    except ScoringError:
        return None
    if target is None or actual is None or target <= 0 or actual <= 0:
        return None
    return actual / target if indicator.direction is Direction.GE else target / actual


def overachieved(indicator: Indicator, pack: RulePack | None) -> Decimal | None:
    """超额完成: the achievement ratio when it reaches the pack's ``overachievement_ratio`` (the
    target was probably set too low), else ``None``."""
    limit = threshold(pack, OVERACHIEVEMENT)
    ratio = achievement_ratio(indicator)
    return ratio if limit is not None and ratio is not None and ratio >= limit else None


def execution_low(rate: Decimal | None, pack: RulePack | None) -> bool:
    """预算执行率 below the pack's ``execution_reason_below``: the report must say why."""
    limit = threshold(pack, EXECUTION_REASON_BELOW)
    return rate is not None and limit is not None and rate < limit


class Balance(LabeledEnum):
    """How a task's indicators are spread over output and benefit (the reference report's 问题二)."""

    BALANCED = "balanced", "产出与效益指标均衡"
    NO_INDICATORS = "no_indicators", "未设置绩效指标"
    NO_BENEFIT = "no_benefit", "未设置效益指标"
    TOO_MANY_OUTPUTS = "too_many_outputs", "产出指标过多而效益指标较少"


def level_balance(indicators: Iterable[Indicator], pack: RulePack | None) -> Balance:
    """The balance of a task's applicable indicators: none at all, no benefit indicator, or more
    output indicators per benefit indicator than the pack's ``output_benefit_ratio_max``."""
    levels = [i.level1 for i in indicators if i.applicable]
    if not levels:
        return Balance.NO_INDICATORS
    outputs, benefits = levels.count(Level1.OUTPUT), levels.count(Level1.BENEFIT)
    if not benefits:
        return Balance.NO_BENEFIT
    limit = threshold(pack, OUTPUT_BENEFIT_RATIO_MAX)
    if limit is not None and outputs > benefits * limit:
        return Balance.TOO_MANY_OUTPUTS
    return Balance.BALANCED


def threshold(pack: RulePack | None, key: str) -> Decimal | None:
    """A threshold of the pack; ``None`` when there is no pack or it does not set one (the judgement
    is then not made)."""
    return None if pack is None else pack.thresholds.get(key)
