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
