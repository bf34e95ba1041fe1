"""Template helpers of the pages: the CSS class of a grade label (优 → ``grade-excellent``), and the
narrative's tables (funds, scores) as HTML with their merged cells."""

from django import template
from django.utils.html import format_html, format_html_join

from jixiao.domain.enums import GradeBand

register = template.Library()


@register.filter
def grade_code(label: str) -> str:
    """The band code of a grade label as rule packs write it (优, 优秀 → excellent), or ``""``."""
    band = GradeBand.from_label(label or "")
    return band.value if band else ""


@register.simple_tag
def narrative_table(table):
    """A :class:`jixiao.narrative.model.Table` as an HTML table (headings, spans, alignment)."""
    def cell(c, tag):
        css = {"right": "num", "left": ""}.get(c.align, "center")
        lines = format_html_join("", "{}<br>", ((line,) for line in c.text.split("\n")[:-1]))
        return format_html('<{} class="{}" colspan="{}" rowspan="{}">{}{}</{}>', tag, css, c.colspan, c.rowspan,
                           lines, c.text.split("\n")[-1], tag)

    rows = []
    for index, row in enumerate(table.rows):
        tag = "th" if index < table.header_rows else "td"
        rows.append(format_html("<tr>{}</tr>", format_html_join("", "{}", ((cell(c, tag),) for c in row))))
    return format_html('<div class="table-wrap"><table class="narrative"><caption>{}</caption>{}</table></div>',
                       table.title, format_html_join("", "{}", ((r,) for r in rows)))
