"""Review checks (审核): find what does not add up, in an evaluation document and in a published report.

``check_document(doc, *, history=None, pack=None, stage="evaluation")`` checks structured data (an
evaluation or a workbook); ``check_report_text(text)`` and ``review_report(report)`` check a report
that jixiao did not write. Each returns :class:`Finding` objects (stable code, severity 错误/警告/提示,
Chinese message, location a page can link to, evidence); ``locate_in_workbook`` adds the sheet, row
and column of each finding's field when the document came from a workbook.
"""

from jixiao.checks.document import check_document
from jixiao.domain.findings import Confirmation, Finding, Severity, sort_findings
from jixiao.checks.document.history import PastValue, assess_target, history_from_documents
from jixiao.checks.published.review import ReportReview, check_report_text, review_report

__all__ = [
    "Confirmation", "Finding", "PastValue", "ReportReview", "Severity", "assess_target", "check_document",
    "check_report_text", "history_from_documents", "locate_in_workbook", "review_report", "sort_findings",
]


def __getattr__(name):
    # the workbook's layout is read only when a finding is placed in a workbook (a published text never is)
    if name == "locate_in_workbook":
        from jixiao.checks.document.locations import locate_in_workbook

        return locate_in_workbook
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
