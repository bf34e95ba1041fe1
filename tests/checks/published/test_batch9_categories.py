"""Kinds of wrong findings batch 9 showed at its blind measurement (tests/data/published/corpus/README.md, "Batch 9
read"): each test writes the shape in a few synthetic lines (no corpus document), and a variant shape, and a guard
shows the real inconsistency of that kind still found."""

from tests.checks.published.reviewing import codes as _codes, doubted as _doubted, review as _review


_TEMPLATE = "report.template_text"
_NUMBERING = {"report.section_gap", "report.section_order", "report.section_missing"}


# --- a mask that everywhere stands for a year or a name: the reprint hides whose report it is -------------------

def test_a_mask_of_the_city_and_the_papers_is_no_unfilled_answer():
    text = ("XX市环境保护局专项资金绩效自评报告\n一、专项资金概况\n资金800万元,在XX日报、XX市电视台开设专栏。\n"
            "二、绩效情况\n任务全部完成。\n")
    assert _TEMPLATE not in _codes(text) and _TEMPLATE in _doubted(text)


def test_variant_a_masked_year_and_document_number():
    text = ("学生营养改善计划项目绩效自评报告\n一、基本情况\n20xx年中央膳食补助资金6890万元(财教〔20xx〕1514号)均已到位。\n"
            "二、绩效情况\n任务全部完成。\n")
    assert _TEMPLATE not in _codes(text) and _TEMPLATE in _doubted(text)


def test_guard_a_mask_standing_for_a_figure_is_still_found():
    text = ("某县道路养护项目绩效自评报告\n一、基本情况\n20xx年安排资金XX万元,完成率XX%。\n二、绩效情况\n任务全部完成。\n")
    assert _TEMPLATE in _codes(text)


# --- headings the page ran into its lines -----------------------------------------------------------------------

_RUN_IN = ("老年人日间照料中心项目绩效自评报告\n一、项目概况 (一)项目基本情况。\n建设4个照料中心。\n(二)项目绩效目标。\n"
           "资金完成173万元。\n(三)项目自评价步骤。\n满意度达90%以上。 二、项目资金管理情况 (一)资金到位情况。\n"
           "申报预算资金173万元。 三、项目绩效情况 (一)项目完成情况。\n资金完成61.99万元。\n(二)项目效益情况\n"
           "1.缓解养老压力。 2.满意度达到90%。 3.控制在概算内。\n4.确保项目按期完成 四、评价结论\n"
           "评价等级为良。 五、存在的问题和建议 无\n六、其他需说明的事项 无\n")


def test_headings_run_into_the_lines_are_no_gap_no_disorder_and_no_missing_part():
    assert not _NUMBERING & set(_codes(_RUN_IN)) and _NUMBERING & set(_doubted(_RUN_IN))


def test_variant_a_heading_run_in_after_a_sentence_end_without_a_space():
    text = ("某项目绩效自评报告\n一、基本情况\n项目建设完成。二、绩效目标完成情况\n目标均已完成。三、存在的问题\n无。\n"
            "四、改进措施\n加强管理。\n")
    assert "report.section_gap" not in _codes(text)


def test_guard_a_number_missing_from_the_lines_too_is_still_a_gap():
    text = ("某项目绩效自评报告\n一、基本情况\n项目建设完成。\n三、绩效目标完成情况\n目标均已完成。\n四、存在的问题\n无。\n"
            "五、改进措施\n加强管理。\n")
    assert "report.section_gap" in _codes(text)


# --- scores of several things listed in one sentence ----------------------------------------------------------

_SCORES = ("某市2023年度省级交通专项资金绩效自评报告\n一、基本情况\n资金7505万元。\n二、自评情况\n"
           "普通国省道建设绩效自评分数为73.18分{sep}省交通事业发展保障支出绩效自评分数为89.03分{sep}"
           "省对地方普通公路养护绩效自评得分86.89分。\n")


def test_the_scores_of_several_parts_listed_in_a_sentence_are_none_the_reports():
    review = _review(_SCORES.format(sep="、"))
    assert "report.score_inconsistent" not in [f.code for f in review.findings] and review.report.score is None


def test_variant_listed_with_semicolons():
    assert "report.score_inconsistent" not in _codes(_SCORES.format(sep="；"))


def test_guard_one_score_written_twice_with_two_values_is_still_found():
    text = ("某项目绩效自评报告\n一、基本情况\n资金100万元。\n二、自评结论\n项目自评得分为92分。\n三、其他\n"
            "综上,项目自评得分为95分。\n")
    assert "report.score_inconsistent" in _codes(text)


# --- an indicator named for the execution rate, its target and actual value side by side ---------------------------

_ROW = ("某区2020年专项资金项目自评表\n预算数(A) 执行数(B) 执行率(B/A) 得分 285.84 285.84 100% 20 三级指标 年初目标值(A) "
        "实际完成值(B) 得分 {row} 资金拨付及时性 98%以上 100% 10\n")


def test_an_indicator_row_named_for_the_rate_gives_no_stated_rate():
    assert "report.execution_rate" not in _codes(_ROW.format(row="预算资金执行率 90% 100% 10"))


def test_variant_another_rate_label_and_decimal_points():
    assert "report.execution_rate" not in _codes(_ROW.format(row="预算执行率 95.5% 100% 8.5"))


def test_guard_a_rate_stated_against_its_amounts_is_still_checked():
    text = "某项目绩效自评报告\n一、基本情况\n全年预算数285.84万元,全年执行数285.84万元,预算资金执行率90%。\n"
    assert "report.execution_rate" in _codes(text)


# --- the uses a fund's money is arranged to, against the budget stated before them (an inconsistency found) ---------

_USES = ("某县2023年体育专项资金绩效自评报告\n一、基本情况\n2023年,省下达我县体育专项资金63.2万元。\n二、资金安排\n"
         "2023年我县资金安排{intro}支持体育设施建设5万元,支持青少年竞技体育13万元,支持体育产业发展5万元,"
         "支持健身步道{last}万元,支持体育项目培训1.2万元。总体目标是推进全民健身。\n")


def test_arranged_uses_adding_up_to_less_than_the_budget_are_found():
    found = [f for f in _review(_USES.format(intro="是:", last="10")).findings if f.code == "report.parts_sum"]
    assert len(found) == 1 and found[0].location["line"] == 5 and "34.2" in found[0].message


def test_variant_the_arrangement_introduced_with_如下():
    assert "report.parts_sum" in _codes(_USES.format(intro="如下:", last="10"))


def test_guard_uses_that_add_up_to_the_budget_or_whole_amounts_within_rounding():
    assert "report.parts_sum" not in _codes(_USES.format(intro="是:", last="39"))
    whole = _USES.format(intro="是:", last="39").replace("1.2万元", "1万元").replace("63.2万元", "63.4万元")
    assert "report.parts_sum" not in _codes(whole)  # five whole amounts may each be rounded by up to 0.5


# --- spending above the budget that the report states itself (branch rules9b) ---------------------------------------

_OVER = "report.executed_over_budget"


def test_an_overspend_the_report_states_with_its_difference_is_no_slip():
    text = ("某市红十字会2019年部门整体支出绩效自评报告\n一、基本情况\n年初下达预算支出910.47万元,年底决算支出1060.30万元,"
            "实际支出比预算增加149.83万元。\n")
    assert _OVER not in _codes(text) and _OVER in _doubted(text)


def test_variant_an_overspend_stated_as_exceeding():
    text = ("某市红十字会2019年部门整体支出绩效自评报告\n一、基本情况\n年初下达预算支出910.47万元,年底决算支出1060.30万元,"
            "超出预算149.83万元,系年中追加。\n")
    assert _OVER not in _codes(text) and _OVER in _doubted(text)


def test_guard_an_overspend_the_report_does_not_account_for_is_still_found():
    text = ("某市红十字会2019年部门整体支出绩效自评报告\n一、基本情况\n年初下达预算支出910.47万元,年底决算支出1060.30万元,"
            "收入增加20万元。\n")
    assert _OVER in _codes(text)


# --- a funds row whose sub-row repeats its small amounts: the row's 分值 and 得分 still read (branch rules9b) --------

_SCORE = "report.execution_score"
_FORM = ("某县项目支出绩效自评表 (2020年度) 项目名称 参保配套资金 主管部门 某县医疗保障局 项目资金 年初预算数 (万元) "
         "年度资金总额 其中:当年财政拨款 实施单位 全年预算数 全年执行数 分值 执行率 得分 {row} 上年结转资金 — — 其他资金 — —\n")


def test_an_execution_score_below_the_points_times_the_rate_is_found_above_a_sub_row_repeating_the_amounts():
    text = _FORM.format(row="65.66 65.07 10 99% 9 65.66 65.07 — 99% —")
    assert _SCORE in _codes(text)


def test_variant_the_score_that_agrees_is_confirmed():
    text = _FORM.format(row="65.66 65.07 10 99% 9.9 65.66 65.07 — 99% —")
    assert _SCORE not in _codes(text)
    assert any(c.code == _SCORE for c in _review(text).confirmed)


def test_guard_one_small_amount_repeated_alone_does_not_end_the_row():
    # 10 | 10 | 分值 10 | 100% | 得分 10: the points repeat the amount, the row goes on
    text = _FORM.format(row="10 10 10 100% 10 — — — — —")
    assert _SCORE not in _codes(text)
    assert any(c.code == _SCORE for c in _review(text).confirmed)
