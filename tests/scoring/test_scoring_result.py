"""The result's JSON form (``jixiao score --json``) and its look-ups."""

import json
from decimal import Decimal

from jixiao.scoring import score_document

D = Decimal


def test_json_has_the_issue_shape_with_decimals_as_strings(build):
    result = score_document(build.doc(build.example(**{"4": {"self_score": "12"}})))  # a note: outside its band
    data = result.to_json()
    assert list(data) == ["rules", "total", "grade", "execution", "items", "unverified", "flags"]
    assert data["rules"] == "mof-2020-project" and data["total"] == str(result.total) and data["grade"] == "优"
    assert data["execution"] == {"budget": "50", "executed": "48.5", "rate": "0.9700", "weight": "10", "score": "9.70",
                                 "explanation": result.execution.explanation}
    first = data["items"][0]
    assert first == {"path": ["产出指标", "数量指标", "培训场次"], "code": "1-1", "target": "≥10场", "actual": "9场",
                     "weight": "15", "score": "13.50", "self_score": None,
                     "explanation": "实际 9 场 < 目标 ≥10 场，得分 = 15 × 9/10 = 13.50"}
    assert set(data["flags"][0]) == {"code", "severity", "message", "subject"}
    json.dumps(data, ensure_ascii=False)  # plain data only


def test_lookups(build, reference_document):
    result = score_document(reference_document)
    assert result.indicator("1-5").score == D("0.00")
    assert result.indicator("no-such") is None
    assert result.item("budget_adjustment_rate").score == D("2.00")
    assert [f.code for f in result.notes_for("3-6")] == []  # over-achievement is a review finding, not a note
    assert result.execution.path == ("管理效率", "预算执行", "预算执行率")


def test_json_keeps_the_hand_entered_score_beside_the_rule_score_and_names_the_item(build):
    # Notes name their subject by indicator code or leaf key; the items must carry the same code,
    # and a score entered by hand must not vanish from the JSON.
    rows = build.example(**{"0": {"self_score": "15"}, "4": {"self_score": "12"}})
    data = score_document(build.doc(rows)).to_json()
    first = data["items"][0]
    assert (first["code"], first["score"], first["self_score"]) == ("1-1", "13.50", "15")
    flag = next(f for f in data["flags"] if f["code"] == "self_score_out_of_band")
    assert flag["subject"] == data["items"][4]["code"] == "1-5"


def test_json_rate_rounds_half_up(build):
    # 864.45 / 1000 = 0.86445: half-up gives 0.8645 (half-even would give 0.8644).
    data = score_document(build.doc(build.example(), budget="1000.00", executed="864.45")).to_json()
    assert data["execution"]["rate"] == "0.8645"
