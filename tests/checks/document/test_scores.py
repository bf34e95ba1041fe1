"""Self-score checks: hand-entered scores the rules do not support (虚高), totals and grades."""

from jixiao.checks import Severity, check_document


def test_full_points_for_an_unmet_target_is_inflated(build, find):
    def spoil(data):
        build.indicator(data, "1-4").update(actual="80%", self_score="20", deviation_reason="部分企业未参训")
    finding = find(check_document(build.doc(spoil)), "indicator.self_score_inflated")
    assert finding.severity is Severity.WARNING
    assert "目标未达成却给满分" in finding.message and "17.78" in finding.message
    assert finding.location["field"] == "self_score"


def test_a_met_target_scored_below_full_points_is_pointed_out(build, find):
    def spoil(data):
        build.indicator(data, "1-3")["self_score"] = "10.5"
    finding = find(check_document(build.doc(spoil)), "indicator.self_score_understated")
    assert finding.severity is Severity.INFO and "已达到目标值" in finding.message


def test_a_hand_score_above_the_points(build, codes, find):
    def spoil(data):
        build.indicator(data, "1-6")["self_score"] = "12"
    findings = check_document(build.doc(spoil))
    assert find(findings, "indicator.self_score_over_weight").severity is Severity.ERROR
    assert "indicator.self_score_inflated" not in codes(findings)


def test_hand_scores_on_the_indicator_points_under_a_rescaling_pack(reference_document, codes):
    # 2-3 is scored 6 of its 6 points by hand; the pack rescales its points but the score is right
    assert "indicator.self_score_inflated" not in codes(check_document(reference_document))


def test_the_stated_total_and_grade(build, codes, find):
    def stated(total, grade):
        def change(data):
            data["self_score"] = {"total": total, "grade": grade}
        return build.doc(change)
    inflated = find(check_document(stated("100", "优")), "score.self_total_inflated")
    assert "100" in inflated.message and "99.70" in inflated.message and inflated.location == {"object": "document", "field": "self_total"}
    band = find(check_document(stated("95", "良")), "score.self_grade_band")
    assert band.severity is Severity.ERROR and "应为“优”" in band.message
    assert "score.self_total_out_of_range" in codes(check_document(stated("120", "优")))
    rule = check_document(build.doc())
    assert rule == []
