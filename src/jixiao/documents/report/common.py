"""What the report renderers share: the source they accept (a document or a drafted report)."""

from __future__ import annotations

from typing import Union

from jixiao.domain.document import EvaluationDocument
from jixiao.narrative import Report, draft_report

Source = Union[EvaluationDocument, Report]


class ReportTemplateError(ValueError):
    """A docx template that cannot be used; the message names the file and the problem."""


def as_report(source: Source, *, charts: bool = True) -> Report:
    return source if isinstance(source, Report) else draft_report(source, charts=charts)
