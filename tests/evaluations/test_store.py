"""The database form of the evaluation document: round trip, re-import by codes, history, all-or-nothing."""

from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.orgs.models import SYSTEM
from jixiao.documents.datafile import document_to_dict
from jixiao.domain.enums import EvaluationKind, EvaluationStatus
from jixiao.domain.values import parse_value
from jixiao.events.models import Event
from jixiao.evaluations.models import Evaluation, Indicator
from jixiao.evaluations.services import import_document
from jixiao.evaluations.store import document_for, documents_for, read_documents


def test_round_trip_through_the_database(reference_evaluation, reference_document):
    assert document_to_dict(document_for(reference_evaluation)) == document_to_dict(reference_document)


def test_reimport_updates_the_same_rows_and_keeps_history(reference_evaluation, reference_document):
    indicator_ids = set(Indicator.objects.values_list("pk", flat=True))
    task = reference_document.tasks[0]
    fixed = replace(task.indicators[4], actual=parse_value("1个"), deviation_reason="")
    edited = reference_document.with_changes(
        tasks=(replace(task, indicators=task.indicators[:4] + (fixed,) + task.indicators[5:]),)
        + reference_document.tasks[1:])
    import_document(document=edited, acting_user=SYSTEM, allow_locked=True, file_name="改.xlsx", file_sha256="ab")
    assert set(Indicator.objects.values_list("pk", flat=True)) == indicator_ids
    row = Indicator.objects.get(code="1-5")
    assert (row.actual_text, row.actual_value) == ("1个", Decimal(1))
    assert [h.actual_text for h in row.history.order_by("history_id")] == ["0个", "1个"]
    event = Event.objects.filter(verb="import").latest("id")
    assert event.data["file_name"] == "改.xlsx" and event.data["counts"]["指标"]["updated"] == 1


def test_dropping_an_indicator_deletes_its_row(reference_evaluation, reference_document):
    task = reference_document.tasks[2]
    edited = reference_document.with_changes(
        tasks=reference_document.tasks[:2] + (replace(task, indicators=task.indicators[:-1]),))
    import_document(document=edited, acting_user=SYSTEM, allow_locked=True, allow_delete=True)
    assert not Indicator.objects.filter(code="3-8").exists()
    assert Indicator.objects.count() == 18


def test_a_failing_import_leaves_the_database_unchanged(reference_evaluation, reference_document, monkeypatch):
    before = document_to_dict(document_for(reference_evaluation))
    edited = reference_document.with_changes(self_total=Decimal("12.34"))

    def explode(*args, **kwargs):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr("jixiao.evaluations.services._store_scores", explode)
    with pytest.raises(RuntimeError):
        import_document(document=edited, acting_user=SYSTEM, allow_locked=True)
    assert document_to_dict(document_for(Evaluation.objects.get())) == before


def test_documents_for_reads_a_batch_with_few_queries(demo_db, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        docs = list(documents_for(Evaluation.objects.all()))
    assert len(docs) == Evaluation.objects.count() >= 2


def test_repeated_indicator_codes_are_refused(db, reference_document):
    from jixiao.evaluations.services import DocumentRefused

    task = reference_document.tasks[1]
    clash = replace(task.indicators[0], code="1-1")
    doc = reference_document.with_changes(
        tasks=(reference_document.tasks[0], replace(task, indicators=(clash,) + task.indicators[1:]))
        + reference_document.tasks[2:])
    with pytest.raises(DocumentRefused, match="指标编号重复：1-1"):
        import_document(document=doc, acting_user=SYSTEM)
    assert not Evaluation.objects.exists()


def test_a_known_department_name_under_another_code_is_refused(reference_evaluation, reference_document):
    from jixiao.evaluations.services import DocumentRefused

    with pytest.raises(DocumentRefused, match="“440112-999”.*编码为“440112-107”"):
        import_document(document=reference_document.with_changes(department_code="440112-999", year=2023),
                        acting_user=SYSTEM)
    assert Evaluation.objects.count() == 1


def test_a_draft_its_pack_cannot_score_is_stored_unscored(db, reference_document):
    task = reference_document.tasks[0]
    heavy = replace(task.indicators[0], weight=Decimal(50))
    project = reference_document.with_changes(
        kind=EvaluationKind.PROJECT, rule_pack="mof-2020-project", status=EvaluationStatus.DRAFT,
        tasks=(replace(task, indicators=(heavy,) + task.indicators[1:]),))
    evaluation = import_document(document=project, acting_user=SYSTEM)
    assert (evaluation.score_total, evaluation.score_grade) == (None, "")
    assert Indicator.objects.filter(task__evaluation=evaluation).count() == 6
    assert set(Indicator.objects.filter(task__evaluation=evaluation).values_list("score", flat=True)) == {None}


def test_documents_are_read_back_indicator_for_indicator(reference_evaluation, reference_document):
    """Every indicator as stored reads back equal to the one written, qualitative readings included
    (the tuple reader that builds them looks each distinct value up once); an actual value's own
    written direction is not stored (the indicator's direction is)."""
    written = [replace(indicator, actual=replace(indicator.actual, direction=None))
               for task in reference_document.tasks for indicator in task.indicators]
    read = [indicator for task in document_for(reference_evaluation).tasks for indicator in task.indicators]
    assert any(indicator.target.grade for indicator in read) and any(indicator.actual.grade for indicator in read)
    assert read == written


def test_read_documents_gives_the_stored_scores_from_the_same_read(reference_evaluation, demo_db,
                                                                  django_assert_max_num_queries):
    stored = {}
    with django_assert_max_num_queries(12):
        documents = list(read_documents(Evaluation.objects.order_by("pk"), stored=stored))
    assert documents == list(documents_for(Evaluation.objects.order_by("pk")))
    expected = {}
    for pk, evaluation_id, code, score, explanation in Indicator.objects.values_list(
            "pk", "task__evaluation_id", "code", "score", "score_explanation"):
        expected.setdefault(evaluation_id, {})[pk] = (code, score, explanation)
    assert stored == expected and any(explanation for rows in stored.values() for _, _, explanation in rows.values())
