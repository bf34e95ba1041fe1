"""Checking real published reports: what each one really gets wrong, and what it gets right."""

from pathlib import Path

import pytest

from jixiao.checks import Severity, review_report
from jixiao.published import parse_report_file

HERE = Path(__file__).parents[2] / "data" / "published"


def review(name: str):
    return review_report(parse_report_file(HERE / name))


def codes(findings, severity=None):
    return [f.code for f in findings if severity is None or f.severity is severity]


@pytest.fixture(scope="module")
def reference():
    return review("reference-440112-gsl-2022.txt")


def test_reference_report_has_one_error_the_repeated_section_three(reference):
    assert [(f.code, f.severity) for f in reference.findings] == [("report.section_duplicate", Severity.ERROR)]
    finding = reference.findings[0]
    assert finding.location["line"] == 27
    assert "（三）部门整体收支情况" in finding.message and "（三）部门整体绩效管理情况" in finding.message
    assert "应为（四）" in finding.message


def test_reference_report_figures_are_confirmed(reference):
    confirmed = {c.code: [] for c in reference.confirmed}
    for c in reference.confirmed:
        confirmed[c.code].append(c.message)
    assert any("99.7%" in m and "1,288.38 ÷ 1,291.73" in m for m in confirmed["report.execution_rate"])
    assert any("基本支出 815.05 + 项目支出 473.33" in m and "1,288.38" in m for m in confirmed["report.by_nature_total"])
    assert any("1,288.38" in m for m in confirmed["report.by_source_total"])
    assert confirmed["report.count_parts"] == ["指标 6 个 = 产出指标 3 + 效益指标 2 + 满意度指标 1",
                                               "指标 5 个 = 产出指标 2 + 效益指标 1 + 满意度指标 2",
                                               "指标 8 个 = 产出指标 5 + 效益指标 2 + 满意度指标 1"]
    assert len(confirmed["report.achieved_total"]) == 3
    assert any("95.91" in m and "优" in m for m in confirmed["report.grade_band"])


def test_006_two_items_numbered_4():
    result = review("006.txt")
    assert codes(result.findings, Severity.ERROR) == ["report.list_duplicate"]
    assert "“4.”" in result.findings[0].message
    # the excerpt stops mid-document: reported as incomplete, not as missing sections
    assert "report.incomplete" in codes(result.findings)
    assert "report.section_missing" not in codes(result.findings)


def test_008_printed_rate_86_19_is_wrong_but_the_score_is_right():
    result = review("008.txt")
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert [f.code for f in errors] == ["report.execution_rate"]
    assert "86.19%" in errors[0].message and "86.18%" in errors[0].message and errors[0].location["table"] == 1
    assert any(c.code == "report.execution_score" and "8.62" in c.message for c in result.confirmed)
    assert any(c.code == "report.table_score" and "98.62" in c.message for c in result.confirmed)
    # the second table's interleaved cells are matched by value, not reported as a wrong rate
    assert any(c.code == "report.execution_rate" and "45.17%" in c.message for c in result.confirmed)


def test_011_met_target_scored_7_and_unmet_target_without_reason():
    result = review("011.txt")
    by_code = {f.code: f for f in result.findings}
    met = by_code["report.row_met_not_full"]
    assert "资金到位及时率" in met.message and "7 分" in met.message and met.severity is Severity.WARNING
    reason = by_code["report.row_reason_missing"]
    assert "政策知晓率" in reason.message and "98%" in reason.message and "偏差原因" in reason.message
    assert "9.80" in by_code["report.row_score_rule"].message
    assert not codes(result.findings, Severity.ERROR)
    assert any(c.code == "report.table_score" and "96" in c.message for c in result.confirmed)


def test_019_nature_parts_do_not_add_up_to_the_stated_total():
    result = review("019.txt")
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert [f.code for f in errors] == ["report.by_nature_total"]
    assert "1,925.67" in errors[0].message and "2,030.12" in errors[0].message and "104.45" in errors[0].message
    warnings = codes(result.findings, Severity.WARNING)
    assert "report.staff_over_establishment" in warnings and "report.income_expenditure" in warnings
    staff = next(f for f in result.findings if f.code == "report.staff_over_establishment")
    assert "50" in staff.message and "46" in staff.message
    assert any(c.code == "report.by_source_sum" for c in result.confirmed)


def test_022_levels_added_as_counts_and_all_paid_against_97_percent():
    result = review("022.txt")
    errors = {f.code: f for f in result.findings if f.severity is Severity.ERROR}
    assert set(errors) == {"report.count_parts", "report.payment_contradiction"}
    assert "24" in errors["report.count_parts"].message and "12" in errors["report.count_parts"].message
    payment = errors["report.payment_contradiction"].message
    assert "全部拨付" in payment and "2,113.63" in payment and "97%" in payment
    assert any(c.code == "report.execution_rate" and "97%" in c.message for c in result.confirmed)


@pytest.mark.parametrize("name", ["006.txt", "008.txt", "019.txt", "022.txt"])
def test_excerpts_that_stop_mid_document_are_incomplete_not_missing_sections(name):
    found = codes(review(name).findings)
    assert "report.incomplete" in found and "report.section_missing" not in found
