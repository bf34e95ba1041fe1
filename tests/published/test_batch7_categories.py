"""Key figures batch 7 missed at its blind measurement, by shape of wording (tests/data/published/corpus/README.md,
"Batch 7 read"): each test writes the shape in a few synthetic lines, then a variant shape, and reads the real
documents of the corpus in which it was seen."""

from decimal import Decimal

import pytest

from jixiao.published import parse_report_text
from tests.published.corpus import parsed as _corpus


_REPORT = "某县某局2021年度项目支出绩效自评报告\n一、项目基本情况\n{body}\n二、绩效目标完成情况\n已完成。\n"


# --- the budget in prose -------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, budget", [
    # a unit's approved spending budget, and what it executed of it
    ("2021年度本单位批复支出预算1824.15万元,实际执行支出预算1711.15万元,预算执行率为93.81%。", "1824.15"),
    # a project's budget stated as its total, its parts after it
    ("项目预算合计为423.38万元(其中:自治区169.35万元,市级254.03万元)。", "423.38"),
    # the funds named one by one, then added with 共
    ("安排项目4个,即工作组经费120万元、排查经费59万元、调解经费10万元、救助资金30万元,共219万元,具体如下:", "219"),
    # a fund's money with 经费 and 共计
    ("2021年,法律援助办案补助经费共计1400万元,全部为财政经费拨款。", "1400"),
    # what the finance bureau arranged for a named project
    ("2021年财政安排中和木材检查站租金项目经费11.2万元。", "11.2"),
    # money received, the fund's name running long between
    ("(1)奖补资金到位率:收到拨付的省电子商务发展资金96万元,资金在审核落实中。", "96"),
    # a grant passed down, named by what it is for
    ("根据通知,下达第一批森林火灾救灾补助1400万元,专项用于支持补充森林草原防灭火物资。", "1400"),
    # money passed down in batches, its share named in brackets, then added after a comma
    ("2022年,中央下达我省3批中央农业生产和水利救灾资金(水利部分),共计6800万元。", "6800"),
    # a unit's year's allocation
    ("2021年财政拨款150.49万元,预算支出150.49万元,全年支出150.49万元。", "150.49"),
])
def test_a_budget_worded_in_prose(body, budget):
    assert parse_report_text(_REPORT.format(body=body)).budget_total == Decimal(budget)


def test_variant_a_budget_total_worded_plainly_and_guard_money_paid_is_no_budget():
    assert parse_report_text(_REPORT.format(body="年度预算合计120万元。")).budget_total == Decimal("120")
    # money paid is not what the finance bureau arranged
    assert parse_report_text(_REPORT.format(body="财政已支付项目资金50万元。")).budget_total != Decimal("50")


# --- the execution in prose ----------------------------------------------------------------------------------

@pytest.mark.parametrize("body, executed", [
    ("中央下达资金共计6800万元。目前,资金已执行4132.8万元,预算执行率60.78%。", "4132.8"),
    ("批复支出预算200万元,实际执行支出190万元。", "190"),
])
def test_an_execution_worded_in_prose(body, executed):
    assert parse_report_text(_REPORT.format(body=body)).executed_total == Decimal(executed)


@pytest.mark.parametrize("stem, budget, executed", [
    ("shandong-2021-dept-provincial-red-cross", "1824.15", "1711.15"),
    ("tibet-2022-project-karuo-welfare-institutions-third-party", "423.38", None),
    ("anhui-2023-project-luan-petitions-bureau-projects", "219", None),
    ("unknown-2018-project-provincial-legal-aid-funds-doc-site", "1400", None),
    ("yunnan-2019-project-tengchong-timber-checkpoint-rent", "11.2", None),
    ("anhui-2020-project-jingde-rural-ecommerce-upgrade", "96", None),
    ("hebei-2022-project-provincial-water-disaster-relief-transfer", "6800", "4132.8"),
    ("yunnan-2023-project-provincial-forest-fire-relief-spam-mirror", "1400", None),
    ("gansu-2021-dept-minle-county-museum", "150.49", "150.49"),
])
def test_corpus_money_in_prose(stem, budget, executed):
    report = _corpus(stem)
    if budget is not None:
        assert report.budget_total == Decimal(budget)
    if executed is not None:
        assert report.executed_total == Decimal(executed)


# --- the department --------------------------------------------------------------------------------------------

def test_a_titles_district_alone_gives_way_to_the_forms_supervising_unit():
    text = ("昌都市卡若区2022年度社会福利机构运行项目绩效评价报告\n\n委托单位:昌都市卡若区财政局\n\n"
            "项目主管部门:昌都市卡若区民政局\n\n一、项目基本情况\n")
    assert parse_report_text(text).department == "昌都市卡若区民政局"


def test_variant_a_district_alone_is_still_the_last_resort_and_a_community_is_a_unit():
    text = "株洲市渌口区2023年度残保金专项项目绩效评价报告\n一、项目基本情况\n项目实施顺利。\n"
    assert parse_report_text(text).department == "株洲市渌口区"
    text = "东风社区2023年度项目支出绩效自评报告\n项目主管部门:某区民政局\n一、项目基本情况\n"
    assert parse_report_text(text).department == "东风社区"


def test_a_parts_heading_run_into_the_units_name():
    text = "第五部分 附件 邵阳市北塔区医疗保障局 2021 年度部门整体支出绩效评价报告 一、部门概况 (一)基本情况。\n"
    assert parse_report_text(text).department == "邵阳市北塔区医疗保障局"


def test_the_end_of_a_date_is_no_part_of_a_short_forms_name():
    text = ("某省民族宗教事务委员会民族工作经费专项资金(2017-2019年度)绩效评价报告\n\n"
            "某会计师事务所接受某省财政厅委托,于2020年6月至2020年7月对某省民族宗教事务委员会(以下简称“省民宗委”)"
            "民族工作经费专项资金开展绩效评价。\n")
    assert parse_report_text(text).department == "某省民族宗教事务委员会"


def test_a_forms_cell_run_into_its_label_is_not_cited_by_a_word_inside_the_label_before():
    # …专项经费主管部门新洲区楚剧团实施单位…: the 经 of 经费 before the label is no 经 (by way of) citing a body
    text = ("1、项目支出绩效自评表(2020 年度)项目名称演出设备更新专项经费主管部门新洲区楚剧团实施单位新洲区文化和旅游局机关"
            "项目资金 (万元)年初预算数全年预算数\n")
    assert parse_report_text(text).department in ("新洲区楚剧团", "新洲区文化和旅游局机关")


def test_guard_a_body_after_a_citing_word_stays_cited():
    text = "某镇2021年度项目支出绩效自评报告\n一、基本情况\n经县财政局批复,安排资金10万元。\n"
    assert parse_report_text(text).department != "县财政局"


def test_two_bodies_signing_side_by_side_without_a_space():
    text = ("有关市、县(市)财政局、教育局:\n现将2021年义务教育补助资金下达给你们。\n附件:1.补助资金分配表\n"
            "{signature}\n2021年9月3日\n")
    assert parse_report_text(text.format(signature="浙江省财政厅浙江省教育厅")).department == "浙江省财政厅"
    assert parse_report_text(text.format(signature="浙江省财政厅 浙江省教育厅")).department == "浙江省财政厅"


def test_guard_a_name_repeating_its_place_inside_is_kept_whole():
    assert parse_report_text("某市某区2022年度部门整体支出绩效自评报告\n单位名称:杭州市余杭区杭州市第二中学\n").department \
        != "杭州市余杭区"


@pytest.mark.parametrize("stem, department", [
    ("zhejiang-2021-notice-provincial-weak-schools-allocation", "浙江省财政厅"),
    ("hubei-2020-table-xinzhou-chu-opera-troupe-docx", "新洲区文化和旅游局机关"),
    ("tibet-2022-project-karuo-welfare-institutions-third-party", "昌都市卡若区民政局"),
    ("hunan-2021-dept-shaoyang-beita-medical-insurance-docx", "邵阳市北塔区医疗保障局"),
    ("guizhou-2019-project-provincial-ethnic-affairs-funds-third-party", "贵州省民族宗教事务委员会"),
])
def test_corpus_departments(stem, department):
    assert _corpus(stem).department == department


# --- several forms in one document (one per project) ----------------------------------------------------------

_TWO_FORMS = ("某中学2023年项目绩效自评表公开\n项目支出绩效自评表\n项目名称: 学生事务补助\n实施单位: 某中学\n"
              "资金构成(元) 年初预算数 全年预算数 执行数 分值 执行率(%) 得分\n"
              "资金总额: 120,000.00 120,000.00 30,000.00 10.00  25 2.5\n"
              "一级指标 二级指标 三级指标 指标性质 年度指标值 度量单位 实际完成值 完成率 分值 得分 未完成原因分析\n"
              "产出指标 数量指标 资助困难学生 52 10 19.23% 90.00 {row_score}\n合计 100.00 {total}\n\n"
              "项目支出绩效自评表\n项目名称: 教育教学管理\n实施单位: 某中学\n"
              "资金构成(元) 年初预算数 全年预算数 执行数 分值 执行率(%) 得分\n"
              "资金总额: 915,000.00 915,000.00 915,000.00 10.00  100 10\n")


def test_the_first_of_several_forms_gives_the_execution_rate_and_score():
    report = parse_report_text(_TWO_FORMS.format(row_score="33.3", total="35.8"))
    assert (report.budget_total, report.executed_total, report.execution_rate, report.score) == (
        Decimal("120000.00"), Decimal("30000.00"), Decimal("25"), Decimal("35.8"))


def test_variant_a_first_forms_total_row_of_points_only_gives_no_score():
    report = parse_report_text(_TWO_FORMS.format(row_score="33.3", total="").replace("合计 100.00 \n", "合计 100.00\n"))
    assert report.executed_total == Decimal("30000.00") and report.score is None


def test_corpus_several_forms():
    report = _corpus("hainan-2023-table-nongken-experimental-school-student-aid")
    assert (report.executed_total, report.execution_rate, report.score) == (
        Decimal("30000.00"), Decimal("25"), Decimal("46.35"))


# --- the kind: a fund's money called 整体 ----------------------------------------------------------------------

@pytest.mark.parametrize("title", [
    "某县特殊教育补助资金转移支付整体绩效目标自评表",
    "2020年忠烈祠免费开放经费236.25万元部门整体支出绩效自评表",
])
def test_a_funds_whole_is_a_project(title):
    assert parse_report_text(f"{title}\n(2024年度)\n一、基本情况\n").kind == "项目"


def test_guard_a_units_whole_budget_stays_department_wide():
    assert parse_report_text("某县教育局2024年度部门整体支出绩效自评报告\n一、基本情况\n").kind == "部门整体"


# --- the total row with its label's characters swapped (分总) --------------------------------------------------

def test_a_total_row_whose_label_the_page_swapped():
    text = ("项目支出绩效自评表\n(2024年度)\n项目资金(万元) 年初预算数 全年预算数(A) 全年执行数(B) 分值 预算执行率(B/A) 得分\n"
            "年度资金总额: 28.1 28.1 28.1 10 100% 10\n"
            "绩效指标 一级指标 二级指标 三级指标 年度指标值 全年实际完成值 分值 得分 未完成原因和改进措施\n"
            "产出指标 数量指标 教学软件 2套 2套 50 50\n满意度指标 服务对象满意度指标 家长满意度 90% 98% 40 {score}\n"
            "{label} 100 {total}\n")
    assert parse_report_text(text.format(score="40", label="分总", total="100")).score == Decimal("100")
    assert parse_report_text(text.format(score="35", label="总分", total="95")).score == Decimal("95")


@pytest.mark.parametrize("stem, kind, score", [
    ("anhui-2024-table-huoshan-special-education-subsidy", "项目", "100"),
    ("hunan-2020-table-nanyue-martyrs-shrine-free-opening-traditional", "项目", None),
])
def test_corpus_kinds_and_swapped_total(stem, kind, score):
    report = _corpus(stem)
    assert report.kind == kind
    if score is not None:
        assert report.score == Decimal(score)


# --- a unit's 基础数据表: last year's 决算, this year's 预算 and 决算 ------------------------------------------------

def test_a_basic_data_table_one_cell_a_line():
    text = ("附件1\n\n2022年度部门整体支出绩效评价基础数据表\n\n经费控制情况(万元)\n\n2021年决算数\n\n2022年预算数\n\n"
            "2022年决算数\n\n支出总额\n\n1274.38\n\n1342.49\n\n1340.00\n\n基本支出\n\n606.44\n\n719.99 \n\n719.99 \n\n"
            "    其中:公用经费\n\n89.15\n\n95.86\n\n95.86\n\n项目支出\n\n667.94\n\n622.50\n\n620.01\n")
    report = parse_report_text(text)
    assert (report.budget_total, report.executed_total) == (Decimal("1342.49"), Decimal("1340.00"))
    assert dict(report.by_nature) == {"基本支出": Decimal("719.99"), "项目支出": Decimal("620.01")}


def test_variant_a_basic_data_table_with_bars():
    text = ("部门整体支出绩效评价基础数据表\n| 上年决算数 | 本年预算数 | 本年决算数 |\n| 支出总额 | 900 | 1000 | 950 |\n"
            "| 基本支出 | 500 | 600 | 580 |\n| 项目支出 | 400 | 400 | 370 |\n")
    report = parse_report_text(text)
    assert (report.budget_total, report.executed_total) == (Decimal("1000"), Decimal("950"))


def test_corpus_basic_data_table():
    report = _corpus("hunan-2022-dept-yiyang-federation-of-trade-unions-basic-data")
    assert (report.budget_total, report.executed_total) == (Decimal("1342.49"), Decimal("1342.49"))
    assert dict(report.by_nature) == {"基本支出": Decimal("719.99"), "项目支出": Decimal("622.50")}


# --- a year is no amount -------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "1 提前下达2023中央财政医疗服务与保障能力提升补助资金 某县医疗保障局 28 28 0 100",
    "(一)项目资金安排落实情况:1、档案管理项目资金:2016年县财政安排到位,按时拨付。",
])
def test_a_year_run_into_a_funds_name_or_after_a_colon_is_no_budget(body):
    assert parse_report_text(_REPORT.format(body=body)).budget_total is None


def test_guard_an_amount_after_a_colon_stays_the_budget():
    assert parse_report_text(_REPORT.format(body="项目资金:2016万元,全部到位。")).budget_total == Decimal("2016")


@pytest.mark.parametrize("stem", [
    "hebei-2023-table-shijiazhuang-changan-medical-insurance-results",
    "hunan-2016-project-yuanling-archives-bureau",
])
def test_corpus_years_read_as_no_budget(stem):
    assert _corpus(stem).budget_total is None


# --- the unit ---------------------------------------------------------------------------------------------------

def test_a_declared_unit_with_the_next_cell_run_on():
    text = "项目支出绩效目标表\n部门:505_某州教育和体育局金额单位:万元\n单位代码\n单位(专项)名称\n学生伙食费30.00\n每少1元扣1分\n"
    assert parse_report_text(text).unit == "万元"


@pytest.mark.parametrize("text", [
    "评分标准:县级财政按照农业人口人均不低于10元标准安排奖补资金的,得4分;达到20元,加2分。\n",
    "培训机构 | 培训补助标准(元/人) | 就业奖补标准(元/人) |\n| 某学校 | 3000元/人 | 260 |\n",
    "成本指标 学生补助标准17元/人.每天 按标准发放得10分,每少1元扣1分\n",
])
def test_standards_per_head_and_scoring_rules_say_nothing_of_the_unit(text):
    assert parse_report_text("某县2021年度项目绩效自评表\n" + text).unit is None


def test_guard_amounts_in_yuan_still_give_the_unit():
    assert parse_report_text("某县2021年度项目绩效自评表\n下达资金120000元,实际支出118000元。\n").unit == "元"


@pytest.mark.parametrize("stem, unit", [
    ("hunan-2023-targets-xiangxi-special-school-meals", "万元"),
    ("anhui-2021-table-tongling-suburb-rural-public-welfare-awards", None),
    ("shanxi-2021-table-lvliang-caregiver-training-ocr", None),
])
def test_corpus_units(stem, unit):
    assert _corpus(stem).unit == unit


# --- a part's score in the bracket of its heading --------------------------------------------------------------

@pytest.mark.parametrize("heading", ["一、投入(20分,自评得分20分)", "一、投入(分值18分,自评得18分)"])
def test_a_parts_score_after_its_points_is_not_the_reports(heading):
    text = f"某市2021年度民生工程绩效自评报告\n{heading}\n(一)项目立项(10分,自评得分10分)\n制度健全。\n"
    assert parse_report_text(text).score is None


def test_guard_the_reports_own_score_is_still_read():
    text = "某市2021年度民生工程绩效自评报告\n一、投入(20分,自评得分20分)\n五、自评结论\n经自评,自评得分96分,等级为优。\n"
    assert parse_report_text(text).score == Decimal("96")


def test_corpus_a_parts_score_in_its_heading():
    assert _corpus("anhui-2021-project-luan-rural-minimum-living-security").score is None


# --- a budget label inside the parts listed after a total ------------------------------------------------------

def test_a_budget_label_among_the_parts_after_qizhong_is_a_part():
    body = "2016年,共争取市本级绩效管理预算资金105.33万元,其中:市本级项目资金20万元。"
    assert parse_report_text(_REPORT.format(body=body)).budget_total == Decimal("105.33")


def test_guard_a_budget_label_in_a_sentence_of_its_own_stays_the_budget():
    body = "2016年,共争取市本级绩效管理预算资金105.33万元,其中:人员经费85.33万元。项目资金20万元已全部到位。"
    assert parse_report_text(_REPORT.format(body=body)).budget_total == Decimal("20")


def test_corpus_a_budget_label_among_parts():
    assert _corpus("hunan-2016-dept-chenzhou-funeral-administration").budget_total == Decimal("105.33")


# --- a signature the prose view ran into the line above ----------------------------------------------------------

def test_a_signature_under_an_attachment_list_without_a_full_stop():
    text = ("西坪镇、桃舟乡人民政府:\n根据通知,现下达2022年省级水利专项资金,用于小型水利工程建设。\n"
            "附件:1.2022年省级水利专项资金安排表\n2.2022年省级水利专项资金绩效目标表\n安溪县水利局\n2023年3月20日\n"
            "(此件公开发布)\n")
    assert parse_report_text(text).department == "安溪县水利局"


def test_guard_a_date_under_a_sentence_gives_no_signature():
    text = ("西坪镇、桃舟乡人民政府:\n根据通知,现下达2022年省级水利专项资金,用于小型水利工程建设。\n"
            "项目于以下日期前完成\n2023年3月20日\n")
    assert parse_report_text(text).department is None


def test_corpus_signature_run_into_the_attachment_list():
    assert _corpus("fujian-2022-targets-anxi-water-special-funds-allocation").department == "安溪县水利局"


# --- a cell's label as the subject of a sentence -----------------------------------------------------------------

def test_a_cell_label_followed_by_a_preposition_is_a_sentence_not_a_cell():
    text = ("旌德县2020年农村电商提质增效工程绩效评价自评报告\n\n发布时间:2021-01-18 来源:旌德县科技商务经信局\n"
            "(3)审批程序规范性:1、县经信局对项目申报材料进行了审核,得1.5分;2、市级主管部门对相关县(市、区)项目建设和资金情况"
            "进行检查,得1.5分。\n")
    assert parse_report_text(text).department == "旌德县科技商务经信局"


def test_guard_a_cell_label_and_its_unit_with_no_colon_stays_a_cell():
    text = "项目支出绩效自评表\n项目名称 演出设备更新\n主管部门 新洲区楚剧团\n"
    assert parse_report_text(text).department == "新洲区楚剧团"


def test_corpus_a_cell_label_as_a_sentences_subject():
    assert _corpus("anhui-2020-project-jingde-rural-ecommerce-upgrade").department == "旌德县科技商务经信局"


# --- a cover's unit above the title with its second name in brackets; the addressee below it --------------------

def test_a_unit_above_the_title_with_its_second_name_in_brackets_and_an_addressee_below():
    text = ("中共某省委党校(某省行政学院)\n2021年度部门整体支出绩效自评报告\n省财政厅:\n"
            "按照《某省财政厅关于开展2021年度部门绩效自评工作的通知》要求,我校(院)认真开展自评。\n一、部门基本情况\n")
    assert parse_report_text(text).department == "中共某省委党校"


def test_variant_an_addressee_below_a_title_naming_no_unit_is_not_the_unit():
    text = "2021年度部门整体支出绩效自评报告\n省财政厅:\n按照通知要求,我单位认真开展自评。\n一、部门基本情况\n"
    assert parse_report_text(text).department != "省财政厅"


def test_corpus_unit_above_the_title_in_brackets():
    assert _corpus("hunan-2021-dept-provincial-party-school-mirror").department == "中共湖南省委党校"
