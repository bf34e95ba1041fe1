"""What a review check (审核) returns: findings with a severity, and confirmations of figures that add up.

A :class:`Finding` (审核意见) names the exact place (a ``location`` a web page can link to a field:
``{"object": "indicator", "code": "1-5", "field": "deviation_reason"}``, workbook coordinates
``{"sheet": "指标", "row": 12, "column": "F"}``, or a line of a report), the numbers involved
(``evidence``) and a Chinese message. The web app blocks a submission with 错误 findings and asks
for confirmation of 警告 ones; 提示 findings are advice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.domain.enums import LabeledEnum
from jixiao.domain.numbers import canonical


class Severity(LabeledEnum):
    """审核意见的严重程度: 错误 blocks a submission, 警告 needs confirmation, 提示 is advice."""

    ERROR = "error", "错误"
    WARNING = "warning", "警告"
    INFO = "info", "提示"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


def _plain(value: Any) -> Any:
    """Evidence as JSON-ready values: decimals as strings without exponent, tuples as lists."""
    if isinstance(value, Decimal):
        return format(canonical(value), "f")
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, LabeledEnum):
        return value.label
    return value


@dataclass(frozen=True)
class Finding:
    """审核意见: one problem at one place.

    ``code`` is stable (e.g. ``report.section_duplicate``, ``indicator.reason_missing``);
    ``location`` says where, in a form a page can link to; ``evidence`` holds the figures.
    """

    code: str
    severity: Severity
    message: str
    location: dict = field(default_factory=dict)
    evidence: dict = field(default_factory=dict)

    @property
    def blocks_submission(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.label,
            "message": self.message,
            "location": _plain(self.location),
            "evidence": _plain(self.evidence),
        }


@dataclass(frozen=True)
class Confirmation:
    """核对无误: a figure the check recomputed and found right (e.g. 99.7% = 1,288.38 ÷ 1,291.73)."""

    code: str
    message: str
    location: dict = field(default_factory=dict)
    evidence: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"code": self.code, "message": self.message, "location": _plain(self.location),
                "evidence": _plain(self.evidence)}


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then advice; within a severity, in the order found."""
    return [f for _, f in sorted(enumerate(findings), key=lambda pair: (pair[1].severity.rank, pair[0]))]


def indicator_location(task_code: str, indicator_code: str, field_name: str = "", name: str = "") -> dict:
    location = {"object": "indicator", "task": task_code, "code": indicator_code}
    if name:
        location["name"] = name
    if field_name:
        location["field"] = field_name
    return location


def object_location(kind: str, code: str = "", field_name: str = "", **extra) -> dict:
    location = {"object": kind}
    if code:
        location["code"] = code
    if field_name:
        location["field"] = field_name
    location.update({k: v for k, v in extra.items() if v not in (None, "")})
    return location
