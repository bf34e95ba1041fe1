"""The one module that maps database rows to an evaluation document and back.

Reading uses ``values()`` queries (a few per evaluation, or a few per batch with
:func:`documents_for`), so scoring a province does not instantiate model objects. Writing syncs
children by their codes, so re-importing an edited workbook updates the same rows and their history
shows what changed. Parts of the document kept by other apps (monitoring snapshots) are read and
written by the stores those apps register (:func:`register_part_store`), so this app never imports them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from jixiao.domain.document import (
    Adjustment,
    EvaluationDocument,
    Fact,
    FundLine,
    Indicator,
    Project,
    ReportSection,
    Task,
    Unit,
)
from jixiao.domain.enums import (
    AdjustmentKind,
    AdjustmentStatus,
    Direction,
    EvaluationKind,
    EvaluationStatus,
    FundNature,
    FundSource,
    Level1,
    Level2,
    QualitativeGrade,
)
from jixiao.domain.numbers import canonical
from jixiao.domain.values import ParsedValue, read_grade, unread_wording
from jixiao.orgs.models import Unit as UnitRow

from jixiao.evaluations import models as m

_PART_STORES: list = []


def register_part_store(store) -> None:
    """Let another app keep a part of the document: ``store.field`` names the document's tuple,
    ``store.read(evaluation_ids)`` returns it per evaluation, ``store.write(evaluation, items)`` syncs it."""
    if all(existing.field != store.field for existing in _PART_STORES):
        _PART_STORES.append(store)


_INDICATOR_FIELDS = ("code", "level1", "level2", "name", "direction", "unit", "target_text", "target_value",
                     "actual_text", "actual_value", "actual_grade", "weight", "self_score", "deviation_reason",
                     "improvement", "target_basis", "applicable")


def document_for(evaluation: m.Evaluation, *, stored: dict | None = None) -> EvaluationDocument:
    """The evaluation document of one stored evaluation (``stored``: as in :func:`read_documents`)."""
    return next(iter(read_documents(m.Evaluation.objects.filter(pk=evaluation.pk), stored=stored)))


def documents_for(evaluations) -> Iterable[EvaluationDocument]:
    """Documents for a queryset of evaluations, reading each table once per batch of evaluations."""
    return read_documents(evaluations)


def read_documents(evaluations, *, stored: dict | None = None) -> Iterable[EvaluationDocument]:
    """:func:`documents_for`; with ``stored`` (a dict), the same read of the indicators also fills it
    with each evaluation's stored scores: evaluation id -> {indicator id: (code, score, score_explanation)}."""
    rows = list(evaluations.values(
        "id", "year", "kind", "rule_pack", "status", "stated_total", "stated_grade",
        "department_id", "department__code", "department__name", "department__self_name",
        "department__region__code", "department__region__name",
    ))
    ids = [row["id"] for row in rows]

    def group(queryset, key="evaluation_id"):
        grouped = defaultdict(list)
        for item in queryset:
            grouped[item[key]].append(item)
        return grouped

    funds = group(m.FundLine.objects.filter(evaluation_id__in=ids).order_by("id").values())
    tasks = group(m.Task.objects.filter(evaluation_id__in=ids).order_by("position", "id").values())
    task_ids = [t["id"] for ts in tasks.values() for t in ts]
    projects = group(m.Project.objects.filter(task_id__in=task_ids).order_by("position", "id").values(), "task_id")
    indicators = _indicators_by_task(task_ids, stored,
                                     {t["id"]: t["evaluation_id"] for ts in tasks.values() for t in ts})
    sections = group(m.ReportSection.objects.filter(evaluation_id__in=ids).order_by("id").values())
    facts = group(m.Fact.objects.filter(evaluation_id__in=ids).order_by("id").values())
    adjustments = group(m.Adjustment.objects.filter(evaluation_id__in=ids).order_by("requested_on", "id").values())
    parts = {store.field: store.read(ids) for store in _PART_STORES}
    units = group(UnitRow.objects.filter(department_id__in={r["department_id"] for r in rows})
                  .order_by("code").values(), "department_id")

    for row in rows:
        eid = row["id"]
        yield EvaluationDocument(
            region_code=row["department__region__code"], region_name=row["department__region__name"],
            department_code=row["department__code"], department_name=row["department__name"],
            self_name=row["department__self_name"], year=row["year"], kind=EvaluationKind(row["kind"]),
            rule_pack=row["rule_pack"], status=EvaluationStatus(row["status"]),
            self_total=canonical(row["stated_total"]), self_grade=row["stated_grade"],
            units=tuple(Unit(code=u["code"], name=u["name"], duties=u["duties"]) for u in units[row["department_id"]]),
            fund_lines=tuple(
                FundLine(source=FundSource(f["source"]), nature=FundNature(f["nature"]),
                         initial_budget=canonical(f["initial_budget"]),
                         full_year_budget=canonical(f["full_year_budget"]), executed=canonical(f["executed"]),
                         carryover=canonical(f["carryover"]), prior_year_carryover=canonical(f["prior_year_carryover"]))
                for f in funds[eid]
            ),
            tasks=tuple(
                Task(code=t["code"], name=t["name"], description=t["description"],
                     responsible_unit=t["responsible_unit"], funds=canonical(t["funds"]), summary=t["summary"],
                     projects=tuple(_project(p) for p in projects[t["id"]]),
                     indicators=tuple(indicators.get(t["id"], ())))
                for t in tasks[eid]
            ),
            **{field: items.get(eid, ()) for field, items in parts.items()},
            adjustments=tuple(
                Adjustment(kind=AdjustmentKind(a["kind"]), subject=a["subject"], before=a["before"], after=a["after"],
                           reason=a["reason"], status=AdjustmentStatus(a["status"]),
                           requested_on=a["requested_on"], decided_on=a["decided_on"])
                for a in adjustments[eid]
            ),
            sections=tuple(ReportSection(key=s["key"], title=s["title"], text=s["text"], edited=s["edited"])
                           for s in sections[eid]),
            facts=tuple(Fact(key=f["key"], value=f["value"], note=f["note"]) for f in facts[eid]),
        )


def _indicators_by_task(task_ids: list[int], stored: dict | None, evaluation_of: dict) -> dict[int, list[Indicator]]:
    """The indicators of these tasks as document objects, per task in their order; one query, rows as
    tuples (no dict per row), each enum value looked up once (see ``stored`` in :func:`read_documents`)."""
    extra = ("id", "score", "score_explanation") if stored is not None else ()
    build = _IndicatorBuilder()
    by_task: dict[int, list[Indicator]] = defaultdict(list)
    width = len(_INDICATOR_FIELDS) + 1
    rows = list(m.Indicator.objects.filter(task_id__in=task_ids).order_by()
                .values_list("task_id", *_INDICATOR_FIELDS, *extra, "position", "id"))
    # put in order here: the server's sort of these wide rows was most of the query's time
    rows.sort(key=itemgetter(-2, -1))
    for values in rows:
        task_id = values[0]
        indicator = build(*values[1:width])
        by_task[task_id].append(indicator)
        if extra:
            pk, score, explanation = values[width:width + 3]
            stored.setdefault(evaluation_of[task_id], {})[pk] = (indicator.code, score, explanation)
    return by_task


def _project(p: dict) -> Project:
    return Project(code=p["code"], name=p["name"], unit=p["unit"], budget=canonical(p["budget"]),
                   executed=canonical(p["executed"]), initial_budget=canonical(p["initial_budget"]),
                   prior_year_carryover=canonical(p["prior_year_carryover"]),
                   other_funds=canonical(p["other_funds"]), goal=p["goal"], goal_result=p["goal_result"])


class _IndicatorBuilder:
    """An indicator row (the columns of ``_INDICATOR_FIELDS``, in order) as a document ``Indicator``.
    One builder per read: each enum value is looked up once, and a qualitative text's grade read once."""

    def __init__(self):
        self._enums: dict = {}
        self._grades: dict = {}
        self._unread_texts: dict = {}
        # Values (frozen) and canonical numbers shared by every row that reads the same: province
        # texts repeat a lot, and building them was most of the read of a re-score's documents.
        self._targets: dict = {}
        self._actuals: dict = {}
        self._numbers: dict = {}

    def _canonical(self, value):
        if not value:  # None, and a zero whose sign a cache keyed by value would lose
            return canonical(value)
        found = self._numbers.get(value)
        if found is None:
            found = self._numbers[value] = canonical(value)
        return found

    def _enum(self, kind, value):
        found = self._enums.get((kind, value))
        if found is None:
            found = self._enums[kind, value] = kind(value)
        return found

    def _grade(self, text: str):
        if text not in self._grades:
            self._grades[text] = read_grade(text)
        return self._grades[text]

    def _unread(self, target_text: str, actual_text: str) -> str:
        key = (target_text, actual_text)
        if key not in self._unread_texts:
            self._unread_texts[key] = unread_wording(target_text, actual_text)
        return self._unread_texts[key]

    def __call__(self, code, level1, level2, name, direction, unit, target_text, target_value, actual_text,
                 actual_value, actual_grade, weight, self_score, deviation_reason, improvement, target_basis,
                 applicable) -> Indicator:
        direction = self._enum(Direction, direction)
        qualitative = direction is Direction.QUALITATIVE
        # keyed by the stored number (equal numbers read the same), a zero by its text (its sign)
        key = (target_text, direction, unit, target_value if target_value else str(target_value))
        target = self._targets.get(key)
        if target is None:
            target = self._targets[key] = ParsedValue(
                target_text, direction, self._canonical(target_value), unit,
                self._grade(target_text) if qualitative and target_text else None)
        key = (actual_text, unit, actual_grade, actual_value if actual_value else str(actual_value))
        actual = self._actuals.get(key)
        if actual is None:
            actual = self._actuals[key] = ParsedValue(
                actual_text, None, self._canonical(actual_value), unit if actual_text else "",
                self._enum(QualitativeGrade, actual_grade) if actual_grade else None)
        return Indicator(code=code, level1=self._enum(Level1, level1), level2=self._enum(Level2, level2), name=name,
                         target=target, actual=actual, direction=direction, unit=unit,
                         weight=self._canonical(weight), self_score=self._canonical(self_score),
                         deviation_reason=deviation_reason, improvement=improvement,
                         target_basis=target_basis, applicable=applicable,
                         # a published table's row whose wording is not known stays unverifiable once stored
                         unread=self._unread(target_text, actual_text) if qualitative and (
                             actual_text and not actual_grade or target.grade is None and target_text)
                         else "")


def _indicator(i: dict, build: _IndicatorBuilder | None = None) -> Indicator:
    return (build or _IndicatorBuilder())(*(i[name] for name in _INDICATOR_FIELDS))


# --- writing ------------------------------------------------------------------------------------

def sync_rows(model, existing: dict, wanted: dict, fields: tuple[str, ...]) -> dict[str, int]:
    """Bring rows keyed as in ``existing`` (key -> instance) to ``wanted`` (key -> unsaved instance):
    create new keys, update changed fields, delete missing keys. History is kept for each change."""
    created = [obj for key, obj in wanted.items() if key not in existing]
    changed = []
    for key, obj in wanted.items():
        row = existing.get(key)
        if row is None:
            continue
        obj.pk = row.pk
        if any(getattr(row, f) != getattr(obj, f) for f in fields):
            for f in fields:
                setattr(row, f, getattr(obj, f))
            changed.append(row)
    removed = [row.pk for key, row in existing.items() if key not in wanted]
    if created:
        bulk_create_with_history(created, model, batch_size=1000)
    if changed:
        bulk_update_with_history(changed, model, list(fields), batch_size=1000)
    if removed:
        for row in model.objects.filter(pk__in=removed):
            row.delete()  # one by one, so each deletion is in the history
    return {"created": len(created), "updated": len(changed), "deleted": len(removed)}


def write_document(evaluation: m.Evaluation, doc: EvaluationDocument) -> dict[str, dict[str, int]]:
    """Store ``doc``'s content under ``evaluation`` (call inside a transaction). Returns counts per table."""
    counts = {}
    counts["资金"] = sync_rows(
        m.FundLine,
        {(f.source, f.nature): f for f in evaluation.fund_lines.all()},
        {(f.source.value, f.nature.value): m.FundLine(
            evaluation=evaluation, source=f.source.value, nature=f.nature.value, initial_budget=f.initial_budget,
            full_year_budget=f.full_year_budget, executed=f.executed, carryover=f.carryover,
            prior_year_carryover=f.prior_year_carryover) for f in doc.fund_lines},
        ("initial_budget", "full_year_budget", "executed", "carryover", "prior_year_carryover"),
    )
    task_fields = ("name", "description", "responsible_unit", "funds", "summary", "position")
    counts["任务"] = sync_rows(
        m.Task,
        {t.code: t for t in evaluation.tasks.all()},
        {t.code: m.Task(evaluation=evaluation, code=t.code, name=t.name, description=t.description,
                        responsible_unit=t.responsible_unit, funds=t.funds, summary=t.summary, position=pos)
         for pos, t in enumerate(doc.tasks)},
        task_fields,
    )
    task_rows = {t.code: t for t in evaluation.tasks.all()}
    project_fields = ("name", "unit", "initial_budget", "budget", "executed", "prior_year_carryover", "other_funds",
                      "goal", "goal_result", "position")
    indicator_fields = ("level1", "level2", "name", "direction", "unit", "target_text", "target_value", "actual_text",
                        "actual_value", "actual_grade", "weight", "self_score", "deviation_reason", "improvement",
                        "target_basis", "applicable", "position")
    project_counts, indicator_counts = [], []
    existing_projects = defaultdict(dict)
    for p in m.Project.objects.filter(task__evaluation=evaluation):
        existing_projects[p.task_id][p.code] = p
    existing_indicators = defaultdict(dict)
    for i in m.Indicator.objects.filter(task__evaluation=evaluation):
        existing_indicators[i.task_id][i.code] = i
    wanted_projects, wanted_indicators, old_projects, old_indicators = {}, {}, {}, {}
    for t in doc.tasks:
        row = task_rows[t.code]
        for code, obj in existing_projects[row.pk].items():
            old_projects[(row.pk, code)] = obj
        for code, obj in existing_indicators[row.pk].items():
            old_indicators[(row.pk, code)] = obj
        for pos, p in enumerate(t.projects):
            wanted_projects[(row.pk, p.code)] = m.Project(
                task=row, code=p.code, name=p.name, unit=p.unit, initial_budget=p.initial_budget, budget=p.budget,
                executed=p.executed, prior_year_carryover=p.prior_year_carryover, other_funds=p.other_funds,
                goal=p.goal, goal_result=p.goal_result, position=pos)
        for pos, i in enumerate(t.indicators):
            wanted_indicators[(row.pk, i.code)] = m.Indicator(
                task=row, code=i.code, level1=i.level1.value, level2=i.level2.value, name=i.name,
                direction=i.direction.value, unit=i.unit, target_text=i.target.text, target_value=i.target.number,
                actual_text=i.actual.text, actual_value=i.actual.number,
                actual_grade=i.actual.grade.value if i.actual.grade else "", weight=i.weight,
                self_score=i.self_score, deviation_reason=i.deviation_reason, improvement=i.improvement,
                target_basis=i.target_basis, applicable=i.applicable, position=pos)
    project_counts = sync_rows(m.Project, old_projects, wanted_projects, project_fields)
    indicator_counts = sync_rows(m.Indicator, old_indicators, wanted_indicators, indicator_fields)
    counts["项目"] = project_counts
    counts["指标"] = indicator_counts
    counts["报告"] = sync_rows(
        m.ReportSection,
        {s.key: s for s in evaluation.sections.all()},
        {s.key: m.ReportSection(evaluation=evaluation, key=s.key, title=s.title, text=s.text, edited=s.edited)
         for s in doc.sections},
        ("title", "text", "edited"),
    )
    m.Fact.objects.filter(evaluation=evaluation).delete()
    m.Fact.objects.bulk_create(m.Fact(evaluation=evaluation, key=f.key, value=f.value, note=f.note) for f in doc.facts)
    counts["调整"] = _sync_adjustments(evaluation, doc.adjustments)
    for store in _PART_STORES:
        counts[store.label] = store.write(evaluation, getattr(doc, store.field))
    return counts


def _adjustment_key(kind: str, subject: str, before: str, after: str) -> tuple[str, str, str, str]:
    return (kind, subject.strip(), before.strip(), after.strip())


def _sync_adjustments(evaluation: m.Evaluation, adjustments) -> dict[str, int]:
    """Match the document's adjustments to the stored ones by their natural key (kind, subject, before,
    after; a repeated key by its order), then the rest as the import plan does (kind, subject, 申请日期:
    a pending request whose values were edited), and change only what the document carries and changed.

    The workbook carries no requester, decider nor 审批意见, so a matched row keeps them. An adjustment
    requested or decided in the application (it has a requester or a decider) keeps its status and
    dates too: its decision is made by :func:`jixiao.cycle.adjustments.decide_adjustment`, never by an
    import; the workbook's text (reason, and the values of one still pending) applies. An empty date in
    the workbook keeps the stored one."""
    rows = list(m.Adjustment.objects.filter(evaluation=evaluation).order_by("requested_on", "id"))
    by_value, seen = {}, defaultdict(int)
    for row in rows:
        key = _adjustment_key(row.kind, row.subject, row.before, row.after)
        by_value[key + (seen[key],)] = row
        seen[key] += 1
    matched, unmatched, seen = {}, [], defaultdict(int)
    for n, a in enumerate(adjustments):
        key = _adjustment_key(a.kind.value, a.subject, a.before, a.after)
        key, seen[key] = key + (seen[key],), seen[key] + 1
        if key in by_value:
            matched[n] = by_value.pop(key)
        else:
            unmatched.append(n)
    left = {}
    for row in by_value.values():
        left.setdefault((row.kind, row.subject.strip(), row.requested_on), []).append(row)
    for n in unmatched:
        a = adjustments[n]
        same = left.get((a.kind.value, a.subject.strip(), a.requested_on)) if a.requested_on else None
        if same and same[0].status == AdjustmentStatus.PENDING.value:
            matched[n] = same.pop(0)
    existing, wanted = {}, {}
    for n, a in enumerate(adjustments):
        obj = m.Adjustment(evaluation=evaluation, kind=a.kind.value, subject=a.subject, before=a.before,
                           after=a.after, reason=a.reason, status=a.status.value, requested_on=a.requested_on,
                           decided_on=a.decided_on)
        row = matched.get(n)
        if row is not None:
            existing[n] = row
            obj.requested_by_id, obj.decided_by_id, obj.decision_reason = (
                row.requested_by_id, row.decided_by_id, row.decision_reason)
            obj.requested_on = a.requested_on or row.requested_on
            obj.decided_on = a.decided_on or row.decided_on
            if row.requested_by_id or row.decided_by_id:
                obj.status, obj.decided_on = row.status, row.decided_on
        wanted[n] = obj
    matched_ids = {row.pk for row in existing.values()}
    for row in rows:
        if row.pk not in matched_ids:
            existing[("gone", row.pk)] = row
    return sync_rows(m.Adjustment, existing, wanted, ("before", "after", "reason", "status", "requested_on", "decided_on"))


def sync_units(department, units: Iterable[Unit]) -> None:
    """Create or update the department's units by code (units listed in a document are never deleted)."""
    for unit in units:
        UnitRow.objects.update_or_create(department=department, code=unit.code or unit.name[:40],
                                         defaults={"name": unit.name, "duties": unit.duties})


def reread_values(evaluation: m.Evaluation) -> int:
    """Read the stored indicators' values again from their texts as written, with today's wording
    lists (values.yaml and qualitative.yaml are data and change): the parsed number and grade stored
    beside each text are a cache of it. A text today's lists no longer read keeps its cache (the
    import refuses such text; a stored one is not lost). Returns how many rows changed.

    The rows are read as tuples and each distinct wording parsed once (:class:`ValueReader`, the
    reading of ``Indicator.clean``): a model instance per row cost more than the parsing."""
    reader = ValueReader()
    changed = {}
    for pk, direction, unit, target_text, actual_text, *cached in (
            m.Indicator.objects.filter(task__evaluation=evaluation)
            .values_list("id", "direction", "unit", "target_text", "actual_text", *REREAD_FIELDS[2:])):
        read = reader.read(direction, unit, target_text, actual_text)
        if read is not None and read != (direction, unit, *cached):
            changed[pk] = read
    write_values(changed)
    return len(changed)


def write_values(reread: dict) -> None:
    """Store values read again: indicator id -> (direction, unit, target_value, actual_value, actual_grade)."""
    m.Indicator.objects.bulk_update([m.Indicator(pk=pk, **dict(zip(REREAD_FIELDS, read))) for pk, read in reread.items()],
                                    list(REREAD_FIELDS), batch_size=1000)


# --- reading for re-scoring many evaluations ----------------------------------------------------

SCORING_INDICATOR_FIELDS = ("id", "task__evaluation_id", "code", "level1", "level2", "name", "direction", "unit",
                            "target_text", "target_value", "actual_text", "actual_value", "actual_grade", "weight",
                            "self_score", "applicable", "score")
REREAD_FIELDS = ("direction", "unit", "target_value", "actual_value", "actual_grade")


class ValueReader:
    """:meth:`Indicator.clean <jixiao.evaluations.models.Indicator.clean>`'s reading of the values from
    their texts, for many rows: each distinct text is parsed once (province texts repeat a lot)."""

    def __init__(self):
        self._targets: dict = {}
        self._actuals: dict = {}

    def read(self, direction: str, unit: str, target_text: str, actual_text: str) -> tuple | None:
        """(direction, unit, target_value, actual_value, actual_grade) as ``clean`` would store them,
        or ``None`` when today's lists no longer read the texts (the stored cache is kept)."""
        from jixiao.domain.values import ValueParseError, parse_value

        key = (target_text, direction, unit)
        target = self._targets.get(key)
        if target is None:
            try:
                target = parse_value(target_text, direction=direction or None, unit=unit, target=True)
            except ValueParseError:
                target = False
            self._targets[key] = target
        if target is False:
            return None
        read_direction = Direction(direction) if direction else (target.direction or Direction.GE)
        qualitative = read_direction is Direction.QUALITATIVE or None
        key = (actual_text, target.unit, qualitative)
        actual = self._actuals.get(key)
        if actual is None:
            try:
                actual = parse_value(actual_text, unit=target.unit, qualitative=qualitative)
            except ValueParseError:
                actual = False
            self._actuals[key] = actual
        if actual is False:
            return None
        return (read_direction.value, target.unit, target.number, actual.number,
                actual.grade.value if actual.grade else "")


@dataclass
class ScoringBatch:
    """What re-scoring a batch of evaluations reads: per evaluation (in ``rows`` order) a document
    holding what scoring uses (no report text, units or monitoring), its indicator rows as
    (id, code, stored score), and the indicators whose values read differently today."""

    rows: list[dict]
    documents: list[EvaluationDocument]
    indicators: list[list[tuple]]
    reread: list[dict]  # id -> (direction, unit, target_value, actual_value, actual_grade) to store

    @property
    def indicator_count(self) -> int:
        return sum(len(rows) for rows in self.indicators)


def scoring_batch(evaluation_rows: list[dict], reader: ValueReader | None = None) -> ScoringBatch:
    """Read the scoring columns of the evaluations in ``evaluation_rows`` (dicts with id, year, kind,
    rule_pack, department__name…) in one query per table, the values read again from their texts
    as :func:`reread_values` does, laid out as documents the way :func:`documents_for` would."""
    reader = reader or ValueReader()
    ids = [row["id"] for row in evaluation_rows]
    funds, facts, tasks, projects = defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list)
    for f in m.FundLine.objects.filter(evaluation_id__in=ids).order_by("id").values():
        funds[f["evaluation_id"]].append(FundLine(
            source=FundSource(f["source"]), nature=FundNature(f["nature"]),
            initial_budget=canonical(f["initial_budget"]), full_year_budget=canonical(f["full_year_budget"]),
            executed=canonical(f["executed"]), carryover=canonical(f["carryover"]),
            prior_year_carryover=canonical(f["prior_year_carryover"])))
    for f in m.Fact.objects.filter(evaluation_id__in=ids).order_by("id").values_list("evaluation_id", "key", "value",
                                                                                    "note"):
        facts[f[0]].append(Fact(key=f[1], value=f[2], note=f[3]))
    task_rows = list(m.Task.objects.filter(evaluation_id__in=ids).order_by("position", "id")
                     .values_list("id", "evaluation_id", "code", "name", "funds"))
    for p in m.Project.objects.filter(task__evaluation_id__in=ids).order_by("position", "id").values():
        projects[p["task_id"]].append(_project(p))
    by_task: dict = defaultdict(list)
    reread: dict = {}
    indicator_rows: dict = defaultdict(list)
    fields = SCORING_INDICATOR_FIELDS
    build = _IndicatorBuilder()
    for values in (m.Indicator.objects.filter(task__evaluation_id__in=ids).order_by("position", "id")
                   .values_list("task_id", *fields)):
        task_id, row = values[0], dict(zip(fields, values[1:]))
        read = reader.read(row["direction"], row["unit"], row["target_text"], row["actual_text"])
        if read is not None and read != tuple(row[f] for f in REREAD_FIELDS):
            reread[row["id"]] = read
            row.update(zip(REREAD_FIELDS, read))
        row.update(deviation_reason="", improvement="", target_basis="")
        by_task[task_id].append(_indicator(row, build))
        indicator_rows[task_id].append((row["id"], row["code"], row["score"]))
    for task_id, evaluation_id, code, name, task_funds in task_rows:
        tasks[evaluation_id].append(Task(code=code, name=name, funds=canonical(task_funds),
                                         projects=tuple(projects[task_id]), indicators=tuple(by_task[task_id])))
        indicator_rows[evaluation_id, "e"].extend(indicator_rows[task_id])
    documents = [EvaluationDocument(
        region_code="", region_name="", department_code="", department_name=row["department__name"],
        self_name="", year=row["year"], kind=EvaluationKind(row["kind"]), rule_pack=row["rule_pack"],
        fund_lines=tuple(funds[row["id"]]), tasks=tuple(tasks[row["id"]]), facts=tuple(facts[row["id"]]))
        for row in evaluation_rows]
    return ScoringBatch(evaluation_rows, documents, [indicator_rows[row["id"], "e"] for row in evaluation_rows],
                        reread)
