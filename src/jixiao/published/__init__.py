"""Published reports (已公开的自评报告 / 自评表) that jixiao did not write: read from .txt, .docx and .pdf
(:mod:`.files`), their text folded and tokenised (:mod:`.text`), the outline (:mod:`.outline`), figures
stated in prose (:mod:`.prose`) and in tables (:mod:`.tables`), put together by :mod:`.parse` into a
:class:`~jixiao.published.model.PublishedReport` of claims that each name their line.

A published report is not a form of the evaluation document: it is evidence to check
(:mod:`jixiao.checks.published`), so it lives apart from :mod:`jixiao.documents`.
"""

from jixiao.published.files import ReportFileError  # noqa: F401
from jixiao.published.model import PublishedReport  # noqa: F401
from jixiao.published.parse import parse_report_file, parse_report_text  # noqa: F401
