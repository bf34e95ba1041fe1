"""Kinds of key figures and inconsistencies batch 12 showed missed at its blind measurement (tests/data/published/corpus/
README.md, "Batch 12 read (key figures and inconsistencies)"): each kind is written as its shape in a few synthetic lines
(no corpus document), a variant, and a guard (a near-miss that must not be read or found), and the corpus document in
which it was seen."""

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.published import parse_report_file, parse_report_text
from tests.checks.published.reviewing import codes, doubted

CORPUS = Path(__file__).resolve().parents[1] / "data" / "published" / "corpus"


def _read(stem: str):
    return parse_report_file(CORPUS / f"{stem}.txt")


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
