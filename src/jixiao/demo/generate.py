"""``jixiao generate``: write a synthetic province into the database, fast.

The documents are made and scored (pure work, no database) in batches, by several processes when
asked (:func:`generate_province`); each batch is then written in one transaction as plain rows (COPY
on PostgreSQL, :mod:`jixiao.common.bulk`), with no model instance per row.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.db import connections, transaction
from django.utils import timezone

from jixiao.assessment import assess
from jixiao.common.bulk import insert_rows, reserve_ids
from jixiao.demo.synthetic import documents, regions
from jixiao.domain.document import EvaluationDocument
from jixiao.evaluations import models as m
from jixiao.orgs.models import Department, Region
from jixiao.usecases.review import finding_counts

SYNTHETIC_REGION_PREFIX = "99"  # region codes of synthetic data: no real 行政区划 code starts with 99

EVALUATION_COLUMNS = ("department_id", "year", "kind", "project_code", "rule_pack", "status", "score_total",
                      "score_grade", "error_count", "warning_count")
FUND_COLUMNS = ("evaluation_id", "source", "nature", "initial_budget", "full_year_budget", "executed", "carryover")
FACT_COLUMNS = ("evaluation_id", "key", "value")
TASK_COLUMNS = ("evaluation_id", "code", "name", "responsible_unit", "funds", "position")
PROJECT_COLUMNS = ("task_id", "code", "name", "unit", "initial_budget", "budget", "executed", "position")
INDICATOR_COLUMNS = ("task_id", "code", "level1", "level2", "name", "direction", "unit", "target_text",
                     "target_value", "actual_text", "actual_value", "actual_grade", "weight", "deviation_reason",
                     "target_basis", "position", "score", "score_explanation")


def _batches(items: Iterable, size: int):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def has_synthetic_data() -> bool:
    """Whether the database already holds a synthetic province."""
    return m.Evaluation.objects.filter(department__region__code__startswith=SYNTHETIC_REGION_PREFIX).exists()


# --- pure: documents → rows (the first column of a child row is its parent's place in the batch) ---

def prepare_batch(batch: list[EvaluationDocument]) -> dict[str, list[tuple]]:
    """The rows of a batch of documents, scored and reviewed by the engine as ``import_document`` would
    (the review counts stored too, so that a re-score finds them and takes the fast path)."""
    rows = {"departments": [], "evaluations": [], "funds": [], "facts": [], "tasks": [], "projects": [],
            "indicators": []}
    for e, doc in enumerate(batch):
        assessment = assess(doc)
        result = assessment.result  # synthetic documents always score
        items = {item.indicator_code: item for item in result.items if item.indicator_code}
        rows["departments"].append((doc.department_code, doc.department_name, doc.region_code))
        project_code = doc.projects[0].code if doc.kind.value == "project" and doc.projects else ""
        rows["evaluations"].append((doc.department_code, doc.year, doc.kind.value, project_code, doc.rule_pack,
                                    doc.status.value, result.total, result.grade, *finding_counts(assessment)))
        rows["funds"].extend((e, f.source.value, f.nature.value, f.initial_budget, f.full_year_budget, f.executed,
                              f.carryover) for f in doc.fund_lines)
        rows["facts"].extend((e, f.key, f.value) for f in doc.facts)
        for pos, t in enumerate(doc.tasks):
            task = len(rows["tasks"])
            rows["tasks"].append((e, t.code, t.name, t.responsible_unit, t.funds, pos))
            rows["projects"].extend((task, p.code, p.name, p.unit, p.initial_budget, p.budget, p.executed, n)
                                    for n, p in enumerate(t.projects))
            for n, i in enumerate(t.indicators):
                item = items[i.code]
                rows["indicators"].append((
                    task, i.code, i.level1.value, i.level2.value, i.name, i.direction.value, i.unit, i.target.text,
                    i.target.number, i.actual.text, i.actual.number, i.actual.grade.value if i.actual.grade else "",
                    i.weight, i.deviation_reason, i.target_basis, n, item.score, item.explanation))
    return rows


def _prepare_departments(args) -> dict[str, list[tuple]]:
    """In a worker process: the rows of some departments' documents."""
    spec, only = args
    return prepare_batch(list(documents(**spec, only=only)))


# --- the database -------------------------------------------------------------------------------

class _Writer:
    def __init__(self, departments: int):
        self.counts = {"departments": 0, "evaluations": 0, "tasks": 0, "indicators": 0}
        self.regions = {}
        for region in regions(departments):
            self.regions[region.code], _ = Region.objects.get_or_create(
                code=region.code, defaults={"name": region.name, "parent": self.regions.get(region.parent_code)})
        self.departments: dict[str, int] = dict(Department.objects.filter(
            region__code__startswith=SYNTHETIC_REGION_PREFIX).values_list("code", "pk"))

    def write(self, rows: dict[str, list[tuple]]) -> None:
        with transaction.atomic():
            new = []
            for code, name, region in rows["departments"]:
                if code not in self.departments:
                    self.departments[code] = None
                    new.append(Department(region=self.regions[region], code=code, name=name))
            for dept in Department.objects.bulk_create(new):
                self.departments[dept.code] = dept.pk
            now = timezone.now()
            evaluations = reserve_ids(m.Evaluation, len(rows["evaluations"]))
            insert_rows(m.Evaluation, ("id", *EVALUATION_COLUMNS, "scored_at"),
                        ((pk, self.departments[row[0]], *row[1:], now) for pk, row in zip(evaluations, rows["evaluations"])))
            insert_rows(m.FundLine, FUND_COLUMNS, _parents(rows["funds"], evaluations))
            insert_rows(m.Fact, FACT_COLUMNS, _parents(rows["facts"], evaluations))
            tasks = reserve_ids(m.Task, len(rows["tasks"]))
            insert_rows(m.Task, ("id", *TASK_COLUMNS),
                        ((pk, *row) for pk, row in zip(tasks, _parents(rows["tasks"], evaluations))))
            insert_rows(m.Project, PROJECT_COLUMNS, _parents(rows["projects"], tasks))
            insert_rows(m.Indicator, INDICATOR_COLUMNS, _parents(rows["indicators"], tasks))
        self.counts["departments"] += len(new)
        self.counts["evaluations"] += len(evaluations)
        self.counts["tasks"] += len(tasks)
        self.counts["indicators"] += len(rows["indicators"])


def _parents(rows: list[tuple], ids: list[int]) -> Iterator[tuple]:
    for row in rows:
        yield (ids[row[0]], *row[1:])


def write_synthetic(docs: Iterable[EvaluationDocument], *, departments: int, batch_size: int = 200,
                    progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Write documents (no history rows, no per-row signals), scored as ``import_document`` would;
    returns row counts. ``departments``: the size of the province they come from (its regions)."""
    writer = _Writer(departments)
    for batch in _batches(docs, batch_size):
        writer.write(prepare_batch(batch))
        if progress:
            progress(writer.counts["evaluations"])
    if not connections["default"].in_atomic_block:
        analyze()
    return writer.counts


def generate_province(departments: int, years: tuple[int, ...], seed: int, *, tasks_per_department: int = 10,
                      indicators_per_task: int = 8, processes: int | None = None, batch_departments: int = 50,
                      progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """The synthetic province of ``documents(departments, years, seed, …)`` in the database: the same
    rows as :func:`write_synthetic` of those documents, made and scored by ``processes`` worker
    processes (default: one per CPU) while this one writes."""
    spec = {"departments": departments, "years": years, "seed": seed, "tasks_per_department": tasks_per_department,
            "indicators_per_task": indicators_per_task}
    writer = _Writer(departments)
    slices = [(spec, range(start, min(start + batch_departments, departments)))
              for start in range(0, departments, batch_departments)]
    processes = processes or multiprocessing.cpu_count()
    if processes <= 1 or len(slices) == 1:
        prepared: Iterable = map(_prepare_departments, slices)
        pool = None
    else:
        for connection in connections.all():
            if not connection.in_atomic_block:
                connection.close()  # children never use it (and leave by os._exit), but need not hold it
        pool = multiprocessing.get_context("fork").Pool(processes)
        prepared = pool.imap(_prepare_departments, slices)  # in order: the same ids as a serial run
    try:
        for rows in prepared:
            writer.write(rows)
            if progress:
                progress(writer.counts["evaluations"])
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    if not connections["default"].in_atomic_block:
        analyze()
    return writer.counts


def analyze() -> None:
    """Give the query planner the statistics of the tables just filled: until autovacuum gets to
    them it takes them for nearly empty, and reading one evaluation's indicators scanned all of them
    (200 ms instead of 2 ms a query on a province)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


