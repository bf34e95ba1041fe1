"""Arithmetic checks: amounts that cannot be, parts beyond their whole, weights against the pack total."""

from decimal import Decimal

from jixiao.checks import Severity, check_document


def test_execution_beyond_the_budget_of_a_fund_line(build, find):
    def spoil(data):
        data["funds"][0].update(executed="52.00", carryover="0")
        data["tasks"][0]["projects"][0]["executed"] = "50.00"
    finding = find(check_document(build.doc(spoil)), "funds.executed_over_budget")
    assert finding.severity is Severity.ERROR
    assert "52.00" in finding.message and "50.00" in finding.message
    assert finding.location == {"object": "fund_line", "field": "executed", "source": "一般公共预算财政拨款",
                                "nature": "项目支出"}


def test_negative_amounts_and_carryover_beyond_what_was_left(build, codes):
    def spoil(data):
        data["funds"][0].update(initial_budget="-5", carryover="3.00")
    found = codes(check_document(build.doc(spoil)))
    assert "funds.negative" in found and "funds.carryover_over_unspent" in found


def test_projects_beyond_the_project_expenditure_and_task_funds_unlike_its_projects(build, find):
    def spoil(data):
        data["tasks"][0]["projects"].append({"code": "P2", "name": "宣传资料印制", "budget": "10.00", "executed": "8.00"})
    findings = check_document(build.doc(spoil))
    projects = [f for f in findings if f.code == "funds.projects_over_nature"]
    assert projects and "60.00" in projects[0].message and "50.00" in projects[0].message
    task = find(findings, "task.funds_vs_projects")
    assert task.severity is Severity.WARNING and task.location["object"] == "task"


def test_project_executed_beyond_its_budget(build, codes):
    def spoil(data):
        data["tasks"][0]["projects"][0]["executed"] = "55.00"
    assert "project.executed_over_budget" in codes(check_document(build.doc(spoil)))


def test_weights_must_add_up_to_the_pack_total(build, codes, find):
    def spoil(data):
        build.indicator(data, "1-1")["weight"] = "10"
    findings = check_document(build.doc(spoil))
    finding = find(findings, "score.weights_total")
    assert finding.severity is Severity.ERROR
    assert "80" in finding.message and "预算执行率 10" in finding.message and "90" in finding.message
    assert finding.evidence["expected"] == Decimal(100)
    # the engine's refusal of the same weights is not repeated
    assert "score.unscorable" not in codes(findings)


def test_a_level1_split_unlike_the_pack_is_pointed_out(build, find):
    def shift(data):
        build.indicator(data, "1-1")["weight"] = "25"
        build.indicator(data, "1-4")["weight"] = "15"
    finding = find(check_document(build.doc(shift)), "score.level1_weights")
    assert finding.severity is Severity.INFO and "产出指标" in finding.message and "55" in finding.message
