"""Review checks (审核): find what does not add up, in an evaluation document and in a published report.

``check_document(doc, *, history=None, pack=None)`` checks structured data (an evaluation or a
workbook); ``check_report_text(text)`` and ``review_report(report)`` check a report that jixiao did
not write. Each returns :class:`Finding` objects (code, severity 错误/警告/提示, Chinese message,
location, evidence).
"""

from .findings import Confirmation, Finding, Severity, sort_findings  # noqa: F401
from .report import ReportReview, check_report_text, review_report  # noqa: F401
from .document import check_document  # noqa: F401
from .history import PastValue, assess_target, history_from_documents  # noqa: F401
from .locations import locate_in_workbook  # noqa: F401
