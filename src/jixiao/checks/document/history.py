"""Target reasonableness from history (目标值合理性): the reference report's own problem 三.

A target below last year's actual was set too low (the department promises less than it already
did); a target far above anything achieved before was set too high. :func:`assess_target` is a pure
function over the indicator's past values; :func:`history_from_documents` builds those values from
earlier years' documents (by indicator code, else by name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.document import EvaluationDocument, Indicator
from jixiao.domain.enums import Direction
from jixiao.domain.numbers import format_number
from jixiao.domain.values import ParsedValue, ValueParseError, convert

from jixiao.checks.document.context import CheckContext, named, where
from jixiao.domain.findings import Severity

W = Severity.WARNING


@dataclass(frozen=True)
class PastValue:
    """历史值: an indicator's target and actual of an earlier year."""

    year: int
    target: ParsedValue | None = None
    actual: ParsedValue | None = None
    name: str = ""  # the indicator's name that year, when known


@dataclass(frozen=True)
class TargetAssessment:
    code: str  # target_too_low / target_too_high
    message: str
    evidence: dict


def _number(value: ParsedValue | None, unit: str) -> Decimal | None:
    if value is None or value.number is None:
        return None
    if value.unit and unit and value.unit != unit:
        try:
            return convert(value.number, value.unit, unit)
        except ValueParseError:
            return None
    return value.number


def _show(value: Decimal, unit: str) -> str:
    return f"{format_number(value)}{unit}"


def assess_target(target: ParsedValue, direction: Direction, past: Sequence[PastValue], *, year: int,
                  high_ratio: Decimal | None) -> list[TargetAssessment]:
    """Judge a target against the past: below last year's actual (≥ indicators; above it for ≤) is
    set too low; beyond ``high_ratio`` × the best actual ever (÷ for ≤) is set too high."""
    if target.number is None or direction not in (Direction.GE, Direction.LE):
        return []
    unit = target.unit
    earlier = sorted((p for p in past if p.year < year), key=lambda p: p.year)
    actuals = [(p.year, n) for p in earlier if (n := _number(p.actual, unit)) is not None]
    if not actuals:
        return []
    result = []
    last_year, last_actual = actuals[-1]
    value = target.number
    if direction is Direction.GE and value < last_actual:
        result.append(TargetAssessment(
            "target_too_low", f"指标值 {target.text} 低于 {last_year} 年实际完成的 {_show(last_actual, unit)}，目标值设定偏低",
            {"target": value, "last_year": last_year, "last_actual": last_actual}))
    elif direction is Direction.LE and value > last_actual:
        result.append(TargetAssessment(
            "target_too_low", f"指标值 {target.text} 宽于 {last_year} 年实际完成的 {_show(last_actual, unit)}"
            "（上限反而放宽），目标值设定偏低", {"target": value, "last_year": last_year, "last_actual": last_actual}))
    if high_ratio is not None and high_ratio > 0:
        if direction is Direction.GE:
            best_year, best = max(actuals, key=lambda pair: pair[1])
            if best > 0 and value > best * high_ratio:
                result.append(TargetAssessment(
                    "target_too_high", f"指标值 {target.text} 为历史最好实际值（{best_year} 年 {_show(best, unit)}）的 "
                    f"{format_number((value / best * 100).quantize(Decimal(1)))}%，超过 "
                    f"{format_number((high_ratio * 100).quantize(Decimal(1)))}%，目标值可能设定过高",
                    {"target": value, "best_year": best_year, "best_actual": best, "ratio": high_ratio}))
        else:
            best_year, best = min(actuals, key=lambda pair: pair[1])
            if value >= 0 and best > 0 and value * high_ratio < best:
                result.append(TargetAssessment(
                    "target_too_high", f"指标值 {target.text} 远严于历史最好实际值（{best_year} 年 {_show(best, unit)}），"
                    "目标值可能设定过高", {"target": value, "best_year": best_year, "best_actual": best,
                                       "ratio": high_ratio}))
    return result


def _name_key(name: str) -> str:
    return re.sub(r"[\s（）()“”\"'、，,。:：]", "", name or "")


def history_from_documents(documents: Iterable[EvaluationDocument]) -> dict[str, list[PastValue]]:
    """Past values keyed by indicator code and by ``name:<indicator name>`` (codes change between years)."""
    history: dict[str, list[PastValue]] = {}
    for doc in documents:
        for indicator in doc.indicators:
            value = PastValue(doc.year, indicator.target, indicator.actual, indicator.name)
            if indicator.code:
                history.setdefault(indicator.code, []).append(value)
            history.setdefault("name:" + _name_key(indicator.name), []).append(value)
    return history


def normalise_history(history, department_code: str = "") -> dict[str, list[PastValue]]:
    """``history`` as given to :func:`check_document`: documents of earlier years, or a mapping of
    indicator code (or ``name:…``) to past values."""
    if history is None:
        return {}
    if isinstance(history, Mapping):
        return {key: list(values) for key, values in history.items()}
    documents = [d for d in history if isinstance(d, EvaluationDocument)]
    if department_code:
        documents = [d for d in documents if not d.department_code or d.department_code == department_code]
    return history_from_documents(documents)


def past_values(history: Mapping[str, list[PastValue]], indicator: Indicator) -> list[PastValue]:
    by_name = history.get("name:" + _name_key(indicator.name), [])
    by_code = history.get(indicator.code, []) if indicator.code else []
    if by_code and by_name:
        # The same code may name another indicator in another year: keep the values whose names agree.
        key = _name_key(indicator.name)
        return [p for p in by_code if not p.name or _name_key(p.name) == key] or by_name
    return by_code or by_name


def check_targets(ctx: CheckContext) -> None:
    if not ctx.history:
        return
    high = ctx.threshold("target_history_high_ratio")
    for task in ctx.doc.tasks:
        for indicator in task.indicators:
            past = past_values(ctx.history, indicator)
            for assessment in assess_target(indicator.target, indicator.direction, past, year=ctx.doc.year,
                                            high_ratio=high):
                ctx.add(f"indicator.{assessment.code}", W, f"{named(task, indicator)}{assessment.message}",
                        where(task, indicator, "target"), **assessment.evidence)


CHECKS = (check_targets,)
