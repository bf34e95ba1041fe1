"""The workflow 编制 → 已提交 → 已审核/退回 → 已公开, its permissions and its event timeline."""

import pytest

from jixiao.domain.enums import EvaluationStatus

from jixiao.events.models import Event
from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.services import (
    EvaluationLocked,
    TransitionNotAllowed,
    accept_evaluation,
    import_document,
    publish_evaluation,
    return_evaluation,
    submit_evaluation,
)


@pytest.fixture
def draft(personas, reference_document):
    """The own department's evaluation as a draft (编制), with its data (an empty one cannot be scored,
    which is an error that refuses a submission)."""
    from jixiao.orgs.models import SYSTEM

    evaluation = import_document(document=reference_document, acting_user=SYSTEM)
    Event.objects.all().delete()  # the timeline of the workflow steps only
    return evaluation


def test_full_workflow_records_every_step(personas, draft):
    submit_evaluation(evaluation=draft, acting_user=personas["own_approver"])
    return_evaluation(evaluation=draft, acting_user=personas["reviewer"], reason="任务2缺少偏差原因")
    submit_evaluation(evaluation=draft, acting_user=personas["own_approver"])
    accept_evaluation(evaluation=draft, acting_user=personas["reviewer"])
    publish_evaluation(evaluation=draft, acting_user=personas["reviewer"])
    draft.refresh_from_db()
    assert draft.status == "published"
    events = list(Event.objects.filter(object_id=str(draft.pk)).order_by("id")
                  .values_list("verb", "from_state", "to_state", "actor__username", "reason"))
    assert events == [
        ("submit", "draft", "submitted", "own_approver", ""),
        ("return", "submitted", "returned", "reviewer", "任务2缺少偏差原因"),
        ("submit", "returned", "submitted", "own_approver", ""),
        ("accept", "submitted", "accepted", "reviewer", ""),
        ("publish", "accepted", "published", "reviewer", ""),
    ]


@pytest.mark.parametrize("persona", ["own_staff", "other_staff", "reviewer", "far_reviewer"])
def test_only_the_departments_approver_submits(personas, draft, persona):
    with pytest.raises(TransitionNotAllowed, match="单位负责人"):
        submit_evaluation(evaluation=draft, acting_user=personas[persona])
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not Event.objects.exists()


def test_only_a_reviewer_of_the_region_accepts(personas, draft):
    submit_evaluation(evaluation=draft, acting_user=personas["own_approver"])
    for persona in ("far_reviewer", "own_approver", "own_staff"):
        with pytest.raises(TransitionNotAllowed):
            accept_evaluation(evaluation=draft, acting_user=personas[persona])
    with pytest.raises(TransitionNotAllowed, match="退回须填写原因"):
        return_evaluation(evaluation=draft, acting_user=personas["reviewer"], reason="  ")


def test_transitions_from_the_wrong_status_are_refused(personas, draft):
    with pytest.raises(TransitionNotAllowed, match="编制中"):
        publish_evaluation(evaluation=draft, acting_user=personas["reviewer"])


def test_a_locked_evaluation_refuses_an_import(personas, reference_document):
    evaluation = import_document(document=reference_document.with_changes(status=EvaluationStatus.DRAFT),
                                 acting_user=personas["own_staff"])
    submit_evaluation(evaluation=evaluation, acting_user=personas["own_approver"])
    changed = reference_document.with_changes(year=2022, self_total=None)
    with pytest.raises(EvaluationLocked, match="已提交"):
        import_document(document=changed, acting_user=personas["own_staff"])
    evaluation.refresh_from_db()
    assert evaluation.stated_total is not None


def test_rescoring_reads_the_values_again_with_todays_wording(reference_evaluation, personas):
    """A stored 定性 actual keeps its parsed grade beside its text; when the wording lists change (they
    are data), a rescore reads the text again: 效果不明显 stored as 达成 by an older list is 未达成 now."""
    from jixiao.evaluations.models import Indicator
    from jixiao.evaluations.services import rescore_evaluation
    from jixiao.orgs.models import SYSTEM

    row = Indicator.objects.filter(task__evaluation=reference_evaluation, direction="qualitative").first()
    Indicator.objects.filter(pk=row.pk).update(actual_text="效果不明显，未能达成", actual_grade="achieved")
    total = rescore_evaluation(evaluation=reference_evaluation, acting_user=SYSTEM).result.total
    row.refresh_from_db()
    assert row.actual_grade == "not_achieved"
    assert row.score == 0
    assert total < 95.91
