"""The result's JSON form (``jixiao score --json``) and its look-ups."""

import json
from decimal import Decimal

from jixiao.scoring import score_document

D = Decimal


def test_json_has_the_issue_shape_with_decimals_as_strings(build):
    result = score_document(build.doc(build.example()))
    data = result.to_json()
    assert list(data) == ["rules", "total", "grade", "execution", "items", "flags"]
    assert data["rules"] == "mof-2020-project" and data["total"] == "95.62" and data["grade"] == "优"
    assert data["execution"] == {"budget": "50", "executed": "48.5", "rate": "0.9700", "weight": "10", "score": "9.70",
                                 "explanation": result.execution.explanation}
    first = data["items"][0]
    assert first == {"path": ["产出指标", "数量指标", "培训场次"], "target": "≥10场", "actual": "9场", "weight": "15",
                     "score": "13.50", "explanation": "实际 9 场 < 目标 ≥10 场，得分 = 15 × 9/10 = 13.50"}
    assert set(data["flags"][0]) == {"code", "severity", "message", "subject"}
    json.dumps(data, ensure_ascii=False)  # plain data only


def test_lookups(build, reference_document):
    result = score_document(reference_document)
    assert result.indicator("1-5").score == D("0.00")
    assert result.indicator("no-such") is None
    assert result.item("budget_adjustment_rate").score == D("2.00")
    assert [f.code for f in result.flags_for("3-6")] == ["overachieved"]
    assert result.execution.path == ("管理效率", "预算执行", "预算执行率")
