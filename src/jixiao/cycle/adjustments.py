"""Adjustments (调整): a department requests a change of a target or a budget with its reason; the finance
bureau approves or rejects it. Both values are kept on the adjustment (调整前 / 调整后); an approved change
is written into the year's data, so the year-end evaluation scores the adjusted value and says so
(:func:`jixiao.domain.adjustments.scored_targets`), and the drafted report mentions it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone

from jixiao.cycle.common import CycleRefused, check_scope
from jixiao.cycle.scope import EDIT, REVIEW
from jixiao.domain.enums import AdjustmentKind, AdjustmentStatus, EventVerb, FundNature, FundSource, Role
from jixiao.domain.values import ValueParseError, parse_value
from jixiao.domain.workflow import DEPARTMENT_ROLES
from jixiao.evaluations.models import Adjustment, Evaluation, FundLine, Indicator
from jixiao.events.models import record_event
from jixiao.notifications.services import notify
from jixiao.orgs.selectors import people_with_roles

ADJUSTMENTS_LINK = reverse_lazy("web:cycle:adjustments")


def _user(user):
    return user if getattr(user, "pk", None) else None


def fund_subject(line: FundLine) -> str:
    return f"{FundSource(line.source).label}·{FundNature(line.nature).label}"


def _fund_line(evaluation: Evaluation, subject: str) -> FundLine:
    for line in evaluation.fund_lines.all():
        if fund_subject(line) == subject:
            return line
    names = "、".join(fund_subject(line) for line in evaluation.fund_lines.all())
    raise CycleRefused(f"没有资金“{subject}”（可选：{names}）")


def _indicator(evaluation: Evaluation, code: str) -> Indicator:
    indicator = Indicator.objects.filter(task__evaluation=evaluation, code=code).first()
    if indicator is None:
        raise CycleRefused(f"指标“{code}”不在 {evaluation} 中")
    return indicator


@transaction.atomic
def request_adjustment(*, evaluation: Evaluation, kind: AdjustmentKind | str, subject: str, after: str, reason: str,
                       acting_user) -> Adjustment:
    """申请调整: ``subject`` is an indicator code (目标调整) or a fund line ``来源·性质`` (预算调整, ``after`` in 万元)."""
    check_scope(evaluation, acting_user, EDIT, "department")
    kind = AdjustmentKind(kind)
    after, reason = after.strip(), reason.strip()
    if not reason:
        raise CycleRefused("请写明调整原因")
    if kind is AdjustmentKind.TARGET:
        indicator = _indicator(evaluation, subject)
        try:
            parse_value(after, direction=indicator.direction or None, unit=indicator.unit, target=True)
        except ValueParseError as exc:
            raise CycleRefused(f"调整后指标值：{exc}") from None
        before = indicator.target_text
    else:
        line = _fund_line(evaluation, subject)
        try:
            amount = Decimal(after.replace(",", ""))
        except InvalidOperation:
            raise CycleRefused(f"调整后预算“{after}”不是有效的金额（万元）") from None
        if amount < 0:
            raise CycleRefused("调整后预算不能为负数")
        before, after = f"{line.full_year_budget:.2f}", f"{amount:.2f}"
    if before == after:
        raise CycleRefused("调整后与调整前相同")
    if Adjustment.objects.filter(evaluation=evaluation, kind=kind.value, subject=subject,
                                 status=AdjustmentStatus.PENDING.value).exists():
        raise CycleRefused(f"“{subject}”已有待审批的调整申请")
    adjustment = Adjustment.objects.create(evaluation=evaluation, kind=kind.value, subject=subject, before=before,
                                           after=after, reason=reason, requested_on=timezone.localdate(),
                                           requested_by=_user(acting_user))
    event = record_event(actor=acting_user, verb=EventVerb.ADJUST_REQUEST, obj=adjustment, evaluation=evaluation,
                         from_state=before, to_state=after, reason=reason)
    notify(recipients=people_with_roles(evaluation.department, (Role.FINANCE_REVIEWER,)),
           title=f"调整申请待审批：{evaluation.department.name} {adjustment}", body=f"{before} → {after}。{reason}",
           link=str(ADJUSTMENTS_LINK), evaluation=evaluation, event=event, key=f"adjustment-request:{adjustment.pk}")
    return adjustment


@transaction.atomic
def decide_adjustment(*, adjustment: Adjustment, approve: bool, acting_user, reason: str = "") -> Adjustment:
    """审批调整 by the finance bureau. Approval writes the adjusted value into the year's data (and
    rescores it); a rejection needs a reason. The original value stays on the adjustment."""
    adjustment = Adjustment.objects.select_for_update().select_related("evaluation__department").get(pk=adjustment.pk)
    evaluation = adjustment.evaluation
    check_scope(evaluation, acting_user, REVIEW, "department")
    if adjustment.status != AdjustmentStatus.PENDING.value:
        raise CycleRefused(f"该调整已{AdjustmentStatus(adjustment.status).label}")
    if not approve and not reason.strip():
        raise CycleRefused("不予调整须写明原因")
    if approve and evaluation.is_locked:
        raise CycleRefused(f"{evaluation}已提交或审核，不能再调整；请先退回")
    adjustment.status = (AdjustmentStatus.APPROVED if approve else AdjustmentStatus.REJECTED).value
    adjustment.decided_on = timezone.localdate()
    adjustment.decided_by = _user(acting_user)
    adjustment.decision_reason = reason.strip()
    adjustment.save()
    if approve:
        if adjustment.kind == AdjustmentKind.TARGET.value:
            indicator = _indicator(evaluation, adjustment.subject)
            indicator.target_text = adjustment.after
            indicator.clean()
            indicator.save()
            _adjust_declared(evaluation, adjustment)
        else:
            line = _fund_line(evaluation, adjustment.subject)
            line.full_year_budget = Decimal(adjustment.after)
            line.save()
        Evaluation.objects.filter(pk=evaluation.pk).update(revision=evaluation.revision + 1)
    verb = EventVerb.ADJUST_APPROVE if approve else EventVerb.ADJUST_REJECT
    event = record_event(actor=acting_user, verb=verb, obj=adjustment, evaluation=evaluation,
                         from_state=AdjustmentStatus.PENDING.label, to_state=AdjustmentStatus(adjustment.status).label,
                         reason=reason, data={"before": adjustment.before, "after": adjustment.after})
    if approve:
        from jixiao.evaluations.services import rescore_evaluation

        rescore_evaluation(evaluation=evaluation, acting_user=acting_user, reason=f"批准调整：{adjustment}")
    notify(recipients=people_with_roles(evaluation.department, DEPARTMENT_ROLES),
           title=f"调整{AdjustmentStatus(adjustment.status).label}：{adjustment}",
           body=f"{adjustment.before} → {adjustment.after}。{reason}", link=str(ADJUSTMENTS_LINK), evaluation=evaluation,
           event=event, key=f"adjustment-decision:{adjustment.pk}")
    return adjustment


def _adjust_declared(evaluation: Evaluation, adjustment: Adjustment) -> None:
    """The approved declaration keeps the declared value as 原申报指标值 beside the adjusted one."""
    from jixiao.cycle.models import TargetRow, TargetStatus

    for row in TargetRow.objects.filter(declaration__department_id=evaluation.department_id,
                                        declaration__year=evaluation.year, declaration__project_code=evaluation.project_code,
                                        declaration__status=TargetStatus.APPROVED.value, code=adjustment.subject):
        row.original_target = row.original_target or row.target
        row.target = adjustment.after
        row.save(update_fields=["original_target", "target"])
