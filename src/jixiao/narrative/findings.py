"""Problems (存在的主要问题) and the measure paired with each (下一步改进措施), drafted from data.

A problem is what the data shows, never what is missing from it (an unanswered 评价要点, an actual
value or a deviation reason nobody entered are for the user to fill in: see
:func:`unanswered_items`). Problems are: budget execution below the rules' full marks (or below the
pack's ``execution_reason_below``), a budget adjusted during the year, management items that lost
points, indicator sets with many output and few benefit indicators (``output_benefit_ratio_max``),
indicators that missed their targets (with their stated reasons and any monitoring warning), and
targets far exceeded (``overachievement_ratio``: set too low). Each problem carries the measure
that answers it, so problem (n) and measure (n) always match. Thresholds come from the rule pack,
through the judgements of :mod:`jixiao.scoring.judgements`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.document import EvaluationDocument, Indicator, Task
from jixiao.domain.enums import Direction, Level1, WarningLevel
from jixiao.domain.numbers import format_amount, format_number, format_percent, ratio
from jixiao.assessment import Assessment
from jixiao.rules.model import BandedMethod, DeductionMethod, ExecutionMethod, RulePack
from jixiao.scoring import ScoreResult
from jixiao.scoring.judgements import (
    EXECUTION_REASON_BELOW,
    OUTPUT_BENEFIT_RATIO_MAX,
    OVERACHIEVEMENT,
    Balance,
    execution_low,
    level_balance,
    overachieved,
    threshold,
)
from jixiao.scoring.measures import funds as scored_funds

from jixiao.narrative.numbering import chinese_numeral
from jixiao.narrative.sentences import LEVEL1_SHORT, unmet_description

EXECUTION_MEASURES = {"execution_rate", "basic_execution_rate", "project_execution_rate", "carryover_rate"}
ADJUSTMENT_MEASURES = {"budget_adjustment_rate"}
# Scoring notes saying a management item had no answer (a 评价要点 unanswered or unreadable, a measure
# that cannot be computed from what was entered): the item is to be filled in, not a problem.
UNANSWERED_NOTES = {"fact_missing", "measure_missing"}


@dataclass(frozen=True)
class Problem:
    """One problem (问题) and its measure (措施). ``problem``/``measure`` are headlines ending in 。;
    ``subjects`` are the indicator codes, task codes or pack leaves concerned."""

    code: str
    problem: str
    problem_detail: str
    measure: str
    measure_detail: str
    subjects: tuple[str, ...] = ()


def unanswered_items(assessment: Assessment) -> frozenset[str]:
    """Keys of the management items the scoring could not judge for want of an answer."""
    return frozenset(note.subject for note in assessment.notes
                     if note.code in UNANSWERED_NOTES and note.location.get("object") == "item")


def find_problems(assessment: Assessment) -> list[Problem]:
    """All problems of an assessed document, in the order a report lists them."""
    doc, score, pack = assessment.document, assessment.result, assessment.pack
    unanswered = unanswered_items(assessment)
    problems = [
        _execution(doc, score, pack, unanswered),
        _adjustment(doc, score, pack, unanswered),
        _management(score, pack, unanswered),
        _indicator_sets(doc, pack),
        _unmet(doc, assessment.met),
        _targets_too_low(doc, pack),
    ]
    return [p for p in problems if p is not None]


def _leaf(pack: RulePack | None, key: str):
    if pack is None:
        return None
    return next((node for node in pack.nodes() if node.key == key), None)


def _measure_of(pack: RulePack | None, leaf_key: str) -> str:
    node = _leaf(pack, leaf_key)
    method = getattr(node, "method", None)
    if isinstance(method, ExecutionMethod):
        return method.measure
    if isinstance(method, (BandedMethod, DeductionMethod)):
        return method.measure
    return ""


def _management_items(score: ScoreResult | None, pack: RulePack | None, measures: set[str] | None,
                      unanswered: frozenset[str]):
    """Management leaves (not task indicators) below full points, but for those nobody answered;
    ``measures`` selects by the document measure they read (``None``: those reading none of the
    known fund measures)."""
    if score is None:
        return []
    found = []
    for item in score.items:
        if item.indicator_code or item.score >= item.weight or item.leaf_key in unanswered:
            continue
        measure = _measure_of(pack, item.leaf_key) or item.leaf_key
        known = measure in EXECUTION_MEASURES or measure in ADJUSTMENT_MEASURES
        if (measures is None and not known) or (measures is not None and measure in measures):
            found.append(item)
    return found


def _points(score: Decimal, weight: Decimal) -> str:
    return f"得分 {score} 分（分值 {format_number(weight)} 分）"


def _enumerate(parts: list[str]) -> str:
    """One part as it is; several as ``一是……二是……`` (each part a finished sentence)."""
    if len(parts) == 1:
        return parts[0]
    return "".join(f"{chinese_numeral(n)}是{part}" for n, part in enumerate(parts, start=1))


def _execution(doc: EvaluationDocument, score: ScoreResult | None, pack: RulePack | None,
               unanswered: frozenset[str]) -> Problem | None:
    budget, executed = scored_funds(doc, "total")  # a project form has no fund lines: its projects' figures
    rate = ratio(executed, budget)
    floor = threshold(pack, EXECUTION_REASON_BELOW)
    low = execution_low(rate, pack)
    details = []
    execution = score.execution if score is not None else None
    lost_total = execution is not None and execution.score < execution.weight
    items = _management_items(score, pack, EXECUTION_MEASURES, unanswered)
    if not (low or lost_total or items or doc.carryover_total > 0):
        return None
    if rate is not None:
        text = (f"全年预算数 {format_amount(budget)} 万元，执行数 {format_amount(executed)} 万元，"
                f"预算执行率 {format_percent(rate, 2)}")
        if low:
            text += f"，低于 {format_percent(floor, 0)}"
        if lost_total:
            text += f"，{_points(execution.score, execution.weight)}"
        details.append(text)
    for item in items:
        details.append(f"{item.name} {item.actual}，{_points(item.score, item.weight)}")
    if doc.carryover_total > 0:
        details.append(f"年末结转和结余 {format_amount(doc.carryover_total)} 万元")
    reasons = [line.reason for line in doc.monitoring if not line.indicator_code and line.reason]
    detail = "；".join(details) + "。"
    if reasons:
        detail += "主要原因是" + "；".join(reasons).rstrip("。") + "。"
    problem = "预算执行率偏低，部分资金未能按计划支出。" if low else "部分预算资金未能全额执行，预算执行进度有待加快。"
    measure = "加强预算执行管理，加快支出进度。"
    measure_detail = ("统筹考虑相关因素，合理安排工作任务和资金使用计划，按月跟踪预算执行进度，对照序时进度"
                      "及时分析执行偏慢的项目并督促支出，减少年末结转和结余。")
    subjects = tuple(item.leaf_key for item in items) + (("execution_rate",) if lost_total or low else ())
    return Problem("execution", problem, detail, measure, measure_detail, subjects)


def _adjustment(doc: EvaluationDocument, score: ScoreResult | None, pack: RulePack | None,
                unanswered: frozenset[str]) -> Problem | None:
    items = _management_items(score, pack, ADJUSTMENT_MEASURES, unanswered)
    if not items:
        return None
    details = [f"{item.name} {item.actual}，{_points(item.score, item.weight)}" for item in items]
    detail = (f"全年预算数 {format_amount(doc.budget_total)} 万元，较年初预算数 "
              f"{format_amount(doc.initial_budget_total)} 万元有所调整；" + "；".join(details) + "。")
    reasons = [a.reason for a in doc.adjustments if a.reason]
    if reasons:
        detail += "调整原因：" + "；".join(r.rstrip("。") for r in reasons) + "。"
    return Problem(
        "adjustment",
        "年初预算编制的准确性有待提高。",
        detail,
        "提高预算编制的科学性和准确性。",
        "在编制年初预算时充分预计年度工作任务和资金需求，将可预见的支出足额纳入年初预算，减少年中追加和调整。",
        tuple(item.leaf_key for item in items),
    )


def _management(score: ScoreResult | None, pack: RulePack | None, unanswered: frozenset[str]) -> Problem | None:
    items = _management_items(score, pack, None, unanswered)
    if not items:
        return None
    detail = "；".join(f"“{item.name}”" + (f"为“{item.actual}”，" if item.actual else "")
                      + _points(item.score, item.weight) for item in items) + "。"
    names = "、".join(item.name for item in items)
    return Problem(
        "management",
        "部分管理环节仍有薄弱之处。",
        detail,
        "健全内部管理，补齐管理短板。",
        f"对照评分标准逐项整改{names}等方面的不足，完善相关制度并抓好落实，确保管理工作规范到位。",
        tuple(item.leaf_key for item in items),
    )


def _task_label(task: Task) -> str:
    return f"任务 {task.code}“{task.name}”"


def _indicator_sets(doc: EvaluationDocument, pack: RulePack | None) -> Problem | None:
    ratio_max = threshold(pack, OUTPUT_BENEFIT_RATIO_MAX)
    notes = []
    subjects = []
    too_many = False  # "产出指标过多" is said only of a task that has too many
    for task in doc.tasks:
        counts = task.count_by_level1()
        output = counts[Level1.OUTPUT]
        split = "、".join(f"{LEVEL1_SHORT[level]} {count} 个" for level, count in counts.items() if count)
        balance = level_balance(task.indicators, pack)
        if balance is Balance.NO_INDICATORS:
            notes.append(f"{_task_label(task)}未设置绩效指标")
        elif balance is Balance.NO_BENEFIT:
            notes.append(f"{_task_label(task)}设置{split}，未设置效益指标")
            too_many = too_many or (ratio_max is not None and output > ratio_max)
        elif balance is Balance.TOO_MANY_OUTPUTS:
            notes.append(f"{_task_label(task)}设置{split}，产出指标过多而效益指标较少")
            too_many = True
        else:
            continue
        subjects.append(task.code)
    if not notes:
        return None
    if too_many:
        tail = "产出指标过多，增加了年末绩效考核的工作量，而效益指标较为单薄，未能充分体现任务实施效果。"
    else:
        tail = "绩效指标未能全面反映任务的产出和实施效果。"
    detail = "；".join(notes) + "。" + tail
    return Problem(
        "indicator_set",
        "部分任务绩效指标设置不够全面。",
        detail,
        "提高绩效指标编制水平。",
        ("加强对绩效目标概念、内容、编制依据等方面的学习，在年初编制绩效指标时围绕任务实施效果设置效益指标，"
         "精简同质化的产出指标，提高绩效指标设置的合理性和全面性。"),
        tuple(subjects),
    )


def _monitoring_warning(doc: EvaluationDocument, indicator: Indicator) -> str:
    warned = [s for s in doc.monitoring if s.indicator_code == indicator.code
              and s.warning in (WarningLevel.RED, WarningLevel.YELLOW)]
    if not warned:
        return ""
    snap = max(warned, key=lambda s: s.as_of)
    projected = f"，预计全年完成 {snap.projected.text}" if snap.projected and snap.projected.text else ""
    return (f"该指标在 {snap.as_of.year} 年 {snap.as_of.month} 月 {snap.as_of.day} 日运行监控中已亮{snap.warning.label}"
            f"{projected}，但未能及时纠偏。")


def _unmet(doc: EvaluationDocument, met) -> Problem | None:
    parts = []
    improvements = []
    subjects = []
    for task in doc.tasks:
        for indicator in task.indicators:
            if not indicator.applicable or met.get(indicator.code) is not False:
                continue
            subjects.append(indicator.code)
            text = f"{_task_label(task)}的{unmet_description(indicator)}，未达到目标值。"
            reason = indicator.deviation_reason.strip()
            if reason:  # one nobody wrote is asked for, not reported as a problem of its own
                text += reason if reason[-1] in "。！？" else reason + "。"
            text += _monitoring_warning(doc, indicator)
            parts.append(text)
            if indicator.improvement.strip():
                improvement = indicator.improvement.strip()
                improvement = improvement if improvement[-1] in "。！？" else improvement + "。"
                improvements.append((indicator.name, improvement))
    if not parts:
        return None
    detail = _enumerate(parts)
    # Several measures name their indicator: problem 一是 and measure 一是 need not be the same one
    # (an unmet indicator may come without a measure).
    named = [text if len(parts) == 1 or name in text else f"针对“{name}”，{text}"
             for name, text in improvements]
    measure_detail = (_enumerate(named) if named else "") + (
        "在预算执行过程中定期采集绩效运行信息并汇总分析，掌握绩效目标进展，对运行监控中预警的指标及时采取措施，"
        "确需调整的按规定程序调整绩效目标，促进绩效目标顺利实现。")
    return Problem("unmet", "部分绩效指标未完成目标值。", detail, "提高各项指标完成率。", measure_detail, tuple(subjects))


def _targets_too_low(doc: EvaluationDocument, pack: RulePack | None) -> Problem | None:
    limit = threshold(pack, OVERACHIEVEMENT)
    if limit is None:
        return None
    parts = []
    subjects = []
    for task in doc.tasks:
        for indicator in task.indicators:
            ratio = overachieved(indicator, pack)
            if ratio is None:
                continue
            subjects.append(indicator.code)
            word = "为目标值的" if indicator.direction is Direction.GE else "目标值为实际值的"
            parts.append(f"“{indicator.name}”年度指标值 {indicator.target.text}，实际完成 {indicator.actual.text}，"
                         f"{word} {format_percent(ratio)}")
    if not parts:
        return None
    detail = ("；".join(parts) + f"，超过 {format_percent(limit, 0)}，年初指标值设置偏低，"
              "实际完成值与预期值相差过大，降低了预期值设置的质量和意义。")
    return Problem(
        "target_too_low",
        "部分绩效指标年度指标值设置偏低。",
        detail,
        "提高绩效指标预期值设置水平。",
        (f"在年初设置绩效指标预期值时，要根据{doc.self_name}以往完成情况及本年度实际工作计划，"
         "将绩效指标预期值控制在合理的范围之内，既避免设置过高的预期值，导致年终难以全部实现，"
         "也避免设置过低的预期值，使得年终实际完成值与预期值相差过大。"),
        tuple(subjects),
    )
