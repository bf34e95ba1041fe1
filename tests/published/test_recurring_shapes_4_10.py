"""Key figures missed in more than one document of batches 4–10 (corpus/README.md, "Recurring shapes across batches
4–10"), by general shape: each shape in a few synthetic lines, a variant, a guard that must not change, and the corpus
documents in which it was seen."""

from pathlib import Path

import pytest

from jixiao.published import parse_report_file, parse_report_text
from jixiao.published.identity import organisation

CORPUS = Path(__file__).resolve().parents[1] / "data" / "published" / "corpus"


def _corpus(stem: str):
    return parse_report_file(CORPUS / f"{stem}.txt")


# --- a title naming a span of years: an evaluation of several years, no single year evaluated ---------------------

@pytest.mark.parametrize("title", [
    "关于2015—2018年度某市学前教育专项资金的绩效评价报告",
    # variants: the span in brackets after the fund; with 年 after both years; a hyphen and no 度
    "某省民族宗教事务委员会民族工作经费专项资金(2017-2019年度)绩效评价报告",
    "2016年-2017年国家补助我省的旅游发展基金绩效评价报告",
    "某省住房和城乡建设厅关于2017-2019年省级城镇保障性安居工程支出绩效自评报告",
])
def test_a_title_naming_a_span_of_years_gives_no_single_year(title):
    text = f"{title}\n一、基本情况\n2019年下达资金300万元,2018年下达资金200万元。\n"
    assert parse_report_text(text).year is None


def test_guard_a_season_crossing_the_new_year_is_one_years_money():
    text = ("某市应急管理局2022—2023年中央自然灾害(冬春救助)救灾资金绩效自评报告\n一、基本情况\n"
            "2023年1月3日下达冬春救助资金614万元。\n")
    assert parse_report_text(text).year == 2023


def test_guard_a_span_in_the_body_leaves_the_titles_year():
    text = ("某县教育局2018年度学前教育专项资金绩效自评报告\n一、基本情况\n依据《某省学前教育三年行动计划(2017-2019年)》,"
            "2018年下达资金300万元。\n")
    assert parse_report_text(text).year == 2018


@pytest.mark.parametrize("stem", [
    "hunan-2018-project-jinshi-preschool-funds-2015-2018-evaluation",  # batch 6
    "jiangsu-2017-project-wuxi-preschool-funds-evaluation",  # batch 6
    "guizhou-2019-project-provincial-ethnic-affairs-funds-third-party",  # batch 7
    "hebei-2017-project-provincial-tourism-funds-finance-evaluation-pdf",  # batch 9
    "zhejiang-2021-project-masked-district-road-cleaning-2019-2021-key-evaluation",  # batch 9
    "sichuan-2019-project-provincial-housing-department-affordable-housing-2017-2019",  # batch 10
])
def test_the_span_evaluations_of_the_corpus_give_no_single_year(stem):
    assert _corpus(stem).year is None


def test_the_winter_relief_of_batch_4_keeps_its_year():
    assert _corpus("yunnan-2023-project-tengchong-winter-spring-relief").year == 2023


# --- a unit whose name holds a word that ends a unit's name elsewhere (乡村振兴局) ------------------------------------

@pytest.mark.parametrize("line, name", [
    ("达州市达川区乡村振兴局", "达州市达川区乡村振兴局"),
    # variant: a county's bureau, written as a signature
    ("某县乡村振兴局", "某县乡村振兴局"),
    # guard: the fund's words after the unit still end its name
    ("某县农业农村局乡村振兴衔接资金", "某县农业农村局"),
])
def test_a_unit_named_for_rural_revitalisation_is_whole(line, name):
    assert organisation(line) == name


def test_a_signature_is_taken_where_it_signs_not_where_a_notice_cites_the_unit():
    text = ("关于某县2022年中央财政衔接推进乡村振兴补助资金项目安排的公示\n根据要求下达我县资金2576万元。以《某县乡村振兴局某县财政局"
            "关于资金安排计划的请示》请示上报。\n公示时间:2022年1月31日至2月6日\n受理地址:某县乡村振兴局\n某县乡村振兴局\n"
            "2022年1月30日\n")
    assert parse_report_text(text).department == "某县乡村振兴局"


# --- a department read only as a place, completed by the one unit of that place the text names --------------------

@pytest.mark.parametrize("text, department", [
    ("发布机构: 某州市某桥区文化和旅游局\n某桥区2021年省级旅游发展资金绩效自评报告\n一、绩效目标情况\n下达我区87万元。\n",
     "某桥区文化和旅游局"),
    # variant: an upper place before the title's place, the unit named in the body without it
    ("某洲市某口区2023年度残保金专项项目绩效评价报告\n某口区残疾人联合会残保金专项的实施,可有效保障残疾人权益。\n",
     "某口区残疾人联合会"),
])
def test_a_place_completed_by_the_one_unit_of_that_place_in_the_text(text, department):
    assert parse_report_text(text).department == department


def test_guard_a_place_whose_text_names_several_of_its_units_stays_a_place():
    text = ("某林市2024年乡村振兴衔接资金绩效自评报告\n一、基本情况\n某林市农业农村局、某林市林业和草原局分别实施项目。\n"
            "来源:某林市财政局\n")
    assert parse_report_text(text).department == "某林市"


def test_guard_a_finance_bureau_that_passes_the_report_on_does_not_complete_the_place():
    text = "某畴县2021年森林抚育项目支出绩效自评报告\n发布时间:2022-11-29 来源:某畴县财政局\n一、绩效目标完成情况分析\n"
    assert parse_report_text(text).department == "某畴县"


def test_guard_a_unit_of_the_place_only_cited_does_not_complete_it():
    text = "某桥区2021年旅游发展资金绩效自评报告\n根据《某桥区财政局关于下达资金的通知》,下达我区87万元。\n"
    assert parse_report_text(text).department == "某桥区"


@pytest.mark.parametrize("stem, department", [
    ("anhui-2021-project-yongqiao-provincial-tourism-fund", "埇桥区文化和旅游局"),  # batch 9
    ("hunan-2023-project-lukou-disability-employment-fund-evaluation", "渌口区残疾人联合会"),  # batch 7
    ("hainan-2022-project-haikou-hightech-zone-yunlong-road-network", "海口国家高新区管委会"),  # batch 10
    ("sichuan-2024-notice-dachuan-rural-revitalisation-funds-allocation", "达州市达川区乡村振兴局"),  # batch 10
    ("yunnan-2022-notice-mouding-rural-revitalisation-funds-traditional-mirror", "牟定县乡村振兴局"),  # batch 10
    # guards: places whose text names several units stay as read
    ("heilongjiang-2024-project-hailin-rural-revitalisation-linkage-fund", "海林市"),
    ("jiangsu-2018-project-nanjing-preschool-awards-evaluation", "南京市"),
    # guard: the site's office and the finance bureau that passes the report on only publish
    ("yunnan-2021-project-xichou-forest-tending", "西畴县"),
])
def test_the_departments_of_the_corpus_completed_from_a_place(stem, department):
    assert _corpus(stem).department == department
