"""score_document: totals, grades, weights, not-applicable indicators, units, self scores and flags."""

from decimal import Decimal

import pytest

from jixiao.domain.enums import Direction, Level1, Level2
from jixiao.domain.document import Indicator
from jixiao.rules import RulePackError, load_pack, pack_from_dict
from jixiao.scoring import ScoringError, allocate, target_met, score_document

D = Decimal


def codes(result, code=None):
    return [f.code for f in result.notes if code is None or f.subject == code]


# --- the worked example of regulations.md §6.6 --------------------------------------------------

def test_worked_example_scores_95_62_excellent(build):
    result = score_document(build.doc(build.example()))
    assert result.rules == "mof-2020-project"
    assert result.execution.score == D("9.70")
    assert [item.score for item in result.items] == [D(x) for x in
                                                     ("13.50", "10.00", "10.00", "14.42", "18.00", "10.00", "10.00")]
    assert result.total == D("95.62") and result.grade == "优" and result.grade_code == "excellent"
    assert result.weight_total == D(100)


def test_worked_example_explanations_show_the_formula(build):
    result = score_document(build.doc(build.example()))
    assert result.items[0].explanation == "实际 9 场 < 目标 ≥10 场，得分 = 15 × 9/10 = 13.50"
    assert result.items[3].explanation == "实际 520 元 > 目标 ≤500 元，得分 = 15 × 500/520 = 14.42"
    assert "自评 18 分在区间内" in result.items[4].explanation and "[16, 20]" in result.items[4].explanation
    assert result.execution.explanation == ("执行率 = 执行数 48.50 ÷ 全年预算数 50.00 = 97.00%，"
                                            "得分 = 10 × 97.00% = 9.70")


def test_worked_example_linear_variant_gives_14_40_for_the_cost_row(build):
    data = build.pack_data("mof-2020-project")
    data["indicator_methods"]["le"] = "linear"
    result = score_document(build.doc(build.example()), pack_from_dict(data))
    assert result.items[3].score == D("14.40")
    assert result.items[3].explanation.endswith("得分 = 15 × (1 − (520 − 500)/500) = 14.40")
    assert result.total == D("95.60")




# --- published-table cases ----------------------------------------------------------------------





def test_a_table_summing_to_96_is_excellent(build):
    rows = build.example(**{"0": {"actual": "10场"}, "3": {"actual": "500元"}, "4": {"self_score": "16"}})
    result = score_document(build.doc(rows, budget="10.00", executed="10.00"))
    assert result.total == D("96.00")
    assert result.grade == "优"


def test_a_table_of_100_indicator_points_with_the_execution_row_on_top_is_scaled_with_the_reason(build):
    # published tables often give their indicators 100 points and put the 10-point execution row above
    rows = build.example(**{"1": {"weight": "20"}})
    result = score_document(build.doc(rows))
    assert result.weight_total == D(100)
    assert [item.weight for item in result.items] == [D(x) for x in ("13.50", "18.00", "9.00", "13.50", "18.00",
                                                                     "9.00", "9.00")]
    note = next(f for f in result.notes if f.code == "weights_scaled")
    assert "指标分值合计 100" in note.message and "共 110 分" in note.message and "折算为 90 分" in note.message


def test_a_table_whose_weights_add_to_another_total_is_refused_with_its_parts(build):
    rows = build.example(**{"1": {"weight": "15"}})
    with pytest.raises(ScoringError) as error:
        score_document(build.doc(rows))
    assert "权重合计 105（指标分值 95 + 其他 10），应为 100" in str(error.value)


def test_a_row_with_neither_target_nor_actual_keeps_its_hand_score_and_is_named(build):
    rows = build.example(**{"2": {"target": "", "actual": "", "self_score": "10"}})
    result = score_document(build.doc(rows))
    item = result.items[2]
    assert (item.score, item.method) == (D("10.00"), "unverifiable") and "无法核实" in item.explanation
    assert result.unverified == 1
    assert any(f.code == "unverifiable" and "按自评得分 10 分计" in f.message for f in result.notes)


def test_total_is_the_sum_of_rounded_items(build):
    # Three items of 1/3 each: rounding each to 0.33 before adding gives 0.99, not 1.00.
    rows = build.example(**{"0": {"target": "≥3场", "actual": "1场", "weight": "1"},
                             "3": {"weight": "29"}})
    result = score_document(build.doc(rows))
    first = result.items[0]
    assert first.score == D("0.33")
    assert result.total == sum((i.score for i in result.items), result.execution.score)


# --- grades -------------------------------------------------------------------------------------

@pytest.mark.parametrize("total, grade", [("100", "优"), ("90.00", "优"), ("89.99", "良"), ("80", "良"),
                                          ("79.99", "中"), ("60", "中"), ("59.99", "差"), ("0", "差")])
def test_grade_bands(total, grade):
    assert load_pack("mof-2020-project").grade_for(D(total)).label == grade


# --- weights under the department packs ---------------------------------------------------------

def dept_doc(build, indicators, **kw):
    facts = [{"key": k, "value": "是"} for k in
             ("management_rules", "info_disclosure", "performance_monitoring", "asset_management")]
    funds = [{"source": "一般公共预算财政拨款", "nature": "基本支出", "initial_budget": "100", "full_year_budget": "100",
              "executed": "100"},
             {"source": "一般公共预算财政拨款", "nature": "项目支出", "initial_budget": "100", "full_year_budget": "100",
              "executed": "100"}]
    return build.doc(indicators, kind="department", rule_pack="gd-2022-department", facts=facts, funds=funds, **kw)


def met(level1, level2, weight=None, **kw):
    row = {"level1": level1, "level2": level2, "name": f"{level2}{weight}", "target": "≥10场", "actual": "10场"}
    if weight is not None:
        row["weight"] = weight
    row.update(kw)
    return row


def test_rescale_mode_divides_the_pack_points_by_the_indicators_own_weights(build):
    rows = [met("产出", "数量", "6"), met("产出", "数量", "6"), met("产出", "质量", "9"),
            met("效益", "社会", "1"), met("满意度", "满意度", "5")]
    result = score_document(dept_doc(build, rows))
    weights = [i.weight for i in result.items if i.indicator_code]
    # 产出 40 shared 6:6:9 → 11.43, 11.43, 17.14 (cents by largest remainder, adding up to 40).
    assert weights == [D("11.43"), D("11.43"), D("17.14"), D(20), D(10)]
    assert result.total == D(100) and result.weight_total == D(100)


def test_rescale_mode_without_weights_shares_equally(build):
    rows = [met("产出", "数量"), met("产出", "数量"), met("产出", "数量"), met("效益", "社会"), met("满意度", "满意度")]
    result = score_document(dept_doc(build, rows))
    assert [i.weight for i in result.items if i.indicator_code][:3] == [D("13.34"), D("13.33"), D("13.33")]


def test_rescale_mode_refuses_a_group_with_some_weights_missing(build):
    rows = [met("产出", "数量", "5"), met("产出", "数量"), met("效益", "社会"), met("满意度", "满意度")]
    with pytest.raises(ScoringError, match="未填写分值"):
        score_document(dept_doc(build, rows))


def test_document_mode_flags_a_level1_split_that_differs_from_the_pack(build):
    rows = build.example(**{"0": {"weight": "20"}, "4": {"weight": "15", "self_score": "13"}})
    result = score_document(build.doc(rows))
    flags = [f for f in result.notes if f.code == "weights_adjusted"]
    assert {f.subject for f in flags} == {"output", "benefit"}
    assert "产出指标分值合计 55，与规则包的 50 不一致" in flags[0].message


def test_document_mode_refuses_a_missing_weight(build):
    rows = build.example(**{"1": {"weight": None}})
    with pytest.raises(ScoringError, match="培训合格率.*未填写分值"):
        score_document(build.doc(rows))


def test_allocate_keeps_the_total_exact():
    assert allocate(D(10), [D(1), D(1), D(1)]) == [D("3.34"), D("3.33"), D("3.33")]
    assert allocate(D(40), [D(4)] * 10) == [D(4)] * 10
    assert allocate(D(7), [D(0), D(0)]) == [D("3.50"), D("3.50")]
    shares = allocate(D("70"), [D(3), D(7), D(11), D(13)])
    assert sum(shares) == D(70)


# --- not applicable -----------------------------------------------------------------------------

def test_not_applicable_indicator_is_dropped_and_its_group_rescaled(build):
    rows = build.example(**{"1": {"applicable": False}})
    result = score_document(build.doc(rows))
    output = [i for i in result.items if i.path[0] == "产出指标"]
    assert [i.name for i in output] == ["培训场次", "年底前完成", "人均成本"]
    assert sum(i.weight for i in output) == D(50)
    assert result.weight_total == D(100)
    assert "not_applicable_dropped" in codes(result, "1-2")


def test_not_applicable_refused_by_the_pack_keeps_the_indicator_at_zero(build):
    result = score_document(build.doc(build.example(**{"1": {"applicable": False}})),
                            build.variant("mof-2020-project", not_applicable="refuse"))
    item = result.indicator("1-2")
    assert item.score == D("0.00") and item.weight == D(10)
    assert "not_applicable_refused" in codes(result, "1-2")


def test_a_whole_group_not_applicable_is_dropped_and_everything_rescaled(build):
    rows = build.example(**{"6": {"applicable": False}})
    result = score_document(build.doc(rows))
    assert result.weight_total == D(100)
    assert "满意度指标" not in [i.path[0] for i in result.items]
    assert result.execution.weight == D("11.11")
    assert "group_empty" in codes(result, "satisfaction")


def test_a_missing_group_under_refuse_scores_zero_with_a_placeholder(build):
    data = build.pack_data("gd-2022-department")
    data["not_applicable"] = "refuse"
    rows = [met("产出", "数量", "4"), met("效益", "社会", "4")]
    result = score_document(dept_doc(build, rows), pack_from_dict(data))
    placeholder = result.item("satisfaction")
    assert placeholder.weight == D(10) and placeholder.score == D("0.00")
    assert result.total == D(90)


# --- units, values, directions ------------------------------------------------------------------

def test_units_convert_between_wan_yuan_and_yuan(build):
    rows = build.example(**{"3": {"target": "≤5万元", "actual": "52000元"}})
    result = score_document(build.doc(rows))
    assert result.indicator("1-4").score == D("14.42")
    # The explanation shows the value as written and what it was converted to.
    assert result.indicator("1-4").explanation == ("实际 52,000 元（折合 5.2 万元） > 目标 ≤5 万元，"
                                                   "得分 = 15 × 5/5.2 = 14.42")


def test_units_convert_between_percent_and_permille(build):
    rows = build.example(**{"1": {"target": "≥95%", "actual": "970‰"}})
    item = score_document(build.doc(rows)).indicator("1-2")
    assert item.score == D("10.00")
    assert item.explanation.startswith("实际 970‰（折合 97%） ≥ 目标 ≥95%")


def test_a_target_with_a_multiplier_compares_with_an_actual_in_the_plain_unit(build):
    rows = build.example(**{"0": {"target": "≥1万人次", "actual": "9,800人次"}})
    item = score_document(build.doc(rows)).indicator("1-1")
    assert item.score == D("14.70")
    assert item.explanation == "实际 9,800 人次（折合 0.98 万人次） < 目标 ≥1 万人次，得分 = 15 × 0.98/1 = 14.70"


@pytest.mark.parametrize("actual, band, score, total, grade", [
    ("效果不明显，未能达成", "未达成档", "0.00", "77.62", "中"),
    ("没有明显提升", "未达成档", "0.00", "77.62", "中"),
    ("持续推进中", "部分达成档", "10.00", "87.62", "良"),
    ("基本完成", "部分达成档", "10.00", "87.62", "良"),
    ("效果明显", "达成档", "20.00", "97.62", "优"),
])
def test_a_qualitative_actual_is_scored_in_the_band_its_wording_says(build, actual, band, score, total, grade):
    # 效果不明显，未能达成 was read as 达成 and given the full 20 points
    result = score_document(build.doc(build.example(**{"4": {"actual": actual, "self_score": None}})))
    item = result.indicator("1-5")
    assert (item.score, band in item.explanation) == (D(score), True)
    assert (result.total, result.grade) == (D(total), grade)


def test_units_that_cannot_convert_are_refused_with_the_values_quoted(build):
    doc = build.doc(build.example())
    bad = Indicator.from_text(code="x", level1=Level1.OUTPUT, level2=Level2.QUANTITY, name="培训场次",
                              target="≥10场", actual="9", weight=D(15))
    bad = bad.__class__(**{**bad.__dict__, "actual": bad.actual.__class__("9人次", None, D(9), "人次")})
    tasks = (doc.tasks[0].__class__(code="1", name="t", indicators=(bad, *doc.tasks[0].indicators[1:])),)
    with pytest.raises(ScoringError) as error:
        score_document(doc.with_changes(tasks=tasks))
    assert "“9人次”的单位“人次”与指标值“≥10场”的单位“场”不一致" in str(error.value)


def test_missing_actual_scores_zero_and_is_flagged(build):
    result = score_document(build.doc(build.example(**{"0": {"actual": "/"}})))
    assert result.indicator("1-1").score == D("0.00")
    assert "actual_missing" in codes(result, "1-1")


def test_equal_direction_with_target_zero(build):
    rows = build.example(**{"1": {"target": "=0起", "actual": "0起", "name": "安全事故"}})
    assert score_document(build.doc(rows)).indicator("1-2").score == D("10.00")
    rows = build.example(**{"1": {"target": "=0起", "actual": "1起", "name": "安全事故"}})
    item = score_document(build.doc(rows)).indicator("1-2")
    assert item.score == D("0.00") and "目标值为 0" in item.explanation


def test_numeric_target_with_a_textual_actual_is_scored_by_band_and_flagged(build):
    result = score_document(build.doc(build.example(**{"0": {"actual": "已完成"}})))
    assert result.indicator("1-1").score == D("15.00")
    assert "actual_not_numeric" in codes(result, "1-1")


# --- self scores and over-achievement -----------------------------------------------------------



def test_qualitative_self_score_outside_its_band_is_rejected(build):
    result = score_document(build.doc(build.example(**{"4": {"self_score": "12"}})))
    item = result.indicator("1-5")
    assert item.score == D("20.00") and item.self_score == D(12)
    assert "self_score_out_of_band" in codes(result, "1-5")


def test_qualitative_self_score_over_the_weight_keeps_the_rule_score(build):
    result = score_document(build.doc(build.example(**{"4": {"self_score": "25"}})))
    assert result.indicator("1-5").score == D("20.00") and result.indicator("1-5").self_score == D(25)






# --- the pack a document names ------------------------------------------------------------------

def test_pack_none_uses_the_documents_pack_and_unknown_packs_are_refused(build):
    assert score_document(build.doc(build.example())).rules == "mof-2020-project"
    with pytest.raises(RulePackError) as error:
        score_document(build.doc(build.example(), rule_pack="sc-2099-nothing"))
    assert "的评分规则无法使用：规则包“sc-2099-nothing”不存在" in str(error.value) and "mof-2020-project" in str(error.value)
    with pytest.raises(RulePackError, match="未指定规则包"):
        score_document(build.doc(build.example(), rule_pack=""))


def test_pack_may_be_given_by_name(build):
    assert score_document(build.doc(build.example()), "mof-2020-project").total == D("95.62")


def test_kind_mismatch_is_flagged(build):
    result = score_document(build.doc(build.example(), kind="department"))
    assert "kind_mismatch" in codes(result)


# --- target_met --------------------------------------------------------------------------------

@pytest.mark.parametrize("target, actual, direction, expected", [
    ("≥10场", "10场", None, True), ("≥10场", "9场", None, False), ("≤500元", "520元", None, False),
    ("≤5万元", "49000元", None, True), ("=100%", "100%", None, True), ("=100%", "99%", None, False),
    ("有效", "效果明显", "定性", True), ("有效", "部分达成", "定性", False), ("≥10场", "", None, None),
])
def test_indicator_met(target, actual, direction, expected):
    indicator = Indicator.from_text(code="1", level1="产出", level2="数量", name="x", target=target, actual=actual,
                                    direction=direction)
    assert target_met(indicator, load_pack("mof-2020-project")) is expected


def test_indicator_met_is_none_when_not_applicable():
    indicator = Indicator.from_text(code="1", level1="产出", level2="数量", name="x", target="≥1个", actual="1个",
                                    applicable=False)
    assert target_met(indicator) is None
    assert indicator.direction is Direction.GE


def test_rescale_mode_converts_a_hand_entered_score_to_the_rescaled_points(build):
    rows = [met("产出", "数量", "4"),
            {"level1": "效益", "level2": "社会", "name": "作用发挥", "target": "有效发挥", "actual": "效果明显",
             "direction": "定性", "weight": "8", "self_score": "7"},
            met("效益", "社会", "2"), met("满意度", "满意度", "3")]
    result = score_document(dept_doc(build, rows))
    item = result.indicator("1-2")
    # 效益 20 shared 8:2 → 16 points; 7 of 8 is 14 of 16 (inside 达成 [12.8, 16]).
    assert item.weight == D(16) and item.score == D("14.00") and item.self_score == D(7)
    assert "自评 7 分（按分值 8 折算为 14 分）在区间内" in item.explanation


def test_execution_86_18_percent_scores_8_62(build):
    result = score_document(build.doc(build.example(), budget="100.00", executed="86.18"))
    assert result.execution.score == D("8.62")
    assert result.execution.rate == D("0.8618")


def test_the_engine_notes_only_how_it_scored_never_the_review_judgements(build):
    """Reasons needed, over-achievement and hand scores are judged once, by the checks (one home each)."""
    rows = build.example(**{"0": {"actual": "13场", "self_score": "15"}})
    result = score_document(build.doc(rows, budget="100.00", executed="86.18", self_total="98"))
    review = {"below_full", "overachieved", "execution_below_threshold", "self_score_differs", "self_total_differs",
              "self_grade_differs", "self_score_over_weight"}
    assert not review & set(codes(result))
