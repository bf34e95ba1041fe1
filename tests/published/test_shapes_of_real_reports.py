"""Reading the shapes real published reports take (tests/data/published/corpus/ holds the documents they
were met in): who made the report, its year, and its figures in tables that lost their layout."""

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.published import parse_report_file, parse_report_text
from jixiao.published.tables import split_run
from jixiao.published.text import SourceText

CORPUS = Path(__file__).parents[1] / "data" / "published" / "corpus"


def corpus(stem: str):
    return parse_report_file(CORPUS / f"{stem}.txt")


# --- text ----------------------------------------------------------------------------------------
def test_traditional_characters_and_a_mirrors_pinyin_notes_are_folded():
    source = SourceText("2019年度海珠區(qū)殘疾人兩項補(bǔ)貼資金發放使用情況")
    assert source.prose.text == "2019年度海珠区残疾人两项补贴资金发放使用情况"
    original = source.original
    start, end = source.prose_span(6, 9)
    assert original[start:end] == "海珠區"


@pytest.mark.parametrize("text,year", [
    ("二〇二一年度部门整体支出绩效自评报告", 2021),
    ("某某局( 20 21 年度 )部门整体支出绩效自评报告", 2021),
    ("部门整体支出绩效自评报告\n2022年度\n", 2022),
])
def test_years_in_chinese_numerals_split_by_extraction_or_on_a_line_of_their_own(text, year):
    assert parse_report_text(text).year == year


def test_the_year_the_body_speaks_of_when_the_title_has_none():
    text = "某中学专项资金绩效自评价报告一、基本情况我校2022年项目为一个(二)我校2022年按生均1000元安排,共计239万元"
    assert parse_report_text(text).year == 2022


def test_a_file_timestamp_in_a_title_is_not_its_year():
    text = "安福全 2019-05-22T04:56:35Z 附件: 项目支出绩效自评表 (2022年度) 项目名称 委托业务项目"
    assert parse_report_text(text).year == 2022


# --- department ----------------------------------------------------------------------------------
def test_the_implementing_unit_of_the_form_not_a_budget_code():
    text = ("项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 主管部门 219-池州市贵池区棠溪镇人民政府 "
            "实施单位 219001-池州市贵池区棠溪镇人民政府 项目资金 (万元)")
    assert parse_report_text(text).department == "池州市贵池区棠溪镇人民政府"


def test_a_cell_whose_value_stands_on_the_next_line():
    text = "部门预算项目支出绩效自评表(2023年度) |\n项目名称 |\n工资性支出 |\n主管部门 |\n青神县发展和改革局本级 |\n" \
           "实施单位 (盖章) |\n青神县发展和改革局 |\n"
    assert parse_report_text(text).department == "青神县发展和改革局"


def test_a_body_cited_after_genju_or_inside_book_quotes_is_not_the_department():
    assert parse_report_text("部门评价报告根据县财政局要求,我办积极组织人员对2021年专项工作经费绩效情况进行检查").department \
        is None
    text = "一、绩效目标分解下达情况\n2020年10月30日,中央以《财政部关于提前下达2021年农业相关转移支付资金预算的通知》文件下达"
    assert parse_report_text(text).department is None


def test_a_site_banner_above_the_pages_metadata_is_not_the_author():
    report = corpus("yunnan-2021-project-shidian-sugarcane")  # 施甸县人民政府 / 索引号 … / 施甸县2021年…报告
    assert report.department == "施甸县"


def test_breadcrumbs_are_not_part_of_the_name():
    assert corpus("hunan-2017-dept-provincial-procuratorate").department == "湖南省人民检察院"
    assert corpus("henan-2022-project-xiping-ethnic-affairs-sheep").department == "西平县民族宗教局"


def test_a_name_that_lost_its_first_character_is_completed_from_the_page():
    # the cell says “ 陵区林业局”, the page's 发布机构 零陵区林业局
    assert corpus("hunan-2021-table-yongzhou-lingling-forestry").department == "零陵区林业局"


def test_a_notice_signed_by_its_unit_above_the_date_not_the_units_of_its_annexes():
    # 附件1…附件10 name ten units' evaluation reports; the notice is signed 天水市财政局 / 2022年12月15日
    assert corpus("gansu-2021-notice-tianshui-finance-third-party-list").department == "天水市财政局"


def test_a_masked_or_spammed_name_is_no_name():
    assert corpus("hunan-2021-dept-hengyang-forestry-spam-mirror").department is None


# --- funds rows ----------------------------------------------------------------------------------
def test_numbers_run_together_are_split_where_rate_and_score_fit():
    assert split_run("202010100.00", "10", 2) == ([Decimal("20"), Decimal("20")], Decimal("10"),
                                                 Decimal("100.00"), Decimal("10"))
    assert split_run("310.2154.741050", "5", 2) == ([Decimal("310.2"), Decimal("154.74")], Decimal("10"),
                                                    Decimal("50"), Decimal("5"))
    assert split_run("123456", None, 2) is None  # nothing fits: no guess


def test_a_sichuan_total_row_with_label_cells_between_header_and_amounts():
    report = corpus("sichuan-2023-table-qingshen-ndrc-wages")
    assert (report.budget_total, report.executed_total, report.execution_rate) == (
        Decimal("251.89"), Decimal("251.89"), Decimal("100.00"))


def test_amounts_written_with_wan_and_a_total_row_of_zeros():
    report = corpus("hubei-2021-table-ezhou-citizen-centre")
    assert (report.budget_total, report.executed_total, report.execution_rate, report.score) == (
        Decimal("150"), Decimal("125.25"), Decimal("83.5"), Decimal("98"))
    zeros = corpus("anhui-2022-table-chizhou-tangxi-commission")
    # 年度资金总额: 0 0 0 10 0 0 / 其中:本年财政拨款 90 89.974 89.974
    assert (zeros.budget_total, zeros.executed_total) == (Decimal("89.974"), Decimal("89.974"))


def test_a_self_score_written_after_its_label_and_unit():
    assert corpus("chongqing-2021-table-science-city-media-centre").score == Decimal("97.6")  # 自评总分(分)97.6
    assert parse_report_text("总分100100注:1.一级指标分值").score == Decimal("100")


def test_a_result_tables_total_row_gives_score_and_grade():
    report = corpus("hainan-2018-dept-danzhou-court")  # 100.00 | 94.04 | 优 |
    assert (report.score, report.grade, report.executed_total) == (Decimal("94.04"), "优", Decimal("5560.46"))


def test_prose_budgets_as_reports_word_them():
    assert parse_report_text("调整预算后项目预算861.46万元,年中增加8个项目").budget_total == Decimal("861.46")
    assert parse_report_text("该项目经费用于支付房租,项目经费预算124万元,全年实际支出数为101.84万元。").budget_total == \
        Decimal("124")
    assert parse_report_text("我校2022年按生均1000元安排,共计239万元,其中上级资金179.25万元,本级59.75万元,项目").budget_total \
        == Decimal("239")
    assert parse_report_text("下达资金150万,全部到位").budget_total == Decimal("150")
