"""``jixiao generate``: write a synthetic province into the database with bulk inserts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice

from django.db import transaction
from django.utils import timezone

from jixiao.domain.document import EvaluationDocument
from jixiao.evaluations import models as m
from jixiao.assessment import assess
from jixiao.orgs.models import Department, Region

from jixiao.demo.synthetic import regions


def _batches(items: Iterable, size: int):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


SYNTHETIC_REGION_PREFIX = "99"  # region codes of synthetic data: no real 行政区划 code starts with 99


def has_synthetic_data() -> bool:
    """Whether the database already holds a synthetic province."""
    return m.Evaluation.objects.filter(department__region__code__startswith=SYNTHETIC_REGION_PREFIX).exists()


def write_synthetic(docs: Iterable[EvaluationDocument], *, departments: int, batch_size: int = 200,
                    progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Bulk-insert documents (no history rows, no per-row signals), scored by the engine as
    :func:`jixiao.evaluations.services.import_document` would; returns row counts."""
    counts = {"departments": 0, "evaluations": 0, "tasks": 0, "indicators": 0}
    region_rows = {}
    for region in regions(departments):
        region_rows[region.code], _ = Region.objects.get_or_create(
            code=region.code, defaults={"name": region.name, "parent": region_rows.get(region.parent_code)})
    department_rows: dict[str, Department] = {d.code: d for d in Department.objects.filter(region__code__startswith=SYNTHETIC_REGION_PREFIX)}
    for batch in _batches(docs, batch_size):
        with transaction.atomic():
            new_departments = []
            for doc in batch:
                if doc.department_code not in department_rows:
                    dept = Department(region=region_rows[doc.region_code], code=doc.department_code,
                                      name=doc.department_name)
                    department_rows[doc.department_code] = dept
                    new_departments.append(dept)
            Department.objects.bulk_create(new_departments)
            counts["departments"] += len(new_departments)
            results = [assess(doc).result for doc in batch]  # synthetic documents always score
            now = timezone.now()
            evaluations = m.Evaluation.objects.bulk_create([
                m.Evaluation(department=department_rows[doc.department_code], year=doc.year, kind=doc.kind.value,
                             rule_pack=doc.rule_pack, status=doc.status.value, score_total=result.total,
                             score_grade=result.grade, scored_at=now)
                for doc, result in zip(batch, results)])
            m.FundLine.objects.bulk_create([
                m.FundLine(evaluation=ev, source=f.source.value, nature=f.nature.value,
                           initial_budget=f.initial_budget, full_year_budget=f.full_year_budget,
                           executed=f.executed, carryover=f.carryover)
                for ev, doc in zip(evaluations, batch) for f in doc.fund_lines])
            m.Fact.objects.bulk_create([
                m.Fact(evaluation=ev, key=f.key, value=f.value)
                for ev, doc in zip(evaluations, batch) for f in doc.facts])
            task_pairs = [(ev, pos, t) for ev, doc in zip(evaluations, batch) for pos, t in enumerate(doc.tasks)]
            scored = {(ev.pk, item.indicator_code): item
                      for ev, result in zip(evaluations, results) for item in result.items if item.indicator_code}
            tasks = m.Task.objects.bulk_create([
                m.Task(evaluation=ev, code=t.code, name=t.name, responsible_unit=t.responsible_unit, funds=t.funds,
                       position=pos) for ev, pos, t in task_pairs])
            m.Project.objects.bulk_create([
                m.Project(task=row, code=p.code, name=p.name, unit=p.unit, initial_budget=p.initial_budget,
                          budget=p.budget, executed=p.executed, position=pos)
                for row, (_, _, t) in zip(tasks, task_pairs) for pos, p in enumerate(t.projects)], batch_size=2000)
            indicators = [
                m.Indicator(task=row, code=i.code, level1=i.level1.value, level2=i.level2.value, name=i.name,
                            direction=i.direction.value, unit=i.unit, target_text=i.target.text,
                            target_value=i.target.number, actual_text=i.actual.text, actual_value=i.actual.number,
                            actual_grade=i.actual.grade.value if i.actual.grade else "", weight=i.weight,
                            deviation_reason=i.deviation_reason, target_basis=i.target_basis, position=pos,
                            score=scored[(ev.pk, i.code)].score, score_explanation=scored[(ev.pk, i.code)].explanation)
                for row, (ev, _, t) in zip(tasks, task_pairs) for pos, i in enumerate(t.indicators)]
            m.Indicator.objects.bulk_create(indicators, batch_size=2000)
        counts["evaluations"] += len(evaluations)
        counts["tasks"] += len(tasks)
        counts["indicators"] += len(indicators)
        if progress:
            progress(counts["evaluations"])
    return counts
