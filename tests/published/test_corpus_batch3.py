"""Key figures of batch 3's development documents (tests/data/published/corpus/, ``batch: 3``) that the
parser once missed, read as a careful reader reads them (the shapes, not the documents, are the point)."""

from tests.published.corpus import parsed


def figures(stem: str) -> dict:
    return parsed(stem).to_json()


def test_a_transfer_payment_forms_summary_cell_runs_amounts_and_rate_together():
    # 全年預算數(A)全年執行數(B)預算執行率(B/A×100%)年度資金總額:390390100% — no 分值 nor 得分: 390 | 390 | 100%
    data = figures("anhui-2024-table-xuancheng-animal-epidemic-traditional")
    assert (data["budget_total"], data["executed_total"], data["execution_rate"]) == ("390", "390", "100%")
    assert data["department"] == "市农业农村局-市畜牧兽医服务中心"  # 獸 folded like the rest of the name


def test_a_stray_bracket_after_a_label_and_a_forms_parts_after_qizhong_on_their_own_lines():
    # 计划生育转移支付资金合计(万元) 年度预算资金总额): 1084.25 / 其中:中央补助 668.00 / 市级资金 343.00 / …
    data = figures("chongqing-2024-table-pengshui-family-planning")
    assert data["budget_total"] == "1084.25"


def test_a_cover_forms_project_period_by_months_gives_the_year():
    # 項目起止時間 / 2021年 1 月起至 2021 年 12 月止 (the report's date, 2022年7月8日, is not the year)
    assert figures("hunan-2021-project-yueyang-county-forest-fire-traditional")["year"] == 2021


def test_an_approved_amount_in_wan_before_the_words_that_follow_it():
    # 项目批复资金350万已全部到位
    assert figures("hainan-2016-project-school-fee-waiver-spam")["budget_total"] == "350"


def test_a_targets_forms_unit_is_its_budget_unit_cell_without_a_colon():
    # 预算单位 区卫生健康局 (a 项目支出绩效目标申报表 row), not the publisher in the page's 来源
    assert figures("sichuan-2021-targets-zhaohua-bereaved-families")["department"] == "区卫生健康局"
    assert figures("sichuan-2021-targets-guangyuan-zhaohua-leprosy")["department"] == "区疾控中心"


def test_a_total_run_is_split_by_the_runs_of_its_parts_when_its_rate_cannot():
    # 年度資金總額:1484631.00%其中:中央財政資金10200%地方資金4646100%: 102 + 46 = 148, 0 + 46 = 46, 31.00%
    data = figures("anhui-2023-table-xuancheng-animal-epidemic-garbled-traditional")
    assert (data["budget_total"], data["executed_total"], data["execution_rate"]) == ("148", "46", "31.00%")


def test_money_named_by_its_parts_then_added_and_paid_out_whole():
    # 省级配套补助资金17280元及州级补助资金28800元,合计共46080元 … 共计46080元全部发放完毕
    data = figures("yunnan-2020-project-luxi-baishui-family-planning-yuan")
    assert (data["budget_total"], data["executed_total"], data["unit"]) == ("46080", "46080", "元")


def test_a_forms_row_of_budget_arrived_and_executed():
    # 预算数 6.84 到位数 6.84 执行数 6.84 100.00
    assert figures("hebei-2020-table-chengan-centenarian-allowance")["budget_total"] == "6.84"


def test_a_years_budget_arranged_and_a_departments_own_evaluation_by_its_title():
    # 州人大常委会机关2020年预算安排725万元; 新宁县马头桥镇人民政府部门绩效自评报告 is a 部门整体 evaluation
    assert figures("yunnan-2020-project-honghe-people-congress")["budget_total"] == "725"
    assert figures("hunan-2020-dept-xinning-matouqiao-town")["kind"] == "部门整体"


def test_a_cells_value_before_the_next_cell_and_not_a_run_of_numbers():
    # 基本支出总额 | 864.2万 | 项目支出总额 | 0 | ||||||
    nature = figures("hubei-2020-table-tongcheng-tanghu-town")["by_nature"]
    assert (nature["基本支出"], nature["项目支出"]) == ("864.2", "0")


def test_a_unit_that_opens_the_clause_in_which_it_evaluates():
    # …(財監〔2021〕2號),教育部在對各地報送的…審核評價基礎上,對2020年度…項目進行了績效自評
    assert figures("national-2020-project-moe-universities-traditional-essay")["department"] == "教育部"


def test_a_row_of_budget_arrived_executed_and_execution_progress():
    # 预算数 6.84 到位数 6.84 执行数 6.84 100.00 under 预算执行进度(%)
    data = figures("hebei-2020-table-chengan-centenarian-allowance")
    assert (data["executed_total"], data["execution_rate"]) == ("6.84", "100.00%")
