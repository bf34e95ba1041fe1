"""Completeness checks (完整性审核): what must be filled in before a self-evaluation can go to the
finance bureau — targets, actuals, units, weights, and the written reasons the rules require."""

from __future__ import annotations

import re

from jixiao.published.prose import find_template_text
from jixiao.domain.numbers import round_half_up
from jixiao.scoring.judgements import EXECUTION_REASON_BELOW, OVERACHIEVEMENT, execution_low, overachieved
from jixiao.scoring.measures import percent, percent_under

from jixiao.checks.document.context import CheckContext, named, number, where
from jixiao.domain.findings import Severity, describe, object_location
from jixiao.checks.vocabulary import vocabulary

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


def check_indicator_fields(ctx: CheckContext) -> None:
    """指标值、实际完成值、度量单位、分值 filled in."""
    document_weights = ctx.pack.indicator_weights == "document"
    for task in ctx.doc.tasks:
        for indicator in task.indicators:
            if not indicator.applicable:
                continue
            if indicator.target.is_empty:
                ctx.add("indicator.target_missing", E, f"{named(task, indicator)}未填写年度指标值",
                        where(task, indicator, "target"))
            if ctx.evaluating and indicator.actual.is_empty:
                ctx.add("indicator.actual_missing", E, f"{named(task, indicator)}未填写实际完成值",
                        where(task, indicator, "actual"))
            if indicator.target.number is not None and not (indicator.unit or indicator.target.unit):
                ctx.add("indicator.unit_missing", W,
                        f"{named(task, indicator)}的指标值“{indicator.target.text}”没有度量单位",
                        where(task, indicator, "unit"), target=indicator.target.text)
            if indicator.weight is None:
                ctx.add("indicator.weight_missing", E if document_weights else I,
                        f"{named(task, indicator)}未填写分值"
                        + ("" if document_weights else "（将与同类指标平均分配分值）"),
                        where(task, indicator, "weight"))


def check_reasons(ctx: CheckContext) -> None:
    """偏差原因: below full points, or a target exceeded by the pack's ratio, needs a written reason."""
    if not ctx.evaluating:
        return
    over = ctx.threshold(OVERACHIEVEMENT)
    for task in ctx.doc.tasks:
        for indicator in task.indicators:
            if not indicator.applicable or indicator.deviation_reason.strip():
                continue
            item = ctx.item(indicator)
            if item is not None and item.score < item.weight:
                ctx.add("indicator.reason_missing", W,
                        f"{named(task, indicator)}得分 {item.score} 低于分值 {number(item.weight)}（指标值 "
                        f"{indicator.target.text}，实际 {indicator.actual.text}），未填写偏差原因分析",
                        where(task, indicator, "deviation_reason"), score=item.score, weight=item.weight)
                continue
            ratio = overachieved(indicator, ctx.pack)
            if ratio is not None:
                ctx.add("indicator.overachieved_reason_missing", W,
                        f"{named(task, indicator)}实际 {indicator.actual.text} 为指标值 {indicator.target.text} 的 "
                        f"{round_half_up(ratio * 100, 0)}%（达到 {round_half_up(over * 100, 0)}% 以上），"
                        "未说明原因，指标值可能设定偏低", where(task, indicator, "deviation_reason"),
                        ratio=ratio, threshold=over)


def execution_reason(ctx: CheckContext) -> str:
    """A written reason for low budget execution: a sentence about execution that gives a cause, in the
    report sections, the facts or a funds monitoring note."""
    words = vocabulary()
    texts = [s.text for s in ctx.doc.sections] + [f"{f.value} {f.note}" for f in ctx.doc.facts]
    texts += [m.reason for m in ctx.doc.monitoring if not m.indicator_code]
    for text in texts:
        for sentence in re.split(r"[。；;\n]", text or ""):
            if words.has_any(sentence, words.execution_words) and words.has_any(sentence, words.reason_words):
                return sentence.strip()
    return ""


def check_execution_reason(ctx: CheckContext) -> None:
    """预算执行率 below the pack's threshold needs a written reason."""
    threshold = ctx.threshold(EXECUTION_REASON_BELOW)
    rate = ctx.doc.execution_rate
    if not ctx.evaluating or not execution_low(rate, ctx.pack) or execution_reason(ctx):
        return
    ctx.add("funds.execution_reason_missing", W,
            f"预算执行率 {percent_under(rate, threshold)} 低于 {percent(threshold, 0)}，报告中未说明原因",
            object_location("funds", field_name="execution_rate"), rate=rate, threshold=threshold)


def _texts(ctx: CheckContext):
    """Every free-text field of the document, with a function and its arguments giving the place it
    lives (called only for a text a check names: most texts are clean)."""
    doc = ctx.doc
    for section in doc.sections:
        yield section.title, object_location, ("section", section.key, "title"), {"name": section.title}
        yield section.text, object_location, ("section", section.key, "text"), {"name": section.title}
    for task in doc.tasks:
        yield task.description, object_location, ("task", task.code, "description"), {}
        yield task.summary, object_location, ("task", task.code, "summary"), {}
        for project in task.projects:
            yield project.goal, object_location, ("project", project.code or project.name, "goal"), {"task": task.code}
            yield project.goal_result, object_location, ("project", project.code or project.name, "goal_result"), {
                "task": task.code}
        for indicator in task.indicators:
            for field_name in ("deviation_reason", "improvement", "target_basis"):
                yield getattr(indicator, field_name), where, (task, indicator, field_name), {}
    for index, adjustment in enumerate(doc.adjustments, start=1):
        yield adjustment.reason, object_location, ("adjustment", str(index), "reason"), {}
    for fact in doc.facts:
        yield fact.note, object_location, ("fact", fact.key, "note"), {}


def check_template_text(ctx: CheckContext) -> None:
    """Template wording left in a text field: （200字以内）, （请填写…）, XX万元."""
    for text, locate, args, kwargs in _texts(ctx):
        found_all = find_template_text(text or "")
        if not found_all:
            continue
        location = locate(*args, **kwargs)
        for found in found_all:
            ctx.add("text.template_unfilled", E, f"{describe(location)}留有模板说明或占位符“{found}”，请按实际情况填写",
                    location, template=found)


def check_sections(ctx: CheckContext) -> None:
    for section in ctx.doc.sections:
        if section.title and not section.text.strip():
            ctx.add("section.empty", W, f"报告章节“{section.title}”没有正文", object_location("section", section.key, "text"))


CHECKS = (check_indicator_fields, check_reasons, check_execution_reason, check_template_text, check_sections)
