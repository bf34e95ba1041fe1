"""The judgements shared by scoring, checks and the drafted report, each with its pack threshold."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from jixiao.domain.document import Indicator
from jixiao.rules import load_pack
from jixiao.scoring import Balance, achievement_ratio, execution_low, level_balance, overachieved, target_met

PACK = load_pack("mof-2020-project")  # overachievement 1.30, execution reason below 0.90, output/benefit 3


def indicator(target="≥10场", actual="10场", level1="产出指标", level2="数量指标", **rest):
    return Indicator.from_text(code="1-1", level1=level1, level2=level2, name="培训场次", target=target,
                               actual=actual, **rest)


def test_overachievement_is_judged_at_the_packs_ratio_exactly():
    assert overachieved(indicator(actual="13场"), PACK) == D("1.3")
    assert overachieved(indicator(actual="12.99场"), PACK) is None
    assert overachieved(indicator(target="≤100万元", actual="76.93万元"), PACK) is None  # 100/76.93 = 1.29988
    assert overachieved(indicator(target="≤100万元", actual="76万元"), PACK) == D(100) / D(76)


def test_ratios_are_not_taken_of_equal_qualitative_or_non_positive_targets():
    assert achievement_ratio(indicator(target="=100%", actual="140%")) is None
    assert achievement_ratio(indicator(target="效果明显", actual="效果明显")) is None
    assert achievement_ratio(indicator(target="≥0场", actual="3场")) is None
    assert achievement_ratio(replace(indicator(actual="20场"), applicable=False)) is None
    assert achievement_ratio(indicator(target="≥1万元", actual="20000元")) == D(2)  # converted to the target's unit


def test_execution_is_low_only_below_the_threshold():
    assert execution_low(D("0.8999"), PACK) and not execution_low(D("0.90"), PACK)
    assert not execution_low(None, PACK) and not execution_low(D("0.5"), None)


def test_level_balance_follows_the_packs_output_benefit_ratio():
    out = [indicator() for _ in range(3)]
    benefit = indicator(level1="效益指标", level2="社会效益指标")
    assert level_balance([], PACK) is Balance.NO_INDICATORS
    assert level_balance(out, PACK) is Balance.NO_BENEFIT
    assert level_balance([*out, benefit], PACK) is Balance.BALANCED  # 3 = 3 × 1
    assert level_balance([*out, indicator(), benefit], PACK) is Balance.TOO_MANY_OUTPUTS
    assert level_balance([*out, indicator(), benefit], None) is Balance.BALANCED


def test_target_met_reads_direction_and_qualitative_grade():
    assert target_met(indicator(actual="9场")) is False and target_met(indicator(actual="10场")) is True
    assert target_met(indicator(target="≤5%", actual="6%")) is False
    assert target_met(indicator(target="效果明显", actual="部分达成")) is False
    assert target_met(indicator(actual="")) is None
