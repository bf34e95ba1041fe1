"""The self-evaluation report as files: .docx (primary, Word and WPS), .pdf and .html.

``render_docx(doc, path_or_stream, template=None)``, ``render_pdf(doc, path)`` and
``render_html(doc) -> str`` take an evaluation document (drafted with
:func:`jixiao.narrative.draft_report`) or an already drafted :class:`~jixiao.narrative.Report`.
All three render the same Report, so they say the same thing: :mod:`.docx` writes Word files,
:mod:`.html` the HTML page and the PDF, :mod:`.charts` the charts, :mod:`.template` builds the default
Word template, :mod:`.batch` renders a region's reports in parallel.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.documents.report.common import ReportTemplateError, Source, as_report
from jixiao.documents.report.docx import docx_bytes, render_docx, today_text
from jixiao.documents.report.html import pdf_bytes, render_html, render_pdf


def render(source: Source, path: str | Path, fmt: str | None = None, *, template=None, charts: bool = True) -> Path:
    """Write ``source`` to ``path`` in ``fmt`` (default: the path's suffix: docx, pdf or html)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt == "docx":
        render_docx(source, path, template, charts=charts)
    elif fmt == "pdf":
        render_pdf(source, path, charts=charts)
    elif fmt in ("html", "htm"):
        path.write_text(render_html(source, charts=charts), encoding="utf-8")
    else:
        raise ValueError(f"不支持的报告格式“{fmt}”（可选：docx、pdf、html）")
    return path


__all__ = ["ReportTemplateError", "as_report", "docx_bytes", "pdf_bytes", "render", "render_docx", "render_html",
           "render_pdf"]

