"""Checks on a published report (自评报告 / 自评表) that jixiao did not write.

The report's claims (:mod:`jixiao.published`) are compared with each other: section
numbers, totals and their parts, rates and the amounts they are rates of, indicator counts, score
and grade band, years, statements about the same money, income and expenditure, template text left
in, staff against establishment, and the rows of self-evaluation tables. Figures are compared at
the precision the document printed (:mod:`jixiao.checks.tolerance`). Every finding names the line it concerns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.published import model as pm
from jixiao.published import PublishedReport, parse_report_text
from jixiao.published.model import Claim, Heading
from jixiao.published.prose import is_partial_rate, level1_counts
from jixiao.domain.enums import Direction
from jixiao.domain.numbers import round_half_up
from jixiao.narrative.numbering import REFERENCE_STYLE, chinese_numeral, format_number
from jixiao.rules import RulePack
from jixiao.scoring import ScoringError, comparable, target_met
from jixiao.scoring import methods as scoring_methods

from jixiao.checks import packs
from jixiao.domain.findings import Confirmation, Finding, Severity, sort_findings
from jixiao.checks.tolerance import percent_of, product_agrees, rate_agrees, sum_agrees
from jixiao.checks.vocabulary import vocabulary

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


def show(value: Decimal | int | None) -> str:
    """A figure as the document wrote it, with thousands separators (``1,291.73``, ``215,457.6``)."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return str(value)
    return f"{value:,}"


def heading_label(level: int, number: int, like: Heading | None = None) -> str:
    """How a heading number of a level is written: 一、 （一） 1、 （1） ① (as the narrative numbers them);
    a part (level 0) as ``like`` writes it: 第二部分 / 第二章."""
    if level == 0:
        word = "章" if like is not None and like.label.endswith("章") else "部分"
        return f"第{chinese_numeral(number)}{word}"
    return format_number(level - 1, number, REFERENCE_STYLE)


@dataclass
class ReportReview:
    """The result of checking a report: findings (problems) and confirmations (figures that add up)."""

    report: PublishedReport
    findings: list[Finding] = field(default_factory=list)
    confirmed: list[Confirmation] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"findings": [f.to_json() for f in self.findings],
                "confirmed": [c.to_json() for c in self.confirmed]}


class _Review:
    def __init__(self, report: PublishedReport, pack: RulePack):
        self.report, self.pack = report, pack
        self.findings: list[Finding] = []
        self.confirmed: list[Confirmation] = []

    def find(self, code: str, severity: Severity, message: str, claim: Claim | None = None, **evidence) -> None:
        location = claim.location() if claim else {}
        if claim is not None:
            evidence.setdefault("text", claim.text)
        self.findings.append(Finding(f"report.{code}", severity, message, location, evidence))

    def confirm(self, code: str, message: str, claim: Claim | None = None, **evidence) -> None:
        location = claim.location() if claim else {}
        self.confirmed.append(Confirmation(f"report.{code}", message, location, evidence))

    def claims(self, key: str) -> tuple[Claim, ...]:
        return self.report.claims_for(key)

    def unit(self) -> str:
        return f" {self.report.unit}" if self.report.unit else ""


# --- outline ------------------------------------------------------------------------------------
def _numbering(review: _Review) -> None:
    last: dict[int, Heading] = {}
    for heading in review.report.sections:
        for level in [lvl for lvl in last if lvl > heading.level]:
            del last[level]
        previous = last.get(heading.level)
        last[heading.level] = heading
        location = Claim("heading", heading.number, f"{heading.label}{heading.title}", heading.line,
                         heading.start, heading.end)
        if previous is None:
            if heading.number > 1 and (heading.level <= 1 or any(lvl < heading.level for lvl in last)):
                missing = "、".join(heading_label(heading.level, n, heading) for n in range(1, heading.number))
                review.find("section_gap", W, f"第 {heading.line} 行“{heading.label}{heading.title}”之前没有"
                            f"{missing}，章节编号不连续", location, missing=missing)
            continue
        if heading.number == previous.number:
            review.find("section_duplicate", E,
                        f"章节编号重复：第 {previous.line} 行“{previous.label}{previous.title}”与第 {heading.line} 行"
                        f"“{heading.label}{heading.title}”都编为{heading.label}，后者应为"
                        f"{heading_label(heading.level, heading.number + 1, heading)}",
                        location, previous_line=previous.line, number=heading.label)
        elif heading.number > previous.number + 1:
            missing = "、".join(heading_label(heading.level, n, heading)
                               for n in range(previous.number + 1, heading.number))
            review.find("section_gap", W,
                        f"章节编号不连续：第 {previous.line} 行{previous.label}之后是第 {heading.line} 行"
                        f"{heading.label}，缺少{missing}", location, previous_line=previous.line, missing=missing)
        elif heading.number < previous.number and heading.number != 1:
            review.find("section_order", W,
                        f"章节编号顺序错误：第 {previous.line} 行{previous.label}之后是第 {heading.line} 行{heading.label}",
                        location, previous_line=previous.line)


def _inline_lists(review: _Review) -> None:
    for claim in review.claims(pm.INLINE_LIST):
        items = claim.value
        for index in range(1, len(items.numbers)):
            before, number = items.numbers[index - 1], items.numbers[index]
            label = items.labels[index]
            if number == before:
                review.find("list_duplicate", E,
                            f"第 {claim.line} 行的列举编号重复：出现两个“{label}”"
                            f"（{'、'.join(items.labels)}），后一个应为下一个序号", claim,
                            numbers=list(items.labels))
            elif number > before + 1:
                review.find("list_gap", W, f"第 {claim.line} 行的列举编号从“{items.labels[index - 1]}”跳到“{label}”，"
                            "中间缺少序号", claim, numbers=list(items.labels))
            elif number < before and number != 1:
                review.find("list_order", W, f"第 {claim.line} 行的列举编号顺序错误：“{items.labels[index - 1]}”"
                            f"之后是“{label}”", claim, numbers=list(items.labels))


def _completeness(review: _Review) -> None:
    report = review.report
    truncated = report.truncated
    if truncated is not None:
        review.find("incomplete", W, f"文档不完整：{truncated.value}（第 {truncated.line} 行），其后的内容缺失，"
                    "未检查缺少的章节", truncated)
        return
    if report.is_table or sum(1 for h in report.sections if h.level == 1) < 2:
        return
    titles = [h.title for h in report.sections]
    missing = [name for name, pattern in vocabulary().report_sections if not any(pattern.search(t) for t in titles)]
    if missing:
        review.find("section_missing", W, f"报告缺少以下部分：{'、'.join(missing)}", None, missing=missing)


# --- funds --------------------------------------------------------------------------------------
def _parts(review: _Review, key: str) -> list[Claim]:
    seen: dict[str, Claim] = {}
    for claim in review.claims(key):
        if claim.value.amount is not None:
            seen.setdefault(claim.value.label, claim)
    return list(seen.values())


def _sum_text(parts: list[Claim]) -> str:
    return " + ".join(f"{c.value.label} {show(c.value.amount)}" for c in parts)


def _breakdowns(review: _Review) -> None:
    report = review.report
    executed, budget = report.executed_total, report.budget_total
    unit = review.unit()
    for key, total_key, what in ((pm.BY_SOURCE, pm.SOURCE_TOTAL, "按资金来源"),
                                 (pm.BY_NATURE, pm.NATURE_TOTAL, "按支出性质")):
        parts = _parts(review, key)
        stated_total = review.report.first(total_key)
        amounts = [c.value.amount for c in parts]
        if len(parts) >= 2 and stated_total is not None:
            _compare_sum(review, f"{key}_sum", parts, amounts, stated_total.value, stated_total.label or what,
                         stated_total, what)
        anchor_value = stated_total.value if stated_total is not None else None
        anchor_text = (f"{stated_total.label} {show(stated_total.value)}" if stated_total is not None
                       else f"{what}各项之和（{_sum_text(parts)}）")
        anchor_claim = stated_total or (parts[0] if parts else None)
        if anchor_value is None and len(parts) >= 2:
            anchor_value = sum(amounts, Decimal(0))
        if anchor_value is None or (len(parts) < 2 and stated_total is None):
            continue
        basis = {c.value.basis for c in parts}
        targets = []
        if key == pm.BY_NATURE or "支出" in basis:
            targets = [("全年执行数", executed), ("全年预算数", budget)]
        elif "收入" in basis or (stated_total is not None and "收入" in stated_total.label):
            targets = [("全年预算数", budget), ("全年执行数", executed)]
        else:
            targets = [("全年执行数", executed), ("全年预算数", budget)]
        targets = [(name, value) for name, value in targets if value is not None]
        if not targets:
            continue
        pieces = amounts if stated_total is None else [anchor_value]
        matched = next(((name, value) for name, value in targets if sum_agrees(pieces, value)), None)
        if matched:
            review.confirm(f"{key}_total", f"{anchor_text} = {matched[0]} {show(matched[1])}{unit}", anchor_claim,
                           parts={c.value.label: c.value.amount for c in parts}, total=matched[1])
        else:
            name, value = targets[0]
            difference = value - anchor_value
            review.find(f"{key}_total", E,
                        f"{anchor_text}，与{name} {show(value)}{unit} 不符，相差 {show(abs(difference))}{unit}",
                        anchor_claim, parts={c.value.label: c.value.amount for c in parts}, stated=anchor_value,
                        expected=value, difference=difference)


def _compare_sum(review: _Review, code: str, parts: list[Claim], amounts: list[Decimal], total: Decimal,
                 total_label: str, claim: Claim, what: str) -> None:
    unit = review.unit()
    computed = sum(amounts, Decimal(0))
    if sum_agrees(amounts, total):
        review.confirm(code, f"{what}：{_sum_text(parts)} = {show(computed)}{unit}，与{total_label} {show(total)} 一致",
                       claim, parts=amounts, total=total)
    else:
        review.find(code, E, f"{what}各项之和 {_sum_text(parts)} = {show(computed)}{unit}，与{total_label} "
                    f"{show(total)}{unit} 不符，相差 {show(abs(total - computed))}{unit}", claim,
                    parts={c.value.label: c.value.amount for c in parts}, computed=computed, stated=total)


def _rates(review: _Review) -> None:
    report = review.report
    executed, budget = report.executed_total, report.budget_total
    unit = review.unit()
    for claim in review.claims(pm.EXECUTION_RATE):
        if executed is None or budget is None or claim.value is None:
            continue
        if is_partial_rate(claim.label):
            continue  # 基本支出执行率 and the like are rates of parts, not of the totals
        agrees = rate_agrees(executed, budget, claim.value)
        if agrees is None:
            continue
        computed = percent_of(executed, budget, max(_places(claim.value), 2))
        if agrees:
            review.confirm("execution_rate", f"执行率 {show(claim.value)}% = {show(executed)} ÷ {show(budget)}{unit}"
                           f"（{computed}%）", claim, executed=executed, budget=budget, stated=claim.value)
        else:
            review.find("execution_rate", E, f"执行率写为 {show(claim.value)}%，但 {show(executed)} ÷ {show(budget)}{unit} "
                        f"= {computed}%", claim, executed=executed, budget=budget, stated=claim.value, computed=computed)
    if executed is not None and budget is not None and executed > budget and not review.claims(pm.FUND_ROW):
        claim = report.first(pm.EXECUTED_TOTAL) or report.first(pm.PAID_AMOUNT)
        review.find("executed_over_budget", W, f"执行数 {show(executed)}{unit} 超过全年预算数 {show(budget)}{unit}",
                    claim, executed=executed, budget=budget)


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _fund_rows(review: _Review) -> None:
    unit = review.unit()
    for claim in review.claims(pm.FUND_ROW):
        row = claim.value
        table = f"第 {claim.block + 1} 张表" if claim.block is not None and len(review.claims(pm.FUND_ROW)) > 1 else "自评表"
        note = "（表格单元格顺序错乱，全年执行数按数值对应为 {}）".format(show(row.executed)) if row.reordered else ""
        if row.full_year and row.executed is not None:
            if row.executed > row.full_year:
                review.find("executed_over_budget", W, f"{table}全年执行数 {show(row.executed)}{unit} 超过全年预算数 "
                            f"{show(row.full_year)}{unit}", claim, executed=row.executed, budget=row.full_year)
            if row.rate is not None:
                computed = percent_of(row.executed, row.full_year, max(_places(row.rate), 2))
                if rate_agrees(row.executed, row.full_year, row.rate):
                    review.confirm("execution_rate", f"{table}执行率 {show(row.rate)}% = {show(row.executed)} ÷ "
                                   f"{show(row.full_year)}{unit}（{computed}%）{note}", claim, stated=row.rate)
                else:
                    review.find("execution_rate", E, f"{table}执行率写为 {show(row.rate)}%，但全年执行数 {show(row.executed)} ÷ "
                                f"全年预算数 {show(row.full_year)}{unit} = {computed}%{note}", claim,
                                executed=row.executed, budget=row.full_year, stated=row.rate, computed=computed)
            if row.weight is not None and row.score is not None:
                agrees = product_agrees(row.weight, row.executed, row.full_year, row.score, Decimal(1))
                expected = round_half_up(row.weight * min(row.executed / row.full_year, Decimal(1)), 2)
                if agrees:
                    review.confirm("execution_score", f"{table}预算执行得分 {show(row.score)} = 分值 {show(row.weight)} × "
                                   f"执行率", claim, score=row.score, expected=expected)
                else:
                    review.find("execution_score", E, f"{table}预算执行得分写为 {show(row.score)}，按分值 {show(row.weight)} × "
                                f"执行率应为 {expected}", claim, stated=row.score, expected=expected)
        if row.initial and row.full_year is not None and row.initial != row.full_year:
            change = row.full_year - row.initial
            review.find("budget_adjusted", I, f"{table}全年预算数 {show(row.full_year)}{unit} 比年初预算数 "
                        f"{show(row.initial)}{unit} {'增加' if change > 0 else '减少'} {show(abs(change))}{unit}"
                        f"（{percent_of(abs(change), row.initial, 1)}%），请核对年中预算调整的依据", claim,
                        initial=row.initial, full_year=row.full_year)


# --- indicators ---------------------------------------------------------------------------------
_LEVEL_WORDS = re.compile(r"^[一二三四]级指标$")


def _counts(review: _Review) -> None:
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
            review.confirm("count_parts", f"指标 {total} 个 = {parts_text}", claim, total=total)
        elif added > total or partition:
            review.find("count_parts", E, f"第 {claim.line} 行称指标 {total} 个，其中 {parts_text}，各项之和为 {added}，"
                        f"与总数 {total} 不符", claim, total=total, parts=dict(statement.parts), parts_sum=added)


def _achieved(review: _Review) -> None:
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


def _rows(review: _Review) -> None:
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
            if over is not None and row.reason == "" and ratio is not None and ratio >= over:
                review.find("row_overachieved", W, f"{name}实际 {row.actual} 达到目标 {row.target} 的 "
                            f"{round_half_up(ratio * 100, 0)}%，未说明原因（目标值可能设定偏低）", claim)
        _table_totals(review, task, claims)


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


def _table_totals(review: _Review, task, claims: list[Claim]) -> None:
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


# --- score, grade, years, statements --------------------------------------------------------------
def _score_grade(review: _Review) -> None:
    pack = review.pack
    pairs: list[tuple[Decimal, str, Claim]] = []
    score, grade = review.report.first(pm.SCORE), review.report.first(pm.GRADE)
    if score is not None and grade is not None:
        pairs.append((score.value, grade.value, grade))
    for claim in review.claims(pm.TOTAL_ROW):
        if claim.value.score is not None and claim.value.grade:
            pairs.append((claim.value.score, claim.value.grade, claim))
    for value, written, claim in pairs:
        label = packs.grade_label(pack, written)
        if label is None:
            continue
        band = pack.grade_for(value)
        if value > pack.total:
            review.find("score_over_total", E, f"自评得分 {show(value)} 超过满分 {show(pack.total)}", claim)
        elif band.label == label:
            review.confirm("grade_band", f"自评得分 {show(value)} 分，等次“{written}”与分档（{band.label} ≥ "
                           f"{show(band.minimum)} 分）一致", claim, score=value, grade=written)
        else:
            review.find("grade_band", E, f"自评得分 {show(value)} 分应评为“{band.label}”（{_bands(pack)}），报告写为“{written}”",
                        claim, score=value, grade=written, expected=band.label)
    scores = review.claims(pm.SCORE)
    for claim in scores[1:]:
        if claim.value != scores[0].value:
            review.find("score_inconsistent", W, f"第 {scores[0].line} 行自评得分为 {show(scores[0].value)} 分，第 {claim.line} "
                        f"行为 {show(claim.value)} 分，前后不一致", claim, first=scores[0].value, here=claim.value)
            break


def _bands(pack: RulePack) -> str:
    return "、".join(f"{g.label} ≥ {show(g.minimum)}" for g in pack.grades if g.minimum > 0) + "分"


def _years(review: _Review) -> None:
    title = review.report.first(pm.TITLE_YEAR)
    if title is None:
        return
    for claim in review.claims(pm.EVALUATION_YEAR):
        if claim.value != title.value:
            review.find("year_mismatch", W, f"标题年度为 {title.value} 年，第 {claim.line} 行写为 {claim.value} 年"
                        f"（“{claim.text}”）", claim, title_year=title.value, year=claim.value)


def _payments(review: _Review) -> None:
    report = review.report
    unit = review.unit()
    for claim in review.claims(pm.FULL_PAYMENT):
        amount = claim.value if claim.value is not None else report.budget_total
        contradictions = []
        for paid in review.claims(pm.PAID_AMOUNT):
            if amount is not None and paid.value < amount and not sum_agrees([paid.value], amount):
                contradictions.append(f"第 {paid.line} 行称已拨付 {show(paid.value)}{unit}")
        if "到位" not in claim.label:  # 拨付到位 says the money arrived, not that it was spent
            for rate in review.claims(pm.EXECUTION_RATE):
                if rate.value < 100 and not is_partial_rate(rate.label):
                    contradictions.append(f"第 {rate.line} 行称执行率 {show(rate.value)}%")
        if contradictions:
            what = f"{show(amount)}{unit} " if amount is not None else ""
            review.find("payment_contradiction", E, f"第 {claim.line} 行称资金 {what}“{claim.label}”，而"
                        f"{'，'.join(contradictions)}，前后矛盾", claim, amount=amount, contradictions=contradictions)


def _income_expenditure(review: _Review) -> None:
    """收入 + 年初结转结余 − 支出 = 年末结转结余; a gap with no carry-over stated is pointed out."""
    income, expenditure = review.report.first(pm.INCOME_TOTAL), review.report.first(pm.EXPENDITURE_TOTAL)
    if income is None or expenditure is None:
        return
    unit = review.unit()
    opening = review.report.first(pm.OPENING_CARRYOVER)
    carryover = review.report.first(pm.CARRYOVER)
    available = [income.value] + ([opening.value] if opening else [])
    spent_and_kept = [expenditure.value] + ([carryover.value] if carryover else [])
    if sum_agrees(available, sum(spent_and_kept, Decimal(0))) and sum_agrees(spent_and_kept, sum(available, Decimal(0))):
        return
    difference = sum(available, Decimal(0)) - expenditure.value
    opening_text = f" + 年初结转结余 {show(opening.value)}{unit}" if opening else ""
    if carryover is None:
        review.find("income_expenditure", W, f"收入 {show(income.value)}{unit}（{income.label}）{opening_text}与支出 "
                    f"{show(expenditure.value)}{unit}（{expenditure.label}）相差 {show(abs(difference))}{unit}，"
                    "未说明结转结余", expenditure, income=income.value, expenditure=expenditure.value,
                    difference=difference)
    else:
        review.find("income_expenditure", W, f"收入 {show(income.value)}{unit}{opening_text} − 支出 "
                    f"{show(expenditure.value)}{unit} = {show(difference)}{unit}，与年末结转结余 "
                    f"{show(carryover.value)}{unit} 不符", carryover, difference=difference, carryover=carryover.value)


def _parts_statements(review: _Review) -> None:
    unit = review.unit()
    for claim in review.claims(pm.PART_STATEMENT):
        statement = claim.value
        amounts = [amount for _, amount, _ in statement.parts]
        computed = sum(amounts, Decimal(0))
        if computed > statement.total and not sum_agrees(amounts, statement.total):
            parts = " + ".join(f"{label} {show(amount)}" for label, amount, _ in statement.parts)
            review.find("parts_exceed_total", E, f"第 {claim.line} 行：合计 {show(statement.total)}{unit}，其中 {parts} = "
                        f"{show(computed)}{unit}，超过合计", claim, total=statement.total, computed=computed)


def _template(review: _Review) -> None:
    for claim in review.claims(pm.TEMPLATE_TEXT):
        review.find("template_text", W, f"第 {claim.line} 行留有模板填写说明或占位符“{claim.value}”，未按实际填写",
                    claim, template=claim.value)


def _staff(review: _Review) -> None:
    establishment = review.report.first(pm.STAFF_ESTABLISHMENT)
    actual = review.report.first(pm.STAFF_ACTUAL)
    rate = review.report.first(pm.STAFF_RATE)
    if establishment is None or actual is None:
        return
    if actual.value > establishment.value:
        review.find("staff_over_establishment", W, f"实有人数 {show(actual.value)} 人超过编制数 {show(establishment.value)} 人"
                    f"（超编 {show(actual.value - establishment.value)} 人）", actual,
                    establishment=establishment.value, actual=actual.value)
    if rate is not None and establishment.value > 0:
        computed = percent_of(actual.value, establishment.value, max(_places(rate.value), 2))
        if rate_agrees(actual.value, establishment.value, rate.value):
            review.confirm("staff_rate", f"人员控制率 {show(rate.value)}% = {show(actual.value)} ÷ {show(establishment.value)}",
                           rate)
        else:
            review.find("staff_rate", E, f"人员控制率写为 {show(rate.value)}%，但 {show(actual.value)} ÷ "
                        f"{show(establishment.value)} = {computed}%", rate, stated=rate.value, computed=computed)


_CHECKS = (_numbering, _inline_lists, _completeness, _breakdowns, _rates, _fund_rows, _counts, _achieved, _rows,
           _score_grade, _years, _payments, _income_expenditure, _parts_statements, _template, _staff)


def review_report(report: PublishedReport, *, pack: RulePack | str | None = None) -> ReportReview:
    """Check every claim of a parsed report; findings sorted errors first, plus the confirmations."""
    rule_pack = packs.resolve(pack, kind=report.kind)
    review = _Review(report, rule_pack)
    for check in _CHECKS:
        check(review)
    return ReportReview(report, sort_findings(review.findings), review.confirmed)


def check_report_text(text: str, *, pack: RulePack | str | None = None) -> list[Finding]:
    """Findings on a report's text (parsed with :func:`parse_report_text`)."""
    return review_report(parse_report_text(text), pack=pack).findings
