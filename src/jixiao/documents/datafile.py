"""The evaluation document as plain data (dicts of strings), the form of YAML/JSON files.

This is the readable form of the demo data and of ``jixiao score FILE.yaml``. Amounts and numbers
are written as strings so that no value passes through a float. Enum values may be given by code
(``output``) or by Chinese label (``产出指标``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from jixiao.domain.document import (
    Adjustment,
    EvaluationDocument,
    Fact,
    FundLine,
    Indicator,
    MonitoringSnapshot,
    Project,
    ReportSection,
    Task,
    Unit,
)
from jixiao.domain.enums import (
    AdjustmentKind,
    AdjustmentStatus,
    EvaluationKind,
    EvaluationStatus,
    FundNature,
    FundSource,
    Level1,
    Level2,
    WarningLevel,
)
from jixiao.domain.numbers import ZERO, canonical, to_decimal
from jixiao.domain.values import ParsedValue, ValueParseError, parse_value


class DocumentFormatError(ValueError):
    """The data does not describe a valid evaluation document; the message names the place."""


def _enum(cls, value, where: str):
    if isinstance(value, cls):
        return value
    found = cls.from_label(str(value)) if value is not None else None
    if found is None:
        allowed = "、".join(m.label for m in cls)
        raise DocumentFormatError(f"{where}：“{value}”不是有效的取值（可选：{allowed}）")
    return found


def _money(data: dict, key: str, where: str) -> Decimal:
    try:
        value = to_decimal(data.get(key))
    except ValueError as exc:
        raise DocumentFormatError(f"{where}.{key}：{exc}") from exc
    return ZERO if value is None else value


def _opt_decimal(data: dict, key: str, where: str) -> Decimal | None:
    try:
        return to_decimal(data.get(key))
    except ValueError as exc:
        raise DocumentFormatError(f"{where}.{key}：{exc}") from exc


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _date(value, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise DocumentFormatError(f"{where}：“{value}”不是有效的日期（应为 YYYY-MM-DD）") from exc


def indicator_from_dict(data: dict, where: str) -> Indicator:
    try:
        return Indicator.from_text(
            code=_text(data.get("code")),
            level1=_enum(Level1, data.get("level1"), f"{where}.一级指标"),
            level2=_enum(Level2, data.get("level2"), f"{where}.二级指标"),
            name=_text(data.get("name")),
            target=_text(data.get("target")),
            actual=_text(data.get("actual")),
            direction=data.get("direction"),
            unit=_text(data.get("unit")),
            weight=_opt_decimal(data, "weight", where),
            self_score=_opt_decimal(data, "self_score", where),
            deviation_reason=_text(data.get("deviation_reason")),
            improvement=_text(data.get("improvement")),
            target_basis=_text(data.get("target_basis")),
            applicable=bool(data.get("applicable", True)),
        )
    except ValueParseError as exc:
        raise DocumentFormatError(f"{where}（{data.get('name')}）：{exc}") from exc


def document_from_dict(data: dict[str, Any]) -> EvaluationDocument:
    """Build a document from plain data; raise :class:`DocumentFormatError` naming the bad field."""
    if not isinstance(data, dict):
        raise DocumentFormatError("文件内容不是一个自评文档（应为键值结构）")
    region = data.get("region") or {}
    department = data.get("department") or {}
    try:
        year = int(data.get("year"))
    except (TypeError, ValueError) as exc:
        raise DocumentFormatError(f"year：“{data.get('year')}”不是有效的年度") from exc
    self_score = data.get("self_score") or {}

    tasks = []
    for t_index, task in enumerate(data.get("tasks") or [], start=1):
        where = f"tasks[{t_index}]"
        projects = tuple(
            Project(
                code=_text(p.get("code")), name=_text(p.get("name")), unit=_text(p.get("unit")),
                budget=_money(p, "budget", f"{where}.projects[{i}]"),
                executed=_money(p, "executed", f"{where}.projects[{i}]"),
                initial_budget=_money(p, "initial_budget", f"{where}.projects[{i}]"),
                prior_year_carryover=_money(p, "prior_year_carryover", f"{where}.projects[{i}]"),
                other_funds=_money(p, "other_funds", f"{where}.projects[{i}]"),
                goal=_text(p.get("goal")), goal_result=_text(p.get("goal_result")),
            )
            for i, p in enumerate(task.get("projects") or [], start=1)
        )
        indicators = tuple(
            indicator_from_dict(item, f"{where}.indicators[{i}]")
            for i, item in enumerate(task.get("indicators") or [], start=1)
        )
        tasks.append(Task(
            code=_text(task.get("code")) or str(t_index), name=_text(task.get("name")),
            description=_text(task.get("description")), responsible_unit=_text(task.get("responsible_unit")),
            funds=_money(task, "funds", where), projects=projects, indicators=indicators,
            summary=_text(task.get("summary")),
        ))

    fund_lines = tuple(
        FundLine(
            source=_enum(FundSource, f.get("source"), f"funds[{i}].资金来源"),
            nature=_enum(FundNature, f.get("nature"), f"funds[{i}].支出性质"),
            initial_budget=_money(f, "initial_budget", f"funds[{i}]"),
            full_year_budget=_money(f, "full_year_budget", f"funds[{i}]"),
            executed=_money(f, "executed", f"funds[{i}]"),
            carryover=_money(f, "carryover", f"funds[{i}]"),
            prior_year_carryover=_money(f, "prior_year_carryover", f"funds[{i}]"),
        )
        for i, f in enumerate(data.get("funds") or [], start=1)
    )
    monitoring = tuple(
        MonitoringSnapshot(
            as_of=_date(m.get("as_of"), f"monitoring[{i}].as_of"),
            indicator_code=_text(m.get("indicator")),
            value=parse_value(m["value"]) if m.get("value") not in (None, "") else None,
            executed=_opt_decimal(m, "executed", f"monitoring[{i}]"),
            projected=parse_value(m["projected"]) if m.get("projected") not in (None, "") else None,
            warning=_enum(WarningLevel, m["warning"], f"monitoring[{i}].warning") if m.get("warning") else None,
            likelihood=_text(m.get("likelihood")), reason=_text(m.get("reason")), note=_text(m.get("note")),
        )
        for i, m in enumerate(data.get("monitoring") or [], start=1)
    )
    adjustments = tuple(
        Adjustment(
            kind=_enum(AdjustmentKind, a.get("kind"), f"adjustments[{i}].kind"),
            subject=_text(a.get("subject")), before=_text(a.get("before")), after=_text(a.get("after")),
            reason=_text(a.get("reason")),
            status=_enum(AdjustmentStatus, a.get("status") or "pending", f"adjustments[{i}].status"),
            requested_on=_date(a.get("requested_on"), f"adjustments[{i}].requested_on"),
            decided_on=_date(a.get("decided_on"), f"adjustments[{i}].decided_on"),
        )
        for i, a in enumerate(data.get("adjustments") or [], start=1)
    )
    return EvaluationDocument(
        region_code=_text(region.get("code")), region_name=_text(region.get("name")),
        department_code=_text(department.get("code")), department_name=_text(department.get("name")),
        self_name=_text(department.get("self_name")) or "本部门",
        year=year,
        kind=_enum(EvaluationKind, data.get("kind") or "department", "kind"),
        rule_pack=_text(data.get("rule_pack")),
        status=_enum(EvaluationStatus, data.get("status") or "draft", "status"),
        units=tuple(Unit(code=_text(u.get("code")), name=_text(u.get("name")), duties=_text(u.get("duties")))
                    for u in data.get("units") or []),
        fund_lines=fund_lines, tasks=tuple(tasks), monitoring=monitoring, adjustments=adjustments,
        sections=tuple(ReportSection(key=_text(s.get("key")), title=_text(s.get("title")),
                                     text=_text(s.get("text")), edited=bool(s.get("edited", True)))
                       for s in data.get("sections") or []),
        facts=tuple(Fact(key=_text(f.get("key")), value=_text(f.get("value")), note=_text(f.get("note")))
                    for f in data.get("facts") or []),
        self_total=_opt_decimal(self_score, "total", "self_score"),
        self_grade=_text(self_score.get("grade")),
    )


def _str(value: Decimal | None) -> str | None:
    return None if value is None else str(canonical(value))


def _value_text(value: ParsedValue | None) -> str | None:
    return None if value is None else value.text


def document_to_dict(doc: EvaluationDocument) -> dict[str, Any]:
    """The inverse of :func:`document_from_dict` (values kept as written)."""
    return {
        "region": {"code": doc.region_code, "name": doc.region_name},
        "department": {"code": doc.department_code, "name": doc.department_name, "self_name": doc.self_name},
        "year": doc.year,
        "kind": doc.kind.value,
        "rule_pack": doc.rule_pack,
        "status": doc.status.value,
        "self_score": {"total": _str(doc.self_total), "grade": doc.self_grade},
        "units": [{"code": u.code, "name": u.name, "duties": u.duties} for u in doc.units],
        "funds": [
            {"source": f.source.value, "nature": f.nature.value, "initial_budget": _str(f.initial_budget),
             "full_year_budget": _str(f.full_year_budget), "executed": _str(f.executed),
             "carryover": _str(f.carryover), "prior_year_carryover": _str(f.prior_year_carryover)}
            for f in doc.fund_lines
        ],
        "tasks": [
            {
                "code": t.code, "name": t.name, "description": t.description,
                "responsible_unit": t.responsible_unit, "funds": _str(t.funds), "summary": t.summary,
                "projects": [
                    {"code": p.code, "name": p.name, "unit": p.unit, "budget": _str(p.budget),
                     "executed": _str(p.executed), "initial_budget": _str(p.initial_budget),
                     "prior_year_carryover": _str(p.prior_year_carryover), "other_funds": _str(p.other_funds),
                     "goal": p.goal, "goal_result": p.goal_result}
                    for p in t.projects
                ],
                "indicators": [
                    {"code": i.code, "level1": i.level1.value, "level2": i.level2.value, "name": i.name,
                     "direction": i.direction.value, "target": i.target.text, "actual": i.actual.text,
                     "unit": i.unit, "weight": _str(i.weight), "self_score": _str(i.self_score),
                     "deviation_reason": i.deviation_reason, "improvement": i.improvement,
                     "target_basis": i.target_basis, "applicable": i.applicable}
                    for i in t.indicators
                ],
            }
            for t in doc.tasks
        ],
        "monitoring": [
            {"as_of": m.as_of.isoformat() if m.as_of else None, "indicator": m.indicator_code,
             "value": _value_text(m.value), "executed": _str(m.executed), "projected": _value_text(m.projected),
             "warning": m.warning.value if m.warning else None, "likelihood": m.likelihood,
             "reason": m.reason, "note": m.note}
            for m in doc.monitoring
        ],
        "adjustments": [
            {"kind": a.kind.value, "subject": a.subject, "before": a.before, "after": a.after,
             "reason": a.reason, "status": a.status.value,
             "requested_on": a.requested_on.isoformat() if a.requested_on else None,
             "decided_on": a.decided_on.isoformat() if a.decided_on else None}
            for a in doc.adjustments
        ],
        "sections": [{"key": s.key, "title": s.title, "text": s.text, "edited": s.edited} for s in doc.sections],
        "facts": [{"key": f.key, "value": f.value, "note": f.note} for f in doc.facts],
    }


# A data file is plain data written by a person or exported: bounded in size, and with no YAML aliases
# (``*name`` repeats a node: nine nested lists of ten aliases are a billion strings, the
# "billion laughs", which take gigabytes and minutes before any check can refuse them).
MAX_DATA_FILE_MB = 20


def read_data_text(text: str) -> Any:
    """The plain data of a YAML/JSON text; refused with a Chinese message when too large, when it uses
    YAML aliases, or when it is not YAML (the caller names the file)."""
    size = len(text.encode("utf-8"))
    if size > MAX_DATA_FILE_MB * 1024 * 1024:
        raise DocumentFormatError(f"文件大小 {size / 1024 / 1024:.1f} MB，超过自评文档的上限 {MAX_DATA_FILE_MB} MB")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for event in yaml.parse(text, Loader=loader):  # events only: an alias is seen before it is expanded
            if isinstance(event, yaml.AliasEvent):
                raise DocumentFormatError(f"自评文档中不能使用 YAML 别名（“*{str(event.anchor)[:40]}”），"
                                          "请直接写出各项内容")
        return yaml.load(text, Loader=loader)  # the safe loader, in C when libyaml is there (8 MB: 3 s, not 50)
    except yaml.YAMLError as exc:
        raise DocumentFormatError(f"不是有效的 YAML/JSON 文件（{exc}）") from exc


def load_document(path: str | Path) -> EvaluationDocument:
    """Read a document from a YAML or JSON file (JSON is valid YAML); the file is not read past the size bound."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_DATA_FILE_MB * 1024 * 1024:
        raise DocumentFormatError(f"文件大小 {size / 1024 / 1024:.1f} MB，超过自评文档的上限 {MAX_DATA_FILE_MB} MB")
    return document_from_dict(read_data_text(path.read_text(encoding="utf-8")))
