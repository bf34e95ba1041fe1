"""Self-score checks (自评分审核): hand-entered scores the rules do not support.

The assessment (:func:`jixiao.assessment.assess`) holds each item's rule score beside the score a
department entered; a hand score above the rule score is 虚高 (e.g. full points for an
unmet target), one below it is pointed out. The stated total and grade are checked the same way.
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.domain.numbers import format_number, round_half_up

from jixiao.checks.document.context import CheckContext, named, where
from jixiao.domain.findings import Severity, object_location
from jixiao.checks.packs import grade_label

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

def check_indicator_scores(ctx: CheckContext) -> None:
    if ctx.result is None or not ctx.evaluating:
        return
    places = ctx.pack.places
    for task in ctx.doc.tasks:
        for indicator in task.indicators:
            if indicator.self_score is None or not indicator.applicable:
                continue
            item = ctx.item(indicator)
            own = indicator.weight if indicator.weight is not None else (item.weight if item else None)
            name = named(task, indicator)
            if own is not None and indicator.self_score > own:
                ctx.add("indicator.self_score_over_weight", E,
                        f"{name}自评得分 {format_number(indicator.self_score)} 超过分值 {format_number(own)}",
                        where(task, indicator, "self_score"), self_score=indicator.self_score, weight=own)
                continue
            if item is None or own is None or own <= 0 or item.method == "unverifiable":
                continue  # nothing to check a hand score against when target and actual are both empty
            # The hand score is on the indicator's own 分值; the rule score on the points that count.
            rule_on_own = round_half_up(item.rule_score * own / item.weight, places) if item.weight else item.rule_score
            self_score = indicator.self_score
            if self_score > rule_on_own:
                unmet = "目标未达成却给满分，" if not item.met and self_score >= own else ""
                ctx.add("indicator.self_score_inflated", W,
                        f"{name}自评得分 {format_number(self_score)}，按规则应得 {format_number(rule_on_own)}"
                        f"（指标值 {indicator.target.text}，实际 {indicator.actual.text}），{unmet}自评分虚高",
                        where(task, indicator, "self_score"), self_score=self_score, rule_score=rule_on_own,
                        weight=own, met=item.met)
            elif self_score < rule_on_own:
                met = "已达到目标值，" if item.met else ""
                ctx.add("indicator.self_score_understated", I,
                        f"{name}{met}自评得分 {format_number(self_score)} 低于按规则计算的 {format_number(rule_on_own)}",
                        where(task, indicator, "self_score"), self_score=self_score, rule_score=rule_on_own,
                        weight=own)


def check_total(ctx: CheckContext) -> None:
    doc, pack = ctx.doc, ctx.pack
    if doc.self_total is not None:
        band = pack.grade_for(doc.self_total)
        if doc.self_total > pack.total or doc.self_total < 0:
            ctx.add("score.self_total_out_of_range", E, f"自评总分 {format_number(doc.self_total)} 不在 0–"
                    f"{format_number(pack.total)} 分之间", object_location("document", field_name="self_total"))
        elif doc.self_grade:
            label = grade_label(pack, doc.self_grade)
            if label is not None and label != band.label:
                ctx.add("score.self_grade_band", E,
                        f"自评总分 {format_number(doc.self_total)} 分应为“{band.label}”，填报的等次为“{doc.self_grade}”",
                        object_location("document", field_name="self_grade"), self_total=doc.self_total,
                        self_grade=doc.self_grade, expected=band.label)
    if ctx.result is None or not ctx.evaluating:
        return
    total = ctx.result.total
    if doc.self_total is not None and doc.self_total != total:
        if doc.self_total > total:
            ctx.add("score.self_total_inflated", W,
                    f"自评总分 {format_number(doc.self_total)} 高于按规则计算的 {total}（相差 "
                    f"{format_number(doc.self_total - total)} 分），自评分虚高",
                    object_location("document", field_name="self_total"), self_total=doc.self_total, rule_total=total)
        else:
            ctx.add("score.self_total_understated", I,
                    f"自评总分 {format_number(doc.self_total)} 低于按规则计算的 {total}",
                    object_location("document", field_name="self_total"), self_total=doc.self_total, rule_total=total)
    if doc.self_grade and grade_label(pack, doc.self_grade) not in (None, ctx.result.grade):
        ctx.add("score.self_grade_differs", W,
                f"填报的等次“{doc.self_grade}”与按规则评定的“{ctx.result.grade}”（{total} 分）不一致",
                object_location("document", field_name="self_grade"), self_grade=doc.self_grade,
                rule_grade=ctx.result.grade)


def check_scoring_notes(ctx: CheckContext) -> None:
    """What the scoring engine noted on how it scored (a number scored as text, a hand score outside
    its qualitative band, weights rescaled, a pack for the other kind of evaluation…), or why it
    could not score; at year end only, since targets are not scored."""
    if not ctx.evaluating:
        return
    for note in ctx.assessment.notes:
        code = note.code if "." in note.code else f"scoring.{note.code}"
        ctx.findings.append(replace(note, code=code))


CHECKS = (check_indicator_scores, check_total, check_scoring_notes)
