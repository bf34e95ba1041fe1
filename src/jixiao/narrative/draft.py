"""Draft the self-evaluation report (绩效自评报告) from an evaluation document.

A department report (部门整体支出绩效自评报告) follows the outline of the reference report:
一、基本情况 （一）部门概况 （二）年度总体工作和重点工作任务 （三）部门整体收支情况 （四）部门整体绩效管理情况；
二、综合评价分析 （一）自评结论综述 （二）各项工作任务绩效目标完成情况分析 （三）主要工作成效；三、存在的主要问题；
四、下一步改进措施；then the 自评表 as an appendix. A project report (项目支出绩效自评报告) follows the
reference outline of 财预〔2020〕10号 附件3. Numbering is generated.

Where the text comes from (see :data:`SECTION_KINDS`):
- ``drafted`` sections are written from data; a stored section with the same key replaces the
  draft only when a person edited it (``edited``), otherwise the fresh draft wins, so figures
  never drift from the tables;
- ``stored`` sections are what only people can write (部门概况 from the units' duties, 年度总体工作,
  主要工作成效, the tasks' descriptions and summaries); when nothing is stored a plain draft from
  the data stands in if one can be made.

What nobody has written or entered yet is never printed into the report as if it were a finding or
a text: a section only a person can write, still unwritten, is left out of the file (heading and
all; the generated numbering closes up), an unanswered 评价要点 is not a problem, an indicator with
no actual value or an unmet one with no reason is not said to lack them. Each of these is in the
report's ``missing`` (findings naming the place, for the page and the notes to show), so the file
reads as a finished report of what is known and the user knows what is left to fill in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Union

from dataclasses import replace

from jixiao.domain.adjustments import scored_targets
from jixiao.domain.document import EvaluationDocument, ReportSection, Task
from jixiao.domain.enums import EvaluationKind, Level1
from jixiao.domain.findings import Finding, Severity, indicator_location, object_location
from jixiao.domain.numbers import format_amount, format_percent
from jixiao.assessment import Assessment, assess
from jixiao.rules.model import RulePack
from jixiao.scoring import ScoreResult

from jixiao.narrative import sentences as s
from jixiao.narrative.findings import Problem, find_problems, unanswered_items
from jixiao.narrative.model import Block, Chart, Paragraph, Report, Section
from jixiao.narrative.numbering import REFERENCE_STYLE, number_figures, number_sections
from jixiao.narrative.stored import outline_text, paragraphs_of, parse_outline
from jixiao.narrative.tables import (completion_chart, funds_charts, funds_table, level1_counts, monitoring_table,
                                     score_chart, score_table)

# Scoring notes that mean "an input is missing", listed among what the user must fill in.
INPUT_NOTES = ("fact_missing", "measure_missing", "actual_missing", "target_missing", "execution_missing")

# Section keys (as stored in ReportSection.key, the workbook's 报告 sheet and the web form) and
# where their text comes from. ``task:<code>`` is the data paragraph of each task.
SECTION_KINDS: dict[str, tuple[str, str]] = {
    "overview": ("部门概况", "stored"),
    "annual_work": ("年度总体工作和重点工作任务", "stored"),
    "funds": ("部门整体收支情况", "drafted"),
    "performance_management": ("部门整体绩效管理情况", "stored"),
    "conclusion_basis": ("自评结论综述（评价依据）", "stored"),
    "conclusion": ("自评结论", "drafted"),
    "task": ("工作任务绩效目标完成情况（数据段落）", "drafted"),
    "achievements": ("主要工作成效", "stored"),
    "problems": ("存在的主要问题", "drafted"),
    "measures": ("下一步改进措施", "drafted"),
    # project reports
    "project_overview": ("项目概况", "drafted"),
    "project_goal": ("项目绩效目标", "drafted"),
    "evaluation_work": ("绩效评价工作开展情况", "stored"),
    "experience": ("主要经验及做法", "stored"),
    "other": ("其他需要说明的问题", "stored"),
}


@dataclass(frozen=True)
class DraftContext:
    """What drafting reads: the document's assessment (scores, or why there are none), the problems
    it shows with their measures, and whether charts are drawn."""

    assessment: Assessment
    problems: tuple[Problem, ...]
    charts: bool

    @property
    def doc(self) -> EvaluationDocument:
        return self.assessment.document

    @property
    def pack(self) -> RulePack | None:
        return self.assessment.pack

    @property
    def score(self) -> ScoreResult | None:
        return self.assessment.result

    @property
    def score_error(self) -> str:
        return self.assessment.reason

    @property
    def met(self):
        return self.assessment.met

    @property
    def findings(self) -> tuple[Problem, ...]:
        return self.problems


Source = Union[EvaluationDocument, Assessment]


def prepare(source: Source, *, charts: bool = True) -> DraftContext:
    """Assess the document unless given its assessment; a document that cannot be scored is still
    drafted, its conclusion saying why there is no score."""
    assessment = source if isinstance(source, Assessment) else assess(source)
    return DraftContext(assessment, tuple(find_problems(assessment)), charts)


# --- text of drafted sections ----------------------------------------------------------------

def _task_key(task: Task) -> str:
    return f"task:{task.code}"


def _task_paragraph(ctx: DraftContext, task: Task) -> str:
    return s.task_setup_sentence(task, ctx.doc.year) + s.completion_sentence(task.indicators, ctx.met)


def _conclusion(ctx: DraftContext) -> str:
    """The score sentence; none without a score (the report's warnings say why)."""
    if ctx.score is None:
        return ""
    return s.conclusion_sentence(ctx.doc, ctx.score.total, ctx.score.grade)


def _finding_items(findings, problem: bool, level: int, key: str) -> tuple[Section, ...]:
    items = []
    for position, finding in enumerate(findings, start=1):
        title = finding.problem if problem else finding.measure
        detail = finding.problem_detail if problem else finding.measure_detail
        items.append(Section(key=f"{key}.{position}", title=title, level=level,
                             blocks=(Paragraph(detail),) if detail else (), run_in=True))
    return tuple(items)


def _overview_text(doc: EvaluationDocument) -> str:
    return "\n".join(f"{unit.name}主要任务：{unit.duties.strip()}" for unit in doc.units if unit.duties.strip())


def _annual_work_text(doc: EvaluationDocument) -> str:
    return "\n".join(f"{task.name}：{task.description.strip()}" for task in doc.tasks if task.description.strip())


def _performance_management_text(doc: EvaluationDocument) -> str:
    indicators = len(doc.indicators)
    if not indicators:
        return ""
    parts = [f"{doc.year} 年，{doc.self_name}围绕 {len(doc.tasks)} 项工作任务设置绩效指标 {indicators} 个"]
    dates = sorted({snap.as_of for snap in doc.monitoring})
    if dates:
        months = "、".join(f"{d.year} 年 {d.month} 月 {d.day} 日" for d in dates)
        parts.append(f"于 {months} 开展绩效运行监控")
    decided = [a for a in doc.adjustments if a.status.value == "approved"]
    if decided:
        parts.append(f"按规定程序调整预算或绩效目标 {len(decided)} 项")
    parts.append("年末对照年初绩效目标开展绩效自评")
    text = "，".join(parts) + "。"
    targets = scored_targets(doc)
    if targets:
        text += "其中" + "；".join(t.sentence for t in targets) + "。"
    return text + _rectification_text(doc)


def _rectification_text(doc: EvaluationDocument) -> str:
    """What was done about last year's rectification items (整改)."""
    notes = doc.rectification
    if not notes:
        return ""
    confirmed = [n for n in notes if n.confirmed]
    text = f"针对 {notes[0].year} 年度绩效自评发现的问题，财政部门下达整改要求 {len(notes)} 项，已整改并通过验收 {len(confirmed)} 项"
    pending = len(notes) - len(confirmed)
    text += f"，尚在整改 {pending} 项。" if pending else "。"
    done = [n.done.rstrip("。") for n in confirmed if n.done]
    if done:
        text += "整改情况：" + "；".join(done) + "。"
    return text


def drafted_texts(ctx: DraftContext) -> dict[str, tuple[str, str]]:
    """The text each drafted (and each fallback-able stored) section would have, by key:
    ``key → (title, text)``. This is what :func:`jixiao.narrative.redraft.redraft` compares."""
    doc = ctx.doc
    texts: dict[str, tuple[str, str]] = {}
    if doc.kind is EvaluationKind.PROJECT:
        texts["project_overview"] = (SECTION_KINDS["project_overview"][0], _project_overview(ctx))
        texts["project_goal"] = (SECTION_KINDS["project_goal"][0], _project_goal(ctx))
    else:
        overview = _overview_text(doc)
        if overview:
            texts["overview"] = (SECTION_KINDS["overview"][0], overview)
        annual = _annual_work_text(doc)
        if annual:
            texts["annual_work"] = (SECTION_KINDS["annual_work"][0], annual)
        texts["funds"] = (SECTION_KINDS["funds"][0], s.funds_paragraph(doc))
        management = _performance_management_text(doc)
        if management:
            texts["performance_management"] = (SECTION_KINDS["performance_management"][0], management)
        for task in doc.tasks:
            texts[_task_key(task)] = (f"{task.name}（任务 {task.code}）", _task_paragraph(ctx, task))
    conclusion = _conclusion(ctx)
    if conclusion:
        texts["conclusion"] = (SECTION_KINDS["conclusion"][0], conclusion)
    problems = _finding_items(ctx.findings, True, 2, "problems")
    measures = _finding_items(ctx.findings, False, 2, "measures")
    texts["problems"] = (SECTION_KINDS["problems"][0], outline_text((), problems, 1) if problems else _NO_PROBLEMS)
    texts["measures"] = (SECTION_KINDS["measures"][0], outline_text((), measures, 1) if measures else _NO_MEASURES)
    # When people edited one of the pair, a draft of the other would not answer it item by item.
    edited = {key for key in ("problems", "measures") if (stored := doc.section(key)) is not None and stored.edited}
    if len(edited) == 1:
        del texts[({"problems", "measures"} - edited).pop()]
    return texts


_NO_PROBLEMS = "经自评，未发现预算执行和绩效目标完成方面的明显问题。"
_NO_MEASURES = "继续加强预算执行管理和绩效运行监控，巩固绩效管理成效。"


# --- choosing between stored and drafted text --------------------------------------------------

def _stored(doc: EvaluationDocument, key: str) -> ReportSection | None:
    section = doc.section(key)
    return section if section is not None and section.text.strip() else None


def _pick(ctx: DraftContext, key: str, drafted: str) -> tuple[str, str]:
    """``(text, source)`` for a section: an edited stored text wins over the draft; stored-only
    sections use stored text, else the draft, else nothing (``missing``)."""
    kind = SECTION_KINDS.get(key.split(":")[0], ("", "drafted"))[1]
    stored = _stored(ctx.doc, key)
    if stored is not None and (stored.edited or kind == "stored"):
        return stored.text, "edited" if stored.edited else "stored"
    if drafted:
        return drafted, "drafted"
    return "", "missing"


def _prose_section(ctx: DraftContext, key: str, title: str, level: int, drafted: str = "",
                   extra: tuple[Block, ...] = ()) -> Section:
    text, source = _pick(ctx, key, drafted)
    if source == "missing":
        return Section(key=key, title=title, level=level, source="missing")
    intro, items = parse_outline(text, key=key, level=level + 1, source=source)
    return Section(key=key, title=title, level=level, blocks=(*intro, *extra), children=items, source=source)


def _list_section(ctx: DraftContext, key: str, title: str, level: int, drafted_items: tuple[Section, ...],
                  empty_text: str) -> Section:
    stored = _stored(ctx.doc, key)
    if stored is not None and stored.edited:
        intro, items = parse_outline(stored.text, key=key, level=level + 1, source="edited", list_mode=True)
        return Section(key=key, title=title, level=level, blocks=intro, children=items, source="edited")
    if not drafted_items:
        return Section(key=key, title=title, level=level, blocks=(Paragraph(empty_text),))
    return Section(key=key, title=title, level=level, children=drafted_items)


def _unpaired(section: Section) -> Section:
    """``section`` (problems or measures) when a person edited only the other one: a draft from the
    findings would not answer the edited items one by one, so the section is left to that person."""
    return Section(key=section.key, title=section.title, level=section.level, source="missing")


def _paired(ctx: DraftContext, problems: Section, measures: Section) -> tuple[Section, Section]:
    """存在的主要问题 and 下一步改进措施 as a pair: both drafted from the same findings (problem n ↔
    measure n), both edited by people, or the one nobody edited marked to be written."""
    problems_edited = problems.source == "edited"
    measures_edited = measures.source == "edited"
    if problems_edited and not measures_edited:
        return problems, _unpaired(measures)
    if measures_edited and not problems_edited:
        return _unpaired(problems), measures
    return problems, measures


def _pairing_warnings(body: tuple[Section, ...]) -> tuple[str, ...]:
    sections = {section.key: section for part in body for section in part.walk()}
    problems, measures = sections.get("problems"), sections.get("measures")
    if problems is None or measures is None or "missing" in (problems.source, measures.source):
        return ()
    if problems.children and measures.children and len(problems.children) != len(measures.children):
        return (f"“{problems.title}”有 {len(problems.children)} 条，“{measures.title}”有 "
                f"{len(measures.children)} 条，请核对问题与措施是否逐条对应",)
    return ()


# --- the department outline --------------------------------------------------------------------

def _task_section(ctx: DraftContext, task: Task, level: int) -> Section:
    key = _task_key(task)
    blocks: list[Block] = []
    if task.description.strip():
        blocks.extend(paragraphs_of(task.description))
    text, source = _pick(ctx, key, _task_paragraph(ctx, task))
    blocks.extend(paragraphs_of(text))
    summary = task.summary.strip() or s.indicator_summary(task)
    if summary:
        lines = paragraphs_of(summary)
        blocks.append(Paragraph(f"任务绩效目标完成情况：{lines[0].text}"))
        blocks.extend(lines[1:])
    return Section(key=key, title=f"{task.name}（任务 {task.code}）", level=level, blocks=tuple(blocks), source=source)


def _charts(ctx: DraftContext, *charts: Chart | None) -> tuple[Chart, ...]:
    if not ctx.charts:
        return ()
    return tuple(c for c in charts if c is not None)


def _department_sections(ctx: DraftContext, texts: dict[str, tuple[str, str]]) -> tuple[Section, ...]:
    doc = ctx.doc

    def drafted(key: str) -> str:
        return texts.get(key, ("", ""))[1]

    basic = Section(key="basic", title="基本情况", level=1, children=(
        _prose_section(ctx, "overview", "部门概况", 2, drafted("overview")),
        _prose_section(ctx, "annual_work", "年度总体工作和重点工作任务", 2, drafted("annual_work")),
        _prose_section(ctx, "funds", "部门整体收支情况", 2, drafted("funds"),
                       extra=_charts(ctx, *funds_charts(doc))),
        _prose_section(ctx, "performance_management", "部门整体绩效管理情况", 2, drafted("performance_management")),
    ))
    conclusion_text, _ = _pick(ctx, "conclusion", drafted("conclusion"))
    basis = _stored(doc, "conclusion_basis")
    said = f"{basis.text.strip() if basis else ''}{conclusion_text.strip()}"
    conclusion_blocks: list[Block] = [Paragraph(said)] if said else []
    conclusion_blocks.extend(_charts(ctx, score_chart(ctx.score) if ctx.score else None))
    tasks = tuple(_task_section(ctx, task, 3) for task in doc.tasks)
    analysis = Section(key="analysis", title="综合评价分析", level=1, children=(
        Section(key="conclusion", title="自评结论综述", level=2, blocks=tuple(conclusion_blocks),
                source="drafted" if conclusion_blocks else "missing"),
        Section(key="tasks", title="各项工作任务绩效目标完成情况分析", level=2, children=tasks,
                blocks=_charts(ctx, completion_chart(doc, ctx.met))),
        _prose_section(ctx, "achievements", "主要工作成效", 2),
    ))
    problems = _list_section(ctx, "problems", "存在的主要问题", 1,
                             _finding_items(ctx.findings, True, 2, "problems"), _NO_PROBLEMS)
    measures = _list_section(ctx, "measures", "下一步改进措施", 1,
                             _finding_items(ctx.findings, False, 2, "measures"), _NO_MEASURES)
    problems, measures = _paired(ctx, problems, measures)
    return (basic, analysis, problems, measures)


# --- the project outline (财预〔2020〕10号 附件3) -------------------------------------------------

def _project_overview(ctx: DraftContext) -> str:
    doc = ctx.doc
    lines = []
    for project in doc.projects:
        text = f"{project.name}"
        if project.unit:
            text += f"由{project.unit}实施"
        text += (f"，年初预算数 {format_amount(project.initial_budget)} 万元，全年预算数 "
                 f"{format_amount(project.budget)} 万元，执行数 {format_amount(project.executed)} 万元")
        if project.budget:
            text += f"，预算执行率 {format_percent(project.executed / project.budget)}"
        lines.append(text + "。")
    if not lines:
        lines.append(s.funds_paragraph(doc))
    return "\n".join(lines)


def _project_goal(ctx: DraftContext) -> str:
    doc = ctx.doc
    lines = [p.goal.strip() for p in doc.projects if p.goal.strip()]
    counts = level1_counts(doc)
    total = sum(counts.values())
    if total:
        split = "、".join(f"{s.LEVEL1_SHORT[level]} {count} 个" for level, count in counts.items() if count)
        lines.append(f"{doc.year} 年初设置绩效评价指标 {total} 个，其中{split}。")
    return "\n".join(lines)


def _indicator_analysis(ctx: DraftContext) -> tuple[Section, ...]:
    doc = ctx.doc
    sections = []
    execution = Section(key="analysis.execution", title="预算执行情况", level=2,
                        blocks=(Paragraph(s.funds_paragraph(doc)),))
    sections.append(execution)
    for level in Level1:
        indicators = tuple(i for i in doc.indicators if i.level1 is level)
        if not indicators:
            continue
        lines = []
        for indicator in indicators:
            if not indicator.actual.text.strip():
                continue  # to be filled in (the report's ``missing``), not to be reported
            state = ctx.met.get(indicator.code)
            verdict = {True: "已达到目标值", False: "未达到目标值", None: "无法判断"}[state]
            lines.append(f"“{indicator.name}”年度指标值 {indicator.target.text}，实际完成 "
                         f"{indicator.actual.text}，{verdict}")
        head = f"{s.LEVEL1_SHORT[level]}共 {len(indicators)} 个。" + s.completion_sentence(indicators, ctx.met)
        blocks = (Paragraph(head), Paragraph("；".join(lines) + "。")) if lines else (Paragraph(head),)
        sections.append(Section(key=f"analysis.{level.value}", title=f"{s.LEVEL1_SHORT[level]}完成情况", level=2,
                                blocks=blocks))
    return tuple(sections)


def _project_sections(ctx: DraftContext, texts: dict[str, tuple[str, str]]) -> tuple[Section, ...]:
    doc = ctx.doc
    basic = Section(key="basic", title="基本情况", level=1, children=(
        _prose_section(ctx, "project_overview", "项目概况", 2, texts["project_overview"][1],
                       extra=_charts(ctx, *funds_charts(doc))),
        _prose_section(ctx, "project_goal", "项目绩效目标", 2, texts["project_goal"][1]),
    ))
    work = _prose_section(ctx, "evaluation_work", "绩效评价工作开展情况", 1,
                          f"对照年初设定的绩效目标和指标值，逐项填报实际完成值，按照"
                          f"{ctx.pack.title if ctx.pack else '评分规则'}计算得分并分析偏差原因。")
    conclusion_text, _ = _pick(ctx, "conclusion", texts.get("conclusion", ("", ""))[1])
    basis = _stored(doc, "conclusion_basis")
    said = f"{basis.text.strip() if basis else ''}{conclusion_text.strip()}"
    if said and ctx.score is not None:
        said += "评分情况见附件。"
    conclusion_blocks = ((Paragraph(said),) if said else ()) + _charts(ctx, score_chart(ctx.score) if ctx.score else None)
    conclusion = Section(key="conclusion", title="综合评价情况及评价结论", level=1, blocks=conclusion_blocks,
                         source="drafted" if conclusion_blocks else "missing")
    analysis = Section(key="analysis", title="绩效评价指标分析", level=1, children=_indicator_analysis(ctx),
                       blocks=_charts(ctx, completion_chart(doc, ctx.met)))
    problems = _list_section(ctx, "problems", "存在的问题及原因分析", 2,
                             _finding_items(ctx.findings, True, 3, "problems"), _NO_PROBLEMS)
    measures = _list_section(ctx, "measures", "有关建议", 1,
                             _finding_items(ctx.findings, False, 2, "measures"), _NO_MEASURES)
    problems, measures = _paired(ctx, problems, measures)
    lessons = Section(key="lessons", title="主要经验及做法、存在的问题及原因分析", level=1, children=(
        _prose_section(ctx, "experience", "主要经验及做法", 2), problems))
    other = _prose_section(ctx, "other", "其他需要说明的问题", 1, "无。")
    return (basic, work, conclusion, analysis, lessons, measures, other)


# --- appendix and the whole report ---------------------------------------------------------------

def _appendix(ctx: DraftContext, form_title: str) -> Section:
    blocks: list[Block] = [funds_table(ctx.doc)]
    if ctx.score is not None:
        blocks.append(score_table(ctx.doc, ctx.score, ctx.pack, unanswered_items(ctx.assessment)))
    monitored = monitoring_table(ctx.doc)
    if monitored is not None:
        blocks.append(monitored)
    return Section(key="appendix", title=f"附件：{form_title}", level=0, blocks=tuple(blocks))


# --- what is left to fill in ---------------------------------------------------------------------

def _unwritten(section: Section, paired_with: str = "") -> Finding:
    pairing = f"（应与人工修改的“{paired_with}”逐条对应）" if paired_with else ""
    return Finding("report.section_missing", Severity.WARNING,
                   f"报告章节“{section.title}”尚未填写{pairing}，报告中暂不列出此节",
                   object_location("section", section.key, name=section.title))


def _missing(ctx: DraftContext, body: tuple[Section, ...]) -> tuple[Finding, ...]:
    """What the report needed and nobody has given: unwritten sections, unanswered inputs of the
    score (评价要点, actual values…), reasons of indicators that missed their targets."""
    found = []
    sections = [section for part in body for section in part.walk()]
    titles = {section.key: section.title for section in sections}
    for section in sections:
        if section.source != "missing":
            continue
        other = {"problems": "measures", "measures": "problems"}.get(section.key, "")
        paired = titles.get(other, "") if other and any(x.key == other and x.source == "edited" for x in sections) else ""
        found.append(_unwritten(section, paired))
    if ctx.score is not None:
        found += [note for note in ctx.score.notes if note.code in INPUT_NOTES]
    for task in ctx.doc.tasks:
        for indicator in task.indicators:
            if indicator.applicable and ctx.met.get(indicator.code) is False and not indicator.deviation_reason.strip():
                found.append(Finding(
                    "indicator.reason_missing", Severity.WARNING,
                    f"任务 {task.code}“{task.name}”的指标“{indicator.name}”未达到目标值（年度指标值 "
                    f"{indicator.target.text}，实际完成 {indicator.actual.text}），尚未填写偏差原因分析",
                    indicator_location(task.code, indicator.code, "deviation_reason", indicator.name)))
    return tuple(found)


def _without_missing(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """The sections with those still to be written left out, and any part left empty by that."""
    kept = []
    for section in sections:
        if section.source == "missing":
            continue
        children = _without_missing(section.children)
        if section.children and not children and not section.blocks:
            continue
        kept.append(replace(section, children=children) if children != section.children else section)
    return tuple(kept)


TITLE_LINE_CHARACTERS = 20  # 二号 characters on a 156 mm line


def title_lines(doc: EvaluationDocument, title: str) -> tuple[str, ...]:
    """The title in lines broken between the unit and the kind of report (``…工商业联合会部门`` /
    ``整体支出绩效自评报告``) when it is too long for one line; GB/T 9704 wants titles broken where
    the meaning allows, not wherever the line ends."""
    if len(title) <= TITLE_LINE_CHARACTERS:
        return (title,)
    tail = "项目支出绩效自评报告" if doc.kind is EvaluationKind.PROJECT else "整体支出绩效自评报告"
    if title.endswith(tail):
        return (title[:-len(tail)], tail)
    return (title,)


def report_title(doc: EvaluationDocument) -> tuple[str, str]:
    """``(report title, self-evaluation form title)``."""
    if doc.kind is EvaluationKind.PROJECT:
        name = doc.projects[0].name if doc.projects else doc.department_name
        return (f"{doc.year} 年度{name}项目支出绩效自评报告", f"{doc.year} 年度{name}项目支出绩效自评表")
    return (f"{doc.year} 年度{doc.department_name}部门整体支出绩效自评报告",
            f"{doc.year} 年度{doc.department_name}部门整体支出绩效自评表")


def draft_report(source: Source, *, charts: bool = True, numbering: tuple[str, ...] = REFERENCE_STYLE,
                 signed_on: date | None = None) -> Report:
    """Draft the report of a document (assessed under its own pack) or of an assessment: sections
    numbered, text from data and stored sections, the 落款 (the department and ``signed_on``, by
    default today) under them, the 自评表 as appendix. ``charts=False`` leaves the charts out."""
    ctx = prepare(source, charts=charts)
    doc = ctx.doc
    texts = drafted_texts(ctx)
    title, form_title = report_title(doc)
    if doc.kind is EvaluationKind.PROJECT:
        body = _project_sections(ctx, texts)
    else:
        body = _department_sections(ctx, texts)
    missing = _missing(ctx, body)
    body = number_sections(_without_missing(body), numbering)
    appendix = number_sections((_appendix(ctx, form_title),), numbering)
    numbered = number_figures((*body, *appendix))
    body, appendix = numbered[:len(body)], numbered[len(body):]
    warnings = (f"未能评分：{ctx.score_error}",) if ctx.score is None and ctx.score_error else ()
    warnings += _pairing_warnings(body)
    total = ctx.score.total if ctx.score else None
    grade = ctx.score.grade if ctx.score else ""
    meta = {
        "title": title, "form_title": form_title, "department_name": doc.department_name,
        "department_code": doc.department_code, "region_name": doc.region_name, "region_code": doc.region_code,
        "year": doc.year, "self_name": doc.self_name, "kind": doc.kind.label,
        "total": "" if total is None else str(total), "grade": grade,
        "budget_total": format_amount(doc.budget_total), "executed_total": format_amount(doc.executed_total),
        "execution_rate": format_percent(doc.execution_rate),
    }
    return Report(title=title, kind=doc.kind.value, department_name=doc.department_name, year=doc.year,
                  sections=body, appendices=appendix, total=total, grade=grade, missing=missing,
                  warnings=warnings, meta=meta, title_lines=title_lines(doc, title),
                  signature=(doc.department_name, s.date_text(signed_on or date.today())))


__all__ = ["DraftContext", "SECTION_KINDS", "draft_report", "drafted_texts", "prepare",
           "report_title"]
