"""The confidence gate (jixiao.checks.published.gate): a finding stands only on figures read reliably; one whose
reading is open to doubt is held back as 存疑 with its reason. Each test builds the shape in a few synthetic
lines (not a corpus document) and the finding a check would make on it."""

from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.checks import review_report
from jixiao.checks.published import gate
from jixiao.domain.findings import Finding, Severity
from jixiao.published import parse_report_text
from jixiao.published import model as pm
from jixiao.published.model import Claim, FundRow, PartStatement, PublishedReport

E = Severity.ERROR


def _report(lines: list[str], *claims: Claim) -> PublishedReport:
    return PublishedReport(claims=claims, lines=tuple(lines), text="\n".join(lines))


def _finding(code: str, claim: Claim | None = None, line: int | None = None, **evidence) -> Finding:
    location = claim.location() if claim else ({"line": line} if line else {})
    if claim is not None:
        evidence.setdefault("text", claim.text)
    return Finding(f"report.{code}", E, "…", location, evidence)


def _doubted(finding: Finding, report: PublishedReport) -> bool:
    trusted, doubtful = gate.split([finding], report)
    assert len(trusted) + len(doubtful) == 1
    return bool(doubtful)


# --- funds rows whose columns may be shifted ----------------------------------------------------------

def test_a_funds_row_whose_amount_is_also_read_as_its_points_is_doubted():
    text = ["年度资金总额 | 8.00 | 8.00 | 8.00 | 100.00% | 10 | 8.00"]
    row = Claim(pm.FUND_ROW, FundRow(Decimal("8.00"), Decimal("8.00"), Decimal("8.00"), Decimal("10"),
                                     Decimal("100.00"), Decimal("8.00")), text[0], 1, 0, len(text[0]))
    assert _doubted(_finding("execution_score", row, stated=Decimal("8.00"), expected=Decimal("10.00")),
                    _report(text, row))


def test_a_funds_row_scored_above_its_points_is_doubted_and_a_clean_one_stands():
    text = ["年度资金总额 | 60 | 60 | 48 | 5 | 80% | 9"]
    shifted = Claim(pm.FUND_ROW, FundRow(Decimal(60), Decimal(60), Decimal(48), Decimal(5), Decimal(80), Decimal(9)),
                    text[0], 1, 0, len(text[0]))
    assert _doubted(_finding("execution_score", shifted, stated=Decimal(9), expected=Decimal(4)), _report(text, shifted))
    clean = Claim(pm.FUND_ROW, FundRow(Decimal(60), Decimal(60), Decimal(48), Decimal(10), Decimal(80), Decimal(10)),
                  text[0], 1, 0, len(text[0]))
    assert not _doubted(_finding("execution_score", clean, stated=Decimal(10), expected=Decimal(8)),
                        _report(text, clean))


def test_a_rate_far_from_what_its_amounts_give_is_a_misread_not_a_slip():
    # 100% written, 20 ÷ 560 = 3.57%: a score or a unit read as the amount spent
    assert _doubted(_finding("execution_rate", line=1, stated=Decimal(100), computed=Decimal("3.57")),
                    _report(["x"]))
    # 100% written, 80.45% computed: the writer's slip, which stands
    assert not _doubted(_finding("execution_rate", line=1, stated=Decimal(100), computed=Decimal("80.45")),
                        _report(["x"]))


def test_a_total_ten_thousand_times_its_parts_is_a_unit_not_an_inconsistency():
    # parts in 元 against a total in 万元
    assert _doubted(_finding("by_source_total", line=1, stated=Decimal("356000"), expected=Decimal("35.6")),
                    _report(["x"]))


# --- lists of parts -----------------------------------------------------------------------------------

def _parts_claim(line: str, total: str, *parts: tuple[str, str]) -> Claim:
    statement = PartStatement(Decimal(total), total, tuple((label, Decimal(a), f"{label}{a}万元") for label, a in parts))
    return Claim(pm.PART_STATEMENT, statement, line, 1, 0, len(line))


def test_parts_that_are_received_and_spent_money_in_one_list_are_not_parts_of_one_total():
    line = "全年收入总计820.50万元,其中财政拨款700.50万元,结转结余120万元;全年支出总计790.30万元,其中基本支出500.30万元"
    claim = _parts_claim(line, "820.50", ("财政拨款收入", "700.50"), ("上年结转", "120"), ("基本支出", "500.30"))
    assert _doubted(_finding("parts_exceed_total", claim), _report([line], claim))


def test_a_part_that_is_another_total_or_a_sub_part_is_not_a_part_of_the_first_total():
    line = "一期批复总投资1200万元(其中设备900万元),二期批复总投资800万元"
    claim = _parts_claim(line, "1200", ("设备", "900"), ("二期批复总投资", "800"))
    assert _doubted(_finding("parts_exceed_total", claim), _report([line], claim))
    nested = _parts_claim(line, "1200", ("设备", "900"), ("其中安装", "400"))
    assert _doubted(_finding("parts_exceed_total", nested), _report([line], nested))


def test_parts_far_above_their_total_are_not_all_its_parts_but_a_near_miss_stands():
    line = "共计100万元,用于甲80万元、乙70万元"
    far = _parts_claim(line, "100", ("甲", "80"), ("乙", "90"))
    assert _doubted(_finding("parts_exceed_total", far), _report([line], far))
    near = _parts_claim(line, "100", ("甲", "30"), ("乙", "70.5"))
    assert not _doubted(_finding("parts_exceed_total", near), _report([line], near))


# --- years of the process -----------------------------------------------------------------------------

def test_a_year_with_its_month_or_in_a_cited_notice_is_no_evaluation_year():
    dated = ["某县项目自评表 填报日期:2023 年 3 月 5 日 项目名称 道路"]
    assert _doubted(_finding("year_mismatch", line=1, year=2023, text="2023 年 3 月"), _report(dated))
    cited = ["根据《关于开展2023年度绩效自评工作的通知》要求,我局开展自评"]
    assert _doubted(_finding("year_mismatch", line=1, year=2023, text="2023年度绩效自评工作"), _report(cited))
    # a report's own name in 《》 (a mirror's wrapper) is no cited notice: its year stands
    named = ["《某区林业局2023年度部门整体绩效自评表.docx》由会员分享"]
    assert not _doubted(_finding("year_mismatch", line=1, year=2023, text="2023年度部门整体绩效自评表"),
                        _report(named))


# --- numbering ----------------------------------------------------------------------------------------

def test_numbers_on_a_line_of_form_cells_run_together_are_no_list():
    line = ["项目名称 道路养护 主管部门 交通局 实施单位 公路站 1、常年性 2、延续性 3、一次性 2、省级 1、市级"]
    assert _doubted(_finding("list_order", line=1), _report(line))
    prose = ["主要做法:1、建立制度;2、加强培训;4、开展检查;3、组织验收。"]
    assert not _doubted(_finding("list_order", line=1), _report(prose))


def test_a_gap_before_the_first_part_of_a_text_that_starts_inside_a_part_is_doubted():
    text = parse_report_text("3.资金管理情况\n资金按规定使用。\n(三)项目实施情况\n按期完成。\n二、绩效目标完成情况\n已完成。\n")
    gap = Finding("report.section_gap", Severity.WARNING, "…", {"line": 5}, {"missing": "一、"})
    assert _doubted(gap, text)
    after = Finding("report.section_gap", Severity.WARNING, "…", {"line": 5}, {"missing": "一、", "previous_line": 1})
    assert not _doubted(after, text)


# --- staff, templates, duplicates ---------------------------------------------------------------------

def test_staff_counted_with_the_retired_is_not_held_against_the_establishment():
    line = "人员编制60人,年末实有95人,其中在职人员58人,退休37人。"
    assert _doubted(_finding("staff_over_establishment", line=1, text="实有95人"), _report([line]))
    serving = "人员编制60人,在职实有66人,退休37人。"
    assert not _doubted(_finding("staff_over_establishment", line=1, text="在职实有66人"), _report([serving]))


def test_a_word_limit_on_a_case_that_may_not_apply_is_the_forms_note():
    note = ["说明:执行率低于90%的需说明原因(100字以内);调整预算的应说明理由"]
    assert _doubted(_finding("template_text", line=1, template="(100字以内)"), _report(note))
    left = ["完成情况 | 对照年度目标,说明完成情况(100字以内) |"]
    assert not _doubted(_finding("template_text", line=1, template="(100字以内)"), _report(left))


def test_the_same_finding_twice_on_one_line_is_listed_once():
    twice = [_finding("template_text", line=1, template="xx"), _finding("template_text", line=1, template="xx")]
    trusted, doubtful = gate.split(twice, _report(["节约资金xx万元"]))  # a figure left unfilled (20xx年 is doubted)
    assert len(trusted) == 1 and len(doubtful) == 1


# --- through the review -------------------------------------------------------------------------------

def test_the_review_lists_a_doubted_finding_apart_with_its_reason():
    text = ("某县项目支出绩效自评表(2023年度)\n项目名称 | 道路养护 | 主管部门 | 某县交通运输局\n"
            "项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
            "年度资金总额 | 8.00 | 8.00 | 8.00 | 100.00% | 10 | 8.00\n")
    review = review_report(parse_report_text(text))
    assert "report.execution_score" not in [f.code for f in review.findings]
    (held,) = [f for f in review.doubtful if f.code == "report.execution_score"]
    assert held.severity is Severity.INFO and "8.00" in held.evidence["doubt"]
    assert review.to_json()["doubtful"][0]["evidence"]["doubt"] == held.evidence["doubt"]


# --- a sum only over what the text gives as parts -----------------------------------------------------

def test_a_carry_over_given_as_a_part_of_the_income_is_not_added_to_it_again():
    text = ("某区文化馆2020年度部门整体支出绩效自评报告\n一、基本情况\n全年收入总计820.50万元,其中财政拨款收入700.50万元,"
            "上年结转结余120.00万元;全年支出总计790.30万元,其中基本支出500.30万元,项目支出290.00万元;"
            "年末结转结余{}万元。\n")
    assert "report.income_expenditure" not in [f.code for f in review_report(parse_report_text(text.format("30.20"))).findings]
    wrong = review_report(parse_report_text(text.format("40.20"))).findings
    (found,) = [f for f in wrong if f.code == "report.income_expenditure"]
    assert "820.50" in found.message and "30.20" in found.message and "40.20" in found.message


def test_the_year_end_carry_over_after_the_parts_of_spending_is_not_one_of_them():
    line = "支出合计498.16万元,其中基本支出410.16万元,项目支出88万元,年末结转结余14.20万元"
    claim = _parts_claim(line, "498.16", ("基本支出", "410.16"), ("项目支出", "88"), ("年末结转结余", "14.20"))
    assert _doubted(_finding("parts_exceed_total", claim), _report([line], claim))


def test_counts_whose_part_is_broken_down_in_brackets_are_not_added_twice():
    text = ("某局2022年度项目支出绩效自评报告\n一、绩效目标完成情况\n本项目共设置绩效指标8个，其中产出指标5个（数量指标3个、"
            "质量指标1个、时效指标1个），效益指标2个，满意度指标1个。\n")
    review = review_report(parse_report_text(text))
    assert "report.count_parts" not in [f.code for f in review.findings]
    assert [f.code for f in review.doubtful] == ["report.count_parts"]
    # the same breakdown that does not add up is still found
    wrong = text.replace("满意度指标1个", "满意度指标2个")
    assert "report.count_parts" in [f.code for f in review_report(parse_report_text(wrong)).findings]


def test_the_scores_of_two_forms_in_one_document_are_not_one_score_written_twice():
    form = ("项目支出绩效自评表(2022年度)\n项目名称 | {} | 主管部门 | 某局\n年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
            "年度资金总额 | 100 | 100 | 90 | 10 | 90% | 9\n总分 | 100 | {}\n")
    review = review_report(parse_report_text(form.format("甲项目", 95) + form.format("乙项目", 98)))
    assert "report.score_inconsistent" not in [f.code for f in review.findings]
    one = review_report(parse_report_text("某局2022年度部门整体支出绩效自评报告\n自评得分95分。\n二、结论\n自评得分98分。\n"))
    assert "report.score_inconsistent" in [f.code for f in one.findings]


def test_a_funds_row_whose_columns_were_inferred_from_its_values_is_doubted():
    text = ["年度资金总额 202010100.00% 5 4"]
    row = Claim(pm.FUND_ROW, FundRow(Decimal(20), Decimal(20), Decimal(10), Decimal(5), Decimal("100.00"), Decimal(4),
                                     split=True), text[0], 1, 0, len(text[0]))
    assert _doubted(_finding("execution_rate", row, stated=Decimal(100), computed=Decimal(50)), _report(text, row))
    read = Claim(pm.FUND_ROW, replace(row.value, split=False), text[0], 1, 0, len(text[0]))
    assert not _doubted(_finding("execution_rate", read, stated=Decimal(100), computed=Decimal(50)), _report(text, read))


def test_a_grade_in_another_section_than_the_score_is_not_its_grade():
    text = ("某局2022年度部门整体支出绩效自评报告\n一、自评结论\n自评得分为91分。\n二、其他\n本局连续三年考核等级为良。\n")
    review = review_report(parse_report_text(text))
    assert "report.grade_band" not in [f.code for f in review.findings]
    together = review_report(parse_report_text("某局2022年度部门整体支出绩效自评报告\n自评得分为91分，等级为良。\n"))
    assert "report.grade_band" in [f.code for f in together.findings]


def test_items_inside_brackets_are_what_one_item_holds_not_more_items():
    text = ("某县财政局2021年度部门整体支出绩效自评报告\n一、基本情况\n我局内设机构6个，分别为办公室、预算股、国库股、"
            "综合股（含政府采购、资产管理）、农业股、经建股。\n")
    review = review_report(parse_report_text(text))
    assert "report.enumeration" not in [f.code for f in review.findings]
    assert any(c.code == "report.enumeration" for c in review.confirmed)


def test_numbers_in_the_cells_of_a_table_row_are_no_list():
    row = ["| 1、农田水利 | 2、道路硬化 | 2、村容整治 |"]
    assert _doubted(_finding("list_duplicate", line=1), _report(row))


_FORM = ("项目支出绩效自评表\n（2022年度）\n项目名称 | 道路养护 | | |\n主管部门 | 某县交通局 | 实施单位 | 某县公路站 |\n"
         "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
         "年度资金总额 | 100 | 100 | 95 | 10 | 95% | 9.5\n"
         "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施\n"
         "| 产出指标 | 数量指标 | 养护里程 | ≥100公里 | 102公里 | 20 | 20 | |\n"
         "| 产出指标 | 质量指标 | 优良路率 | ≥80% | 85% | 15 | 15 | |\n"
         "| 产出指标 | 时效指标 | 完成时间 | {} | {} | 15 | 15 | |\n"
         "| 效益指标 | 社会效益指标 | 通行条件改善 | 明显改善 | 明显改善 | 30 | 30 | |\n"
         "| 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | 93% | 10 | 10 | |\n"
         "总分 | | | | | | 100 | {} |\n")


def test_a_tables_rows_with_dates_are_read_and_its_totals_added_over_every_row():
    review = review_report(parse_report_text(_FORM.format("2022年12月", "2022年11月", "99.5")))
    assert not review.findings
    assert {"report.table_weights", "report.table_score"} <= {c.code for c in review.confirmed}
    wrong = review_report(parse_report_text(_FORM.format("2022年12月", "2022年11月", "98.5")))
    assert "report.table_score" in [f.code for f in wrong.findings]


def test_a_tables_total_is_not_held_against_the_rows_read_when_one_of_its_rows_was_not():
    review = review_report(parse_report_text(_FORM.format("见附件", "见附件", "99.5")))
    assert not [f for f in review.findings if f.code in ("report.table_weights", "report.table_score")]
    assert any("未能读出" in f.evidence["doubt"] for f in review.doubtful)


def test_one_part_paid_in_full_and_a_parts_rate_say_nothing_against_the_whole():
    part = review_report(parse_report_text(
        "某局2022年度项目支出绩效自评报告\n一、资金情况\n项目总预算100万元，其中中央资金80万元已全部拨付，省级资金20万元"
        "已拨付15万元。全年执行数95万元，执行率95%。\n"))
    assert not {"report.payment_contradiction", "report.parts_exceed_total"} & {f.code for f in part.findings}
    rate = review_report(parse_report_text(
        "某局2022年度项目支出绩效自评报告\n一、资金情况\n项目资金50万元已全部拨付。其中设备采购资金执行率为90%。\n"))
    assert "report.payment_contradiction" not in [f.code for f in rate.findings]
    whole = review_report(parse_report_text(
        "某局2022年度项目支出绩效自评报告\n一、资金情况\n项目资金50万元已全部拨付。资金执行率为90%。\n"))
    assert "report.payment_contradiction" in [f.code for f in whole.findings]


def test_an_indicators_name_holding_a_grade_word_is_no_target_and_a_row_above_the_total_is_misread():
    head = ("项目支出绩效自评表\n（2022年度）\n项目名称 | 培训 | 主管部门 | 某县人社局 |\n"
            "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
            "年度资金总额 | 100 | 100 | 100 | 10 | 100% | 10\n"
            "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施\n"
            "| 产出指标 | 质量指标 | 合格率 | 100% | 100 | 20 | 20 | |\n总分 | | | | | | 30 | 30 |\n")
    review = review_report(parse_report_text(head))
    (row,) = [c.value for c in review.report.claims if c.key == "indicator_row"]
    assert (row.name, row.weight, row.score) == ("合格率", 20, 20)
    assert not review.findings
    misread = Claim(pm.INDICATOR_ROW, replace(row, weight=Decimal(100)), "x", 7, 0, 1, 0)
    total = Claim(pm.TOTAL_ROW, pm.TotalRow(Decimal(30), Decimal(30), None), "总分", 8, 5, 9, 0)
    finding = _finding("table_weights", total)
    assert _doubted(finding, _report(["", "", "", "", "", "", "x", "总分"], misread, total))


# --- what the gate leaves standing: real inconsistencies in plain shapes ------------------------------

_FORM_ROW = ("项目支出绩效自评表（2022年度）\n项目名称 | 培训 | 主管部门 | 某局\n"
             "年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n年度资金总额 | {} |\n")


@pytest.mark.parametrize("text, code", [
    ("某局2022年度项目支出绩效自评报告\n全年预算数200万元，全年执行数180万元，预算执行率95%。\n", "report.execution_rate"),
    ("某局2022年度部门整体支出绩效自评报告\n全年支出合计500万元，其中基本支出320万元，项目支出170万元。\n",
     "report.by_nature_total"),
    ("某局2022年度部门整体支出绩效自评报告\n自评得分为86分，等级为优。\n", "report.grade_band"),
    ("某局2022年度项目支出绩效自评报告\n共设置绩效指标9个，其中产出指标5个、效益指标3个、满意度指标2个。\n", "report.count_parts"),
    (_FORM_ROW.format("100 | 100 | 80 | 10 | 80% | 10"), "report.execution_score"),
    ("某局2022年度部门整体支出绩效自评报告\n核定编制20人，在职实有23人。\n", "report.staff_over_establishment"),
    ("某局2022年度部门整体支出绩效自评报告\n一、基本情况\n现将2021年度部门整体支出绩效自评情况报告如下。\n",
     "report.year_mismatch"),
    ("某镇2022年度补贴项目绩效自评报告\n下达资金共计150000元，其中生活补贴90000元、护理补贴70000元。\n",
     "report.parts_exceed_total"),
])
def test_the_gate_leaves_real_inconsistencies_in_plain_shapes_standing(text, code):
    review = review_report(parse_report_text(text))
    assert code in [f.code for f in review.findings]
    assert code not in [f.code for f in review.doubtful]
