"""Invariants the database itself enforces, whatever code writes to it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from jixiao.evaluations.models import Evaluation, FundLine, Indicator, Task
from jixiao.orgs.models import Department, Membership, Region, User


@pytest.fixture
def evaluation(db):
    region = Region.objects.create(code="440112", name="广州市黄埔区")
    department = Department.objects.create(region=region, code="D1", name="测试部门")
    return Evaluation.objects.create(department=department, year=2022)


def _fails(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_fund_amounts_cannot_be_negative(evaluation):
    _fails(lambda: FundLine.objects.create(evaluation=evaluation, source="general_budget", nature="basic",
                                           executed=Decimal("-0.01")))


def test_one_fund_line_per_source_and_nature(evaluation):
    FundLine.objects.create(evaluation=evaluation, source="other", nature="project")
    _fails(lambda: FundLine.objects.create(evaluation=evaluation, source="other", nature="project"))


def test_indicator_level2_must_belong_to_its_level1(evaluation):
    task = Task.objects.create(evaluation=evaluation, code="1", name="任务")
    _fails(lambda: Indicator.objects.create(task=task, code="1", level1="benefit", level2="quantity",
                                            name="场次", direction="ge"))
    ok = Indicator.objects.create(task=task, code="2", level1="output", level2="quantity", name="场次", direction="ge")
    assert ok.pk
    wrong = Indicator(task=task, code="3", level1="satisfaction", level2="social", name="x", direction="ge")
    with pytest.raises(ValidationError, match="社会效益指标.*效益指标"):
        wrong.full_clean()


def test_one_evaluation_per_department_year_and_kind(evaluation):
    _fails(lambda: Evaluation.objects.create(department=evaluation.department, year=2022))
    assert Evaluation.objects.create(department=evaluation.department, year=2023).pk


def test_year_is_plausible(evaluation):
    _fails(lambda: Evaluation.objects.create(department=evaluation.department, year=22))


def test_membership_scope_matches_role(evaluation):
    user = User.objects.create_user("u1")
    _fails(lambda: Membership.objects.create(user=user, role="finance_reviewer", department=evaluation.department))
    _fails(lambda: Membership.objects.create(user=user, role="department_staff",
                                             region=evaluation.department.region))
    assert Membership.objects.create(user=user, role="department_staff", department=evaluation.department).pk


def test_submitted_evaluations_are_locked(evaluation):
    assert not evaluation.is_locked
    evaluation.status = "submitted"
    assert evaluation.is_locked


def test_indicator_values_are_read_from_the_text_as_written(evaluation):
    task = Task.objects.create(evaluation=evaluation, code="1", name="任务")
    indicator = Indicator(task=task, code="1", level1="output", level2="quantity", name="培训人次",
                          direction="", target_text="≧735人次", actual_text="８００人次")
    indicator.full_clean()
    assert (indicator.direction, indicator.unit, indicator.target_value, indicator.actual_value) == (
        "ge", "人次", Decimal(735), Decimal(800))
    indicator.actual_text = "约800人次"
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "“约800人次”无法识别为数值" in str(error.value.message_dict["actual_text"])
    qualitative = Indicator(task=task, code="2", level1="benefit", level2="social", name="作用",
                            direction="qualitative", target_text="有效发挥", actual_text="部分达成")
    qualitative.full_clean()
    assert qualitative.actual_grade == "partial" and qualitative.actual_value is None


def test_an_indicator_entered_by_hand_reads_its_values_as_an_import_does(evaluation):
    task = Task.objects.create(evaluation=evaluation, code="1", name="任务")
    lasting = Indicator(task=task, code="1", level1="benefit", level2="sustainable", name="长效机制",
                        direction="qualitative", target_text="长期", actual_text="效果不明显，未能达成")
    lasting.full_clean()  # 长期 is a standard a target may set
    assert lasting.actual_grade == "not_achieved"  # was read as achieved
    lasting.actual_text = "长期"  # but an actual must say how far it was reached
    with pytest.raises(ValidationError) as error:
        lasting.full_clean()
    assert "“长期”无法识别为定性完成情况" in error.value.message_dict["actual_text"][0]
    contradicting = Indicator(task=task, code="2", level1="output", level2="quality", name="合格率",
                              direction="le", target_text="≥95%", actual_text="96%")
    with pytest.raises(ValidationError) as error:
        contradicting.full_clean()
    assert error.value.message_dict["direction"] == ["“≤”（指标性质）与指标值“≥95%”所写的“≥”矛盾，请改正其中之一"]
