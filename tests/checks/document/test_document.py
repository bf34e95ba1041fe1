"""check_document as a service: sorted findings a page can link to, stages, packs."""

import pytest
from jixiao.checks import Severity, check_document
from jixiao.rules import load_pack


def test_a_sound_document_has_no_findings(build):
    assert check_document(build.doc()) == []


def test_the_reference_department_has_no_errors(reference_document, codes):
    findings = check_document(reference_document)
    assert not codes(findings, Severity.ERROR)
    # its problem 二 as the data show it: outputs without a quality or timeliness indicator
    assert "task.output_no_quality" in codes(findings)


def test_findings_come_errors_first_with_a_stable_json_form(build, find):
    def spoil(data):
        build.indicator(data, "1-2")["target"] = ""
        build.indicator(data, "1-4")["actual"] = "85%"
    findings = check_document(build.doc(spoil))
    ranks = [f.severity.rank for f in findings]
    assert ranks == sorted(ranks)
    data = find(findings, "indicator.target_missing").to_json()
    assert list(data) == ["code", "severity", "message", "location", "evidence"]
    assert data["severity"] == "错误"
    assert data["location"] == {"object": "indicator", "task": "1", "code": "1-2", "name": "培训合格率",
                                "field": "target"}
    assert find(findings, "indicator.target_missing").blocks_submission


def test_target_setting_stage_does_not_ask_for_actuals_or_scores(build, codes):
    def no_actuals(data):
        for item in data["tasks"][0]["indicators"]:
            item["actual"] = ""
        data["funds"][0]["executed"] = "0"
    doc = build.doc(no_actuals)
    assert "indicator.actual_missing" in codes(check_document(doc))
    assert check_document(doc, stage="targets") == []
    with pytest.raises(ValueError, match="stage"):
        check_document(doc, stage="monitoring")


def test_an_unknown_pack_is_a_finding_and_the_checks_still_run(build, codes):
    def unknown(data):
        data["rule_pack"] = "no-such-pack"
        build.indicator(data, "1-1")["target"] = ""
    findings = check_document(build.doc(unknown))
    assert {"document.rule_pack", "indicator.target_missing"} <= set(codes(findings))


def test_the_pack_can_be_given_by_name_or_object(build, codes):
    doc = build.doc()
    assert check_document(doc, pack="mof-2020-project") == check_document(doc, pack=load_pack("mof-2020-project"))
    # under a pack that rescales group points, the 90 points of indicators are not a weights error
    assert "score.weights_total" not in codes(check_document(doc, pack="gd-2022-department"))
