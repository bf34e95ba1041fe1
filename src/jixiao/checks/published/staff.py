"""Staff of a published report: 实有人数 against 编制数, and the stated control rate."""

from __future__ import annotations

from jixiao.published import model as pm

from jixiao.checks.published.context import E, W, Review, places, show
from jixiao.checks.tolerance import percent_of, rate_agrees

def check_staff(review: Review) -> None:
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
        computed = percent_of(actual.value, establishment.value, max(places(rate.value), 2))
        if rate_agrees(actual.value, establishment.value, rate.value):
            review.confirm("staff_rate", f"人员控制率 {show(rate.value)}% = {show(actual.value)} ÷ {show(establishment.value)}",
                           rate)
        else:
            review.find("staff_rate", E, f"人员控制率写为 {show(rate.value)}%，但 {show(actual.value)} ÷ "
                        f"{show(establishment.value)} = {computed}%", rate, stated=rate.value, computed=computed)
