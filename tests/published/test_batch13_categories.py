"""Kinds of key figures batch 13 (and batch 12) showed missed or wrong once read (tests/data/published/corpus/README.md,
"Batch 13 read (key figures)"): each kind is written as its shape in a few synthetic lines (no corpus document), a
variant, and a guard (a near-miss that must keep its reading), and the corpus documents in which it was seen."""

import pytest

from jixiao.published import parse_report_text
from tests.published.corpus import parsed as _read


# --- a finance department's news of a round of evaluations is of no one kind ---------------------------------------

@pytest.mark.parametrize("text", [
    # a news item opening on the round: 重点项目 names what the round covers, not the document's kind
    "近日,市财政局布置开展2020年市级部分重点项目财政绩效评价工作,确定了12项市级预算资金作为评价项目。\n",
    # variant: a launching notice's title, then its body on 专项资金 and 部门预算项目
    "部署开展2018年度绩效自评工作\n省财政厅印发通知,自评范围为107项部门预算重点项目和15项省级财政专项资金。\n",
    # variant: a department's note that it finished the round
    "省厅顺利完成2017年省级财政支出绩效评价工作\n选取确定土地整治6亿元资金为评价项目,各处室进行绩效自评打分。\n",
])
def test_news_of_a_round_of_evaluations_has_no_kind(text):
    assert parse_report_text(text).kind is None


@pytest.mark.parametrize("text, kind", [
    # guard: a unit reporting its own evaluation, done (开展了…工作。现将…报告如下)
    ("某市人社局对2022年度城乡居保市级补贴使用情况开展了财政绩效评价工作。现将绩效评价情况报告如下:\n一、项目基本情况\n",
     "项目"),
    # guard: a report that cites the notice launching the round it belongs to
    ("根据《财政部关于开展2024年度中央对地方转移支付预算执行情况绩效自评工作的通知》要求,现将专项资金自评情况报告如下。\n",
     "项目"),
    # guard: a unit's own 部门整体 round
    ("某县应急管理局2023年度部门整体支出绩效自评工作\n一、部门基本情况\n", "部门整体"),
])
def test_a_units_own_evaluation_keeps_its_kind(text, kind):
    assert parse_report_text(text).kind == kind


@pytest.mark.parametrize("stem", [
    "guangdong-2019-notice-shantou-finance-key-evaluations",
    "hubei-2016-notice-provincial-land-department-evaluation-news",
    "jilin-2018-notice-provincial-finance-self-evaluation-launch",
    "shandong-2023-notice-provincial-finance-key-evaluations-news",
])
def test_corpus_news_of_evaluation_rounds(stem):
    assert _read(stem).kind is None


@pytest.mark.parametrize("stem, kind", [
    ("anhui-2022-project-chizhou-rural-pension-city-subsidy", "项目"),
    ("guangxi-2024-project-housing-security-provincial", "项目"),
    ("innermongolia-2023-project-alxa-left-uliji-sumu-masked", "项目"),
])
def test_corpus_own_evaluations_keep_their_kind(stem, kind):
    assert _read(stem).kind == kind


# --- a unit introducing itself right after a year (现将2021年度某街道办事处(以下简称…)) --------------------------------

@pytest.mark.parametrize("sentence, name", [
    ("现将2021年度湛江市某区某街道办事处(以下简称“我单位”)整体绩效自我评价报告如下:", "湛江市某区某街道办事处"),
    # variant: 年 without 度
    ("现将2022年某县文化馆(以下简称“我馆”)部门整体支出绩效自评情况报告如下:", "某县文化馆"),
])
def test_a_unit_introduced_after_a_year_is_read_without_the_years_word(sentence, name):
    report = parse_report_text(f"部门整体支出绩效自评报告\n{sentence}\n一、部门基本情况\n")
    assert report.department == name


def test_a_unit_introduced_after_no_year_is_read_whole():
    # guard: a name that is not after a year keeps every character
    report = parse_report_text("部门整体支出绩效自评报告\n现将度假区管理委员会(以下简称“管委会”)整体绩效自评报告如下:\n")
    assert report.department == "度假区管理委员会"


def test_corpus_unit_introduced_after_a_year():
    assert _read("guangdong-2021-dept-zhanjiang-xiashan-aiguo-subdistrict").department == "湛江市霞山区爱国街道办事处"


# --- a round's year against the year of the money or work it evaluates ----------------------------------------------

@pytest.mark.parametrize("text, year", [
    # a news item opening on the round of 2020, which evaluates 2019年度 money
    ("近日,市财政局布置开展2020年市级部分重点项目财政绩效评价工作,确定了12项2019年度市级预算资金作为此次评价项目。\n", 2019),
    # variant: a department's note that it finished the round of 2017, each division scoring its 2016 work
    ("省厅顺利完成2017年省级财政支出绩效评价工作\n各处室认真梳理2016年各项业务工作开展情况,进行绩效自评打分。\n", 2016),
    # variant: the money named in its own title-like words (2018年度专项资金)
    ("某县财政局启动2019年财政支出绩效评价工作\n此次评价范围为2018年度专项资金共15项。\n", 2018),
])
def test_a_rounds_year_gives_way_to_the_year_of_its_money(text, year):
    assert parse_report_text(text).year == year


@pytest.mark.parametrize("text, year", [
    # guard: the round's money is of its own year
    ("某县财政局部署开展2018年度绩效自评工作\n自评范围为2018年度部门预算重点项目和专项资金。\n", 2018),
    # guard: an earlier year only compared with (较2017年度…资金增加), not evaluated
    ("某县财政局部署开展2018年度绩效自评工作\n自评资金较2017年度资金增加12%。\n", 2018),
    # guard: an earlier year only in the title of a cited notice
    ("某县财政局部署开展2018年度绩效自评工作\n根据《关于下达2017年度专项资金的通知》,做好自评。\n", 2018),
    # guard: two earlier years, none said to be the one evaluated
    ("某县财政局部署开展2021年度绩效评价工作\n涉及2019年整合资金和2020年整合资金。\n", 2021),
    # guard: a unit's own report citing the round it belongs to, not a round's title
    ("某县农业农村局2021年度项目支出绩效自评报告\n根据《关于开展2022年绩效自评工作的通知》,对2021年度项目资金开展了自评。\n"
     "2020年度结转资金已全部使用。\n", 2021),
])
def test_a_rounds_year_stands_without_one_earlier_year_of_its_money(text, year):
    assert parse_report_text(text).year == year


@pytest.mark.parametrize("stem, year", [
    ("guangdong-2019-notice-shantou-finance-key-evaluations", 2019),
    ("hubei-2016-notice-provincial-land-department-evaluation-news", 2016),
    # rounds whose title year is already that of their money keep it
    ("jilin-2018-notice-provincial-finance-self-evaluation-launch", 2018),
    ("chongqing-2018-notice-water-development-fund-results", 2018),
])
def test_corpus_year_of_a_rounds_money(stem, year):
    assert _read(stem).year == year


# --- a provincial or municipal body that speaks as 我厅 / 我委 and is named only in the prose --------------------------

@pytest.mark.parametrize("text, name", [
    # the unit's name as the subject of its duties, after the launching finance department is cited
    ("根据省财政厅《关于开展绩效自评的通知》要求,我厅认真开展了2022年度部门预算绩效自评工作。\n一、部门概况\n"
     "省应急管理厅主要职责如下:\n(1)负责全省应急管理工作。\n", "省应急管理厅"),
    # variant: the name run on into the title and the page's time, the place written again in the text
    ("2022年度某某专项资金绩效自评报告某某省林业厅时间:2023-06-28\n按照《某某省财政厅关于开展自评的通知》要求,"
     "我厅对某某省林业专项资金进行绩效评价。\n", "某某省林业厅"),
    # variant: a commission speaking as 我委, its name ending 委员会
    ("我委按照要求开展了项目支出绩效自评。\n某市发展和改革委员会负责全市价格监测工作。\n", "某市发展和改革委员会"),
])
def test_a_body_speaking_as_we_is_read_from_its_name_in_the_prose(text, name):
    assert parse_report_text(text).department == name


@pytest.mark.parametrize("text", [
    # guard: the only body named is the finance department that launched the round
    "根据省财政厅《关于开展绩效自评的通知》要求,我厅认真开展了部门预算绩效自评工作。\n",
    # guard: two bodies of the ending, which one speaks is not said
    "我厅会同各地开展自评。\n资金由省交通运输厅和省水利厅分别管理,省交通运输厅管道路。\n",
    # guard: a body named only in a cited title
    "我厅开展了绩效自评。\n依据《某某省应急管理厅职能配置内设机构和人员编制规定》履行职责。\n",
    # guard: a city body issuing a notice jointly with the finance bureau (市财政局、市教育局出台…) beside 我局
    "我局认真开展了绩效评价。\n市财政局、市教育局出台《关于校舍维修的意见》。\n",
    # guard: 城市 is no city's level (城市管理局 read as 市管理局)
    "我局认真开展了绩效评价。\n加强城市管理局面。\n",
    # guard: no 我厅 / 我委: a body merely named
    "某项目绩效自评报告\n省水利厅下达资金100万元。\n",
])
def test_a_body_not_speaking_as_we_is_not_read(text):
    assert parse_report_text(text).department is None


@pytest.mark.parametrize("stem, name", [
    ("hunan-2022-project-provincial-work-safety-emergency-fund-mirror", "湖南省应急管理厅"),
    ("shaanxi-2022-dept-provincial-emergency-management-department-mirror", "陕西省应急管理厅"),
])
def test_corpus_body_speaking_as_we(stem, name):
    assert _read(stem).department == name


def test_corpus_joint_notice_beside_our_bureau_is_not_read():
    # 市财政局、市教育局出台… beside 我局: a joint notice's body, not the essay's unit
    assert _read("jiangsu-unknown-project-xinghua-school-safety-renovation-essay").department is None


# --- a unit opening a paragraph on its year's work (2023年,市卫生健康委以…为指导) ---------------------------------------

@pytest.mark.parametrize("text, name", [
    ("根据市政府办公厅通知要求,我们对照履职清单梳理了任务完成情况。\n一、总体情况\n"
     "2023年,市某某委以习近平新时代中国特色社会主义思想为指导,全面完成各项任务。\n", "市某某委"),
    # variant: 年度 and another verb of conduct
    ("一、总体情况\n2022年度,某某省林业局坚持生态优先,完成造林任务。\n", "某某省林业局"),
])
def test_a_unit_opening_its_years_work_is_read(text, name):
    assert parse_report_text(text).department == name


@pytest.mark.parametrize("text", [
    # guard: the finance bureau opening the year (it launches and pays, it does not report here)
    "一、总体情况\n2023年,市财政局认真组织开展了预算绩效管理工作。\n",
    # guard: a year's opening with no verb of the unit's own conduct
    "一、总体情况\n2023年,市某某委下达资金100万元。\n",
    # guard: the year not opening the paragraph
    "一、总体情况\n截至2023年,市某某委以项目为抓手推进工作。\n",
])
def test_a_year_opening_without_the_unit_doing_its_work_is_not_read(text):
    assert parse_report_text(text).department is None


def test_corpus_unit_opening_its_years_work():
    assert _read("beijing-2023-dept-municipal-health-commission-performance-assessment").department == "市卫生健康委"
