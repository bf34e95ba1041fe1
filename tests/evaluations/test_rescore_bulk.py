"""Bulk re-scoring (:mod:`jixiao.evaluations.rescore`) stores exactly what the per-evaluation path
(:func:`rescore_evaluation`) stores: scores, explanations, totals, grades and review counts, on the
demo data, a generated province and random documents (unscorable ones included)."""

from decimal import Decimal

import pytest
from django.db import connection

from jixiao.domain.enums import EventVerb

pytestmark = pytest.mark.django_db


def _state():
    from jixiao.evaluations.models import Evaluation, Indicator

    evaluations = {row[0]: (*row[1:-1], row[-1] is None) for row in Evaluation.objects.values_list(
        "pk", "score_total", "score_grade", "error_count", "warning_count", "scored_at")}
    indicators = {row[0]: row[1:] for row in Indicator.objects.values_list(
        "pk", "score", "score_explanation", "direction", "unit", "target_value", "actual_value", "actual_grade")}
    return evaluations, indicators


@pytest.fixture
def province(demo_db):
    """The demo data, a small generated province and random documents, some of them unscorable."""
    import sys
    from pathlib import Path

    from jixiao.demo.generate import generate_province
    from jixiao.evaluations.services import import_document
    from jixiao.orgs.models import SYSTEM

    generate_province(12, (2021, 2022), 3, processes=1)
    sys.path.insert(0, str(Path(__file__).parents[1] / "scoring"))
    try:
        from test_scoring_bulk import random_documents
    finally:
        sys.path.pop(0)
    docs = random_documents(seed=4, count=25, pack_name="gd-2022-department")
    docs += random_documents(seed=6, count=10, pack_name="mof-2020-project", document_mode=True)
    stored = 0
    for doc in docs:
        try:
            import_document(document=doc.with_changes(region_code="990000", region_name="合成省"),
                            acting_user=SYSTEM)
            stored += 1
        except Exception:  # noqa: BLE001 - a random document the import refuses is simply not stored
            continue
    assert stored > 20


def _make_stale():
    """What makes stored scores out of date: a new pack for some evaluations, values read with an
    older wording list, scores and explanations overwritten."""
    from jixiao.evaluations.models import Evaluation, Indicator

    ids = list(Evaluation.objects.filter(kind="department").order_by("pk").values_list("pk", flat=True))
    Evaluation.objects.filter(pk__in=ids[::3], rule_pack="gd-2022-department").update(rule_pack="mof-2013-department")
    Evaluation.objects.filter(pk__in=ids[1::3], rule_pack="mof-2013-department").update(rule_pack="gd-2022-department")
    Evaluation.objects.filter(pk__in=ids[2::7]).update(rule_pack="no-such-pack")
    rows = list(Indicator.objects.order_by("pk").values_list("pk", flat=True))
    Indicator.objects.filter(pk__in=rows[::11]).update(score=Decimal("0.01"), score_explanation="旧的说明")
    qualitative = Indicator.objects.filter(direction="qualitative", actual_text__gt="").order_by("pk")
    for row in qualitative[:5]:
        Indicator.objects.filter(pk=row.pk).update(actual_text="效果不明显，未能达成", actual_grade="achieved")
    Evaluation.objects.filter(pk__in=ids[5::9]).update(error_count=None, warning_count=None)


def _per_evaluation():
    from jixiao.evaluations.models import Evaluation
    from jixiao.evaluations.services import rescore_evaluation
    from jixiao.orgs.models import SYSTEM

    for evaluation in Evaluation.objects.order_by("pk"):
        rescore_evaluation(evaluation=evaluation, acting_user=SYSTEM, reason="逐份")


def _bulk(**kwargs):
    from jixiao.evaluations.models import Evaluation
    from jixiao.evaluations.rescore import rescore_many
    from jixiao.orgs.models import SYSTEM

    return rescore_many(evaluation_ids=Evaluation.objects.order_by("pk").values_list("pk", flat=True),
                        acting_user=SYSTEM, reason="批量", **kwargs)


def test_bulk_stores_what_the_per_evaluation_path_stores(province):
    _make_stale()
    summary = _bulk(batch=40)
    assert summary.changed > 10 and summary.values_reread == 5 and summary.unscored > 0
    assert summary.disagreements == 0  # the vectorised totals equal the explained path's
    after_bulk = _state()
    _per_evaluation()  # the reference: it rewrites whatever the bulk path left different
    assert _state() == after_bulk


def test_bulk_after_the_per_evaluation_path_changes_nothing(province):
    from jixiao.events.models import Event

    _make_stale()
    _per_evaluation()
    before = _state()
    summary = _bulk()
    assert summary.changed == 0 and summary.indicators_written == 0 and summary.indicators > 1000
    if connection.vendor == "postgresql":  # the values were read with today's lists: the column path
        assert summary.documents < summary.evaluations // 2
    assert _state() == before
    # still one event per evaluation: the audit trail of the re-score, old score → the same score
    events = Event.objects.filter(verb=EventVerb.RESCORE.value, reason="批量")
    assert events.count() == len(before[0])
    assert all(e.from_state == e.to_state for e in events)


def test_a_changed_pack_changes_scores_through_the_bulk_path(province):
    from jixiao.evaluations.models import Evaluation
    from jixiao.events.models import Event

    from jixiao.evaluations.models import Indicator

    _per_evaluation()
    picked = Evaluation.objects.filter(rule_pack="gd-2022-department", score_total__isnull=False).first()
    old = picked.score_total
    explained = dict(Indicator.objects.filter(task__evaluation=picked).values_list("pk", "score_explanation"))
    Evaluation.objects.filter(pk=picked.pk).update(rule_pack="mof-2013-department")
    summary = _bulk()
    assert summary.changed == 1 and summary.indicators_written > 0
    picked.refresh_from_db()
    assert picked.score_total != old
    now = dict(Indicator.objects.filter(task__evaluation=picked).values_list("pk", "score_explanation"))
    assert now != explained
    # every point explained again under the new pack (a row the pack does not score has neither)
    assert all(bool(text) == (score is not None) for score, text in
               Indicator.objects.filter(task__evaluation=picked).values_list("score", "score_explanation"))
    event = Event.objects.get(evaluation=picked, verb=EventVerb.RESCORE.value, reason="批量")
    assert event.from_state.startswith(str(old)) and event.to_state.startswith(str(picked.score_total))


def test_only_allowed_people_rescore_in_bulk(province):
    from jixiao.evaluations.models import Evaluation
    from jixiao.evaluations.rescore import rescore_many
    from jixiao.evaluations.services import NotPermitted
    from jixiao.events.models import Event
    from jixiao.orgs.models import User

    reviewer = User.objects.get(username="hp_reviewer")
    home = Evaluation.objects.filter(department__region__code="440112").values_list("pk", flat=True)
    elsewhere = Evaluation.objects.exclude(department__region__code="440112").values_list("pk", flat=True)
    assert elsewhere.exists()
    events = Event.objects.filter(verb=EventVerb.RESCORE.value, actor=reviewer)
    before = events.count()
    with pytest.raises(NotPermitted):
        rescore_many(evaluation_ids=list(home) + list(elsewhere), acting_user=reviewer)
    assert events.count() == before
    summary = rescore_many(evaluation_ids=home, acting_user=reviewer, reason="复核")
    assert summary.evaluations == len(home)
    assert events.filter(reason="复核").count() == len(home)
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotPermitted):
        rescore_many(evaluation_ids=home, acting_user=AnonymousUser())


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="columns read by other connections need PostgreSQL")
def test_columns_read_by_other_connections_store_the_same(province):
    """Outside a transaction (the CLI) the indicator columns are read by binary COPY on two other
    connections in the background: the same columns as a read on this connection, and the same
    stored result as the per-evaluation path."""
    from concurrent.futures import ThreadPoolExecutor

    import numpy as np

    from jixiao.evaluations.columns import read_columns, target_texts
    from jixiao.evaluations.rescore import _alone
    from jixiao.evaluations.models import Evaluation, Indicator, Task
    from jixiao.events.models import Event

    assert not connection.in_atomic_block
    empty = Evaluation.objects.filter(kind="department").order_by("pk").first()
    Task.objects.filter(evaluation=empty).delete()  # an evaluation with no indicator at all
    _make_stale()
    _per_evaluation()
    before = _state()
    ids = list(Evaluation.objects.order_by("pk").values_list("pk", flat=True))
    here = read_columns(ids)
    with ThreadPoolExecutor(1) as pool:
        there = pool.submit(_alone, read_columns, ids, texts=target_texts(ids)).result()
    assert len(here["evaluation"]) == Indicator.objects.count() > 1000
    assert empty.pk not in set(here["evaluation"].tolist())
    assert here["target_texts"] == there["target_texts"]
    assert all(np.array_equal(here[name], there[name]) for name in here if name != "target_texts")

    from django.db import transaction

    from jixiao.evaluations.rescore import rescore_many
    from jixiao.orgs.models import SYSTEM

    with transaction.atomic():  # this connection alone reads the columns
        inside = rescore_many(evaluation_ids=ids, acting_user=SYSTEM, reason="事务内", batch=10)
    summary = _bulk(batch=10)  # more evaluations than a batch: one read of all of them first
    assert summary.changed == 0 and summary.indicators_written == 0
    assert summary.documents == inside.documents < summary.evaluations - 20  # the same ones on the column path
    assert _state() == before
    assert Event.objects.filter(verb=EventVerb.RESCORE.value, reason="批量").count() == len(ids)

    # a stored score that is wrong is found and written again as the engine has it
    wrong = Indicator.objects.filter(score__gt=1, task__evaluation__rule_pack="gd-2022-department").order_by("pk").first()
    Indicator.objects.filter(pk=wrong.pk).update(score=wrong.score - Decimal("0.01"))
    summary = _bulk(batch=10)
    assert summary.changed == 1 and summary.disagreements == 0
    assert _state() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the column path reads from PostgreSQL")
def test_wordings_sharing_a_hash_are_left_to_the_document_path(province, monkeypatch):
    """The column read names a qualitative target's wording by a 64-bit hash; were two wordings to
    share one, their evaluations are scored through documents instead, with the same result."""
    from jixiao.evaluations import columns

    _per_evaluation()
    before = _state()
    plain = _bulk(batch=10)
    real = columns.target_texts
    monkeypatch.setattr(columns, "target_texts", lambda ids: dict.fromkeys(real(ids), columns.COLLIDED))
    collided = _bulk(batch=10)
    assert plain.changed == collided.changed == 0
    assert collided.documents > plain.documents
    assert _state() == before
