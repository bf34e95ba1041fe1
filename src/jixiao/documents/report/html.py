"""The report as one self-contained HTML page and as PDF (WeasyPrint): one Jinja2 template and
stylesheet; the PDF embeds the bundled fonts, so it shows Chinese on machines without any Chinese
font. Charts are SVG.

WeasyPrint cannot break a merged cell across pages (its text spills below the table, Kozea/WeasyPrint
#663), so the PDF is laid out, every merged cell a page break cuts is split there (its text repeated
at the top of the next page, under the repeated headings) and laid out again. Every merged group
that fits on a page is kept on one (documents/report/layout.py), so that second layout is needed
only where a group is longer than a page."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from jixiao.documents.collector import collector_paused
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
                cuts: dict[str, frozenset[int]] | None = None, first_page: int | None = None) -> str:
    """The report as one self-contained HTML page (CSS and SVG charts inline, nothing from a
    network). ``embed_fonts`` adds ``@font-face`` rules pointing at the bundled font files
    (``file://`` URLs, as the PDF renderer needs); ``cuts`` are the rows of each table (by id)
    before which its merged cells are split; ``first_page`` the number of the first printed page."""
    from markupsafe import Markup

    from jixiao.fonts import font_face_css

    report = as_report(source, charts=charts)
    css = (font_face_css() + "\n" if embed_fonts else "") + _css(for_print)
    if first_page is not None:
        css += f"\n@page :first {{ counter-reset: page {int(first_page)}; }}"
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
    report = as_report(source, charts=charts)
    with collector_paused():  # WeasyPrint's boxes: see jixiao.documents.collector
        _laid_out(report, charts).write_pdf(path_or_stream)


def _layout(report: Report, charts: bool, cuts: dict[str, frozenset[int]] | None = None,
            first_page: int | None = None):
    from weasyprint import HTML

    html = render_html(report, charts=charts, embed_fonts=True, for_print=True, cuts=cuts, first_page=first_page)
    return HTML(string=html, base_url=str(TEMPLATE_DIR)).render()


def _laid_out(report: Report, charts: bool):
    """The report laid out (a WeasyPrint document), with every merged cell a page break cuts split
    there. The whole report is laid out once; most reports are done then. Where breaks cut merged
    cells, the tables are laid out again with those cells split until no break cuts one (at most
    ``PDF_PASSES`` times). The appendix begins on a page of its own, so when every table is there only
    the appendix is laid out again, numbered on from the body's pages, and put after them: the body's
    pages of the first layout do not change."""
    document = _layout(report, charts)
    found = _merges_cut_by_pages(document, table_layouts(report))
    if not found:
        return document
    start = None
    if not any(isinstance(b, Table) for part in report.sections for s in part.walk() for b in s.blocks):
        start = _first_appendix_page(document)
    # The appendix alone is laid out after the title, which takes a page of its own: it is numbered
    # one before the appendix's first page and left out.
    probe, first_page = (report, None) if start is None else (replace(report, sections=(), signature=()), start)
    cuts: dict[str, frozenset[int]] = {}
    laid = document
    for _ in range(PDF_PASSES):
        cuts = {key: frozenset(cuts.get(key, frozenset()) | found.get(key, set())) for key in {*cuts, *found}}
        laid = _layout(probe, charts, cuts, first_page)
        found = _merges_cut_by_pages(laid, table_layouts(probe, cuts))
        if not found:
            break
    if probe is report:
        return laid
    if _first_appendix_page(laid) != 1:  # not laid out as expected: the whole report with the cuts found
        return _layout(report, charts, cuts)
    return document.copy([*document.pages[:start], *laid.pages[1:]])


def _first_appendix_page(document) -> int | None:
    """Index of the page the first appendix begins on (its ``h2.appendix`` heading)."""
    for number, page in enumerate(document.pages):
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            if element is not None and element.tag == "h2" and "appendix" in (element.get("class") or "").split():
                return number
            stack.extend(getattr(box, "children", None) or [])
    return None


def pdf_bytes(source: Source, *, charts: bool = True) -> bytes:
    buffer = io.BytesIO()
    render_pdf(source, buffer, charts=charts)
    return buffer.getvalue()

