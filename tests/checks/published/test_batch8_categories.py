"""Kinds of wrong findings batch 8 showed at its blind measurement (tests/data/published/corpus/README.md, "Batch 8
read"): each test writes the shape in a few synthetic lines (no corpus document), and a variant shape, and a guard
shows the real inconsistency of that kind still found."""

from tests.checks.published.reviewing import codes as _codes, doubted as _doubted, review as _review


_LISTS = {"report.list_gap", "report.list_order", "report.list_duplicate"}


# --- circled column numbers of a table header, with the formulas between the columns ----------------------------

_HEADER = ("某单位2020年度部门整体支出绩效自评报告\n一、部门基本情况\n资金使用情况如下:\n"
           "{header}\n二、绩效目标完成情况\n各项工作均已完成。\n")


def test_circled_column_numbers_with_their_formulas_are_no_list():
    header = ("(万元) 年初预算金额① 年中调整金额② 小计 年度拨付金额 支出实现率(%)⑤=④/③ 本年度结余金额⑥=③-④ "
              "资金结余率(%)⑦=⑥/③")
    text = _HEADER.format(header=header)
    assert not _LISTS & set(_codes(text)) and _LISTS & set(_doubted(text))


def test_variant_formulas_with_full_width_operators():
    text = _HEADER.format(header="预算数① 执行数② 结余③＝①－② 执行率④＝②÷①")
    assert not _LISTS & set(_codes(text))


def test_guard_circled_list_out_of_order_stays_a_finding():
    text = _HEADER.format(header="主要做法:①加强预算管理;③规范资金使用;②强化绩效监控。")
    assert _LISTS & set(_codes(text))


# --- a list number the page wrote twice running ((2)(2)) ---------------------------------------------------------

_DOUBLED = "某项目绩效自评报告\n一、存在问题\n{items}\n二、改进建议\n加大宣传。\n"


def test_a_list_number_written_twice_running_is_no_second_item():
    text = _DOUBLED.format(items="1、存在问题(1)(1) 宣传范围不够广。(2)(2) 宣传氛围不够浓厚。2、改进建议(1)(1) 增加进社区的次数。"
                                 "(2)(2) 加大投入经费。")
    assert "report.list_duplicate" not in _codes(text) and "report.list_duplicate" in _doubted(text)


def test_variant_doubled_numbers_in_full_width_brackets():
    text = _DOUBLED.format(items="1、存在问题（1）（1）宣传范围不够广。（2）（2）宣传氛围不够浓厚。2、改进建议（1）（1）增加宣传次数。"
                                 "（2）（2）加大投入。")
    assert "report.list_duplicate" not in _codes(text) and "report.list_duplicate" in _doubted(text)


def test_guard_a_number_given_to_two_items_stays_a_finding():
    text = _DOUBLED.format(items="存在问题(1)宣传范围不够广。(2)宣传氛围不够浓厚。(2)经费不足。")
    assert "report.list_duplicate" in _codes(text)


# --- a budget adjustment read from a row whose header has no budget of the year's start --------------------------

_ROW = ("某协会2022年度项目支出绩效自评表\n项目名称 科普宣传\n主管部门 某市科学技术协会\n预算执行情况(万元)\n(20分)\n"
        "{header}\n年度财政资金总额 {row}\n")


def test_a_row_under_a_header_without_the_years_start_budget_is_no_adjustment():
    text = _ROW.format(header="  预算数(A) 执行数(B) 执行率(B/A) 得分", row="104 103.97 99.97 19")
    assert "report.budget_adjusted" not in _codes(text)


def test_variant_traditional_header_without_the_years_start_budget():
    text = _ROW.format(header="  預算數(A) 執行數(B) 執行率(B/A) 得分", row="104 103.97 99.97 19")
    assert "report.budget_adjusted" not in _codes(text)


def test_guard_a_header_with_both_budgets_keeps_the_adjustment():
    text = _ROW.format(header="年初预算数 全年预算数 全年执行数 分值 执行率 得分", row="104 120 118 10 98.33% 9.83")
    assert "report.budget_adjusted" in _codes(text)


# --- a count's noun followed by the kinds of unit it takes in, in brackets ----------------------------------------

_COUNT = "某中心血站项目绩效自评报告\n一、基本情况\n{sentence}\n二、绩效目标完成情况\n目标均已完成。\n"


def test_kinds_in_brackets_after_the_counted_noun_are_no_items():
    text = _COUNT.format(sentence="本站承担全市十三个县(市、区)无偿献血者的招募工作。")
    assert "report.enumeration" not in _codes(text)


def test_variant_full_width_brackets():
    text = _COUNT.format(sentence="全面承担全市11个县（市、区）的血液供应。")
    assert "report.enumeration" not in _codes(text)


def test_guard_a_count_against_fewer_items_named_stays_a_finding():
    text = _COUNT.format(sentence="本站下设科室5个,即办公室、财务科、检验科。")
    assert "report.enumeration" in _codes(text)


# --- a （2） after its （1） with a run of 1、 items nested between them --------------------------------------------

_NESTED = ("某工程项目支出绩效自评报告\n一、基本情况\n(一)项目概况\n下达资金153万元。\n(二)资金投入使用情况\n"
           "{first}\n1、项目预算安排情况。\n2、财政拨款总额153万元。\n3、资金到位率100%\n{second}\n1、实际支出153万元。\n"
           "二、绩效目标完成情况\n目标均已完成。\n")


def test_a_second_sub_part_after_items_nested_under_its_first_is_no_gap():
    assert "report.section_gap" not in _codes(_NESTED.format(first=" (1)资金到位情况", second="(2)资金使用情况"))


def test_variant_full_width_brackets_nested():
    assert "report.section_gap" not in _codes(_NESTED.format(first="（1）资金到位情况", second="（2）资金使用情况"))


def test_guard_a_sub_part_skipping_its_sibling_stays_a_gap():
    assert "report.section_gap" in _codes(_NESTED.format(first="（1）资金到位情况", second="（3）资金使用情况"))


# --- a text whose last part holds its （一） alone: it stops inside that part ---------------------------------------

_OPENING = ("财政专项扶贫资金绩效自评报告\n一、绩效目标分解下达情况\n年度资金40.83万元。\n二、绩效自评开展情况\n"
            "组织开展了自评。\n三、绩效目标自评完成情况分析\n{subs}\n")


def test_missing_parts_after_a_last_part_with_its_first_sub_part_alone_are_doubtful():
    text = _OPENING.format(subs="(一)资金投入情况分析\n1、项目资金执行率为100%。\n2、项目资金专款专用。")
    assert "report.section_missing" not in _codes(text) and "report.section_missing" in _doubted(text)


def test_variant_full_width_first_sub_part():
    text = _OPENING.format(subs="（一）资金投入情况分析\n项目资金执行率为100%。")
    assert "report.section_missing" not in _codes(text)


def test_guard_a_last_part_with_all_its_sub_parts_still_misses_problems_and_measures():
    text = _OPENING.format(subs="(一)资金投入情况分析\n执行率为100%。\n(二)总体绩效目标完成情况分析\n目标均已完成。")
    assert "report.section_missing" in _codes(text)


# --- inconsistencies batch 8 held that were missed: rates against their own amounts ------------------------------

_SOURCES = ("某局2024年度项目支出绩效自评表\n项目名称 | 业务支出项目 |\n"
            "项目资金(万元) |\n年初预算数 |\n全年预算数 |\n全年执行数 |\n分值 |\n执行率(%) |\n得分 |\n||||\n"
            "年度资金总额 |\n0 |\n2.38 |\n2.38 |\n10 |\n100 |\n10 |\n|||||\n"
            "其中:财政拨款 |\n0 |\n0.58 |\n0.58 |\n—— |\n{first} |\n—— |\n|||||\n"
            "其他资金 |\n0 |\n1.8 |\n1.8 |\n—— |\n{second} |\n—— |\n|||||\n"
            "年度总体目标 |\n完成宣传工作。 |\n")
_RATE = "report.execution_rate"


def test_a_source_rows_rate_against_its_own_amounts():
    found = [f for f in _review(_SOURCES.format(first="100", second="0")).findings if f.code == _RATE]
    assert len(found) == 1 and "其他资金" in found[0].message and "100.00%" in found[0].message


def test_variant_source_rows_with_their_rates_in_percent():
    assert _RATE in _codes(_SOURCES.format(first="100%", second="50%"))


def test_guard_source_rows_whose_rates_agree_or_are_empty():
    assert _RATE not in _codes(_SOURCES.format(first="100", second="100"))
    # the rate cells left empty: the row holds its amounts only, nothing is compared
    assert _RATE not in _codes(_SOURCES.format(first="——", second="——"))


_DUE = "某省2022年度粮食风险基金绩效自评报告\n一、基本情况\n{sentence}\n二、绩效目标完成情况\n目标均已完成。\n"


def test_a_rate_of_the_money_that_came_against_the_money_due():
    sentence = "2022年地方应配套20971.00万元,实际配套到位资金104880.14万元,超规模配套83909.14万元,执行率为400.12%。"
    found = [f for f in _review(_DUE.format(sentence=sentence)).findings if f.code == _RATE]
    assert len(found) == 1 and "500.12%" in found[0].message


def test_variant_money_due_and_paid_without_a_clause_between():
    sentence = "省级应拨付100万元,实际拨付80万元,拨付率为90%。"
    assert _RATE in _codes(_DUE.format(sentence=sentence))


def test_guard_a_rate_of_the_money_due_that_agrees():
    sentence = "省级应拨付100万元,实际拨付80万元,拨付率为80%。"
    assert _RATE not in _codes(_DUE.format(sentence=sentence))


# --- one figure given twice with two neighbouring digits swapped ------------------------------------------------

_YEARS = ("某局2022年度部门整体支出绩效自评报告\n分年度明细 |\n年度 |\n预算计划安排 |\n2021 |\n{planned} |\n|||||\n"
          "实际明细支出 |\n年度 |\n实际支出金额 |\n市本级支出 |\n2021 |\n{spent} |\n{city} |\n|||||\n")
_SAME = "report.same_amount"


def test_a_figure_with_two_neighbouring_digits_swapped():
    result = _review(_YEARS.format(planned="661.628093", spent="661.682093", city="661.628093"))
    found = [f for f in result.findings if f.code == _SAME]
    # the finding stands at the figure written once, the slip
    assert len(found) == 1 and found[0].location["line"] == 13 and "661.682093" in found[0].message


def test_variant_swapped_digits_in_amounts_with_thousands_separators():
    assert _SAME in _codes(_YEARS.format(planned="4,764,453.11", spent="4,746,453.11", city="4,764,453.11"))


def test_guard_short_figures_whole_numbers_and_other_differences_are_no_slip():
    # 12.35 and 12.53: too few digits to exclude chance
    assert _SAME not in _codes(_YEARS.format(planned="12.35", spent="12.53", city="12.35"))
    # whole numbers as long are codes, dates or telephone numbers (20210513 / 20210531)
    assert _SAME not in _codes(_YEARS.format(planned="20210513", spent="20210531", city="20210513"))
    # two digits that differ otherwise than by a swap
    assert _SAME not in _codes(_YEARS.format(planned="661.628093", spent="661.638093", city="661.628093"))


# --- a target form's project period against the medium-term target and money it sets --------------------------------

_PERIOD = ("某市某局2023年度项目支出绩效目标表\n项目名称 |\n人工增雨作业项目 |\n项目期 |\n{period} |\n|\n项目资金\n(万元) |\n"
           "中期资金总额: |\n{medium}万 |\n年度资金总额: |\n189.8万 |\n总体目标 |\n中期目标({span}) |\n年度目标 |\n")
_YEAR = "report.year_mismatch"


def test_a_one_year_project_with_a_medium_term_target_and_its_money():
    found = [f for f in _review(_PERIOD.format(period="1年", medium="449.8", span="2023年—2025年")).findings
             if f.code == _YEAR]
    assert len(found) == 1 and found[0].location["line"] == 4


def test_variant_a_two_year_period_against_a_three_year_span():
    assert _YEAR in _codes(_PERIOD.format(period="2年", medium="449.8", span="2023年-2025年"))


def test_guard_a_period_that_covers_the_span_or_medium_money_equal_to_the_years():
    assert _YEAR not in _codes(_PERIOD.format(period="3年", medium="449.8", span="2023年—2025年"))
    # the form's printed span with the year's money only as its medium-term money: nothing is planned beyond the year
    assert _YEAR not in _codes(_PERIOD.format(period="1年", medium="189.8", span="2023年—2025年"))
