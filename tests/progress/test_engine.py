"""The monitoring engine: time progress, projections (linear, seasonal, level) and the colour tables of
the monitoring rule pack, exactly at their boundaries, on the figures as shown (rounded half-up)."""

from datetime import date
from decimal import Decimal as D

import pytest

from jixiao.domain.document import EvaluationDocument, FundLine, Indicator, MonitoringSnapshot, Task
from jixiao.domain.enums import FundNature, FundSource, WarningLevel
from jixiao.domain.values import parse_value
from jixiao.progress.engine import (
    Accumulation,
    assess,
    assess_indicator,
    budget_progress,
    project,
    reason_category,
    seasonal_profile,
    time_progress,
)
from jixiao.rules.model import RulePackError
from jixiao.rules.monitoring import load_monitoring_pack, pack_from_dict

GREEN, YELLOW, RED = WarningLevel.GREEN, WarningLevel.YELLOW, WarningLevel.RED
JULY = date(2022, 7, 31)


@pytest.fixture(scope="module")
def pack():
    return load_monitoring_pack()


def indicator(target="≥100人次", unit="人次", code="1-1"):
    return Indicator.from_text(code=code, level1="产出指标", level2="数量指标", name="培训人次", target=target, unit=unit)


def snapshot(value, as_of=JULY, likelihood="", reason="", code="1-1"):
    return MonitoringSnapshot(as_of=as_of, indicator_code=code, value=parse_value(value) if value else None,
                              likelihood=likelihood, reason=reason)


def test_time_progress_is_counted_in_months():
    assert time_progress(JULY) == D(7) / D(12)
    assert time_progress(date(2022, 12, 31)) == 1
    assert time_progress(date(2022, 2, 14)) == (D(1) + D(14) / D(28)) / D(12)


def test_linear_projection_shows_its_method_and_inputs():
    p = project(D(7), JULY)
    assert (p.method, p.value) == ("linear", D("12.00"))
    assert p.inputs["time_progress"] == D(7) / D(12)
    assert "58.33%" in p.explanation and "7 ÷ 58.33% = 12" in p.explanation


def test_level_values_project_to_themselves():
    p = project(D("91"), JULY, accumulation=Accumulation.LEVEL)
    assert (p.method, p.value) == ("level", D("91"))


def test_seasonal_projection_from_the_monthly_profile_of_earlier_years():
    # Two earlier years that reached 35% and 45% of their totals by the end of July: mean 40%.
    history = {2020: {6: D(30), 7: D(35), 12: D(100)}, 2021: {6: D(80), 7: D(90), 12: D(200)}}
    profile = seasonal_profile(history)
    assert profile.years == (2020, 2021) and profile.shares[7] == D("0.40")
    p = project(D(20), JULY, profile=profile)
    assert (p.method, p.value) == ("seasonal", D("50.00"))
    assert p.inputs["years"] == (2020, 2021) and "2020、2021 年同期完成全年的 40.00%" in p.explanation
    # mid-month: interpolated between June (35%) and July (40%)
    assert profile.share_at(date(2022, 7, 15)) == D("0.35") + D("0.05") * D(15) / D(31)


def test_no_history_or_a_year_without_its_total_falls_back_to_linear():
    assert seasonal_profile({2021: {7: D(3)}}) is None
    assert project(D(7), JULY, profile=None).method == "linear"
    assert seasonal_profile({2021: {7: D(3), 12: D(9)}}, minimum_years=2) is None


def colour_of(pack, budget, executed, as_of=JULY):
    return budget_progress(D(budget), D(executed), as_of, pack).colour.level


def test_budget_colour_boundaries_on_the_shown_figures(pack):
    # 序时进度 at 31 July is shown as 58.33; behind = 58.33 − execution rate as shown.
    assert colour_of(pack, "100", "48.34") is GREEN   # 9.99 points behind
    assert colour_of(pack, "100", "48.33") is YELLOW  # exactly 10.00
    assert colour_of(pack, "100", "28.34") is YELLOW  # 29.99, below the 1000万 floor
    assert colour_of(pack, "100", "28.33") is RED     # exactly 30.00
    assert colour_of(pack, "1000", "383.40") is YELLOW  # key project 19.99 behind
    assert colour_of(pack, "1000", "383.30") is RED    # key project exactly 20.00 behind
    assert colour_of(pack, "999.99", "383.30") is YELLOW  # just under the amount floor
    # rounded as shown (half-up): 48.334% shows 48.33 → 10.00 behind; 48.335% shows 48.34 → 9.99
    assert colour_of(pack, "100000", "48334") is YELLOW
    assert colour_of(pack, "100000", "48335") is GREEN


def test_execution_curve_at_month_end(pack):
    curve_only = pack_from_dict({
        "name": "curve", "possibilities": ["能"], "reason_categories": ["其他"], "escalation": ["提示"],
        "budget_rules": [{"colour": "yellow", "below_curve": True}], "execution_curve": {7: "40"}}, "curve")
    assert colour_of(curve_only, "100", "40") is GREEN
    assert colour_of(curve_only, "100", "39.99") is YELLOW
    assert colour_of(curve_only, "100", "39.99", as_of=date(2022, 7, 30)) is GREEN  # the curve is for month ends


def status(pack, target, value, **kw):
    unit = kw.pop("unit", "人次")
    return assess_indicator(indicator(target, unit), snapshot(value, **kw), pack)


def test_indicator_colour_boundaries_on_the_shown_completion(pack):
    # A rate is a level: projection = value; completion = value ÷ target, shown with 2 decimals.
    def level(value):
        return status(pack, "≥90%", value, unit="%")

    assert level("90%").colour.level is GREEN        # 100.00
    assert level("89.99%").colour.level is YELLOW    # 99.99
    assert level("72%").colour.level is YELLOW       # exactly 80.00
    assert level("71.99%").colour.level is RED       # 79.99
    assert level("71.9955%").completion == D("80.00")  # 79.995 shows as 80.00 (half-up) …
    assert level("71.9955%").colour.level is YELLOW    # … so it is yellow, as the page shows it
    assert level("71.9954%").colour.level is RED


def test_linear_indicator_and_its_projection(pack):
    s = status(pack, "≥1200人次", "700人次")
    assert (s.projection.value, s.completion, s.colour.level) == (D("1200.00"), D("100.00"), GREEN)
    assert s.possibility == "确定能" and not s.possibility_stated
    zero = status(pack, "≥1个", "0个", unit="个", likelihood="有可能", reason="受疫情影响，对接活动暂缓")
    assert zero.colour.level is RED and zero.completion == D("0.00")
    assert zero.possibility == "有可能" and zero.possibility_stated
    assert zero.reason_category == "其他"


def test_upper_bound_targets_invert_the_completion(pack):
    cost = status(pack, "≤2.4万元", "2.5万元", unit="万元", )
    # 万元 accumulates by default: 2.5 × 12/7 = 4.29 → 2.4 ÷ 4.29 = 55.94% → red
    assert cost.completion == D("55.94") and cost.colour.level is RED


def test_a_stated_possibility_sets_at_least_its_colour(pack):
    assert status(pack, "≥1200人次", "700人次", likelihood="有可能").colour.level is YELLOW
    assert status(pack, "≥1200人次", "700人次", likelihood="完全不可能").colour.level is RED


def test_qualitative_values_by_grade(pack):
    qual = Indicator.from_text(code="q", level1="效益指标", level2="社会效益指标", name="作用", target="有效发挥")
    for text, colour in (("效果明显", GREEN), ("基本完成", YELLOW), ("未能达成", RED)):
        got = assess_indicator(qual, MonitoringSnapshot(as_of=JULY, indicator_code="q",
                                                        value=parse_value(text, qualitative=True)), pack)
        assert got.colour.level is colour, text


def test_reason_categories_are_data(pack):
    assert reason_category("人员保障：专职人员调离", pack.reason_categories) == "人员保障"
    assert reason_category("疫情", pack.reason_categories) == "其他"
    assert reason_category("", pack.reason_categories) == ""
    assert reason_category("疫情", ("疫情", "其他")) == "疫情"


def test_whole_document_uses_the_latest_snapshot_and_the_funds():
    pack = load_monitoring_pack()
    doc = EvaluationDocument(
        region_code="1", region_name="区", department_code="d", department_name="部门", year=2022,
        fund_lines=(FundLine(FundSource.GENERAL_BUDGET, FundNature.PROJECT, full_year_budget=D("100")),),
        tasks=(Task(code="1", name="任务", indicators=(indicator(),)),),
        monitoring=(snapshot("10人次", as_of=date(2022, 3, 31)), snapshot("70人次"),
                    MonitoringSnapshot(as_of=JULY, executed=D("48.33"))))
    result = assess(doc, pack)
    assert result.as_of == JULY and result.time_progress == D("58.33")
    assert [s.value for s in result.indicators] == ["70人次"]
    assert result.funds.colour.level is YELLOW and result.funds.behind == D("10.00")
    assert assess(doc, pack, as_of=date(2022, 4, 30)).indicators[0].value == "10人次"
    assert result.to_json()["indicators"][0]["projection"]["method"] == "linear"


def test_bad_packs_are_refused_with_the_key():
    base = {"name": "x", "possibilities": ["能"], "reason_categories": ["其他"], "escalation": ["提示"]}
    with pytest.raises(RulePackError, match="budget_rules\\[1\\]"):
        pack_from_dict({**base, "budget_rules": [{"colour": "purple", "behind_at_least": 1}]}, "x")
    with pytest.raises(RulePackError, match="没有任何条件"):
        pack_from_dict({**base, "indicator_rules": [{"colour": "red"}]}, "x")
    with pytest.raises(RulePackError, match="不存在"):
        load_monitoring_pack("../etc/passwd")
