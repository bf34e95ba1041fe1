"""Indicators of a published report: stated counts and their parts, achieved counts, and the rows and
totals of self-evaluation tables scored again under the rule pack."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.enums import Direction
from jixiao.domain.numbers import round_half_up
from jixiao.published import model as pm
from jixiao.published.model import Claim
from jixiao.published.prose import level1_counts
from jixiao.rules import RulePack
from jixiao.scoring import ScoringError, comparable, target_met
from jixiao.scoring import methods as scoring_methods

from jixiao.checks.published.context import E, I, W, Review, settings, show
from jixiao.checks.tolerance import percent_of, rate_agrees, sum_agrees

_LEVEL_WORDS = re.compile(r"^[一二三四]级指标$")


def check_counts(review: Review) -> None:
    for claim in review.claims(pm.COUNT_STATEMENT):
        statement = claim.value
        parts_text = " + ".join(f"{label} {n}" for label, n in statement.parts)
        total = statement.total
        added = statement.parts_sum
        level_parts = [label for label, _ in statement.parts if _LEVEL_WORDS.match(label)]
        partition = level1_counts(statement) is not None
        if level_parts:
            third = next((n for label, n in statement.parts if label.startswith("三级")), None)
            hint = (f"；一级、二级指标是分类层级而非指标个数，三级指标 {third} 个才是指标数" if third == total
                    else "；一级、二级、三级指标是层级，不能相加")
            if added != total:
                review.find("count_parts", E, f"第 {claim.line} 行称指标 {total} 个，其中 {parts_text}，"
                            f"各项之和为 {added}，与总数 {total} 不符{hint}", claim, total=total,
                            parts=dict(statement.parts), parts_sum=added)
            continue
        if added == total:
            review.confirm("count_parts", f"{statement.subject} {total} {statement.measure} = {parts_text}", claim,
                           total=total)
        elif added > total or partition or statement.whole:
            review.find("count_parts", E, f"第 {claim.line} 行称{statement.subject} {total} {statement.measure}，其中 {parts_text}，各项之和为 {added}，"
                        f"与总数 {total} 不符", claim, total=total, parts=dict(statement.parts), parts_sum=added)


def check_enumerations(review: Review) -> None:
    """A count against the items named for it (直属事业单位10个,即 … nine names)."""
    for claim in review.claims(pm.ENUMERATION):
        value = claim.value
        if value.count == len(value.items):
            review.confirm("enumeration", f"{value.noun} {value.count} 个，列出 {len(value.items)} 个", claim)
        else:
            review.find("enumeration", W, f"第 {claim.line} 行称{value.noun} {value.count} 个，却列出 {len(value.items)} 个"
                        f"（{'、'.join(value.items)}）", claim, count=value.count, items=list(value.items))


def check_achieved(review: Review) -> None:
    counts = review.claims(pm.COUNT_STATEMENT)
    boundaries = [h.start for h in review.report.sections]
    for claim in review.claims(pm.ACHIEVED_STATEMENT):
        value = claim.value
        if value.total is not None and value.achieved is not None and value.not_achieved is not None \
                and value.achieved + value.not_achieved != value.total:
            review.find("achieved_parts", E, f"第 {claim.line} 行称 {value.total} 个指标中 {value.achieved} 个达到目标、"
                        f"{value.not_achieved} 个未达到，合计 {value.achieved + value.not_achieved} 个，与 {value.total} 个不符",
                        claim, total=value.total, achieved=value.achieved, not_achieved=value.not_achieved)
            continue
        previous = [c for c in counts if c.start < claim.start
                    and not any(c.start < b <= claim.start for b in boundaries)]
        if not previous or value.total is None:
            continue
        count = previous[-1]
        if value.total != count.value.total:
            review.find("achieved_total", E, f"第 {count.line} 行称设置指标 {count.value.total} 个，第 {claim.line} 行却称"
                        f" {value.total} 个指标", claim, stated=count.value.total, here=value.total)
        else:
            reached = value.achieved if value.achieved is not None else value.total - (value.not_achieved or 0)
            review.confirm("achieved_total", f"第 {claim.line} 行：{value.total} 个指标中 {reached} 个达到目标值，"
                           f"与第 {count.line} 行设置的 {count.value.total} 个一致", claim)


def check_rows(review: Review) -> None:
    pack = review.pack
    over = pack.thresholds.get("overachievement_ratio")
    for task in review.report.tasks:
        if task.block is None:
            continue
        claims = [c for c in review.claims(pm.INDICATOR_ROW) if c.block == task.block]
        for number, claim in enumerate(claims, start=1):
            row = claim.value
            name = f"“{row.name}”" if row.name else f"第 {number} 个指标（{row.target} / {row.actual}）"
            if row.score is not None and row.weight is not None and row.score > row.weight:
                review.find("row_score_over_weight", E, f"{name}得分 {show(row.score)} 超过分值 {show(row.weight)}", claim,
                            weight=row.weight, score=row.score)
                continue
            met, rule_score = _row_rule(row, pack)
            if met is None or row.score is None or row.weight is None:
                continue
            if met and row.score < row.weight:
                review.find("row_met_not_full", W, f"{name}已达到目标值（{row.target}，实际 {row.actual}），"
                            f"却只得 {show(row.score)} 分（分值 {show(row.weight)}）", claim,
                            target=row.target, actual=row.actual, weight=row.weight, score=row.score)
            elif not met and row.score >= row.weight:
                review.find("row_unmet_full", W, f"{name}未达到目标值（{row.target}，实际 {row.actual}），却得满分 "
                            f"{show(row.score)}（虚高）", claim, target=row.target, actual=row.actual, score=row.score)
            if not met and row.score < row.weight and row.reason == "":
                review.find("row_reason_missing", W, f"{name}未达到目标值（{row.target}，实际 {row.actual}），"
                            f"得分 {show(row.score)} 低于分值 {show(row.weight)}，偏差原因分析及改进措施栏为空", claim,
                            target=row.target, actual=row.actual, score=row.score)
            if not met and rule_score is not None and rule_score != row.score and row.score < row.weight:
                review.find("row_score_rule", I, f"{name}按完成比例应得 {rule_score} 分，表中为 {show(row.score)} 分", claim,
                            expected=rule_score, stated=row.score)
            ratio = _ratio(row)
            if over is not None and row.reason == "" and not row.reason_for_shortfall_only and ratio is not None \
                    and ratio >= over and not re.search(settings()["floor_target_pattern"], row.target or ""):
                # a floor (≥2000, 不少于2000) says any amount above it meets the target: exceeding it is no deviation
                review.find("row_overachieved", W, f"{name}实际 {row.actual} 达到目标 {row.target} 的 "
                            f"{round_half_up(ratio * 100, 0)}%，未说明原因（目标值可能设定偏低）", claim)
        _table_totals(review, task, claims)
        _execution_twice(review, task, claims)


def _row_rule(row, pack: RulePack) -> tuple[bool | None, Decimal | None]:
    """Whether a table row met its target, and the score the pack's rules give a quantitative row."""
    indicator = row.to_indicator()
    if indicator is None:
        return None, None
    try:
        met = target_met(indicator, pack)
        target, actual = comparable(indicator)
    except (ScoringError, ArithmeticError):
        return None, None
    if met is None or indicator.direction is Direction.QUALITATIVE or row.weight is None:
        return met, None
    if target is None or actual is None or target <= 0 or actual < 0:
        return met, None
    quantum = Decimal(1).scaleb(-pack.places)
    methods = pack.indicator_methods
    try:
        if indicator.direction is Direction.LE:
            score, _, _ = scoring_methods.score_le(row.weight, target, actual, quantum, row.actual, row.target, methods.le)
        elif indicator.direction is Direction.EQ:
            score, _, _ = scoring_methods.score_eq(row.weight, target, actual, quantum, row.actual, row.target, methods.eq)
        else:
            score, _, _ = scoring_methods.score_ge(row.weight, target, actual, quantum, row.actual, row.target)
    except (ArithmeticError, ValueError):
        return met, None
    return met, score


def _ratio(row) -> Decimal | None:
    """Actual ÷ target of a ≥ row (for over-achievement), else ``None``."""
    indicator = row.to_indicator()
    if indicator is None or indicator.direction is not Direction.GE:
        return None
    try:
        target, actual = comparable(indicator)
    except ScoringError:
        return None
    if not target or actual is None or target <= 0:
        return None
    return actual / target


def _execution_twice(review: Review, task, claims: list[Claim]) -> None:
    """One table scoring the execution of the budget twice: the funds row and an indicator row named
    预算执行率, with the same points and different scores (9 and 8)."""
    fund = next((c.value for c in review.claims(pm.FUND_ROW) if c.block == task.block), None)
    if fund is None or fund.weight is None or fund.score is None:
        return
    for claim in claims:
        row = claim.value
        if "执行率" in row.name and row.weight == fund.weight and row.score is not None and row.score != fund.score:
            review.find("same_amount", W, f"预算执行得分在资金行为 {show(fund.score)} 分，“{row.name}”指标行却为 "
                        f"{show(row.score)} 分（分值均为 {show(fund.weight)}）", claim, fund=fund.score, row=row.score)


def _table_totals(review: Review, task, claims: list[Claim]) -> None:
    total_claim = next((c for c in review.claims(pm.TOTAL_ROW) if c.block == task.block), None)
    fund = next((c.value for c in review.claims(pm.FUND_ROW) if c.block == task.block), None)
    if total_claim is None or not claims:
        return
    total = total_claim.value
    rows = [c.value for c in claims]
    weights = [r.weight for r in rows if r.weight is not None]
    scores = [r.score for r in rows if r.score is not None]
    if fund is not None and fund.weight is not None:
        weights.append(fund.weight)
    if fund is not None and fund.score is not None:
        scores.append(fund.score)
    if total.weight is not None and len(weights) == len(rows) + (1 if fund and fund.weight is not None else 0):
        if sum(weights) == total.weight:
            review.confirm("table_weights", f"各项分值之和 {show(sum(weights))} = 总分值 {show(total.weight)}", total_claim)
        else:
            review.find("table_weights", E, f"各项分值之和为 {show(sum(weights))}，与总分值 {show(total.weight)} 不符",
                        total_claim, weights=weights, stated=total.weight)
    if total.score is not None and scores and len(scores) == len(rows) + (1 if fund and fund.score is not None else 0):
        computed = sum(scores, Decimal(0))
        if sum_agrees(scores, total.score, exact_integers=True):
            review.confirm("table_score", f"各项得分之和 {show(computed)} = 总分 {show(total.score)}", total_claim)
        else:
            review.find("table_score", E, f"各项得分之和为 {show(computed)}，与总分 {show(total.score)} 不符",
                        total_claim, scores=scores, computed=computed, stated=total.score)


def check_target_claims(review: Review) -> None:
    """A sentence saying every target was met (已按照计划完成目标) against an indicator the report itself gives
    as missed: in a sentence (年初指标值不低于180人，全年实际完成值164人) or a row of its table."""
    claim = review.report.first(pm.ALL_MET)
    if claim is None:
        return
    missed = [f"“{c.value.name}”目标 {c.value.direction}{c.value.target}，实际 {c.value.actual}（第 {c.line} 行）"
              for c in review.claims(pm.PROSE_TARGET) if c.value.met is False]
    for row_claim in review.claims(pm.INDICATOR_ROW):
        met, _ = _row_rule(row_claim.value, review.pack)
        if met is False:
            row = row_claim.value
            missed.append(f"“{row.name or row.target}”目标 {row.target}，实际 {row.actual}（第 {row_claim.line} 行）")
    if missed:
        review.find("target_claim", W, f"第 {claim.line} 行称“{claim.value}”，但{'；'.join(missed[:3])}未达到目标",
                    claim, missed=missed)


def check_completion(review: Review) -> None:
    """A task's completion rate against what the text says was done (380 公里，完成 200.031 公里，完工率 100%)."""
    for claim in review.claims(pm.COMPLETION):
        value = claim.value
        if not value.planned:
            continue
        agrees = rate_agrees(value.done, value.planned, value.percent)
        computed = percent_of(value.done, value.planned, 2)
        if agrees is False:
            review.find("completion_rate", E, f"第 {claim.line} 行：任务 {show(value.planned)}{value.unit}，完成 "
                        f"{show(value.done)}{value.unit}，完成率应为 {computed}%，文中写为 {show(value.percent)}%", claim,
                        planned=value.planned, done=value.done, stated=value.percent, computed=computed)


def check_over_task(review: Review) -> None:
    """A share over the task written against the counts it follows from (任务数115户, 实际完成264户, 超任务43%:
    264 is 129.6% over 115). Only where the text gives one task and one count done in the same measure."""
    data = settings()
    text = review.text
    for over in re.finditer(data["over_task_pattern"], text):
        stated = Decimal(over.group("p"))
        tasks = {(Decimal(m.group("n")), m.group("u")) for m in re.finditer(data["task_count_pattern"], text)}
        done = {(Decimal(m.group("n")), m.group("u")) for m in re.finditer(data["done_count_pattern"], text)}
        if len(tasks) != 1 or len(done) != 1:
            continue
        (planned, unit), (actual, unit_done) = next(iter(tasks)), next(iter(done))
        if unit != unit_done or planned <= 0 or actual <= planned:
            continue
        if rate_agrees(actual - planned, planned, stated) is not False or rate_agrees(actual, planned, stated) is not False:
            continue  # 超任务 129.6% (over), or 229.6% written as the share of the task done
        line = next((n for n, written in enumerate(review.report.lines, start=1) if over.group(0) in written),
                    text.count("\n", 0, over.start()) + 1)
        computed = percent_of(actual - planned, planned, 1)
        claim = Claim("over_task", stated, over.group(0), line, None, None)
        review.find("completion_rate", E, f"任务 {show(planned)}{unit}，实际完成 {show(actual)}{unit}，超出任务 {computed}%，"
                    f"文中写为超{show(stated)}%", claim, planned=planned, done=actual, stated=stated, computed=computed)


def check_level_points(review: Review) -> None:
    """The points a one-table form gives its level-1 indicators (产出指标(70分)…) and its execution row, against
    the 总分 it states: 70 + 20 + 10 for the indicators and 10 for execution are 110, not 100."""
    funds = review.claims(pm.FUND_ROW)
    if len(funds) != 1 or funds[0].value.weight is None:
        return
    levels: dict[str, Decimal] = {}
    for claim in review.claims(pm.LEVEL_POINTS):
        levels.setdefault(*claim.value)
    if len(levels) < 2:
        return
    total = next((c.value.weight for c in review.claims(pm.TOTAL_ROW) if c.value.weight is not None), None)
    if total is None and any(c.label == "总分" for c in review.claims(pm.SCORE)):
        total = Decimal(100)  # 总分 100 98: the points available, then the score
    if total is None:
        return
    added = sum(levels.values(), Decimal(0)) + funds[0].value.weight
    parts = " + ".join(f"{label} {show(points)}" for label, points in levels.items())
    if added != total:
        claim = review.claims(pm.LEVEL_POINTS)[0]
        review.find("table_weights", E, f"一级指标分值 {parts} 加预算执行率分值 {show(funds[0].value.weight)} 为 "
                    f"{show(added)}，与总分 {show(total)} 不符", claim, levels=dict(levels), stated=total)
