"""Figures read from the document for management leaves: rates of the fund lines and facts."""

from decimal import Decimal

import pytest

from jixiao.domain.document import FundLine, Project, Task
from jixiao.rules import MEASURES
from jixiao.scoring.measures import MEASURE_FUNCTIONS, answer, funds, measure

D = Decimal


def test_every_measure_a_pack_may_name_is_implemented():
    assert set(MEASURES) == set(MEASURE_FUNCTIONS)


def test_reference_fund_measures(reference_document):
    assert funds(reference_document, "total") == (D("1291.73"), D("1288.38"))
    assert funds(reference_document, "project") == (D("476.68"), D("473.33"))
    assert funds(reference_document, "basic") == (D("815.05"), D("815.05"))
    adjustment = measure(reference_document, "budget_adjustment_rate")
    assert adjustment.value.quantize(D("0.0001")) == D("0.0197")
    assert adjustment.text.endswith("= 1.97%") and adjustment.label == "预算调整率"
    assert measure(reference_document, "carryover_rate").value == 0


def test_missing_initial_budget_cannot_give_an_adjustment_rate(build):
    doc = build.doc([], budget="50", executed="40")
    doc = doc.with_changes(fund_lines=tuple(FundLine(line.source, line.nature, D(0), line.full_year_budget,
                                                     line.executed) for line in doc.fund_lines))
    result = measure(doc, "budget_adjustment_rate")
    assert result.value is None and "年初预算数未填写" in result.text


def test_project_document_without_fund_lines_uses_its_projects(build):
    doc = build.doc([], funds=[])
    task = Task(code="1", name="t", projects=(Project(code="p", name="p", budget=D(80), executed=D(60)),))
    doc = doc.with_changes(tasks=(task,))
    assert funds(doc, "total") == (D(80), D(60))


@pytest.mark.parametrize("value, expected, kind", [("98%", D("0.98"), "rate"), ("3‰", D("0.003"), "rate"),
                                                   ("12", D(12), "number"), ("1,200", D(1200), "number")])
def test_fact_numbers(build, value, expected, kind):
    doc = build.doc([], facts=[{"key": "staff_control_rate", "value": value}])
    result = measure(doc, "fact:staff_control_rate")
    assert result.value == expected and result.kind == kind


def test_fact_numbers_missing_or_unreadable(build):
    assert "未填写" in measure(build.doc([]), "fact:staff_control_rate").text
    doc = build.doc([], facts=[{"key": "staff_control_rate", "value": "很多"}])
    assert measure(doc, "fact:staff_control_rate").value is None


@pytest.mark.parametrize("text, expected", [("是", True), ("已建立", True), ("有", True), ("否", False),
                                            ("未公开", False), ("不适用", None), ("", ""), ("也许", "")])
def test_checklist_answers(text, expected):
    assert answer(text) == expected


def test_unreadable_or_missing_checklist_answers_are_flagged(build):
    from jixiao.scoring import score_document

    doc = build.doc([{"level1": "产出", "level2": "数量", "name": "x", "target": "≥1个", "actual": "1个"}],
                    kind="department", rule_pack="gd-2022-department",
                    facts=[{"key": "management_rules", "value": "也许"}, {"key": "info_disclosure", "value": "否"},
                           {"key": "performance_monitoring", "value": "不适用"}, {"key": "asset_management", "value": "是"}])
    result = score_document(doc)
    assert result.item("management_rules").score == D("0.00")
    assert "无法识别为是/否" in next(f.message for f in result.notes if f.subject == "management_rules")
    assert result.item("info_disclosure").actual == "否"
    # 绩效运行监控 wholly not applicable: dropped, the other items rescaled to 100.
    assert result.item("performance_monitoring") is None and result.weight_total == D(100)
    missing = build.doc([], kind="department", rule_pack="gd-2022-department")
    flags = score_document(missing).notes
    assert any(f.code == "fact_missing" and f.subject == "asset_management_compliance" for f in flags)


def test_fact_measures_are_explained_by_the_leaf_name_not_the_key(build):
    from jixiao.scoring import score_document

    facts = [{"key": "staff_control_rate", "value": "103.5%"}]
    doc = build.doc(build.example(), kind="department", rule_pack="mof-2013-department", facts=facts)
    result = score_document(doc)
    item = result.item("staff_control_rate")
    assert item.score == D("3.25")
    assert item.explanation == ("在职人员控制率 = 103.5%，超过 100% 3.5 个百分点，每超过 1 个百分点扣 0.5 分，"
                                "得分 = 5 − 1.75 = 3.25")
    missing = result.item("public_expense_control_rate")
    assert missing.explanation == "评价要点（public_expense_control_rate）未填写，得分 0.00"
    flag = next(f for f in result.notes if f.subject == "public_expense_control_rate")
    assert flag.message == "“公用经费控制率”：评价要点（public_expense_control_rate）未填写"
