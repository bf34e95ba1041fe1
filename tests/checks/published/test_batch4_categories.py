"""Categories of failure batch 4 showed (tests/data/published/corpus/README.md, "Batch 4 read"): each test
writes the shape in a few synthetic lines (no corpus document), and a variant shape the corpus does not hold,
to check the mechanism is general rather than fitted."""

from jixiao.published import parse_report_text
from tests.checks.published.reviewing import codes as _codes, doubted as _doubted


# --- W1: a rate cut, not rounded, at the places written ----------------------------------------------------

def test_a_rate_cut_at_its_decimals_is_not_called_wrong():
    text = "某局2023年度项目支出绩效自评报告\n全年预算数500.00万元，全年执行数498.90万元，预算执行率99.7%。\n"  # 99.78%
    assert "report.execution_rate" not in _codes(text)


def test_variant_a_rate_cut_at_two_decimals():
    text = "某局2021年度部门整体支出绩效自评报告\n全年预算数1000.00万元，全年执行数936.87万元，执行率93.68%。\n"  # 93.687%
    assert "report.execution_rate" not in _codes(text)


def test_a_rate_off_by_more_than_its_cut_is_still_a_finding():
    text = "某局2023年度项目支出绩效自评报告\n全年预算数500.00万元，全年执行数498.90万元，预算执行率99.5%。\n"
    assert "report.execution_rate" in _codes(text)


def test_a_whole_rate_for_nearly_the_next_one_is_still_a_finding():
    text = "某局2023年度项目支出绩效自评报告\n全年预算数2596万元，全年执行数2595.62万元，项目预算执行率99%。\n"
    assert "report.execution_rate" in _codes(text)


# --- W2: money moved into an account in full is not money spent in full ---------------------------------------

def test_money_paid_in_full_into_an_account_does_not_contradict_a_rate_below_100():
    text = ("某县2022年度城乡居民养老保险补助资金绩效自评报告\n一、基本情况\n预算数500万元，执行数480万元，预算执行率为96%。\n"
            "二、目标完成情况\n各级补助资金足额拨付至专户，待遇按时发放。\n")
    assert "report.payment_contradiction" not in _codes(text)


def test_variant_paid_in_full_to_the_towns_finance_account():
    text = ("某县2022年度农机购置补贴资金绩效自评报告\n一、基本情况\n预算数300万元，执行数270万元，预算执行率为90%。\n"
            "二、目标完成情况\n资金已全部拨付到各乡镇财政账户，由乡镇兑付。\n")
    assert "report.payment_contradiction" not in _codes(text)


def test_money_paid_in_full_to_recipients_still_contradicts_a_rate_below_100():
    text = ("某县2022年度城乡居民养老保险补助资金绩效自评报告\n一、基本情况\n预算数500万元，执行数480万元，预算执行率为96%。\n"
            "二、目标完成情况\n补助资金已全部拨付，待遇按时发放。\n")
    assert "report.payment_contradiction" in _codes(text)


# --- W3: a numbered item whose title opens with a figure (1、2022年12月30日…) -----------------------------------

def test_an_item_opening_with_a_date_is_a_heading_so_the_next_item_has_its_number_one():
    text = ("某县2022年度救灾资金绩效自评报告\n一、绩效目标分解下达情况\n（一）资金下达情况。\n"
            "1 、2022 年 12 月 30 日，省财政厅下达我县救灾资金 600 万元。\n2 、绩效目标：及时足额发放救灾资金。\n"
            "二、绩效目标完成情况分析\n三、偏离绩效目标的原因和下一步改进措施\n")
    assert "report.section_gap" not in _codes(text)


def test_variant_an_item_opening_with_an_amount():
    text = ("某县2022年度救灾资金绩效自评报告\n一、基本情况\n1、600万元资金于3月全部下达。\n2、资金用于受灾群众生活救助。\n"
            "二、自评结论\n三、存在的问题\n四、改进措施\n")
    assert "report.section_gap" not in _codes(text)


# --- W4: headings whose numerals the page lost fill the gap -----------------------------------------------------

def test_a_gap_filled_by_headings_without_numerals_is_held_back():
    text = ("某区2023年度优抚对象补助资金绩效自评报告\n一、绩效目标完成情况分析\n（一）资金投入情况分析\n"
            "2023年收到财政资金共2330.9万元，支出2310.4万元。\n总体绩效情况分析\n按年度计划执行，及时拨付项目资金。\n"
            "）总体绩效目标完成情况分析\n完成各类优抚对象生活补助发放。\n（四）绩效指标完成情况分析\n1.数量指标。完成发放。\n")
    assert "report.section_gap" not in _codes(text)
    assert "report.section_gap" in _doubted(text)


def test_variant_one_lost_numeral_at_the_first_level():
    text = ("某局2021年度部门整体支出绩效自评报告\n一、部门基本情况\n本局内设科室5个。\n绩效自评结论\n自评得分95分。\n"
            "三、存在的问题\n个别项目进度偏慢。\n四、改进措施\n加快进度。\n")
    assert "report.section_gap" not in _codes(text)


def test_a_gap_with_only_prose_between_is_still_a_finding():
    text = ("某局2021年度部门整体支出绩效自评报告\n一、部门基本情况\n本局内设科室5个，在职人员20人，负责全县档案工作。\n"
            "三、存在的问题\n个别项目进度偏慢，资金支付滞后。\n四、改进措施\n加快进度。\n")
    assert "report.section_gap" in _codes(text)


# --- W5: the transfer-payment report's outline (绩效目标分解下达情况 …) is a complete outline -----------------------

def test_the_transfer_payment_outline_has_its_basic_part():
    text = ("某区新建道路工程项目2020年度绩效自评报告\n一、绩效目标分解下达情况\n区财政安排资金700万元。\n"
            "二、绩效目标完成情况分析\n已拨付工程款700万元。\n三、偏离绩效目标的原因和下一步改进措施\n无。\n"
            "四、绩效自评结果拟应用和公开情况\n按规定公开。\n")
    assert "report.section_missing" not in _codes(text)


def test_variant_a_funds_allocation_heading_as_the_basic_part():
    text = ("某县2022年度农机购置补贴资金绩效自评报告\n一、资金安排及分配情况\n下达资金300万元。\n"
            "二、绩效目标完成情况\n完成补贴。\n三、存在的问题和改进措施\n无。\n")
    assert "report.section_missing" not in _codes(text)


def test_a_report_without_any_basic_part_is_still_incomplete():
    text = ("某区新建道路工程项目2020年度绩效自评报告\n一、绩效目标完成情况分析\n已拨付工程款700万元。\n"
            "二、偏离绩效目标的原因和下一步改进措施\n无。\n三、绩效自评结果拟应用和公开情况\n按规定公开。\n")
    assert "report.section_missing" in _codes(text)


# --- R1: a rate written for nothing budgeted and nothing spent ------------------------------------------------

_FORM = ("项目支出绩效自评表\n资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) |\n"
         "年度资金总额: | 500万 | 500万 | 100% |\n其中:中央财政资金 | 300万 | 300万 | 100% |\n{row}\n"
         "地方资金 | 200万 | 200万 | 100% |\n")


def test_a_rate_for_zero_of_zero_is_a_finding():
    assert "report.execution_rate" in _codes(_FORM.format(row="福彩公益金 | 0 | 0 | 100% |"))


def test_variant_zero_cells_with_decimals_and_units():
    assert "report.execution_rate" in _codes(_FORM.format(row="上年结转资金 | 0.00万元 | 0.00万元 | 100.00% |"))


def test_a_zero_rate_for_zero_of_zero_is_no_finding():
    assert "report.execution_rate" not in _codes(_FORM.format(row="福彩公益金 | 0 | 0 | 0% |"))
    assert "report.execution_rate" not in _codes(_FORM.format(row="福彩公益金 | 0 | 0 | — |"))


# --- R2: a share over the task against the counts it follows from ---------------------------------------------

def test_a_share_over_the_task_unlike_its_counts_is_a_finding():
    text = ("某市2022年农村危房改造项目绩效自评报告\n一、基本情况\n我市2022年危房改造任务数为80户，实际完成危房改造120户。\n"
            "二、绩效分析\n由于动态清零，我市实际改造数超任务20%，全面完成目标。\n")  # 120 is 50% over 80
    assert "report.completion_rate" in _codes(text)


def test_variant_over_the_plan_in_another_measure():
    text = ("某县2021年高标准农田建设项目绩效自评报告\n一、基本情况\n计划任务量为2000亩，实际建成高标准农田2600亩，"
            "超出计划12%。\n")  # 30% over
    assert "report.completion_rate" in _codes(text)


def test_a_share_over_the_task_that_agrees_is_no_finding():
    text = ("某市2022年农村危房改造项目绩效自评报告\n危房改造任务数为80户，实际完成危房改造120户，超任务50%。\n")
    assert "report.completion_rate" not in _codes(text)
    written_as_share = "危房改造任务数为80户，实际完成危房改造120户，完成率为超任务150%。\n"
    assert "report.completion_rate" not in _codes("某市2022年农村危房改造项目绩效自评报告\n" + written_as_share)


# --- R3: a report copied from a neighbour (another unit of the same kind restates the report's own money) ----------

def test_a_neighbouring_town_given_the_reports_own_money_is_a_naming_finding():
    text = ("某县2023年度转移支付资金绩效自评报告\n一、基本情况\n（一）霍山县桃源镇人民政府2023年度下达上级资金转移支付312.5万元。\n"
            "二、绩效目标完成情况分析\n（一）总体绩效目标完成情况分析。\n霍山县落儿岭镇人民政府2023年度下达上级资金转移支付312.5万元，"
            "分解6个项目。\n")
    assert "report.naming" in _codes(text)


def test_variant_a_neighbouring_street_office():
    text = ("城关区东岗街道办事处2022年度社区建设资金绩效自评报告\n一、基本情况\n城关区东岗街道办事处2022年共安排社区建设资金86万元。\n"
            "二、绩效分析\n城关区西湖街道办事处2022年共安排社区建设资金86万元，全部用于社区服务。\n")
    assert "report.naming" in _codes(text)


def test_a_neighbouring_town_named_with_other_money_is_no_finding():
    text = ("某县2023年度转移支付资金绩效自评报告\n一、基本情况\n霍山县桃源镇人民政府2023年度下达上级资金转移支付312.5万元。\n"
            "二、绩效分析\n与霍山县落儿岭镇人民政府共建的道路投入40万元。\n")
    assert "report.naming" not in _codes(text)


# --- R4 / K6: one figure written once in 元 among 万元 --------------------------------------------------------------

def test_a_budget_written_once_in_yuan_beside_its_wan_yuan_twin():
    text = ("某县2024年度农机购置补贴项目绩效自评报告\n一、基本情况\n2024年项目预算资金合计1560万元。\n"
            "二、资金投入情况\n项目资金全年预算数1560元：其中中央资金1200万元，省级资金360万元。\n")
    report = parse_report_text(text)
    assert report.budget_total == 1560
    assert "report.same_amount" in _codes(text)


def test_variant_execution_written_once_in_yuan():
    text = ("某县2023年度耕地地力保护补贴项目绩效自评报告\n一、基本情况\n全年预算数900万元，全年执行数850万元。\n"
            "二、资金执行情况\n全年执行数850元，执行率94.44%。\n")
    assert parse_report_text(text).executed_total == 850
    assert "report.same_amount" in _codes(text)


def test_a_small_amount_in_yuan_without_a_twin_is_read_as_written():
    text = "某县2023年度慰问项目绩效自评报告\n一、基本情况\n全年预算数5000元，全年执行数5000元。\n二、说明\n另有其他资金12万元。\n"
    assert "report.same_amount" not in _codes(text)
