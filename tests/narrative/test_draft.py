"""The drafted report: outline and numbering of the reference report, stored versus drafted text."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.domain.document import Project, ReportSection
from jixiao.domain.enums import EvaluationKind
from jixiao.narrative import draft_report
from jixiao.narrative.model import Chart, Paragraph, Table


def headings(report, depth=None):
    return [s.heading for s in report.walk() if not s.run_in and (depth is None or s.level == depth)]


def test_outline_and_numbering_of_a_department_report(reference_document):
    report = draft_report(reference_document)
    assert report.title == "2022 年度广州市黄埔区工商业联合会部门整体支出绩效自评报告"
    assert report.title_lines == ("2022 年度广州市黄埔区工商业联合会部门", "整体支出绩效自评报告")
    assert headings(report, 1) == ["一、基本情况", "二、综合评价分析", "三、存在的主要问题", "四、下一步改进措施"]
    assert headings(report, 2) == [
        "（一）部门概况", "（二）年度总体工作和重点工作任务", "（三）部门整体收支情况", "（四）部门整体绩效管理情况",
        "（一）自评结论综述", "（二）各项工作任务绩效目标完成情况分析", "（三）主要工作成效"]
    assert headings(report, 3) == [
        "1、工商联业务及海内外联谊工作（任务 1）", "2、区非公有制经济组织党委工作（任务 2）",
        "3、区“两新”组织党建创新中心工作（任务 3）",
        "1、踔厉奋发新征程，思想引领有特色", "2、实干担当促成效，服务企业谋新篇", "3、弘扬精神扛使命，社会履责显作为"]
    assert [s.title for s in report.appendices] == ["附件：2022 年度广州市黄埔区工商业联合会部门整体支出绩效自评表"]


def test_no_number_appears_twice_among_siblings(reference_document):
    report = draft_report(reference_document)
    for section in report.walk():
        numbers = [child.number for child in section.children]
        assert len(numbers) == len(set(numbers)), section.key


def test_edited_problems_are_kept_and_renumbered(reference_document):
    """The stored 存在的主要问题 is what people wrote (edited): kept, numbers generated."""
    report = draft_report(reference_document)
    problems = report.find("problems")
    assert problems.source == "edited"
    assert [c.number for c in problems.children] == ["（一）", "（二）", "（三）"]
    assert problems.children[1].title == "部分任务绩效指标设置不够全面。"


def test_problems_and_measures_are_drafted_in_pairs(drafted_reference):
    report = draft_report(drafted_reference)
    problems, measures = report.find("problems"), report.find("measures")
    assert problems.source == measures.source == "drafted"
    assert len(problems.children) == len(measures.children) == 4
    assert [c.title for c in problems.children][2:] == ["部分绩效指标未完成目标值。", "部分绩效指标年度指标值设置偏低。"]
    assert [c.title for c in measures.children][2:] == ["提高各项指标完成率。", "提高绩效指标预期值设置水平。"]


def test_drafted_sections_ignore_stale_unedited_text(reference_document):
    stale = ReportSection("funds", "部门整体收支情况", "全年预算数 1 万元。", edited=False)
    report = draft_report(reference_document.with_changes(sections=(*reference_document.sections, stale)))
    assert report.find("funds").blocks[0].text.startswith("全年预算数 1,291.73 万元")


def test_edited_drafted_sections_win(reference_document):
    mine = ReportSection("funds", "部门整体收支情况", "本会全年预算执行良好。", edited=True)
    report = draft_report(reference_document.with_changes(sections=(*reference_document.sections, mine)))
    section = report.find("funds")
    assert section.source == "edited"
    assert section.blocks[0] == Paragraph("本会全年预算执行良好。")


def test_stored_text_is_used_for_what_only_people_write(reference_document):
    report = draft_report(reference_document)
    assert report.find("performance_management").source in ("stored", "edited")  # written by people
    assert report.find("performance_management").blocks[0].text.startswith("2022 年，我会围绕部门职责")
    assert report.find("overview").blocks[0].text.startswith("广州市黄埔区工商业联合会主要任务：在区委领导下")


def test_conclusion_joins_the_stated_basis_and_the_score(reference_document):
    text = draft_report(reference_document).find("conclusion").blocks[0].text
    assert text.startswith("根据收集的基础数据、工作任务完成情况等资料")
    assert text.endswith("经逐项对照自评，本会整体支出绩效自评 95.91 分，本次绩效评价各项工作自评结果：优。")


def test_unwritten_sections_are_left_out_and_listed_as_missing(small_document):
    """主要工作成效 only a person can write: unwritten, it is not in the report (no heading, no
    placeholder, the numbering closes up) and the report's ``missing`` names it."""
    report = draft_report(small_document.with_changes(sections=()))
    assert report.missing_sections == ("achievements",)
    assert report.find("achievements") is None
    assert [c.heading for c in report.find("analysis").children] == ["（一）自评结论综述",
                                                                     "（二）各项工作任务绩效目标完成情况分析"]
    assert "待填写" not in report.text() and "主要工作成效" not in report.text()
    finding = report.missing[0]
    assert finding.message == "报告章节“主要工作成效”尚未填写，报告中暂不列出此节"
    assert finding.location == {"object": "section", "code": "achievements", "name": "主要工作成效"}


def test_an_unanswered_item_is_missing_not_a_problem(reference_document):
    """A blank 管理制度健全性 is not "部分管理环节仍有薄弱之处…为‘未填写’": the problems say nothing of
    it, its 实际完成值 on the 评分表 is blank, and ``missing`` asks for the answer."""
    facts = tuple(f for f in reference_document.facts if f.key != "management_rules")
    sections = tuple(s for s in reference_document.sections if s.key not in ("problems", "measures"))
    report = draft_report(reference_document.with_changes(facts=facts, sections=sections))
    text = report.text()
    assert "薄弱" not in text and "未填写" not in text and "管理制度健全性" not in text.split("附件：")[0]
    titles = [c.title for c in report.find("problems").children]
    assert titles == [c.title for c in draft_report(reference_document.with_changes(sections=sections))
                      .find("problems").children]  # the same problems as with the answer given (是)
    assert "部分管理环节仍有薄弱之处。" not in titles
    score = next(t for t in report.tables() if t.key == "score")
    row = next(r for r in score.rows if any(c.text == "管理制度健全性" for c in r))
    texts = [c.text for c in row]
    assert texts[texts.index("管理制度健全性") + 2:texts.index("管理制度健全性") + 5] == [
        "已建立健全预算、财务、资产、采购等内部管理制度得 2 分，否则不得分", "", "0.00"]
    assert [(f.code, f.subject) for f in report.missing] == [("fact_missing", "management_rules")]


def test_an_unmet_indicator_without_reason_is_asked_for_its_reason(reference_document):
    task = reference_document.tasks[0]
    case = next(i for i in task.indicators if i.name == "乡村振兴产业对接成功案例")
    bare = replace(case, deviation_reason="", improvement="")
    doc = reference_document.with_changes(tasks=(replace(task, indicators=tuple(bare if i is case else i
                                                                               for i in task.indicators)),
                                                 *reference_document.tasks[1:]))
    report = draft_report(doc)
    assert "未说明" not in report.text()
    task_text = " ".join(b.text for b in report.find("task:1").blocks)
    assert "1 个指标未到达目标值：“乡村振兴产业对接成功案例”年度指标值 ≥1个，实际完成 0个。" in task_text
    reason = next(f for f in report.missing if f.code == "indicator.reason_missing")
    assert reason.location == {"object": "indicator", "task": "1", "code": case.code, "name": case.name,
                               "field": "deviation_reason"}
    assert reason.message == ("任务 1“工商联业务及海内外联谊工作”的指标“乡村振兴产业对接成功案例”未达到目标值"
                              "（年度指标值 ≥1个，实际完成 0个），尚未填写偏差原因分析")


def test_an_indicator_without_actual_value_is_missing_not_reported(small_document):
    task = small_document.tasks[0]
    blank = replace(task.indicators[0], actual=replace(task.indicators[0].actual, text="", number=None))
    doc = small_document.with_changes(tasks=(replace(task, indicators=(blank, *task.indicators[1:]), summary=""),))
    report = draft_report(doc)
    assert "未填写" not in report.text() and "无法判断" not in report.text()
    assert "经测评，该 3 个指标中 2 个指标已达到目标值。" in report.text()
    assert ("actual_missing", "1-1") in [(f.code, f.subject) for f in report.missing]


def test_sections_fall_back_to_drafts_from_data(small_document):
    report = draft_report(small_document)
    assert report.find("annual_work").blocks[0].text == "法律服务工作：负责全区法律服务工作。"
    assert report.find("performance_management").blocks[0].text.startswith("2022 年，本局围绕 1 项工作任务设置绩效指标 3 个")


def test_charts_and_tables(reference_document):
    report = draft_report(reference_document)
    assert [c.key for c in report.charts()] == ["funds_by_source", "funds_by_nature", "score_by_level1",
                                                 "completion_by_task"]
    completion = report.charts()[-1]
    assert [s.values for s in completion.series] == [(5, 5, 8), (1, 0, 0)]
    assert [t.key for t in report.tables()] == ["funds", "score", "monitoring"]  # monitoring: in the appendix
    assert draft_report(reference_document, charts=False).charts() == []


def test_score_table_adds_up(reference_document):
    table = next(t for t in draft_report(reference_document).tables() if t.key == "score")
    texts = [[cell.text for cell in row] for row in table.rows]
    assert texts[-1][0] == "总分" and "95.91" in texts[-1] and "自评等次：优" in texts[-1]
    assert texts[1][0] == "管理效率（分值 30 分，得分 28.91 分）"
    grid = table.grid()  # spans must fill the grid exactly
    assert all(entry is not None for row in grid for entry in row)


def test_unscorable_document_is_drafted_with_a_warning(small_document):
    """No score, no conclusion: the report leaves 自评结论综述 and the 评分表 out and warns why, rather
    than printing a placeholder."""
    report = draft_report(small_document.with_changes(rule_pack="no-such-pack"))
    assert report.total is None and report.warnings[0].startswith("未能评分：")
    assert report.find("conclusion") is None and "未能评分" not in report.text()
    assert [t.key for t in report.tables()] == ["funds"]


def test_project_report_follows_the_project_outline(small_document):
    task = small_document.tasks[0]
    project = Project(code="P1", name="法律服务经费", unit="广州市黄埔区司法局", budget=task.funds,
                      executed=task.funds, initial_budget=task.funds, goal="全年开展法律咨询不少于 10 场。")
    weighted = tuple(replace(i, weight=Decimal(w)) for i, w in zip(task.indicators, ("50", "30", "10")))
    doc = small_document.with_changes(kind=EvaluationKind.PROJECT, rule_pack="mof-2020-project",
                                      tasks=(replace(task, projects=(project,), indicators=weighted),))
    report = draft_report(doc)
    assert report.total == Decimal("100.00")
    assert report.title == "2022 年度法律服务经费项目支出绩效自评报告"
    assert headings(report, 1) == ["一、基本情况", "二、绩效评价工作开展情况", "三、综合评价情况及评价结论",
                                   "四、绩效评价指标分析", "五、主要经验及做法、存在的问题及原因分析", "六、有关建议",
                                   "七、其他需要说明的问题"]
    overview = report.find("project_overview").blocks[0].text
    assert "全年预算数 100.00 万元，执行数 100.00 万元，预算执行率 100.0%" in overview
    assert report.find("project_goal").blocks[0].text == "全年开展法律咨询不少于 10 场。"
    assert any(isinstance(b, Table) for b in report.appendices[0].blocks)
    assert all(isinstance(c, Chart) for c in report.charts())


def test_measures_are_left_to_people_when_only_the_problems_were_edited(drafted_reference):
    """People rewrote 存在的主要问题 but wrote no 下一步改进措施: measures drafted from the findings
    would not answer the edited problems one by one, so the report asks for them instead."""
    problems = ReportSection("problems", "存在的主要问题", "（一）受疫情影响，活动未达预期。\n（二）目标值设置偏低。",
                             edited=True)
    doc = drafted_reference.with_changes(sections=(*drafted_reference.sections, problems))
    report = draft_report(doc)
    assert len(report.find("problems").children) == 2
    assert report.find("measures") is None and headings(report, 1)[-1] == "三、存在的主要问题"
    assert report.missing_sections == ("measures",)
    assert report.missing[0].message == ("报告章节“下一步改进措施”尚未填写（应与人工修改的“存在的主要问题”逐条对应），"
                                         "报告中暂不列出此节")


def test_problems_are_left_to_people_when_only_the_measures_were_edited(drafted_reference):
    measures = ReportSection("measures", "下一步改进措施", "（一）加强学习。", edited=True)
    report = draft_report(drafted_reference.with_changes(sections=(*drafted_reference.sections, measures)))
    assert report.find("problems") is None and report.missing_sections == ("problems",)
    assert report.find("measures").source == "edited" and report.find("measures").number == "三、"


def test_edited_problems_and_measures_of_different_lengths_are_a_warning(drafted_reference):
    edited = (ReportSection("problems", "存在的主要问题", "（一）甲问题。\n（二）乙问题。", edited=True),
              ReportSection("measures", "下一步改进措施", "（一）甲措施。", edited=True))
    report = draft_report(drafted_reference.with_changes(sections=(*drafted_reference.sections, *edited)))
    assert report.warnings == ("“存在的主要问题”有 2 条，“下一步改进措施”有 1 条，请核对问题与措施是否逐条对应",)


def test_project_report_without_fund_lines_reads_its_projects(small_document):
    """A project evaluation carries no fund lines: 预算执行情况 and the appendix show the project's
    figures (the score reads them too), never a department's zeros."""
    task = small_document.tasks[0]
    project = Project(code="P1", name="法律服务经费", budget=Decimal("50"), executed=Decimal("48.5"),
                      initial_budget=Decimal("45"))
    doc = small_document.with_changes(kind=EvaluationKind.PROJECT, rule_pack="mof-2020-project", fund_lines=(),
                                      tasks=(replace(task, projects=(project,)),))
    report = draft_report(doc)
    execution = report.find("analysis.execution").blocks[0].text
    assert execution == "年初预算数 45.00 万元，全年预算数 50.00 万元，执行数 48.50 万元，预算执行率 97.0%。"
    funds = report.appendices[0].blocks[0]
    assert funds.title == "项目资金情况"
    assert [c.text for c in funds.rows[1]] == ["法律服务经费", "45.00", "50.00", "48.50", "97.00%"]
    assert "全年预算数 0 万元" not in report.text()
