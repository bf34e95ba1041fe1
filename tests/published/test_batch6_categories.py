"""Key figures batches 4–6 missed, by shape of wording (tests/data/published/corpus/README.md, "Batches 4–6 read
again"): each test writes the shape in a few synthetic lines, then a variant shape, and, where the corpus holds
the shape, reads the real document in which it was seen."""

from decimal import Decimal

from jixiao.published import model as pm
from jixiao.published import parse_report_text
from tests.published.corpus import parsed as _corpus


def _first(text: str, key: str):
    claim = parse_report_text(text).first(key)
    return claim.value if claim is not None else None


# --- the score on a line of its own ------------------------------------------------------------------------------

def test_a_score_under_its_numbered_heading_written_with_fen():
    text = "某馆2022年度项目支出绩效自评报告\n一、自评结论\n\n(一)自评得分\n\n96.5分。\n\n(二)绩效目标完成情况\n"
    assert parse_report_text(text).score == Decimal("96.5")


def test_variant_a_form_cell_named_self_score_value():
    text = "项目支出绩效自评表\n自评方式 |\n单位自评 |\n自评分值 |\n92 |\n自评等级 |\n优 |\n"
    assert parse_report_text(text).score == Decimal("92")


def test_a_total_row_one_cell_per_line_points_then_score():
    text = "项目支出绩效自评表\n满意度指标\n10\n10\n总分\n100\n99\n项目支出绩效自评表\n"
    assert parse_report_text(text).score == Decimal("99")


def test_variant_total_row_with_its_points_in_the_label():
    text = "项目支出绩效自评表\n得分\n(20分*执行率)\n总分(100分)\n|\n87.5\n|\n自评等级\n|\n良\n"
    assert parse_report_text(text).score == Decimal("87.5")


def test_a_total_line_without_the_points_first_is_no_score():
    # 总分 / 95 / 96: two numbers of which the first is not the points available (a weight column, a year…)
    text = "项目支出绩效自评表\n总分\n95\n96\n"
    assert parse_report_text(text).score is None


def test_a_score_worded_as_the_result_of_the_rating_or_the_performance_rating():
    assert _first("某项目绩效评价\n评价该项目资金使用情况,评定结果得分为90.15分,评定等次为优。\n", pm.SCORE) == Decimal("90.15")
    assert _first("某项目绩效自评报告\n(一)自评得分\n项目严格按照方案开展,绩效评分100分,自评为优。\n", pm.SCORE) == Decimal("100")


def test_corpus_scores_on_lines_of_their_own():
    assert _corpus("yunnan-2022-project-baoshan-library-free-opening").score == Decimal("100")
    assert _corpus("yunnan-2022-table-baoshan-veterans-spring-visits").score == Decimal("100")
    assert _corpus("hebei-2021-table-laoting-market-regulation-two-forms").score == Decimal("99")
    assert _corpus("guizhou-2023-project-huangguoshu-town-village-cadre-pay-third-party").score == Decimal("100")
    assert _corpus("ningxia-2021-notice-helan-mountain-wine-industry-evaluation").score == Decimal("90.15")


# --- the kind: 部门整体 or 项目 ------------------------------------------------------------------------------------

def test_a_cover_pages_own_title_under_a_pages_heading_gives_the_kind():
    text = ("2021年文化馆绩效评价\n附件2-1\n某区2021年度部门(单位)整体支出\n绩效评价自评报告\n"
            "部门(单位)名称: 某区文化馆\n一、部门(单位)基本概况\n")
    assert parse_report_text(text).kind == "部门整体"


def test_variant_a_project_cover_under_a_pages_heading():
    text = "2022年绩效评价\n某县2022年度农村道路维修项目\n绩效自评报告\n一、基本情况\n"
    assert parse_report_text(text).kind == "项目"


def test_a_value_under_a_metadata_label_is_no_title():
    # • 公开目录 / • 自评报告: the page's catalogue, not the document's title, which follows
    text = ("• 发布机构\n  • 某市文化和旅游局\n  • 公开目录\n  • 自评报告\n  • 主题词\n"
            "某市文化和旅游局关于2021年度中央支持地方公共文化项目资金绩效自评报告\n"
            "根据《某市财政局关于2021年市级部门整体支出和项目支出绩效自评有关事项的通知》,现报告如下。\n")
    report = parse_report_text(text)
    assert "项目资金绩效自评报告" in report.title
    assert report.kind == "项目"


def test_a_cited_notices_title_does_not_make_a_report_department_wide():
    text = ("某局2021年度绩效自评报告\n根据《关于开展2021年部门整体支出绩效自评工作的通知》要求,"
            "我局对下达的专项资金开展自评。\n")
    assert parse_report_text(text).kind == "项目"


def test_a_unit_describing_itself_with_no_project_word_is_department_wide():
    text = "某自治区某联合会2020年度预算绩效自评报告\n一、单位基本情况\n(一)单位组织架构、人员情况及年度工作任务\n"
    assert parse_report_text(text).kind == "部门整体"


def test_a_works_title_is_a_project():
    assert parse_report_text("某县2020年第一批公路安全生命防护工程绩效自评报告\n一、基本情况\n").kind == "项目"
    assert parse_report_text("某县2020年公路养护绩效自评报告\n一、绩效目标分解下达情况\n").kind == "项目"


def test_corpus_kinds():
    assert _corpus("hunan-2021-dept-yueyanglou-cultural-centre").kind == "部门整体"
    assert _corpus("tibet-2020-dept-autonomous-region-disabled-persons-federation").kind == "部门整体"
    assert _corpus("yunnan-2020-project-mouding-road-safety-protection").kind == "项目"
    assert _corpus("yunnan-2021-project-baoshan-public-culture-services").kind == "项目"


# --- money in prose --------------------------------------------------------------------------------------------

def test_project_spending_that_is_the_whole_of_a_projects_report_is_its_execution():
    text = "某县就业服务中心2023年度项目绩效自评报告\n参与绩效评价的项目共4个,项目支出609.74万元。其中:财政拨款项目支出15万元。\n"
    report = parse_report_text(text)
    assert report.executed_total == Decimal("609.74")
    assert dict(report.by_nature).get("项目支出") is None


def test_variant_project_spending_by_a_date_and_guard_for_money_granted():
    text = "某省老旧小区改造项目绩效自评报告\n截至2020年5月底,项目支出22057.41万元,预算执行率为43.26%。\n"
    assert parse_report_text(text).executed_total == Decimal("22057.41")
    # 批复我局项目支出160万元: money granted to a bureau's projects, not spent
    granted = parse_report_text("某局2017年项目绩效自评报告\n批复我局项目支出160万元,其中包含某项目经费10万元。\n")
    assert granted.executed_total is None


def test_a_unit_budget_keeps_its_project_part_beside_its_basic_part():
    text = "某局2022年度部门整体支出绩效自评报告\n基本支出120万元,项目支出80万元。\n"
    assert dict(parse_report_text(text).by_nature) == {"基本支出": Decimal("120"), "项目支出": Decimal("80")}


def test_an_executed_total_followed_by_the_bracket_of_its_parts():
    text = "某区2022年项目绩效自评报告\n全年预算数1080245.79万元,全区执行数1032849.44(含中央资金689139.31万元,地方资金332524.99万元)。\n"
    assert parse_report_text(text).executed_total == Decimal("1032849.44")


def test_variant_budget_bare_before_a_bracket_of_what_it_includes():
    text = "某县2021年项目绩效自评报告\n全年预算数 350(其中中央资金200万元)\n"
    assert parse_report_text(text).budget_total == Decimal("350")


def test_budget_worded_as_arranged_or_adjusted_during_the_year():
    assert _first("某县2023年项目绩效自评报告\n资金全年预算安排 60万元,预算支出60万元。\n", pm.BUDGET_TOTAL) == Decimal("60")
    assert _first("某单位2024年度绩效自评\n年初预算 1022.89 万元,年中调整预算为 1781.86 万元。\n", pm.BUDGET_TOTAL) \
        == Decimal("1781.86")
    assert _first("某局2022年党建工作项目评价报告\n年初安排预算资金 1 万元用于开展该项目。\n", pm.BUDGET_TOTAL) == Decimal("1")


def test_an_amount_received_or_used_in_full_is_the_money_the_fund_had():
    assert parse_report_text("某县2019年项目绩效自评报告\n林业改革发展资金30万元,资金已到位。\n").budget_total == Decimal("30")
    report = parse_report_text("某县2023年项目绩效自评报告\n2023年度基本公共卫生服务资金3728万元全部执行到位。\n")
    assert (report.budget_total, report.executed_total) == (Decimal("3728"), Decimal("3728"))


def test_variant_amount_all_used_for_its_purpose():
    text = "某旗2023年项目绩效自评报告\n强制扑杀补助资金23万元,全部用于布病阳性羊扑杀项目补贴。\n"
    assert parse_report_text(text).budget_total == Decimal("23")


def test_amounts_by_source_then_added_with_gongji():
    text = "某区2023年项目绩效自评报告\n省级拨付补贴资金62万元,中央拨付16万元.上年度结余的资金6.47万元,共计84.47万元。\n"
    assert parse_report_text(text).budget_total == Decimal("84.47")


def test_money_actually_used_or_paid_and_the_paid_rate():
    text = "某区2023年项目绩效自评报告\n2023年实际使用补贴资金13.6万元,并已结算到位。\n"
    assert parse_report_text(text).executed_total == Decimal("13.6")
    text = "某县项目绩效自评报告\n建设任务资金支付18501.096万元,未支703万元,支付率95%。\n"
    report = parse_report_text(text)
    assert (report.executed_total, report.execution_rate) == (Decimal("18501.096"), Decimal("95"))


def test_corpus_money_in_prose():
    assert _corpus("hunan-2023-project-nanxian-employment-service-centre").executed_total == Decimal("609.74")
    assert _corpus("guangxi-2022-project-rural-pension-transfer-provincial").executed_total == Decimal("1032849.44")
    assert _corpus("guangxi-2024-dept-wuzhou-medical-insurance-centre-pdf").budget_total == Decimal("1781.86")
    assert _corpus("anhui-2023-project-zongyang-basic-public-health").budget_total == Decimal("3728")
    report = _corpus("hubei-2023-project-longganhu-farm-machinery-subsidy")
    assert (report.budget_total, report.executed_total) == (Decimal("84.47"), Decimal("13.6"))
    report = _corpus("unknown-unknown-project-county-rural-revitalisation-linkage-essay")
    assert (report.executed_total, report.execution_rate) == (Decimal("18501.096"), Decimal("95"))


# --- the department ---------------------------------------------------------------------------------------------

def _department(text: str):
    return parse_report_text(text).department


def test_a_third_party_firm_introducing_itself_is_not_the_unit_evaluated():
    text = ("关于2015—2018年度某市学前教育专项资金的绩效评价报告\n"
            "受某市财政局委托,湖南某某联合会计师事务所(以下简称“本所”)对专项资金开展了绩效评价。\n")
    assert _department(text) != "湖南某某联合会计师事务所"


def test_variant_a_consulting_company_signing_the_report():
    text = "某县2021年度项目绩效评价报告\n一、项目基本情况\n项目已完工。\n某某管理咨询有限公司\n2022年3月1日\n"
    assert _department(text) != "某某管理咨询有限公司"


def test_a_provinces_name_before_the_year_names_a_fund_not_a_unit():
    assert _department("云南省2022年度中央自然灾害资金绩效自评报告\n一、绩效目标分解下达情况\n") is None
    # a county's name stays the unit's, as the expectations of county reports accept it
    assert _department("施甸县2021年农业项目绩效自评报告\n一、绩效目标分解下达情况\n") == "施甸县"


def test_the_office_that_runs_the_site_does_not_complete_a_titles_place():
    text = ("西畴县2021年森林抚育项目支出绩效自评报告\n发布时间:2022-11-29 来源:西畴县人民政府办公室 作者:\n"
            "一、绩效目标完成情况分析\n")
    assert _department(text) == "西畴县"


def test_words_ending_like_a_place_that_name_no_unit():
    assert _department("2019年度老旧小区改造补助资金绩效评价报告\n老旧小区改造是重大民生工程。\n") is None


def test_a_sentence_of_the_body_is_no_title_to_take_a_name_from():
    text = ("项目实施绩效自评报告篇14\n一、项目基本情况\n四、综合评价情况及评价结论\n"
            "通过建立县级图书馆总分馆制,发挥县级总馆的中枢作用,综合评价为优。\n")
    assert _department(text) != "通过建立县级图书馆总分馆"


def test_a_traditional_character_mirror_folds_chong():
    assert _department("騰沖市林業和草原局2024年度部門整體支出績效自評報告\n一、自評結論\n") == "腾冲市林业和草原局"


def test_corpus_departments():
    assert _corpus("yunnan-2021-project-xichou-forest-tending").department == "西畴县"
    assert _corpus("yunnan-2022-project-provincial-aerial-firefighting").department is None
    assert _corpus("shandong-2019-project-provincial-old-residential-renovation").department is None
    # (项目组织实施单位为津市市教育局(以下简称“市教育局”): the unit, as its expectation reads; branch rules9b)
    assert _corpus("hunan-2018-project-jinshi-preschool-funds-2015-2018-evaluation").department == "津市市教育局"
    assert _corpus("yunnan-2024-dept-tengchong-forestry-grassland-bureau-traditional").department == "腾冲市林业和草原局"


# --- money paid or completed is no budget; a budget cell of its own ------------------------------------------------

def test_project_money_paid_is_no_budget():
    text = "某县2021年森林抚育项目支出绩效自评报告\n2022年5月已完工,已按施工合同支付项目资金196.56055万元。\n"
    report = parse_report_text(text)
    assert report.budget_total is None
    assert report.first(pm.PAID_AMOUNT).value == Decimal("196.56055")


def test_variant_investment_completed_is_no_budget():
    text = "某市项目绩效自评报告\n扩面延伸工程:完成计划总投资11286.5万元。\n"
    assert parse_report_text(text).budget_total is None
    # the plan's investment stays a budget
    assert parse_report_text("某市项目绩效自评报告\n养护工程计划总投资14491.18万元。\n").budget_total == Decimal("14491.18")


def test_a_budget_cell_of_money_put_in_by_every_level():
    text = "项目支出绩效评价表\n各级资金 投入总数 |\n246.37 |\n抽查资金总数 |\n246.37 |\n"
    assert parse_report_text(text).budget_total == Decimal("246.37")


def test_corpus_budget_cells_and_paid_money():
    assert _corpus("guizhou-2023-project-huangguoshu-town-village-cadre-pay-third-party").budget_total == Decimal("246.37")
    # the money paid on the contract (196.56055) is no budget; the notice's 文件拨付资金200万元 is (branch rules9b)
    assert _corpus("yunnan-2021-project-xichou-forest-tending").budget_total == Decimal("200")


# --- the rates of parts are not the whole's -------------------------------------------------------------------------

def test_one_rate_label_with_several_values_gives_the_parts_rates_not_the_whole():
    text = ("某市项目绩效自评报告\n国家非遗保护资金下达42万元,传承人补助已划拨,资金使用率100%;"
            "某项目资金使用334896元,资金使用率83.72%。\n")
    assert parse_report_text(text).execution_rate is None


def test_variant_parts_rates_then_the_wholes_rate_stated_otherwise():
    text = ("某市项目绩效自评报告\n中央资金完成636.75万元,预算执行率81.97%,省级资金完成288.26万元,预算执行率99.28%。"
            "合计完成1847.85万元,执行率92.9%。\n")
    assert parse_report_text(text).execution_rate == Decimal("92.9")
    # one rate restated with the same value stays the rate
    same = "某县项目绩效自评报告\n预算执行率100%。…预算执行率100%。\n"
    assert parse_report_text(same).execution_rate == Decimal("100")


def test_corpus_parts_rates():
    assert _corpus("sichuan-2021-project-dazhou-intangible-heritage").execution_rate is None
    assert _corpus("sichuan-unknown-project-meishan-disabled-persons-fund-essay").execution_rate == Decimal("92.9")


# --- an indicator's score is not the total; a grade after 为: -------------------------------------------------------

def test_an_indicators_score_is_not_the_reports_score():
    text = "某县2024年衔接资金绩效评价报告\n一、资金保障方面,指标评价得分12\n(一)县级履行支出责任,指标评价得分7分。\n"
    assert parse_report_text(text).score is None


def test_variant_the_reports_score_beside_an_indicators():
    text = "某县2024年项目绩效自评报告\n指标评价得分7分。综上,本项目自评得分为92分。\n"
    assert parse_report_text(text).score == Decimal("92")


def test_a_grade_written_after_wei_and_a_colon():
    assert parse_report_text("某市项目绩效自评报告\n自评得分92.45,综合评价结果为:优。\n").grade == "优"
    assert parse_report_text("某市项目绩效自评报告\n评价等级为：良。\n").grade == "良"


def test_corpus_scores_and_grades():
    assert _corpus("heilongjiang-2024-project-hailin-rural-revitalisation-linkage-fund").score is None
    assert _corpus("sichuan-2021-project-dazhou-intangible-heritage").grade == "优"


def test_a_score_written_zi_ping_fen_then_the_number():
    text = "某局2024年度部门整体支出绩效自评报告\n整体而言,本局2024年支出绩效完成情况自评分97分,综合评价等级为“优”。\n"
    assert parse_report_text(text).score == Decimal("97")


def test_a_budget_worded_as_the_totals_budget_figure():
    text = "某局2024年度部门整体支出绩效自评报告\n部门整体支出总额预算数88,799,814.14元,执行数87,000,000.00元。\n"
    assert parse_report_text(text).budget_total == Decimal("88799814.14")


def test_corpus_tengchong_score_and_budget():
    report = _corpus("yunnan-2024-dept-tengchong-forestry-grassland-bureau-traditional")
    assert (report.score, report.budget_total) == (Decimal("97"), Decimal("88799814.14"))


# --- run-together cells and a target form's columns -----------------------------------------------------------------

def test_a_transfer_payment_funds_row_run_together_without_a_points_cell():
    text = ("车辆购置税收入补助地方资金绩效目标自评表\n(2021年度)\n项目资金\n(万元)\n\n"
            "全年预算数(A)全年执行数(B)预算执行率(B/A)\n年度资金总额:40004000100%\n 其中:中央补助40004000100%\n")
    report = parse_report_text(text)
    assert (report.budget_total, report.executed_total, report.execution_rate) == (
        Decimal("4000"), Decimal("4000"), Decimal("100"))


def test_variant_run_together_row_partly_spent():
    from jixiao.published.tables import split_run
    # 500 | 450 | 90%: the only reading with a rate the amounts give; 50045 | 0 | 分值 9 | 0% is weaker
    assert split_run("50045090", None, 2) == ([Decimal("500"), Decimal("450")], None, Decimal("90"), None)


def test_a_target_forms_total_of_this_years_money():
    text = ("项目支出绩效目标申报表\n项目资金情况 项目资金申请(万元) 项 目  上年度安排资金 本年度申请资金\n"
            "合 计 213.4 259\n县级资金 213.4 259\n")
    assert parse_report_text(text).budget_total == Decimal("259")


def test_corpus_run_together_row_and_target_form():
    report = _corpus("sichuan-2021-table-langzhong-vehicle-tax-provincial-roads")
    assert (report.budget_total, report.executed_total) == (Decimal("4000"), Decimal("4000"))
    assert _corpus("hunan-2022-targets-xiangyin-kindergarten-public-funds").budget_total == Decimal("259")


# --- the unit of the report's money -----------------------------------------------------------------------------------

def test_a_standard_per_head_says_nothing_of_the_unit():
    text = "某市2018年项目绩效自评报告\n家庭经济困难的大学新生均可申请资助。资助标准为4000元/人,由学校审核。\n"
    assert parse_report_text(text).unit is None


def test_variant_a_list_of_contribution_grades_says_nothing_of_the_unit():
    text = "某县2022年项目绩效自评报告\n缴费标准设为每年100元、200元、300元、500元,参保人自主选择档次。\n"
    assert parse_report_text(text).unit is None
    # …while the money of the report still gives it
    assert parse_report_text(text + "全年预算数120万元,执行数118万元。\n").unit == "万元"


def test_masked_amounts_still_give_the_unit():
    text = "某苏木2023年项目绩效自评报告\n项目全年预算数*元,执行数*元,完成预算的100%。另一项目全年预算数78.*元。\n"
    assert parse_report_text(text).unit == "元"


def test_corpus_units():
    assert _corpus("guangxi-2018-project-nanning-university-entrant-grants").unit is None
    assert _corpus("innermongolia-2023-project-alxa-left-uliji-sumu-masked").unit == "元"
    assert _corpus("yunnan-2022-project-mile-rural-pension").unit is None


def test_a_score_after_the_grade_it_earns():
    text = "某县项目绩效自评报告\n根据建设成效和资金使用情况,自评绩效等级为“优”,分数为97分。\n"
    assert parse_report_text(text).score == Decimal("97")
    assert _corpus("hunan-unknown-project-county-library-branches-essay").score == Decimal("97")


# --- common wordings of the figures that no corpus document has shown yet (written for batch 7, unseen) ---------------

_HEAD = "某县2022年度项目支出绩效自评报告\n"


def test_score_wordings():
    for sentence in ("经自评,该项目得分为95分,等级为优。", "项目自评结果为95分。", "本项目最终得分95分。",
                     "绩效自评结果:得分95分,等级优。", "自评分数:95", "总体得分为95分", "评价结果为95分,等级为优"):
        assert parse_report_text(_HEAD + sentence + "\n").score == Decimal("95"), sentence


def test_an_indicators_or_a_levels_score_stays_no_score():
    for sentence in ("产出指标得分45分,效益指标得分28分。", "该指标得分5分。", "数量指标得分为20分"):
        assert parse_report_text(_HEAD + sentence + "\n").score is None, sentence


def test_budget_wordings():
    for sentence in ("预算安排120万元,", "批复预算120万元,", "预算金额120万元,", "年度预算120万元", "全年可用资金120万元,"):
        assert parse_report_text(_HEAD + sentence + "\n").budget_total == Decimal("120"), sentence
    # an overspend beyond the budget is no budget
    assert parse_report_text(_HEAD + "发放基础养老金1045.28万元,超出预算金额99.56万元。\n").budget_total is None


def test_execution_wordings():
    for sentence in ("已支出110万元,", "累计支出110万元,", "完成支出110万元,", "已使用110万元,", "实际完成支出110万元,",
                     "2022年全年共支出110万元。", "累计使用资金110万元。"):
        assert parse_report_text(_HEAD + sentence + "\n").executed_total == Decimal("110"), sentence
    assert parse_report_text(_HEAD + "实际拨付110万元,\n").first(pm.PAID_AMOUNT).value == Decimal("110")


def test_rate_and_grade_wordings():
    for sentence in ("执行进度91.67%。", "资金支出率91.67%。", "预算完成率91.67%。", "支付进度91.67%"):
        assert parse_report_text(_HEAD + sentence + "\n").execution_rate == Decimal("91.67"), sentence
    # a weight run into the rate of a scoring rule (预算执行20预算完成率5100%计满分) is no rate
    assert parse_report_text(_HEAD + "预算执行20预算完成率5100%计满分,每低于5%扣2分。\n").execution_rate is None
    assert parse_report_text(_HEAD + "绩效评级为优。\n").grade == "优"


def test_a_cell_value_with_the_seals_bracket_names_the_unit():
    text = "项目支出绩效自评表（2022年度）\n填报单位：某县卫生健康局（盖章）\n"
    assert parse_report_text(text).department == "某县卫生健康局"


def test_a_final_accounts_performance_report_is_department_wide():
    assert parse_report_text("某县教育局2022年度部门决算绩效自评报告\n").kind == "部门整体"


# --- a form's score cells -----------------------------------------------------------------------------------------------

_FORM = """项目支出绩效自评表
（2022年度）
| 项目名称 | 农村公路养护 |
| 主管部门 | 某县交通运输局 | 实施单位 | 某县公路中心 |
| 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
| | 年度资金总额 | 100 | 120 | 110 | 10 | 91.67% | 9.17 |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |
| 产出指标 | 数量指标 | 养护里程 | ≥100公里 | 105公里 | 50 | 50 | |
| 效益指标 | 社会效益 | 通行条件改善 | 改善 | 改善 | 30 | 30 | |
| 满意度指标 | 满意度 | 群众满意度 | ≥90% | 95% | 10 | 10 | |
| 总分 | | | | | 100 | 99.17 | |
"""


def test_a_total_row_named_heji_or_zongji_closing_the_indicator_rows():
    for label in ("合计", "总计"):
        report = parse_report_text(_FORM.replace("| 总分 |", f"| {label} |"))
        assert report.score == Decimal("99.17"), label
        assert len(report.tasks[0].rows) == 3


def test_a_heji_row_of_points_alone_gives_no_score():
    text = _FORM.replace("| 总分 | | | | | 100 | 99.17 | |", "| 合计 | | | | | 100 | | |")
    assert parse_report_text(text).score is None
    assert _corpus("sichuan-2023-table-qingshen-ndrc-wages").score is None


def test_a_self_score_and_grade_in_cells_of_one_row():
    report = parse_report_text("部门整体支出绩效自评表\n| 部门名称 | 某县教育局 |\n| 自评得分 | 96.5 | 自评等级 | 优 |\n")
    assert (report.score, report.grade) == (Decimal("96.5"), "优")


def test_a_title_sent_by_one_body_about_another_names_the_unit_it_is_about():
    text = "某县财政局关于某县民政局2022年度部门整体支出绩效自评情况的报告\n全年支出1450万元。\n"
    assert parse_report_text(text).department == "某县民政局"
    # a unit reporting on itself stays the unit
    text = "某县民政局关于2022年度部门整体支出绩效自评情况的报告\n全年支出1450万元。\n"
    assert parse_report_text(text).department == "某县民政局"


def test_money_a_unit_obtained_or_won_is_its_budget():
    text = "某村项目绩效自评报告\n我乡镇安村获得20xx年中央专项扶持壮大村集体经济资金50万元,用于壮大村集体经济。\n"
    assert parse_report_text(text).budget_total == Decimal("50")
    text = "某区2024年新增地方政府专项债券项目绩效评价情况\n我单位2024年新增专项债券项目1个,争取债券资金2.62亿元。\n"
    assert parse_report_text(text).budget_total == Decimal("2.62")
    assert _corpus("zhejiang-2024-table-xiaoshan-xianghu-special-bond").budget_total == Decimal("2.62")


def test_the_banner_of_a_units_own_site_names_the_unit_as_a_last_resort():
    text = "欢迎来到南县政协网站!\n部门整体支出绩效评价报告\n一、基本情况\n2021年部门决算收入792.22万元。\n"
    assert parse_report_text(text).department == "南县政协"
    # a government's portal only publishes
    text = "欢迎访问某县人民政府门户网站\n部门整体支出绩效评价报告\n一、基本情况\n"
    assert parse_report_text(text).department is None
    assert _corpus("hunan-2021-dept-nanxian-cppcc").department == "南县政协"


def test_a_bare_spending_of_money_is_not_taken_for_the_whole():
    # 项目资金使用334896元 spends one part's money (beside 资金使用率 100% of another part): no execution of the whole
    text = ("某市项目绩效自评报告\n保护资金下达42万元,传承人补助已划拨,资金使用率100%;"
            "某项目资金使用334896元,资金使用率83.72%。\n")
    assert parse_report_text(text).executed_total is None
    assert _corpus("sichuan-2021-project-dazhou-intangible-heritage").executed_total is None


def test_more_budget_wordings():
    for sentence in ("市级财政安排专项资金50万元。", "上级补助资金50万元已全部拨付到位。"):
        assert parse_report_text(_HEAD + sentence + "\n").budget_total == Decimal("50"), sentence


def test_a_body_splitting_a_units_budget_into_basic_and_project_spending_is_department_wide():
    text = "某县教育局2022年度绩效自评报告\n一、基本情况\n2022年支出1500万元,其中基本支出800万元,项目支出700万元。\n"
    assert parse_report_text(text).kind == "部门整体"
    # a project's report naming only its 项目支出 stays a project's
    text = "某县教育局2022年度绩效自评报告\n一、基本情况\n该项目支出70万元,用于校舍维修。\n"
    assert parse_report_text(text).kind == "项目"


def test_a_betting_sites_string_a_spam_mirror_wrote_in_is_no_unit():
    text = ("一、绩效目标分解下达情况\n县财政局(雅财资环〔2022〕51号)下达澳门金沙城中心_欧洲杯足球网-【投注官网平台】"
            "2022年中央财政林业改革发展转移支付资金921.25万元。\n")
    assert parse_report_text(text).department is None
    assert _corpus("sichuan-2022-project-yaan-county-forestry-reform-fund-spam").department is None
