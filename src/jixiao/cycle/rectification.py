"""Rectification (整改), closing the loop: the problems and measures of a year's evaluation (the report's
三、存在的主要问题 and 四、下一步改进措施, and the reviewer's findings) become items; the finance bureau
issues 整改要求 with a deadline; the department answers with 整改反馈 and evidence files; the bureau
confirms (验收) or sends it back. Each step is one transaction with its event and notification."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone

from jixiao.cycle.common import CycleRefused, check_scope
from jixiao.cycle.models import (
    OPEN_STATUSES,
    Evidence,
    RectificationItem,
    RectificationReply,
    RectificationSource,
    RectificationStatus,
)
from jixiao.cycle.scope import EDIT, REVIEW
from jixiao.domain.enums import EventVerb, Role
from jixiao.domain.workflow import DEPARTMENT_ROLES
from jixiao.evaluations.models import Evaluation
from jixiao.events.models import record_event
from jixiao.notifications.services import notify
from jixiao.orgs.selectors import people_with_roles

LINK = reverse_lazy("web:cycle:rectification")
S = RectificationStatus


@dataclass(frozen=True)
class EvidenceLimits:
    max_bytes: int
    max_files: int
    max_total_bytes: int
    extensions: tuple[str, ...]


@lru_cache(maxsize=1)
def evidence_limits() -> EvidenceLimits:
    data = yaml.safe_load((Path(__file__).with_name("evidence.yaml")).read_text(encoding="utf-8"))
    return EvidenceLimits(int(data["max_bytes"]), int(data["max_files"]), int(data["max_total_bytes"]),
                          tuple(str(e).lower() for e in data["extensions"]))


def _megabytes(n: int) -> str:
    return f"{n / 1048576:.1f} MB".replace(".0 MB", " MB")


def check_evidence(files: list[tuple[str, bytes]]) -> None:
    """Refuse files over the limits, naming the file and the limit."""
    limits = evidence_limits()
    if len(files) > limits.max_files:
        raise CycleRefused(f"佐证材料最多 {limits.max_files} 个文件，本次 {len(files)} 个")
    total = 0
    for name, content in files:
        suffix = Path(name).suffix.lower().lstrip(".")
        if suffix not in limits.extensions:
            raise CycleRefused(f"“{name}”的类型不能上传（可上传：{'、'.join(limits.extensions)}）")
        if not content:
            raise CycleRefused(f"“{name}”是空文件")
        if len(content) > limits.max_bytes:
            raise CycleRefused(f"“{name}”大小 {_megabytes(len(content))}，超过单个文件上限 {_megabytes(limits.max_bytes)}")
        total += len(content)
    if total > limits.max_total_bytes:
        raise CycleRefused(f"佐证材料合计 {_megabytes(total)}，超过上限 {_megabytes(limits.max_total_bytes)}")


def _user(user):
    return user if getattr(user, "pk", None) else None


def report_items(evaluation: Evaluation) -> list[tuple[str, str, str]]:
    """(key, problem, measure) of the evaluation's report: problem i beside measure i."""
    from jixiao.evaluations.store import document_for
    from jixiao.narrative.draft import draft_report

    report = draft_report(document_for(evaluation), charts=False)
    sections = {s.key: s for s in report.sections}

    def items(key):
        section = sections.get(key)
        if section is None:
            return []
        return [(c.title + "".join(getattr(b, "text", "") for b in c.blocks)).strip() for c in section.children]

    problems, measures = items("problems"), items("measures")
    count = max(len(problems), len(measures))
    return [(f"report:{i + 1}", problems[i] if i < len(problems) else "", measures[i] if i < len(measures) else "")
            for i in range(count)]


@transaction.atomic
def items_from_report(*, evaluation: Evaluation, acting_user) -> list[RectificationItem]:
    """The report's problems and measures as items (待下达); idempotent: existing items are kept."""
    check_scope(evaluation, acting_user, REVIEW, "department")
    created = []
    for key, problem, measure in report_items(evaluation):
        item, new = RectificationItem.objects.get_or_create(
            evaluation=evaluation, key=key,
            defaults=dict(department=evaluation.department, year=evaluation.year, source=RectificationSource.REPORT.value,
                          problem=problem or measure, measure=measure))
        if new:
            record_event(actor=acting_user, verb=EventVerb.RECTIFY_ISSUE, obj=item, evaluation=evaluation,
                         to_state=S.DRAFT.label, reason="由自评报告的问题与改进措施生成")
            created.append(item)
    return created


@transaction.atomic
def add_review_item(*, evaluation: Evaluation, problem: str, acting_user, measure: str = "") -> RectificationItem:
    """A reviewer's finding as an item."""
    check_scope(evaluation, acting_user, REVIEW, "department")
    if not problem.strip():
        raise CycleRefused("请写明审核发现的问题")
    n = RectificationItem.objects.filter(evaluation=evaluation, source=RectificationSource.REVIEW.value).count() + 1
    item = RectificationItem.objects.create(evaluation=evaluation, department=evaluation.department, year=evaluation.year,
                                            key=f"review:{n}", source=RectificationSource.REVIEW.value,
                                            problem=problem.strip(), measure=measure.strip())
    record_event(actor=acting_user, verb=EventVerb.RECTIFY_ISSUE, obj=item, evaluation=evaluation,
                 to_state=S.DRAFT.label, reason="审核意见")
    return item


def _locked(item: RectificationItem) -> RectificationItem:
    return RectificationItem.objects.select_for_update().select_related("department", "evaluation").get(pk=item.pk)


def _move(item, acting_user, verb, to: RectificationStatus, reason: str, notify_roles, title: str) -> None:
    old = S(item.status).label
    item.status = to.value
    item.save()
    event = record_event(actor=acting_user, verb=verb, obj=item, evaluation=item.evaluation, from_state=old,
                         to_state=to.label, reason=reason)
    notify(recipients=people_with_roles(item.department, notify_roles), title=title, body=reason, link=str(LINK),
           evaluation=item.evaluation, event=event, key=f"rectification:{item.pk}:{event.pk}")


@transaction.atomic
def issue_requirement(*, item: RectificationItem, requirement: str, deadline: date, acting_user) -> RectificationItem:
    """下达整改要求 with a deadline (the bureau)."""
    item = _locked(item)
    check_scope(item, acting_user, REVIEW, "department")
    if item.status != S.DRAFT.value:
        raise CycleRefused(f"该事项{item.status_label}，不能再下达")
    if not requirement.strip():
        raise CycleRefused("请写明整改要求")
    if deadline < timezone.localdate():
        raise CycleRefused(f"整改期限 {deadline} 已过")
    item.requirement, item.deadline = requirement.strip(), deadline
    item.issued_by, item.issued_at = _user(acting_user), timezone.now()
    _move(item, acting_user, EventVerb.RECTIFY_ISSUE, S.ISSUED, requirement.strip(), DEPARTMENT_ROLES,
          f"整改要求（{deadline} 前）：{item.problem[:60]}")
    return item


@transaction.atomic
def answer_item(*, item: RectificationItem, text: str, acting_user, files: list[tuple[str, bytes]] = ()
                ) -> RectificationReply:
    """整改反馈 with evidence files (the department)."""
    item = _locked(item)
    check_scope(item, acting_user, EDIT, "department")
    if item.status not in OPEN_STATUSES:
        raise CycleRefused(f"该事项{item.status_label}，不能反馈")
    if not text.strip():
        raise CycleRefused("请写明整改情况")
    files = list(files)
    check_evidence(files)
    reply = RectificationReply.objects.create(item=item, text=text.strip(), submitted_by=_user(acting_user))
    for name, content in files:
        Evidence.objects.create(reply=reply, name=Path(name).name[:200], size=len(content),
                                sha256=hashlib.sha256(content).hexdigest(),
                                file=ContentFile(content, name=Path(name).name))
    _move(item, acting_user, EventVerb.RECTIFY_REPLY, S.ANSWERED, text.strip()[:500], (Role.FINANCE_REVIEWER,),
          f"整改反馈待验收：{item.department.name} {item.problem[:40]}")
    return reply


@transaction.atomic
def confirm_item(*, item: RectificationItem, acting_user, reason: str = "") -> RectificationItem:
    """验收通过 (the bureau)."""
    return _decide(item, acting_user, True, reason)


@transaction.atomic
def return_item(*, item: RectificationItem, acting_user, reason: str) -> RectificationItem:
    """退回重改 with a reason (the bureau)."""
    if not reason.strip():
        raise CycleRefused("退回须写明原因")
    return _decide(item, acting_user, False, reason)


def _decide(item, acting_user, confirm: bool, reason: str) -> RectificationItem:
    item = _locked(item)
    check_scope(item, acting_user, REVIEW, "department")
    if item.status != S.ANSWERED.value:
        raise CycleRefused(f"该事项{item.status_label}，没有待验收的反馈")
    reply = item.replies.order_by("-submitted_at", "-id").first()
    reply.decision = "confirmed" if confirm else "returned"
    reply.decision_reason, reply.decided_by, reply.decided_at = reason.strip(), _user(acting_user), timezone.now()
    reply.save()
    if confirm:
        item.closed_at = timezone.now()
    to = S.CONFIRMED if confirm else S.RETURNED
    _move(item, acting_user, EventVerb.RECTIFY_CONFIRM if confirm else EventVerb.RECTIFY_RETURN, to,
          reason.strip() or to.label, DEPARTMENT_ROLES, f"整改{to.label}：{item.problem[:60]}")
    return item


# --- reads ---------------------------------------------------------------------------------------
def items_for(user, *, status: str = "", overdue_on: date | None = None, year: int | None = None):
    items = RectificationItem.objects.for_user(user).select_related("department")
    if status == "open":
        items = items.filter(status__in=OPEN_STATUSES + (S.ANSWERED.value,))
    elif status:
        items = items.filter(status=status)
    if overdue_on is not None:
        items = items.filter(status__in=OPEN_STATUSES, deadline__lt=overdue_on)
    if year:
        items = items.filter(year=year)
    return items.order_by("deadline", "department__code", "key")


def previous_items(evaluation: Evaluation):
    """Last year's items of the same department, for this year's evaluation to show."""
    return RectificationItem.objects.filter(department_id=evaluation.department_id, year=evaluation.year - 1,
                                            ).exclude(status=S.DRAFT.value).order_by("key")
