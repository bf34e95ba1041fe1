"""Warnings (预警): the colours of the monitoring reports become warning rows; every change of a colour
or of the bureau's escalation (提示 → 警示 → 重点关注) is a :class:`WarningChange` (old → new, when, why)
with an event, and the people concerned are told in the app and by e-mail after commit.

:func:`compute_warnings` is what ``jixiao warn`` (cron, or a job) runs. It is idempotent, and two copies
running at once on PostgreSQL neither duplicate nor lose a change: each subject is settled in its own
transaction holding the warning row's lock (``select_for_update``); the row's creation is guarded by a
unique constraint, a losing twin re-reads the winner's row; a notification's key is its change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse_lazy
from django.utils import timezone

from jixiao.cycle.common import CycleRefused, NotPermitted, check_scope
from jixiao.cycle.scope import REVIEW
from jixiao.domain.enums import EventVerb, Role, WarningLevel
from jixiao.domain.workflow import DEPARTMENT_ROLES
from jixiao.evaluations.models import Evaluation
from jixiao.events.models import record_event
from jixiao.monitoring.models import FundReport, IndicatorReport, MonitoringRound, MonitoringWarning, WarningChange
from jixiao.monitoring.selectors import reporting_evaluations
from jixiao.notifications.services import notify
from jixiao.orgs.models import SYSTEM
from jixiao.orgs.selectors import people_with_roles
from jixiao.rules.monitoring import load_monitoring_pack

WARNINGS_LINK = reverse_lazy("web:cycle:warnings")
FUND_PREFIX = "资金:"
MISSING_SUBJECT = "报送"  # the subject of the warning for a round not reported after its deadline


@dataclass
class WarnSummary:
    checked: int = 0
    changed: int = 0
    notified: int = 0


def _desired(round_: MonitoringRound, evaluation: Evaluation | None = None):
    """(evaluation, subject, name, colour, why) of every report of the round (of one evaluation if given)."""
    scope = {"round": round_} if evaluation is None else {"round": round_, "evaluation": evaluation}
    for r in IndicatorReport.objects.filter(**scope).exclude(colour="").select_related("evaluation__department"):
        yield r.evaluation, r.indicator_code, r.indicator_name, r.colour, r.colour_why or ""
    for f in FundReport.objects.filter(**scope).exclude(colour="").select_related("evaluation__department"):
        yield f.evaluation, FUND_PREFIX + f.subject, f"资金执行：{f.subject}", f.colour, f.colour_why or ""


def _missing(round_: MonitoringRound, today: date, evaluation: Evaluation | None = None):
    """(evaluation, subject, name, colour, why) of each department year of the round's region that has
    not reported the round once its deadline has passed (the colour from the round's pack), and back to
    绿 for one warned before that has reported since (of one evaluation if given)."""
    pack = load_monitoring_pack(round_.rules)
    if pack.missing_report_colour is None or today <= round_.deadline:
        return
    evaluations = (reporting_evaluations(Evaluation.objects).filter(department__region=round_.region, year=round_.year)
                   .select_related("department").order_by("department__code"))
    if evaluation is not None:
        evaluations = evaluations.filter(pk=evaluation.pk)
    reports = {"round": round_, "evaluation__in": evaluations.values("pk")}
    reported = (set(IndicatorReport.objects.filter(**reports).values_list("evaluation_id", flat=True))
                | set(FundReport.objects.filter(**reports).values_list("evaluation_id", flat=True)))
    warned = set(MonitoringWarning.objects.filter(subject=MISSING_SUBJECT, **reports)
                 .values_list("evaluation_id", flat=True))
    name = f"{round_.name}未报送"
    for owing in evaluations:
        if owing.pk not in reported:
            why = f"{pack.missing_report_why}（报送截止日期 {round_.deadline:%Y-%m-%d}）"
            yield owing, MISSING_SUBJECT, name, pack.missing_report_colour.value, why
        elif owing.pk in warned:
            yield owing, MISSING_SUBJECT, name, WarningLevel.GREEN.value, "已报送"


def compute_warnings(*, acting_user=SYSTEM, today: date | None = None, region=None, year: int | None = None,
                     evaluation: Evaluation | None = None) -> WarnSummary:
    """Settle the warnings of every round whose cut-off has passed (of one region / year if given; of
    one evaluation's rounds and subjects only, as a job's step, if that is given)."""
    today = today or timezone.localdate()
    rounds = MonitoringRound.objects.filter(cut_off__lte=today).select_related("region").order_by("pk")
    if evaluation is not None:
        region, year = evaluation.department.region, evaluation.year
    if region is not None:
        rounds = rounds.filter(region=region)
    if year is not None:
        rounds = rounds.filter(year=year)
    summary = WarnSummary()
    for round_ in rounds:
        subjects = [*_desired(round_, evaluation), *_missing(round_, today, evaluation)]
        for evaluation_, subject, name, colour, why in subjects:
            summary.checked += 1
            told = _settle(round_, evaluation_, subject, name, colour, why, acting_user)
            if told is not None:
                summary.changed += 1
                summary.notified += told
    return summary


@transaction.atomic
def _settle(round_, evaluation, subject, name, colour, why, acting_user) -> int | None:
    """Bring one warning to ``colour``; the number of people told when it changed, else ``None``."""
    try:
        with transaction.atomic():  # a twin that created the row first wins; we then read its row
            warning, created = MonitoringWarning.objects.get_or_create(
                round=round_, evaluation=evaluation, subject=subject,
                defaults=dict(subject_name=name[:200], colour="", why=""))
    except IntegrityError:
        created = False
    warning = MonitoringWarning.objects.select_for_update().get(round=round_, evaluation=evaluation, subject=subject)
    if warning.colour == colour:
        return None
    old = warning.colour
    warning.colour, warning.why, warning.subject_name = colour, why[:300], name[:200]
    warning.save(update_fields=["colour", "why", "subject_name", "updated_at"])
    new_level = WarningLevel(colour)
    reason = why or ("恢复正常" if new_level is WarningLevel.GREEN else "")
    event = record_event(actor=acting_user, verb=EventVerb.WARNING, obj=warning, evaluation=evaluation,
                         from_state=WarningLevel(old).label if old else "", to_state=new_level.label, reason=reason,
                         data={"round": round_.pk, "subject": subject})
    change = WarningChange.objects.create(warning=warning, kind="colour", old=old, new=colour, why=reason[:300],
                                          actor=acting_user if getattr(acting_user, "pk", None) else None, event=event)
    worse = (old or WarningLevel.GREEN.value) != colour and new_level is not WarningLevel.GREEN
    if not worse:
        return 0
    department = evaluation.department
    recipients = people_with_roles(department, DEPARTMENT_ROLES)
    if new_level is WarningLevel.RED:
        recipients += people_with_roles(department, (Role.FINANCE_REVIEWER,))
    title = f"{new_level.label}预警：{department.name} {name}"
    body = f"{round_}：{name} {WarningLevel(old).label if old else '新增'} → {new_level.label}。{reason}"
    told = notify(recipients=recipients, title=title, body=body, link=str(WARNINGS_LINK), evaluation=evaluation,
                  event=event, key=f"warning-change:{change.pk}")
    return len(told)


@transaction.atomic
def escalate_warning(*, warning: MonitoringWarning, level: str, acting_user, reason: str) -> Warning:
    """督办升级 by the finance bureau: 提示 → 警示 → 重点关注 (the pack's order; never back down)."""
    check_scope(warning.evaluation, acting_user, REVIEW, "department")
    warning = MonitoringWarning.objects.select_for_update().select_related("round", "evaluation__department").get(pk=warning.pk)
    levels = load_monitoring_pack(warning.round.rules).escalation
    if level not in levels:
        raise CycleRefused(f"督办等级“{level}”无效（可选：{'、'.join(levels)}）")
    if warning.escalation and levels.index(level) <= levels.index(warning.escalation):
        raise CycleRefused(f"已是“{warning.escalation}”，只能升级到更高的等级")
    if not reason.strip():
        raise CycleRefused("请写明升级原因")
    old = warning.escalation
    warning.escalation = level
    warning.save(update_fields=["escalation", "updated_at"])
    event = record_event(actor=acting_user, verb=EventVerb.ESCALATE, obj=warning, evaluation=warning.evaluation,
                         from_state=old, to_state=level, reason=reason)
    change = WarningChange.objects.create(warning=warning, kind="escalation", old=old, new=level, why=reason[:300],
                                          actor=acting_user if getattr(acting_user, "pk", None) else None, event=event)
    notify(recipients=people_with_roles(warning.evaluation.department, DEPARTMENT_ROLES),
           title=f"财政局{level}：{warning.subject_name}", body=f"{warning.round}：{reason}", link=str(WARNINGS_LINK),
           evaluation=warning.evaluation, event=event, key=f"warning-change:{change.pk}")
    return warning


def ensure_reviewer(user) -> None:
    if not (user.is_superuser or user.reviewed_region_ids()):
        raise NotPermitted("只有财政审核人才能进行此操作")
