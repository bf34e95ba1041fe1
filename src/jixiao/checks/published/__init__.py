"""Checks of a published report (自评报告 / 自评表) that jixiao did not write: its claims
(:mod:`jixiao.published`) compared with each other (:mod:`.review`)."""

from jixiao.checks.published.review import ReportReview, check_report_text, review_report  # noqa: F401
