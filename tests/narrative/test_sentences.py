"""Data-driven sentences in the reference report's style, from the document's figures."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.domain.document import FundLine
from jixiao.domain.enums import EvaluationKind, FundNature, FundSource
from jixiao.narrative import sentences as s

from .conftest import indicator


def test_funds_paragraph_is_the_reference_sentence(reference_document):
    assert s.funds_paragraph(reference_document) == (
        "全年预算数 1,291.73 万元，执行数 1,288.38 万元，完成预算的 99.7%。按资金来源分，一般公共预算财政拨款支出 "
        "1,288.38 万元，政府性基金预算财政拨款支出 0 万元，国有资本经营预算财政拨款支出 0 万元，其他资金支出 0 万元。"
        "按支出性质看，基本支出 815.05 万元，项目支出 473.33 万元。年末结转和结余 0 万元。")


def test_funds_paragraph_follows_the_data(small_document):
    doc = small_document.with_changes(fund_lines=(
        FundLine(FundSource.GENERAL_BUDGET, FundNature.BASIC, Decimal("300"), Decimal("300"), Decimal("290")),
        FundLine(FundSource.GOVERNMENT_FUND, FundNature.PROJECT, Decimal("0"), Decimal("1000.5"), Decimal("800.25"),
                 carryover=Decimal("200.25")),
    ))
    text = s.funds_paragraph(doc)
    assert text.startswith("全年预算数 1,300.50 万元，执行数 1,090.25 万元，完成预算的 83.8%。")
    assert "一般公共预算财政拨款支出 290.00 万元，政府性基金预算财政拨款支出 800.25 万元" in text
    assert "基本支出 290.00 万元，项目支出 800.25 万元。年末结转和结余 200.25 万元。" in text


def test_no_budget_means_no_rate(small_document):
    text = s.funds_paragraph(small_document.with_changes(fund_lines=()))
    assert text.startswith("全年预算数 0 万元，执行数 0 万元。按资金来源分")


def test_task_setup_names_projects_unit_funds_and_counts(reference_document):
    task = reference_document.tasks[0]
    assert s.task_setup_sentence(task, 2022) == (
        "本任务的主要实施项目为工商联业务及海内外联谊工作经费，主要实施机构为业务科，涉及资金 42.52 万元。"
        "本任务 2022 年初设置绩效评价指标 6 个，其中产出指标 3 个、效益指标 2 个、满意度指标 1 个。")


def test_task_without_projects_or_unit_still_reads_well(small_document):
    task = replace(small_document.tasks[0], projects=(), responsible_unit="", funds=Decimal("0"))
    text = s.task_setup_sentence(task, 2022)
    assert text.startswith("本任务 2022 年初设置绩效评价指标 3 个")  # no "涉及资金 0 万元" for a task without money


def test_task_without_projects_names_its_unit_and_no_zero_funds(small_document):
    task = replace(small_document.tasks[0], projects=(), funds=Decimal("0"))
    assert s.task_setup_sentence(task, 2022).startswith("本任务主要实施机构为法律服务科。本任务 2022 年初设置")


def test_task_without_indicators(small_document):
    task = replace(small_document.tasks[0], indicators=())
    assert s.task_setup_sentence(task, 2022) == (
        "本任务的主要实施项目为法律服务经费，主要实施机构为法律服务科，涉及资金 100.00 万元。本任务 2022 年初未设置绩效评价指标。")


def test_task_funds_fall_back_to_its_projects(small_document):
    task = replace(small_document.tasks[0], funds=Decimal("0"))
    assert s.task_funds(task) == Decimal("100")


def test_zero_counts_are_left_out(small_document):
    task = replace(small_document.tasks[0], indicators=small_document.tasks[0].indicators[:1])
    assert "其中产出指标 1 个。" in s.task_setup_sentence(task, 2022)


def test_all_met():
    indicators = (indicator("a", "产出指标", "数量指标", "场次", "≥4场", "4场"),
                  indicator("b", "产出指标", "数量指标", "人次", "≥80人次", "90人次"))
    assert s.completion_sentence(indicators, {"a": True, "b": True}) == "根据测评，所设定的 2 项绩效指标均已达到目标值。"
    assert s.completion_sentence(indicators[:1], {"a": True}) == "根据测评，所设定的 1 项绩效指标已达到目标值。"


def test_one_missed_quotes_its_stated_reason(reference_document):
    task = reference_document.tasks[0]
    met = {i.code: i.code != "1-5" for i in task.indicators}
    assert s.completion_sentence(task.indicators, met) == (
        "经测评，该 6 个指标中 5 个指标已达到目标值，1 个指标未到达目标值：2022 年受新冠病毒疫情影响，"
        "会员企业与贵州等地的产业对接事宜暂未达成意向，导致“乡村振兴产业对接成功案例”未达预期目标。")


def test_several_missed_are_enumerated_and_a_missing_reason_is_not_made_a_sentence():
    indicators = (indicator("a", "产出指标", "数量指标", "场次", "≥4场", "3场", deviation_reason="场地不足"),
                  indicator("b", "产出指标", "数量指标", "人次", "≥80人次", "60人次"),
                  indicator("c", "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%"))
    text = s.completion_sentence(indicators, {"a": False, "b": False, "c": True})
    assert text.startswith("经测评，该 3 个指标中 1 个指标已达到目标值，2 个指标未到达目标值：")
    # each reason says which indicator it explains
    assert ("一是“场次”年度指标值 ≥4场，实际完成 3场，场地不足。"
            "二是“人次”年度指标值 ≥80人次，实际完成 60人次。") in text


def test_not_applicable_and_unknown_are_reported_apart():
    indicators = (indicator("a", "产出指标", "数量指标", "场次", "≥4场", "4场"),
                  indicator("b", "产出指标", "数量指标", "人次", "≥80人次", "", applicable=False),
                  indicator("c", "产出指标", "数量指标", "天数", "≥5天", ""))
    text = s.completion_sentence(indicators, {"a": True, "b": None, "c": None})
    # "天数" has no actual value yet: something to fill in, not something to report
    assert text == "经测评，该 2 个指标中 1 个指标已达到目标值。另有 1 个指标不适用，未纳入测评。"


def test_conclusion_uses_the_self_name_score_and_grade(reference_document):
    assert s.conclusion_sentence(reference_document, Decimal("95.91"), "优") == (
        "经逐项对照自评，本会整体支出绩效自评 95.91 分，本次绩效评价各项工作自评结果：优。")


def test_project_conclusion_names_the_project(small_document):
    doc = small_document.with_changes(kind=EvaluationKind.PROJECT)
    assert s.conclusion_sentence(doc, Decimal("88.50"), "良").startswith("经逐项对照自评，法律服务经费绩效自评 88.50 分")


def test_indicator_summary_when_nobody_wrote_one(small_document):
    assert s.indicator_summary(small_document.tasks[0]) == (
        "“法律咨询场次”实际完成 12场（年度指标值 ≥10场）；“群众法律意识”实际完成 效果明显（年度指标值 有效提升）；"
        "“群众满意度”实际完成 95%（年度指标值 ≥90%）。")
