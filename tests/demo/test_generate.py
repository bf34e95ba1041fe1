"""The fast writer of ``jixiao generate``: the rows written by COPY / executemany are the rows the
ORM reads back as any other (dates, decimals, scores), made in parallel processes they are the same
as made in one, and the ids they take leave the sequences right for the next ordinary insert."""

import pytest

from jixiao.demo.generate import generate_province, write_synthetic
from jixiao.demo.synthetic import documents
from jixiao.evaluations.models import Evaluation, Indicator, Task

pytestmark = pytest.mark.django_db(transaction=True)


def rows():
    return list(Indicator.objects.order_by("task__evaluation__department__code", "task__evaluation__year",
                                           "task__position", "position")
                .values_list("task__evaluation__department__code", "task__evaluation__year", "code", "name",
                             "target_text", "target_value", "actual_text", "actual_value", "weight", "score",
                             "score_explanation", "task__funds", "task__evaluation__score_total",
                             "task__evaluation__status"))


def test_parallel_generation_writes_the_same_rows_as_the_serial_writer():
    counts = generate_province(7, (2022, 2023), 5, processes=2, batch_departments=2)
    assert counts["evaluations"] == 14 and counts["departments"] == 7
    parallel = rows()
    assert len(parallel) == counts["indicators"] > 100
    Evaluation.objects.all().delete()
    write_synthetic(documents(7, (2022, 2023), seed=5), departments=7, batch_size=3)
    assert rows() == parallel


def test_fast_rows_read_back_like_any_other_and_ids_continue():
    from jixiao.evaluations.store import document_for
    from jixiao.scoring import score_document

    generate_province(3, (2022,), 2, processes=1)
    evaluation = Evaluation.objects.select_related("department").first()
    assert evaluation.created_at and evaluation.updated_at and evaluation.scored_at and evaluation.revision == 0
    result = score_document(document_for(evaluation))
    assert (evaluation.score_total, evaluation.score_grade) == (result.total, result.grade)
    top_task = Task.objects.order_by("-pk").first().pk
    task = Task.objects.create(evaluation=evaluation, code="99", name="新增任务", position=99)
    assert task.pk > top_task
    from jixiao.domain.enums import Level1, Level2

    top_indicator = Indicator.objects.order_by("-pk").first().pk
    assert Indicator.objects.create(task=task, code="99-1", name="新增指标", position=1, level1=Level1.OUTPUT.value,
                                    level2=Level2.QUANTITY.value).pk > top_indicator


def test_generated_evaluations_carry_the_review_counts_so_a_first_rescore_changes_nothing():
    """A generated province is reviewed as an import would be: each evaluation stores its errors and
    warnings, so the first province re-score finds nothing to explain again (before, it sent every
    evaluation through the explained path: 101 s instead of seconds on a million indicators)."""
    from jixiao.evaluations.rescore import rescore_many
    from jixiao.evaluations.services import rescore_evaluation
    from jixiao.orgs.models import SYSTEM

    generate_province(3, (2022, 2023), 4, processes=1)
    counts = {pk: (e, w) for pk, e, w in Evaluation.objects.values_list("pk", "error_count", "warning_count")}
    assert len(counts) == 6 and all(e is not None and w is not None for e, w in counts.values())
    assert any(w for _, w in counts.values())  # the synthetic documents do draw warnings: a count that can be wrong
    summary = rescore_many(evaluation_ids=list(counts), acting_user=SYSTEM)
    assert summary.changed == 0 and summary.disagreements == 0
    for evaluation in Evaluation.objects.all():
        rescore_evaluation(evaluation=evaluation, acting_user=SYSTEM)  # the engine's own counts
    assert {pk: (e, w) for pk, e, w in Evaluation.objects.values_list("pk", "error_count", "warning_count")} == counts
