"""Properties of the monitoring engine over many values: a projection at the year's end is the value
itself; a larger value never gives a worse colour; a region's own pack is chosen by its code."""

from datetime import date
from decimal import Decimal as D

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.enums import WarningLevel
from jixiao.progress.engine import ORDER, budget_progress, project, time_progress
from jixiao.rules.monitoring import MONITORING_DIR, load_monitoring_pack

amounts = st.decimals(min_value=0, max_value=100000, places=2)
days = st.dates(min_value=date(2022, 1, 1), max_value=date(2022, 12, 31))


@given(amounts)
def test_at_the_years_end_the_projection_is_the_value(value):
    assert project(value, date(2022, 12, 31)).value == value.quantize(D("0.01"))


@given(amounts, days)
def test_linear_projection_is_value_over_time_progress(value, day):
    p = project(value, day)
    assert abs(p.value - value / time_progress(day)) <= D("0.005")


@settings(max_examples=300)
@given(st.decimals(min_value=1, max_value=5000, places=2), amounts, amounts, days)
def test_spending_more_never_gives_a_worse_colour(budget, a, b, day):
    pack = load_monitoring_pack()
    low, high = sorted((min(a, budget), min(b, budget)))
    worse = ORDER[budget_progress(budget, low, day, pack).colour.level]
    better = ORDER[budget_progress(budget, high, day, pack).colour.level]
    assert better <= worse


def test_a_regions_own_monitoring_pack(tmp_path, monkeypatch):
    data = yaml.safe_load((MONITORING_DIR / "monitoring-default.yaml").read_text(encoding="utf-8"))
    data.update(name="hp-2022", budget_rules=[{"colour": "red", "behind_at_least": "5", "why": "落后 5 个百分点"}],
                reason_categories=["政策调整", "疫情", "政府采购程序", "其他不可控因素", "按计划暂未实施", "合同约定暂未支付", "其他"])
    (tmp_path / "monitoring").mkdir()
    (tmp_path / "monitoring" / "hp-2022.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("JIXIAO_RULES_DIR", str(tmp_path))
    pack = load_monitoring_pack("hp-2022")
    assert pack.reason_categories[1] == "疫情"
    assert budget_progress(D(100), D("53.33"), date(2022, 7, 31), pack).colour.level is WarningLevel.RED
    assert budget_progress(D(100), D("53.34"), date(2022, 7, 31), pack).colour.level is WarningLevel.GREEN
