"""Reads of the finance bureau: the reviewer's inbox and the region dashboard.

Everything is counted, summed and joined in the database, a fixed number of queries whatever the
size of the region (the tests pin the counts; ``benchmarks/bench_dashboard.py`` times a province):
no evaluation document is built, only the dashboard's table of one row per department is read.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Case, Count, DecimalField, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from jixiao.bureau.models import Deadline
from jixiao.domain.enums import EvaluationKind, EvaluationStatus, GradeBand, WarningLevel
from jixiao.domain.numbers import round_half_up
from jixiao.evaluations.models import Evaluation, FundLine
from jixiao.monitoring.models import MonitoringSnapshot
from jixiao.orgs.models import Department, Region

OPEN_STATUSES = (EvaluationStatus.DRAFT.value, EvaluationStatus.RETURNED.value)
FINDING_FILTERS = {"errors": Q(error_count__gt=0), "warnings": Q(warning_count__gt=0),
                   "clean": Q(error_count=0, warning_count=0), "unchecked": Q(error_count__isnull=True)}


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def reviewed(user):
    """The department evaluations of the regions ``user`` reviews (every one for a superuser)."""
    evaluations = Evaluation.objects.for_user(user).filter(kind=EvaluationKind.DEPARTMENT.value)
    if not user.is_superuser:
        evaluations = evaluations.filter(department__region_id__in=user.reviewed_region_ids())
    return evaluations


def with_deadline(evaluations, today: datetime.date | None = None):
    """Annotate ``due_on`` (the region's deadline for the year) and ``overdue`` (still being drafted
    or returned, and past the deadline)."""
    due = Deadline.objects.filter(region_id=OuterRef("department__region_id"), year=OuterRef("year")).values("due_on")[:1]
    return evaluations.annotate(due_on=Subquery(due)).annotate(overdue=Case(
        When(Q(status__in=OPEN_STATUSES) & Q(due_on__lt=_today(today)), then=Value(True)), default=Value(False)))


def inbox(user, *, year: int | None = None, status: str = "", department: str = "", grade: str = "",
          findings: str = "", overdue: bool | None = None, today: datetime.date | None = None):
    """收件箱: the evaluations a reviewer handles, filtered; overdue ones first, then by deadline and
    department. ``department`` matches a code or part of a name; ``grade`` a label (优) or band code;
    ``findings``: errors / warnings / clean / unchecked."""
    evaluations = with_deadline(reviewed(user), today).select_related("department__region")
    if year:
        evaluations = evaluations.filter(year=year)
    if status:
        evaluations = evaluations.filter(status=status)
    if department:
        evaluations = evaluations.filter(Q(department__code=department) | Q(department__name__contains=department))
    if grade:
        band = GradeBand.from_label(grade)
        evaluations = evaluations.filter(score_grade__in=[band.label, *band.extra[:1]] if band else [grade])
    if findings in FINDING_FILTERS:
        evaluations = evaluations.filter(FINDING_FILTERS[findings])
    if overdue is not None:
        evaluations = evaluations.filter(overdue=overdue)
    return evaluations.order_by("-overdue", F("due_on").asc(nulls_last=True), "-year", "department__code")


def not_started(user, year: int, region: Region | None = None):
    """Departments of the reviewed regions with no self-evaluation for ``year`` yet (未开始)."""
    departments = Department.objects.for_user(user)
    if not user.is_superuser:
        departments = departments.filter(region_id__in=user.reviewed_region_ids())
    if region is not None:
        departments = departments.filter(region_id__in=region.descendant_ids())
    started = Evaluation.objects.filter(year=year, kind=EvaluationKind.DEPARTMENT.value).values("department_id")
    return departments.exclude(pk__in=started).select_related("region").order_by("code")


def inbox_counts(user, year: int, today: datetime.date | None = None) -> dict[str, int]:
    """How many evaluations of the year are in each status, how many are overdue, and how many
    departments have not started: the inbox's tabs (three queries)."""
    evaluations = reviewed(user).filter(year=year)
    counts = evaluations.aggregate(**{status.value: Count("pk", filter=Q(status=status.value))
                                      for status in EvaluationStatus})
    counts["overdue"] = with_deadline(evaluations, today).filter(overdue=True).count()
    counts["not_started"] = not_started(user, year).count()
    return counts


# --- the region dashboard -------------------------------------------------------------------

def time_progress(year: int, today: datetime.date | None = None) -> Decimal:
    """序时进度: the share of the year gone by on ``today`` (1 for a past year, 0 for a future one)."""
    today = _today(today)
    if year < today.year:
        return Decimal(1)
    if year > today.year:
        return Decimal(0)
    start = datetime.date(year, 1, 1)
    days = (datetime.date(year + 1, 1, 1) - start).days
    return round_half_up(Decimal((today - start).days + 1) / Decimal(days), 4)


@dataclass
class DashboardRow:
    department_code: str
    department_name: str
    region_code: str
    region_name: str
    evaluation_id: int
    status: str
    score: Decimal | None
    grade: str
    stated: Decimal | None
    errors: int | None
    warnings: int | None
    budget: Decimal
    executed: Decimal
    last_score: Decimal | None
    red_warnings: int
    yellow_warnings: int
    rank: int | None = None

    @property
    def status_label(self) -> str:
        return EvaluationStatus(self.status).label

    @property
    def execution_rate(self) -> Decimal | None:
        return round_half_up(self.executed / self.budget, 4) if self.budget else None

    @property
    def gap(self) -> Decimal | None:
        """自评得分 − 规则得分 (positive: the department scored itself higher than the rules)."""
        return None if self.stated is None or self.score is None else self.stated - self.score

    @property
    def change(self) -> Decimal | None:
        """Score change against last year."""
        return None if self.last_score is None or self.score is None else self.score - self.last_score


@dataclass
class Dashboard:
    region: Region
    year: int
    time_progress: Decimal
    rows: list[DashboardRow]
    status_counts: dict[str, int]
    not_started: int
    grade_counts: dict[str, int]
    by_region: list[dict]
    totals: dict
    warnings: dict[str, int] = field(default_factory=dict)

    def ranking(self, top: int | None = None) -> list[DashboardRow]:
        ranked = [row for row in self.rows if row.score is not None]
        ranked.sort(key=lambda row: (-row.score, row.department_code))
        return ranked[:top] if top else ranked

    def with_errors(self) -> list[DashboardRow]:
        return [row for row in self.rows if row.errors]

    def lagging(self) -> list[DashboardRow]:
        """Departments whose execution rate is behind 序时进度, the furthest behind first."""
        behind = [row for row in self.rows if row.execution_rate is not None and row.execution_rate < self.time_progress]
        return sorted(behind, key=lambda row: row.execution_rate)

    def score_boxes(self) -> list[dict]:
        """Per sub-region: min, quartiles and max of the scores (a box plot's five numbers)."""
        scores: dict[str, list[float]] = {}
        names: dict[str, str] = {}
        for row in self.rows:
            if row.score is not None:
                scores.setdefault(row.region_code, []).append(float(row.score))
                names[row.region_code] = row.region_name
        boxes = []
        for code in sorted(scores):
            values = sorted(scores[code])
            quartiles = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
            boxes.append({"region_code": code, "region_name": names[code],
                          "box": [values[0], quartiles[0], quartiles[1], quartiles[2], values[-1]]})
        return boxes


def _sum_of(field_name: str):
    return Subquery(FundLine.objects.filter(evaluation_id=OuterRef("pk")).values("evaluation_id")
                    .annotate(total=Sum(field_name)).values("total")[:1],
                    output_field=DecimalField(max_digits=18, decimal_places=2))


def _warnings_of(level: WarningLevel):
    return Subquery(MonitoringSnapshot.objects.filter(evaluation_id=OuterRef("pk"), warning=level.value)
                    .values("evaluation_id").annotate(n=Count("pk")).values("n")[:1])


def region_dashboard(user, region: Region, year: int, today: datetime.date | None = None) -> Dashboard:
    """The region's dashboard for a year, over the evaluations ``user`` may see (a fixed number of
    queries: one for the table, a few for the counts)."""
    region_ids = region.descendant_ids()
    base = reviewed(user).filter(department__region_id__in=region_ids, year=year)
    last = Evaluation.objects.filter(department_id=OuterRef("department_id"), kind=OuterRef("kind"),
                                     project_code=OuterRef("project_code"), year=year - 1).values("score_total")[:1]
    zero = Value(Decimal(0), output_field=DecimalField(max_digits=18, decimal_places=2))
    table = (base.annotate(budget=Coalesce(_sum_of("full_year_budget"), zero),
                           executed=Coalesce(_sum_of("executed"), zero),
                           last_score=Subquery(last),
                           red=Coalesce(_warnings_of(WarningLevel.RED), 0),
                           yellow=Coalesce(_warnings_of(WarningLevel.YELLOW), 0))
             .order_by("department__code")
             .values_list("department__code", "department__name", "department__region__code",
                          "department__region__name", "pk", "status", "score_total", "score_grade", "stated_total",
                          "error_count", "warning_count", "budget", "executed", "last_score", "red", "yellow"))
    rows = [DashboardRow(*values) for values in table]
    for rank, row in enumerate(sorted((r for r in rows if r.score is not None),
                                      key=lambda r: (-r.score, r.department_code)), start=1):
        row.rank = rank
    status_counts = {row["status"]: row["n"] for row in base.values("status").annotate(n=Count("pk")).order_by()}
    grade_counts = {row["score_grade"] or "未评分": row["n"]
                    for row in base.values("score_grade").annotate(n=Count("pk")).order_by()}
    by_region = list(base.values(code=F("department__region__code"), name=F("department__region__name"))
                     .annotate(evaluations=Count("pk"), average=Avg("score_total"),
                               with_errors=Count("pk", filter=Q(error_count__gt=0)))
                     .order_by("code"))
    funds = FundLine.objects.filter(evaluation__in=base).aggregate(budget=Sum("full_year_budget"),
                                                                   executed=Sum("executed"))
    totals = {**base.aggregate(evaluations=Count("pk"), average=Avg("score_total"),
                               with_errors=Count("pk", filter=Q(error_count__gt=0)),
                               gap=Avg(F("stated_total") - F("score_total"))), **funds}
    warnings = {row["warning"]: row["n"] for row in MonitoringSnapshot.objects.filter(evaluation__in=base)
                .exclude(warning="").values("warning").annotate(n=Count("pk")).order_by()}
    missing = not_started(user, year, region).count()
    return Dashboard(region=region, year=year, time_progress=time_progress(year, today), rows=rows,
                     status_counts=status_counts, not_started=missing, grade_counts=grade_counts,
                     by_region=by_region, totals=totals, warnings=warnings)


def indicator_comments(user, evaluation) -> list:
    """批注 on the indicators of ``evaluation`` that ``user`` may see, by indicator and then time."""
    from jixiao.bureau.models import IndicatorComment

    return list(IndicatorComment.objects.for_user(user).filter(evaluation=evaluation).select_related("author"))
