"""Key figures batch 11 missed at its blind measurement, by shape of wording (tests/data/published/corpus/README.md,
"Batch 11 read (key figures and inconsistencies)"): each test writes the shape in a few synthetic lines, then a variant
or a guard, and reads the real document of the corpus in which it was seen."""

from decimal import Decimal

import pytest

from jixiao.published import parse_report_text
from tests.published.corpus import parsed as _corpus


# --- traditional characters of place names a mirror left unfolded (蕪湖, 閔行) ---------------------------------------

def test_traditional_place_characters_are_folded():
    text = "蕪湖市經信局2022年度小微企業融資擔保降費獎補資金績效自評報告\n一、基本情況\n資金100萬元。\n"
    assert parse_report_text(text).department == "芜湖市经信局"
    variant = "上海市閔行區民政局2012年度義務兵家庭優待金績效跟蹤報告\n一、基本情況\n資金100萬元。\n"
    assert parse_report_text(variant).department == "上海市闵行区民政局"


@pytest.mark.parametrize("stem, name", [
    ("anhui-2022-project-wuhu-small-business-guarantee-fee-award-traditional-mirror", "芜湖市经信局"),
    ("shanghai-2012-project-minhang-conscript-family-allowance-tracking-traditional-doc-site", "上海市闵行区民政局"),
])
def test_the_traditional_mirrors_of_batch_11_name_their_unit_in_simplified_characters(stem, name):
    assert _corpus(stem).department == name


# --- a target form's row that sets the periods' money side by side --------------------------------------------------

_TARGETS = ("某市农业农村局2024年质检体系建设项目支出预算绩效目标表\n项目名称 | 质检体系建设 | |\n项目资金 (万元) |\n"
            "{row}\n其中:财政拨款 | 68.50 | 其中:财政拨款 | 51.35 | ||\n")


def test_the_annual_total_beside_the_medium_term_total_is_the_budget():
    row = "中期资金总额: | 68.50 | 年度资金总额: | 51.35 | |||||"
    assert parse_report_text(_TARGETS.format(row=row)).budget_total == Decimal("51.35")


def test_variant_the_annual_total_first_with_its_unit():
    row = "年度资金总额(万元) | 51.35 | 中期资金总额 | 68.50 | ||"
    assert parse_report_text(_TARGETS.format(row=row)).budget_total == Decimal("51.35")


def test_guard_a_total_row_of_columns_is_not_read_as_its_first_cell():
    # 年度资金总额 | 年初 | 全年 | 执行: its first value is the budget at the year's start, not the full year's
    text = ("某县2023年度项目支出绩效自评表\n项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
            "年度资金总额 | 80 | 100 | 90 | 10 | 90% | 9\n")
    assert parse_report_text(text).budget_total != Decimal("80")


def test_the_target_form_of_batch_11_states_its_annual_budget():
    assert _corpus("anhui-2024-targets-luan-agriculture-product-quality-testing").budget_total == Decimal("51.35")


# --- money paid is no budget; money paid against the money due, and paid out over the year, is the execution ---------

def test_money_paid_in_total_is_no_budget():
    text = ("某街道2025年农村公益事业建设财政奖补项目绩效自评报告\n一、基本情况\n项目结算审核造价为819931.72元,"
            "项目累计支付资金合计795333.77元,其中中央资金630000元。\n")
    assert parse_report_text(text).budget_total is None
    guard = "某县2023年度道路项目绩效自评报告\n一、基本情况\n安排项目资金合计120万元,已支付100万元。\n"
    assert parse_report_text(guard).budget_total == Decimal("120")


def test_the_budget_arranged_by_several_levels_and_the_money_paid_against_the_money_due():
    text = ("某县2024年普惠金融发展专项资金绩效自评报告\n二、自评情况\n2024年,该项目中央、省级、县级预算共安排546.23万元,其中:"
            "中央248.73万元;2024年应支付贴息资金444.86万元,实际支付355.16万元,执行率65%。\n")
    report = parse_report_text(text)
    assert (report.budget_total, report.executed_total) == (Decimal("546.23"), Decimal("355.16"))


def test_guard_a_bare_payment_of_one_project_among_several_is_no_execution():
    text = ("某陵园管理处2022年度项目支出绩效自评总报告\n1、修缮项目:预算20万元,2022年全年实际支付20万元,使用率100%。\n"
            "2、改造工程项目:预算1616万元,2022年全年实际支付1616万元,使用率100%。\n")
    assert parse_report_text(text).executed_total is None


def test_the_money_paid_out_over_the_year():
    text = ("2023年高龄补贴事后绩效评价报告\n一、项目概况\n各级财政共下达我县2023老年人生活保健补贴资金4186.49万元,"
            "全年共发放3957.55万元(当年资金3904.82万元,上年结转资金52.73万元)。\n")
    assert parse_report_text(text).executed_total == Decimal("3957.55")
    variant = "某县2022年残疾人两项补贴绩效自评报告\n一、基本情况\n安排补贴资金300万元,累计发放288.6万元。\n"
    assert parse_report_text(variant).executed_total == Decimal("288.6")


@pytest.mark.parametrize("stem, budget, executed", [
    ("gansu-2024-project-minle-inclusive-finance-business-loan-interest", "546.23", "355.16"),
    ("shaanxi-2023-project-qishan-old-age-allowance-evaluation", "4186.49", "3957.55"),
])
def test_the_prose_figures_of_batch_11_are_read(stem, budget, executed):
    report = _corpus(stem)
    assert (report.budget_total, report.executed_total) == (Decimal(budget), Decimal(executed))


def test_a_sum_of_money_paid_of_batch_11_is_no_budget():
    assert _corpus("yunnan-2025-project-masked-street-rural-public-welfare-award").budget_total is None


# --- the money of a fund all passed on in time ----------------------------------------------------------------------

def test_the_money_of_a_fund_all_passed_on_is_its_budget():
    text = ("某区2024年度衔接推进乡村振兴补助资金绩效自评报告\n一、年度绩效目标分解下达情况\n2024年中央、省、市财政衔接推进乡村振兴"
            "补助资金1749万元,全部在规定时限内及时下达拨付给区乡村振兴主管部门。\n")
    assert parse_report_text(text).budget_total == Decimal("1749")
    variant = "某县2023年度农业保险保费补贴资金绩效自评报告\n一、基本情况\n省级补贴资金86.4万元,已全部按时下达。\n"
    assert parse_report_text(variant).budget_total == Decimal("86.4")


def test_the_linkage_funds_of_batch_11_are_read():
    assert _corpus("anhui-2024-project-xiejiaji-rural-revitalisation-linkage-funds").budget_total == Decimal("1749")


# --- the one budget a project's text states, at the year's start, beside its spending ---------------------------------

def test_the_budget_at_the_years_start_beside_the_spending_is_the_projects_budget():
    text = ("XX年扶持中小企业发展专项资金绩效评价报告\n一、项目基本情况\nxx市XX年度扶持中小企业发展专项资金年初预算为5430万元,"
            "实际支出共计5353.48万元。\n")
    assert parse_report_text(text).budget_total == Decimal("5430")


def test_guard_a_units_budget_at_the_years_start_is_no_whole_budget():
    # a unit's whole spending (部门整体): its 年初预算 is one item's, or the figure before the year's adjustments
    text = ("某县档案馆2023年度部门整体支出绩效自评报告\n一、部门概况\n年初预算为120万元,实际支出共计150万元。\n"
            "基本支出100万元,项目支出50万元。\n")
    assert parse_report_text(text).budget_total is None


def test_the_masked_fund_of_batch_11_states_its_budget():
    assert _corpus("unknown-unknown-project-masked-city-sme-development-fund-doc-site").budget_total == Decimal("5430")


# --- a report on several years given each year's allocation -----------------------------------------------------------

_YEARS = ("中央集中彩票公益金转移支付(孤儿助学工程项目){span}绩效自评报告\n一、绩效目标分解下达情况\n2019年8月2日,财政部下发通知,"
          "下达我省“孤儿助学工程”专项补助资金2,387万元;2020年6月19日,财政部下发通知,下达我省“孤儿助学工程”专项补助资金"
          "1,253万元。\n")


def test_a_report_on_two_years_given_each_years_allocation_has_no_one_budget():
    assert parse_report_text(_YEARS.format(span="2019年-2020年度")).budget_total is None


def test_guard_a_report_on_one_year_keeps_its_first_allocation():
    assert parse_report_text(_YEARS.format(span="2020年度")).budget_total == Decimal("2387")


def test_the_two_years_of_batch_11_give_no_one_budget():
    stem = "guangdong-2020-project-provincial-civil-affairs-orphan-college-aid-lottery-fund"
    assert _corpus(stem).budget_total is None


# --- a part's points opening its sentence, its score after them --------------------------------------------------------

def test_a_parts_score_after_its_points_is_not_the_reports():
    text = ("某区2020年度孤儿基本生活费保障民生工程绩效评价自评报告\n一、项目投入情况。分值20分(自评20分)\n"
            "(一)项目立项。分值10分,自评10分。\n二、项目过程情况。分值30分(自评29分)\n")
    assert parse_report_text(text).score is None


def test_guard_the_whole_reports_points_and_score():
    text = "某县2022年度项目支出绩效自评报告\n一、自评结论\n总分值100分,自评95分,等级为优。\n"
    assert parse_report_text(text).score == Decimal("95")
    variant = "某县2022年度项目支出绩效自评报告\n一、自评结论\n分值100分,自评得分92分。\n"
    assert parse_report_text(variant).score == Decimal("92")


# --- a title's place completed by a page's author named without any place ------------------------------------------

def test_a_titles_place_is_completed_by_the_author_named_without_a_place():
    text = ("叶集区2020年度孤儿基本生活费保障民生工程绩效评价自评报告\n发表时间:2021-01-08 15:10 作者:民政局  点击数:\n"
            "一、项目投入情况\n发放资金83.43万元。\n")
    assert parse_report_text(text).department == "叶集区民政局"


def test_guard_an_author_who_is_a_person_completes_nothing():
    text = ("叶集区2020年度孤儿基本生活费保障民生工程绩效评价自评报告\n发表时间:2021-01-08 15:10 作者:张明  点击数:\n"
            "一、项目投入情况\n发放资金83.43万元。\n")
    assert parse_report_text(text).department != "叶集区张明"


# --- an essay site's words (知远网整理的…) are no unit's name -----------------------------------------------------------

def test_a_phrase_holding_de_is_no_units_name():
    text = ("农村厕所改造项目绩效评价报告\n知远网整理的农村厕所改造项目绩效评价报告(精选10篇),希望能帮助到大家。\n"
            "一、项目基本情况\n农业农村局编制《关于农村公共厕所建设项目的请示》上报县人民政府批复。\n")
    assert "的" not in (parse_report_text(text).department or "")


def test_the_essay_of_batch_11_names_the_bureau():
    assert _corpus("hebei-unknown-project-weichang-rural-public-toilets-essay").department == "农业农村局"
