"""The 绩效目标执行监控表 filled from monitoring data: from a document and the engine's result (files, no
database), and the note column split back into analysis and measure. Pure: no Django."""

from __future__ import annotations

from jixiao.documents.forms.monitoring import FormFund, FormIndicator, MonitoringForm
from jixiao.domain.document import EvaluationDocument
from jixiao.domain.numbers import ZERO
from jixiao.progress.engine import MonitoringResult
from jixiao.rules.monitoring import MonitoringPack

MEASURE_MARK = "纠偏措施："


def note_text(analysis: str, measure: str) -> str:
    analysis, measure = analysis.strip(), measure.strip()
    if measure and measure != analysis:
        return f"{analysis}{'；' if analysis else ''}{MEASURE_MARK}{measure}"
    return analysis


def split_note(note: str) -> tuple[str, str]:
    """(analysis, measure) of a 原因说明及纠偏措施 cell."""
    if MEASURE_MARK in note:
        analysis, measure = note.split(MEASURE_MARK, 1)
        return analysis.strip().rstrip("；;，,"), measure.strip()
    return note.strip(), note.strip()


def department_form(doc: EvaluationDocument, result: MonitoringResult, pack: MonitoringPack) -> MonitoringForm:
    rows = _rows(doc, result, doc.indicators)
    funds = ()
    if result.funds is not None:
        f = result.funds
        funds = (FormFund("合计", doc.initial_budget_total, f.budget, f.executed, f.rate, f.time,
                          f.behind is not None and f.behind <= 0),)
    goal = "；".join(t.name for t in doc.tasks)
    return MonitoringForm(department=doc.department_name, year=doc.year, month=result.as_of.month, goal=goal,
                          funds=funds, indicators=tuple(rows), categories=pack.reason_categories)


def project_form(doc: EvaluationDocument, result: MonitoringResult, pack: MonitoringPack, *,
                 project_kind: str = "") -> MonitoringForm:
    """The 项目支出绩效目标执行监控表 of a project's document (``kind`` project): its project block (the
    document's first project, else its first task), funds with the 追加 / 追减 between the 年初 and the
    adjusted budget, the approved adjustments in words, and the indicators as in the department form."""
    project = doc.projects[0] if doc.projects else None
    task = doc.tasks[0] if doc.tasks else None
    name = project.name if project else (task.name if task else "")
    code = project.code if project else (task.code if task else "")
    funds = ()
    if result.funds is not None:
        f = result.funds
        initial = doc.initial_budget_total
        change = f.budget - initial
        funds = (FormFund("合计", initial, f.budget, f.executed, f.rate, f.time, f.behind is not None and f.behind <= 0,
                          added=max(change, ZERO), cut=max(-change, ZERO)),)
    adjustments = "；".join(f"{a.subject}：{a.before} → {a.after}（{a.status.label}）" for a in doc.adjustments)
    goal = (project.goal if project and project.goal else "") or "；".join(t.name for t in doc.tasks)
    return MonitoringForm(department=doc.department_name, year=doc.year, month=result.as_of.month, goal=goal,
                          project=name, project_code=code, unit=project.unit if project else "",
                          project_kind=project_kind, adjustments=adjustments, funds=funds,
                          indicators=tuple(_rows(doc, result, doc.indicators)), categories=pack.reason_categories)


def _rows(doc: EvaluationDocument, result: MonitoringResult, indicators) -> list[FormIndicator]:
    statuses = {s.code: s for s in result.indicators}
    rows = []
    for indicator in indicators:
        s = statuses.get(indicator.code)
        projected = ""
        if s is not None and s.projection.value is not None:
            projected = f"{s.projection.value.normalize():f}{indicator.unit}"
        rows.append(FormIndicator(
            level1=indicator.level1.label, level2=indicator.level2.label, name=indicator.name,
            target=indicator.target.text, value=s.value if s else "", projected=projected,
            reason_category=s.reason_category if s else "", possibility=s.possibility if s else "",
            note=s.reason if s else ""))
    return rows
