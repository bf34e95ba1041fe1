"""Key figures batch 4 missed, by category (tests/data/published/corpus/README.md, "Batch 4 read"): each test
writes the shape in a few synthetic lines (no corpus document), with a variant shape the corpus does not hold."""

from decimal import Decimal

from jixiao.published import parse_report_text


def _department(text: str):
    return parse_report_text(text).department


# --- K1: the department from the page's fields and the form's own cell ------------------------------------------

def test_a_source_field_run_into_the_next_label_still_completes_the_titles_place():
    text = ("丰宁县2021年农村饮水工程维修养护资金绩效自评报告\n发布时间:2022-02-11 11:23 来源:丰宁县水利局 浏览:\n"
            "一、概述\n下达资金61.8万元。\n")
    assert _department(text) == "丰宁县水利局"


def test_variant_source_field_glued_to_a_reading_count():
    text = ("2023年度困难群众救助资金绩效自评报告\n日期:2024-03-01 来源:永和县民政局 阅读次数:12\n"
            "一、基本情况\n全年预算数80万元。\n")
    assert _department(text) == "永和县民政局"


def test_a_finance_bureau_or_portal_that_only_publishes_is_not_the_unit():
    for source in ("东坡区财政局", "东坡区人民政府", "市人社"):
        text = (f"某道路工程项目2020年度绩效自评报告\n发布时间:2021-05-14 来源:{source}\n"
                "一、绩效目标分解下达情况\n区财政安排资金700万元。\n")
        assert _department(text) is None, source


def test_the_issuing_body_field_names_the_unit():
    text = ("发文机构:民政局 | 信息分类: | ||\n2022年城乡低保资金绩效自评报告\n一、基本情况\n预算数300万元。\n")
    assert _department(text) == "民政局"


def test_a_form_cell_labelled_only_department_names_the_unit():
    text = ("部门整体支出绩效自评表 | ||||\n(2023年度) | ||||\n部门 | 霍邱县乡村建设服务中心 | |||\n"
            "年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n")
    assert _department(text) == "霍邱县乡村建设服务中心"


def test_variant_department_cell_one_per_line():
    text = "项目支出绩效自评表\n(2022年度)\n部门 |\n岳西县林业局 |\n项目名称 | 林业改革发展资金 |\n"
    assert _department(text) == "岳西县林业局"


# --- K2: a transfer payment's money in prose (安排 / 纳入评价 / 发放 / 执行总量 / 支付 / 拨付工程款) ----------------------

def _figures(text: str):
    report = parse_report_text(text)
    return report.budget_total, report.executed_total


def test_money_arranged_in_a_budget_and_paid_out_to_households():
    text = ("某市2022年农村危房改造资金绩效自评报告\n一、基本情况\n2022年初农村危房改造资金预算安排120.5万元，计划补助40户。\n"
            "二、绩效目标完成情况\n实际完成改造42户，发放补助资金为118.6万元。\n")
    assert _figures(text) == (Decimal("120.5"), Decimal("118.6"))


def test_variant_money_arranged_then_paid_on_a_contract():
    text = ("某区新建桥梁工程项目2021年度绩效自评报告\n一、绩效目标分解下达情况\n区财政通过一般债券安排资金350万元。\n"
            "二、绩效目标完成情况分析\n该项目已拨付工程款320万元，尾款待验收后支付。\n")
    assert _figures(text) == (Decimal("350"), Decimal("320"))


def test_money_taken_into_the_evaluation_and_executed_in_total():
    text = ("某县2024年车购税补助资金绩效自评报告\n纳入绩效评价的资金共820.5万元，其中：中央资金500万元，地方资金320.5万元。\n"
            "资金执行总量800万元。\n")
    assert _figures(text) == (Decimal("820.5"), Decimal("800"))


def test_variant_a_years_budget_named_with_its_fund_and_a_payment_after_a_comma():
    text = ("某师2019年度农机购置补贴项目绩效自评报告\n一、基本情况\n2019年度预算:农机补贴资金45万元。\n"
            "二、执行情况\n2019年,财政预算项目资金45万元,支付44万元。\n")
    assert _figures(text) == (Decimal("45"), Decimal("44"))


def test_an_allocation_whose_bracket_names_the_years_it_is_for():
    text = ("某市应急管理局2022—2023年冬春救助资金绩效自评情况报告如下:\n一、绩效目标分解下达情况\n"
            "省财政厅下达我市中央自然灾害救灾资金(2021—2022年冬春救助)480万元(某财〔2022〕12号)。\n")
    assert _figures(text)[0] == Decimal("480")


# --- K3: a year whose 年 the page lost (20 16 -度) and a title broken over two lines -------------------------------

def test_a_year_split_by_spaces_whose_nian_became_a_dash():
    report = parse_report_text("附件3\n某县20 18 -度部门(单位)整体支出\n绩效评价自评报告\n部门(单位)名称 某县林业站\n"
                               "报告期:2019 -6 - 30\n")
    assert report.year == 2018
    assert report.kind == "部门整体"


def test_variant_a_dash_for_nian_without_the_split():
    report = parse_report_text("某区2020-度项目支出绩效自评报告\n一、基本情况\n全年预算数50万元。\n")
    assert report.year == 2020


# --- K4: a fund's name that ends like a unit's (新增地方政府|专项债券) is no department ------------------------------

def test_a_bond_fund_in_the_title_is_not_the_department():
    text = ("发布机构 某管委 主题分类 政务公开\n2024年度新增地方政府专项债券项目绩效评价情况\n"
            "发布日期:2025-06-24 信息来源:区某某度假区管委会\n我单位2024年新增地方政府专项债券项目1个。\n")
    assert _department(text) != "新增地方政府"


def test_variant_a_bond_fund_written_short():
    text = "2022年度新增地方政府专项债项目绩效自评报告\n来源:龙泉县交通运输局\n一、基本情况\n债券资金300万元。\n"
    assert _department(text) == "龙泉县交通运输局"


# --- K5: allocations by level that are no budget, then the whole money under another label --------------------------

def test_allocations_by_level_then_the_money_received_in_all():
    text = ("某区2023年度优抚补助资金绩效自评报告\n一、绩效目标分解下达情况\n2023年收到中央下达优抚补助资金500万元，"
            "自治区下达40万元，地方匹配60万元。\n二、绩效目标完成情况分析\n2023年收到财政资金共600万元，支出590万元。\n")
    assert parse_report_text(text).budget_total == Decimal("600")


def test_variant_allocations_by_level_then_the_arranged_total():
    text = ("某县2022年度农村公路养护资金绩效自评报告\n一、基本情况\n省级下达养护资金120万元，市级下达30万元。\n"
            "县财政统筹安排资金共200万元，用于农村公路养护。\n")
    assert parse_report_text(text).budget_total == Decimal("200")


# --- K7: the self-evaluation score under its short label (自评分为…分) ---------------------------------------------

def test_a_score_under_the_short_label():
    text = "某局2022年度慰问项目绩效自评报告\n五、绩效自评结果\n各项指标均已完成，绩效自评分为93.5分。\n"
    assert parse_report_text(text).score == Decimal("93.5")


def test_variant_evaluation_score_short_with_a_colon():
    text = "某县2021年度助学资金项目自评报告\n五、自评结果\n项目评价分:88分，等级为良。\n"
    assert parse_report_text(text).score == Decimal("88")


def test_a_score_points_label_is_no_score():
    text = "某县2021年度助学资金项目自评报告\n自评分值设置为100分，分项见附表。\n"
    assert parse_report_text(text).score is None


# --- K1b: the unit that says it evaluated something (X局对…开展了…绩效评价); a project named by its report's parts ----

def test_a_unit_that_evaluated_what_it_names_after_dui():
    text = ("为进一步加强预算绩效管理，铜陵市民政局对2022年度城乡低保市级补助使用情况开展了财政绩效评价工作。现报告如下:\n"
            "一、项目基本情况\n（一）总体情况\n各县区申请市级补助共计800万元。\n")
    report = parse_report_text(text)
    assert report.department == "铜陵市民政局" and report.kind == "项目"


def test_variant_a_unit_that_carried_out_a_self_evaluation_of_a_subsidy():
    text = "为加强管理，宿松县农业农村局对2021年度耕地地力保护补贴使用情况进行了绩效评价，情况如下:\n一、概况\n补贴资金500万元。\n"
    report = parse_report_text(text)
    assert report.department == "宿松县农业农村局" and report.kind == "项目"


# --- K2b: what was due to be spent (应执行数) is a budget; an amount a clause opens with, all used (全部用于) -----------

def test_the_amount_due_to_be_spent_is_the_budget_not_the_execution():
    text = ("某市2023年残疾军人护理费项目绩效自评报告\n一、基本情况\n省级下拨护理费2.15万元;市级下拨护理费2.15万元;"
            "全年应执行数为4.3万元,实际执行率为100%。\n")
    assert _figures(text) == (Decimal("4.3"), None)


def test_variant_the_amount_due_to_be_paid_out():
    text = "某县2022年高龄津贴项目绩效自评报告\n一、基本情况\n全年应发放资金58.6万元，已发放58.6万元。\n"
    assert _figures(text) == (Decimal("58.6"), Decimal("58.6"))


def test_an_amount_all_used_for_its_purpose_is_the_execution():
    text = ("某县2021年度彩票公益金项目绩效自评报告\n一、基本情况\n下达我县彩票公益金补助资金150万元。\n二、分析\n"
            "(一)资金投入情况分析。150万元彩票公益金补助资金严格按照规定全部用于了托养中心建设。\n")
    assert _figures(text) == (Decimal("150"), Decimal("150"))


def test_variant_an_amount_all_used_after_a_semicolon():
    text = ("某县2022年度农村公路养护资金绩效自评报告\n一、基本情况\n下达养护资金80万元；80万元全部用于县乡道日常养护。\n")
    assert _figures(text)[1] == Decimal("80")
