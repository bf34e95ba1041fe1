"""What the batch tests ask of a synthetic published text: its review, the codes of its findings, and
the codes it holds as doubtful (存疑)."""

from jixiao.checks import review_report
from jixiao.published import parse_report_text


def review(text: str):
    return review_report(parse_report_text(text))


def codes(text: str) -> list[str]:
    return [f.code for f in review(text).findings]


def doubted(text: str) -> list[str]:
    return [f.code for f in review(text).doubtful]
