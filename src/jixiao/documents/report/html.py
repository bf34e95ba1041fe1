"""The report as one self-contained HTML page and as PDF (WeasyPrint): one Jinja2 template and
stylesheet; the PDF embeds the bundled fonts, so it shows Chinese on machines without any Chinese
font. Charts are SVG."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from jixiao.documents.report.common import Source, as_report
from jixiao.documents.report.template import TEMPLATE_DIR
from jixiao.narrative.model import Chart, Paragraph, Table

HTML_TEMPLATE = "report.html"
CSS_FILE = TEMPLATE_DIR / "report.css"
SCREEN_CSS_FILE = TEMPLATE_DIR / "report-screen.css"  # never given to WeasyPrint


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


def render_html(source: Source, *, charts: bool = True, embed_fonts: bool = False, for_print: bool = False) -> str:
    """The report as one self-contained HTML page (CSS and SVG charts inline, nothing from a
    network). ``embed_fonts`` adds ``@font-face`` rules pointing at the bundled font files
    (``file://`` URLs, as the PDF renderer needs)."""
    from markupsafe import Markup

    from jixiao.fonts import font_face_css

    report = as_report(source, charts=charts)
    css = (font_face_css() + "\n" if embed_fonts else "") + _css(for_print)
    draw = _chart_img if for_print else _chart_svg  # inline SVG on screen; an <img> is faster to print
    svgs = {chart: Markup(draw(chart)) for chart in report.charts()}
    template = _jinja().get_template(HTML_TEMPLATE)
    return template.render(report=report, css=Markup(css), svgs=svgs, for_print=for_print)


def render_pdf(source: Source, path_or_stream: str | Path | BinaryIO, *, charts: bool = True) -> None:
    """Write the report as PDF (A4, GB/T 9704 margins, page numbers), embedding the bundled fonts."""
    from weasyprint import HTML

    html = render_html(source, charts=charts, embed_fonts=True, for_print=True)
    HTML(string=html, base_url=str(TEMPLATE_DIR)).write_pdf(path_or_stream)


def pdf_bytes(source: Source, *, charts: bool = True) -> bytes:
    buffer = io.BytesIO()
    render_pdf(source, buffer, charts=charts)
    return buffer.getvalue()

