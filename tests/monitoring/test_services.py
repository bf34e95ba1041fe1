"""Monitoring rounds and reports in the database: who may do what, the computed projection and colour,
the reason a yellow or red indicator needs, the seasonal profile from the department's earlier year."""

from datetime import date
from decimal import Decimal as D

import pytest

from jixiao.cycle.common import CycleRefused, NotPermitted
from jixiao.domain.enums import EventVerb
from jixiao.events.models import Event
from jixiao.monitoring.models import IndicatorReport, MonitoringRound
from jixiao.monitoring.services import open_round, report_funds, report_indicator


@pytest.fixture
def round_(cycle):
    return open_round(region=cycle["region"], year=2022, acting_user=cycle["reviewer"])


def test_a_round_defaults_to_january_to_july_reported_in_august(cycle, round_):
    assert (round_.name, round_.cut_off, round_.deadline) == ("1—7月", date(2022, 7, 31), date(2022, 8, 31))
    assert Event.objects.filter(verb=EventVerb.ROUND_OPEN.value, object_id=str(round_.pk)).exists()
    quarterly = open_round(region=cycle["region"], year=2022, acting_user=cycle["reviewer"], cut_off=date(2022, 3, 31),
                           deadline=date(2022, 4, 15), name="第一季度")
    assert quarterly.name == "第一季度"
    with pytest.raises(CycleRefused, match="已存在"):
        open_round(region=cycle["region"], year=2022, acting_user=cycle["reviewer"])
    for user in ("own_staff", "far_reviewer"):
        with pytest.raises(NotPermitted):
            open_round(region=cycle["region"], year=2023, acting_user=cycle[user])


def test_a_red_indicator_needs_its_reason_and_measure(cycle, round_):
    evaluation = cycle["evaluation"]
    with pytest.raises(CycleRefused, match="红灯.*偏差原因类别、偏差原因分析、纠偏措施"):
        report_indicator(round=round_, evaluation=evaluation, indicator_code="1-5", value_text="0个",
                         acting_user=cycle["own_staff"])
    report = report_indicator(round=round_, evaluation=evaluation, indicator_code="1-5", value_text="0个",
                              acting_user=cycle["own_staff"], reason_category="其他",
                              analysis="受疫情影响，赴外地产业对接活动暂缓", measure="加强与对口帮扶地区沟通")
    assert (report.colour, report.projection_method, report.projected, report.completion) == ("red", "linear", D(0), D(0))
    assert report.possibility == "完全不可能"  # suggested from the colour when none is stated
    assert Event.objects.filter(verb=EventVerb.MONITOR.value, evaluation=evaluation).count() == 1
    with pytest.raises(CycleRefused, match="偏差原因类别“天气”无效"):
        report_indicator(round=round_, evaluation=evaluation, indicator_code="1-5", value_text="0个",
                         acting_user=cycle["own_staff"], reason_category="天气", analysis="a", measure="b")


def test_only_the_department_reports(cycle, round_):
    for user in ("other_staff", "reviewer", "far_reviewer"):
        with pytest.raises(NotPermitted):
            report_indicator(round=round_, evaluation=cycle["evaluation"], indicator_code="3-1", value_text="12场次",
                             acting_user=cycle[user])


def test_seasonal_projection_from_the_earlier_year(cycle, round_):
    # 2021: 11 of the year's 20 场次 by the end of July (55%); 2022: 12 by July → 12 ÷ 55% = 21.82
    earlier_round = open_round(region=cycle["region"], year=2021, acting_user=cycle["reviewer"])
    report_indicator(round=earlier_round, evaluation=cycle["earlier"], indicator_code="3-1", value_text="11场次",
                     acting_user=cycle["own_staff"])
    report = report_indicator(round=round_, evaluation=cycle["evaluation"], indicator_code="3-1",
                              value_text="12场次", acting_user=cycle["own_staff"])
    assert (report.projection_method, report.projected, report.colour) == ("seasonal", D("21.82"), "green")
    assert "2021 年同期完成全年的 55.00%" in report.projection_basis


def test_fund_lines_against_time_progress(cycle, round_):
    reports = report_funds(round=round_, evaluation=cycle["evaluation"], acting_user=cycle["own_staff"],
                           executed={"一般公共预算财政拨款·基本支出": D("475.40"), "一般公共预算财政拨款·项目支出": D("226.76")})
    by = {r.subject: r for r in reports}
    basic, project = by["一般公共预算财政拨款·基本支出"], by["一般公共预算财政拨款·项目支出"]
    assert (basic.adjusted_budget, basic.rate, basic.time_progress, basic.colour) == (D("815.05"), D("58.33"), D("58.33"), "green")
    assert (project.initial_budget, project.rate, project.behind, project.colour) == (D("468.20"), D("47.57"), D("10.76"), "yellow")
    with pytest.raises(CycleRefused, match="没有资金"):
        report_funds(round=round_, evaluation=cycle["evaluation"], acting_user=cycle["own_staff"], executed={"x": 1})
