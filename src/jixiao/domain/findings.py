"""Findings (审核意见) and confirmations: the one type in which scoring, the review checks and the
checks of published reports say what they found.

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

    @property
    def subject(self) -> str:
        """The code of what the finding is about (an indicator code, a pack leaf key), or ``""``."""
        return str(self.location.get("code", ""))

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


def item_location(leaf_key: str, name: str = "") -> dict:
    """Where a scored item of the rule pack is (a management leaf such as 预算调整率, or a group)."""
    location = {"object": "item", "code": leaf_key}
    if name:
        location["name"] = name
    return location


def object_location(kind: str, code: str = "", field_name: str = "", **extra) -> dict:
    location = {"object": kind}
    if code:
        location["code"] = code
    if field_name:
        location["field"] = field_name
    location.update({k: v for k, v in extra.items() if v not in (None, "")})
    return location


# How a location is said to a user (codes and field keys stay in the JSON form).
OBJECT_NAMES = {"section": "报告章节", "task": "任务", "project": "项目", "indicator": "指标", "adjustment": "第{}条调整",
                "fact": "评价要点", "item": "评分项", "fund_line": "资金", "funds": "资金", "monitoring": "运行监控",
                "document": ""}
FIELD_NAMES = {
    "title": "标题", "text": "正文", "description": "任务内容", "summary": "绩效目标完成情况", "goal": "年度总体目标",
    "goal_result": "实际完成情况", "deviation_reason": "偏差原因分析", "improvement": "改进措施",
    "target_basis": "指标值确定依据", "reason": "原因", "note": "说明", "actual": "实际完成值", "code": "编号",
    "name": "名称", "target": "年度指标值", "unit": "度量单位", "weight": "分值", "weights": "分值",
    "self_score": "自评得分", "executed": "执行数", "execution_rate": "预算执行率", "full_year_budget": "全年预算数",
    "initial_budget": "年初预算数", "budget": "预算数", "rule_pack": "评分规则", "score": "得分",
    "self_grade": "自评等级", "self_total": "自评总分", "after": "调整后", "before": "调整前", "year": "年度",
    "indicators": "绩效指标", "as_of": "监控日期", "value": "已完成值", "carryover": "结转和结余",
}


def describe(location: dict) -> str:
    """A location as a reader says it, in Chinese: ``指标!F12``, ``第 27 行``, ``指标“会员企业满意率”（1-6）的
    偏差原因分析``, ``资金（一般公共预算财政拨款 · 基本支出）的全年预算数``, ``自评总分``."""
    if not location:
        return ""
    if "sheet" in location:
        cell = f"{location.get('column', '')}{location.get('row', '')}"
        return f"{location['sheet']}!{cell}" if cell else str(location["sheet"])
    if "line" in location:
        table = f"第 {location['table']} 张表，" if "table" in location else ""
        return f"{table}第 {location['line']} 行"
    kind, code, name = location.get("object", ""), str(location.get("code", "")), location.get("name", "")
    label = OBJECT_NAMES.get(kind, "")
    if "{}" in label:
        label = label.format(code)
    elif kind in ("fund_line",) and location.get("source"):
        label = f"资金（{location['source']} · {location.get('nature', '')}）"
    elif label and (name or code) and kind != "funds":
        label = f"{label}“{name or code}”" + (f"（{code}）" if name and code and kind == "indicator" else "")
    field = location.get("field", "")
    field_label = FIELD_NAMES.get(field, "")
    if label and field_label:
        return f"{label}的{field_label}"
    return label or field_label
