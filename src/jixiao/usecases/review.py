"""Review (审核): the checks of an evaluation document (from a workbook, a data file or the database),
and of a report as it was published."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from jixiao.checks import check_document, review_report
from jixiao.checks.published import ReportReview
from jixiao.domain.document import EvaluationDocument
from jixiao.domain.findings import Finding
from jixiao.published import parse_report_file
from jixiao.rules import RulePack


def review_document(document: EvaluationDocument, *, pack: RulePack | str | None = None,
                    history: Iterable[EvaluationDocument] = (), stage: str = "evaluation",
                    workbook: bytes | str | Path | None = None, in_export: bool = False) -> list[Finding]:
    """Every finding on a document, errors first; with the workbook it came from, each finding names
    its sheet and cell (``指标!F12``); with ``in_export``, its cell in the workbook jixiao exports for it."""
    findings = check_document(document, history=list(history), pack=pack or None, stage=stage)
    if workbook is not None:
        from jixiao.checks.document.locations import locate_in_workbook

        return locate_in_workbook(findings, workbook)
    if in_export:
        from jixiao.checks.document.locations import locate_in_export

        return locate_in_export(findings, document)
    return findings


def finding_counts(assessment, findings: list[Finding] | None = None) -> tuple[int, int]:
    """(errors, warnings) of the review checks on an assessment (``jixiao.assessment.assess``), as they
    are stored beside its scores; ``findings`` when the caller has them already."""
    findings = review_document(assessment) if findings is None else findings
    return (sum(f.severity.value == "error" for f in findings), sum(f.severity.value == "warning" for f in findings))


def review_published(path: str | Path, *, pack: RulePack | str | None = None) -> ReportReview:
    """Read a published report (.docx/.pdf/.txt) and check its figures against each other."""
    return review_report(parse_report_file(path), pack=pack or None)


def review_published_text(text: str, *, pack: RulePack | str | None = None) -> ReportReview:
    """Check the text of a published report already read (``jixiao.published.files.read_report_file``),
    e.g. to show the text beside the findings, whose ``line`` is a line of this text."""
    from jixiao.published import parse_report_text

    return review_report(parse_report_text(text), pack=pack or None)
