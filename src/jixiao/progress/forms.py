"""The 绩效目标执行监控表 filled from monitoring data: from a document and the engine's result (files, no
database), and the note column split back into analysis and measure. Pure: no Django."""

from __future__ import annotations

from jixiao.documents.forms.monitoring import FormFund, FormIndicator, MonitoringForm
from jixiao.domain.document import EvaluationDocument
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
    statuses = {s.code: s for s in result.indicators}
    rows = []
    for indicator in doc.indicators:
        s = statuses.get(indicator.code)
        projected = ""
        if s is not None and s.projection.value is not None:
            projected = f"{s.projection.value.normalize():f}{indicator.unit}"
        rows.append(FormIndicator(
            level1=indicator.level1.label, level2=indicator.level2.label, name=indicator.name,
            target=indicator.target.text, value=s.value if s else "", projected=projected,
            reason_category=s.reason_category if s else "", possibility=s.possibility if s else "",
            note=s.reason if s else ""))
    funds = ()
    if result.funds is not None:
        f = result.funds
        funds = (FormFund("合计", doc.initial_budget_total, f.budget, f.executed, f.rate, f.time,
                          f.behind is not None and f.behind <= 0),)
    goal = "；".join(t.name for t in doc.tasks)
    return MonitoringForm(department=doc.department_name, year=doc.year, month=result.as_of.month, goal=goal,
                          funds=funds, indicators=tuple(rows), categories=pack.reason_categories)
