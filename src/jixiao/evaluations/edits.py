"""Cell edits (在线编辑): changing an evaluation's stored rows cell by cell from the web grid.

Every change is a service: one transaction, the acting user as a required keyword, the evaluation row
locked first (edits and imports of one evaluation take turns), an event with each cell's before and
after ("谁在何时把‘年度指标值’从 ≥20 改为 ≥22"), the evaluation's 版本 incremented (so a workbook
exported earlier merges with these edits) and the evaluation scored again.

Values are read as the workbook import reads them (the same converters of
:mod:`jixiao.documents.workbook.cells`, the same value parser and the same limits of
:mod:`jixiao.domain.limits`), so a cell gets the same Chinese message whichever way it is entered.

Optimistic locking: the editor sends, with each cell, the text it showed (``old``). When the stored
cell differs (somebody changed it since), nothing of the batch is written and the editor is told the
other value. A batch (a pasted block) is all or nothing. Locked evaluations (submitted and later) are
read-only for everybody, the admin included (``for_user(user, Action.EDIT)``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_update_with_history

from jixiao.documents.workbook.cells import CellError, cell_bool, cell_money, cell_number, cell_text
from jixiao.domain.document import Indicator as IndicatorDoc
from jixiao.domain.enums import Direction, EventVerb, FundNature, FundSource, Level1, Level2
from jixiao.domain.limits import NUMBER, number_problem, text_problem
from jixiao.domain.rows import FIELD_LABELS, FUNDS, INDICATORS, LIMITS, PROJECTS, SECTIONS, TASKS
from jixiao.domain.rows import cell_text as stored_text
from jixiao.domain.values import ValueParseError, normalize_text, parse_value, read_direction
from jixiao.domain.workflow import Action
from jixiao.evaluations import services
from jixiao.evaluations.models import Evaluation, FundLine, Indicator, Project, ReportSection, Task
from jixiao.evaluations.services import EvaluationLocked, NotPermitted
from jixiao.events.models import record_event
from jixiao.evaluations.store import document_for

# The fields of each part the grid edits: field → model attribute. Indicator values (target, actual,
# unit, direction) are read together, as one workbook row is.
EDITABLE: dict[str, dict[str, str]] = {
    INDICATORS: {"level1": "level1", "level2": "level2", "name": "name", "direction": "direction",
                 "target": "target_text", "unit": "unit", "actual": "actual_text", "weight": "weight",
                 "self_score": "self_score", "deviation_reason": "deviation_reason", "improvement": "improvement",
                 "target_basis": "target_basis", "applicable": "applicable"},
    FUNDS: {"initial_budget": "initial_budget", "full_year_budget": "full_year_budget",
            "prior_year_carryover": "prior_year_carryover", "executed": "executed", "carryover": "carryover"},
    TASKS: {"name": "name", "responsible_unit": "responsible_unit", "funds": "funds", "description": "description",
            "summary": "summary"},
    PROJECTS: {"name": "name", "unit": "unit", "initial_budget": "initial_budget", "budget": "budget",
               "prior_year_carryover": "prior_year_carryover", "other_funds": "other_funds", "executed": "executed",
               "goal": "goal", "goal_result": "goal_result"},
}
MODELS = {INDICATORS: Indicator, FUNDS: FundLine, TASKS: Task, PROJECTS: Project}
_EVALUATION_PATH = {INDICATORS: "task__evaluation", PROJECTS: "task__evaluation", FUNDS: "evaluation",
                    TASKS: "evaluation"}
_VALUE_FIELDS = ("target", "actual", "unit", "direction")
# Money columns of each part (the others are text, scores or choices).
_MONEY_FIELDS = {"initial_budget", "full_year_budget", "prior_year_carryover", "executed", "carryover", "funds",
                 "budget", "other_funds"}
_SCORE_FIELDS = {"weight", "self_score"}
_CODE_LIMIT = {INDICATORS: ("指标", "code"), TASKS: ("任务", "code"), PROJECTS: ("项目", "code")}


@dataclass(frozen=True)
class CellChange:
    """One cell to change: the part (指标, 资金, 任务, 项目), the row's id, the field (the document's name,
    as in :data:`EDITABLE`), the value as typed or pasted, and the text the editor showed (``None``:
    do not compare)."""

    part: str
    row_id: int
    field: str
    value: str
    old: str | None = None


@dataclass(frozen=True)
class CellProblem:
    """Why a cell was refused: ``kind`` is ``invalid`` (the value cannot be read or stored) or
    ``conflict`` (somebody else changed the cell; ``stored`` is their value)."""

    part: str
    row_id: int
    field: str
    value: str
    message: str
    kind: str = "invalid"
    stored: str = ""

    def to_json(self) -> dict:
        return {"part": self.part, "id": self.row_id, "field": self.field, "value": self.value,
                "message": self.message, "kind": self.kind, "stored": self.stored}


class EditRefused(ValueError):
    """Nothing was written: ``problems`` names each refused cell (every one of them at once)."""

    def __init__(self, problems: list[CellProblem]):
        self.problems = problems
        conflicts = sum(p.kind == "conflict" for p in problems)
        head = (f"{conflicts} 个单元格已被他人修改" if conflicts else "") + (
            ("，" if conflicts else "") + f"{len(problems) - conflicts} 个单元格有误" if len(problems) > conflicts else "")
        listed = "；".join(p.message for p in problems[:5])
        super().__init__(f"未保存：{head}。{listed}")


class RowDeletionNotConfirmed(ValueError):
    """Deleting a row deletes what it holds; the message says what, and nothing is deleted until the
    user confirms."""


@dataclass
class EditResult:
    """What a saved batch changed: the rows as now stored (part → id → cells) and the new score."""

    evaluation: Evaluation
    rows: dict[str, dict[int, dict]] = field(default_factory=dict)
    changes: list[dict] = field(default_factory=list)
    score_total: Decimal | None = None
    score_grade: str = ""
    revision: int = 0
    assessment: object = None  # the evaluation's assessment after the change (the grid's marks use it)
    findings: list | None = None  # the review checks' findings after the change

    def to_json(self) -> dict:
        return {"rows": {part: {str(k): v for k, v in rows.items()} for part, rows in self.rows.items()},
                "changes": self.changes, "revision": self.revision,
                "score": {"total": cell_text(self.score_total) if self.score_total is not None else "",
                          "grade": self.score_grade}}


# --- reading the cells of stored rows ---------------------------------------------------------------

def row_cells(part: str, row) -> dict[str, str]:
    """The editable cells of a stored row as the grid shows them (and as the workbook writes them)."""
    cells = {}
    for name, attr in EDITABLE[part].items():
        value = getattr(row, attr)
        if name == "level1":
            value = Level1(value).label
        elif name == "level2":
            value = Level2(value).label
        elif name == "direction":
            value = Direction(value).label if value else ""
        cells[name] = stored_text(value)
    return cells


def indicator_cells(row: Indicator) -> dict:
    """An indicator's cells with its computed score and explanation (read-only in the grid)."""
    cells = row_cells(INDICATORS, row)
    cells.update(id=row.pk, code=row.code, score=stored_text(row.score), explanation=row.score_explanation)
    return cells


# --- converting what was typed ----------------------------------------------------------------------

def _limit_message(part: str, name: str, value) -> str | None:
    limit = LIMITS.get((part, name))
    if limit is None or value in (None, ""):
        return None
    if isinstance(limit, int):
        return text_problem(value, limit) if isinstance(value, str) else None
    number_limit, what = limit
    return number_problem(value, number_limit, what)


def _convert(part: str, name: str, raw: str):
    """The value of a typed cell, read as the workbook import reads that column; raises CellError."""
    text = cell_text(raw)
    if name in _MONEY_FIELDS:
        value = cell_money(text)
        value = Decimal(0) if value is None else value
    elif name in _SCORE_FIELDS:
        value = cell_number(text)
    elif name == "level1":
        value = Level1.from_label(normalize_text(text).replace(" ", ""))
        if value is None:
            raise CellError(f"“{text}”不是有效的一级指标（可选：{'、'.join(m.label for m in Level1)}）")
    elif name == "level2":
        value = Level2.from_label(normalize_text(text).replace(" ", ""))
        if value is None:
            raise CellError(f"“{text}”不是有效的二级指标（可选：{'、'.join(m.label for m in Level2)}）")
    elif name == "direction":
        value = read_direction(text) if text else None
        if text and value is None:
            raise CellError(f"“{text}”不是有效的指标性质（可选：{'、'.join(m.label for m in Direction)}）")
    elif name == "applicable":
        value = True if text == "" else cell_bool(text, default=True)
    elif name == "unit":
        value = normalize_text(text)
    else:
        value = text
    message = _limit_message(part, name, value)
    if message:
        raise CellError(message)
    return value


def _read_indicator_values(row: Indicator, typed: dict[str, object]) -> dict[str, object] | CellProblem:
    """The stored form of an indicator's target, actual, unit and direction after the typed changes,
    read together by :meth:`Indicator.from_text` as the import reads a row; or the problem."""
    target = typed.get("target", row.target_text)
    actual = typed.get("actual", row.actual_text)
    unit = typed.get("unit", row.unit)
    if "direction" in typed:
        direction = typed["direction"]
    else:  # a new target with a sign of its own says the direction; else the stored one stays
        direction = Direction(row.direction) if row.direction else None
        if "target" in typed and target:
            try:
                if parse_value(target, target=True).direction is not None:
                    direction = None
            except ValueParseError:
                pass
    try:
        parsed = IndicatorDoc.from_text(code=row.code, level1=Level1.OUTPUT, level2=Level2.QUANTITY, name="",
                                        target=target, actual=actual, direction=direction, unit=unit)
    except ValueParseError as exc:
        from jixiao.documents.workbook.cells import unreadable_value_column

        column = unreadable_value_column(exc, target, direction=direction, unit=unit)
        return CellProblem(INDICATORS, row.pk, column if column in _VALUE_FIELDS else "target",
                           exc.text or "", _message(INDICATORS, column, str(exc)))
    for name, value in (("target", parsed.target), ("actual", parsed.actual)):
        message = value.number is not None and number_problem(value.number, NUMBER, "数值")
        if message:
            return CellProblem(INDICATORS, row.pk, name, value.text, _message(INDICATORS, name, message))
    return {"direction": parsed.direction.value, "unit": parsed.unit, "target_text": parsed.target.text,
            "target_value": parsed.target.number, "actual_text": parsed.actual.text,
            "actual_value": parsed.actual.number,
            "actual_grade": parsed.actual.grade.value if parsed.actual.grade else ""}


def _message(part: str, name: str, message: str) -> str:
    return f"{FIELD_LABELS.get((part, name), name)}：{message}"


# --- the services -------------------------------------------------------------------------------------

def _editable(evaluation: Evaluation, acting_user) -> Evaluation:
    """The evaluation, locked for this transaction, if ``acting_user`` may edit it now."""
    evaluation = Evaluation.objects.select_for_update().select_related("department").get(pk=evaluation.pk)
    if evaluation.is_locked:
        raise EvaluationLocked(f"{evaluation}状态为“{evaluation.get_status_display()}”，已锁定，不能修改")
    if not getattr(acting_user, "is_authenticated", False) or not Evaluation.objects.for_user(
            acting_user, Action.EDIT).filter(pk=evaluation.pk).exists():
        raise NotPermitted(f"{acting_user}不是{evaluation.department.name}的填报人或负责人，不能修改{evaluation}")
    return evaluation


def _rows(part: str, evaluation: Evaluation, ids: Iterable[int]) -> dict[int, object]:
    model = MODELS[part]
    queryset = model.objects.select_for_update().filter(**{_EVALUATION_PATH[part]: evaluation}, pk__in=set(ids))
    return {row.pk: row for row in queryset}


def _label(part: str, row) -> str:
    if part == INDICATORS:
        return f"指标 {row.code} {row.name}"
    if part == FUNDS:
        return f"{FundSource(row.source).label}·{FundNature(row.nature).label}"
    if part == TASKS:
        return f"任务{row.code} {row.name}"
    return f"项目 {row.name}"


def _finish(evaluation: Evaluation, acting_user, changes: list[dict], *, verb=EventVerb.EDIT, reason: str = "",
            extra: dict | None = None) -> EditResult:
    """Increment the version, score again, write the event: the end of every edit's transaction."""
    from jixiao.assessment import assess
    from jixiao.usecases.review import review_document

    evaluation.revision += 1
    Evaluation.objects.filter(pk=evaluation.pk).update(revision=evaluation.revision)
    document = document_for(evaluation)
    assessment = assess(document)
    findings = review_document(assessment)
    services._store_scores(evaluation, document, assessment=assessment, findings=findings)
    record_event(actor=acting_user, verb=verb, obj=evaluation, reason=reason,
                 data={"changes": changes, "revision": evaluation.revision,
                       "score": services._score_text(assessment), **(extra or {})})
    return EditResult(evaluation, changes=changes, score_total=evaluation.score_total,
                      score_grade=evaluation.score_grade, revision=evaluation.revision, assessment=assessment,
                      findings=findings)


@transaction.atomic
def save_cells(*, evaluation: Evaluation, acting_user, changes: list[CellChange]) -> EditResult:
    """Save a batch of cell changes (one cell, or a block pasted from Excel/WPS): all or nothing.

    Every refused cell is named at once (:class:`EditRefused`): a value the import would refuse, with
    the import's message, or a cell somebody else changed since the editor showed it (with their value)."""
    evaluation = _editable(evaluation, acting_user)
    problems: list[CellProblem] = []
    by_part: dict[str, dict[int, dict[str, CellChange]]] = {}
    for change in changes:
        if change.part not in EDITABLE or change.field not in EDITABLE[change.part]:
            problems.append(CellProblem(change.part, change.row_id, change.field, change.value,
                                        f"“{change.field}”不能在此修改"))
            continue
        by_part.setdefault(change.part, {}).setdefault(change.row_id, {})[change.field] = change
    rows = {part: _rows(part, evaluation, cells) for part, cells in by_part.items()}
    written: list[tuple[str, object, dict[str, object]]] = []
    log: list[dict] = []
    for part, cells_by_row in by_part.items():
        for row_id, cells in cells_by_row.items():
            row = rows[part].get(row_id)
            if row is None:
                problems.extend(CellProblem(part, row_id, name, c.value, "此行已被他人删除，请刷新页面", "conflict")
                                for name, c in cells.items())
                continue
            before = row_cells(part, row)
            typed: dict[str, object] = {}
            for name, change in cells.items():
                if change.old is not None and cell_text(change.old) != before[name]:
                    problems.append(CellProblem(
                        part, row_id, name, change.value, kind="conflict", stored=before[name],
                        message=_message(part, name, f"此单元格已被他人改为“{before[name]}”（您看到的是“{change.old}”），"
                                                     "请核对后再改")))
                    continue
                try:
                    typed[name] = _convert(part, name, change.value)
                except CellError as exc:
                    problems.append(CellProblem(part, row_id, name, change.value, _message(part, name, str(exc))))
            if len(typed) < len(cells):
                continue
            updates = {EDITABLE[part][name]: value for name, value in typed.items() if name not in _VALUE_FIELDS}
            for name in ("level1", "level2"):
                if name in updates:
                    updates[name] = updates[name].value
            if part == INDICATORS:
                level1 = Level1(updates.get("level1", row.level1))
                level2 = Level2(updates.get("level2", row.level2))
                if level2.level1 is not level1:
                    name = "level2" if "level2" in typed else "level1"
                    problems.append(CellProblem(part, row_id, name, cells[name].value, _message(
                        part, name, f"二级指标“{level2.label}”属于“{level2.level1.label}”，不属于“{level1.label}”")))
                    continue
                if any(name in typed for name in _VALUE_FIELDS):
                    value_typed = {n: typed[n] for n in _VALUE_FIELDS if n in typed}
                    values = _read_indicator_values(row, value_typed)
                    if isinstance(values, CellProblem):
                        problems.append(values)
                        continue
                    updates.update(values)
            written.append((part, row, updates))
    if problems:
        raise EditRefused(problems)
    result_rows: dict[str, dict[int, dict]] = {}
    by_model: dict[str, list] = {}
    for part, row, updates in written:
        before = row_cells(part, row)
        for attr, value in updates.items():
            setattr(row, attr, value)
        after = row_cells(part, row)
        for name in EDITABLE[part]:
            if before[name] != after[name]:
                log.append({"part": part, "id": row.pk, "label": _label(part, row), "field": name,
                            "field_label": FIELD_LABELS.get((part, name), name),
                            "before": before[name], "after": after[name]})
        if updates:
            by_model.setdefault(part, []).append((row, list(updates)))
    for part, items in by_model.items():
        fields = sorted({f for _, names in items for f in names})
        bulk_update_with_history([row for row, _ in items], MODELS[part], fields, batch_size=500,
                                 default_user=acting_user if getattr(acting_user, "pk", None) else None)
    if not log:  # nothing differs from what is stored: no new version, no event
        evaluation.refresh_from_db()
        return EditResult(evaluation, score_total=evaluation.score_total, score_grade=evaluation.score_grade,
                          revision=evaluation.revision)
    result = _finish(evaluation, acting_user, log)
    for part, row, _ in written:  # rescoring may change any indicator's score: pages read them again
        result_rows.setdefault(part, {})[row.pk] = row_cells(part, row)
    result.rows = result_rows
    return result


def edit_indicator_cell(*, evaluation: Evaluation, acting_user, indicator_id: int, field: str, value: str,
                        old: str | None = None) -> EditResult:
    """Change one cell of an indicator (年度指标值, 实际完成值, 分值, 偏差原因分析…)."""
    return save_cells(evaluation=evaluation, acting_user=acting_user,
                      changes=[CellChange(INDICATORS, indicator_id, field, value, old)])


def edit_fund_cell(*, evaluation: Evaluation, acting_user, fund_line_id: int, field: str, value: str,
                   old: str | None = None) -> EditResult:
    """Change one amount of a fund line (年初预算数, 全年预算数, 执行数…)."""
    return save_cells(evaluation=evaluation, acting_user=acting_user,
                      changes=[CellChange(FUNDS, fund_line_id, field, value, old)])


def edit_task_cell(*, evaluation: Evaluation, acting_user, task_id: int, field: str, value: str,
                   old: str | None = None) -> EditResult:
    """Change one cell of a task (任务名称, 主要实施单位, 涉及资金…)."""
    return save_cells(evaluation=evaluation, acting_user=acting_user,
                      changes=[CellChange(TASKS, task_id, field, value, old)])


def edit_project_cell(*, evaluation: Evaluation, acting_user, project_id: int, field: str, value: str,
                      old: str | None = None) -> EditResult:
    """Change one cell of a project (项目名称, 全年预算数, 全年执行数…)."""
    return save_cells(evaluation=evaluation, acting_user=acting_user,
                      changes=[CellChange(PROJECTS, project_id, field, value, old)])


# --- adding and deleting rows -------------------------------------------------------------------------

def _next_code(existing: Iterable[str], prefix: str) -> str:
    taken = set(existing)
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


@transaction.atomic
def add_row(*, evaluation: Evaluation, acting_user, part: str, task_id: int | None = None,
            values: dict[str, str] | None = None) -> EditResult:
    """Add a row: an indicator or a project under a task, a task, or a fund line (``values`` gives
    资金来源 and 支出性质). The new row gets the next free code (任务 3, 指标 3-4…); its cells are then
    edited like any other."""
    evaluation = _editable(evaluation, acting_user)
    values = dict(values or {})
    problems: list[CellProblem] = []
    if part in (INDICATORS, PROJECTS):
        task = Task.objects.select_for_update().filter(evaluation=evaluation, pk=task_id).first()
        if task is None:
            raise EditRefused([CellProblem(part, 0, "task", str(task_id), "请选择所属的工作任务")])
    if part == INDICATORS:
        codes = Indicator.objects.filter(task__evaluation=evaluation).values_list("code", flat=True)
        level1 = Level1.from_label(values.get("level1", "") or "产出指标")
        level2 = Level2.from_label(values.get("level2", "") or "数量指标")
        if level1 is None or level2 is None or level2.level1 is not level1:
            problems.append(CellProblem(part, 0, "level2", values.get("level2", ""), "二级指标与一级指标不匹配"))
        name = cell_text(values.get("name", "")) or "新增指标"
        message = _limit_message(part, "name", name)
        if message:
            problems.append(CellProblem(part, 0, "name", name, _message(part, "name", message)))
        if problems:
            raise EditRefused(problems)
        position = (Indicator.objects.filter(task=task).order_by("-position").values_list("position", flat=True)
                    .first() or 0) + 1
        row = Indicator(task=task, code=_next_code(codes, f"{task.code}-"), level1=level1.value, level2=level2.value,
                        name=name, direction=Direction.GE.value, position=position)
    elif part == PROJECTS:
        codes = Project.objects.filter(task=task).values_list("code", flat=True)
        name = cell_text(values.get("name", "")) or "新增项目"
        row = Project(task=task, code=_next_code(codes, f"P{task.code}-"), name=name,
                      position=Project.objects.filter(task=task).count())
    elif part == TASKS:
        codes = Task.objects.filter(evaluation=evaluation).values_list("code", flat=True)
        name = cell_text(values.get("name", "")) or "新增任务"
        row = Task(evaluation=evaluation, code=_next_code(codes, ""), name=name,
                   position=Task.objects.filter(evaluation=evaluation).count())
    elif part == FUNDS:
        source = FundSource.from_label(values.get("source", ""))
        nature = FundNature.from_label(values.get("nature", ""))
        if source is None or nature is None:
            raise EditRefused([CellProblem(part, 0, "source", values.get("source", ""), "请选择资金来源和支出性质")])
        if FundLine.objects.filter(evaluation=evaluation, source=source.value, nature=nature.value).exists():
            raise EditRefused([CellProblem(part, 0, "source", source.label,
                                           f"已有“{source.label}·{nature.label}”资金行")])
        row = FundLine(evaluation=evaluation, source=source.value, nature=nature.value)
    else:
        raise EditRefused([CellProblem(part, 0, "", "", f"不能在此添加“{part}”")])
    message = _limit_message(part, "name", getattr(row, "name", ""))
    if message:
        raise EditRefused([CellProblem(part, 0, "name", row.name, _message(part, "name", message))])
    row.save()
    return _finish(evaluation, acting_user, [{"part": part, "id": row.pk, "label": _label(part, row), "field": "",
                                              "field_label": "", "before": "", "after": "新增"}])


def deletion_text(part: str, row) -> str:
    """What deleting ``row`` deletes, for the confirmation step."""
    if part == TASKS:
        projects, indicators = row.projects.count(), row.indicators.count()
        return f"{_label(part, row)}（连同其 {projects} 个项目、{indicators} 个指标）"
    return _label(part, row)


@transaction.atomic
def delete_row(*, evaluation: Evaluation, acting_user, part: str, row_id: int, confirmed: bool = False) -> EditResult:
    """Delete a row (a task with its projects and indicators). Refused with the list of what would be
    deleted (:class:`RowDeletionNotConfirmed`) until ``confirmed``; the deletion is in the history and the
    event names what was deleted."""
    evaluation = _editable(evaluation, acting_user)
    if part not in MODELS:
        raise EditRefused([CellProblem(part, row_id, "", "", f"不能在此删除“{part}”")])
    row = _rows(part, evaluation, [row_id]).get(row_id)
    if row is None:
        raise EditRefused([CellProblem(part, row_id, "", "", "此行已被他人删除，请刷新页面", "conflict")])
    what = deletion_text(part, row)
    if not confirmed:
        raise RowDeletionNotConfirmed(f"将删除{what}，删除后只能从操作记录中查到，确认删除吗？")
    label = _label(part, row)
    row.delete()
    return _finish(evaluation, acting_user, [{"part": part, "id": row_id, "label": label, "field": "",
                                              "field_label": "", "before": what, "after": "已删除"}])


# --- report sections --------------------------------------------------------------------------------

@transaction.atomic
def save_section(*, evaluation: Evaluation, acting_user, key: str, text: str, old: str | None = None) -> EditResult:
    """Save a report section's text as a person wrote it (marked 人工编辑: a redraft keeps it)."""
    evaluation = _editable(evaluation, acting_user)
    section = ReportSection.objects.select_for_update().filter(evaluation=evaluation, key=key).first()
    if section is None:
        raise EditRefused([CellProblem(SECTIONS, 0, "text", key, f"没有章节“{key}”")])
    text = cell_text(text)
    if old is not None and cell_text(old) != section.text:
        raise EditRefused([CellProblem(SECTIONS, section.pk, "text", text, kind="conflict", stored=section.text,
                                       message=f"“{section.title}”已被他人修改，请核对后再保存")])
    message = _limit_message(SECTIONS, "text", text)
    if message:
        raise EditRefused([CellProblem(SECTIONS, section.pk, "text", text[:40], _message(SECTIONS, "text", message))])
    if text == section.text and section.edited:
        evaluation.refresh_from_db()
        return EditResult(evaluation, score_total=evaluation.score_total, score_grade=evaluation.score_grade,
                          revision=evaluation.revision)
    before = section.text
    section.text, section.edited = text, True
    section.save()
    return _finish(evaluation, acting_user, [{"part": SECTIONS, "id": section.pk, "label": section.title,
                                              "field": "text", "field_label": "正文", "before": _short(before),
                                              "after": _short(text)}])


@transaction.atomic
def redraft_sections(*, evaluation: Evaluation, acting_user) -> EditResult:
    """按数据重新起草: write the fresh draft into every section no person changed (edited text is kept,
    always); the event lists the sections drafted and those kept."""
    from jixiao.narrative import redraft

    evaluation = _editable(evaluation, acting_user)
    changes = redraft(document_for(evaluation))
    stored = {s.key: s for s in ReportSection.objects.select_for_update().filter(evaluation=evaluation)}
    log, kept = [], []
    for change in changes:
        if not change.applies:
            kept.append(change.title)
            continue
        section = stored.get(change.key)
        if section is not None and section.edited:  # never overwrite what a person wrote
            kept.append(change.title)
            continue
        if section is None:
            section = ReportSection(evaluation=evaluation, key=change.key, title=change.title)
        before = section.text
        section.text, section.edited = change.new, False
        section.save()
        log.append({"part": SECTIONS, "id": section.pk, "label": change.title, "field": "text", "field_label": "正文",
                    "before": _short(before), "after": _short(change.new)})
    if not log:
        evaluation.refresh_from_db()
        return EditResult(evaluation, score_total=evaluation.score_total, score_grade=evaluation.score_grade,
                          revision=evaluation.revision)
    return _finish(evaluation, acting_user, log, reason="按数据重新起草", extra={"kept": kept})


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[:length] + "…"


# --- downloads ------------------------------------------------------------------------------------------

@transaction.atomic
def record_download(*, evaluation: Evaluation, acting_user, what: str, file_name: str = "") -> None:
    """Record that ``acting_user`` downloaded ``what`` (自评报告（PDF）, 部门整体支出绩效自评表…) of an
    evaluation they may see (the workbook is recorded by :func:`services.record_export`)."""
    if not Evaluation.objects.for_user(acting_user, Action.VIEW).filter(pk=evaluation.pk).exists():
        raise NotPermitted(f"{acting_user}不能查看{evaluation}")
    record_event(actor=acting_user, verb=EventVerb.DOWNLOAD, obj=evaluation,
                 data={"what": what, "file_name": file_name})
