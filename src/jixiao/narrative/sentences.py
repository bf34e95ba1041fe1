"""Data-driven sentences in the reference report's own style.

Every figure comes from the document or the score; every sentence is a pure function. Numbers are
set off by spaces from the Chinese around them (``全年预算数 1,291.73 万元``), as the reference
report writes them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jixiao.domain.document import EvaluationDocument, Indicator, Task
from jixiao.domain.enums import EvaluationKind, Level1
from jixiao.domain.numbers import ZERO, format_amount, format_percent, ratio

from jixiao.narrative.numbering import chinese_numeral

LEVEL1_SHORT = {Level1.OUTPUT: "产出指标", Level1.BENEFIT: "效益指标", Level1.SATISFACTION: "满意度指标"}


def date_text(day: date) -> str:
    """``2023 年 5 月 8 日``, spaced as the report writes its figures."""
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def funds_paragraph(doc: EvaluationDocument) -> str:
    """部门整体收支情况: budget, executed and rate; executed by source and by nature; carry-over.

    ``全年预算数 1,291.73 万元，执行数 1,288.38 万元，完成预算的 99.7%。按资金来源分，一般公共预算财政拨款支出
    1,288.38 万元，……。按支出性质看，基本支出 815.05 万元，项目支出 473.33 万元。年末结转和结余 0 万元。``
    """
    if doc.kind is EvaluationKind.PROJECT and not doc.fund_lines:
        return project_funds_sentence(doc)
    parts = [f"全年预算数 {format_amount(doc.budget_total)} 万元，执行数 {format_amount(doc.executed_total)} 万元"]
    rate = doc.execution_rate
    parts[0] += f"，完成预算的 {format_percent(rate)}。" if rate is not None else "。"
    by_source = "，".join(f"{source.label}支出 {format_amount(amount)} 万元"
                          for source, amount in doc.executed_by_source().items())
    parts.append(f"按资金来源分，{by_source}。")
    by_nature = "，".join(f"{nature.label} {format_amount(amount)} 万元"
                          for nature, amount in doc.executed_by_nature().items())
    parts.append(f"按支出性质看，{by_nature}。")
    parts.append(f"年末结转和结余 {format_amount(doc.carryover_total)} 万元。")
    return "".join(parts)


def project_funds_sentence(doc: EvaluationDocument) -> str:
    """A project evaluation without fund lines (a 项目支出绩效自评表 has none): the projects' own
    figures, as the score reads them. ``年初预算数 45.00 万元，全年预算数 50.00 万元，执行数 48.50 万元，
    预算执行率 97.0%。``"""
    initial = sum((p.initial_budget for p in doc.projects), ZERO)
    budget = sum((p.budget for p in doc.projects), ZERO)
    executed = sum((p.executed for p in doc.projects), ZERO)
    text = f"年初预算数 {format_amount(initial)} 万元，" if initial else ""
    text += f"全年预算数 {format_amount(budget)} 万元，执行数 {format_amount(executed)} 万元"
    rate = ratio(executed, budget)
    return text + (f"，预算执行率 {format_percent(rate)}。" if rate is not None else "。")


def task_funds(task: Task) -> Decimal:
    """涉及资金: the task's stated amount, else the sum of its projects' budgets."""
    if task.funds:
        return task.funds
    return sum((project.budget for project in task.projects), ZERO)


def task_setup_sentence(task: Task, year: int) -> str:
    """``本任务的主要实施项目为……，主要实施机构为……，涉及资金 42.52 万元。本任务 2022 年初设置绩效评价指标
    6 个，其中产出指标 3 个、效益指标 2 个、满意度指标 1 个。``"""
    clauses = []
    projects = "、".join(project.name for project in task.projects if project.name)
    if projects:
        clauses.append(f"本任务的主要实施项目为{projects}")
    if task.responsible_unit:
        clauses.append(f"主要实施机构为{task.responsible_unit}")
    funds = task_funds(task)
    if funds or task.projects:  # a task with no money of its own: "涉及资金 0 万元" would mislead
        clauses.append(f"涉及资金 {format_amount(funds)} 万元")
    text = "，".join(clauses)
    if text and not text.startswith("本任务"):
        text = "本任务" + text
    text += "。" if text else ""
    total = len(task.indicators)
    if not total:
        return text + f"本任务 {year} 年初未设置绩效评价指标。"
    counts = task.count_by_level1()
    split = "、".join(f"{LEVEL1_SHORT[level]} {count} 个" for level, count in counts.items() if count)
    return text + f"本任务 {year} 年初设置绩效评价指标 {total} 个，其中{split}。"


def completion_sentence(indicators: tuple[Indicator, ...], met: dict[str, bool | None]) -> str:
    """How many indicators reached their targets, with the stated reasons for those that did not.

    ``根据测评，所设定的 5 项绩效指标均已达到目标值。`` or ``经测评，该 6 个指标中 5 个指标已达到目标值，
    1 个指标未到达目标值：（偏差原因）``. ``met`` maps indicator codes to :func:`jixiao.scoring.target_met`
    (``None``: no actual value yet, so neither reached nor missed).
    """
    applicable = [i for i in indicators if i.applicable]
    not_applicable = len(indicators) - len(applicable)
    reached = [i for i in applicable if met.get(i.code) is True]
    missed = [i for i in applicable if met.get(i.code) is False]
    unknown = [i for i in applicable if met.get(i.code) is None]
    # An indicator nobody gave an actual value is something to fill in (the report's ``missing``),
    # not something to say: the sentence states only what the values show.
    tail = f"另有 {not_applicable} 个指标不适用，未纳入测评。" if not_applicable else ""
    if not applicable:
        return tail
    if not missed and not unknown:
        every = "均" if len(applicable) > 1 else ""
        return f"根据测评，所设定的 {len(applicable)} 项绩效指标{every}已达到目标值。" + tail
    if not missed:
        return f"经测评，该 {len(applicable)} 个指标中 {len(reached)} 个指标已达到目标值。" + tail
    head = (f"经测评，该 {len(applicable)} 个指标中 {len(reached)} 个指标已达到目标值，"
            f"{len(missed)} 个指标未到达目标值：")
    return head + _reasons(missed) + tail


def unmet_description(indicator: Indicator) -> str:
    """``“乡村振兴产业对接成功案例”年度指标值 ≥1个，实际完成 0个``."""
    actual = indicator.actual.text or "未填写"
    return f"“{indicator.name}”年度指标值 {indicator.target.text}，实际完成 {actual}"


def _reason(indicator: Indicator) -> str:
    """The stated reason, led by the indicator's target and actual unless the reason names the
    indicator itself (the reference's ``……导致“乡村振兴产业对接成功案例”未达预期目标``): a bare
    reason among several would not say which indicator it explains."""
    reason = indicator.deviation_reason.strip()
    if not reason:  # a reason nobody wrote is asked for (the report's ``missing``), not reported
        return f"{unmet_description(indicator)}。"
    reason = reason if reason[-1] in "。！？" else reason + "。"
    if indicator.name and indicator.name in reason:
        return reason
    return f"{unmet_description(indicator)}，{reason}"


def _reasons(missed: list[Indicator]) -> str:
    if len(missed) == 1:
        return _reason(missed[0])
    return "".join(f"{chinese_numeral(n)}是{_reason(i)}" for n, i in enumerate(missed, start=1))


def conclusion_sentence(doc: EvaluationDocument, total: Decimal, grade: str) -> str:
    """``经逐项对照自评，本会整体支出绩效自评 95.91 分，本次绩效评价各项工作自评结果：优。``"""
    if doc.kind is EvaluationKind.PROJECT:
        subject = f"{doc.projects[0].name}" if doc.projects else "本项目"
        return f"经逐项对照自评，{subject}绩效自评 {total} 分，本次绩效评价自评结果：{grade}。"
    return f"经逐项对照自评，{doc.self_name}整体支出绩效自评 {total} 分，本次绩效评价各项工作自评结果：{grade}。"


def indicator_summary(task: Task) -> str:
    """任务绩效目标完成情况 when nobody wrote one: each indicator's actual against its target (those
    with an actual value)."""
    parts = []
    for indicator in task.indicators:
        if not indicator.applicable or not indicator.actual.text.strip():
            continue
        parts.append(f"“{indicator.name}”实际完成 {indicator.actual.text}（年度指标值 {indicator.target.text}）")
    return "；".join(parts) + "。" if parts else ""
