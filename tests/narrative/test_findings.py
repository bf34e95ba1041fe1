"""Problems found in the data, each paired with its measure; thresholds come from the rule pack."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType

from jixiao.domain.document import FundLine
from jixiao.domain.enums import EvaluationKind, FundNature, FundSource
from jixiao.assessment import Assessment, assess
from jixiao.narrative.findings import find_problems
from jixiao.rules import load_pack

from .conftest import indicator


def findings(doc, pack=None):
    return find_problems(assess(doc, pack or load_pack(doc.rule_pack)))


def test_reference_department_findings(reference_document):
    found = {f.code: f for f in findings(reference_document)}
    assert list(found) == ["execution", "adjustment", "unmet", "target_too_low"]
    unmet = found["unmet"]
    assert unmet.subjects == ("1-5",)
    assert "“乡村振兴产业对接成功案例”年度指标值 ≥1个，实际完成 0个，未达到目标值。" in unmet.problem_detail
    assert "2022 年受新冠病毒疫情影响" in unmet.problem_detail
    assert "2022 年 7 月 31 日运行监控中已亮红灯" in unmet.problem_detail
    assert unmet.measure == "提高各项指标完成率。"
    assert unmet.measure_detail.startswith("加强与对口帮扶地区的对接沟通")  # the indicator's stored improvement
    too_low = found["target_too_low"]
    assert too_low.subjects == ("3-6",)
    assert "为目标值的 160.0%" in too_low.problem_detail and "超过 130%" in too_low.problem_detail
    assert "项目支出预算执行率 99.30%，得分 7.94 分（分值 8 分）" in found["execution"].problem_detail
    assert "年中追加两新党建阵地升级改造经费" in found["adjustment"].problem_detail


def test_every_problem_has_a_measure(reference_document):
    for finding in findings(reference_document):
        assert finding.problem.endswith("。") and finding.measure.endswith("。")
        assert finding.problem_detail and finding.measure_detail


def test_a_clean_department_has_no_findings(small_document):
    assert findings(small_document) == []


def test_low_execution_uses_the_pack_threshold(small_document):
    doc = small_document.with_changes(fund_lines=(
        FundLine(FundSource.GENERAL_BUDGET, FundNature.BASIC, Decimal("400"), Decimal("400"), Decimal("300")),
    ))
    finding = findings(doc)[0]
    assert finding.code == "execution"
    assert finding.problem == "预算执行率偏低，部分资金未能按计划支出。"
    assert "预算执行率 75.00%，低于 90%" in finding.problem_detail
    pack = load_pack(doc.rule_pack)
    lenient = replace(pack, thresholds=MappingProxyType({**pack.thresholds, "execution_reason_below": Decimal("0.5")}))
    assert findings(doc, lenient)[0].problem == "部分预算资金未能全额执行，预算执行进度有待加快。"


def test_output_heavy_indicator_sets(small_document):
    task = small_document.tasks[0]
    outputs = tuple(indicator(f"o{n}", "产出指标", "数量指标", f"产出{n}", "≥1个", "1个") for n in range(4))
    doc = small_document.with_changes(tasks=(replace(task, indicators=(*outputs, *task.indicators[1:])),))
    found = [f for f in findings(doc) if f.code == "indicator_set"]
    assert found and "产出指标 4 个、效益指标 1 个" in found[0].problem_detail
    assert found[0].measure == "提高绩效指标编制水平。"
    pack = load_pack(doc.rule_pack)
    loose = replace(pack, thresholds=MappingProxyType({**pack.thresholds, "output_benefit_ratio_max": Decimal("5")}))
    assert not [f for f in findings(doc, loose) if f.code == "indicator_set"]


def test_missing_benefit_indicators(small_document):
    task = small_document.tasks[0]
    doc = small_document.with_changes(tasks=(replace(task, indicators=(task.indicators[0], task.indicators[2])),))
    found = [f for f in findings(doc) if f.code == "indicator_set"]
    assert "未设置效益指标" in found[0].problem_detail


def test_targets_too_low_follow_the_pack_ratio(small_document):
    pack = load_pack(small_document.rule_pack)
    strict = replace(pack, thresholds=MappingProxyType({**pack.thresholds, "overachievement_ratio": Decimal("1.1")}))
    found = [f for f in findings(small_document, strict) if f.code == "target_too_low"]
    assert found[0].subjects == ("1-1",)  # 12 of ≥10 is 120%
    assert "为目标值的 120.0%" in found[0].problem_detail


def test_unanswered_management_facts_are_not_a_finding(small_document):
    """评价要点 nobody answered are to be filled in, not weaknesses found: no "部分管理环节仍有薄弱之处"."""
    assert [f for f in findings(small_document.with_changes(facts=())) if f.code == "management"] == []


def test_a_management_item_answered_no_is_a_finding(small_document):
    facts = tuple(f if f.key != "management_rules" else replace(f, value="否") for f in small_document.facts)
    found = next(f for f in findings(small_document.with_changes(facts=facts)) if f.code == "management")
    assert "管理制度健全性" in found.problem_detail and "管理制度健全性" in found.measure_detail


def test_several_unmet_indicators_are_enumerated(small_document):
    task = small_document.tasks[0]
    missed = (indicator("1-1", "产出指标", "数量指标", "法律咨询场次", "≥10场", "8场", deviation_reason="场地不足",
                        improvement="提前预订场地"),
              task.indicators[1],
              indicator("1-3", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "85%"))
    doc = small_document.with_changes(tasks=(replace(task, indicators=missed),))
    unmet = next(f for f in findings(doc) if f.code == "unmet")
    assert unmet.subjects == ("1-1", "1-3")
    assert unmet.problem_detail.startswith("一是任务 1“法律服务工作”的“法律咨询场次”年度指标值 ≥10场，实际完成 8场，未达到目标值。场地不足。")
    assert unmet.problem_detail.endswith("二是任务 1“法律服务工作”的“群众满意度”年度指标值 ≥90%，实际完成 85%，未达到目标值。")
    assert unmet.measure_detail.startswith("针对“法律咨询场次”，提前预订场地。在预算执行过程中")


def test_management_answers_are_quoted(small_document):
    facts = tuple(f if f.key != "asset_management" else replace(f, value="否") for f in small_document.facts)
    found = next(f for f in findings(small_document.with_changes(facts=facts)) if f.code == "management")
    assert found.problem_detail == "“资产管理规范性”为“否”，得分 0.00 分（分值 2 分）。"


def test_a_task_lacking_benefit_indicators_is_not_said_to_have_too_many_outputs(small_document):
    """One output indicator and no benefit indicator: the finding says what is missing, not "产出指标过多"."""
    task = small_document.tasks[0]
    doc = small_document.with_changes(tasks=(replace(task, indicators=task.indicators[:1]),))
    detail = next(f for f in findings(doc) if f.code == "indicator_set").problem_detail
    assert detail.startswith("任务 1“法律服务工作”设置产出指标 1 个，未设置效益指标。")
    assert "产出指标过多" not in detail


def test_a_task_without_indicators_is_a_finding(small_document):
    bare = replace(small_document.tasks[0], code="2", name="专项调研", indicators=())
    doc = small_document.with_changes(tasks=(*small_document.tasks, bare))
    found = next(f for f in findings(doc) if f.code == "indicator_set")
    assert found.subjects == ("2",)
    assert found.problem_detail.startswith("任务 2“专项调研”未设置绩效指标。")


def test_a_project_without_fund_lines_reads_its_projects_figures(small_document):
    """A project evaluation (项目支出绩效自评表) has no fund lines: the execution finding quotes the
    project's budget and executed amount, as the score does, not zeros."""
    task = small_document.tasks[0]
    project = replace(task.projects[0], budget=Decimal("50"), executed=Decimal("40"))
    doc = small_document.with_changes(kind=EvaluationKind.PROJECT, rule_pack="mof-2020-project", fund_lines=(),
                                      tasks=(replace(task, projects=(project,)),))
    unscored = Assessment(doc, load_pack(doc.rule_pack), None, "未评分")
    execution = next(f for f in find_problems(unscored) if f.code == "execution")
    assert execution.problem_detail == "全年预算数 50.00 万元，执行数 40.00 万元，预算执行率 80.00%，低于 90%。"
