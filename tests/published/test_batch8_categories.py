"""Key figures batch 8 missed at its blind measurement, by shape of wording (tests/data/published/corpus/README.md,
"Batch 8 read (key figures and inconsistencies)"): each test writes the shape in a few synthetic lines, then a variant
or a guard, and reads the real document of the corpus in which it was seen."""

from decimal import Decimal

import pytest

from jixiao.published import parse_report_text
from tests.published.corpus import parsed as _corpus


_REPORT = "某县某局2021年度项目支出绩效自评报告\n一、项目基本情况\n{body}\n二、绩效目标完成情况\n已完成。\n"


# --- the budget in prose -------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, budget", [
    # money passed down to several recipients, added with 共 after the fund's name
    ("经研究决定,现下达19个街镇2021年第一批困难群众临时救助资金共780万元(详见附表)。", "780"),
    # the funds evaluated, added with 总计, then their parts
    ("2019年度专项资金绩效评价资金总计85.98万元,其中监理费22万元,测绘费4.98万元。", "85.98"),
    # the year's money of a poverty fund's report (年度资金 N万元, 本年度财政拨款 N万元)
    ("1、年度资金40.83万元,本年度财政拨款40.83万元,执行率100%。", "40.83"),
    # the budget as approved, after the amount applied for
    ("本项目申报金额70万元,预算批复70万元,当年实际到位50万元。", "70"),
    # money received, its name carrying a masked year and quotation marks
    ("20_年11月,收到管委会拨20_年秋季“雨露计划”补助资金0.15万元,已全部发放。", "0.15"),
])
def test_a_budget_worded_in_prose(body, budget):
    assert parse_report_text(_REPORT.format(body=body)).budget_total == Decimal(budget)


def test_a_special_fund_for_the_whole_years_work_is_the_budget():
    body = "科普活动专项经费35万元,用于全年科普宣传及推广。"
    assert parse_report_text(_REPORT.format(body=body)).budget_total == Decimal("35")


def test_guard_a_listed_special_fund_for_one_use_is_no_budget():
    body = "项目支出609.74万元。具体如下:4、就业专项资金594.74万元,主要用于专项培训相关费用方面。"
    assert parse_report_text(_REPORT.format(body=body)).budget_total != Decimal("594.74")


def test_a_numbered_items_money_under_an_amount_that_introduces_the_items_is_a_part():
    body = ("2019年,县文旅局共收到各类专项资金2000.59656万元,实施项目27个,具体情况是:\n"
            "1.公共文化服务项目资金614.015万元,实施项目10个。\n2.旅游市场开发专项资金561.95万元,实施项目9个。")
    assert parse_report_text(_REPORT.format(body=body)).budget_total == Decimal("2000.59656")


def test_guard_a_numbered_item_under_no_such_line_keeps_its_money():
    body = "项目情况如下:\n1.本项目资金614.015万元,实施项目10个。"
    assert parse_report_text(_REPORT.format(body=body)).budget_total == Decimal("614.015")


def test_corpus_items_under_the_amount_they_divide():
    assert _corpus("hebei-2019-project-jingxing-culture-tourism-special-funds").budget_total == Decimal("2000.59656")


def test_guard_a_medium_term_or_expected_sum_is_no_year_budget():
    # 中期资金 is the money of several years, 预计 a forecast: neither is the year's budget
    for body in ("下年预计年度资金50万元。", "中期年度资金50万元。"):
        assert parse_report_text(_REPORT.format(body=body)).budget_total is None


def test_money_added_during_the_year_is_no_budget():
    body = "年中追加项目资金79.53万元,涉及项目4个。"
    assert parse_report_text(_REPORT.format(body=body)).budget_total is None
    # the project's money itself still is
    assert parse_report_text(_REPORT.format(body="本年项目资金79.53万元。")).budget_total == Decimal("79.53")


@pytest.mark.parametrize("stem, budget", [
    ("hunan-2019-project-yongxing-water-bureau-river-works", "85.98"),
    ("unknown-2020-project-village-distillery-poverty-funds-doc-site", "40.83"),
    ("unknown-unknown-project-quanyan-town-rain-dew-plan-masked-traditional", "0.15"),
])
def test_corpus_budgets_in_prose(stem, budget):
    assert _corpus(stem).budget_total == Decimal(budget)


def test_corpus_notice_allocating_money_to_several_recipients():
    # the notice's allocation table is in 元: the budget is read in the unit the document is read in
    report = _corpus("chongqing-2021-notice-changshou-temporary-assistance-allocation")
    assert report.budget_total == (Decimal("780") if report.unit == "万元" else Decimal("7800000"))


# --- the execution in prose ----------------------------------------------------------------------------------

def test_the_budget_spent_before_its_rate_is_the_execution():
    body = "2023年补助资金全年预算安排60万元,预算支出58万元,预算执行率为96.67%。"
    report = parse_report_text(_REPORT.format(body=body))
    assert (report.budget_total, report.executed_total) == (Decimal("60"), Decimal("58"))


def test_guard_a_budgeted_expenditure_without_a_rate_is_no_execution():
    body = "本年度预算收入60万元,预算支出60万元,其中基本支出40万元。"
    assert parse_report_text(_REPORT.format(body=body)).executed_total is None


def test_the_total_actually_spent_is_the_execution():
    body = "1、项目预算安排总额153.550567万元。2、项目实际支出总额150.5万元。"
    assert parse_report_text(_REPORT.format(body=body)).executed_total == Decimal("150.5")


def test_corpus_total_actually_spent():
    assert _corpus("hebei-2019-project-chengan-water-supply-pipes").executed_total == Decimal("153.550567")


def test_corpus_budget_spent_before_its_rate():
    assert _corpus("anhui-2023-project-jixi-geohazard-provincial-funds").executed_total == Decimal("60")


# --- a character lost after a number, and the score's cell after a colon ---------------------------------------

_FORM = ("2024年度部门整体绩效自评表 | ||||\n"
         "项目名称: | 某县某协会整体监控 | 项目编码: | 500233 | 自评总分: | {score} | ||\n"
         "年初预算数 | 全年(调整)预算数 | 全年执行数 | 执行率 | 执行率权重 | 执行率得分 | ||\n"
         "年度总金额 | 3,724,055.00{mark} | 4,764,453.11{mark} | 4,614,453.11{mark} | ||||\n")


@pytest.mark.parametrize("mark", ["?", "？", ""])
def test_a_character_lost_after_an_amount_is_dropped(mark):
    report = parse_report_text(_FORM.format(mark=mark, score="99.68"))
    assert (report.budget_total, report.executed_total) == (Decimal("4764453.11"), Decimal("4614453.11"))


def test_a_question_mark_in_prose_stays_a_question_mark():
    # only a ? closing a cell right after a number is a lost character
    report = parse_report_text(_REPORT.format(body="资金是否到位?已到位。是否完成12?是。"))
    assert "到位?" in report.text and "12?是" in report.text


@pytest.mark.parametrize("score", ["99.68", "99.68?"])
def test_the_score_cell_after_its_label_and_colon(score):
    assert parse_report_text(_FORM.format(mark="", score=score)).score == Decimal("99.68")


def test_corpus_form_with_lost_characters_and_a_colon_label():
    report = _corpus("chongqing-2024-table-zhongxian-science-association-mirror")
    assert (report.budget_total, report.executed_total, report.score) == (
        Decimal("4764453.11"), Decimal("4614453.11"), Decimal("99.68"))


# --- the department ------------------------------------------------------------------------------------------

def test_a_cell_value_opening_with_a_citing_word_that_is_a_place():
    # 会同 (“together with”) is also a county: in a form's cell, 会同县… is the place's unit
    text = "某项目绩效评价报告\n项目名称:某基地建设项目\n项目实施单位:会同县农业农村局 组织单位: 会同县财政局\n"
    assert parse_report_text(text).department == "会同县农业农村局"


def test_guard_a_clause_citing_a_body_with_a_citing_word_is_no_department():
    # 会同 before a body that is no place (会同财政局…): the clause cites the body
    assert parse_report_text("某项目绩效评价报告\n项目实施单位:会同财政局开展\n").department is None


@pytest.mark.parametrize("header", [
    "重庆市荣昌区财政局文件\n荣财农〔2021〕99号\n",
    "邵阳市北塔区财政局文件 邵北财农绩﹝2023﹞1 号 关于下达2023年第一批补助资金绩效目标批复的通知\n",
])
def test_the_red_header_of_an_official_document_names_its_issuer(header):
    text = header + "关于下达2022年某项资金的通知\n区水利局:\n现将资金3039万元下达给你们。\n"
    assert parse_report_text(text).department in ("重庆市荣昌区财政局", "邵阳市北塔区财政局")


def test_guard_a_category_of_documents_is_no_header():
    text = "信息分类: 农村危房改造相关文件\n关于某项资金的通知\n现将资金下达给你们。\n"
    assert parse_report_text(text).department is None


def test_a_signature_run_into_the_text_before_its_date():
    text = ("关于下达2025年某补助资金的通知\n各乡镇财政所:现将补助35万下达给你们,附件:1.资金分配表2.绩效目标表"
            "安溪县农业农村局2025年3月17日附件1资金分配表龙涓镇5长卿镇1.5\n")
    assert parse_report_text(text).department == "安溪县农业农村局"


@pytest.mark.parametrize("stem, department", [
    ("hunan-2022-project-huitong-bamboo-shoot-base-third-party", "会同县农业农村局"),
    ("chongqing-2022-notice-rongchang-reservoir-resettlement-funds", "重庆市荣昌区财政局"),
    ("hunan-2023-notice-shaoyang-beita-rural-revitalisation-targets-docx", "邵阳市北塔区财政局"),
    ("fujian-2025-notice-anxi-animal-immunisation-allocation", "安溪县农业农村局"),
])
def test_corpus_departments(stem, department):
    assert _corpus(stem).department == department


# --- a total row whose cells hold a budget, its executed amount and their rate -------------------------------------

_FUJIAN = ("宁德市某局2020年部门整体支出绩效自评\n部门整体支出绩效自评表\n( 2020 年度)\n部门(单位)名称 宁德市某局\n"
           "财政资金安排和使用情况 资金结构 预算安排 拨付情况 结余情况\n"
           "(万元) 年初部门预算安排金额① 年中调整金额② 小计 年度拨付金额 支出实现率(%)⑤=④/③ 本年度结余金额⑥=③-④\n"
           "财政资金小计 130.54 58.07 188.61 188.45 99.92 0.16\n"
           "① 项目支出 30 0 30 30 100 0\n"
           "② 基本支出 100.54 58.07 158.61 158.45 99.9 0.16\n"
           "合 计 130.54 58.07 188.61 188.45 99.92 0.16\n")


def test_a_total_row_with_the_budget_its_execution_and_their_rate_side_by_side():
    report = parse_report_text(_FUJIAN)
    assert (report.budget_total, report.executed_total, report.execution_rate) == (
        Decimal("188.61"), Decimal("188.45"), Decimal("99.92"))
    assert dict(report.by_nature) == {"基本支出": Decimal("158.61"), "项目支出": Decimal("30")}


def test_variant_a_total_row_run_together_split_where_its_rate_fits():
    text = ("某省某局2021年度某专项资金绩效自评报告\n各单位执行情况:1省某中心319.65134.0241.93%"
            "地市小计5254.155014.7095.44%合计68006027.9588.65%由上表可知,项目预算执行情况整体较好。\n")
    report = parse_report_text(text)
    assert (report.budget_total, report.executed_total, report.execution_rate) == (
        Decimal("6800"), Decimal("6027.95"), Decimal("88.65"))


def test_guard_a_total_row_whose_numbers_give_no_rate_is_not_read():
    # an indicator table's total (points and score), or amounts without their rate
    text = "某项目绩效自评表\n合计 100 95\n合 计 130.54 58.07 188.61 188.45\n"
    report = parse_report_text(text)
    assert report.budget_total is None and report.execution_rate is None


def test_corpus_total_rows_with_their_rates():
    report = _corpus("fujian-2020-table-ningde-earthquake-bureau-dept")
    assert (report.budget_total, report.executed_total, report.execution_rate) == (
        Decimal("188.61"), Decimal("188.45"), Decimal("99.92"))
    report = _corpus("jiangxi-2021-project-provincial-sports-culture-lottery-funds-doc-site")
    assert (report.budget_total, report.executed_total, report.execution_rate) == (
        Decimal("6800"), Decimal("6027.95"), Decimal("88.65"))


# --- a funds row with its rate but no 分值 cell (the points in the header) ------------------------------------------

_TWO_COLUMNS = ("某协会2022年度项目支出绩效自评表\n项目名称 科学普及经费\n主管部门 某市科学技术协会 项目实施单位 某市科学技术协会\n"
                "预算执行情况(万元)\n(20分)\n  预算数(A) 执行数(B) 执行率(B/A) 得分\n(20分*执行率)\n"
                "年度财政资金总额 {row}\n年度绩效目标1(80分) 一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分\n")


@pytest.mark.parametrize("row", ["104 103.97 99.97 19", "104 | 103.97 | 99.97 | 19"])
def test_a_funds_row_whose_rate_stands_after_its_two_amounts_without_points(row):
    report = parse_report_text(_TWO_COLUMNS.format(row=row))
    assert (report.budget_total, report.executed_total, report.execution_rate) == (
        Decimal("104"), Decimal("103.97"), Decimal("99.97"))


def test_guard_a_number_after_the_amounts_that_is_no_rate_of_them():
    report = parse_report_text(_TWO_COLUMNS.format(row="104 103.97 80 19"))
    assert report.execution_rate != Decimal("80")


def test_corpus_funds_row_without_points():
    report = _corpus("hubei-2022-table-ezhou-science-association-traditional-mirror")
    assert (report.budget_total, report.executed_total, report.execution_rate) == (
        Decimal("104"), Decimal("103.97"), Decimal("99.97"))


# --- the score in prose ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", ["经评价,最终评分结果为90分,绩效评价等级为“优”。", "综合评分结果是90分。"])
def test_the_result_of_the_scoring_is_the_score(body):
    assert parse_report_text(_REPORT.format(body=body)).score == Decimal("90")


def test_guard_an_indicators_scoring_result_is_no_score():
    body = "该指标评分结果为5分。"
    assert parse_report_text(_REPORT.format(body=body)).score != Decimal("5")


def test_corpus_score_as_the_result_of_the_scoring():
    assert _corpus("chongqing-2023-project-tongnan-grain-reserve-subsidy-third-party").score == Decimal("90")


# --- the total's rate written only in the sub-row that holds all its money --------------------------------------------

def test_the_rate_written_in_the_sub_row_with_the_same_amounts_is_the_totals():
    text = (_FORM.format(mark="?", score="99.68")
            + "其中:财政拨款 | 3,724,055.00? | 4,764,453.11? | 4,614,453.11? | 96.85 | 10.00 | 9.68? | ||||\n"
            + "一般公共预算 | 3,724,055.00? | 4,764,453.11? | 4,614,453.11? | 96.85 | ||||||\n")
    assert parse_report_text(text).execution_rate == Decimal("96.85")


def test_guard_a_sub_row_with_other_amounts_gives_no_rate_to_the_total():
    text = (_FORM.format(mark="", score="99.68")
            + "其中:财政拨款 | 3,000,000.00 | 4,000,000.00 | 3,900,000.00 | 97.5 | 10.00 | 9.75 | ||||\n")
    assert parse_report_text(text).execution_rate is None


def test_corpus_rate_in_the_sub_row():
    assert _corpus("chongqing-2024-table-zhongxian-science-association-mirror").execution_rate == Decimal("96.85")


# --- the unit of amounts written to the fen with thousands separators ----------------------------------------------

def test_amounts_of_millions_to_the_fen_with_no_unit_written_are_in_yuan():
    assert parse_report_text(_FORM.format(mark="", score="99.68")).unit == "元"


def test_guard_a_unit_written_after_amounts_wins_and_small_amounts_say_nothing():
    assert parse_report_text(_REPORT.format(body="预算资金1,291.73万元,其中4,764,453.11")).unit == "万元"
    assert parse_report_text("某项目自评表\n年度总金额 | 1,291.73 | 1,200.00 |\n").unit is None


def test_corpus_unit_of_amounts_to_the_fen():
    assert _corpus("chongqing-2024-table-zhongxian-science-association-mirror").unit == "元"
