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


def test_a_row_with_neither_target_nor_actual_is_not_judged_but_a_met_row_below_full_points_still_is(build, codes):
    def spoil(data):
        build.indicator(data, "1-3").update(target="", actual="", self_score="5")
        build.indicator(data, "1-6")["self_score"] = "9"
    findings = check_document(build.doc(spoil))
    judged = [f.location["code"] for f in findings if f.code.startswith("indicator.self_score")]
    assert "1-3" not in judged and "1-6" in judged
    assert "scoring.unverifiable" in codes(findings)


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


# --- judgements of the scores, reported once (the engine only notes how it scored) ---------------

def test_the_worked_example_asks_for_a_reason_on_each_row_below_full_points(worked):
    findings = check_document(worked.doc(worked.example()))
    missing = {f.location["code"] for f in findings if f.code == "indicator.reason_missing"}
    # 数量 (13.50 < 15), 成本 (over the ≤ target) and the qualitative 18 < 20 need a written reason.
    assert missing == {"1-1", "1-4", "1-5"}
    assert not [f for f in findings if f.code == "funds.execution_reason_missing"]  # 97% ≥ 90%


def test_execution_below_the_threshold_needs_a_reason_written_precisely(worked):
    findings = check_document(worked.doc(worked.example(), budget="1000.00", executed="899.996"))
    finding = next(f for f in findings if f.code == "funds.execution_reason_missing")
    # 899.996 / 1000 = 89.9996%: written with 2 decimals it would read "90.00% 低于 90%".
    assert finding.message == "预算执行率 89.9996% 低于 90%，报告中未说明原因"


def test_full_hand_points_for_an_unmet_target_are_inflated(worked):
    findings = check_document(worked.doc(worked.example(**{"0": {"self_score": "15"}})))
    finding = next(f for f in findings if f.code == "indicator.self_score_inflated")
    assert "自评得分 15，按规则应得 13.5" in finding.message and "目标未达成却给满分" in finding.message


def test_overachievement_without_a_reason_is_a_finding_and_with_one_is_not(worked):
    findings = check_document(worked.doc(worked.example(**{"0": {"actual": "13场"}})))
    finding = next(f for f in findings if f.code == "indicator.overachieved_reason_missing")
    assert finding.location["code"] == "1-1" and "130%" in finding.message
    with_reason = worked.example(**{"0": {"actual": "13场", "deviation_reason": "新增线上培训"}})
    assert not [f for f in check_document(worked.doc(with_reason)) if f.code.startswith("indicator.overachieved")]


def test_a_stated_total_that_differs_is_reported_once(worked):
    findings = check_document(worked.doc(worked.example(), self_total="98", self_grade="优"))
    assert [f.code for f in findings if f.code.startswith("score.self_")] == ["score.self_total_inflated"]
