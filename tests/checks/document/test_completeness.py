"""Completeness checks: missing values and the written reasons the rules require."""

import dataclasses
from decimal import Decimal

from jixiao.checks import Severity, check_document
from jixiao.rules import load_pack


def test_missing_target_actual_unit_and_weight(build, find):
    def spoil(data):
        build.indicator(data, "1-1")["target"] = ""
        build.indicator(data, "1-2")["actual"] = ""
        build.indicator(data, "1-3").update(target="≥100", actual="100")
        build.indicator(data, "1-4")["weight"] = None
    findings = check_document(build.doc(spoil))
    assert find(findings, "indicator.target_missing").location["code"] == "1-1"
    assert find(findings, "indicator.actual_missing").location["code"] == "1-2"
    assert find(findings, "indicator.unit_missing").location["field"] == "unit"
    weight = find(findings, "indicator.weight_missing")
    assert weight.severity is Severity.ERROR  # the project pack takes the indicators' own points
    rescaled = find(check_document(build.doc(spoil), pack="gd-2022-department"), "indicator.weight_missing")
    assert rescaled.severity is Severity.INFO  # a rescaling pack shares the points equally


def test_below_full_points_needs_a_reason(build, codes, find):
    def unmet(data):
        build.indicator(data, "1-4")["actual"] = "85%"
    finding = find(check_document(build.doc(unmet)), "indicator.reason_missing")
    assert finding.severity is Severity.WARNING
    assert finding.location["field"] == "deviation_reason" and finding.location["code"] == "1-4"
    assert "85%" in finding.message and "18.89" in finding.message

    def explained(data):
        build.indicator(data, "1-4").update(actual="85%", deviation_reason="两家企业年中注销，未能参训")
    assert "indicator.reason_missing" not in codes(check_document(build.doc(explained)))


def test_a_target_exceeded_by_the_pack_ratio_needs_a_reason(build, codes, find):
    def over(data):
        build.indicator(data, "1-1")["actual"] = "13场"
    doc = build.doc(over)
    finding = find(check_document(doc), "indicator.overachieved_reason_missing")
    assert "130%" in finding.message and finding.evidence["threshold"] == Decimal("1.30")
    pack = load_pack("mof-2020-project")
    lenient = dataclasses.replace(pack, thresholds={**pack.thresholds, "overachievement_ratio": Decimal("1.50")})
    assert "indicator.overachieved_reason_missing" not in codes(check_document(doc, pack=lenient))


def test_low_execution_needs_a_written_reason(build, codes, find):
    def low(data):
        data["funds"][0].update(executed="40.00", carryover="10.00")
        data["tasks"][0]["projects"][0]["executed"] = "40.00"
        data["sections"][0]["text"] = "2022 年全年预算数 50.00 万元，执行数 40.00 万元，执行率 80%。"
    finding = find(check_document(build.doc(low)), "funds.execution_reason_missing")
    assert "80.00%" in finding.message and "90%" in finding.message

    def low_explained(data):
        low(data)
        data["sections"].append({"key": "problems", "title": "存在的问题",
                                 "text": "受疫情影响，培训活动延后，项目资金执行较慢。"})
    assert "funds.execution_reason_missing" not in codes(check_document(build.doc(low_explained)))


def test_template_text_left_in_any_text_field(build):
    def spoil(data):
        data["sections"].append({"key": "problems", "title": "存在的问题", "text": "（200字以内）"})
        build.indicator(data, "1-4").update(actual="85%", deviation_reason="因XX原因未完成")
    findings = [f for f in check_document(build.doc(spoil)) if f.code == "text.template_unfilled"]
    assert {f.severity for f in findings} == {Severity.ERROR}
    places = {(f.location["object"], f.location.get("field")) for f in findings}
    assert places == {("section", "text"), ("indicator", "deviation_reason")}
    assert any("（200字以内）" in f.message or "(200字以内)" in f.message for f in findings)


def test_a_section_with_a_title_and_no_text(build, find):
    def spoil(data):
        data["sections"].append({"key": "measures", "title": "下一步改进措施", "text": ""})
    assert find(check_document(build.doc(spoil)), "section.empty").location == {
        "object": "section", "code": "measures", "field": "text"}
