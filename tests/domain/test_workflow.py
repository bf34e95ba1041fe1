"""The workflow table: who may do what from which status (the pages draw their buttons from it)."""

from jixiao.domain.enums import EvaluationStatus as S
from jixiao.domain.enums import Role
from jixiao.domain.workflow import Action, allows, available, is_locked, transition

STAFF, APPROVER, REVIEWER = Role.DEPARTMENT_STAFF, Role.DEPARTMENT_APPROVER, Role.FINANCE_REVIEWER


def test_the_cycle_of_an_evaluation():
    assert [t.action for t in available(S.DRAFT, {APPROVER})] == [Action.SUBMIT]
    assert [t.action for t in available(S.SUBMITTED, {REVIEWER})] == [Action.RETURN, Action.ACCEPT]
    assert [t.action for t in available(S.ACCEPTED, {REVIEWER})] == [Action.RETURN, Action.PUBLISH]
    assert [t.action for t in available(S.RETURNED, {APPROVER})] == [Action.SUBMIT]
    assert available(S.PUBLISHED, set(Role)) == ()


def test_staff_edit_while_drafting_and_nobody_once_submitted():
    assert allows(Action.EDIT, S.DRAFT, {STAFF}) and allows(Action.EDIT, S.RETURNED, {STAFF})
    assert not allows(Action.EDIT, S.DRAFT, {REVIEWER})
    for status in (S.SUBMITTED, S.ACCEPTED, S.PUBLISHED):
        assert is_locked(status) and not allows(Action.EDIT, status, set(Role))
    assert not allows(Action.SUBMIT, S.DRAFT, {STAFF})  # 填报人 edits, 负责人 submits


def test_a_return_needs_a_reason_and_every_transition_has_its_event_verb():
    assert transition(Action.RETURN).needs_reason and not transition(Action.ACCEPT).needs_reason
    assert {t.verb.label for t in map(transition, ("submit", "return", "accept", "publish"))} == {
        "提交", "退回", "审核通过", "公开"}
