"""Key figures batch 5 missed, by kind of wording (tests/data/published/corpus/README.md, "Batch 5 read"): each
test writes the shape in a few synthetic lines (no corpus document) and a variant shape."""

from decimal import Decimal

from jixiao.published import parse_report_text
from jixiao.published import model as pm
from jixiao.published.identity import organisation


def _first(text: str, key: str):
    claim = parse_report_text(text).first(key)
    return claim.value if claim is not None else None


def test_the_budget_given_as_an_allocation_figure_and_the_amount_actually_paid():
    text = "某县2020年度项目绩效自评报告\n县财政划给司法局法律顾问经费,指标金额是110万元,实际拨付金额是108万元。\n"
    assert _first(text, pm.BUDGET_TOTAL) == Decimal("110")
    assert _first(text, pm.PAID_AMOUNT) == Decimal("108")


def test_variant_allocation_figure_written_with_wei():
    text = "某镇2022年度项目绩效自评报告\n该项目指标金额为35.5万元,实际拨付金额为35.5万元,已全部拨付到位。\n"
    assert _first(text, pm.BUDGET_TOTAL) == Decimal("35.5")
    assert _first(text, pm.PAID_AMOUNT) == Decimal("35.5")


def test_a_budget_written_as_the_funds_budget():
    text = "某县2021年度项目绩效自评报告\n中央下达中央政法转移支付资金预算150万元。绩效目标:一是开展法律援助。\n"
    assert _first(text, pm.BUDGET_TOTAL) == Decimal("150")


def test_variant_a_budget_of_expenses():
    text = "某局2022年度项目绩效自评报告\n省财政厅下达乡村振兴补助资金预算80万元,用于产业发展。\n"
    assert _first(text, pm.BUDGET_TOTAL) == Decimal("80")


def test_the_investment_actually_completed_is_the_execution():
    text = "某县2020年度项目绩效自评报告\n下达资金56万元,实际完成投资54.6万元。\n"
    assert _first(text, pm.EXECUTED_TOTAL) == Decimal("54.6")


def test_variant_investment_completed_with_a_colon():
    text = "某县2022年度项目绩效自评报告\n项目总投资120万元;实际完成投资:118.2万元。\n"
    assert _first(text, pm.EXECUTED_TOTAL) == Decimal("118.2")


def test_money_paid_under_a_contract():
    text = "某县2021年度项目绩效自评报告\n项目已完工。已按施工合同支付项目资金196.56055万元。\n"
    assert _first(text, pm.PAID_AMOUNT) == Decimal("196.56055")


def test_variant_money_paid_by_the_progress_of_works():
    text = "某县2021年度项目绩效自评报告\n工程已验收。已按工程进度支付资金45万元。\n"
    assert _first(text, pm.PAID_AMOUNT) == Decimal("45")


# --- the department: a field label, a clause's words or a site's name run into the unit's name -----------------

def _department(text: str):
    return parse_report_text(text).department


def test_a_field_label_glued_before_the_name_is_dropped():
    text = "标题西藏自治区残疾人联合会2020年度部门整体支出绩效自评报告\n一、部门概况\n本会负责残疾人事业。\n"
    assert _department(text) == "西藏自治区残疾人联合会"


def test_variant_keyword_label_glued_before_the_name():
    text = "关键词某县水利局2021年度部门整体支出绩效自评报告\n一、部门概况\n本局负责水利工作。\n"
    assert _department(text) == "某县水利局"


def test_a_site_name_and_the_unit_joined_by_a_dash():
    text = "某县人民政府-某县文化旅游局2018年度部门整体支出绩效自评报告\n一、部门概况\n本局负责文化旅游工作。\n"
    assert _department(text) == "某县文化旅游局"


def test_a_unit_introducing_itself_after_a_clause_opening():
    text = ("部门整体支出绩效评价报告\n为加强某市某街道办事处(以下简称“本单位”)财政资金管理,提高资金使用效益,"
            "开展了绩效自评。\n")
    assert _department(text) == "某市某街道办事处"


def test_variant_a_unit_introducing_itself_after_wei_jinyibu():
    text = ("部门整体支出绩效评价报告\n为进一步规范某县民政局(以下简称“本局”)资金管理,开展了绩效自评。\n")
    assert _department(text) == "某县民政局"


def test_a_second_name_in_a_bracket_the_line_cut_off():
    assert organisation("某市文化和旅游局(广播电视局") == "某市文化和旅游局"


def test_variant_a_second_name_in_a_bracket_cut_off_after_a_centre():
    assert organisation("某县政务服务中心(某县大数据局") == "某县政务服务中心"


def test_variant_a_portal_name_before_the_unit():
    assert organisation("某市人民政府网-某市统计局") == "某市统计局"


def test_guard_a_supervising_body_before_its_unit_stays():
    assert organisation("市农业农村局-市畜牧兽医服务中心") == "市农业农村局-市畜牧兽医服务中心"


def test_an_amount_said_to_be_all_executed_is_the_execution():
    text = "某县2023年度项目绩效自评报告\n2023年度12类基本公共卫生服务资金3728万元全部执行到位。\n"
    assert _first(text, pm.EXECUTED_TOTAL) == Decimal("3728")


def test_variant_an_amount_said_to_be_all_used():
    text = "某县2022年度项目绩效自评报告\n下达的奖补资金12.5万元已全部使用完毕,用于村道维修。\n"
    assert _first(text, pm.EXECUTED_TOTAL) == Decimal("12.5")
