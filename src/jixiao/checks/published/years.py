"""The evaluation year a published report states, against the year of its title."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.published import model as pm
from jixiao.published.parse import later_evaluation_year

from jixiao.published.model import Claim

from jixiao.checks.published.context import W, Review, settings, show

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


def check_project_period(review: Review) -> None:
    """A target form whose 项目期 (1年) is shorter than the medium-term target it sets (中期目标(2023年—2025年)) while
    its medium-term money is more than the year's (中期资金总额 449.8万, 年度资金总额 189.8万): the form plans later
    years for a project it says lasts one."""
    data = settings()
    lines = review.report.lines
    flat = " ".join(line.strip(" |") for line in lines)
    period = re.search(data["project_period_pattern"], flat)
    span = re.search(data["medium_term_span_pattern"], flat)
    medium = re.search(data["medium_term_money_pattern"], flat)
    annual = re.search(data["annual_money_pattern"], flat)
    if not (period and span and medium and annual):
        return
    years = int(span.group("b")) - int(span.group("a")) + 1
    medium_money, annual_money = (Decimal(m.group("n").replace(",", "")) for m in (medium, annual))
    if int(period.group("n")) >= years or medium_money <= annual_money:
        return
    line = next((number for number, text in enumerate(lines, start=1) if "项目期" in text), 0)
    claim = Claim("project_period", int(period.group("n")), period.group(0), line, None, None)
    review.find("year_mismatch", W, f"项目期写为 {period.group('n')} 年，表中却设有中期目标（{span.group('a')}—"
                f"{span.group('b')} 年）且中期资金总额 {show(medium_money)} 多于年度资金总额 {show(annual_money)}",
                claim, period=int(period.group("n")), span=years)
