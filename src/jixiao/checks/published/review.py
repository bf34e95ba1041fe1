"""Checks on a published report (自评报告 / 自评表) that jixiao did not write.

The report's claims (:mod:`jixiao.published`) are compared with each other, one theme per module:
section and list numbering (:mod:`.numbering`), whether the report is whole (:mod:`.completeness`),
money — totals and their parts, rates, the funds row, payments, income and expenditure
(:mod:`.funds`), indicator counts and table rows (:mod:`.indicators`), score and grade band
(:mod:`.scores`), years (:mod:`.years`) and staff (:mod:`.staff`). Figures are compared at the
precision the document printed (:mod:`jixiao.checks.tolerance`). Every finding names the line it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.domain.findings import Confirmation, Finding, sort_findings
from jixiao.published import PublishedReport, parse_report_text
from jixiao.rules import RulePack

from jixiao.checks import packs
from jixiao.checks.published import completeness, funds, gate, indicators, numbering, scores, staff, years
from jixiao.checks.published.context import Review


@dataclass
class ReportReview:
    """The result of checking a report: findings (problems), confirmations (figures that add up) and the
    findings the confidence gate (:mod:`.gate`) holds back as doubtful, each with the reason in its evidence."""

    report: PublishedReport
    findings: list[Finding] = field(default_factory=list)
    confirmed: list[Confirmation] = field(default_factory=list)
    doubtful: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"findings": [f.to_json() for f in self.findings],
                "confirmed": [c.to_json() for c in self.confirmed],
                "doubtful": [f.to_json() for f in self.doubtful]}


# In this order: within a severity, findings keep the order they were found in.
CHECKS = (
    completeness.check_is_report, numbering.check_headings, numbering.check_lists, completeness.check_completeness,
    funds.check_breakdowns, funds.check_rates, funds.check_fund_rows, funds.check_rate_of_nothing, funds.check_yuan_slips,
    funds.check_total_row, funds.check_shares,
    funds.check_execution_low,
    indicators.check_counts, indicators.check_achieved, indicators.check_rows, indicators.check_enumerations,
    indicators.check_target_claims, indicators.check_completion, indicators.check_over_task, indicators.check_level_points,
    scores.check_score_grade, scores.check_heading_points, years.check_years, years.check_target_years,
    years.check_project_period,
    funds.check_payments, funds.check_income_expenditure, funds.check_parts_statements, funds.check_arranged_uses,
    funds.check_source_amounts, funds.check_listed_projects, funds.check_execution_points, funds.check_notice_amounts,
    funds.check_sentence_rates, funds.check_due_rates, funds.check_swapped_digits, funds.check_cell_rows,
    funds.check_standard_amounts, funds.check_listed_wholes, funds.check_share_slips,
    completeness.check_template_text, completeness.check_place_names, completeness.check_copied_unit, staff.check_staff,
)


def review_report(report: PublishedReport, *, pack: RulePack | str | None = None) -> ReportReview:
    """Check every claim of a parsed report; findings sorted errors first, plus the confirmations."""
    rule_pack = packs.resolve(pack, kind=report.kind)
    review = Review(report, rule_pack)
    for check in CHECKS:
        check(review)
    trusted, doubtful = gate.split(review.findings, report)
    return ReportReview(report, sort_findings(trusted), review.confirmed, doubtful)


def check_report_text(text: str, *, pack: RulePack | str | None = None) -> list[Finding]:
    """Findings on a report's text (parsed with :func:`parse_report_text`)."""
    return review_report(parse_report_text(text), pack=pack).findings
