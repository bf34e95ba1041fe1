"""Kinds of wrong findings and of missed inconsistencies batches 4–6 showed after their blind measurements
(tests/data/published/corpus/README.md, "Batches 4–6 read"): each test writes the shape in a few synthetic lines (no
corpus document), and a variant shape, and a guard shows the real inconsistency of that kind still found (for a wrong
finding) or a look-alike that is no inconsistency still left alone (for a missed one)."""

from tests.checks.published.reviewing import codes as _codes, doubted as _doubted, review as _review


# --- an inline list restarting under a new heading whose 1. the page glued to the heading --------------------

_LISTS = ("某局2022年度项目支出绩效评价报告\n一、项目基本情况 (一)项目概况1.项目立项情况年初安排预算资金10万元用于开展该项目。"
          "2.项目执行情况已完成全部培训。 {between}1.项目年度总体目标提升能力。{second}总体目标完成情况已完成。\n")


def test_a_list_restarting_after_a_heading_is_no_repeated_number():
    assert "report.list_duplicate" not in _codes(_LISTS.format(between="(二)项目绩效目标", second="2."))


def test_variant_the_glued_first_item_alone_restarts_the_list():
    # no heading between, only the second list's 1. glued to the word before it
    assert "report.list_duplicate" not in _codes(_LISTS.format(between="绩效目标", second="2."))


def test_guard_a_number_written_twice_in_one_list_stays_a_finding():
    text = "某局2022年度项目支出绩效评价报告\n存在的问题:1.资金拨付较慢。2.宣传不够。2.档案不全。3.监管不足。\n"
    assert "report.list_duplicate" in _codes(text)


# --- spending above the budget made up by money from another source the text names ----------------------------

_OTHER = ("某县2017年度农村危房改造资金绩效评价报告\n一、项目概况\n下达补助资金1476万元,(其中中央补助资金982万元、省级补助资金494万元)。"
          "完成危房改造897户,发放补助资金2734.6万元,({other})。\n")


def test_spending_made_up_by_the_countys_own_money_is_not_over_budget():
    assert "report.executed_over_budget" not in _codes(_OTHER.format(other="县级整合、配套资金1290.6万元"))


def test_variant_money_raised_by_the_unit_itself():
    assert "report.executed_over_budget" not in _codes(_OTHER.format(other="含单位自筹资金1300万元"))


def test_guard_other_money_too_small_to_cover_the_spending_leaves_the_overspend():
    assert "report.executed_over_budget" in _codes(_OTHER.format(other="县级配套资金100万元"))


# --- a heading opening the answer in a form's cell, after the form's cells one a line --------------------------

_CELL = ("某区2021年度部门(单位)整体支出绩效评价自评报告\n一、部门(单位)基本概况 |\n联系人 |\n张三 |\n人员编制 |\n16 |\n"
         "实有人数 |\n14 |\n{label} |\n一、群文活动出成效; 1.完成培训20场。 2.开展免费开放。\n")


def test_a_heading_that_opens_a_cells_answer_is_doubtful_not_a_repeated_section():
    text = _CELL.format(label="年度部门(单位)总体运行情况及取得的成绩")
    assert "report.section_duplicate" not in _codes(text)
    assert "report.section_duplicate" in _doubted(text)


def test_variant_another_cells_label():
    assert "report.section_duplicate" not in _codes(_CELL.format(label="年度主要工作完成情况"))


def test_guard_a_heading_repeated_in_the_prose_stays_a_finding():
    text = ("某区2021年度部门整体支出绩效评价自评报告\n一、部门基本概况\n本单位人员编制16人。\n一、部门整体支出情况\n"
            "全年支出100万元。\n")
    assert "report.section_duplicate" in _codes(text)


# --- a part missing from the outline whose partner part is there ------------------------------------------------

_OUTLINE = ("某县20xx年度图书馆总分馆项目绩效自评报告\n一、项目基本情况\n建设总分馆。\n二、项目资金使用及管理情况\n列支179万元。\n"
            "三、综合评价情况及评价结论\n自评97分。\n四、项目主要绩效情况分析\n取得成效。\n{last}\n持续推进。\n")


def test_a_report_with_measures_but_no_part_titled_problems_is_doubtful():
    text = _OUTLINE.format(last="五、建议")
    assert "report.section_missing" not in _codes(text)
    assert "report.section_missing" in _doubted(text)


def test_variant_problems_titled_but_no_measures():
    assert "report.section_missing" not in _codes(_OUTLINE.format(last="五、存在的问题"))


def test_guard_a_report_without_either_part_is_still_missing_them():
    assert "report.section_missing" in _codes(_OUTLINE.format(last="五、其他需要说明的情况"))


# --- a mask standing for a year on many lines: one matter ----------------------------------------------------

_MASKED = ("乡村振兴项目绩效自评报告\n一、基本情况\n20xx年安排资金100万元。\n二、绩效分析\n20xx年支付资金90万元。\n"
           "三、问题\n20xx年项目按期完成。\n")


def _masks(text: str) -> list:
    """Template findings, standing or doubted: a mask of a year or a name is held as 存疑 (batch 9), still as one."""
    review = _review(text)
    return [f for f in review.findings + review.doubtful if f.code == "report.template_text"]


def test_a_mask_on_several_lines_is_one_finding():
    found = _masks(_MASKED)
    assert len(found) == 1 and found[0].location["line"] == 3 and found[0].evidence["lines"] == [3, 5, 7]


def test_variant_a_mask_of_a_name():
    text = "XX县2022年度项目绩效自评报告\n一、基本情况\nXX县安排资金100万元。\n二、绩效分析\nXX县完成任务。\n"
    found = _masks(text)
    assert len(found) == 1 and "XX" in found[0].message


def test_guard_instructions_left_in_several_cells_stay_one_finding_each():
    text = ("项目支出绩效自评表\n主要绩效 | 说明项目实施取得的成效。(200字以内) |\n存在问题 | 分析存在的问题及原因。(200字以内) |\n"
            "改进措施 | 提出改进的意见。(200字以内) |\n")
    assert _codes(text).count("report.template_text") == 3


# --- one item more than counted, the last two joined by 及 -------------------------------------------------------

def test_one_item_more_than_counted_joined_by_ji_is_doubtful():
    text = ("某局2020年度项目支出绩效自评报告\n我局纳入审批事项7项,其中:核准类事项3项,为实物指标调查细则审批、移民安置规划大纲审查、"
            "大中型水利水电工程移民安置及移民项目验收。\n")
    assert "report.enumeration" not in _codes(text)
    assert "report.enumeration" in _doubted(text)


def test_variant_joined_by_he():
    text = "某局2020年度部门整体支出绩效自评报告\n内设机构3个,分别为:办公室、财务股、规划建设和项目管理股。\n"
    assert "report.enumeration" not in _codes(text)


def test_guard_two_items_more_than_counted_stays_a_finding():
    text = "某局2020年度部门整体支出绩效自评报告\n内设机构3个,分别为:办公室、财务股、人事股、规划股及项目股。\n"
    assert "report.enumeration" in _codes(text)


# --- a floor target far exceeded ----------------------------------------------------------------------------------

_ROWS = ("部门整体支出绩效自评表 |\n(2023年度) |\n部门 | 某县美丽乡村建设服务中心 |\n预算资金 (万元) |\n"
         "年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n年度资金总额 | 300 | 300 | 300 | 10 | 100% | 10 |\n"
         "绩 效 指 标 |\n一级指标 | 二级指标 | 三级指标 | 年度 指标值 |\n实际 完成值 |\n分值 | 得分 | 偏差原因分析及改进措施 |\n"
         "产出指标 | 数量指标 | 指标1:建设美丽宜居自然村庄数量 | ≥200 | 202 | 10 | 10 |\n"
         "指标2:完成农村户用卫生厕所改造数量 | {target} | 3061 | 10 | 10 |\n")


def test_a_floor_target_far_exceeded_owes_no_reason():
    assert "report.row_overachieved" not in _codes(_ROWS.format(target="≥2000"))


def test_variant_a_floor_written_in_words():
    assert "report.row_overachieved" not in _codes(_ROWS.format(target="不少于2000"))


def test_guard_a_planned_quantity_far_exceeded_still_asks_a_reason():
    assert "report.row_overachieved" in _codes(_ROWS.format(target="2000"))


# --- the same items listed under two totals: the one that adds up says the list is whole ---------------------

_TWO_LISTS = ("项目支出绩效自评表\n申请预算资金{first}元,其中村级组织运转400000元,村级事务补助960000元,村级工作目标奖励100000元。"
              "实际支出1329120元,其中村级组织运转439120元,村级事务补助660000元,{third}。\n")


def test_a_list_short_of_its_total_is_found_when_the_same_items_add_up_elsewhere():
    found = _codes(_TWO_LISTS.format(first="2026400", third="村级工作目标奖励230000元"))
    assert "report.parts_sum" in found


def test_variant_three_sources():
    text = ("某局2022年度项目支出绩效自评报告\n下达资金300万元,其中中央资金100万元,省级资金120万元,市级资金30万元。"
            "实际支出250万元,其中中央资金100万元,省级资金120万元,市级资金30万元。\n")
    assert "report.parts_sum" in _codes(text)


def test_guard_a_gap_written_apart_is_a_part_stated_elsewhere():
    text = ("某局2022年度项目支出绩效自评报告\n下达资金300万元,其中中央资金100万元,省级资金120万元,市级资金30万元。"
            "县级配套资金50万元另行安排。实际支出250万元,其中中央资金100万元,省级资金120万元,市级资金30万元。\n")
    assert "report.parts_sum" not in _codes(text)


def test_guard_a_list_of_other_items_short_of_its_total_names_only_some():
    # the items under the other total are not the same: nothing says the short list is whole
    text = _TWO_LISTS.format(first="2026400", third="其他支出230000元")
    assert "report.parts_sum" not in _codes(text)


# --- the money one notice allocated, restated otherwise while the other notices' money is restated the same ------

_NOTICES = ("某县2023年度水利发展资金绩效自评报告\n一、基本情况\n市财政局呼财农指【2023】10号文件下达我县中央水利发展资金2263万元。"
            "市财政局呼财农指【2023】41号文件下达我县自治区资金5万元。\n二、资金情况\n呼财农指【2023】10号文件下达我县中央水利发展资金"
            "2263万元。\n呼财农指【2023】41号文件下达我县{item}{amount}万元。\n")


def test_a_notices_money_restated_otherwise_is_one_figure_given_two_values():
    found = [f for f in _review(_NOTICES.format(item="山洪灾害防治设施维养", amount="6")).findings
             if f.code == "report.same_amount"]
    assert len(found) == 1 and found[0].location["line"] == 6 and "5" in found[0].message and "6" in found[0].message


def test_variant_brackets_of_another_shape():
    text = _NOTICES.format(item="资金", amount="8").replace("【", "〔").replace("】", "〕")
    assert "report.same_amount" in _codes(text)


def test_guard_a_notice_restated_the_same_is_no_finding():
    assert "report.same_amount" not in _codes(_NOTICES.format(item="资金", amount="5"))


def test_guard_one_notice_allocating_two_items_is_not_compared_without_a_restatement():
    text = ("某县2023年度水利发展资金绩效自评报告\n根据川财农〔2023〕167号文件,下达我县小流域治理资金300万元。"
            "根据川财农〔2023〕167号文件,下达我县水库维修资金50万元。\n")
    assert "report.same_amount" not in _codes(text)


def test_guard_a_notice_allocating_two_items_beside_one_restated_the_same_is_not_compared():
    text = ("某县2023年度水利发展资金绩效自评报告\n一、基本情况\n川财农〔2023〕10号文件下达我县资金2263万元。\n"
            "二、资金情况\n川财农〔2023〕10号文件下达我县资金2263万元。\n川财农〔2023〕41号文件下达我县小流域治理资金300万元。\n"
            "川财农〔2023〕41号文件下达我县水库维修资金50万元。\n")
    assert "report.same_amount" not in _codes(text)


# --- a rate in the sentence that gives the money done and the money left ------------------------------------------

def test_a_rate_against_the_money_paid_and_left_in_its_sentence():
    text = "乡村振兴项目绩效自评报告\n二、绩效分析\n全年资金支付18501.096万元,未支703万元,支付率95%。\n"
    found = [f for f in _review(text).findings if f.code == "report.execution_rate"]
    assert len(found) == 1 and "96.34%" in found[0].message and "95%" in found[0].message


def test_variant_spending_and_balance():
    text = "某局2022年度项目支出绩效自评报告\n项目资金使用180万元,结余20万元,使用率80%。\n"
    assert "report.execution_rate" in _codes(text)


def test_guard_a_rate_that_agrees_with_its_sentence_is_confirmed():
    text = "某局2022年度项目支出绩效自评报告\n项目资金使用180万元,结余20万元,使用率90%。\n"
    result = _review(text)
    assert "report.execution_rate" not in [f.code for f in result.findings]
    assert any(c.code == "report.execution_rate" for c in result.confirmed)


def test_guard_a_rate_of_the_budget_beside_a_balance_that_is_not_all_the_rest():
    # 100 budgeted, 80 spent, 15 left (5 returned): 执行率80% is of the budget
    text = "某局2022年度项目支出绩效自评报告\n全年预算数100万元。项目资金执行80万元,结余15万元,执行率80%。\n"
    assert "report.execution_rate" not in _codes(text)


# --- a total row of a table with one cell a line against its numbered rows, column by column ---------------------

def _cell_table(total: str, rows: list[tuple[str, str]], marker: str = "{n}、") -> str:
    lines = ["部门整体支出绩效自评表", "经费控制情况(万元) |", "2023年决算数 |", "2024年预算数 |", "|||", "项目支出: |"]
    lines += [f"{v} |" for v in total.split()] + ["|||"]
    for n, (label, values) in enumerate(rows, start=1):
        lines += [f"{marker.format(n=n)}{label} |"] + [f"{v} |" for v in values.split()] + ["|||"]
    return "\n".join(lines + ["公用经费 |", "20 |", "20 |"]) + "\n"


def test_a_total_row_against_its_numbered_rows_one_cell_a_line():
    text = _cell_table("1505.3 1377.9", [("中介服务", "1049.4 960.00"), ("信息化建设", "156.6 44.50"),
                                          ("金融政策补贴", "303.3 373.40")])
    found = [f for f in _review(text).findings if f.code == "report.parts_sum"]
    assert len(found) == 1 and "1,505.3" in found[0].message and "1,509.3" in found[0].message


def test_variant_rows_numbered_in_brackets():
    text = _cell_table("100 90", [("甲", "60 50"), ("乙", "50 40")], marker="({n})")
    assert "report.parts_sum" in _codes(text)


def test_guard_rows_that_match_no_column_are_not_the_totals_parts():
    text = _cell_table("100 90", [("甲", "60 55"), ("乙", "50 40")])
    assert "report.parts_sum" not in _codes(text)


def test_guard_rows_that_add_up_are_confirmed_silently():
    assert "report.parts_sum" not in _codes(_cell_table("110 90", [("甲", "60 50"), ("乙", "50 40")]))


def test_guard_a_notices_money_broken_down_sentence_by_sentence_is_not_restated_otherwise():
    text = ("某县2023年度水利发展资金绩效自评报告\n一、基本情况\n川财农〔2023〕10号文件下达我县资金2263万元。"
            "川财农〔2023〕41号文件下达我县资金50万元。\n二、资金情况\n川财农〔2023〕10号文件下达我县资金2263万元。\n"
            "川财农〔2023〕41号文件下达我县中央资金30万元。\n川财农〔2023〕41号文件下达我县省级资金20万元。\n")
    assert "report.same_amount" not in _codes(text)


# --- an amount in 元 that is count × standard in 万元 to the digit: the 万 left out ----------------------------

_VISITS = ("某市卫健委2022年度春节慰问经费项目绩效自评报告\n1.产出指标全部完成,慰问对象120人,慰问标准300/人。\n"
           "2.预算执行情况:春节慰问经费项目市级资金配套{amount},全部到位并使用完毕,执行率100%。\n")


def test_an_amount_that_lost_its_wan_against_its_count_and_standard():
    found = [f for f in _review(_VISITS.format(amount="3.6元")).findings if f.code == "report.amount_standard"]
    assert len(found) == 1 and found[0].location["line"] == 3 and "36,000" in found[0].message


def test_variant_households_at_so_much_each():
    text = "某县2022年度危房改造补助项目绩效自评报告\n补助危房改造80户,每户10000元。\n共发放补助资金80元。\n"
    assert "report.amount_standard" in _codes(text)


def test_guard_the_amount_written_in_wan_agrees():
    assert "report.amount_standard" not in _codes(_VISITS.format(amount="3.6万元"))


def test_guard_money_other_than_count_times_standard_is_no_slip():
    # 5万元 for 120 visits at 300: other uses are possible, not a finding
    assert "report.amount_standard" not in _codes(_VISITS.format(amount="50000元"))
