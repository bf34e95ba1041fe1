"""Reads of monitoring: rounds and reports a user may see, and the history seasonal projections use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jixiao.domain.document import Indicator
from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.models import Indicator as IndicatorRow
from jixiao.monitoring import engine
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


def rounds_for(user, *, year: int | None = None):
    from jixiao.monitoring.models import MonitoringRound

    rounds = MonitoringRound.objects.for_user(user).select_related("region")
    return rounds.filter(year=year) if year else rounds
