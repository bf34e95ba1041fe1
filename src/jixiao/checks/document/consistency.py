"""Consistency checks (一致性审核): the report text against the data, years, adjustments, monitoring dates.

The narrative sections are read like a published report (:func:`parse_report_text`) and every
figure they state — budget, execution, rate, breakdowns, carry-over, score, grade, year — is
compared with what the data say, at the precision the text printed.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.published import model as pm
from jixiao.published import parse_report_text
from jixiao.published.prose import is_partial_rate, read_years
from jixiao.published.text import SourceText
from jixiao.domain.enums import AdjustmentKind, AdjustmentStatus, FundNature, FundSource
from jixiao.domain.numbers import ZERO, format_amount
from jixiao.domain.values import ValueParseError, convert, normalize_text

from jixiao.checks.document.context import CheckContext
from jixiao.domain.findings import Severity, object_location
from jixiao.checks.packs import grade_label
from jixiao.checks.tolerance import percent_of, rate_agrees, sum_agrees

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
_DOCUMENT_BUDGET_LABELS = ("全年预算", "调整后", "年度预算")
_DOCUMENT_EXECUTED_LABELS = ("执行数", "全年执行数")


def _section_of(ctx: CheckContext, text: str, claim: pm.Claim) -> dict:
    """The section a claim of the joined narrative falls in."""
    offset = 0
    for section in ctx.doc.sections:
        block = f"{section.title}\n{section.text}\n"
        if offset <= claim.start < offset + len(block):
            return object_location("section", section.key, "text", title=section.title)
        offset += len(block)
    return object_location("section", field_name="text")


def check_years(ctx: CheckContext) -> None:
    """Years the report text gives as its evaluation year (2021年度…自评报告, 2022年初设置…)."""
    for section in ctx.doc.sections:
        for field_name, text in (("title", section.title), ("text", section.text)):
            if not text:
                continue
            for claim in read_years(SourceText(text), 0):
                if claim.value != ctx.doc.year:
                    ctx.add("document.year_mismatch", W,
                            f"报告章节“{section.title}”写为 {claim.value} 年（“{claim.text}”），评价年度为 {ctx.doc.year} 年",
                            object_location("section", section.key, field_name, title=section.title),
                            year=claim.value, data_year=ctx.doc.year, text=claim.text)


def _amount(value: Decimal | None, unit: str | None) -> Decimal | None:
    """A figure of the narrative in 万元."""
    if value is None:
        return None
    if unit and unit != "万元":
        try:
            return convert(value, unit, "万元")
        except ValueParseError:
            return value
    return value


def check_narrative_figures(ctx: CheckContext) -> None:
    """Figures stated in the report sections against the data."""
    doc = ctx.doc
    if not doc.sections or not ctx.evaluating:
        return
    text = "".join(f"{s.title}\n{s.text}\n" for s in doc.sections)
    report = parse_report_text(text)
    unit = report.unit

    def compare(claim: pm.Claim, stated: Decimal, actual: Decimal, what: str, code: str) -> None:
        if sum_agrees([stated], actual):
            return
        ctx.add(code, E, f"报告中{what}写为 {format_amount(stated)} 万元（“{claim.text}”），数据为 {format_amount(actual)} 万元",
                _section_of(ctx, text, claim), stated=stated, data=actual, text=claim.text)

    for claim in report.claims_for(pm.BUDGET_TOTAL):
        if claim.label.startswith(_DOCUMENT_BUDGET_LABELS):
            compare(claim, _amount(claim.value, unit), doc.budget_total, claim.label, "document.text_budget")
    for claim in report.claims_for(pm.EXECUTED_TOTAL):
        if claim.label in _DOCUMENT_EXECUTED_LABELS:
            compare(claim, _amount(claim.value, unit), doc.executed_total, claim.label, "document.text_executed")
    for claim in report.claims_for(pm.CARRYOVER):
        compare(claim, _amount(claim.value, unit), doc.carryover_total, "结转和结余", "document.text_carryover")
    sources = doc.executed_by_source()
    natures = doc.executed_by_nature()
    for claim in report.claims_for(pm.BY_SOURCE):
        source = FundSource.from_label(claim.value.label)
        if source is not None and claim.value.basis == "支出" and claim.value.amount is not None:
            compare(claim, _amount(claim.value.amount, unit), sources[source], claim.value.label + "支出",
                    "document.text_by_source")
    for claim in report.claims_for(pm.BY_NATURE):
        nature = FundNature.from_label(claim.value.label)
        if nature is not None and claim.value.amount is not None and doc.fund_lines:
            compare(claim, _amount(claim.value.amount, unit), natures[nature], claim.value.label,
                    "document.text_by_nature")
    if doc.budget_total:
        for claim in report.claims_for(pm.EXECUTION_RATE):
            if is_partial_rate(claim.label):
                continue
            agrees = rate_agrees(doc.executed_total, doc.budget_total, claim.value)
            if agrees is False:
                ctx.add("document.text_rate", E,
                        f"报告中执行率写为 {claim.value}%，数据为 {format_amount(doc.executed_total)} ÷ "
                        f"{format_amount(doc.budget_total)} = {percent_of(doc.executed_total, doc.budget_total)}%",
                        _section_of(ctx, text, claim), stated=claim.value, text=claim.text)
    if ctx.result is not None:
        for claim in report.claims_for(pm.SCORE):
            if claim.value != ctx.result.total and claim.value != doc.self_total:
                ctx.add("document.text_score", W,
                        f"报告中自评得分写为 {claim.value} 分，按规则计算为 {ctx.result.total} 分",
                        _section_of(ctx, text, claim), stated=claim.value, rule_total=ctx.result.total)
        for claim in report.claims_for(pm.GRADE):
            label = grade_label(ctx.pack, claim.value)
            if label is not None and label not in (ctx.result.grade, grade_label(ctx.pack, doc.self_grade)):
                ctx.add("document.text_grade", W, f"报告中等次写为“{claim.value}”，按规则评定为“{ctx.result.grade}”",
                        _section_of(ctx, text, claim), stated=claim.value, rule_grade=ctx.result.grade)


def check_adjustments(ctx: CheckContext) -> None:
    """调整: every adjustment has a reason; approved target changes are applied; budget changes are explained."""
    doc = ctx.doc
    for index, adjustment in enumerate(doc.adjustments, start=1):
        location = object_location("adjustment", str(index), "reason", subject=adjustment.subject)
        if not adjustment.reason.strip():
            ctx.add("adjustment.reason_missing", W,
                    f"第 {index} 条{adjustment.kind.label}（{adjustment.subject}：{adjustment.before} → {adjustment.after}）"
                    "未说明调整原因", location)
        if adjustment.kind is AdjustmentKind.TARGET and adjustment.status is AdjustmentStatus.APPROVED:
            indicator = next((i for i in doc.indicators if adjustment.subject in (i.code, i.name)), None)
            if indicator is not None and normalize_text(indicator.target.text) != normalize_text(adjustment.after):
                ctx.add("adjustment.target_not_applied", W,
                        f"指标“{indicator.name}”的目标值已批准调整为“{adjustment.after}”，但表中仍为“{indicator.target.text}”",
                        {**location, "field": "after"}, target=indicator.target.text, approved=adjustment.after)
    explained = any(a.kind is AdjustmentKind.BUDGET and a.reason.strip() for a in doc.adjustments)
    if explained or not ctx.evaluating:
        return
    for line in doc.fund_lines:
        change = line.full_year_budget - line.initial_budget - line.prior_year_carryover
        if line.initial_budget > 0 and change != ZERO:
            ctx.add("funds.adjustment_unexplained", I,
                    f"资金“{line.source.label}·{line.nature.label}”全年预算数 {format_amount(line.full_year_budget)} 万元与"
                    f"年初预算数 {format_amount(line.initial_budget)} 万元（含上年结转 {format_amount(line.prior_year_carryover)}）"
                    f"相差 {format_amount(change)} 万元，未见预算调整记录及原因",
                    object_location("fund_line", field_name="full_year_budget", source=line.source.label,
                                    nature=line.nature.label), change=change)


def check_monitoring_dates(ctx: CheckContext) -> None:
    for index, snapshot in enumerate(ctx.doc.monitoring, start=1):
        if snapshot.as_of is not None and snapshot.as_of.year != ctx.doc.year:
            ctx.add("monitoring.date_outside_year", I,
                    f"第 {index} 条监控记录的日期 {snapshot.as_of.isoformat()} 不在评价年度 {ctx.doc.year} 年内",
                    object_location("monitoring", str(index), "as_of"), date=snapshot.as_of.isoformat())


CHECKS = (check_years, check_narrative_figures, check_adjustments, check_monitoring_dates)
