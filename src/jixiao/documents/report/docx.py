"""The report as .docx (Word and WPS): a docxtpl template (default ``templates/report.docx``; a region's
own can replace it, see ``templates/README.md``) whose ``{{p body }}`` and ``{{p appendix }}`` receive the
report built with python-docx in the template's styles, and whose ``{{ … }}`` fields receive the
report's values. Charts are PNG."""

from __future__ import annotations

import io
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm

from jixiao.documents.collector import collector_paused
from jixiao.documents.report.common import ReportTemplateError, Source, as_report
from jixiao.documents.report.layout import DOCX_KEEP_SHARE, column_widths_mm, keep_with_next, signature_indents
from jixiao.documents.report.template import (
    DEFAULT_TEMPLATE,
    STYLE_APPENDIX,
    STYLE_CAPTION,
    STYLE_FIGURE,
    STYLE_HEADINGS,
    STYLE_LEADS,
    STYLE_NOTE,
    STYLE_TABLE_TEXT,
)
from jixiao.narrative.model import Chart, Paragraph, Section, Table
from jixiao.narrative.sentences import date_text

CHART_WIDTH = Mm(150)
BODY_CHARACTER_TWIPS = 16 * 20  # one character of the 三号 body text


def today_text(day: date | None = None) -> str:
    return date_text(day or date.today())


class DocxWriter:
    """Writes report sections into a python-docx document using the template's style names
    (a style the template lacks falls back to Normal)."""

    def __init__(self, document, style_ids: dict[str, str]):
        self.document = document
        self.style_ids = style_ids  # style name → style id, resolved once (python-docx looks names up slowly)
        self._chart_png = _chart_png

    def style(self, name: str) -> str | None:
        return self.style_ids.get(name)

    def add_paragraph(self, text: str = "", style: str | None = None):
        paragraph = self.document.add_paragraph(text)
        style_id = self.style_ids.get(style) if style else None
        if style_id:
            paragraph._p.style = style_id
        return paragraph

    def add_run(self, paragraph, text: str, style: str | None = None):
        run = paragraph.add_run(text)
        style_id = self.style_ids.get(style) if style else None
        if style_id:
            run._r.style = style_id
        return run

    def section(self, section: Section) -> None:
        if section.level == 0:
            paragraph = self.add_paragraph(style=STYLE_APPENDIX)
            paragraph.add_run().add_break(WD_BREAK.PAGE)
            paragraph.add_run(section.title)
        elif not section.run_in:
            style = STYLE_HEADINGS[min(section.level, len(STYLE_HEADINGS)) - 1]
            self.add_paragraph(section.heading, style)
        first = True
        for block in section.blocks:
            if isinstance(block, Paragraph):
                lead = section.heading if (section.run_in and first) else ""
                self.paragraph(block, lead, section.level)
                first = False
            elif isinstance(block, Chart):
                self.chart(block)
            elif isinstance(block, Table):
                self.table(block)
        if section.run_in and first:
            self.paragraph(Paragraph(""), section.heading, section.level)
        for child in section.children:
            self.section(child)

    def paragraph(self, block: Paragraph, lead: str = "", level: int = 1) -> None:
        paragraph = self.add_paragraph(style=STYLE_NOTE if block.style == "note" else None)
        lead_text = lead + block.lead
        if lead_text:
            self.add_run(paragraph, lead_text, STYLE_LEADS[min(max(level, 1), len(STYLE_LEADS)) - 1])
        paragraph.add_run(block.text)

    def chart(self, chart: Chart) -> None:
        paragraph = self.add_paragraph(style=STYLE_FIGURE)
        paragraph.add_run().add_picture(io.BytesIO(self._chart_png(chart)), width=CHART_WIDTH)
        self.add_paragraph(f"{chart.number} {chart.title}".strip(), STYLE_CAPTION)

    def table(self, table: Table) -> None:
        caption = self.add_paragraph(f"{table.number} {table.title}".strip(), STYLE_CAPTION)
        caption.paragraph_format.keep_with_next = True  # a caption is never left at the foot of a page
        self.document.element.body._insert_tbl(parse_xml(table_xml(table, self.style_ids.get(STYLE_TABLE_TEXT))))

    def signature(self, lines: tuple[str, ...]) -> None:
        """落款: a blank line, then the unit's name and the date from the right (GB/T 9704 7.3.5.2)."""
        if not lines:
            return
        self.add_paragraph().paragraph_format.keep_with_next = True
        indents = signature_indents(lines[0], lines[-1])
        for position, (line, indent) in enumerate(zip(lines, indents)):
            paragraph = self.add_paragraph(line)
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="right"/>'))
            ppr.append(parse_xml(f'<w:ind {nsdecls("w")} w:firstLine="0" w:firstLineChars="0" '
                                 f'w:rightChars="{round(indent * 100)}" w:right="{round(indent * BODY_CHARACTER_TWIPS)}"/>'))
            paragraph.paragraph_format.keep_with_next = position < len(lines) - 1


_BORDERS = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))


# Narrow side margins (1 mm, as official forms use) instead of Word's 1.9 mm: the 分值 and 得分
# columns of the 自评表 then hold "100" and "87.47" on one line.
CELL_MARGIN_TWIPS = 57
_CELL_MARGINS = (f'<w:tblCellMar><w:left w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
                 f'<w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/></w:tblCellMar>')


def table_xml(table: Table, text_style: str | None) -> str:
    """The table as WordprocessingML, written in one piece (python-docx's cell API rebuilds the
    whole grid on every call, which makes a 100-row form slow). Fixed layout, full borders, centred;
    header rows repeat on each page, rows never split; merged cells as gridSpan / vMerge; columns as
    wide as their headings need (:func:`column_widths_mm`); the rows of a merged cell that fits on a
    page kept on one page (keep with next), so no merged cell is cut by a page break, where Word and
    LibreOffice would leave rows beside it top-aligned."""
    twips = [round(w * 1440 / 25.4) for w in column_widths_mm(table)]
    keep = keep_with_next(table, DOCX_KEEP_SHARE)
    style = f'<w:pStyle w:val="{escape(text_style)}"/>' if text_style else ""
    out = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(twips)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>{_CELL_MARGINS}'
           '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
           'w:noHBand="0" w:noVBand="0"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in twips]
    out.append("</w:tblGrid>")
    for r, row in enumerate(table.grid()):
        header = "<w:tblHeader/>" if r < table.header_rows else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        c = 0
        while c < table.columns:
            cell, origin = row[c]
            if not origin and c and row[c - 1] is not None and row[c - 1][0] is cell:
                c += 1  # inside a horizontal span, covered by the gridSpan of its first cell
                continue
            span = min(cell.colspan, table.columns - c)
            props = f'<w:tcW w:w="{sum(twips[c:c + span])}" w:type="dxa"/>'
            if span > 1:
                props += f'<w:gridSpan w:val="{span}"/>'
            if cell.rowspan > 1:
                props += '<w:vMerge w:val="restart"/>' if origin else "<w:vMerge/>"
            props += '<w:vAlign w:val="center"/>'
            text = ""
            if origin and cell.text:
                bold = "<w:rPr><w:b/></w:rPr>" if cell.bold else ""
                lines = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in cell.text.split("\n"))
                text = f"<w:r>{bold}{lines}</w:r>"
            align = cell.align if cell.align in ("left", "center", "right") else "center"
            keep_next = "<w:keepNext/>" if keep[r] and r + 1 < len(table.rows) else ""
            out.append(f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr>{style}{keep_next}<w:jc w:val="{align}"/></w:pPr>'
                       f"{text}</w:p></w:tc>")
            c += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


@lru_cache(maxsize=32)
def _chart_png(chart: Chart) -> bytes:
    from jixiao.documents.report.charts import render_chart

    return render_chart(chart, "png", dpi=150)



def _open_template(template):
    from docxtpl import DocxTemplate

    path = template or DEFAULT_TEMPLATE
    try:
        tpl = DocxTemplate(path)
        tpl.init_docx()
    except Exception as exc:  # a missing or damaged file: python-docx raises several kinds
        raise ReportTemplateError(f"报告模板“{path}”无法打开：{exc}") from exc
    return tpl


def render_docx(source: Source, path_or_stream: str | Path | BinaryIO, template: str | Path | BinaryIO | None = None,
                *, charts: bool = True, generated_on: date | None = None) -> None:
    """Write the report as .docx to a path or a binary stream, using ``template`` (a region's
    docxtpl template) or the default one."""
    with collector_paused():  # see jixiao.documents.collector
        _render_docx(source, path_or_stream, template, charts, generated_on)


def _render_docx(source: Source, path_or_stream, template, charts: bool, generated_on: date | None) -> None:
    report = as_report(source, charts=charts)
    tpl = _open_template(template)
    style_ids = {style.name: style.style_id for style in tpl.docx.styles}
    needed = _template_variables(tpl)

    def subdoc(sections: tuple[Section, ...], signature: tuple[str, ...] = ()):
        doc = tpl.new_subdoc()
        writer = DocxWriter(doc.subdocx, style_ids)
        for section in sections:
            writer.section(section)
        writer.signature(signature)
        return doc

    from docxtpl import Listing

    def signature():
        doc = tpl.new_subdoc()
        DocxWriter(doc.subdocx, style_ids).signature(report.signature)
        return doc

    own_signature = "signature" in needed  # a template may place the 落款 itself
    body = subdoc(report.sections, () if own_signature else report.signature)
    context = {**report.meta, "generated_on": today_text(generated_on), "missing": [finding.message for finding in report.missing],
               "title_broken": Listing("\n".join(report.title_lines or (report.title,))),
               "body": body, "appendix": subdoc(report.appendices)}
    if own_signature:
        context["signature"] = signature()
    if "sections" in needed:
        context["sections"] = {section.key: subdoc((section,)) for section in report.sections}
    try:
        tpl.render(context, autoescape=True)
    except Exception as exc:  # jinja syntax errors in a region's template
        raise ReportTemplateError(f"报告模板无法填充：{exc}") from exc
    tpl.save(path_or_stream)


def _template_variables(tpl) -> set[str]:
    """Names the template uses, read cheaply from its main XML (no full Jinja parse)."""
    xml = tpl.get_xml() if hasattr(tpl, "get_xml") else ""
    return {name for name in ("sections", "signature") if name in xml}


def docx_bytes(source: Source, template=None, *, charts: bool = True) -> bytes:
    buffer = io.BytesIO()
    render_docx(source, buffer, template, charts=charts)
    return buffer.getvalue()

