"""The evaluation year a published report states, against the year of its title."""

from __future__ import annotations

from jixiao.published import model as pm
from jixiao.published.parse import later_evaluation_year

from jixiao.checks.published.context import W, Review

def check_years(review: Review) -> None:
    title = review.report.first(pm.TITLE_YEAR)
    if title is None:
        return
    later = later_evaluation_year(review.report)
    for claim in review.claims(pm.EVALUATION_YEAR):
        if claim is later:
            continue  # the title names the fund's year (2021年…资金), the form the year it evaluates (2022年度)
        if claim.value != title.value:
            review.find("year_mismatch", W, f"标题年度为 {title.value} 年，第 {claim.line} 行写为 {claim.value} 年"
                        f"（“{claim.text}”）", claim, title_year=title.value, year=claim.value)


def check_target_years(review: Review) -> None:
    """A form's annual target (项目年度目标) that opens with another year than the form's own (2022年…计划 in
    a 2023年度 form): last year's target copied."""
    forms = review.claims(pm.EVALUATION_YEAR)
    for claim in review.claims(pm.TARGET_YEAR):
        own = [c for c in forms if c.start < claim.start and "年度" in (c.text or "")]
        if own and own[-1].value != claim.value:
            review.find("year_mismatch", W, f"第 {own[-1].line} 行为 {own[-1].value} 年度的自评表，第 {claim.line} 行的项目年度"
                        f"目标却写为 {claim.value} 年", claim, title_year=own[-1].value, year=claim.value)
