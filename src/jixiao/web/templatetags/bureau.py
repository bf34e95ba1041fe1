"""Template helpers of the bureau's pages."""

from decimal import Decimal

from django import template

from jixiao.domain.numbers import round_half_up

register = template.Library()


@register.filter
def percent(value) -> str:
    """A rate (0.9876) as ``98.76%`` (half-up), or ``—``."""
    if value is None or value == "":
        return "—"
    return f"{round_half_up(Decimal(value) * 100, 2)}%"
