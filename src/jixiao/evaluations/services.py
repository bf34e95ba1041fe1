"""State changes of evaluations. Each is one transaction, takes the acting user as a required keyword
(a user, or :data:`~jixiao.orgs.models.SYSTEM` for the operator's commands and loaders), checks it
against the querysets' ``for_user(user, action)`` (the workflow table), and writes an event row
(who, when, what, from → to, why) in the same transaction; notifications go out after commit."""

from __future__ import annotations

import logging
import secrets
import zlib
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from jixiao.assessment import Assessment, assess
from jixiao.domain.document import EvaluationDocument
from jixiao.domain.enums import EvaluationStatus, EventVerb
from jixiao.domain.limits import document_problems
from jixiao.domain.values import wording_fingerprint
from jixiao.domain.rows import (
    INFO,
    Changes,
    Conflict,
    ExportStamp,
    MergeRefused,
    cells_from_json,
    changes,
    merge,
    rows_json,
)
from jixiao.domain.workflow import Action, transition
from jixiao.evaluations import store
from jixiao.evaluations.models import Evaluation, ExportSnapshot, Indicator
from jixiao.events.models import Event, record_event
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


class SubmissionRefused(TransitionNotAllowed):
    """The evaluation has review errors (审核错误, e.g. executed above budget): it cannot be submitted."""


class NotPermitted(PermissionDenied):
    """The acting user may not make this change (outside their department or region)."""


def _evaluation_link(evaluation: Evaluation) -> str:
    """The address of an evaluation's page (for notifications and e-mails)."""
    return reverse("web:evaluation", args=[evaluation.pk])


class DeletionNotConfirmed(DocumentRefused):
    """Storing the document would delete stored rows and the caller did not confirm (``allow_delete``):
    nothing is written; ``plan`` says what the import would do (for a confirmation page)."""

    def __init__(self, plan: "ImportPlan"):
        self.plan = plan
        super().__init__(f"导入将删除已保存的数据：{plan.changes.deletion_text()}，须确认删除后才会导入")


class StaleWorkbook(DocumentRefused):
    """The workbook was exported before changes that someone else made since, to the same cells it
    changes: nothing is written; ``plan.conflicts`` lists each cell."""

    def __init__(self, plan: "ImportPlan", places=None):
        self.plan = plan
        lines = "\n".join(f"  {n}. {c.describe(places.cell(c.part, c.key, c.field) if places else '')}"
                          for n, c in enumerate(plan.conflicts, 1))
        since = "；".join(plan.changed_since)
        super().__init__(
            f"工作簿导出（第 {plan.base_revision} 版）后，系统中的自评已被修改（现为第 {plan.revision} 版"
            f"{'：' + since if since else ''}），其中 {len(plan.conflicts)} 处与工作簿的修改冲突，整个文件未导入：\n{lines}\n"
            "请重新导出最新的工作簿，把您的修改填入后再导入")


@dataclass(frozen=True)
class ImportPlan:
    """What importing a document would do, computed without writing: the document that would be stored
    (the workbook's cells merged with changes made since its export), the rows it creates, updates and
    deletes, and the cells in conflict. A web page shows it and asks to confirm the deletions."""

    document: EvaluationDocument
    evaluation: Evaluation | None  # None: the import creates the evaluation
    changes: Changes
    conflicts: tuple[Conflict, ...] = ()
    base_revision: int | None = None  # the version the workbook was exported from, if it says
    revision: int = 0  # the stored version now
    changed_since: tuple[str, ...] = ()  # who changed the evaluation since the export, and when

    @property
    def deletes(self) -> bool:
        return self.changes.deletes


def _ensure_region(code: str, name: str) -> Region:
    region, _ = Region.objects.get_or_create(code=code, defaults={"name": name or code})
    return region


def _department_for(doc: EvaluationDocument, acting_user, *, create: bool) -> Department | None:
    """The department ``doc`` belongs to, if ``acting_user`` may import into it (the same scope as the
    pages: ``for_user(user, Action.EDIT)``); a new department is created only for a superuser (or the
    system), and only when ``create``."""
    if not acting_user.is_authenticated:
        raise NotPermitted("请先登录")
    namesake = (Department.objects.filter(region__code=doc.region_code, name=doc.department_name)
                .exclude(code=doc.department_code).select_related("region").first())
    if namesake:
        raise DocumentRefused(f"部门编码“{doc.department_code}”与已有部门不一致：{namesake.region.name}的“{doc.department_name}”"
                              f"编码为“{namesake.code}”。请核对基本信息中的部门编码")
    existing = Department.objects.filter(code=doc.department_code).first()
    if existing is None and not acting_user.is_superuser:
        raise NotPermitted(f"预算部门“{doc.department_name}”（{doc.department_code}）尚未建立，只有系统管理员可以导入新部门的自评")
    if existing is not None and not Department.objects.for_user(acting_user, Action.EDIT).filter(pk=existing.pk).exists():
        raise NotPermitted(f"{acting_user}不是{existing.name}的填报人或负责人，不能导入该部门的自评")
    if existing is not None or not create:
        return existing
    region = _ensure_region(doc.region_code, doc.region_name)
    return Department.objects.create(code=doc.department_code, region=region, name=doc.department_name,
                                     self_name=doc.self_name or "本部门")


def _update_department(department: Department, doc: EvaluationDocument) -> None:
    if (department.name, department.self_name) != (doc.department_name, doc.self_name):
        department.name, department.self_name = doc.department_name, doc.self_name or department.self_name
        department.save(update_fields=["name", "self_name"])
    store.sync_units(department, doc.units)


def _refuse_unstorable(document: EvaluationDocument) -> None:
    """Values the database cannot store (or an output cannot write) are refused here for every entry
    (the workbook reader refused them already at their cells)."""
    if not document.department_code:
        raise DocumentRefused("文档缺少部门编码，无法导入")
    # Scores are written back by indicator code, and workbooks key indicators by it.
    repeated = sorted(code for code, n in Counter(i.code for i in document.indicators).items() if n > 1)
    if repeated:
        raise DocumentRefused(f"指标编号重复：{'、'.join(repeated)}（同一份自评中指标编号须唯一）")
    for task in document.tasks:  # projects are stored by task and code: two alike would become one
        twice = sorted(code for code, n in Counter(p.code for p in task.projects).items() if n > 1)
        if twice:
            names = "、".join(f"“{code}”" if code else "（空）" for code in twice)
            raise DocumentRefused(f"任务{task.code}中有项目编码相同的项目：{names}（同一任务下的项目须各有项目编码）")
    problems = document_problems(document)
    if problems:
        shown = "\n".join(f"  {n}. {p}" for n, p in enumerate(problems[:20], 1))
        more = f"\n  …另有 {len(problems) - 20} 处" if len(problems) > 20 else ""
        raise DocumentRefused(f"有 {len(problems)} 处内容无法保存：\n{shown}{more}")


def _evaluation_key(document: EvaluationDocument) -> dict:
    project_code = document.projects[0].code if document.kind.value == "project" and document.projects else ""
    return {"year": document.year, "kind": document.kind.value, "project_code": project_code}


def _plan(evaluation: Evaluation | None, document: EvaluationDocument, stamp: ExportStamp | None,
          places=None) -> ImportPlan:
    """The import plan of ``document`` onto ``evaluation`` (``None``: a new one). With the workbook's
    导出版本 the workbook is merged with the changes made since that export; without, it replaces the
    stored content (a blank template filled in, an old export), deletions subject to confirmation."""
    if evaluation is None:
        return ImportPlan(document, None, changes(None, document))
    stored = store.document_for(evaluation)
    if stamp is None:
        return ImportPlan(document, evaluation, changes(stored, document), revision=evaluation.revision)
    snapshot = ExportSnapshot.objects.filter(evaluation=evaluation, revision=stamp.revision, key=stamp.key).first()
    if snapshot is None:
        place = places.cell(INFO, (), "stamp") if places else ""
        raise DocumentRefused(f"{place + '：' if place else ''}导出版本“{stamp}”不是本系统为{evaluation}导出的版本，"
                              "无法判断哪些内容是您修改的；请重新导出工作簿，在新导出的工作簿中修改后再导入")
    try:
        merged = merge(cells_from_json(zlib.decompress(bytes(snapshot.cells)).decode("utf-8")), document, stored)
    except MergeRefused as exc:
        raise DocumentRefused(str(exc)) from exc
    since = tuple(
        f"{event.actor or '系统'} 于 {timezone.localtime(event.at):%Y-%m-%d %H:%M} {event.get_verb_display()}"
        + (f"“{event.data['file_name']}”" if event.data.get("file_name") else "")
        for event in Event.objects.filter(evaluation=evaluation, verb__in=_CONTENT_VERBS, at__gte=snapshot.created_at)
        .select_related("actor").order_by("at", "id")
        if (event.data or {}).get("revision", 0) > stamp.revision)
    return ImportPlan(merged.document, evaluation, changes(stored, merged.document), merged.conflicts,
                      stamp.revision, evaluation.revision, since)


_CONTENT_VERBS = (EventVerb.IMPORT.value, EventVerb.LOAD.value, EventVerb.EDIT.value)


def plan_import(*, document: EvaluationDocument, acting_user, stamp: ExportStamp | None = None,
                places=None) -> ImportPlan:
    """What :func:`import_document` would do with the same arguments, without writing anything: the
    page of an upload shows it (deletions to confirm, conflicts to resolve). Raises as the import
    would for a user outside the department, a locked evaluation or values that cannot be stored."""
    _refuse_unstorable(document)
    department = _department_for(document, acting_user, create=False)
    evaluation = (Evaluation.objects.filter(department=department, **_evaluation_key(document)).first()
                  if department else None)
    if evaluation is not None and evaluation.is_locked:
        raise EvaluationLocked(f"{evaluation}状态为“{EvaluationStatus(evaluation.status).label}”，已锁定，不能导入修改")
    return _plan(evaluation, document, stamp, places)


@transaction.atomic
def import_document(*, document: EvaluationDocument, acting_user, file_name: str = "", file_sha256: str = "",
                    verb: EventVerb = EventVerb.IMPORT, allow_locked: bool = False, allow_delete: bool = False,
                    stamp: ExportStamp | None = None, places=None) -> Evaluation:
    """Create or update the evaluation that ``document`` describes (keyed by department code, year and kind).

    All or nothing: any failure rolls the whole import back. Never changes the status: a new evaluation
    starts as 编制 and moves only through the workflow (:func:`submit_evaluation`…). A locked evaluation
    (submitted or later) is refused unless ``allow_locked`` (the system actor's loaders).

    With ``stamp`` (the workbook's 导出版本) only the cells changed in the workbook since that export are
    applied; cells someone else changed meanwhile are kept, and the same cell changed on both sides
    refuses the whole file (:class:`StaleWorkbook`). An import that would delete stored rows is refused
    (:class:`DeletionNotConfirmed`, with the plan) unless ``allow_delete``. ``places`` (from the
    workbook reader) lets the messages name cells. The evaluation row is locked first, so imports of
    the same evaluation at the same time take turns and each merges with what the other stored.
    """
    if allow_locked and acting_user is not SYSTEM:
        raise NotPermitted("只有系统（载入已公开数据）可以改动已锁定的自评")
    _refuse_unstorable(document)
    department = _department_for(document, acting_user, create=True)
    evaluation, created = Evaluation.objects.select_for_update().get_or_create(
        department=department, **_evaluation_key(document),
        defaults={"rule_pack": document.rule_pack, "status": EvaluationStatus.DRAFT.value},
    )
    if not created and evaluation.is_locked and not allow_locked:
        raise EvaluationLocked(f"{evaluation}状态为“{EvaluationStatus(evaluation.status).label}”，已锁定，不能导入修改")
    plan = _plan(None if created else evaluation, document, stamp, places)  # after the lock: the latest
    if plan.conflicts:
        raise StaleWorkbook(plan, places)
    if plan.deletes and not allow_delete:
        raise DeletionNotConfirmed(plan)
    target = plan.document
    _update_department(department, target)
    evaluation.rule_pack = target.rule_pack or evaluation.rule_pack
    evaluation.stated_total = target.self_total
    evaluation.stated_grade = target.self_grade
    counts = store.write_document(evaluation, target)
    if created or any(n for table in counts.values() for n in table.values()):
        evaluation.revision += 1
    evaluation.save()
    assessment = _store_scores(evaluation, store.document_for(evaluation))
    record_event(actor=acting_user, verb=verb, obj=evaluation,
                 data={"file_name": file_name, "sha256": file_sha256, "created": created, "counts": counts,
                       "revision": evaluation.revision, "base_revision": plan.base_revision,
                       "deleted": plan.changes.deletion_text(), "score": _score_text(assessment),
                       "errors": [f.message for f in _errors(assessment)]})
    return evaluation


def review_errors(evaluation: Evaluation) -> list[str]:
    """The review checks' errors (审核错误) of the stored evaluation, in Chinese, e.g. an amount executed
    above its budget: an import says them, and the evaluation cannot be submitted while one stands."""
    return [f.message for f in _errors(assess(store.document_for(evaluation)))]


@transaction.atomic
def record_export(*, evaluation: Evaluation, acting_user) -> tuple[EvaluationDocument, ExportStamp]:
    """The stored document of ``evaluation`` and the 导出版本 its workbook carries: the cells as they are
    now are kept (one snapshot per revision), so that importing the workbook back applies only what is
    changed in it. Anybody who may view the evaluation may export it."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not Evaluation.objects.for_user(acting_user, Action.VIEW).filter(pk=evaluation.pk).exists():
        raise NotPermitted(f"{acting_user}不能查看{evaluation}")
    document = store.document_for(evaluation)
    snapshot = ExportSnapshot.objects.filter(evaluation=evaluation, revision=evaluation.revision).first()
    if snapshot is None:
        snapshot = ExportSnapshot.objects.create(
            evaluation=evaluation, revision=evaluation.revision, key=secrets.token_hex(8),
            cells=zlib.compress(rows_json(document).encode("utf-8")))
    record_event(actor=acting_user, verb=EventVerb.DOWNLOAD, obj=evaluation,
                 data={"what": "自评工作簿", "revision": snapshot.revision})
    return document, ExportStamp(snapshot.revision, snapshot.key)


@transaction.atomic
def import_documents(*, documents: list[EvaluationDocument], acting_user, file_name: str = "",
                     file_sha256: str = "", allow_delete: bool = False) -> list[Evaluation]:
    """Import several documents from one file (filled forms, one per project): all of them or none."""
    return [import_document(document=doc, acting_user=acting_user, file_name=file_name, file_sha256=file_sha256,
                            allow_delete=allow_delete)
            for doc in documents]


@transaction.atomic
def rescore_evaluation(*, evaluation: Evaluation, acting_user, reason: str = "") -> Assessment:
    """重新评分: score the evaluation again with its rule pack (after a pack, a wording list or an admin
    change) and store the engine's scores, with an event giving the old and the new total. The values
    are read again from their texts first, so a changed wording list applies too."""
    evaluation = Evaluation.objects.select_for_update().select_related("department").get(pk=evaluation.pk)
    if not acting_user.is_authenticated or not (acting_user.is_superuser or acting_user.roles_on(evaluation.department)):
        raise NotPermitted(f"{acting_user}不是{evaluation.department.name}的填报人、负责人或本辖区财政审核人，不能重新评分")
    before = _score_text_of(evaluation)
    store.reread_values(evaluation)
    stored: dict = {}  # the stored scores, from the document's own read of the indicators
    document = store.document_for(evaluation, stored=stored)
    assessment = _store_scores(evaluation, document, stored=stored.get(evaluation.pk, {}),
                               values_read_with=wording_fingerprint())
    record_event(actor=acting_user, verb=EventVerb.RESCORE, obj=evaluation, from_state=before,
                 to_state=_score_text(assessment), reason=reason)
    return assessment


def _store_scores(evaluation: Evaluation, document: EvaluationDocument, *, assessment: Assessment | None = None,
                  findings: list | None = None, stored: dict | None = None, **also) -> Assessment:
    """Store the assessment's scores (the only scores shown) on the evaluation and its indicators.
    An evaluation its pack cannot score yet (weights not adding up) is stored unscored: a draft may
    be, and the review checks say what to fix. Only the indicators whose score or explanation changed
    are written (a cell edit changes one or a few). ``assessment`` and ``findings`` may be given when
    the caller has them already, and ``stored`` (indicator id -> (code, score, explanation), as
    :func:`store.read_documents` gives) when it read the document's stored scores; ``also``: more
    columns of the evaluation, set in the same UPDATE."""
    assessment = assessment or assess(document)
    result = assessment.result
    if result is None:
        log.warning("未评分 %s：%s", evaluation, assessment.reason)
    by_code = {item.indicator_code: item for item in result.items if item.indicator_code} if result else {}
    if stored is None:
        stored = {pk: rest for pk, *rest in Indicator.objects.filter(task__evaluation=evaluation)
                  .values_list("id", "code", "score", "score_explanation")}
    changed = []
    for pk, (code, old_score, old_explanation) in stored.items():
        item = by_code.get(code)
        score, explanation = (item.score, item.explanation) if item else (None, "")
        if old_score != score or old_explanation != explanation:
            changed.append(Indicator(pk=pk, score=score, score_explanation=explanation))
    Indicator.objects.bulk_update(changed, ["score", "score_explanation"], batch_size=1000)
    now = timezone.now() if result else None
    evaluation.score_total = result.total if result else None
    evaluation.score_grade = result.grade if result else ""
    evaluation.scored_at = now
    from jixiao.usecases.review import finding_counts

    evaluation.error_count, evaluation.warning_count = finding_counts(assessment, findings)
    Evaluation.objects.filter(pk=evaluation.pk).update(
        score_total=evaluation.score_total, score_grade=evaluation.score_grade, scored_at=now,
        error_count=evaluation.error_count, warning_count=evaluation.warning_count, **also)
    return assessment


def _errors(assessment: Assessment) -> list:
    from jixiao.usecases.review import review_document

    return [f for f in review_document(assessment) if f.severity.value == "error"]


def _score_text(assessment: Assessment) -> str:
    return f"{assessment.result.total} {assessment.result.grade}" if assessment.result else "未评分"


def _score_text_of(evaluation: Evaluation) -> str:
    return f"{evaluation.score_total} {evaluation.score_grade}" if evaluation.score_total is not None else "未评分"


# --- workflow -------------------------------------------------------------------------------

@transaction.atomic
def _transition(action: Action, *, evaluation: Evaluation, acting_user, reason: str = "",
                tell: bool = True) -> Evaluation:
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
    if action is Action.SUBMIT:
        errors = review_errors(evaluation)
        if errors:
            listed = "\n".join(f"  {n}. {message}" for n, message in enumerate(errors, 1))
            raise SubmissionRefused(f"{evaluation}有 {len(errors)} 个审核错误，改正后才能提交：\n{listed}")
    evaluation.status = step.target.value
    evaluation.save(update_fields=["status", "updated_at"])
    event = record_event(actor=acting_user, verb=step.verb, obj=evaluation, from_state=current.value,
                         to_state=step.target.value, reason=reason.strip())
    if tell:
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


# The workflow steps from 编制 to each status, for loaders of data that was already that far.
_PATHS = {
    EvaluationStatus.DRAFT: (),
    EvaluationStatus.SUBMITTED: (Action.SUBMIT,),
    EvaluationStatus.ACCEPTED: (Action.SUBMIT, Action.ACCEPT),
    EvaluationStatus.PUBLISHED: (Action.SUBMIT, Action.ACCEPT, Action.PUBLISH),
    EvaluationStatus.RETURNED: (Action.SUBMIT, Action.RETURN),
}


def advance_to(*, evaluation: Evaluation, status: EvaluationStatus, acting_user, reason: str = "") -> Evaluation:
    """Take a newly loaded (编制) evaluation through the workflow to ``status`` — 提交, 审核通过, 公开 or
    退回, each step a transition with its event — for loaders of evaluations that were already that far
    (the demo data). An import never sets a status; this is how a loader gets one."""
    for action in _PATHS[EvaluationStatus(status)]:
        evaluation = _transition(action, evaluation=evaluation, acting_user=acting_user,
                                 reason=reason if transition(action).needs_reason else "",
                                 tell=False)  # loading what happened before: nobody is to act on it now
    return evaluation
