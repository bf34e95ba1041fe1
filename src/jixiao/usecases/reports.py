"""The self-evaluation report (自评报告): drafted from data and rendered as .docx, .pdf or .html, one
or a region's batch; and what a redraft would change in the stored sections."""

from __future__ import annotations

from pathlib import Path

from jixiao.assessment import Assessment
from jixiao.documents.registry import report_form
from jixiao.documents.report import docx_bytes, pdf_bytes, render_html
from jixiao.documents.report.batch import BatchResult, Progress, render_batch, report_filename
from jixiao.domain.document import EvaluationDocument
from jixiao.fonts import missing_characters
from jixiao.narrative import draft_report, redraft
from jixiao.narrative.redraft import SectionChange
from jixiao.usecases.common import Produced


def produce_report(source: EvaluationDocument | Assessment, fmt: str = "docx", *, template: str | Path | None = None,
                   charts: bool = True) -> Produced:
    """The report of a document (or of its assessment) in ``fmt`` (docx, pdf, html). Its notes say
    what the user must still do: a score that could not be given, what is still to be filled in
    (sections left out of the file, unanswered items, missing reasons), characters the bundled
    fonts cannot draw."""
    form = report_form(fmt)
    report = draft_report(source, charts=charts)
    if form.key == "docx":
        data = docx_bytes(report, template, charts=charts)
    elif form.key == "pdf":
        data = pdf_bytes(report, charts=charts)
    else:
        data = render_html(report, charts=charts).encode("utf-8")
    doc = source.document if isinstance(source, Assessment) else source
    notes = [f"警告：{warning}" for warning in report.warnings]
    notes += [f"待填写：{finding.message}" for finding in report.missing]
    missing = missing_characters(report.text())
    if missing:
        notes.append(f"提示：内置字体缺少这些字符，PDF 中可能无法显示：{''.join(missing[:20])}")
    return Produced(report_filename(doc, form.key), form.content_type, data, tuple(notes))


def produce_reports(documents, target: str | Path, fmt: str = "docx", *, workers: int | None = None,
                    template: str | Path | None = None, charts: bool = True,
                    progress: Progress | None = None) -> BatchResult:
    """Every document's report into a folder or a .zip, in parallel processes."""
    return render_batch(documents, target, report_form(fmt).key, workers=workers, template=template, charts=charts,
                        progress=progress)


def redraft_changes(document: EvaluationDocument) -> list[SectionChange]:
    """What a fresh draft would change in the stored sections (edited text is kept)."""
    return redraft(document)
