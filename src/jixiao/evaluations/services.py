"""State changes of evaluations. Each is one transaction, takes the acting user as a required keyword
(a user, or :data:`~jixiao.orgs.models.SYSTEM` for the operator's commands and loaders), checks it
against the querysets' ``for_user(user, action)`` (the workflow table), and writes an event row
(who, when, what, from → to, why) in the same transaction; notifications go out after commit."""

from __future__ import annotations

import logging
from collections import Counter

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from jixiao.assessment import Assessment, assess
from jixiao.domain.document import EvaluationDocument
from jixiao.domain.enums import EvaluationStatus, EventVerb
from jixiao.domain.workflow import Action, transition
from jixiao.evaluations import store
from jixiao.evaluations.models import Evaluation, Indicator
from jixiao.events.models import record_event
from jixiao.notifications.services import notify
from jixiao.orgs.models import SYSTEM, Department, Region
from jixiao.orgs.selectors import people_with_roles

log = logging.getLogger(__name__)


class EvaluationLocked(PermissionDenied):
    """The evaluation is submitted, accepted or published and cannot be changed."""


class DocumentRefused(ValueError):
    """The document cannot be stored as it is; the message says why, in Chinese."""


class TransitionNotAllowed(PermissionDenied):
    """The requested status change is not allowed from the current status or for this user."""


class NotPermitted(PermissionDenied):
    """The acting user may not make this change (outside their department or region)."""


def _evaluation_link(evaluation: Evaluation) -> str:
    """The address of an evaluation's page (for notifications and e-mails)."""
    return reverse("web:evaluation", args=[evaluation.pk])


def _ensure_region(code: str, name: str) -> Region:
    region, _ = Region.objects.get_or_create(code=code, defaults={"name": name or code})
    return region


def _ensure_department(doc: EvaluationDocument, acting_user) -> Department:
    region = _ensure_region(doc.region_code, doc.region_name)
    namesake = (Department.objects.filter(region=region, name=doc.department_name)
                .exclude(code=doc.department_code).first())
    if namesake:
        raise DocumentRefused(f"部门编码“{doc.department_code}”与已有部门不一致：{region.name}的“{doc.department_name}”"
                              f"编码为“{namesake.code}”。请核对基本信息中的部门编码")
    existing = Department.objects.filter(code=doc.department_code).first()
    if existing is None and not acting_user.is_superuser:
        raise NotPermitted(f"预算部门“{doc.department_name}”（{doc.department_code}）尚未建立，只有系统管理员可以导入新部门的自评")
    if existing is not None and not Department.objects.for_user(acting_user, Action.EDIT).filter(pk=existing.pk).exists():
        raise NotPermitted(f"{acting_user}不是{existing.name}的填报人或负责人，不能导入该部门的自评")
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
def import_document(*, document: EvaluationDocument, acting_user, file_name: str = "", file_sha256: str = "",
                    verb: EventVerb = EventVerb.IMPORT, allow_locked: bool = False) -> Evaluation:
    """Create or update the evaluation that ``document`` describes (keyed by department code, year and kind).

    All or nothing: any failure rolls the whole import back. A locked evaluation (submitted or later) is
    refused unless ``allow_locked`` (used by loaders of already-published data, as the system actor).
    """
    if allow_locked and acting_user is not SYSTEM:
        raise NotPermitted("只有系统（载入已公开数据）可以改动已锁定的自评")
    if not document.department_code:
        raise DocumentRefused("文档缺少部门编码，无法导入")
    # Scores are written back by indicator code, and workbooks key indicators by it.
    repeated = sorted(code for code, n in Counter(i.code for i in document.indicators).items() if n > 1)
    if repeated:
        raise DocumentRefused(f"指标编号重复：{'、'.join(repeated)}（同一份自评中指标编号须唯一）")
    department = _ensure_department(document, acting_user)
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
    assessment = _store_scores(evaluation, store.document_for(evaluation))
    record_event(actor=acting_user, verb=verb, obj=evaluation,
                 data={"file_name": file_name, "sha256": file_sha256, "created": created, "counts": counts,
                       "score": _score_text(assessment)})
    return evaluation


@transaction.atomic
def import_documents(*, documents: list[EvaluationDocument], acting_user, file_name: str = "",
                     file_sha256: str = "") -> list[Evaluation]:
    """Import several documents from one file (filled forms, one per project): all of them or none."""
    return [import_document(document=doc, acting_user=acting_user, file_name=file_name, file_sha256=file_sha256)
            for doc in documents]


@transaction.atomic
def rescore_evaluation(*, evaluation: Evaluation, acting_user, reason: str = "") -> Assessment:
    """重新评分: score the evaluation again with its rule pack (after a pack or an admin change) and
    store the engine's scores, with an event giving the old and the new total."""
    evaluation = Evaluation.objects.select_for_update().select_related("department").get(pk=evaluation.pk)
    if not acting_user.is_authenticated or not (acting_user.is_superuser or acting_user.roles_on(evaluation.department)):
        raise NotPermitted(f"{acting_user}不是{evaluation.department.name}的填报人、负责人或本辖区财政审核人，不能重新评分")
    before = _score_text_of(evaluation)
    assessment = _store_scores(evaluation, store.document_for(evaluation))
    record_event(actor=acting_user, verb=EventVerb.RESCORE, obj=evaluation, from_state=before,
                 to_state=_score_text(assessment), reason=reason)
    return assessment


def _store_scores(evaluation: Evaluation, document: EvaluationDocument) -> Assessment:
    """Store the assessment's scores (the only scores shown) on the evaluation and its indicators.
    An evaluation its pack cannot score yet (weights not adding up) is stored unscored: a draft may
    be, and the review checks say what to fix."""
    assessment = assess(document)
    result = assessment.result
    if result is None:
        log.warning("未评分 %s：%s", evaluation, assessment.reason)
    by_code = {item.indicator_code: item for item in result.items if item.indicator_code} if result else {}
    rows = list(Indicator.objects.filter(task__evaluation=evaluation).only("id", "code", "score", "score_explanation"))
    for row in rows:
        item = by_code.get(row.code)
        row.score = item.score if item else None
        row.score_explanation = item.explanation if item else ""
    Indicator.objects.bulk_update(rows, ["score", "score_explanation"], batch_size=1000)
    now = timezone.now() if result else None
    evaluation.score_total = result.total if result else None
    evaluation.score_grade = result.grade if result else ""
    evaluation.scored_at = now
    evaluation.error_count, evaluation.warning_count = _finding_counts(assessment)
    Evaluation.objects.filter(pk=evaluation.pk).update(
        score_total=evaluation.score_total, score_grade=evaluation.score_grade, scored_at=now,
        error_count=evaluation.error_count, warning_count=evaluation.warning_count)
    return assessment


def _finding_counts(assessment: Assessment) -> tuple[int, int]:
    """(errors, warnings) of the review checks on an assessment, stored beside its scores."""
    from jixiao.usecases.review import review_document

    findings = review_document(assessment)
    return (sum(f.severity.value == "error" for f in findings), sum(f.severity.value == "warning" for f in findings))


def _score_text(assessment: Assessment) -> str:
    return f"{assessment.result.total} {assessment.result.grade}" if assessment.result else "未评分"


def _score_text_of(evaluation: Evaluation) -> str:
    return f"{evaluation.score_total} {evaluation.score_grade}" if evaluation.score_total is not None else "未评分"


# --- workflow -------------------------------------------------------------------------------

@transaction.atomic
def _transition(action: Action, *, evaluation: Evaluation, acting_user, reason: str = "") -> Evaluation:
    step = transition(action)
    evaluation = Evaluation.objects.select_for_update().select_related("department").get(pk=evaluation.pk)
    current = EvaluationStatus(evaluation.status)
    if current not in step.sources:
        raise TransitionNotAllowed(f"{evaluation}当前状态为“{current.label}”，不能{action.label}")
    if not Evaluation.objects.for_user(acting_user, action).filter(pk=evaluation.pk).exists():
        allowed = "、".join(role.label for role in step.roles)
        raise TransitionNotAllowed(f"只有本部门（本辖区）的{allowed}可以{action.label}{evaluation}")
    if step.needs_reason and not reason.strip():
        raise TransitionNotAllowed(f"{action.label}须填写原因")
    evaluation.status = step.target.value
    evaluation.save(update_fields=["status", "updated_at"])
    event = record_event(actor=acting_user, verb=step.verb, obj=evaluation, from_state=current.value,
                         to_state=step.target.value, reason=reason.strip())
    _notify_transition(evaluation, step, acting_user, reason.strip(), event)
    transaction.on_commit(lambda: log.info("%s %s：%s → %s", acting_user, action.label, evaluation, step.target.label))
    return evaluation


def _notify_transition(evaluation: Evaluation, step, acting_user, reason: str, event) -> None:
    """Tell the roles the workflow table names (reviewers of a submission, the department of a return)."""
    if not step.notifies:
        return
    body = f"{acting_user}{step.action.label}了{evaluation}。" + (f"\n原因：{reason}" if reason else "")
    notify(recipients=(user for user in people_with_roles(evaluation.department, step.notifies)
                       if user.pk != getattr(acting_user, "pk", None)),
           title=f"{evaluation}{step.target.label}", body=body, link=_evaluation_link(evaluation),
           evaluation=evaluation, event=event)


def submit_evaluation(*, evaluation: Evaluation, acting_user) -> Evaluation:
    """单位负责人 submits (提交) the self-evaluation; it is locked from then on."""
    return _transition(Action.SUBMIT, evaluation=evaluation, acting_user=acting_user)


def return_evaluation(*, evaluation: Evaluation, acting_user, reason: str) -> Evaluation:
    """财政审核人 returns (退回) a submission to the department, with a reason."""
    return _transition(Action.RETURN, evaluation=evaluation, acting_user=acting_user, reason=reason)


def accept_evaluation(*, evaluation: Evaluation, acting_user) -> Evaluation:
    """财政审核人 accepts (审核通过) a submission."""
    return _transition(Action.ACCEPT, evaluation=evaluation, acting_user=acting_user)


def publish_evaluation(*, evaluation: Evaluation, acting_user) -> Evaluation:
    """财政审核人 publishes (公开) an accepted evaluation."""
    return _transition(Action.PUBLISH, evaluation=evaluation, acting_user=acting_user)
