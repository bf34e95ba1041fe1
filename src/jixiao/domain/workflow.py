"""The workflow (审核流程) of an evaluation as one table: who may do what, from which status.

编制（编制中 / 已退回） → 提交（单位负责人） → 审核通过 or 退回（财政审核人，退回须写明原因） → 公开（财政审核人）.
Department staff (单位填报人) and approvers (单位负责人) edit while the evaluation is being drafted or
has been returned; from submission on it is locked (只读) for everybody.

The services check a change against this table, the querysets (``for_user(user, action)``) filter
by it, and the pages draw their buttons from it: one table, so a button is never shown for an
action the service would refuse. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jixiao.domain.enums import EvaluationStatus, EventVerb, LabeledEnum, Role


class Action(LabeledEnum):
    """操作权限: what a user may do with an evaluation (and with everything in it)."""

    VIEW = "view", "查看"
    EDIT = "edit", "编辑"
    SUBMIT = "submit", "提交"
    RETURN = "return", "退回"
    ACCEPT = "accept", "审核通过"
    PUBLISH = "publish", "公开"


DEPARTMENT_ROLES = (Role.DEPARTMENT_STAFF, Role.DEPARTMENT_APPROVER)
REGION_ROLES = (Role.FINANCE_REVIEWER,)
EDITABLE = (EvaluationStatus.DRAFT, EvaluationStatus.RETURNED)
LOCKED = (EvaluationStatus.SUBMITTED, EvaluationStatus.ACCEPTED, EvaluationStatus.PUBLISHED)


@dataclass(frozen=True)
class Transition:
    """A status change: the action, the statuses it starts from, where it leads, who may take it."""

    action: Action
    sources: tuple[EvaluationStatus, ...]
    target: EvaluationStatus
    roles: tuple[Role, ...]
    needs_reason: bool = False
    notifies: tuple[Role, ...] = ()  # who is told (通知) once it is done

    @property
    def verb(self) -> EventVerb:
        return EventVerb(self.action.value)


TRANSITIONS: tuple[Transition, ...] = (
    Transition(Action.SUBMIT, EDITABLE, EvaluationStatus.SUBMITTED, (Role.DEPARTMENT_APPROVER,),
               notifies=REGION_ROLES),
    Transition(Action.RETURN, (EvaluationStatus.SUBMITTED, EvaluationStatus.ACCEPTED), EvaluationStatus.RETURNED,
               REGION_ROLES, needs_reason=True, notifies=DEPARTMENT_ROLES),
    Transition(Action.ACCEPT, (EvaluationStatus.SUBMITTED,), EvaluationStatus.ACCEPTED, REGION_ROLES,
               notifies=DEPARTMENT_ROLES),
    Transition(Action.PUBLISH, (EvaluationStatus.ACCEPTED,), EvaluationStatus.PUBLISHED, REGION_ROLES,
               notifies=DEPARTMENT_ROLES),
)
_BY_ACTION = {t.action: t for t in TRANSITIONS}

# Which roles may take a non-transition action, and from which statuses (None: any status).
_PERMISSIONS: dict[Action, tuple[tuple[Role, ...], tuple[EvaluationStatus, ...] | None]] = {
    Action.VIEW: (DEPARTMENT_ROLES + REGION_ROLES, None),
    Action.EDIT: (DEPARTMENT_ROLES, EDITABLE),
}


def transition(action: Action | str) -> Transition:
    """The transition of a workflow action (提交, 退回, 审核通过, 公开)."""
    return _BY_ACTION[Action(action)]


def permission(action: Action | str) -> tuple[tuple[Role, ...], tuple[EvaluationStatus, ...] | None]:
    """``(roles that may take the action, statuses it may be taken in or None for any)``."""
    action = Action(action)
    if action in _BY_ACTION:
        t = _BY_ACTION[action]
        return t.roles, t.sources
    return _PERMISSIONS[action]


def allows(action: Action | str, status: EvaluationStatus | str, roles: Iterable[Role]) -> bool:
    """Whether a user holding ``roles`` on an evaluation may take ``action`` while it is in ``status``."""
    allowed_roles, statuses = permission(action)
    held = set(roles)
    return bool(held.intersection(allowed_roles)) and (statuses is None or EvaluationStatus(status) in statuses)


def available(status: EvaluationStatus | str, roles: Iterable[Role]) -> tuple[Transition, ...]:
    """The transitions a user holding ``roles`` may take now (the buttons a page shows)."""
    held = tuple(roles)
    return tuple(t for t in TRANSITIONS if allows(t.action, status, held))


def is_locked(status: EvaluationStatus | str) -> bool:
    """Submitted, accepted and published evaluations are locked (只读)."""
    return EvaluationStatus(status) in LOCKED
