"""Checks on real published documents of the corpus (tests/data/published/corpus/): each wrong finding once
seen on one of them, kept from coming back, and the inconsistencies a reader finds in them found."""

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.checks import review_report
from jixiao.published import parse_report_file

CORPUS = Path(__file__).parents[2] / "data" / "published" / "corpus"


def review(stem: str):
    return review_report(parse_report_file(CORPUS / f"{stem}.txt"))


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def test_a_note_on_allowances_paid_is_not_held_to_the_outline_of_a_report():
    # 海珠区 两项补贴资金发放使用情况 has 一、二、 but is not a self-evaluation report
    assert "report.section_missing" not in codes(
        review("guangdong-2019-notice-guangzhou-haizhu-disability-allowances-traditional"))


def test_numbered_sub_parts_1_1_and_1_2_number_their_items_afresh():
    result = review("hainan-2018-dept-danzhou-court")
    assert "report.section_duplicate" not in codes(result)  # 1.引言 … 1.2部门支出描述 1.基本支出…
    parts = next(f for f in result.findings if f.code == "report.parts_sum")
    assert "2,956.36" in parts.message and "2,956.27" in parts.message and "0.09" in parts.message


@pytest.mark.parametrize("stem", [
    "hebei-2019-table-ningjin-high-school-grants",      # ends with the attachment's file name
    "hunan-2022-project-leiyang-no4-school",           # ends with 七、其他需要说明的问题暂无
    "sichuan-2021-targets-guangyuan-zhaohua-leprosy",  # ends with a table row: 满意度指标 群众幸福感 明显提升
])
def test_complete_documents_are_not_called_cut_off(stem):
    assert "report.incomplete" not in codes(review(stem))


def test_spending_stated_after_a_funding_total_is_not_added_into_it():
    # 共计239万元,其中上级资金179.25万元,本级59.75万元 … 二、… 三、…财政安排支出共计87.06万元
    result = review("hunan-2022-project-leiyang-no4-school")
    assert "report.parts_exceed_total" not in codes(result)
    assert any(c.code == "report.parts_sum" and "239" in c.message for c in result.confirmed)
    low = next(f for f in result.findings if f.code == "report.execution_low")
    assert "87.06 ÷ 239" in low.message and "36.4%" in low.message and "暂无问题" in low.message


def test_a_fragment_that_starts_at_section_three_has_no_numbering_gap():
    assert "report.section_gap" not in codes(review("sichuan-2021-project-daying-county-shortfalls"))


def test_two_lists_of_points_in_one_paragraph_are_not_a_repeated_number():
    # 存在的问题:一是….二是…. 下一步改进措施:一是….二是…
    assert "report.list_duplicate" not in codes(review("unknown-2017-dept-wanglu-score-sheet"))


@pytest.mark.parametrize("stem,year", [
    ("yunnan-2021-project-baoshan-beijing-office-rent", 2021),  # 索引号 …/2022-0617011, 发布日期 2022-06-17
    ("yunnan-2021-project-shidian-sugarcane", 2021),            # 公开目录 绩效评价 发布日期 2022-07-15
])
def test_the_pages_metadata_is_not_the_title_and_its_dates_not_the_year(stem, year):
    result = review(stem)
    assert result.report.year == year
    assert "report.year_mismatch" not in codes(result)


def test_a_rate_of_the_money_that_arrived_is_not_wrong_against_the_total_investment():
    # 总投资660万元 … 实际收到资金495万元. 项目共支付470.37万元 … 预算执行率95.02%
    result = review("yunnan-2023-project-kunming-wuhua-farmland-evaluation")
    assert "report.execution_rate" not in codes(result)
    assert any(c.code == "report.execution_rate" and "495" in c.message for c in result.confirmed)


def test_spending_above_the_budget_income_is_not_over_budget_when_other_money_is_stated():
    # 预算收入69.06万元 … 其他资金来源21.31万元; 支出76.36万元
    result = review("hunan-2022-dept-zhuzhou-hetang-womens-federation")
    assert "report.executed_over_budget" not in codes(result)
    assert "report.income_expenditure" in codes(result)


def test_a_rate_written_100_percent_of_amounts_that_give_80_percent():
    result = review("hunan-2021-table-yongzhou-lingling-forestry")
    rate = next(f for f in result.findings if f.code == "report.execution_rate")
    assert "100%" in rate.message and "80.45%" in rate.message
    score = next(f for f in result.findings if f.code == "report.execution_score")
    assert "8.04" in score.message
    # the budget is not taken for the executed amount because it gives the written 100%
    assert result.report.executed_total == Decimal("3824.26")


# --- wrong findings seen on the hold-out documents, at their one measurement -------------------------

def test_the_year_of_a_notice_cited_by_its_title_is_not_the_report_year():
    # 2021 年…自评报告 根据《关于开展 2022 年市级财政资金绩效自评工作的通知》
    assert "report.year_mismatch" not in codes(review("guangdong-2021-dept-maoming-ndrc"))


def test_a_form_run_into_one_line_has_no_list_and_its_filling_date_is_no_year():
    # 填报日期:2022 年 8 月 10 项目名称 … 自评总分; 1、常年性 2、延续性□ … 1、单位财务管理制度 …
    found = codes(review("hubei-2021-table-guangshui-rural-roads"))
    assert "report.year_mismatch" not in found and "report.list_order" not in found


def test_a_fragment_that_opens_on_a_later_sub_part_has_no_gap_before_its_next_part():
    # the text opens on a table, 3.分析评价…, (三)…, then 二、: its 一、 is above the excerpt
    assert "report.section_gap" not in codes(review("sichuan-2020-project-daying-civility-fund"))


def test_the_forms_printed_note_on_a_reason_asked_below_90_percent_is_no_placeholder():
    # 1.预算执行率=…,预算执行率未达到90%的需说明原因(100字以内) at 100%
    assert "report.template_text" not in codes(review("sichuan-2023-table-daying-justice-bureau"))
    left = [f.location["line"] for f in review("sichuan-2023-table-qingshen-ndrc-wages").findings
            if f.code == "report.template_text"]
    assert left == [20, 104, 106, 108]  # the answers left as the form's instructions still are


def test_an_amount_before_the_rate_is_not_the_points_of_a_higher_score_after_it():
    # 总额 | 5.00 | 5.00 | 5.00 | | | 100.00% | 10 | | : 权重 10, the 得分 cell empty
    result = review("sichuan-2023-table-nanchong-forestry-ocr")
    assert "report.execution_score" not in codes(result)
    (row,) = [c.value for c in result.report.claims if c.key == "fund_row"]
    assert (row.initial, row.full_year, row.executed, row.weight, row.score) == (
        Decimal("5.00"), Decimal("5.00"), Decimal("5.00"), Decimal("10"), None)


# --- the second batch's development documents ---------------------------------------------------
@pytest.mark.parametrize("stem, not_found", [
    # ;本次纳入绩效评价范围的…资金 is another sum; 26个区县(含万盛经开区、两江新区…) names some of them
    ("chongqing-2018-notice-water-development-fund-results", {"report.parts_exceed_total", "report.enumeration"}),
    # the mirror's “2. 2、” list marker before each notice's own number
    ("hainan-unknown-project-forest-ecological-compensation", {"report.list_duplicate"}),
    # parts hidden by the site (点击查看>>) and a reduction (调减) among them
    ("heilongjiang-2021-project-hulin-forestry-masked", {"report.parts_exceed_total"}),
    # numbered cells of a table row; a 2022年度 form on the 2021 fund of its title
    ("yunnan-2021-table-longyang-fertiliser", {"report.section_gap", "report.year_mismatch"}),
    ("yunnan-2023-project-xundian-afforestation", {"report.year_mismatch"}),
    # 附件:1.…分配表 / 2.…目标表
    ("zhejiang-2025-notice-ningbo-tcm-allocation", {"report.section_gap"}),
    # 87 of >=59 人次: the column asks only why targets were missed
    ("anhui-2019-table-suixi-temporary-assistance", {"report.row_overachieved"}),
])
def test_wrong_findings_seen_on_the_second_batch_stay_away(stem, not_found):
    assert not not_found & set(codes(review(stem)))


@pytest.mark.parametrize("stem, code, line", [
    ("heilongjiang-2021-project-hulin-forestry-masked", "report.payment_contradiction", 13),
    ("anhui-2019-table-suixi-temporary-assistance", "report.row_unmet_full", 94),
    ("anhui-2019-table-suixi-temporary-assistance", "report.row_unmet_full", 130),
    ("anhui-2023-project-jinghu-disabled-persons-federation", "report.target_claim", 11),
    ("anhui-2024-table-tianjiaan-employment-subsidy", "report.execution_low", 11),
    ("unknown-2021-project-rural-roads-spam-traditional", "report.completion_rate", 22),
    ("anhui-2022-table-yuan-district-cultural-relics", "report.execution_score", 9),
    ("sichuan-2022-table-zhongjiang-water-gauges", "report.table_weights", 2),
])
def test_inconsistencies_of_the_second_batch_are_found(stem, code, line):
    assert any(f.code == code and f.location.get("line") == line for f in review(stem).findings)


# --- the wrong findings of the blind measurement of the second batch's hold-out part -------------
@pytest.mark.parametrize("stem, not_found", [
    # (其中建筑工程3292万元) belongs to the amount before the bracket
    ("hebei-2021-project-lincheng-roads", {"report.parts_exceed_total"}),
    # 实有266人 counts 122 retired: 143 serving against 144
    ("hunan-2019-project-yanling-white-goose", {"report.staff_over_establishment"}),
    # the executed amount stands after the score in the run-together row
    ("shanxi-2021-table-jishan-public-health", {"report.execution_rate", "report.execution_score"}),
    # ;全年实际支出1595.59万元,其中… is another total
    ("zhejiang-2018-dept-lishui-culture-centre", {"report.parts_exceed_total"}),
])
def test_wrong_findings_of_the_blind_measurement_stay_away(stem, not_found):
    assert not not_found & set(codes(review(stem)))


@pytest.mark.parametrize("stem, code, line", [
    ("innermongolia-2023-project-masked-county-water-development-fund", "report.parts_sum", 5),
    ("hunan-2018-dept-yueyang-county-agriculture-traditional", "report.list_gap", 27),
    # batch 1 hold-out, no longer blind: 30万元;30万元;29.99万元 against 89.97万元
    ("anhui-2022-table-chizhou-tangxi-commission", "report.parts_exceed_total", 2),
])
def test_inconsistencies_the_blind_measurement_missed_are_found(stem, code, line):
    assert any(f.code == code and f.location.get("line") == line for f in review(stem).findings)


def test_a_forms_parts_on_their_own_lines_are_added_against_their_total():
    # 计划生育家庭特别扶助制度补助资金 年度预算资金总额: 321.25 / 其中:中央补助 166.00 / 市级资金 136.00 /
    # 本级资金(包括结转结余) 20.25 — 322.25; the two other totals of the form add up
    result = review("chongqing-2024-table-pengshui-family-planning")
    over = next(f for f in result.findings if f.code == "report.parts_exceed_total")
    assert over.location["line"] == 28 and "322.25" in over.message and "321.25" in over.message
    assert sum(1 for c in result.confirmed if c.code == "report.parts_sum") == 2


def test_a_column_headed_problems_and_measures_is_no_statement_that_there_are_none():
    # 存在問題和改進措施 (a column of the form) 分配科學性 分配科學 無: the 無 answers one row, not the report
    assert "report.execution_low" not in codes(
        review("anhui-2023-table-xuancheng-animal-epidemic-garbled-traditional"))


def test_a_score_after_the_rate_is_not_the_amount_spent():
    # 部门整体支出总额 | 864.2 | 100% | 20 under 预算数(A) 执行数(B) 执行率(B/A) 得分(20分*执行率): 20 is the score
    result = review("hubei-2020-table-tongcheng-tanghu-town")
    assert "report.execution_rate" not in codes(result)
    assert result.report.department == "塘湖镇人民政府"  # not the form's label run into it (单位名称 | …)


def test_placeholders_of_one_line_are_one_finding_and_a_sentences_verb_no_unit():
    result = review("fujian-unknown-project-pingtan-villages-traditional-essay")
    # 20xx six times on line 5: one matter (held as 存疑 since batch 9: it masks a year, no answer is left unfilled)
    assert [f.code for f in result.findings + result.doubtful].count("report.template_text") == 1
    assert result.report.department is None  # 为进一步加强平潭综合实验区美丽乡村项目…: a purpose, not a name


def test_a_project_reports_own_project_budget_rate_is_checked_against_its_amounts():
    # 实际下达预算2596万元,全年度实际总支出2595.6208万元,项目预算执行率99% (2595.6208 ÷ 2596 = 99.99%)
    rate = next(f for f in review("hubei-2021-project-hbust-student-grants").findings
                if f.code == "report.execution_rate")
    assert "99.99%" in rate.message and rate.location["line"] == 8


def test_a_site_banner_above_the_title_gives_way_to_the_unit_the_form_names():
    # 阜康市人民政府 (the site) / www.fk.gov.cn / 阜康市统计局…自评表 … 实施单位 阜康市统计局
    assert review("xinjiang-2023-table-fukang-statistics").report.department == "阜康市统计局"


def test_a_forms_annual_target_that_opens_with_last_year_is_a_year_mismatch():
    # 部门预算项目支出绩效自评表(2023年度) … 项目年度目标 / 2022年医疗保障局计划使用财政资金45万元…
    mismatch = next(f for f in review("sichuan-2023-table-daying-medical-insurance-template").findings
                    if f.code == "report.year_mismatch")
    assert mismatch.location["line"] == 18 and "2022" in mismatch.message and "2023" in mismatch.message


def test_a_numbered_point_is_no_unit():
    # 一是组织相关科室人员认真学习…: the first point of a list, not the 科室 that wrote the report
    assert review("yunnan-2017-project-baoshan-rural-environment-mirror").report.department != "一是组织相关科室"


def test_a_listed_projects_money_against_its_own_forms_total_and_its_village_written_two_ways():
    result = review("chongqing-2022-targets-rongchang-forestry")
    same = next(f for f in result.findings if f.code == "report.same_amount")
    assert same.location["line"] == 6 and "100" in same.message and "153.5184" in same.message
    naming = next(f for f in result.findings if f.code == "report.naming")
    assert "大青冈村" in naming.message and "大青杠村" in naming.message and "69、72、75" in naming.message


def test_recipients_paid_one_by_one_against_the_count_given_them():
    # 补助施甸县何元乡王家庄村2万元、隆阳区水寨乡新路4万元、…、龙陵县龙江大汉坝村2万元 … 用于补助3个村
    found = next(f for f in review("yunnan-2017-project-baoshan-rural-environment-mirror").findings
                 if f.code == "report.enumeration")
    assert found.location["line"] == 9 and "3" in found.message and "大汉坝村" in found.message


def test_the_budget_execution_indicator_of_a_table_run_into_one_line_is_scored_against_its_rate():
    # 2、预算执行率10一100%9 (OCR'd 决策/管理/产出/效益 table): 10 points at 100%, scored 9
    found = next(f for f in review("ningxia-2021-table-yinchuan-middle-school-ocr").findings
                 if f.code == "report.execution_score")
    assert found.location["line"] == 4 and "应得 10.00 分" in found.message


def test_projects_of_the_years_start_and_those_added_against_the_projects_carried_out():
    # 实施项目共15个(含…5个),年初批复预算8个项目…,年中增加8个项目(含…5个): 8 + 8 = 16
    found = next(f for f in review("yunnan-2024-project-honghe-data-centre").findings if f.code == "report.count_parts")
    assert found.location["line"] == 10 and "项目 15 个" in found.message and "16" in found.message


# --- the wrong findings of batches 4–6, read after their blind measurements (corpus/README.md) ----------------
@pytest.mark.parametrize("stem, not_found", [
    # 2.项目执行情况 … (二)项目绩效目标1.项目年度总体目标 … 2.总体目标完成情况: two lists, the second's 1. glued on
    ("anhui-2022-project-yaohai-agriculture-water-party-building", {"report.list_duplicate"}),
    # 3061 against the floor ≥2000: above a floor is no deviation to explain
    ("anhui-2023-table-jinzhai-tea-valley-villages", {"report.row_overachieved"}),
    # 发放补助资金2734.6万元,(县级整合、配套资金1290.6万元): the county's own money beside the 1476 (1444 received)
    ("hunan-2017-project-zhijiang-rural-housing-traditional", {"report.executed_over_budget"}),
    # 年度…总体运行情况及取得的成绩 | then 一、群文活动出成效;: the cell's answer numbers its own points
    ("hunan-2021-dept-yueyanglou-cultural-centre", {"report.section_duplicate"}),
    # 六、建议 and no part titled 问题: the two are most often one part
    ("hunan-unknown-project-county-library-branches-essay", {"report.section_missing"}),
    # …移民安置及移民项目验收 for 核准类事项6项: one name with 及 in it, or two items
    ("yunnan-2020-project-baoshan-resettlement-intermediary-services", {"report.enumeration"}),
])
def test_wrong_findings_of_batches_4_to_6_stay_away(stem, not_found):
    assert not not_found & set(codes(review(stem)))


@pytest.mark.parametrize("stem, lines", [
    # every year masked 20xx on an essay site: one placeholder of the document, its lines named
    ("unknown-unknown-project-county-rural-revitalisation-linkage-essay", [22, 28, 32]),
    ("hunan-unknown-project-county-library-branches-essay", [10, 14]),
])
def test_a_mask_on_many_lines_is_one_finding_naming_its_lines(stem, lines):
    result = review(stem)  # a mask of the years: held as 存疑 since batch 9, still one matter naming its lines
    found = [f for f in result.findings + result.doubtful if f.code == "report.template_text"]
    assert len(found) == 1 and found[0].location["line"] == lines[0] and found[0].evidence["lines"] == lines


@pytest.mark.parametrize("stem, code", [
    ("hunan-2021-dept-yueyanglou-cultural-centre", "report.section_duplicate"),
    ("hunan-unknown-project-county-library-branches-essay", "report.section_missing"),
    ("yunnan-2020-project-baoshan-resettlement-intermediary-services", "report.enumeration"),
])
def test_doubtful_readings_of_batch_6_are_kept_as_doubtful(stem, code):
    assert code in [f.code for f in review(stem).doubtful]


def test_items_that_add_up_under_one_total_are_the_whole_list_under_the_other():
    # 申请预算资金2026400元,其中 400000 + 252000 + 28000 + 960000 + 100000 (1740000), while the same five items add up
    # to the 执行 total 1329120.67 exactly: the list is whole, and it falls 286400 short
    found = next(f for f in review("anhui-2022-table-chizhou-tangxi-village-funds").findings if f.code == "report.parts_sum")
    assert found.location["line"] == 2 and "202.64" in found.message and "174.0" in found.message


def test_a_notices_money_restated_otherwise_on_a_masked_countys_report():
    # 呼财农指【2023】41号 … 下达**河县2023年资金5万元 (line 4), then 41号 … 山洪灾害防治设施维养6万元 (line 7), while 10号's
    # 2263万元 and 19号's 791万元 are restated the same
    found = next(f for f in review("innermongolia-2023-project-masked-county-water-development-fund").findings
                 if f.code == "report.same_amount")
    assert found.location["line"] == 7 and "41号" in found.message and "5 万元" in found.message


def test_a_rate_against_the_money_paid_and_left_in_its_sentence_on_an_essay_site():
    # 资金支付18501.096万元,未支703万元,支付率95%: 18501.096 ÷ 19204.096 = 96.34%
    found = next(f for f in review("unknown-unknown-project-county-rural-revitalisation-linkage-essay").findings
                 if f.code == "report.execution_rate")
    assert found.location["line"] == 28 and "96.34%" in found.message


def test_a_total_row_against_its_numbered_rows_in_a_table_one_cell_a_line():
    # 项目支出: 1505.3 | 1377.9 | 1369.3, its five numbered rows 1509.3 | 1377.9 | 1369.3
    found = next(f for f in review("hunan-2024-dept-yueyang-finance-division").findings if f.code == "report.parts_sum")
    assert found.location["line"] == 41 and "1,509.3" in found.message


def test_an_amount_that_lost_its_wan_against_its_count_and_standard():
    # 慰问对象120人,慰问标准300/人 (line 29) and 市级资金配套3.6元 (line 57): 36000元 is 3.6万元
    found = next(f for f in review("yunnan-2022-project-baoshan-health-commission-spring-visits").findings
                 if f.code == "report.amount_standard")
    assert found.location["line"] == 57 and "36,000" in found.message


# --- the wrong findings of batch 7, read after its blind measurement (corpus/README.md, "Batch 7 read") ----------
@pytest.mark.parametrize("stem, not_found", [
    # 1. 首页 >> 资讯 (a breadcrumb) … 1.jpg: the page's image file names head no part
    ("gansu-2018-notice-provincial-museums-free-opening-results", {"report.section_duplicate"}),
    # 120,000.00 120,000.00 30,000.00 10.00 25 2.5 under 分值 执行率(%) 得分: 25 is the rate, not the points; and
    # 52 | 10 | 19.23% | 20.00 | 3.85 under 实际完成值 完成率 分值 得分: the actual is 10, 19.23% its completion rate
    ("hainan-2023-table-nongken-experimental-school-student-aid",
     {"report.execution_score", "report.table_weights", "report.row_met_not_full"}),
    # 107.13万元,其中项目管理费1.07万元,目前项目资金已拨付106.36万元: the money paid is no part
    ("yunnan-2021-project-yuanyang-daping-township-agricultural-funds", {"report.parts_exceed_total"}),
])
def test_wrong_findings_of_batch_7_stay_away(stem, not_found):
    assert not not_found & set(codes(review(stem)))


def test_a_funds_row_with_a_bare_rate_and_indicator_rows_with_a_completion_rate_read_in_their_columns():
    result = review("hainan-2023-table-nongken-experimental-school-student-aid")
    rows = [c.value for c in result.report.claims if c.key == "fund_row"]
    assert [(r.weight, r.rate, r.score) for r in rows] == [
        (Decimal("10.00"), Decimal("25"), Decimal("2.5")), (Decimal("10.00"), Decimal("100"), Decimal("10"))]
    first = next(c.value for c in result.report.claims if c.key == "indicator_row")
    assert (first.target, first.actual, first.weight, first.score) == ("52", "10", Decimal("20.00"), Decimal("3.85"))


def test_the_only_source_row_with_money_against_the_total_of_batch_7():
    # 年度资金总额: | 2000 | 1157.97 | 57.89% / 其中:中央财政资金 | 2000 | 1157.9 | 57.89% / 地方财政资金 | / 其他资金 |
    found = next(f for f in review("sichuan-2023-table-chaotian-fitness-centre-transfer").findings
                 if f.code == "report.total_row")
    assert found.location["line"] == 10 and "1,157.9 " in found.message
    # 当年财政拨款 130 130 - 100 -: an empty cell shifted the row, no finding
    assert "report.total_row" not in codes(review("unknown-unknown-table-county-market-regulation-food-sampling-template"))


def test_a_parts_points_against_its_sub_parts_headings_of_batch_7():
    # 一、投入(分值18分,自评得18分) / (一)项目立项(分值10分,自评得10分) / (二)资金落实(分值10分,自评得10分)
    found = next(f for f in review("anhui-2020-project-yuan-district-homeless-assistance-spam-mirror").findings
                 if f.code == "report.table_weights")
    assert found.location["line"] == 10 and "= 20 分" in found.message


# --- the wrong findings of batch 8, read after its blind measurement (corpus/README.md, "Batch 8 read") ----------
@pytest.mark.parametrize("stem, code", [
    # 支出实现率(%)⑤=④/③ 本年度结余金额⑥=③-④ 资金结余率(%)⑦=⑥/③: a header's column numbers and formulas (7 findings)
    ("fujian-2020-table-ningde-earthquake-bureau-dept", "report.list_gap"),
    ("fujian-2020-table-ningde-earthquake-bureau-dept", "report.list_order"),
    # (1)资金到位情况 then 1、 2、 3、 then (2)资金使用情况: the 1、 items nested under the (1)
    ("hebei-2019-project-chengan-water-supply-pipes", "report.section_gap"),
    # 怀化市十三个县(市、区): the bracket names the kinds of county-level unit, not the thirteen
    ("hunan-2023-project-huaihua-central-blood-station", "report.enumeration"),
    # (1)(1) 宣傳范圍不夠廣。(2)(2) 宣傳氛圍不夠濃厚: every marker doubled by the page, as its figures are (1313 个)
    ("unknown-2018-project-science-popularisation-doubled-digits-traditional", "report.list_duplicate"),
    # a doc site's opening of a report: 三、绩效目标自评完成情况分析 (一)资金投入情况分析 1、2、3、 and nothing after
    ("unknown-2020-project-village-distillery-poverty-funds-doc-site", "report.section_missing"),
])
def test_wrong_findings_of_batch_8_stay_away_and_are_kept_as_doubtful(stem, code):
    result = review(stem)
    assert code not in codes(result) and code in [f.code for f in result.doubtful]


def test_a_row_of_two_amounts_its_rate_and_score_of_batch_8_has_no_adjustment():
    # 預算數(A) 執行數(B) 執行率(B/A) 得分 over 104 103.97 99.97 19: the row is now read as the budget, its execution
    # and their rate (no budget of the year's start to adjust); the header's shape stays doubtful in
    # test_batch8_categories.py where the row is not read so
    result = review("hubei-2022-table-ezhou-science-association-traditional-mirror")
    assert "report.budget_adjusted" not in codes(result)


# --- inconsistencies of batch 8, read after its blind measurement (corpus/README.md, "Batch 8 read") ------------
@pytest.mark.parametrize("stem, line", [
    # 其他资金 | 0 | 1.8 | 1.8 | —— | 0 | ——: a source row's rate of 0 for its money spent in full
    ("innermongolia-2024-table-bayannur-ganqimaodu-port-natural-resources", 53),
    # 应配套20971.00万元,实际配套到位资金104880.14万元,…,执行率为400.12%: 500.12%
    ("yunnan-2022-project-provincial-grain-risk-fund", 7),
])
def test_rate_inconsistencies_of_batch_8_are_found(stem, line):
    assert any(f.code == "report.execution_rate" and f.location.get("line") == line for f in review(stem).findings)


def test_a_figure_with_swapped_digits_of_batch_8_is_found():
    # 2021: 预算计划安排 661.628093 (line 24), 实际支出金额 661.682093 (line 42), 市本级支出 661.628093 (line 43)
    found = [f for f in review("guangxi-2022-dept-hezhou-natural-resources-bureau").findings
             if f.code == "report.same_amount"]
    assert [f.location.get("line") for f in found] == [42]


def test_a_one_year_project_with_medium_term_money_of_batch_8_is_found():
    # 项目期 1年 (line 26), 中期资金总额 449.8万 beside 年度资金总额 189.8万, 中期目标(2023年—2025年)
    found = [f for f in review("anhui-2023-targets-bozhou-aircraft-rain-enhancement-mirror").findings
             if f.code == "report.year_mismatch"]
    assert [f.location.get("line") for f in found] == [26]


# --- wrong findings of batch 9, read after its blind measurement (corpus/README.md, "Batch 9 read") -------------
@pytest.mark.parametrize("stem, code", [
    # 20xx年, 财教〔20xx〕1514号: an essay site's masks of the years
    ("anhui-unknown-project-huoqiu-student-nutrition-essay", "report.template_text"),
    # XX 省财政厅: the province masked by an essay site
    ("guangdong-2019-project-provincial-modern-hospital-system-essay-site", "report.template_text"),
    # XX市, XX日报, XX市电视台: a document site's masks of the city
    ("unknown-2016-project-city-environment-campaign-fund-doc-site", "report.template_text"),
    # XX市渔业增殖放流项目 in a document site's title and preview
    ("unknown-2019-project-fish-stocking-doc-site", "report.template_text"),
    # XX年度XX市红十字会, …通知XX文
    ("unknown-unknown-dept-city-red-cross-whole-spending-doc-site", "report.template_text"),
    # 二、 三、 四、 五、 and (一) run into the lines after a space: no gap, no disorder, no missing part
    ("unknown-2020-project-village-day-care-centres-doc-site", "report.section_gap"),
    ("unknown-2020-project-village-day-care-centres-doc-site", "report.section_order"),
    ("unknown-2020-project-village-day-care-centres-doc-site", "report.section_missing"),
])
def test_wrong_findings_of_batch_9_stay_away_and_are_kept_as_doubtful(stem, code):
    result = review(stem)
    assert code not in codes(result) and code in [f.code for f in result.doubtful]


def test_the_scores_of_three_parts_listed_in_a_sentence_of_batch_9_are_no_inconsistency():
    # 普通国省道建设…自评分数为73.18分、省交通事业发展保障支出…89.03分、…得分86.89分: three parts' scores, no total
    result = review("guangdong-2023-project-maoming-provincial-transport-fund-traditional-mirror")
    assert "report.score_inconsistent" not in codes(result) and result.report.score is None


def test_an_indicator_row_named_for_the_rate_of_batch_9_is_no_stated_rate():
    # 预算资金执行率 90% 100% 10: an indicator's target and actual value, not a rate written for 285.84 ÷ 285.84
    assert "report.execution_rate" not in codes(review("unknown-2020-table-district-commerce-service-trade-fund-doc-site"))


# --- inconsistencies of batch 9, read after its blind measurement (corpus/README.md, "Batch 9 read") ------------
def test_arranged_uses_short_of_the_budget_of_batch_9_are_found():
    # 省下达我县…专项资金63.2万元 (line 24); 资金安排是: 5 + 13 + 5 + 5 + 5 + 10 + 1.2 + 3 + 12 = 59.2万元 (line 28)
    found = [f for f in review("anhui-2023-project-jingxian-sports-province-transfer").findings
             if f.code == "report.parts_sum"]
    assert [f.location.get("line") for f in found] == [28]


def test_an_execution_score_below_the_points_times_the_rate_above_a_sub_row_that_repeats_the_amounts():
    # 65.66 65.07 10 99% 9 | 65.66 65.07 — 99% —: 10 × 99.10% = 9.91, not 9 (branch rules9b)
    assert "report.execution_score" in codes(review("shanxi-2020-table-jishan-poor-households-insurance-spreadsheet"))


def test_an_overspend_the_report_states_with_its_difference_is_no_finding():
    # 年初下达预算支出910.47万元,年底决算支出1060.30万元,实际支出比预算增加149.83万元 (branch rules9b)
    result = review("unknown-unknown-dept-city-red-cross-whole-spending-doc-site")
    assert "report.executed_over_budget" not in codes(result)
    assert "report.executed_over_budget" in [f.code for f in result.doubtful]


# --- wrong findings of batch 10, read after its blind measurement (corpus/README.md, "Batch 10 read") -----------
@pytest.mark.parametrize("stem, code", [
    # (1) 1. 2. (2) 3. (3) 4. (4) 5. (二) 6. (三) 7. 8.: items numbered on through the whole notice, across the groups
    ("heilongjiang-2023-notice-datong-district-rural-revitalisation-funds-projects", "report.section_gap"),
    # …其中强制免疫326.29万元,…63.49万元川财农〔2023〕44号下达…99.47万元: another notice's allocation ran into the parts
    ("sichuan-2023-notice-lezhi-animal-epidemic-funds-implementation-plan", "report.parts_exceed_total"),
    # 机关行政编制12名,事业编制7名。2024年实有人员13人: 13 of the 19 the two kinds make, not over the 12 行政编制
    ("yunnan-2024-dept-xundian-establishment-office", "report.staff_over_establishment"),
])
def test_wrong_findings_of_batch_10_stay_away_and_are_kept_as_doubtful(stem, code):
    result = review(stem)
    assert code not in codes(result) and code in [f.code for f in result.doubtful]


# --- wrong findings of batch 11, read after its blind measurement (corpus/README.md, "Batch 11 read (wrong findings)") --
@pytest.mark.parametrize("stem, code", [
    # 蕪湖市财政局…将奖补资金1639.69万元拨付给我局账户: the finance bureau passing the money on, no copied neighbour
    ("anhui-2022-project-wuhu-small-business-guarantee-fee-award-traditional-mirror", "report.naming"),
    # 资金足额拨付率: an indicator's name among the 产出指标, no claim that the money was paid in full
    ("gansu-2024-project-minle-inclusive-finance-business-loan-interest", "report.payment_contradiction"),
])
def test_wrong_findings_of_batch_11_stay_away(stem, code):
    result = review(stem)
    assert code not in codes(result) and code not in [f.code for f in result.doubtful]


def test_headings_of_batch_11_run_in_after_a_colon_or_glued_to_their_heading_are_kept_as_doubtful():
    # 现将情况报告如下:一、… (line 16); 二、绩效目标完成情况(一)资金投入情况分析1.资金分配情况 (line 20), then 2.资 (line 26)
    result = review("unknown-unknown-project-farmland-construction-subsidy-essay-doc-site")
    assert "report.section_gap" not in codes(result)
    assert sorted(f.location.get("line") for f in result.doubtful if f.code == "report.section_gap") == [20, 26]


# --- recurring inconsistencies of batches 1–10, found by their general shape (corpus/README.md, "Recurring
# inconsistencies", branch recall11) -------------------------------------------------------------------------------
@pytest.mark.parametrize("stem, code, line", [
    # 其中中央财政资金30.9万元 (line 13), then 2021年度中央下达资金61.8万元 (line 21): one source, two amounts
    ("anhui-2021-project-jingde-rural-water-maintenance", "report.same_amount", 21),
    # 其中:中央级资金转移支付124.23万元 (line 4), then 下达中央级资金转移支付755.19万元 (line 7)
    ("anhui-2023-project-jinzhai-mabu-town-transfers", "report.same_amount", 7),
    # 地方资金投入992.88万元 (line 25) against 地方投入…补助资金877.99万元 (line 17)
    ("sichuan-unknown-project-meishan-disabled-persons-fund-essay", "report.same_amount", 17),
    # 省级资金转移支付124.23万元,为 25 + 0.71 + 100 + 21.24 (line 7): the items of an amount exceed it
    ("anhui-2023-project-jinzhai-mabu-town-transfers", "report.parts_exceed_total", 7),
    # 总保费1293.45万元,…省级财政补贴32.5%为420.37元 (line 20): 420.37万元, the 万 left out
    ("hunan-2020-project-yongxing-agricultural-insurance-premium-subsidy", "report.amount_standard", 20),
])
def test_recurring_inconsistencies_are_found_by_their_shape(stem, code, line):
    assert any(f.code == code and f.location.get("line") == line for f in review(stem).findings)


# --- wrong findings of batch 12, read after its blind measurement (corpus/README.md, "Batch 12 read (wrong findings)") --
@pytest.mark.parametrize("stem, code", [
    # 全年预算数1761.58万元,本年度总支出1688.46万元,其中基本支出…项目支出…: the parts are the spending's, not the budget's
    ("anhui-2023-dept-jinzhai-emergency-management-bureau", "report.by_nature_total"),
    # a contents list (一、部门概况 … 附件6), then the body opening with the same 一、部门概况
    ("yunnan-2024-dept-xundian-party-organisation-department", "report.section_duplicate"),
])
def test_wrong_findings_of_batch_12_stay_away(stem, code):
    result = review(stem)
    assert code not in codes(result) and code not in [f.code for f in result.doubtful]


# --- inconsistencies of batch 12 missed at its blind measurement (corpus/README.md, "Batch 12 read (key figures and
# inconsistencies)") ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("stem, code, line", [
    # 年度资金总额593.27593.27448.641076%10其中:当年财政拨款593.27593.27448.64: full points at 76%, the sub-row restating
    ("hunan-2021-table-yiyang-senior-technical-school-vocational-tuition-doc-site", "report.execution_score", 27),
    # 时效指标 预算执行率 100% (line 29) beside the funds row's 448.64 of 593.27
    ("hunan-2021-table-yiyang-senior-technical-school-vocational-tuition-doc-site", "report.execution_rate", 29),
    # 在职人员18人(公务员12人,机关工人2人,事业人员5人): 12 + 2 + 5 = 19
    ("yunnan-2024-dept-kaiyuan-political-legal-affairs-commission", "report.count_parts", 20),
    # 布达拉宫管理处,下达预算资金9378万元。具体是:…3005万元;…;…1613万元。 = 7765
    ("tibet-2020-project-cultural-relics-bureau-central-transfer", "report.parts_sum", 17),
])
def test_inconsistencies_of_batch_12_are_found(stem, code, line):
    assert any(f.code == code and f.location.get("line") == line for f in review(stem).findings)


def test_items_after_an_amounts_full_stop_that_add_up_are_no_finding():
    # 1950万元。分别为:…1000万元,…;…40万元;…;…70万元。 = 1950
    found = codes(review("yunnan-2021-project-honghe-ecology-environment-bureau"))
    assert "report.parts_sum" not in found and "report.parts_exceed_total" not in found
