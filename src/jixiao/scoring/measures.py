"""Figures a management leaf reads from the document: execution, adjustment and carry-over rates
of the fund lines, and the answers and numbers of the document's facts (评价要点).

Each measure returns a :class:`Measure`: the value (a fraction for rates), how it was computed in
Chinese, and why it is missing when it cannot be computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.document import EvaluationDocument
from jixiao.domain.enums import FundNature
from jixiao.domain.numbers import ZERO, format_amount, format_number, round_half_up
from jixiao.domain.values import ValueParseError, parse_value
from jixiao.rules.model import FACT_MEASURE_PREFIX, MEASURES

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Measure:
    value: Decimal | None
    text: str  # how it was computed, e.g. "（1,291.73 − 1,266.80）÷ 1,266.80 = 1.97%"
    kind: str = "rate"  # "rate" (a fraction, written as a percentage) or "number"
    label: str = ""


def percent(rate: Decimal, places: int = 2) -> str:
    """A fraction as a percentage with ``places`` decimals: 0.019680 → ``1.97%``."""
    return f"{round_half_up(rate * HUNDRED, places)}%"


def percent_under(rate: Decimal, limit: Decimal) -> str:
    """``rate`` (below ``limit``) as a percentage with 2 decimals, or more when 2 would round it up
    to the limit: 0.899996 under 0.90 is ``89.9996%``, never ``90.00% 低于 90%``."""
    for places in range(2, 9):
        if round_half_up(rate * HUNDRED, places) < limit * HUNDRED:
            break
    return percent(rate, places)


def show(value: Decimal, kind: str) -> str:
    return percent(value) if kind == "rate" else format_number(value)


def funds(doc: EvaluationDocument, scope: str) -> tuple[Decimal, Decimal]:
    """(全年预算数, 执行数) of the fund lines in ``scope`` (total/basic/project), in 万元.

    A project document without fund lines falls back on its projects' budgets."""
    if doc.fund_lines:
        nature = {"basic": FundNature.BASIC, "project": FundNature.PROJECT}.get(scope)
        lines = [line for line in doc.fund_lines if nature is None or line.nature is nature]
        return (sum((line.full_year_budget for line in lines), ZERO),
                sum((line.executed for line in lines), ZERO))
    if scope == "basic":
        return ZERO, ZERO
    projects = doc.projects
    return sum((p.budget for p in projects), ZERO), sum((p.executed for p in projects), ZERO)


SCOPE_LABELS = {"total": "", "basic": "基本支出", "project": "项目支出"}


def _execution(scope: str):
    def measure(doc: EvaluationDocument) -> Measure:
        budget, executed = funds(doc, scope)
        label = f"{SCOPE_LABELS[scope]}预算执行率"
        if not budget:
            return Measure(None, f"{SCOPE_LABELS[scope]}全年预算数为 0，无法计算执行率", label=label)
        rate = executed / budget
        return Measure(rate, f"{format_amount(executed)} ÷ {format_amount(budget)} = {percent(rate)}", label=label)
    return measure


def budget_adjustment_rate(doc: EvaluationDocument) -> Measure:
    """预算调整率 = (全年预算数 − 年初预算数) ÷ 年初预算数."""
    initial, full = doc.initial_budget_total, doc.budget_total
    if not initial:
        return Measure(None, "年初预算数未填写，无法计算预算调整率", label="预算调整率")
    rate = (full - initial) / initial
    return Measure(rate, f"（全年预算数 {format_amount(full)} − 年初预算数 {format_amount(initial)}）÷ "
                         f"{format_amount(initial)} = {percent(rate)}", label="预算调整率")


def carryover_rate(doc: EvaluationDocument) -> Measure:
    """结转结余率 = 年末结转和结余 ÷ 全年预算数."""
    budget, carryover = doc.budget_total, doc.carryover_total
    if not budget:
        return Measure(None, "全年预算数为 0，无法计算结转结余率", label="结转结余率")
    rate = carryover / budget
    return Measure(rate, f"结转和结余 {format_amount(carryover)} ÷ 全年预算数 {format_amount(budget)} = {percent(rate)}",
                   label="结转结余率")


MEASURE_FUNCTIONS = {
    "execution_rate": _execution("total"),
    "basic_execution_rate": _execution("basic"),
    "project_execution_rate": _execution("project"),
    "budget_adjustment_rate": budget_adjustment_rate,
    "carryover_rate": carryover_rate,
}


def fact_number(doc: EvaluationDocument, key: str, label: str = "") -> Measure:
    """A number from the fact ``key``: ``98%`` is the rate 0.98, ``3‰`` is 0.003, ``12`` is 12.
    ``label`` is the leaf's name (在职人员控制率) shown instead of the key."""
    fact = doc.fact(key)
    name = f"（{key}）" if label else f"“{key}”"  # the leaf's row or flag already names it
    label = label or key
    if fact is None or not fact.value.strip():
        return Measure(None, f"评价要点{name}未填写", kind="number", label=label)
    try:
        parsed = parse_value(fact.value)
    except ValueParseError as exc:
        return Measure(None, f"评价要点{name}的值{exc}", kind="number", label=label)
    if parsed.number is None:
        return Measure(None, f"评价要点{name}的值“{fact.value}”不是数值", kind="number", label=label)
    written = fact.value.strip()
    if parsed.unit == "%":
        return Measure(parsed.number / HUNDRED, written, kind="rate", label=label)
    if parsed.unit == "‰":
        return Measure(parsed.number / 1000, written, kind="rate", label=label)
    return Measure(parsed.number, written, kind="number", label=label)


def measure(doc: EvaluationDocument, name: str, label: str = "") -> Measure:
    """Compute the measure ``name`` (one of :data:`jixiao.rules.model.MEASURES` or ``fact:KEY``);
    ``label`` names a fact measure (the leaf's name) in place of its key."""
    if name.startswith(FACT_MEASURE_PREFIX):
        return fact_number(doc, name[len(FACT_MEASURE_PREFIX):], label)
    result = MEASURE_FUNCTIONS[name](doc)
    return result if result.label else Measure(result.value, result.text, result.kind, MEASURES[name][0])


YES = ("是", "有", "已", "yes", "true", "y", "1", "√", "✓", "符合", "达标", "完成")
NO = ("否", "无", "未", "没有", "no", "false", "n", "0", "×", "不符合", "不达标")
NOT_APPLICABLE = ("不适用", "n/a", "na", "/", "—")


def answer(value: str) -> bool | None | str:
    """Read a checklist answer: ``True`` (是), ``False`` (否), ``None`` (不适用), or ``""`` when
    the text says neither."""
    text = (value or "").strip().lower()
    if not text:
        return ""
    if text in NOT_APPLICABLE:
        return None
    if text.startswith(NO) or text in NO:
        return False
    if text.startswith(YES):
        return True
    return ""
