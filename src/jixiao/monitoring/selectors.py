"""Reads of monitoring: rounds and reports a user may see, and the history seasonal projections use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Q

from jixiao.domain.document import Indicator
from jixiao.domain.enums import EvaluationKind
from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.models import Indicator as IndicatorRow
from jixiao.progress import engine
from jixiao.monitoring.models import IndicatorReport


def indicator_profile(evaluation: Evaluation, indicator: Indicator, as_of: date, minimum_years: int = 1
                      ) -> engine.SeasonalProfile | None:
    """The department's monthly profile of this indicator (same name and unit) in earlier years: its
    monitoring values by month end, and the year's actual as the year's total."""
    history: dict[int, dict[int, Decimal]] = {}
    reports = (IndicatorReport.objects
               .filter(evaluation__department_id=evaluation.department_id, evaluation__kind=evaluation.kind,
                       evaluation__year__lt=evaluation.year, indicator_name=indicator.name, value__isnull=False)
               .values_list("evaluation__year", "round__cut_off", "value"))
    for year, cut_off, value in reports:
        history.setdefault(year, {})[cut_off.month] = value
    if not history:
        return None
    actuals = (IndicatorRow.objects
               .filter(task__evaluation__department_id=evaluation.department_id, task__evaluation__year__in=list(history),
                       task__evaluation__kind=evaluation.kind, name=indicator.name, actual_value__isnull=False)
               .values_list("task__evaluation__year", "actual_value"))
    for year, actual in actuals:
        history[year][12] = actual
    return engine.seasonal_profile(history, minimum_years)


def reporting_evaluations(evaluations):
    """Of ``evaluations``, those that owe each monitoring round of their region and year a report: the
    department years (部门整体, not a project's)."""
    return evaluations.filter(kind=EvaluationKind.DEPARTMENT.value, project_code="")


def monitored_evaluations(evaluations):
    """Of ``evaluations``, those a warning (预警) can concern: the ones owing reports and any other
    that has reported (a project's monitoring form)."""
    from jixiao.monitoring.models import FundReport

    return evaluations.filter(Q(pk__in=reporting_evaluations(evaluations).values("pk"))
                              | Q(pk__in=IndicatorReport.objects.values("evaluation_id"))
                              | Q(pk__in=FundReport.objects.values("evaluation_id")))


def rounds_for(user, *, year: int | None = None):
    from jixiao.monitoring.models import MonitoringRound

    rounds = MonitoringRound.objects.for_user(user).select_related("region")
    return rounds.filter(year=year) if year else rounds


def round_form(round_, evaluation):
    """The 部门整体绩效目标执行监控表 of one department in one round, filled from its reports."""
    from jixiao.documents.forms.monitoring import FormFund, FormIndicator, MonitoringForm
    from jixiao.evaluations.store import document_for
    from jixiao.progress.forms import note_text
    from jixiao.monitoring.models import FundReport
    from jixiao.rules.monitoring import load_monitoring_pack

    doc = document_for(evaluation)
    pack = load_monitoring_pack(round_.rules)
    reports = {r.indicator_code: r for r in IndicatorReport.objects.filter(round=round_, evaluation=evaluation)}
    rows = []
    for indicator in doc.indicators:
        r = reports.get(indicator.code)
        projected = f"{r.projected.normalize():f}{indicator.unit}" if r and r.projected is not None else ""
        rows.append(FormIndicator(level1=indicator.level1.label, level2=indicator.level2.label, name=indicator.name,
                                  target=indicator.target.text, value=r.value_text if r else "", projected=projected,
                                  reason_category=r.reason_category if r else "", possibility=r.possibility if r else "",
                                  note=note_text(r.analysis, r.measure) if r else ""))
    funds = tuple(FormFund(f.subject, f.initial_budget, f.adjusted_budget, f.executed, f.rate, f.time_progress,
                           f.behind is not None and f.behind <= 0)
                  for f in FundReport.objects.filter(round=round_, evaluation=evaluation).order_by("subject"))
    return MonitoringForm(department=doc.department_name, year=doc.year, month=round_.cut_off.month,
                          goal="；".join(t.name for t in doc.tasks), funds=funds, indicators=tuple(rows),
                          categories=pack.reason_categories)
