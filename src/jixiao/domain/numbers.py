"""Decimal helpers: half-up rounding and the way amounts and rates are written in reports.

Money is ``Decimal`` in 万元 with two places; rates are derived, never stored as truth.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

TWO_PLACES = Decimal("0.01")
ZERO = Decimal("0")


def to_decimal(value) -> Decimal | None:
    """Convert ``value`` (Decimal, int, str or float via its repr) to Decimal; ``None`` stays ``None``."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation as exc:
        raise ValueError(f"“{value}”不是有效的数值") from exc
    if not number.is_finite():  # NaN and Infinity are no amounts
        raise ValueError(f"“{value}”不是有效的数值")
    return number


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round half-up (四舍五入) to ``places`` decimals, as published tables do."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """``numerator / denominator`` at full precision, ``None`` when the denominator is zero."""
    if not denominator:
        return None
    return numerator / denominator


def format_amount(value: Decimal | None, places: int = 2) -> str:
    """Write an amount as reports do: ``1,291.73``; a zero amount is written ``0``."""
    if value is None:
        return "—"
    if value == 0:
        return "0"
    return f"{round_half_up(value, places):,.{places}f}"


def format_table_amount(value: Decimal | None, places: int = 2) -> str:
    """Write an amount in a table's column of amounts: always ``places`` decimals, so a zero reads
    ``0.00`` beside ``1,266.80`` (prose keeps :func:`format_amount`'s ``0 万元``)."""
    if value is None:
        return "—"
    return f"{round_half_up(value, places):,.{places}f}"


def format_percent(rate: Decimal | None, places: int = 1) -> str:
    """Write a rate (0.99741…) as a percentage with ``places`` decimals: ``99.7%``."""
    if rate is None:
        return "—"
    return f"{round_half_up(rate * 100, places):.{places}f}%"


def format_number(value: Decimal | None) -> str:
    """Write a count or measured value without trailing zeros: ``735``, ``90.8``, ``1,200``."""
    if value is None:
        return ""
    normalized = value.normalize()
    if normalized == normalized.to_integral():
        return f"{normalized.quantize(Decimal(1)):,}"  # normalize() writes 20 as 2E+1
    text = format(normalized, "f")
    whole, _, frac = text.partition(".")
    return f"{Decimal(whole):,}.{frac}"


def canonical(value: Decimal | None) -> Decimal | None:
    """The same number without trailing zeros and never in exponent form (``4.000000`` → ``4``,
    ``798.60`` → ``798.6``), so values read back from a database compare and print like the input."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
