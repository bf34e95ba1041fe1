"""Key figures in shapes written for the purpose (short synthetic texts, not corpus documents): the parser
reads what a careful reader reads, whatever the layout."""

from jixiao.published import parse_report_text


def figures(text: str) -> dict:
    return parse_report_text(text).to_json()


def test_a_rate_and_a_grade_alone_on_their_lines_under_their_labels():
    data = figures("部门整体支出绩效自评表\n单位名称\n某市档案馆\n全年预算数（万元）\n356.42\n全年执行数（万元）\n"
                   "350.10\n预算执行率\n98.23%\n自评得分\n95\n评价等级\n优\n")
    assert (data["execution_rate"], data["grade"]) == ("98.23%", "优")


def test_an_indicator_named_for_the_rate_with_its_target_and_actual_on_the_next_lines_is_no_rate_of_the_report():
    data = figures("项目支出绩效自评表\n产出指标\n数量指标\n预算执行率\n100%\n83.5%\n20\n18\n")
    assert data["execution_rate"] is None


def test_a_total_cell_that_gives_the_points_available_before_the_score():
    data = figures("项目支出绩效自评表(2022年度)\n项目名称 学生资助\n主管部门 某县教育局\n自评总分(分) 100 96.5\n")
    assert data["score"] == "96.5"
    assert figures("项目支出绩效自评表(2022年度)\n自评得分 100\n")["score"] == "100"


def test_money_spent_written_with_the_verb_alone():
    data = figures("某局2021年度部门整体支出绩效自评报告\n一、预算情况\n调整后预算620万元，全年执行598.2万元，"
                   "预算执行率96.48%。\n")
    assert (data["budget_total"], data["executed_total"]) == ("620", "598.2")


def test_money_paid_out_written_as_handed_out():
    data = figures("某镇2020年度残疾人补贴项目绩效自评报告\n一、项目基本情况\n2020年县财政下达补贴资金356,000元。截至12月底，"
                   "已发放356,000元，资金执行率100%。\n")
    assert (data["unit"], data["budget_total"], data["executed_total"]) == ("元", "356000", "356000")


def test_a_projects_budget_in_prose_while_the_page_gives_its_publication_date():
    data = figures("来源：某县人民政府网  发布时间：2023-06-12\n某县卫生健康局2022年度项目支出绩效自评报告\n一、项目概况\n"
                   "2022年项目预算资金300万元，实际支出291万元，执行率97%。\n")
    assert (data["year"], data["budget_total"], data["executed_total"]) == (2022, "300", "291")


def test_a_cover_pages_unit_on_the_line_below_a_title_that_names_none():
    data = figures("部门整体支出绩效自评报告\n某县气象局\n2022年度\n一、基本情况\n本年度预算总额96.5万元。\n")
    assert (data["department"], data["year"]) == ("某县气象局", 2022)


# --- recurring shapes across batches 4–9 (branch rules9b) -----------------------------------------------------------

def test_a_unit_that_opens_its_own_description_with_the_year_it_was_founded():
    text = ("2021年度部门整体支出绩效自评报告\n一、基本情况\n(一)单位基本概况\n某县供销合作社联合社成立于1951年6月,"
            "系某县人民政府直属事业单位,共有编制18人。\n")
    assert figures(text)["department"] == "某县供销合作社联合社"


def test_a_founded_unit_in_the_traditional_characters_of_a_mirror():
    text = ("2021年度部門整體支出績效自評報告\n一、基本情況\n某縣供銷合作社聯合社成立於1951年6月,係某縣人民政府直屬事業單位。\n")
    assert figures(text)["department"] == "某县供销合作社联合社"


def test_a_project_said_to_be_founded_names_no_unit():
    text = "2021年度项目支出绩效自评报告\n一、基本情况\n本项目成立于2019年,用于乡村道路养护。\n"
    assert figures(text)["department"] is None


def test_a_funds_row_run_together_with_one_amount_cell_empty_under_a_header_that_lost_its_shu():
    # 年初预算数 blank: 30 | 30 | 分值 10 | 100%, the 全年执行 column written without its 数
    text = ("项目支出绩效自评表(2020年度)\n项目名称演出设备更新专项经费主管部门某区剧团实施单位某区文化和旅游局项目资金(万元)"
            "年初预算数全年预算数全年执行分值执行率得分年度资金总额303010100%其中:当年财政拨款303030100%\n")
    data = figures(text)
    assert (data["budget_total"], data["executed_total"], data["execution_rate"]) == ("30", "30", "100%")


def test_a_funds_row_run_together_whose_amounts_all_stand_keeps_the_three():
    text = ("项目支出绩效自评表(2020年度)\n项目名称中青年演员培训经费主管部门某区剧团项目资金(万元)"
            "年初预算数全年预算数全年执行分值执行率得分年度资金总额40404010100%\n")
    data = figures(text)
    assert (data["budget_total"], data["executed_total"], data["execution_rate"]) == ("40", "40", "100%")


def test_money_a_numbered_notice_paid_or_passed_down_is_the_budget():
    data = figures("某县2021年森林抚育项目绩效自评报告\n一、项目概况\n县财政局于2021年9月2日以(某财整合〔2021〕19号)"
                   "文件拨付资金200万元,其中,直接补助费197万元。\n")
    assert data["budget_total"] == "200"
    data = figures("某市全民健身工程项目绩效自评报告\n一、项目概况\n省财政厅《关于下达补助资金预算的通知》(某财教〔2021〕132号)"
                   "文件下达我市全民健身场地器材补短工程160万元,按每个街道4万元补助。\n")
    assert data["budget_total"] == "160"


def test_an_amount_after_a_notice_that_is_not_passed_down_is_no_budget():
    data = figures("某县2021年森林抚育项目绩效自评报告\n一、项目概况\n按照(某财整合〔2021〕19号)文件要求,抚育面积1万亩。\n")
    assert data["budget_total"] is None


def test_a_funds_whole_amount_written_as_its_total_sum():
    data = figures("某县2021年森林生态效益补偿项目绩效自评报告\n全县2021年森林生态效益补偿资金总金额1745.80万元,目前已发放。\n")
    assert data["budget_total"] == "1745.80"


def test_money_of_a_project_said_to_have_come_in_full():
    data = figures("某台2017年电视专题节目制作经费项目绩效自评报告\n一、资金情况\n2017年电视专题节目制作经费项目50万元,"
                   "实际到位50万元,到位率100%。\n")
    assert data["budget_total"] == "50"


def test_matching_money_that_came_in_full_and_was_all_used_is_budget_and_execution():
    data = figures("某市卫健委2022年春节慰问经费项目绩效自评报告\n春节慰问经费项目市级资金配套3.6万元,全部到位并使用完毕,执行率100%\n")
    assert (data["budget_total"], data["executed_total"]) == ("3.6", "3.6")


def test_matching_money_only_promised_is_no_budget():
    data = figures("某市卫健委2022年春节慰问经费项目绩效自评报告\n春节慰问经费项目市级资金配套3.6万元,尚未到位。\n")
    assert (data["budget_total"], data["executed_total"]) == (None, None)


def test_money_handed_out_over_the_year_under_a_long_name():
    data = figures("某区2020年流浪乞讨救助项目绩效自评报告\n一、资金情况\n2020年全年发放救助生活无着人员救助资金12万元,"
                   "资金到位率100%。\n")
    assert data["executed_total"] == "12"


def test_money_paid_and_all_used_for_the_units_running():
    data = figures("某县殡葬服务中心2019年项目绩效自评报告\n一、资金情况\n到位资金20.35万元。\n支付资金20.35万元,全部用于保障中心正常运转。\n")
    assert (data["budget_total"], data["executed_total"]) == ("20.35", "20.35")


def test_a_units_budget_passed_down_and_its_final_accounts_spending():
    data = figures("某市红十字会2019年部门整体支出绩效自评报告\n一、基本情况\n年初下达预算支出910.47万元,年底决算支出1060.30万元,"
                   "实际支出比预算增加149.83万元。\n")
    assert (data["budget_total"], data["executed_total"]) == ("910.47", "1060.30")


def test_a_final_accounts_table_heading_is_no_spending():
    data = figures("某市红十字会2019年部门整体支出绩效自评报告\n一、基本情况\n决算支出情况说明如下。\n")
    assert data["executed_total"] is None


def test_a_forms_cell_of_the_money_actually_used():
    data = figures("项目绩效评价表\n计划投资额 2500.00 实际到位资金 2500.00 实际使用情况 1543.31\n")
    assert data["executed_total"] == "1543.31"


def test_the_first_of_several_rates_under_one_label_is_the_wholes_when_its_amounts_give_it():
    data = figures("某市交通运输局2023年度省级交通专项资金绩效自评报告\n市收到省补助资金合计7505万元,已支出2171.13万元,"
                   "资金支付率28.93%。其中:公路建设补助资金6985万元,资金支付率1.46%。\n")
    assert data["execution_rate"] == "28.93%"


def test_several_rates_under_one_label_none_the_wholes_give_no_rate():
    data = figures("某市交通运输局2023年度省级交通专项资金绩效自评报告\n市收到省补助资金合计7505万元,已支出2171.13万元,"
                   "其中:公路建设资金支付率50%,水运建设资金支付率1.46%。\n")
    assert data["execution_rate"] is None


def test_a_subsidys_completion_rate_of_its_money_is_the_execution_rate():
    data = figures("某管理区2023年度农机购置补贴项目绩效自评报告\n补贴购机农户5户,补贴金额13.6万元,资金补贴完成率17%。\n")
    assert data["execution_rate"] == "17%"


def test_a_tasks_completion_rate_is_no_execution_rate():
    data = figures("某管理区2023年度农机购置补贴项目绩效自评报告\n补贴购机农户5户,任务完成率100%。\n")
    assert data["execution_rate"] is None


def test_a_unit_a_sentence_says_carries_the_project_out():
    text = ("某市学前教育专项资金绩效评价报告\n一、项目概况\n该专项资金为支持幼儿园建设而设立。项目组织实施单位为某市教育局"
            "(以下简称“市教育局”)。\n")
    assert figures(text)["department"] == "某市教育局"


def test_variant_a_project_whose_supervising_unit_is_stated():
    text = "某县农村公路养护项目绩效评价报告\n一、项目概况\n本项目主管单位是某县交通运输局,实施期一年。\n"
    assert figures(text)["department"] == "某县交通运输局"


def test_a_stated_unit_that_is_no_units_name_is_not_taken():
    text = "某县农村公路养护项目绩效评价报告\n一、项目概况\n本项目实施单位为各乡镇,实施期一年。\n"
    assert figures(text)["department"] != "各乡镇"


def test_the_money_whose_use_an_evaluation_covers_named_after_its_project():
    data = figures("某区2021年葡萄酒产业发展项目绩效评价报告\n一、评价概况\n从数量指标、质量指标等方面,客观、公正评价2021年"
                   "葡萄酒产业发展项目14500万元资金使用情况,评定结果得分为90.15分。\n")
    assert data["budget_total"] == "14500"


def test_an_amount_spent_on_an_item_before_its_use_is_no_budget():
    data = figures("某区2021年葡萄酒产业发展项目绩效评价报告\n一、评价概况\n检查了宣传费14万元的使用情况。\n")
    assert data["budget_total"] is None
