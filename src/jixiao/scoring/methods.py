"""Scoring methods on plain values: each returns ``(score, met, explanation)``.

``score`` is rounded half-up to the pack's places (``quantum``, e.g. ``Decimal("0.01")``), never
above ``weight`` and never below 0; ``explanation`` is the Chinese sentence shown beside it, e.g.
``实际 9 场 < 目标 ≥10 场，得分 = 15 × 9/10 = 13.50``. Formulas follow regulations.md §6.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from functools import lru_cache

from jixiao.domain.enums import QualitativeGrade
from jixiao.domain.numbers import format_amount, round_half_up
from jixiao.domain.numbers import format_number as _format_number
from jixiao.rules.model import Band, BandedMethod, DeductionMethod, QualitativeBands

from jixiao.scoring.measures import Measure, percent

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
UNITS_WITHOUT_SPACE = frozenset({"", "%", "‰", "％"})
GRADE_SHORT = {
    QualitativeGrade.ACHIEVED: "达成",
    QualitativeGrade.PARTIAL: "部分达成",
    QualitativeGrade.NOT_ACHIEVED: "未达成",
}


# Targets, actuals and weights repeat a great deal across a province; formatting them is the
# largest cost of an explanation, so the text of each value is remembered.
format_number = lru_cache(maxsize=65536)(_format_number)


def clamp(raw: Decimal, weight: Decimal, quantum: Decimal) -> Decimal:
    """Round half-up to ``quantum`` and keep within [0, weight]."""
    if raw >= weight:
        raw = weight
    elif raw < ZERO:
        raw = ZERO
    return raw.quantize(quantum, ROUND_HALF_UP)


def value_text(number: Decimal, unit: str) -> str:
    """``9 场``, ``91%``, ``1,291.73 万元``."""
    return f"{format_number(number)}{'' if unit in UNITS_WITHOUT_SPACE else ' '}{unit}"


def bound_text(value: Decimal, kind: str) -> str:
    """A band edge or limit as the pack writes it: 0.10 → ``10%``, 0 → ``0``."""
    if kind != "rate":
        return format_number(value)
    return "0" if value == 0 else f"{format_number(value * HUNDRED)}%"


def operand(value: Decimal) -> str:
    """A number inside a formula; a negative one in brackets (``10 × (-5)/10``)."""
    text = format_number(value)
    return f"({text})" if value < 0 else text


def outcome(formula: str, raw: Decimal, score: Decimal) -> str:
    """``formula = score``; a formula below 0 shows its value and says the score was floored at 0
    (a formula above the points cannot occur: full points are given before any formula)."""
    if raw < ZERO:
        return f"{formula} = {format_number(round_half_up(raw, 2))}，低于 0 分，按 0 分计，得分 {score}"
    return f"{formula} = {score}"


def _full(actual: str, sign: str, target: str, score: Decimal) -> str:
    return f"实际 {actual} {sign} 目标 {target}，达到目标，得满分 {score}"


def score_ge(weight: Decimal, target: Decimal, actual: Decimal, quantum: Decimal,
             actual_text: str, target_text: str) -> tuple[Decimal, bool, str]:
    """正向 (≥): full points if actual ≥ target, else points × actual/target."""
    if actual >= target:
        score = clamp(weight, weight, quantum)
        return score, True, _full(actual_text, "≥", target_text, score)
    if target <= ZERO:
        score = ZERO.quantize(quantum)
        return score, False, f"实际 {actual_text} < 目标 {target_text}，目标值不大于 0 时未达到即不得分，得分 {score}"
    raw = weight * actual / target
    score = clamp(raw, weight, quantum)
    formula = f"得分 = {format_number(weight)} × {operand(actual)}/{format_number(target)}"
    return score, False, f"实际 {actual_text} < 目标 {target_text}，{outcome(formula, raw, score)}"


def score_le(weight: Decimal, target: Decimal, actual: Decimal, quantum: Decimal,
             actual_text: str, target_text: str, variant: str = "ratio") -> tuple[Decimal, bool, str]:
    """反向 (≤): full points if actual ≤ target; else ``ratio``: points × target/actual, or
    ``linear``: points × (1 − (actual − target)/target), 0 once actual ≥ 2 × target."""
    if actual <= target:
        score = clamp(weight, weight, quantum)
        return score, True, _full(actual_text, "≤", target_text, score)
    head = f"实际 {actual_text} > 目标 {target_text}，"
    if target <= ZERO:
        score = ZERO.quantize(quantum)
        return score, False, f"{head}目标值不大于 0 时超出即不得分，得分 {score}"
    w, a, t = format_number(weight), format_number(actual), format_number(target)
    if variant == "linear":
        raw = weight * (ONE - (actual - target) / target)
        score = clamp(raw, weight, quantum)
        return score, False, head + outcome(f"得分 = {w} × (1 − ({a} − {t})/{t})", raw, score)
    score = clamp(weight * target / actual, weight, quantum)
    return score, False, f"{head}得分 = {w} × {t}/{a} = {score}"


def score_eq(weight: Decimal, target: Decimal, actual: Decimal, quantum: Decimal,
             actual_text: str, target_text: str, variant: str = "ratio") -> tuple[Decimal, bool, str]:
    """等于 (=): full points if actual = target. ``ratio``: otherwise points × smaller/larger (a
    deviation either way loses points); ``below``: points × actual/target below the target, full at
    or above it. A target of 0 gets full points only for an actual of 0."""
    if actual == target:
        score = clamp(weight, weight, quantum)
        return score, True, _full(actual_text, "=", target_text, score)
    if target == ZERO:
        score = ZERO.quantize(quantum)
        return score, False, f"实际 {actual_text} ≠ 目标 {target_text}，目标值为 0 时实际不为 0 即不得分，得分 {score}"
    if variant == "below" and actual > target:
        score = clamp(weight, weight, quantum)
        return score, True, f"实际 {actual_text} > 目标 {target_text}，按达到目标计，得满分 {score}"
    w = format_number(weight)
    if actual < ZERO or (target < ZERO) != (actual < ZERO):
        score = ZERO.quantize(quantum)
        return score, False, f"实际 {actual_text} ≠ 目标 {target_text}，与目标方向相反，得分 {score}"
    small, large = (actual, target) if abs(actual) < abs(target) else (target, actual)
    score = clamp(weight * small / large, weight, quantum)
    return score, False, (f"实际 {actual_text} ≠ 目标 {target_text}，得分 = {w} × "
                          f"{format_number(small)}/{format_number(large)} = {score}")


def qualitative_band(bands: QualitativeBands, grade: QualitativeGrade, weight: Decimal) -> tuple[Decimal, Decimal, bool]:
    """``(low, high, high_inclusive)`` in points for ``grade``."""
    low, high, inclusive = bands.band(grade)
    return weight * low, weight * high, inclusive


def in_band(score: Decimal, low: Decimal, high: Decimal, inclusive: bool) -> bool:
    return low <= score and (score <= high if inclusive else score < high)


def band_text(low: Decimal, high: Decimal, inclusive: bool) -> str:
    return f"[{format_number(low)}, {format_number(high)}{']' if inclusive else ')'}"


def score_qualitative(weight: Decimal, grade: QualitativeGrade, self_score: Decimal | None,
                      bands: QualitativeBands, quantum: Decimal, actual_text: str) -> tuple[Decimal, bool, str, bool]:
    """定性: the unit's own score inside the band of its completion grade is kept; without one (or
    outside the band) the pack's default share of the band is used. Returns ``(score, met,
    explanation, self_score_rejected)``."""
    low, high, inclusive = qualitative_band(bands, grade, weight)
    head = (f"定性指标，实际“{actual_text}”属{GRADE_SHORT[grade]}档（{grade.label}，"
            f"得分区间 {band_text(low, high, inclusive)}）")
    met = grade is QualitativeGrade.ACHIEVED
    default = clamp(weight * bands.default_share[grade], weight, quantum)
    share = bands.default_share[grade]
    rule = "区间上限" if share == bands.bands[grade][1] else "区间下限" if share == bands.bands[grade][0] else \
        f"分值的 {percent(share, 0)}"
    if self_score is not None:
        if in_band(self_score, low, high, inclusive) and self_score <= weight:
            score = clamp(self_score, weight, quantum)
            return score, met, f"{head}，自评 {format_number(self_score)} 分在区间内，得分 {score}", False
        return default, met, (f"{head}，自评 {format_number(self_score)} 分不在区间内，不予采用，"
                              f"按{rule}计 {default}"), True
    return default, met, f"{head}，未自评打分，按{rule}计 {default}", False


def execution_percent(rate: Decimal, weight: Decimal, quantum: Decimal) -> str:
    """The rate as a percentage with 2 decimals, or as many more as it takes for ``weight × rate``
    written in the explanation to give the score (86.445% × 10 = 8.64, where 86.45% would suggest 8.65)."""
    score = clamp(weight * rate, weight, quantum)
    for places in range(2, 7):
        shown = round_half_up(rate * HUNDRED, places)
        if clamp(weight * shown / HUNDRED, weight, quantum) == score:
            break
    return f"{shown}%"


def score_execution(weight: Decimal, budget: Decimal, executed: Decimal, quantum: Decimal,
                    label: str = "执行率") -> tuple[Decimal, Decimal | None, str]:
    """预算执行率: points × min(executed / budget, 1). Returns ``(score, rate, explanation)``."""
    if not budget:
        score = ZERO.quantize(quantum)
        return score, None, f"全年预算数为 0，无法计算{label}，得分 {score}"
    rate = executed / budget
    shown = percent(rate) if rate >= ONE else execution_percent(rate, weight, quantum)
    head = f"{label} = 执行数 {format_amount(executed)} ÷ 全年预算数 {format_amount(budget)} = {shown}"
    if rate >= ONE:
        score = clamp(weight, weight, quantum)
        over = "，超过 100% 按 100% 计" if rate > ONE else ""
        return score, rate, f"{head}{over}，得满分 {score}"
    raw = weight * rate
    score = clamp(raw, weight, quantum)
    operand_rate = f"({shown})" if rate < 0 else shown
    return score, rate, f"{head}，{outcome(f'得分 = {format_number(weight)} × {operand_rate}', raw, score)}"


def _band_label(bands: tuple[Band, ...], index: int, kind: str, subject: str) -> str:
    band = bands[index]
    if band.label:
        return band.label
    previous = bands[index - 1].upto if index else None
    if band.upto is None:
        return f"{subject} > {bound_text(previous, kind)}" if previous is not None else "任意值"
    if previous is None:
        return f"{subject} ≤ {bound_text(band.upto, kind)}"
    return f"{bound_text(previous, kind)} < {subject} ≤ {bound_text(band.upto, kind)}"


def score_banded(weight: Decimal, method: BandedMethod, measure: Measure, quantum: Decimal) -> tuple[Decimal, bool, str]:
    """分档: the first band whose upper bound the measure does not exceed gives the points."""
    if measure.value is None:
        score = ZERO.quantize(quantum)
        return score, False, f"{measure.text}，得分 {score}"
    value = abs(measure.value) if method.absolute else measure.value
    for index, band in enumerate(method.bands):  # noqa: B007 - index names the band after the loop
        if band.upto is None or value <= band.upto:
            break
    subject = f"|{measure.label}|" if method.absolute and measure.value < 0 else measure.label
    score = clamp(band.points, weight, quantum)
    label = _band_label(method.bands, index, measure.kind, subject)
    return score, score >= weight, (f"{measure.label} = {measure.text}，属“{label}”档，"
                                    f"得 {format_number(band.points)} 分（满分 {format_number(weight)}），得分 {score}")


def score_deduction(weight: Decimal, method: DeductionMethod, measure: Measure, quantum: Decimal) -> tuple[Decimal, bool, str]:
    """扣分: full points within the limit, ``deduct`` per ``step`` beyond it, never below ``floor``."""
    if measure.value is None:
        score = ZERO.quantize(quantum)
        return score, False, f"{measure.text}，得分 {score}"
    beyond = measure.value - method.limit if method.when == "above" else method.limit - measure.value
    kind = measure.kind
    limit = bound_text(method.limit, kind)
    head = f"{measure.label} = {measure.text}"
    if beyond <= 0:
        score = clamp(weight, weight, quantum)
        side = "未超过" if method.when == "above" else "不低于"
        return score, True, f"{head}，{side} {limit}，得满分 {score}"
    steps = beyond / method.step
    step_text = f"{format_number(method.step * HUNDRED)} 个百分点" if kind == "rate" else f"{format_number(method.step)} "
    started = ""
    if method.count == "ceil" and steps != steps.to_integral_value():
        steps = steps.to_integral_value(ROUND_CEILING)
        step = step_text.strip()
        started = f"（不足 {step}的按 {step}计，共扣 {format_number(steps)} 次）"
    deduction = steps * method.deduct
    raw = weight - deduction
    score = clamp(max(raw, method.floor), weight, quantum)
    side = "超过" if method.when == "above" else "低于"
    beyond_text = (f"{format_number(round_half_up(beyond * HUNDRED, 2))} 个百分点" if kind == "rate"
                   else f"（相差 {format_number(beyond)}）")
    formula = f"{format_number(weight)} − {format_number(round_half_up(deduction, 2))}"
    tail = (f"得分 = {formula} = {score}" if raw >= method.floor
            else f"{formula} 低于最低分 {format_number(method.floor)}，得分 {score}")
    return score, False, (f"{head}，{side} {limit}{' ' if kind == 'rate' else ''}{beyond_text}，每{side} {step_text}扣 "
                          f"{format_number(method.deduct)} 分{started}，{tail}")


def score_checklist(weight: Decimal, answers: list[tuple[str, Decimal, bool | None | str, str]],
                    quantum: Decimal) -> tuple[Decimal, bool, str]:
    """是否清单: ``answers`` are ``(label, points, answer, note)`` with answer True (是), False (否),
    None (不适用: left out, the leaf's points shared over the rest) or "" (not answered: 0 points).
    score = weight × Σ points answered 是 ÷ Σ points of the applicable items."""
    parts, earned, applicable = [], ZERO, ZERO
    for label, points, value, note in answers:
        remark = f"（{note}）" if note else ""
        if value is None:
            parts.append(f"{label}：不适用，不计")
            continue
        applicable += points
        if value is True:
            earned += points
            parts.append(f"{label}：是{remark}，得 {format_number(points)} 分")
        elif value is False:
            parts.append(f"{label}：否{remark}，不得分")
        else:
            parts.append(f"{label}：未填写，不得分")
    if not applicable:
        score = clamp(weight, weight, quantum)
        return score, True, "；".join(parts) + f"；各项均不适用，按满分计 {score}"
    if applicable == weight:
        score = clamp(earned, weight, quantum)
        return score, score >= weight, "；".join(parts) + f"；得分 {score}"
    score = clamp(weight * earned / applicable, weight, quantum)
    return score, score >= weight, "；".join(parts) + (
        f"；得分 = {format_number(weight)} × {format_number(earned)}/{format_number(applicable)} = {score}")
