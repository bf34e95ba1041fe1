"""Builders for check tests: a sound project document made in memory, to be spoilt one way per test."""

from __future__ import annotations

import copy

import pytest

from jixiao.checks import Severity, check_document
from jixiao.documents.datafile import document_from_dict

SOUND_INDICATORS = [
    {"code": "1-1", "level1": "产出指标", "level2": "数量指标", "name": "举办培训场次", "target": "≥10场", "actual": "10场",
     "weight": "20"},
    {"code": "1-2", "level1": "产出指标", "level2": "质量指标", "name": "培训合格率", "target": "≥95%", "actual": "97%",
     "weight": "15"},
    {"code": "1-3", "level1": "产出指标", "level2": "时效指标", "name": "培训按期完成率", "target": "=100%", "actual": "100%",
     "weight": "15"},
    {"code": "1-4", "level1": "效益指标", "level2": "社会效益指标", "name": "参训企业合规经营率", "target": "≥90%",
     "actual": "92%", "weight": "20"},
    {"code": "1-5", "level1": "效益指标", "level2": "可持续影响指标", "name": "培训机制常态化运行年限", "target": "≥3年",
     "actual": "3年", "weight": "10"},
    {"code": "1-6", "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "参训企业满意度", "target": "≥90%",
     "actual": "93%", "weight": "10"},
]


def sound_data() -> dict:
    """A project self-evaluation under mof-2020-project with nothing to find (weights 90 + 执行率 10)."""
    return {
        "region": {"code": "440112", "name": "广州市黄埔区"},
        "department": {"code": "T-1", "name": "测试局"},
        "year": 2022, "kind": "project", "rule_pack": "mof-2020-project",
        "self_score": {"total": None, "grade": ""},
        "funds": [{"source": "一般公共预算财政拨款", "nature": "项目支出", "initial_budget": "50.00",
                   "full_year_budget": "50.00", "executed": "48.50", "carryover": "1.50"}],
        "tasks": [{
            "code": "1", "name": "企业合规培训", "funds": "50.00",
            "projects": [{"code": "P1", "name": "企业合规培训经费", "budget": "50.00", "executed": "48.50"}],
            "indicators": copy.deepcopy(SOUND_INDICATORS),
        }],
        "sections": [{"key": "overview", "title": "项目概况", "text": "2022 年全年预算数 50.00 万元，执行数 48.50 万元，执行率 97%。"}],
    }


class Build:
    def data(self) -> dict:
        return sound_data()

    def doc(self, change=None):
        """The sound document, after ``change(data)`` edits its plain-data form."""
        data = sound_data()
        if change is not None:
            change(data)
        return document_from_dict(data)

    def indicator(self, data: dict, code: str) -> dict:
        return next(i for i in data["tasks"][0]["indicators"] if i["code"] == code)


@pytest.fixture
def build():
    return Build()


@pytest.fixture
def check():
    return check_document


@pytest.fixture
def codes():
    """``codes(findings, severity=None)``: the codes of the findings, in order."""
    def codes(findings, severity: Severity | None = None) -> list[str]:
        return [f.code for f in findings if severity is None or f.severity is severity]
    return codes


@pytest.fixture
def find():
    """``find(findings, code)``: the first finding with that code (failing the test when there is none)."""
    def find(findings, code: str):
        matching = [f for f in findings if f.code == code]
        assert matching, f"no {code} in {[f.code for f in findings]}"
        return matching[0]
    return find
