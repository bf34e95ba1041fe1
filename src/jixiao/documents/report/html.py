"""The report as one self-contained HTML page and as PDF (WeasyPrint): one Jinja2 template and
stylesheet; the PDF embeds the bundled fonts, so it shows Chinese on machines without any Chinese
font. Charts are SVG.

WeasyPrint cannot break a merged cell across pages (its text spills below the table, Kozea/WeasyPrint
#663), so the PDF is laid out, every merged cell a page break cuts is split there (its text repeated
at the top of the next page, under the repeated headings) and laid out again."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from jixiao.documents.report.common import Source, as_report
from jixiao.documents.report.layout import column_widths_mm, keep_with_next, signature_indents
from jixiao.documents.report.template import TEMPLATE_DIR
from jixiao.narrative.model import Chart, Paragraph, Report, Table

HTML_TEMPLATE = "report.html"
CSS_FILE = TEMPLATE_DIR / "report.css"
SCREEN_CSS_FILE = TEMPLATE_DIR / "report-screen.css"  # never given to WeasyPrint
PDF_PASSES = 3  # trial layouts at most: each splits the merged cells the page breaks of the last one cut


@dataclass(frozen=True)
class TableLayout:
    """How a table is drawn: the table (its merged cells split where pages break), its columns in
    % of the text width, which rows stay with the next, and its id in the page."""

    table: Table
    widths: tuple[float, ...]
    keep: tuple[bool, ...]
    id: str


def table_layouts(report: Report, cuts: dict[str, frozenset[int]] | None = None) -> dict[Table, TableLayout]:
    layouts = {}
    for index, table in enumerate(report.tables(), start=1):
        key = f"table-{index}"
        drawn = table.split_before((cuts or {}).get(key, ()))
        widths = column_widths_mm(drawn)
        total = sum(widths)
        layouts[table] = TableLayout(drawn, tuple(round(100 * w / total, 2) for w in widths),
                                     tuple(keep_with_next(drawn)), key)
    return layouts


@lru_cache(maxsize=32)
def _chart_svg(chart: Chart) -> str:
    from jixiao.documents.report.charts import svg_markup

    return svg_markup(chart)


@lru_cache(maxsize=32)
def _chart_img(chart: Chart) -> str:
    from jixiao.documents.report.charts import svg_image

    return svg_image(chart)


@lru_cache(maxsize=1)
def _jinja():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["is_paragraph"] = lambda b: isinstance(b, Paragraph)
    env.globals["is_table"] = lambda b: isinstance(b, Table)
    env.globals["is_chart"] = lambda b: isinstance(b, Chart)
    return env


def _css(for_print: bool) -> str:
    css = CSS_FILE.read_text(encoding="utf-8")
    return css if for_print else css + SCREEN_CSS_FILE.read_text(encoding="utf-8")


def render_html(source: Source, *, charts: bool = True, embed_fonts: bool = False, for_print: bool = False,
                cuts: dict[str, frozenset[int]] | None = None) -> str:
    """The report as one self-contained HTML page (CSS and SVG charts inline, nothing from a
    network). ``embed_fonts`` adds ``@font-face`` rules pointing at the bundled font files
    (``file://`` URLs, as the PDF renderer needs); ``cuts`` are the rows of each table (by id)
    before which its merged cells are split."""
    from markupsafe import Markup

    from jixiao.fonts import font_face_css

    report = as_report(source, charts=charts)
    css = (font_face_css() + "\n" if embed_fonts else "") + _css(for_print)
    draw = _chart_img if for_print else _chart_svg  # inline SVG on screen; an <img> is faster to print
    svgs = {chart: Markup(draw(chart)) for chart in report.charts()}
    signature = ()
    if report.signature:
        name, day = report.signature[0], report.signature[-1]
        signature = tuple(zip(report.signature, signature_indents(name, day)))
    template = _jinja().get_template(HTML_TEMPLATE)
    return template.render(report=report, css=Markup(css), svgs=svgs, for_print=for_print,
                           tables=table_layouts(report, cuts), signature=signature)


def _merges_cut_by_pages(document, layouts: dict[Table, TableLayout]) -> dict[str, set[int]]:
    """Rows (by table id) that begin a page while a merged cell of the rows above runs on into them."""
    by_id = {layout.id: layout.table for layout in layouts.values()}
    first_page: dict[tuple[str, int], int] = {}
    for number, page in enumerate(document.pages):
        stack = [(page._page_box, None)]  # (box, id of the table it is in)
        while stack:
            box, table_id = stack.pop()
            element = getattr(box, "element", None)
            if element is not None and element.tag == "table" and element.get("id") in by_id:
                table_id = element.get("id")
            if type(box).__name__ == "TableRowBox" and element is not None and table_id:
                first_page.setdefault((table_id, int(element.get("data-row"))), number)
            stack.extend((child, table_id) for child in reversed(getattr(box, "children", None) or []))
    cuts: dict[str, set[int]] = {}
    for key, table in by_id.items():
        grid = table.grid()
        for r in range(table.header_rows + 1, len(table.rows)):
            page, before = first_page.get((key, r)), first_page.get((key, r - 1))
            if page is None or before is None or page == before:
                continue
            if any(entry is not None and not entry[1] and grid[r - 1][c] is not None and grid[r - 1][c][0] is entry[0]
                   for c, entry in enumerate(grid[r])):
                cuts.setdefault(key, set()).add(r)
    return cuts


def render_pdf(source: Source, path_or_stream: str | Path | BinaryIO, *, charts: bool = True) -> None:
    """Write the report as PDF (A4, GB/T 9704 margins, page numbers), embedding the bundled fonts;
    no merged cell of a table runs across a page break."""
    from weasyprint import HTML

    report = as_report(source, charts=charts)
    cuts = _page_cuts(report, charts)
    html = render_html(report, charts=charts, embed_fonts=True, for_print=True, cuts=cuts)
    HTML(string=html, base_url=str(TEMPLATE_DIR)).write_pdf(path_or_stream)


def _page_cuts(report: Report, charts: bool) -> dict[str, frozenset[int]]:
    """Where page breaks fall inside merged cells, found by laying the tables out. The appendix
    begins on a page of its own, so when every table is there only the appendix is laid out (its
    pages break the same way as in the whole report, at a fraction of the cost)."""
    from weasyprint import HTML

    probe = report
    if report.tables() and not any(isinstance(b, Table) for part in report.sections for s in part.walk()
                                   for b in s.blocks):
        probe = replace(report, sections=(), signature=())
    cuts: dict[str, frozenset[int]] = {}
    for _ in range(PDF_PASSES):
        html = render_html(probe, charts=charts, embed_fonts=True, for_print=True, cuts=cuts)
        found = _merges_cut_by_pages(HTML(string=html, base_url=str(TEMPLATE_DIR)).render(), table_layouts(probe, cuts))
        if not found:
            break
        cuts = {key: frozenset(cuts.get(key, frozenset()) | found.get(key, set())) for key in {*cuts, *found}}
    return cuts


def pdf_bytes(source: Source, *, charts: bool = True) -> bytes:
    buffer = io.BytesIO()
    render_pdf(source, buffer, charts=charts)
    return buffer.getvalue()

