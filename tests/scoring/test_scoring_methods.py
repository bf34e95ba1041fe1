"""The scoring methods on plain values: ≥, ≤ (ratio/linear), =, qualitative bands, budget execution,
banded tables, deductions and checklists."""

from decimal import Decimal

import pytest

from jixiao.domain.enums import QualitativeGrade
from jixiao.rules import Band, BandedMethod, DeductionMethod, load_pack
from jixiao.scoring import methods as m
from jixiao.scoring.measures import Measure

D = Decimal
Q = D("0.01")
BANDS = load_pack("mof-2020-project").indicator_methods.qualitative


def ge(w, t, a):
    return m.score_ge(D(w), D(t), D(a), Q, f"{a} 场", f"≥{t} 场")


def le(w, t, a, variant="ratio"):
    return m.score_le(D(w), D(t), D(a), Q, f"{a} 元", f"≤{t} 元", variant)


def eq(w, t, a, variant="ratio"):
    return m.score_eq(D(w), D(t), D(a), Q, a, f"={t}", variant)


# --- quantitative -------------------------------------------------------------------------------

def test_ge_full_points_when_met_or_exceeded():
    assert ge("15", "10", "10")[:2] == (D("15.00"), True)
    assert ge("15", "10", "30")[0] == D("15.00")  # never above the points


def test_ge_proportional_when_missed():
    score, met, text = ge("15", "10", "9")
    assert (score, met) == (D("13.50"), False)
    assert text == "实际 9 场 < 目标 ≥10 场，得分 = 15 × 9/10 = 13.50"


def test_ge_rounds_half_up():
    assert ge("10", "8", "7.001")[0] == D("8.75")  # 8.75125
    assert ge("1", "8", "0.1")[0] == D("0.01")  # 0.0125 → 0.01
    assert ge("1", "16", "0.2")[0] == D("0.01")  # 0.0125 → 0.01 (half-up of 0.0125 is 0.01)
    assert ge("1", "8", "0.2")[0] == D("0.03")  # 0.025 → 0.03


def test_ge_target_zero_or_negative_actual():
    assert ge("5", "0", "0")[0] == D("5.00")
    assert ge("5", "10", "-3")[0] == D("0.00")
    score, _, text = ge("5", "-2", "-3")
    assert score == D("0.00") and "目标值不大于 0" in text


def test_le_ratio_and_linear():
    assert le("15", "500", "480")[:2] == (D("15.00"), True)
    assert le("15", "500", "520")[0] == D("14.42")
    score, met, text = le("15", "500", "520", "linear")
    assert (score, met) == (D("14.40"), False)
    assert text == "实际 520 元 > 目标 ≤500 元，得分 = 15 × (1 − (520 − 500)/500) = 14.40"


def test_le_linear_is_zero_at_twice_the_target():
    assert le("10", "100", "200", "linear")[0] == D("0.00")
    assert le("10", "100", "350", "linear")[0] == D("0.00")
    assert le("10", "100", "350")[0] == D("2.86")


def test_a_score_floored_at_zero_says_so():
    # A negative actual (a decrease written as −5) or an overrun past twice the target gives a
    # formula below 0; the explanation must not claim the formula equals 0.
    score, _, text = ge("10", "10", "-5")
    assert score == D("0.00")
    assert text == "实际 -5 场 < 目标 ≥10 场，得分 = 10 × (-5)/10 = -5，低于 0 分，按 0 分计，得分 0.00"
    score, _, text = le("10", "100", "350", "linear")
    assert score == D("0.00")
    assert text.endswith("得分 = 10 × (1 − (350 − 100)/100) = -15，低于 0 分，按 0 分计，得分 0.00")
    assert le("10", "100", "200", "linear")[2].endswith("= 0.00")  # exactly 0: nothing floored
    score, _, text = m.score_execution(D(10), D("100"), D("-5"), Q)
    assert score == D("0.00") and text.endswith("得分 = 10 × (-5.00%) = -0.5，低于 0 分，按 0 分计，得分 0.00")


def test_le_target_zero():
    assert le("5", "0", "0")[0] == D("5.00")
    score, met, text = le("5", "0", "1")
    assert (score, met) == (D("0.00"), False) and "目标值不大于 0" in text


def test_eq_ratio_both_ways_and_below_variant():
    assert eq("10", "100", "100")[:2] == (D("10.00"), True)
    assert eq("10", "100", "90")[0] == D("9.00")
    assert eq("10", "100", "110")[0] == D("9.09")  # 10 × 100/110
    assert eq("10", "100", "110", "below")[:2] == (D("10.00"), True)
    assert eq("10", "100", "90", "below")[0] == D("9.00")


def test_eq_target_zero_is_explicit():
    assert eq("10", "0", "0")[0] == D("10.00")
    score, met, text = eq("10", "0", "3")
    assert (score, met) == (D("0.00"), False) and "目标值为 0" in text


# --- qualitative --------------------------------------------------------------------------------

@pytest.mark.parametrize("grade, self_score, expected, rejected", [
    (QualitativeGrade.ACHIEVED, None, "20.00", False),          # default: top of the band
    (QualitativeGrade.ACHIEVED, "16", "16.00", False),          # 80% inclusive
    (QualitativeGrade.ACHIEVED, "15.99", "20.00", True),        # below the band
    (QualitativeGrade.PARTIAL, None, "10.00", False),           # default: bottom of 部分达成
    (QualitativeGrade.PARTIAL, "15.99", "15.99", False),
    (QualitativeGrade.PARTIAL, "16", "10.00", True),            # 80% belongs to 达成
    (QualitativeGrade.NOT_ACHIEVED, None, "0.00", False),
    (QualitativeGrade.NOT_ACHIEVED, "9.99", "9.99", False),
    (QualitativeGrade.NOT_ACHIEVED, "10", "0.00", True),
])
def test_qualitative_bands_80_50(grade, self_score, expected, rejected):
    score, met, text, was_rejected = m.score_qualitative(
        D(20), grade, None if self_score is None else D(self_score), BANDS, Q, "效果")
    assert score == D(expected) and was_rejected is rejected
    assert met is (grade is QualitativeGrade.ACHIEVED)
    assert "得分区间" in text


def test_qualitative_60_variant():
    from jixiao.rules.loader import _qualitative, _Reader
    bands = _qualitative(_Reader("t"), {"bands": {"部分达成": ["0.60", "0.80"], "未达成": ["0", "0.60"]}}, "q")
    assert m.score_qualitative(D(10), QualitativeGrade.PARTIAL, D("5.5"), bands, Q, "x")[3] is True
    assert m.score_qualitative(D(10), QualitativeGrade.PARTIAL, None, bands, Q, "x")[0] == D("6.00")
    assert m.score_qualitative(D(10), QualitativeGrade.NOT_ACHIEVED, D("5.5"), bands, Q, "x")[0] == D("5.50")


def test_qualitative_explanation_names_band_and_default():
    _, _, text, _ = m.score_qualitative(D(10), QualitativeGrade.ACHIEVED, None, BANDS, Q, "效果明显")
    assert text == "定性指标，实际“效果明显”属达成档（达成年度指标，得分区间 [8, 10]），未自评打分，按区间上限计 10.00"


# --- budget execution ---------------------------------------------------------------------------

def test_execution_points_times_rate():
    score, rate, text = m.score_execution(D(10), D("100.00"), D("86.18"), Q)
    assert score == D("8.62") and rate == D("0.8618")
    assert text.endswith("得分 = 10 × 86.18% = 8.62")


def test_execution_rate_shown_precisely_enough_to_give_the_score():
    # 86.445% rounds to 86.45%, but 10 × 86.445% = 8.6445 → 8.64: the formula must add up as written.
    score, _, text = m.score_execution(D(10), D("1000.00"), D("864.45"), Q)
    assert score == D("8.64")
    assert text == "执行率 = 执行数 864.45 ÷ 全年预算数 1,000.00 = 86.445%，得分 = 10 × 86.445% = 8.64"


def test_execution_capped_at_100_percent_and_zero_budget():
    score, rate, text = m.score_execution(D(10), D("100"), D("101.2"), Q)
    assert score == D("10.00") and "超过 100% 按 100% 计" in text
    score, rate, text = m.score_execution(D(10), D(0), D(5), Q)
    assert score == D("0.00") and rate is None


# --- banded tables ------------------------------------------------------------------------------

ADJUSTMENT = BandedMethod(measure="budget_adjustment_rate", absolute=True, bands=(
    Band(D(0), D(3), "未调整"), Band(D("0.10"), D(2)), Band(D("0.20"), D(1)), Band(D("0.30"), D("0.5")), Band(None, D(0))))


@pytest.mark.parametrize("rate, expected", [("0", "3.00"), ("0.0197", "2.00"), ("0.10", "2.00"), ("0.1001", "1.00"),
                                            ("0.25", "0.50"), ("0.31", "0.00"), ("-0.15", "1.00")])
def test_banded_adjustment_rate(rate, expected):
    score, met, text = m.score_banded(D(3), ADJUSTMENT, Measure(D(rate), "…", "rate", "预算调整率"), Q)
    assert score == D(expected)
    assert met is (expected == "3.00")


def test_banded_explanation_and_missing_measure():
    _, _, text = m.score_banded(D(3), ADJUSTMENT, Measure(D("0.0197"), "24.93 ÷ 1,266.80 = 1.97%", "rate", "预算调整率"), Q)
    assert "属“0 < 预算调整率 ≤ 10%”档，得 2 分（满分 3），得分 2.00" in text
    score, _, text = m.score_banded(D(3), ADJUSTMENT, Measure(None, "年初预算数未填写，无法计算预算调整率"), Q)
    assert score == D("0.00") and text.startswith("年初预算数未填写")


# --- deductions ---------------------------------------------------------------------------------

STAFF = DeductionMethod(measure="fact:staff", limit=D(1), step=D("0.01"), deduct=D("0.5"))


@pytest.mark.parametrize("rate, expected", [("0.98", "5.00"), ("1", "5.00"), ("1.03", "3.50"), ("1.035", "3.25"),
                                            ("1.2", "0.00")])
def test_deduction_per_point_over_the_limit_floored(rate, expected):
    score, _, _ = m.score_deduction(D(5), STAFF, Measure(D(rate), "x", "rate", "在职人员控制率"), Q)
    assert score == D(expected)


def test_deduction_ceil_counting_floor_and_below_limit():
    ceil = DeductionMethod(measure="m", limit=D(1), step=D("0.01"), deduct=D("0.5"), count="ceil", floor=D(1))
    assert m.score_deduction(D(5), ceil, Measure(D("1.031"), "x", "rate", "率"), Q)[0] == D("3.00")
    score, _, text = m.score_deduction(D(5), ceil, Measure(D("1.5"), "x", "rate", "率"), Q)
    assert score == D("1.00") and "低于最低分 1" in text
    below = DeductionMethod(measure="m", limit=D(1), step=D("0.05"), deduct=D(2), when="below")
    assert m.score_deduction(D(10), below, Measure(D("0.90"), "x", "rate", "预算完成率"), Q)[0] == D("6.00")
    assert m.score_deduction(D(10), below, Measure(D("1.00"), "x", "rate", "预算完成率"), Q)[0] == D("10.00")


def test_deduction_explanation():
    _, _, text = m.score_deduction(D(5), STAFF, Measure(D("1.03"), "103 ÷ 100 = 103.00%", "rate", "在职人员控制率"), Q)
    assert text == ("在职人员控制率 = 103 ÷ 100 = 103.00%，超过 100% 3 个百分点，每超过 1 个百分点扣 0.5 分，"
                    "得分 = 5 − 1.5 = 3.50")


# --- checklists ---------------------------------------------------------------------------------

def test_checklist_yes_no_not_applicable_and_unanswered():
    items = [("制度", D(1), True, "已建立"), ("公开", D(1), False, ""), ("监控", D(1), "", "")]
    score, met, text = m.score_checklist(D(3), items, Q)
    assert (score, met) == (D("1.00"), False)
    assert "制度：是（已建立），得 1 分" in text and "公开：否，不得分" in text and "监控：未填写，不得分" in text
    items = [("制度", D(1), True, ""), ("公开", D(1), None, ""), ("监控", D(1), True, "")]
    score, met, text = m.score_checklist(D(3), items, Q)
    assert (score, met) == (D("3.00"), True) and "得分 = 3 × 2/2 = 3.00" in text


def test_deduction_counting_every_started_step_says_so():
    # 3.1 points over with "ceil": 4 steps of 0.5 are deducted, not 3.1 × 0.5 = 1.55.
    ceil = DeductionMethod(measure="m", limit=D(1), step=D("0.01"), deduct=D("0.5"), count="ceil")
    score, _, text = m.score_deduction(D(5), ceil, Measure(D("1.031"), "103.1%", "rate", "在职人员控制率"), Q)
    assert score == D("3.00")
    assert text == ("在职人员控制率 = 103.1%，超过 100% 3.1 个百分点，每超过 1 个百分点扣 0.5 分"
                    "（不足 1 个百分点的按 1 个百分点计，共扣 4 次），得分 = 5 − 2 = 3.00")


def test_deduction_on_a_count_reads_as_a_sentence():
    per_case = DeductionMethod(measure="fact:complaints", limit=D(3), step=D(1), deduct=D("0.5"))
    _, _, text = m.score_deduction(D(2), per_case, Measure(D(5), "5", "number", "有效投诉件数"), Q)
    assert text == "有效投诉件数 = 5，超过 3（相差 2），每超过 1 扣 0.5 分，得分 = 2 − 1 = 1.00"
