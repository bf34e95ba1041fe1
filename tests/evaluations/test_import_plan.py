"""``plan_import``: what an import would do, without writing — the upload page shows it and asks the
user to confirm the deletions; ``import_document`` then does exactly that."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jixiao.evaluations.services import (
    DeletionNotConfirmed,
    EvaluationLocked,
    NotPermitted,
    import_document,
    plan_import,
    record_export,
)
from jixiao.orgs.models import SYSTEM


def dump():
    from django.apps import apps

    return {model._meta.label: list(model.objects.order_by("pk").values())
            for app in ("evaluations", "orgs", "events", "monitoring")
            for model in apps.get_app_config(app).get_models()}


@pytest.fixture
def stored(db, reference_document):
    return import_document(document=reference_document, acting_user=SYSTEM)


def _without_last_indicator(doc):
    task = doc.tasks[2]
    return doc.with_changes(tasks=doc.tasks[:2] + (replace(task, indicators=task.indicators[:-1]),))


def test_the_plan_lists_what_would_be_deleted_and_writes_nothing(stored, reference_document, personas):
    before = dump()
    plan = plan_import(document=_without_last_indicator(reference_document), acting_user=personas["own_staff"])
    assert dump() == before
    assert plan.deletes and plan.evaluation == stored and plan.conflicts == ()
    assert plan.changes.deleted["指标"] == ["3-8 " + reference_document.tasks[2].indicators[-1].name]
    assert plan.changes.deletion_text().startswith("指标 1 个（3-8 ")
    with pytest.raises(DeletionNotConfirmed) as caught:
        import_document(document=_without_last_indicator(reference_document), acting_user=personas["own_staff"])
    assert caught.value.plan.changes.deleted == plan.changes.deleted
    assert dump() == before
    import_document(document=_without_last_indicator(reference_document), acting_user=personas["own_staff"],
                    allow_delete=True)
    assert stored.tasks.get(code="3").indicators.count() == len(reference_document.tasks[2].indicators) - 1


def test_the_plan_of_a_new_evaluation_creates_everything(db, reference_document, personas):
    plan = plan_import(document=reference_document, acting_user=SYSTEM)
    assert plan.evaluation is None and not plan.deletes
    assert len(plan.changes.created["指标"]) == 19
    with pytest.raises(NotPermitted, match="只有系统管理员可以导入新部门的自评"):
        plan_import(document=reference_document.with_changes(department_code="440112-999",
                                                             department_name="新部门"),
                    acting_user=personas["own_staff"])


def test_the_plan_of_a_stale_workbook_names_its_conflicts(stored, reference_document, personas):
    base, stamp = record_export(evaluation=stored, acting_user=personas["own_staff"])
    task = base.tasks[0]

    def with_actual(doc, text):
        from jixiao.domain.values import parse_value

        indicators = tuple(replace(i, actual=parse_value(text, unit=i.unit)) if i.code == "1-5" else i
                           for i in task.indicators)
        return doc.with_changes(tasks=(replace(task, indicators=indicators),) + doc.tasks[1:])

    import_document(document=with_actual(base, "1个"), acting_user=personas["own_approver"], stamp=stamp)
    plan = plan_import(document=with_actual(base, "2个"), acting_user=personas["own_staff"], stamp=stamp)
    (conflict,) = plan.conflicts
    assert (conflict.part, conflict.key, conflict.field, conflict.mine, conflict.stored) == \
        ("指标", ("1-5",), "actual", "2个", "1个")
    assert plan.base_revision == 1 and plan.revision == 2


def test_a_locked_evaluation_has_no_plan(reference_evaluation, reference_document, personas):
    with pytest.raises(EvaluationLocked, match="已锁定"):
        plan_import(document=reference_document, acting_user=SYSTEM)
