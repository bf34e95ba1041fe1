"""Consistency checks: the report text against the data, years, adjustments and monitoring dates."""

from jixiao.checks import Severity, check_document


def test_the_reference_report_text_agrees_with_its_data(reference_document):
    findings = check_document(reference_document)
    assert not [f for f in findings if f.code.startswith("document.")]


def test_figures_in_the_text_that_the_data_do_not_support(build, codes, find):
    def spoil(data):
        data["sections"][0]["text"] = ("2022 年全年预算数 52.00 万元，执行数 48.50 万元，执行率 95%。"
                                       "按支出性质看，基本支出 0 万元，项目支出 46.50 万元。")
    findings = check_document(build.doc(spoil))
    budget = find(findings, "document.text_budget")
    assert budget.severity is Severity.ERROR and "52.00" in budget.message and "50.00" in budget.message
    assert budget.location == {"object": "section", "code": "overview", "field": "text", "title": "项目概况"}
    assert "97.00%" in find(findings, "document.text_rate").message
    assert "46.50" in find(findings, "document.text_by_nature").message
    assert "document.text_executed" not in codes(findings)


def test_a_year_in_the_text_unlike_the_data_year(build, find):
    def spoil(data):
        data["sections"].append({"key": "title", "title": "2021年度企业合规培训项目支出绩效自评报告", "text": "见正文。"})
    finding = find(check_document(build.doc(spoil)), "document.year_mismatch")
    assert "2021" in finding.message and "2022" in finding.message and finding.location["field"] == "title"


def test_adjustments_need_a_reason_and_approved_targets_must_be_applied(build, find):
    def spoil(data):
        data["adjustments"] = [
            {"kind": "target", "subject": "1-1", "before": "≥10场", "after": "≥8场", "reason": "", "status": "approved"},
        ]
    findings = check_document(build.doc(spoil))
    assert find(findings, "adjustment.reason_missing").location == {
        "object": "adjustment", "code": "1", "field": "reason", "subject": "1-1"}
    applied = find(findings, "adjustment.target_not_applied")
    assert "≥8场" in applied.message and "≥10场" in applied.message


def test_a_budget_change_without_an_adjustment_record(build, codes, find):
    def spoil(data):
        data["funds"][0].update(initial_budget="40.00")
    finding = find(check_document(build.doc(spoil)), "funds.adjustment_unexplained")
    assert finding.severity is Severity.INFO and "10.00" in finding.message

    def recorded(data):
        spoil(data)
        data["adjustments"] = [{"kind": "budget", "subject": "项目支出", "before": "40.00", "after": "50.00",
                                "reason": "年中追加培训经费", "status": "approved"}]
    assert "funds.adjustment_unexplained" not in codes(check_document(build.doc(recorded)))


def test_monitoring_dated_outside_the_year(build, find):
    def spoil(data):
        data["monitoring"] = [{"as_of": "2021-07-31", "executed": "20.00"}]
    assert find(check_document(build.doc(spoil)), "monitoring.date_outside_year").location["field"] == "as_of"
