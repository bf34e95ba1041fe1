"""Whether a published report is whole: cut off, missing parts of the official outline, template text left in."""

from __future__ import annotations

from jixiao.published import model as pm

from jixiao.checks.published.context import W, Review
from jixiao.checks.vocabulary import vocabulary

def check_completeness(review: Review) -> None:
    report = review.report
    truncated = report.truncated
    if truncated is not None:
        review.find("incomplete", W, f"文档不完整：{truncated.value}（第 {truncated.line} 行），其后的内容缺失，"
                    "未检查缺少的章节", truncated)
        return
    if report.is_table or sum(1 for h in report.sections if h.level == 1) < 2 or "报告" not in report.title:
        return  # the official outline is that of a report, not of a table, a notice or a note
    titles = [h.title for h in report.sections]
    missing = [name for name, pattern in vocabulary().report_sections if not any(pattern.search(t) for t in titles)]
    if missing:
        review.find("section_missing", W, f"报告缺少以下部分：{'、'.join(missing)}", None, missing=missing)


def check_template_text(review: Review) -> None:
    for claim in review.claims(pm.TEMPLATE_TEXT):
        review.find("template_text", W, f"第 {claim.line} 行留有模板填写说明或占位符“{claim.value}”，未按实际填写",
                    claim, template=claim.value)
