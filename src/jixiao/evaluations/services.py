"""State changes of evaluations. Each is one transaction, takes the acting user as a required keyword
and writes an event row (who, when, what, from → to, why) in the same transaction."""

from __future__ import annotations

import logging
from collections import Counter
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jixiao.domain.document import EvaluationDocument
from jixiao.domain.enums import EvaluationStatus, Role
from jixiao.events.models import record_event
from jixiao.orgs.models import Department, Region

from jixiao.evaluations import store
from jixiao.evaluations.models import Evaluation, Indicator

log = logging.getLogger(__name__)


class EvaluationLocked(PermissionDenied):
    """The evaluation is submitted, accepted or published and cannot be changed."""


class DocumentRefused(ValueError):
    """The document cannot be stored as it is; the message says why, in Chinese."""


class TransitionNotAllowed(PermissionDenied):
    """The requested status change is not allowed from the current status or for this user."""


def _ensure_region(code: str, name: str) -> Region:
    region, _ = Region.objects.get_or_create(code=code, defaults={"name": name or code})
    return region


def _ensure_department(doc: EvaluationDocument) -> Department:
    region = _ensure_region(doc.region_code, doc.region_name)
    namesake = (Department.objects.filter(region=region, name=doc.department_name)
                .exclude(code=doc.department_code).first())
    if namesake:
        raise DocumentRefused(f"部门编码“{doc.department_code}”与已有部门不一致：{region.name}的“{doc.department_name}”"
                              f"编码为“{namesake.code}”。请核对基本信息中的部门编码")
    department, created = Department.objects.get_or_create(
        code=doc.department_code,
        defaults={"region": region, "name": doc.department_name, "self_name": doc.self_name or "本部门"},
    )
    if not created and (department.name, department.self_name) != (doc.department_name, doc.self_name):
        department.name, department.self_name = doc.department_name, doc.self_name or department.self_name
        department.save(update_fields=["name", "self_name"])
    store.sync_units(department, doc.units)
    return department


@transaction.atomic
def import_document(*, document: EvaluationDocument, acting_user=None, file_name: str = "", file_sha256: str = "",
                    source: str = "workbook", allow_locked: bool = False) -> Evaluation:
    """Create or update the evaluation that ``document`` describes (keyed by department code, year and kind).

    All or nothing: any failure rolls the whole import back. A locked evaluation (submitted or later) is
    refused unless ``allow_locked`` (used by loaders of already-published data).
    """
    if not document.department_code:
        raise DocumentRefused("文档缺少部门编码，无法导入")
    # Scores are written back by indicator code, and workbooks key indicators by it.
    repeated = sorted(code for code, n in Counter(i.code for i in document.indicators).items() if n > 1)
    if repeated:
        raise DocumentRefused(f"指标编号重复：{'、'.join(repeated)}（同一份自评中指标编号须唯一）")
    department = _ensure_department(document)
    project_code = document.projects[0].code if document.kind.value == "project" and document.projects else ""
    evaluation, created = Evaluation.objects.select_for_update().get_or_create(
        department=department, year=document.year, kind=document.kind.value, project_code=project_code,
        defaults={"rule_pack": document.rule_pack, "status": document.status.value},
    )
    if not created and evaluation.is_locked and not allow_locked:
        raise EvaluationLocked(f"{evaluation}状态为“{EvaluationStatus(evaluation.status).label}”，已锁定，不能导入修改")
    evaluation.rule_pack = document.rule_pack or evaluation.rule_pack
    evaluation.stated_total = document.self_total
    evaluation.stated_grade = document.self_grade
    if created or allow_locked:
        evaluation.status = document.status.value
    evaluation.save()
    counts = store.write_document(evaluation, document)
    rescore_evaluation(evaluation)
    record_event(actor=acting_user, verb="导入" if source == "workbook" else source, obj=evaluation,
                 data={"file_name": file_name, "sha256": file_sha256, "created": created, "counts": counts})
    return evaluation


def rescore_evaluation(evaluation: Evaluation, document: EvaluationDocument | None = None):
    """Score the evaluation with its rule pack and store the engine's scores (the only scores shown).

    Returns the score result, or ``None`` when the evaluation names no known rule pack or its pack
    cannot score it yet (e.g. weights not adding up): a draft may be stored unscored, and the review
    checks say what to fix.
    """
    from jixiao.rules import RulePackError
    from jixiao.scoring import ScoringError, score_document

    document = document or store.document_for(evaluation)
    try:
        result = score_document(document)
    except (RulePackError, ScoringError) as exc:
        log.warning("未评分 %s：%s", evaluation, exc)
        Evaluation.objects.filter(pk=evaluation.pk).update(score_total=None, score_grade="", scored_at=None)
        return None
    by_code = {item.indicator_code: item for item in result.items if item.indicator_code}
    rows = list(Indicator.objects.filter(task__evaluation=evaluation).only("id", "code", "score", "score_explanation"))
    for row in rows:
        item = by_code.get(row.code)
        row.score = item.score if item else None
        row.score_explanation = item.explanation if item else ""
    Indicator.objects.bulk_update(rows, ["score", "score_explanation"], batch_size=1000)
    now = timezone.now()
    Evaluation.objects.filter(pk=evaluation.pk).update(score_total=result.total, score_grade=result.grade, scored_at=now)
    evaluation.score_total, evaluation.score_grade, evaluation.scored_at = result.total, result.grade, now
    return result


# --- workflow -------------------------------------------------------------------------------

_TRANSITIONS: dict[str, tuple[tuple[EvaluationStatus, ...], EvaluationStatus, tuple[Role, ...]]] = {
    "submit": ((EvaluationStatus.DRAFT, EvaluationStatus.RETURNED), EvaluationStatus.SUBMITTED,
               (Role.DEPARTMENT_APPROVER,)),
    "return": ((EvaluationStatus.SUBMITTED, EvaluationStatus.ACCEPTED), EvaluationStatus.RETURNED,
               (Role.FINANCE_REVIEWER,)),
    "accept": ((EvaluationStatus.SUBMITTED,), EvaluationStatus.ACCEPTED, (Role.FINANCE_REVIEWER,)),
    "publish": ((EvaluationStatus.ACCEPTED,), EvaluationStatus.PUBLISHED, (Role.FINANCE_REVIEWER,)),
}
_VERBS = {"submit": "提交", "return": "退回", "accept": "审核通过", "publish": "公开"}


def _may_act(user, evaluation: Evaluation, roles: tuple[Role, ...]) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if Role.FINANCE_REVIEWER in roles and evaluation.department.region_id in user.reviewed_region_ids():
        return True
    return any(evaluation.department_id in user.department_ids((role,)) for role in roles
               if role is not Role.FINANCE_REVIEWER)


@transaction.atomic
def _transition(action: str, *, evaluation: Evaluation, acting_user, reason: str = "") -> Evaluation:
    sources, target, roles = _TRANSITIONS[action]
    evaluation = Evaluation.objects.select_for_update().select_related("department").get(pk=evaluation.pk)
    current = EvaluationStatus(evaluation.status)
    if current not in sources:
        raise TransitionNotAllowed(f"{evaluation}当前状态为“{current.label}”，不能{_VERBS[action]}")
    if not _may_act(acting_user, evaluation, roles):
        allowed = "、".join(role.label for role in roles)
        raise TransitionNotAllowed(f"只有本部门的{allowed}可以{_VERBS[action]}{evaluation}")
    if action == "return" and not reason.strip():
        raise TransitionNotAllowed("退回须填写退回原因")
    evaluation.status = target.value
    evaluation.save(update_fields=["status", "updated_at"])
    record_event(actor=acting_user, verb=_VERBS[action], obj=evaluation, from_state=current.value,
                 to_state=target.value, reason=reason)
    transaction.on_commit(lambda: log.info("%s %s：%s → %s", acting_user, _VERBS[action], evaluation, target.label))
    return evaluation


def submit_evaluation(*, evaluation: Evaluation, acting_user) -> Evaluation:
    """单位负责人 submits (提交) the self-evaluation; it is locked from then on."""
    return _transition("submit", evaluation=evaluation, acting_user=acting_user)


def return_evaluation(*, evaluation: Evaluation, acting_user, reason: str) -> Evaluation:
    """财政审核人 returns (退回) a submission to the department, with a reason."""
    return _transition("return", evaluation=evaluation, acting_user=acting_user, reason=reason)


def accept_evaluation(*, evaluation: Evaluation, acting_user) -> Evaluation:
    """财政审核人 accepts (审核通过) a submission."""
    return _transition("accept", evaluation=evaluation, acting_user=acting_user)


def publish_evaluation(*, evaluation: Evaluation, acting_user) -> Evaluation:
    """财政审核人 publishes (公开) an accepted evaluation."""
    return _transition("publish", evaluation=evaluation, acting_user=acting_user)

