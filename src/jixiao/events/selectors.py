"""The timeline (操作记录) of an evaluation as people read it: who did what when, every edited cell with
its before and after ("谁在何时把‘年度指标值’从 ≥20 改为 ≥22"), every status change with its reason,
every upload and download. The department's page and the bureau's review screen show the same one
(template ``web/_timeline.html``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from jixiao.domain.enums import EvaluationStatus, EventVerb
from jixiao.events.models import Event

_STATUS = dict(EvaluationStatus.choices())


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor: str
    verb: str  # the EventVerb value (a CSS class)
    action: str  # 修改, 提交, 导入…
    summary: str = ""  # one line: 从“编制中”改为“已提交”, “工作簿.xlsx”…
    reason: str = ""
    lines: tuple[str, ...] = field(default=())  # one per edited cell


def _edit_lines(data: dict) -> tuple[str, ...]:
    lines = []
    for change in data.get("changes", ()):
        label, what = change.get("label", ""), change.get("field_label", "")
        before, after = change.get("before", ""), change.get("after", "")
        if not what:
            lines.append(f"{'删除' if after == '已删除' else '新增'}{before if after == '已删除' else label}")
        else:
            lines.append(f"把{label}的‘{what}’从“{before or '（空）'}”改为“{after or '（空）'}”")
    return tuple(lines)


def _summary(event: Event) -> str:
    data = event.data or {}
    if event.from_state or event.to_state:
        if event.from_state in _STATUS and event.to_state in _STATUS:
            return f"状态从“{_STATUS[event.from_state]}”改为“{_STATUS[event.to_state]}”"
        return f"{event.from_state} → {event.to_state}"
    if event.verb == EventVerb.DOWNLOAD.value:
        return f"{data.get('what', '')}" + (f"（第 {data['revision']} 版）" if data.get("revision") is not None else "")
    if event.verb in (EventVerb.IMPORT.value, EventVerb.LOAD.value, EventVerb.UPLOAD.value):
        parts = [f"“{data['file_name']}”" if data.get("file_name") else ""]
        if data.get("deleted"):
            parts.append(f"删除了{data['deleted']}")
        if data.get("score"):
            parts.append(f"得分 {data['score']}")
        return "，".join(p for p in parts if p)
    if event.verb == EventVerb.COMMENT.value:
        return f"指标“{data.get('name', '')}”（{data.get('indicator', '')}）：{data.get('text', '')}"
    if event.verb == EventVerb.EDIT.value and data.get("score"):
        kept = data.get("kept")
        return f"得分 {data['score']}" + (f"；保留人工编辑的章节：{'、'.join(kept)}" if kept else "")
    return ""


def entries_of(events) -> list[TimelineEntry]:
    """Event rows (with their actor) as timeline entries, in the order given."""
    return [TimelineEntry(at=e.at, actor=str(e.actor or "系统"), verb=e.verb, action=e.get_verb_display(),
                          summary=_summary(e), reason=e.reason,
                          lines=_edit_lines(e.data or {}) if e.verb == EventVerb.EDIT.value else ())
            for e in events]


def timeline(user, evaluation, *, limit: int = 200) -> list[TimelineEntry]:
    """The latest ``limit`` events of ``evaluation`` that ``user`` may see, newest first (one query)."""
    return entries_of(Event.objects.for_user(user).filter(evaluation=evaluation).select_related("actor")
                      .order_by("-at", "-id")[:limit])


def latest_return(user, evaluation) -> Event | None:
    """The latest 退回 of a returned evaluation (its reason is shown at the top of the page)."""
    if evaluation.status != EvaluationStatus.RETURNED.value:
        return None
    return (Event.objects.for_user(user).filter(evaluation=evaluation, verb=EventVerb.RETURN.value)
            .select_related("actor").order_by("-at", "-id").first())
