"""Kinds of key figures and inconsistencies batch 12 showed missed at its blind measurement (tests/data/published/corpus/
README.md, "Batch 12 read (key figures and inconsistencies)"): each kind is written as its shape in a few synthetic lines
(no corpus document), a variant, and a guard (a near-miss that must not be read or found), and the corpus document in
which it was seen."""

from decimal import Decimal

import pytest

from jixiao.published import parse_report_text
from tests.checks.published.reviewing import codes, doubted, review
from tests.published.corpus import parsed as _read


# --- a funds row whose numbers ran together and whose score is not 分值 × rate ----------------------------------------

_FORM = ("2021年度项目支出绩效自评表\n项目名称某县中职免学费配套资金主管部门某县教育局实施单位某县职业学校项目资金(万元)年初 预算数"
         "全年 预算数全年 执行数分值执行率得分年度资金总额{run}其中:当年财政拨款{sub}上年结转资金其他资金年度总体目标预期目标"
         "实际完成情况弥补运转经费缺口全部用于运转经费一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
         "产出指标数量指标资助学生人数3018301850{rest}\n")


@pytest.mark.parametrize("run, sub, budget, executed, rate", [
    # 593.27 | 593.27 | 448.64 | 分值 10 | 76% | 得分 10: the full 10 points at 76%, the one split with the score in its 分值
    ("593.27593.27448.641076%10", "593.27593.27448.64", "593.27", "448.64", "76"),
    # variant: whole amounts, 120 | 120 | 90 | 10 | 75% | 10
    ("120120901075%10", "12012090", "120", "90", "75"),
])
def test_a_run_together_funds_row_given_full_points_below_its_rate_is_read_and_its_score_found(
        run, sub, budget, executed, rate):
    text = _FORM.format(run=run, sub=sub, rest="")
    report = parse_report_text(text)
    assert (report.budget_total, report.executed_total, report.execution_rate) == (
        Decimal(budget), Decimal(executed), Decimal(rate))
    # the sub-row restates the amounts run together the same way: the split is the written one, the score found
    assert "report.execution_score" in codes(text)


def test_a_run_together_row_whose_sub_row_does_not_restate_it_keeps_its_score_as_doubtful():
    # guard: the split is still inferred from the values alone (the sub-row left empty): 存疑, not a finding
    text = _FORM.format(run="120120901075%10", sub="", rest="")
    assert "report.execution_score" not in codes(text) and "report.execution_score" in doubted(text)


def test_a_run_together_row_scored_as_its_rate_gives_is_no_finding():
    # guard: 分值 10 × 75% = 7.5, the score written 7.5
    text = _FORM.format(run="120120901075%7.5", sub="12012090", rest="")
    assert "report.execution_score" not in codes(text) + doubted(text)


def test_a_run_whose_score_exceeds_every_splits_points_is_not_read_loosely():
    # guard: 得分 12 above any 分值 the run allows: no split is taken
    report = parse_report_text(_FORM.format(run="120120901075%12", sub="12012090", rest=""))
    assert report.budget_total is None and report.executed_total is None


def test_a_budget_execution_indicator_of_100_beside_the_rows_76_is_found():
    # the 时效指标 预算执行率 given 100% while the funds row executes 448.64 of 593.27 (76%)
    text = _FORM.format(run="593.27593.27448.641076%10", sub="593.27593.27448.64", rest="时效指标预算执行率100%100%")
    assert "report.execution_rate" in codes(text)


@pytest.mark.parametrize("stem, budget, executed, rate", [
    ("hunan-2021-table-yiyang-senior-technical-school-vocational-tuition-doc-site", "593.27", "448.64", "76"),
])
def test_corpus_run_together_funds_rows(stem, budget, executed, rate):
    report = _read(stem)
    assert (report.budget_total, report.executed_total, report.execution_rate) == (
        Decimal(budget), Decimal(executed), Decimal(rate))


# --- a count of people broken down by kind in a bracket right after it ------------------------------------------------

_STAFF = "某县委政法委员会2024年度部门整体支出绩效自评报告\n一、部门基本情况\n{body}\n二、部门预算情况\n全年预算数100万元。\n"


@pytest.mark.parametrize("body", [
    "现有财政供养人员19人,其中:在职人员18人(公务员12人,机关工人2人,事业人员5人)。",
    # variant: 含 and 、 between the parts, 22 written where they make 23
    "年末实有人数22人(含参公管理事业人员10人、非参公管理事业人员8人、机关工勤5人)。",
])
def test_a_count_of_people_against_the_kinds_in_its_bracket_is_found(body):
    text = _STAFF.format(body=body)
    assert "report.count_parts" in codes(text)
    statement = next(c.value for c in parse_report_text(text).claims if c.key == "count_statement")
    assert statement.whole and statement.measure == "人"


def test_a_count_of_people_whose_bracket_adds_up_is_confirmed():
    # guard: 19 = 14 + 5
    text = _STAFF.format(body="实有在职在编人员19人(公务员14人,工勤人员5人)。")
    result = review(text)
    assert "report.count_parts" not in codes(text)
    assert any(c.code == "report.count_parts" for c in result.confirmed)


@pytest.mark.parametrize("body", [
    # guard: parts by an attribute that cuts across the staff (女, 党员): not a breakdown of the whole
    "在职人员18人(其中女性5人,党员8人)。",
    # guard: parts listed after a comma (其中…), which may list only some of the whole
    "年末实有266人,其中在职人员143人,离休1人。",
])
def test_counts_of_people_not_broken_down_whole_are_not_added(body):
    assert "report.count_parts" not in codes(_STAFF.format(body=body))


def test_corpus_count_of_people_against_its_bracket():
    report = _read("yunnan-2024-dept-kaiyuan-political-legal-affairs-commission")
    # 在职人员18人(公务员12人,机关工人2人,事业人员5人) on line 20
    claim = next(c for c in report.claims if c.key == "count_statement" and c.value.whole)
    assert (claim.value.total, claim.value.parts_sum, claim.line) == (18, 19, 20)
