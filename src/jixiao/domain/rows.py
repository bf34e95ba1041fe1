"""The evaluation document as keyed rows (表·行·字段): what an import creates, changes and deletes, and
the three-way merge of a workbook edited from an older export.

Each part of the document (资金, 任务, 项目, 指标…, named as the workbook's sheets) is a set of rows keyed
as the store keys them (a fund line by source and nature, an indicator by its code…); each row has its
fields (named as the workbook's columns) as the text a person sees in the cell. Two documents compared
row by row and cell by cell give:

- :func:`changes`: the rows an import would create, update and delete (the deletions need the user's
  confirmation);
- :func:`merge`: the document to store when a workbook exported at an older version comes back: cells
  changed only in the workbook are applied, cells changed only in the database are kept, cells changed
  in both to different values are conflicts (nothing is stored while there is one).

Pure: no Django.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import Enum

from jixiao.domain.document import EvaluationDocument, Indicator, Project
from jixiao.domain.limits import MONEY, NUMBER, SCORE, TEXT
from jixiao.domain.numbers import canonical
from jixiao.domain.values import ParsedValue, ValueParseError

INFO, UNITS, FUNDS, TASKS, PROJECTS, INDICATORS = "基本信息", "单位", "资金", "任务", "项目", "指标"
MONITORING, ADJUSTMENTS, FACTS, SECTIONS = "监控", "调整", "评价要点", "报告"
PARTS = (INFO, UNITS, FUNDS, TASKS, PROJECTS, INDICATORS, MONITORING, ADJUSTMENTS, FACTS, SECTIONS)
# How rows of each part are counted in Chinese (资金 2 行、指标 3 个).
MEASURE = {INFO: "项", UNITS: "个", FUNDS: "行", TASKS: "个", PROJECTS: "个", INDICATORS: "个", MONITORING: "条",
           ADJUSTMENTS: "条", FACTS: "个", SECTIONS: "节"}

_MONEY = (MONEY, "金额")
_SCORE = (SCORE, "分值")
_NUMBER = (NUMBER, "数值")

# (part, field) → the Chinese label of the field (the workbook's column header, without its unit).
FIELD_LABELS: dict[tuple[str, str], str] = {}
# (part, field) → its storage limit: a maximum length, or (NumberLimit, what it is).
LIMITS: dict[tuple[str, str], object] = {}


def _declare(part: str, *fields: tuple[str, str, object]) -> tuple[str, ...]:
    for name, label, limit in fields:
        FIELD_LABELS[(part, name)] = label
        if limit is not None:
            LIMITS[(part, name)] = limit
    return tuple(name for name, _, _ in fields)


INFO_FIELDS = _declare(
    INFO, ("region_name", "行政区划名称", TEXT["region.name"]), ("department_name", "部门名称", TEXT["department.name"]),
    ("self_name", "报告中的自称", TEXT["department.self_name"]), ("rule_pack", "评分规则", TEXT["evaluation.rule_pack"]),
    ("self_total", "自评总分", _SCORE), ("self_grade", "自评等级", TEXT["evaluation.stated_grade"]))
_declare(INFO, ("region_code", "行政区划代码", TEXT["region.code"]),
         ("department_code", "部门代码", TEXT["department.code"]))
UNIT_FIELDS = _declare(UNITS, ("name", "单位名称", TEXT["unit.name"]), ("duties", "主要职责", TEXT["unit.duties"]))
_declare(UNITS, ("code", "单位代码", TEXT["unit.code"]))
FUND_FIELDS = _declare(
    FUNDS, ("initial_budget", "年初预算数", _MONEY), ("full_year_budget", "全年预算数", _MONEY),
    ("prior_year_carryover", "其中：上年结转", _MONEY), ("executed", "执行数", _MONEY), ("carryover", "结转结余", _MONEY))
TASK_FIELDS = _declare(
    TASKS, ("name", "任务名称", TEXT["task.name"]), ("responsible_unit", "主要实施单位", TEXT["task.responsible_unit"]),
    ("funds", "涉及资金", _MONEY), ("description", "任务内容", TEXT["task.description"]),
    ("summary", "绩效目标完成情况", TEXT["task.summary"]))
_declare(TASKS, ("code", "任务编号", TEXT["task.code"]))
PROJECT_FIELDS = _declare(
    PROJECTS, ("name", "项目名称", TEXT["project.name"]), ("unit", "实施单位", TEXT["project.unit"]),
    ("initial_budget", "年初预算数", _MONEY), ("budget", "全年预算数", _MONEY),
    ("prior_year_carryover", "其中：上年结转资金", _MONEY), ("other_funds", "其中：其他资金", _MONEY),
    ("executed", "全年执行数", _MONEY), ("goal", "年度总体目标", TEXT["project.goal"]),
    ("goal_result", "实际完成情况", TEXT["project.goal_result"]))
_declare(PROJECTS, ("code", "项目编码", TEXT["project.code"]), ("task", "任务编号", TEXT["task.code"]))
INDICATOR_FIELDS = _declare(
    INDICATORS, ("task", "任务编号", TEXT["task.code"]), ("level1", "一级指标", None), ("level2", "二级指标", None),
    ("name", "三级指标", TEXT["indicator.name"]), ("direction", "指标性质", None),
    ("target", "年度指标值", TEXT["indicator.target"]), ("unit", "度量单位", TEXT["indicator.unit"]),
    ("actual", "实际完成值", TEXT["indicator.actual"]), ("weight", "分值", _SCORE), ("self_score", "自评得分", _SCORE),
    ("deviation_reason", "偏差原因分析", TEXT["indicator.deviation_reason"]),
    ("improvement", "改进措施", TEXT["indicator.improvement"]),
    ("target_basis", "指标值确定依据", TEXT["indicator.target_basis"]), ("applicable", "是否适用", None))
_declare(INDICATORS, ("code", "指标编码", TEXT["indicator.code"]))
MONITORING_FIELDS = _declare(
    MONITORING, ("value", "已完成值", TEXT["monitoring.value"]), ("executed", "已执行资金", _MONEY),
    ("projected", "全年预计完成", TEXT["monitoring.projected"]), ("warning", "预警等级", None),
    ("likelihood", "完成目标可能性", TEXT["monitoring.likelihood"]), ("reason", "偏差原因", TEXT["monitoring.reason"]),
    ("note", "备注", TEXT["monitoring.note"]))
_declare(MONITORING, ("indicator", "指标编码", TEXT["monitoring.indicator_code"]), ("as_of", "监控日期", None))
ADJUSTMENT_FIELDS = _declare(
    ADJUSTMENTS, ("before", "调整前", TEXT["adjustment.before"]), ("after", "调整后", TEXT["adjustment.after"]),
    ("reason", "调整原因", TEXT["adjustment.reason"]), ("status", "审批状态", None), ("decided_on", "审批日期", None))
_declare(ADJUSTMENTS, ("subject", "调整对象", TEXT["adjustment.subject"]), ("kind", "调整类型", None))
FACT_FIELDS = _declare(FACTS, ("value", "取值", TEXT["fact.value"]), ("note", "说明", TEXT["fact.note"]))
_declare(FACTS, ("key", "评价要点", TEXT["fact.key"]))
SECTION_FIELDS = _declare(SECTIONS, ("title", "标题", TEXT["section.title"]), ("text", "正文", TEXT["section.text"]),
                          ("edited", "人工编辑", None))
_declare(SECTIONS, ("key", "章节代码", TEXT["section.key"]))


def cell_text(value) -> str:
    """A field's value as the text a person compares (the workbook cell as exported)."""
    if value is None:
        return ""
    if value.__class__ is str:
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Enum):
        return getattr(value, "label", value.value)
    if isinstance(value, Decimal):
        return format(canonical(value), "f") if value.is_finite() else str(value)
    if isinstance(value, ParsedValue):
        return value.text
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Row:
    """One row of a part: its key, how a person names it, its cells (field → text) and the document's
    object it stands for (with the task code of a project or an indicator)."""

    key: tuple
    label: str
    cells: dict[str, str]
    item: object = None


def _row(key: tuple, label: str, item, fields: Iterable[str], **extra) -> Row:
    cells = {name: cell_text(extra[name] if name in extra else getattr(item, name)) for name in fields}
    return Row(key, label, cells, item)


def document_rows(doc: EvaluationDocument) -> dict[str, dict[tuple, Row]]:
    """Every part of ``doc`` as rows by key, in document order."""
    parts: dict[str, dict[tuple, Row]] = {part: {} for part in PARTS}
    parts[INFO][()] = _row((), "基本信息", doc, INFO_FIELDS)
    for unit in doc.units:
        key = (unit.code or unit.name[:40],)
        parts[UNITS][key] = _row(key, unit.name, unit, UNIT_FIELDS)
    for line in doc.fund_lines:
        key = (line.source.label, line.nature.label)
        parts[FUNDS][key] = _row(key, f"{line.source.label}·{line.nature.label}", line, FUND_FIELDS)
    for task in doc.tasks:
        parts[TASKS][(task.code,)] = _row((task.code,), f"任务{task.code} {task.name}", task, TASK_FIELDS)
        for project in task.projects:
            key = (task.code, project.code)
            parts[PROJECTS][key] = _row(key, project.name, project, PROJECT_FIELDS)
        for indicator in task.indicators:
            parts[INDICATORS][(indicator.code,)] = _row((indicator.code,), f"{indicator.code} {indicator.name}",
                                                        indicator, INDICATOR_FIELDS, task=task.code)
    for snapshot in doc.monitoring:
        key = (snapshot.as_of.isoformat(), snapshot.indicator_code)
        parts[MONITORING][key] = _row(key, f"{key[0]} {snapshot.indicator_code or '资金'}", snapshot, MONITORING_FIELDS)
    seen: Counter = Counter()
    for adjustment in doc.adjustments:
        base = (adjustment.kind.label, adjustment.subject, cell_text(adjustment.requested_on))
        seen[base] += 1
        key = base + (seen[base],)
        parts[ADJUSTMENTS][key] = _row(key, f"{adjustment.kind.label}：{adjustment.subject}", adjustment,
                                       ADJUSTMENT_FIELDS)
    for fact in doc.facts:
        parts[FACTS][(fact.key,)] = _row((fact.key,), fact.key, fact, FACT_FIELDS)
    for section in doc.sections:
        parts[SECTIONS][(section.key,)] = _row((section.key,), section.title or section.key, section, SECTION_FIELDS)
    return parts


def rows_json(doc: EvaluationDocument) -> str:
    """The cells of ``doc`` as JSON (the base a later import of its workbook is merged against)."""
    return json.dumps({part: [[list(key), row.cells] for key, row in rows.items()]
                       for part, rows in document_rows(doc).items()}, ensure_ascii=False)


def cells_from_json(text: str) -> dict[str, dict[tuple, dict[str, str]]]:
    """The cells :func:`rows_json` wrote, by part and key."""
    return {part: {tuple(key): cells for key, cells in rows} for part, rows in json.loads(text).items()}


@dataclass(frozen=True)
class ExportStamp:
    """导出版本: the stored version a workbook was exported from (the evaluation's revision) and a random
    key of that export, written in the workbook as ``12-3f9a…``. The base it names is kept by the server
    and found only under the evaluation the workbook is imported into, so a key reaches no other data."""

    revision: int
    key: str

    def __str__(self) -> str:
        return f"{self.revision}-{self.key}"

    @classmethod
    def parse(cls, text: str) -> "ExportStamp | None":
        match = _STAMP.fullmatch((text or "").strip())
        return cls(int(match.group(1)), match.group(2)) if match else None


_STAMP = re.compile(r"(\d{1,9})-([0-9a-f]{16,64})")


# --- what an import changes -------------------------------------------------------------------

@dataclass
class Changes:
    """What storing a document changes, per part: the labels of the rows created, updated and deleted."""

    created: dict[str, list[str]] = field(default_factory=dict)
    updated: dict[str, list[str]] = field(default_factory=dict)
    deleted: dict[str, list[str]] = field(default_factory=dict)

    @property
    def deletes(self) -> bool:
        return any(self.deleted.values())

    def deletion_text(self, shown: int = 5) -> str:
        """``资金 2 行（一般公共预算财政拨款·基本支出、…）、指标 3 个（1-5 乡村振兴…）``."""
        parts = []
        for part, labels in self.deleted.items():
            if labels:
                listed = "、".join(labels[:shown]) + ("等" if len(labels) > shown else "")
                parts.append(f"{part} {len(labels)} {MEASURE[part]}（{listed}）")
        return "、".join(parts)

    def to_json(self) -> dict:
        return {"created": {p: n for p, n in self.created.items() if n},
                "updated": {p: n for p, n in self.updated.items() if n},
                "deleted": {p: n for p, n in self.deleted.items() if n}}


# Parts the store never deletes rows of (units stay with their department).
_KEPT = (INFO, UNITS)


def changes(stored: EvaluationDocument | None, new: EvaluationDocument) -> Changes:
    """What storing ``new`` over ``stored`` (``None``: nothing stored yet) creates, updates and deletes."""
    before = document_rows(stored) if stored is not None else {part: {} for part in PARTS}
    after = document_rows(new)
    result = Changes()
    for part in PARTS:
        old, now = before[part], after[part]
        result.created[part] = [row.label for key, row in now.items() if key not in old]
        result.updated[part] = [row.label for key, row in now.items() if key in old and old[key].cells != row.cells]
        result.deleted[part] = [] if part in _KEPT else [row.label for key, row in old.items() if key not in now]
    return result


# --- three-way merge --------------------------------------------------------------------------

@dataclass(frozen=True)
class Conflict:
    """A cell changed both in the workbook and in the database since the export, to different values
    (``field`` is empty when a whole row was deleted on one side and changed on the other)."""

    part: str
    key: tuple
    field: str
    label: str
    mine: str
    stored: str
    why: str = ""

    def describe(self, place: str = "") -> str:
        what = FIELD_LABELS.get((self.part, self.field), "")
        where = place or self.part
        row = f"{self.label}·{what}" if what else self.label
        if self.why:
            return f"{where}（{row}）：{self.why}"
        return f"{where}（{row}）：工作簿中为“{_short(self.mine)}”，系统中已被他人改为“{_short(self.stored)}”"


def _short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[:length] + "…"


@dataclass(frozen=True)
class Merged:
    document: EvaluationDocument
    conflicts: tuple[Conflict, ...]


def merge(base: dict[str, dict[tuple, dict[str, str]]], mine: EvaluationDocument,
          stored: EvaluationDocument) -> Merged:
    """Three-way merge of a workbook's document (``mine``) exported when the evaluation's cells were
    ``base`` (see :func:`cells_from_json`) with what is stored now. Cells changed only in the workbook are
    taken from it, the rest from the database; a cell both changed differently is a conflict."""
    mine_rows, stored_rows = document_rows(mine), document_rows(stored)
    conflicts: list[Conflict] = []
    merged: dict[str, list[tuple[tuple, Row, dict[str, str]]]] = {}
    for part in PARTS:
        old, ours, theirs = base.get(part, {}), mine_rows[part], stored_rows[part]
        result = []
        for key in list(ours) + [k for k in theirs if k not in ours]:
            b, m, s = old.get(key), ours.get(key), theirs.get(key)
            if m is None:  # only in the database: added there, or deleted in the workbook
                if b is None:
                    result.append((key, s, {}))
                elif s.cells != b:
                    conflicts.append(Conflict(part, key, "", s.label, "", "",
                                              "工作簿中删除了这一行，而系统中此行在导出后已被他人修改"))
                continue
            if s is None:
                if b is None:
                    result.append((key, m, {}))
                elif m.cells != b:
                    conflicts.append(Conflict(part, key, "", m.label, "", "",
                                              "工作簿中修改了这一行，而系统中此行在导出后已被他人删除"))
                continue  # deleted in the database and left as it was in the workbook: stays deleted
            if b is None:  # added on both sides since the export: a cell that differs is a conflict
                conflicts.extend(Conflict(part, key, name, m.label, text, s.cells.get(name, ""))
                                 for name, text in m.cells.items() if text != s.cells.get(name, ""))
                result.append((key, s, {}))
                continue
            taken = {}
            for name, ours_text in m.cells.items():
                base_text, theirs_text = b.get(name, ""), s.cells.get(name, "")
                if ours_text == base_text or ours_text == theirs_text:
                    continue  # unchanged in the workbook (keep the database's) or changed alike
                if theirs_text == base_text:
                    taken[name] = ours_text
                else:
                    conflicts.append(Conflict(part, key, name, m.label, ours_text, theirs_text))
            result.append((key, s, {name: m for name in taken}))
        merged[part] = result
    tasks = {key[0] for key, _, _ in merged[TASKS]}
    for part in (PROJECTS, INDICATORS):
        for key, row, taken in merged[part]:
            task = key[0] if part == PROJECTS else (taken.get("task") or row).cells["task"]
            if task not in tasks:
                conflicts.append(Conflict(part, key, "", row.label, "", "",
                                          f"所属的任务{task}已被删除，而此行在导出后由另一方新增或修改"))
    if conflicts:
        return Merged(stored, tuple(conflicts))
    return Merged(_rebuild(mine, stored, merged), ())


def _pick(row: Row, taken: dict[str, Row], names: Iterable[str]) -> dict:
    """The typed values of ``names`` for a merged row: each from the row it was taken from."""
    return {name: getattr(taken.get(name, row).item, name) for name in names}


def _rebuild(mine: EvaluationDocument, stored: EvaluationDocument,
             merged: dict[str, list[tuple[tuple, Row, dict[str, Row]]]]) -> EvaluationDocument:
    """The document of the merged rows (order: the workbook's, then rows only the database has)."""
    def items(part: str, fields: tuple[str, ...]) -> list:
        return [replace(row.item, **_pick(row, taken, fields)) if taken else row.item
                for _, row, taken in merged[part]]

    indicators_by_task: dict[str, list[Indicator]] = {}
    for key, row, taken in merged[INDICATORS]:
        indicator = row.item
        if taken:
            indicator = _merged_indicator(indicator, row, taken)
        task = (taken.get("task") or row).cells["task"]
        indicators_by_task.setdefault(task, []).append(indicator)
    projects_by_task: dict[str, list[Project]] = {}
    for key, row, taken in merged[PROJECTS]:
        project = replace(row.item, **_pick(row, taken, PROJECT_FIELDS)) if taken else row.item
        projects_by_task.setdefault(key[0], []).append(project)
    tasks = tuple(replace(task, projects=tuple(projects_by_task.get(task.code, ())),
                          indicators=tuple(indicators_by_task.get(task.code, ())))
                  for task in items(TASKS, TASK_FIELDS))
    ((_, info_row, info_taken),) = merged[INFO]
    info = _pick(info_row, info_taken, INFO_FIELDS) if info_taken else {}
    return replace(stored, **info, units=tuple(items(UNITS, UNIT_FIELDS)),
                   fund_lines=tuple(items(FUNDS, FUND_FIELDS)), tasks=tasks,
                   monitoring=tuple(items(MONITORING, MONITORING_FIELDS)),
                   adjustments=tuple(items(ADJUSTMENTS, ADJUSTMENT_FIELDS)),
                   facts=tuple(items(FACTS, FACT_FIELDS)), sections=tuple(items(SECTIONS, SECTION_FIELDS)))


def _merged_indicator(indicator: Indicator, row: Row, taken: dict[str, Row]) -> Indicator:
    """An indicator whose cells come from both sides: its value fields are read again from the merged
    texts, as the workbook reader reads a row (a target and a unit from two sides must agree)."""
    plain = [name for name in INDICATOR_FIELDS if name not in ("task", "target", "actual", "direction", "unit")]
    values = _pick(row, taken, plain)
    texts = {name: (taken.get(name) or row).cells[name] for name in ("target", "actual", "unit")}
    direction = (taken.get("direction") or row).item.direction
    try:
        parsed = Indicator.from_text(code=indicator.code, level1=values["level1"], level2=values["level2"],
                                     name=values["name"], target=texts["target"], actual=texts["actual"],
                                     direction=direction, unit=texts["unit"])
    except ValueParseError as exc:
        raise MergeRefused(f"指标 {indicator.code}：合并后的年度指标值与实际完成值无法识别（{exc}）") from exc
    return replace(indicator, **values, target=parsed.target, actual=parsed.actual, direction=parsed.direction,
                   unit=parsed.unit)


class MergeRefused(ValueError):
    """The merged cells of a row do not make a valid row; the message says which, in Chinese."""


# --- values a document holds that cannot be stored --------------------------------------------

def document_fields(doc: EvaluationDocument) -> Iterable[tuple[str, tuple, str, object, object]]:
    """(part, key, field, limit, value) of every limited value of ``doc`` (see :mod:`jixiao.domain.limits`)."""
    def fields_of(part: str, key: tuple, item, names: Iterable[str], get: Callable = getattr):
        for name in names:
            limit = LIMITS.get((part, name))
            if limit is not None:
                yield part, key, name, limit, get(item, name)

    yield from fields_of(INFO, (), doc, INFO_FIELDS + ("region_code", "department_code"))
    for unit in doc.units:
        yield from fields_of(UNITS, (unit.code or unit.name,), unit, ("code",) + UNIT_FIELDS)
    for line in doc.fund_lines:
        yield from fields_of(FUNDS, (line.source.label, line.nature.label), line, FUND_FIELDS)
    for task in doc.tasks:
        yield from fields_of(TASKS, (task.code,), task, ("code",) + TASK_FIELDS)
        for project in task.projects:
            yield from fields_of(PROJECTS, (task.code, project.code), project, ("code",) + PROJECT_FIELDS)
        for indicator in task.indicators:
            key = (indicator.code,)
            yield from fields_of(INDICATORS, key, indicator, ("code",) + INDICATOR_FIELDS[1:],
                                 lambda item, name: cell_text(getattr(item, name))
                                 if name in ("target", "actual") else getattr(item, name))
            for name in ("target", "actual"):
                yield INDICATORS, key, name, _NUMBER, getattr(indicator, name).number
    for snapshot in doc.monitoring:
        key = (snapshot.as_of.isoformat(), snapshot.indicator_code)
        yield MONITORING, key, "indicator", LIMITS[(MONITORING, "indicator")], snapshot.indicator_code
        yield from fields_of(MONITORING, key, snapshot, MONITORING_FIELDS,
                             lambda item, name: cell_text(getattr(item, name))
                             if name in ("value", "projected") else getattr(item, name))
        for name in ("value", "projected"):
            value = getattr(snapshot, name)
            yield MONITORING, key, name, _NUMBER, value.number if value else None
    for adjustment in doc.adjustments:
        key = (adjustment.kind.label, adjustment.subject)
        yield from fields_of(ADJUSTMENTS, key, adjustment, ("subject",) + ADJUSTMENT_FIELDS)
    for fact in doc.facts:
        yield from fields_of(FACTS, (fact.key,), fact, ("key",) + FACT_FIELDS)
    for section in doc.sections:
        yield from fields_of(SECTIONS, (section.key,), section, ("key",) + SECTION_FIELDS)

