"""Indicator quality checks: balance, inputs as indicators, vague targets, satisfaction where people are served."""

from decimal import Decimal

from jixiao.checks import Severity, check_document

EXTRA_OUTPUT = {"level1": "产出指标", "level2": "数量指标", "target": "≥5次", "actual": "5次", "weight": "1"}


def _outputs(data, count, build):
    indicators = data["tasks"][0]["indicators"]
    for index in range(count):
        indicators.append({**EXTRA_OUTPUT, "code": f"1-x{index}", "name": f"专项检查次数{index}"})
    build.indicator(data, "1-1")["weight"] = str(20 - count)


def test_a_task_without_benefit_indicators(build, find):
    def spoil(data):
        data["tasks"][0]["indicators"] = [i for i in data["tasks"][0]["indicators"] if i["level1"] != "效益指标"]
    finding = find(check_document(build.doc(spoil), pack="gd-2022-department"), "task.no_benefit")
    assert finding.severity is Severity.WARNING and finding.location == {
        "object": "task", "code": "1", "field": "indicators", "name": "企业合规培训"}


def test_many_outputs_few_benefits_by_the_pack_ratio(build, codes, find):
    def seven_to_two(data):
        _outputs(data, 4, build)  # 3 + 4 = 7 outputs against 2 benefits: more than 3 times
    finding = find(check_document(build.doc(seven_to_two)), "task.output_benefit_ratio")
    assert finding.evidence == {"outputs": 7, "benefits": 2, "ratio_max": Decimal("3")}

    def six_to_two(data):
        _outputs(data, 3, build)
    assert "task.output_benefit_ratio" not in codes(check_document(build.doc(six_to_two)))


def test_inputs_used_as_performance_indicators(build):
    def spoil(data):
        build.indicator(data, "1-1").update(name="培训资金投入金额", target="≥50万元", actual="48.5万元")
        build.indicator(data, "1-2").update(name="投入工作人员数量", target="≥5人", actual="5人")
    findings = [f for f in check_document(build.doc(spoil)) if f.code == "indicator.input_as_performance"]
    assert [f.location["code"] for f in findings] == ["1-1", "1-2"]


def test_money_in_a_cost_indicator_is_not_an_input(build, codes):
    def cost(data):
        build.indicator(data, "1-3").update(level2="成本指标", name="人均培训成本", target="≤500元", actual="480元")
    assert "indicator.input_as_performance" not in codes(check_document(build.doc(cost)))


def test_vague_qualitative_targets(build, find):
    def vague(data):
        build.indicator(data, "1-5").update(target="有所提高", actual="达成年度指标", direction="定性")
    finding = find(check_document(build.doc(vague)), "indicator.vague_target")
    assert finding.severity is Severity.INFO and "有所提高" in finding.message


def test_no_satisfaction_indicator_where_the_task_serves_people(build, find):
    def spoil(data):
        data["tasks"][0]["indicators"] = [i for i in data["tasks"][0]["indicators"] if i["level1"] != "满意度指标"]
        build.indicator(data, "1-1")["weight"] = "30"
    finding = find(check_document(build.doc(spoil)), "task.satisfaction_missing")
    assert "培训" in finding.message


def test_level2_under_the_wrong_level1_and_repeated_codes(build, find):
    def spoil(data):
        build.indicator(data, "1-2")["level2"] = "社会效益指标"
        build.indicator(data, "1-3")["code"] = "1-1"
    findings = check_document(build.doc(spoil), pack="gd-2022-department")
    mismatch = find(findings, "indicator.level_mismatch")
    assert "社会效益指标" in mismatch.message and "效益指标" in mismatch.message
    assert find(findings, "indicator.duplicate_code").severity is Severity.ERROR


def test_no_indicators_at_all(build, codes):
    def empty(data):
        data["tasks"][0]["indicators"] = []
    assert "task.no_indicators" in codes(check_document(build.doc(empty), pack="gd-2022-department"))
