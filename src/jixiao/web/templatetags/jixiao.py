"""Template helpers of the pages: the CSS class of a grade label (优 → ``grade-excellent``)."""

from django import template

from jixiao.domain.enums import GradeBand

register = template.Library()


@register.filter
def grade_code(label: str) -> str:
    """The band code of a grade label as rule packs write it (优, 优秀 → excellent), or ``""``."""
    band = GradeBand.from_label(label or "")
    return band.value if band else ""
