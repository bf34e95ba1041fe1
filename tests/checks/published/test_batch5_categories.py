"""Categories of wrong findings batch 5 showed (tests/data/published/corpus/README.md, "Batch 5 read"): each test
writes the shape in a few synthetic lines (no corpus document), and a variant shape, and a guard shows the real
inconsistency of that kind still found."""

from jixiao.checks.published import gate
from jixiao.domain.findings import Finding, Severity
from jixiao.published import parse_report_text
from jixiao.published.model import PublishedReport
from tests.checks.published.reviewing import codes as _codes, doubted as _doubted


# --- one computed rate against several different stated rates: the amounts were paired wrongly ---------------

def test_one_computed_rate_against_several_stated_rates_is_a_wrong_pairing():
    text = ("某市2023年度残疾人补助资金绩效自评报告\n一、基本情况\n下达补助资金合计1000万元。其中,中央资金600万元;省级资金400万元。"
            "地方投入500万元。\n实际完成情况为:中央资金完成480万元,预算执行率80%,省级资金完成396万元,预算执行率99%;"
            "地方资金完成500万元,预算执行率100%。\n二、绩效分析\n共投入资金1500万元。全年执行资金1376万元,执行率91.7%。\n")
    codes = _codes(text)
    assert "report.execution_rate" not in codes and "report.executed_over_budget" not in codes
    assert _doubted(text).count("report.execution_rate") == 4


def test_variant_rates_of_each_year_against_one_pair():
    text = ("某局2022年度项目支出绩效自评报告\n项目预算资金200万元。2020年执行率85%,2021年执行率90.5%,"
            "2022年执行率96%。全年执行数260万元。\n")
    assert "report.execution_rate" not in _codes(text)


def test_guard_one_rate_written_wrong_stays_a_finding():
    text = "某局2022年度项目支出绩效自评报告\n全年预算数200万元,全年执行数180万元,执行率95%。\n"
    assert "report.execution_rate" in _codes(text)


# --- a form whose only budget is the one of the year's start ---------------------------------------------------

def test_spending_above_the_first_budget_of_a_form_without_a_later_one_is_doubted():
    text = ("部门整体支出绩效自评表\n部门(单位)名称 | 某镇人民政府 |\n部门(单位)总体 资金(万元) | 资 金 来 源 | 年初预算数(A) | "
            "全年执行数(B) | 分值(10分) | 得分 |\n年度资金总额: | 1000.00 | 1100.00 | 10 | 10 |\n")
    assert "report.executed_over_budget" not in _codes(text)
    assert "report.executed_over_budget" in _doubted(text)


def test_variant_first_budget_header_on_two_lines():
    text = ("项目支出绩效自评表\n项目名称 | 某项目 |\n项目资金(万元) | 年初预算 |\n | 全年执行数 | 分值 | 得分 |\n"
            "年度资金总额 | 50 | 60 | 10 | 10 |\n")
    assert "report.executed_over_budget" not in _codes(text)


def test_guard_spending_above_the_full_year_budget_stays_a_finding():
    text = ("项目支出绩效自评表\n项目名称 | 某项目 |\n项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
            "年度资金总额 | 50 | 50 | 60 | 10 | 120% | 10 |\n")
    assert "report.executed_over_budget" in _codes(text)


# --- a part in brackets inside the part before it; spending covered by the money that arrived -----------------

_USED = ("某市2024年度就业示范项目绩效自评报告\n一、资金情况\n项目总预算3000万元。截至2024年末,资金已到位3100万元,"
         "其中:中央资金1000万元,地方资金2100万元。\n截至2024年末,资金已使用3050万元,其中:中央资金950万元({inner}),"
         "地方资金2100万元。\n")


def test_a_part_in_brackets_opening_with_han_is_inside_the_part_before():
    codes = _codes(_USED.format(inner="含信息化建设项目待支付合同进度款200万元"))
    assert "report.parts_exceed_total" not in codes
    assert "report.executed_over_budget" not in codes


def test_variant_bracket_opening_with_baokuo():
    codes = _codes(_USED.format(inner="包括设备采购款200万元"))
    assert "report.parts_exceed_total" not in codes


def test_guard_a_part_listed_beside_the_others_still_exceeds():
    text = ("某市2024年度示范项目绩效自评报告\n资金已使用3050万元,其中:中央资金950万元,设备采购款200万元,地方资金2100万元。\n")
    assert "report.parts_exceed_total" in _codes(text)


def test_guard_spending_beyond_budget_and_beyond_what_arrived_stays_a_finding():
    text = "某市2024年度示范项目绩效自评报告\n项目总预算3000万元。资金已到位3000万元。资金已使用3050万元。\n"
    assert "report.executed_over_budget" in _codes(text)


# --- scores of different parts -----------------------------------------------------------------------------

def test_a_section_score_and_its_subsection_score_are_not_one_score_twice():
    text = ("某市2024年度衔接资金绩效自评报告\n一、资金保障方面,指标评价得分12\n(一)县级履行支出责任情况\n"
            "县本级预算安排的衔接资金为76万元,指标评价得分7分。\n(二)资金分配情况\n指标评价得分5分。\n")
    assert "report.score_inconsistent" not in _codes(text)


def test_variant_a_part_score_and_the_score_of_one_of_its_items():
    text = ("某县2023年度项目绩效自评报告\n一、决策情况\n本部分自评得分18分。\n(一)项目立项\n本项自评得分9分。\n")
    assert "report.score_inconsistent" not in _codes(text)


# --- the missing number is there, at the head of a line not read as a heading -------------------------------

def _gap_report() -> PublishedReport:
    return parse_report_text("某局2020年度专项资金自评表\n1、第一页的内容\n2、100%质量指标管理制度执行率100%100%\n3、第三页的内容\n")


def test_a_gap_whose_missing_number_heads_a_line_between_is_doubted():
    gap = Finding("report.section_gap", Severity.WARNING, "…", {"line": 4}, {"missing": "2、", "previous_line": 2})
    trusted, doubtful = gate.split([gap], _gap_report())
    assert not trusted and doubtful


def test_guard_a_gap_whose_missing_number_is_nowhere_stands():
    report = parse_report_text("某局2020年度专项资金自评表\n1、第一页的内容\n另一行内容\n3、第三页的内容\n")
    gap = Finding("report.section_gap", Severity.WARNING, "…", {"line": 4}, {"missing": "2、", "previous_line": 2})
    trusted, _ = gate.split([gap], report)
    assert trusted


# --- staff against a part of the establishment ----------------------------------------------------------------

def test_staff_against_one_part_of_a_larger_establishment_is_doubted():
    text = ("某残联2020年度部门整体支出绩效自评报告\n一、部门概况\n核定我会机关人员编制总数共计29人(其中行政编制21人、"
            "事业编制8人)。2020年末机关实有人数22人,援藏干部1人。\n")
    assert "report.staff_over_establishment" not in _codes(text)


def test_variant_establishment_total_after_its_parts():
    text = ("某局2021年度部门整体支出绩效自评报告\n一、部门概况\n本单位行政编制10人、事业编制5人,编制合计15人,"
            "实有人数12人。\n")
    assert "report.staff_over_establishment" not in _codes(text)


def test_guard_staff_above_the_whole_establishment_stays_a_finding():
    text = "某局2021年度部门整体支出绩效自评报告\n一、部门概况\n本单位编制人数10人,实有人数12人。\n"
    assert "report.staff_over_establishment" in _codes(text)
