"""Comparing figures as published: every written number stands for an interval.

``1,288.38`` stands for anything in [1,288.375, 1,288.385); ``99.7%`` for [99.65%, 99.75%). A rate,
sum or product printed from rounded figures is right when the interval of what the figures allow
meets the interval of what was printed — so 99.7% of 1,288.38 ÷ 1,291.73 is right and 86.19% of
215,457.6 ÷ 250,000 (86.183…%) is wrong. No fixed tolerance is involved: the precision is the one
the document wrote.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.numbers import round_half_up

Interval = tuple[Decimal, Decimal]


def half_unit(value: Decimal, exact_integers: bool = False) -> Decimal:
    """Half a unit of the last written digit (``99.7`` → 0.05); 0 for a written zero, which is exact.

    ``exact_integers``: a whole number stands for itself (points and scores such as 10 or 7 are
    given whole, not rounded from 9.6)."""
    if value == 0:
        return Decimal(0)
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if places == 0 and exact_integers:
        return Decimal(0)
    return Decimal(1).scaleb(-places) / 2


def interval(value: Decimal, exact_integers: bool = False) -> Interval:
    h = half_unit(value, exact_integers)
    return value - h, value + h


def meets(a: Interval, b: Interval) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def ratio_interval(numerator: Decimal, denominator: Decimal, scale: Decimal = Decimal(100)) -> Interval | None:
    """The interval of ``numerator / denominator × scale`` over the intervals of both figures."""
    n_lo, n_hi = interval(numerator)
    d_lo, d_hi = interval(denominator)
    if d_lo <= 0:
        return None
    return n_lo / d_hi * scale, n_hi / d_lo * scale


def rate_agrees(numerator: Decimal, denominator: Decimal, stated_percent: Decimal) -> bool | None:
    """Whether a printed percentage agrees with the amounts it is a rate of; ``None`` if undefined."""
    computed = ratio_interval(numerator, denominator)
    if computed is None:
        return None
    return meets(computed, interval(stated_percent))


def rate_cut_agrees(numerator: Decimal, denominator: Decimal, stated_percent: Decimal) -> bool:
    """Whether a printed percentage is what the amounts give cut (not rounded) to the places written:
    99.3% for 1,389.3 ÷ 1,397.90 = 99.38%. Writers and spreadsheets cut as often as they round."""
    computed = ratio_interval(numerator, denominator)
    if computed is None:
        return False
    exponent = stated_percent.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    step = Decimal(1).scaleb(-places)
    return meets(computed, (stated_percent, stated_percent + step - step / 1000))


def sum_interval(parts: list[Decimal], exact_integers: bool = False) -> Interval:
    low = sum((interval(p, exact_integers)[0] for p in parts), Decimal(0))
    high = sum((interval(p, exact_integers)[1] for p in parts), Decimal(0))
    return low, high


def sum_agrees(parts: list[Decimal], total: Decimal, exact_integers: bool = False) -> bool:
    """Whether printed parts can add up to a printed total, given the rounding of each."""
    return meets(sum_interval(parts, exact_integers), interval(total, exact_integers))


def product_agrees(weight: Decimal, numerator: Decimal, denominator: Decimal, stated: Decimal,
                   cap: Decimal | None = None) -> bool | None:
    """Whether ``stated`` ≈ weight × min(numerator/denominator, cap) (e.g. 10 × 86.18% → 8.62)."""
    rate = ratio_interval(numerator, denominator, Decimal(1))
    if rate is None:
        return None
    low, high = rate
    if cap is not None:
        low, high = min(low, cap), min(high, cap)
    return meets((weight * low, weight * high), interval(stated))


def percent_of(numerator: Decimal, denominator: Decimal, places: int = 2) -> Decimal | None:
    """The percentage at ``places`` decimals, half-up, for messages."""
    if not denominator:
        return None
    return round_half_up(numerator / denominator * 100, places)


def places_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
