"""The monitoring engine (运行监控): time progress, year-end projection and the colours 绿 / 黄 / 红.

Pure: no Django, no I/O. It reads an evaluation document (its targets, fund lines and monitoring
snapshots) and a monitoring rule pack (:mod:`jixiao.rules.monitoring`), and returns, per indicator and
for the funds, the figures as shown (rounded half-up), the colour with the rule that gave it, the
projection with its method and inputs, 完成目标可能性 and the deviation reason category.

Projection of an amount that accumulates through the year:
- linear (默认): value to date ÷ 序时进度 (the elapsed share of the year);
- seasonal: value to date ÷ the share of the year's total the department had reached by the same
  date in earlier years (its monthly profile), when such history is given.
An indicator whose value is a level (a rate, a score: the pack's ``level_units``) projects to itself.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import median

from jixiao.domain.document import EvaluationDocument, Indicator, MonitoringSnapshot
from jixiao.domain.enums import Direction, QualitativeGrade, WarningLevel
from jixiao.domain.numbers import format_number, round_half_up
from jixiao.rules.monitoring import ColourRule, MonitoringPack

HUNDRED = Decimal(100)
ORDER = {WarningLevel.GREEN: 0, WarningLevel.YELLOW: 1, WarningLevel.RED: 2}


class Accumulation:
    """How an indicator's value to date is declared (per indicator)."""

    CUMULATIVE = "cumulative"  # 累计: the value since 1 January
    PERIODIC = "periodic"  # 当期: the value of the period only (summed by the caller into a cumulative one)
    LEVEL = "level"  # 水平值: a rate or score, not accumulated

    LABELS = {CUMULATIVE: "累计值", PERIODIC: "当期值", LEVEL: "水平值"}


def worst(*colours: WarningLevel | None) -> WarningLevel:
    present = [c for c in colours if c is not None]
    return max(present, key=ORDER.__getitem__) if present else WarningLevel.GREEN


def time_progress(as_of: date) -> Decimal:
    """序时进度: the elapsed share of the year at ``as_of`` counted in months (7/12 at 31 July)."""
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    return (Decimal(as_of.month - 1) + Decimal(as_of.day) / Decimal(days)) / Decimal(12)


def shown_percent(share: Decimal, places: int) -> Decimal:
    """A share (0.5833…) as the percentage a page shows (58.33): what the colour rules compare."""
    return round_half_up(share * HUNDRED, places)


# --- projection ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SeasonalProfile:
    """The cumulative share of the year's total reached by each month end (1…12), averaged over years."""

    shares: dict[int, Decimal]
    years: tuple[int, ...]

    def share_at(self, as_of: date) -> Decimal | None:
        """The share reached at ``as_of``, interpolated within the month (None when a month is missing)."""
        end = self.shares.get(as_of.month)
        days = calendar.monthrange(as_of.year, as_of.month)[1]
        if end is None or as_of.day == days:
            return end
        start = self.shares.get(as_of.month - 1) if as_of.month > 1 else Decimal(0)
        if start is None:
            return None
        return start + (end - start) * Decimal(as_of.day) / Decimal(days)


def seasonal_profile(history: dict[int, dict[int, Decimal]], minimum_years: int = 1) -> SeasonalProfile | None:
    """The monthly profile of earlier years. ``history`` is {year: {month: cumulative value at the month
    end}}; a year counts when its December (the year's total) is known and above zero. The share of each
    month is the mean of the years' shares. ``None`` with fewer than ``minimum_years`` usable years."""
    usable = {year: months for year, months in history.items() if months.get(12)}
    if len(usable) < minimum_years:
        return None
    shares: dict[int, Decimal] = {}
    for month in range(1, 13):
        values = [months[month] / months[12] for months in usable.values() if month in months]
        if len(values) == len(usable):
            shares[month] = sum(values, Decimal(0)) / len(values)
    return SeasonalProfile(shares=shares, years=tuple(sorted(usable)))


@dataclass(frozen=True)
class Projection:
    """全年预计: the projected year-end value, how it was made and from what."""

    method: str  # linear | seasonal | level | stated | none
    value: Decimal | None
    inputs: dict = field(default_factory=dict)
    explanation: str = ""

    METHOD_LABELS = {"linear": "按序时进度线性推算", "seasonal": "按以往年度月度进度推算", "level": "水平值（不累计）",
                     "stated": "单位填报", "none": "无法推算"}

    @property
    def method_label(self) -> str:
        return self.METHOD_LABELS[self.method]


def project(value_to_date: Decimal | None, as_of: date, *, accumulation: str = Accumulation.CUMULATIVE,
            profile: SeasonalProfile | None = None, places: int = 2) -> Projection:
    """The year-end value projected from the value to date (cumulative, or a level)."""
    if value_to_date is None:
        return Projection("none", None, {}, "没有已完成值，无法推算")
    if accumulation == Accumulation.LEVEL:
        return Projection("level", value_to_date, {"value_to_date": value_to_date},
                          f"水平值不随时间累计，全年预计 = 已完成值 {format_number(value_to_date)}")
    share = profile.share_at(as_of) if profile else None
    if share:
        value = round_half_up(value_to_date / share, places)
        years = "、".join(str(y) for y in profile.years)
        return Projection("seasonal", value, {"value_to_date": value_to_date, "share": share, "years": profile.years},
                          f"{years} 年同期完成全年的 {shown_percent(share, 2)}%：{format_number(value_to_date)} ÷ "
                          f"{shown_percent(share, 2)}% = {format_number(value)}")
    elapsed = time_progress(as_of)
    value = round_half_up(value_to_date / elapsed, places)
    return Projection("linear", value, {"value_to_date": value_to_date, "time_progress": elapsed},
                      f"序时进度 {shown_percent(elapsed, 2)}%：{format_number(value_to_date)} ÷ "
                      f"{shown_percent(elapsed, 2)}% = {format_number(value)}")


# --- colours ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Colour:
    level: WarningLevel
    why: str

    @property
    def label(self) -> str:
        return {WarningLevel.GREEN: "绿", WarningLevel.YELLOW: "黄", WarningLevel.RED: "红"}[self.level]


def _first(rules: tuple[ColourRule, ...], holds) -> Colour:
    for rule in rules:
        if holds(rule):
            return Colour(rule.colour, rule.why)
    return Colour(WarningLevel.GREEN, "")


@dataclass(frozen=True)
class BudgetProgress:
    """A fund line's (or the funds') execution against 序时进度, as shown, and its colour."""

    budget: Decimal
    executed: Decimal
    rate: Decimal | None  # % shown
    time: Decimal  # % shown
    behind: Decimal | None  # percentage points, from the shown figures
    colour: Colour


def budget_progress(budget: Decimal, executed: Decimal, as_of: date, pack: MonitoringPack) -> BudgetProgress:
    places = pack.percent_places
    time = shown_percent(time_progress(as_of), places)
    if not budget:
        return BudgetProgress(budget, executed, None, time, None, Colour(WarningLevel.GREEN, "无预算"))
    rate = shown_percent(executed / budget, places)
    behind = time - rate
    curve = pack.execution_curve.get(as_of.month) if _month_end(as_of) else None
    below_curve = curve is not None and rate < curve

    def holds(rule: ColourRule) -> bool:
        return ((rule.behind_at_least is None or behind >= rule.behind_at_least)
                and (rule.budget_at_least is None or budget >= rule.budget_at_least)
                and (not rule.below_curve or below_curve))

    return BudgetProgress(budget, executed, rate, time, behind, _first(pack.budget_rules, holds))


def _month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def completion(target: Decimal, projected: Decimal, direction: Direction, places: int) -> Decimal | None:
    """Projected completion of the target in % as shown (inverted for ≤ targets, both sides for =)."""
    if direction is Direction.LE:
        if not projected:
            return None  # nothing spent or counted against an upper bound: met
        return shown_percent(target / projected, places) if target else None
    if not target:
        return None
    share = projected / target
    if direction is Direction.EQ and share > 1:
        share = target / projected
    return shown_percent(share, places)


def indicator_colour(indicator: Indicator, projected: Decimal | None, value_to_date, as_of: date,
                     pack: MonitoringPack) -> tuple[Colour, Decimal | None]:
    """The colour of an indicator's progress (and the completion % it was read from)."""
    if indicator.direction is Direction.QUALITATIVE:
        grade = value_to_date.grade if value_to_date is not None else None
        if grade is None:
            return Colour(WarningLevel.GREEN, ""), None
        for key, colour in pack.qualitative_colours.items():
            if QualitativeGrade.from_label(key) is grade:
                return Colour(colour, f"定性完成情况：{key}"), None
        return Colour(WarningLevel.GREEN, ""), None
    target = indicator.target.number
    if target is None or projected is None:
        return Colour(WarningLevel.GREEN, ""), None
    done = completion(target, projected, indicator.direction, pack.percent_places)
    stage = pack.indicator_curve.get(as_of.month) if _month_end(as_of) else None
    to_date = value_to_date.number if value_to_date is not None else None
    below_curve = bool(stage is not None and to_date is not None and target
                       and shown_percent(to_date / target, pack.percent_places) < stage)

    def holds(rule: ColourRule) -> bool:
        return ((rule.completion_below is None or (done is not None and done < rule.completion_below))
                and (not rule.below_curve or below_curve))

    return _first(pack.indicator_rules, holds), done


def reason_category(text: str, categories: tuple[str, ...]) -> str:
    """The deviation reason's category: one named in the text (``人员保障：…``), else the last of the
    list (其他) when there is a reason, else empty."""
    text = (text or "").strip()
    if not text:
        return ""
    for category in categories:
        if category in text:
            return category
    return categories[-1]


def accumulation_of(indicator: Indicator, pack: MonitoringPack, declared: str = "") -> str:
    if declared:
        return declared
    return Accumulation.LEVEL if indicator.unit in pack.level_units else Accumulation.CUMULATIVE


# --- a whole document ------------------------------------------------------------------------------
@dataclass(frozen=True)
class IndicatorStatus:
    code: str
    name: str
    unit: str
    target: str
    as_of: date
    value: str  # value to date as written
    projection: Projection
    completion: Decimal | None  # % as shown
    colour: Colour
    possibility: str
    possibility_stated: bool
    reason: str
    reason_category: str
    accumulation: str

    def to_json(self) -> dict:
        return {
            "code": self.code, "name": self.name, "unit": self.unit, "target": self.target,
            "as_of": self.as_of.isoformat(), "value": self.value,
            "projection": {"method": self.projection.method, "method_label": self.projection.method_label,
                           "value": None if self.projection.value is None else str(self.projection.value),
                           "explanation": self.projection.explanation},
            "completion": None if self.completion is None else str(self.completion),
            "colour": self.colour.level.value, "colour_label": self.colour.label, "why": self.colour.why,
            "possibility": self.possibility, "possibility_stated": self.possibility_stated,
            "reason": self.reason, "reason_category": self.reason_category, "accumulation": self.accumulation,
        }


@dataclass(frozen=True)
class MonitoringResult:
    as_of: date
    time_progress: Decimal  # % shown
    indicators: tuple[IndicatorStatus, ...]
    funds: BudgetProgress | None
    pack: str

    def to_json(self) -> dict:
        funds = None
        if self.funds is not None:
            f = self.funds
            funds = {"budget": str(f.budget), "executed": str(f.executed),
                     "rate": None if f.rate is None else str(f.rate), "time_progress": str(f.time),
                     "behind": None if f.behind is None else str(f.behind), "colour": f.colour.level.value,
                     "colour_label": f.colour.label, "why": f.colour.why}
        return {"as_of": self.as_of.isoformat(), "time_progress": str(self.time_progress), "rules": self.pack,
                "funds": funds, "indicators": [i.to_json() for i in self.indicators]}


def assess_indicator(indicator: Indicator, snapshot: MonitoringSnapshot, pack: MonitoringPack, *,
                     accumulation: str = "", profile: SeasonalProfile | None = None) -> IndicatorStatus:
    how = accumulation_of(indicator, pack, accumulation)
    value = snapshot.value
    if indicator.direction is Direction.QUALITATIVE:
        projection = Projection("none", None, {}, "定性指标按完成情况判断")
    else:
        projection = project(value.number if value is not None else None, snapshot.as_of, accumulation=how,
                             profile=profile)
    colour, done = indicator_colour(indicator, projection.value, value, snapshot.as_of, pack)
    stated = (snapshot.likelihood or "").strip()
    if stated in pack.possibility_colours:
        colour = Colour(worst(colour.level, pack.possibility_colours[stated]), colour.why or f"完成目标可能性：{stated}") \
            if ORDER[pack.possibility_colours[stated]] > ORDER[colour.level] else colour
    possibility = stated or pack.possibility_by_colour.get(colour.level, "")
    reason = snapshot.reason.strip()
    return IndicatorStatus(
        code=indicator.code, name=indicator.name, unit=indicator.unit, target=indicator.target.text,
        as_of=snapshot.as_of, value=value.text if value is not None else "", projection=projection,
        completion=done, colour=colour, possibility=possibility, possibility_stated=bool(stated), reason=reason,
        reason_category=reason_category(reason, pack.reason_categories) if reason or colour.level is not WarningLevel.GREEN else "",
        accumulation=how)


def assess(doc: EvaluationDocument, pack: MonitoringPack, *, as_of: date | None = None,
           profiles: dict[str, SeasonalProfile] | None = None, accumulation: dict[str, str] | None = None
           ) -> MonitoringResult | None:
    """Every indicator's status at the latest monitoring date (or ``as_of``), and the funds'."""
    dates = sorted({s.as_of for s in doc.monitoring if as_of is None or s.as_of <= as_of})
    if not dates:
        return None
    cut_off = dates[-1]
    latest: dict[str, MonitoringSnapshot] = {}
    for snapshot in sorted(doc.monitoring, key=lambda s: s.as_of):
        if snapshot.as_of <= cut_off:
            latest[snapshot.indicator_code] = snapshot
    profiles, accumulation = profiles or {}, accumulation or {}
    statuses = tuple(
        assess_indicator(indicator, latest[indicator.code], pack, accumulation=accumulation.get(indicator.code, ""),
                         profile=profiles.get(indicator.code))
        for indicator in doc.indicators if indicator.code in latest)
    funds = None
    money = latest.get("")
    if money is not None and money.executed is not None:
        funds = budget_progress(doc.budget_total, money.executed, money.as_of, pack)
    return MonitoringResult(as_of=cut_off, time_progress=shown_percent(time_progress(cut_off), pack.percent_places),
                            indicators=statuses, funds=funds, pack=pack.name)


def summarise(values: list[Decimal]) -> dict[str, Decimal] | None:
    """min / median / max of a list of numbers (None when empty)."""
    if not values:
        return None
    return {"min": min(values), "median": median(values), "max": max(values)}


def profiles_from_documents(doc: EvaluationDocument, earlier: list[EvaluationDocument], minimum_years: int = 1
                            ) -> dict[str, SeasonalProfile]:
    """Seasonal profiles of ``doc``'s indicators from the same department's earlier documents: their
    monitoring values by month end (the last date of each month) and their actuals as the year's total;
    indicators are matched by name."""
    history: dict[str, dict[int, dict[int, Decimal]]] = {}
    for old in earlier:
        if old.year >= doc.year:
            continue
        by_code = {i.code: i for i in old.indicators}
        for snap in sorted(old.monitoring, key=lambda s: s.as_of):
            indicator = by_code.get(snap.indicator_code)
            if indicator is None or snap.value is None or snap.value.number is None:
                continue
            history.setdefault(indicator.name, {}).setdefault(old.year, {})[snap.as_of.month] = snap.value.number
        for indicator in old.indicators:
            if indicator.name in history and old.year in history[indicator.name] and indicator.actual.number is not None:
                history[indicator.name][old.year][12] = indicator.actual.number
    profiles = {}
    for indicator in doc.indicators:
        profile = seasonal_profile(history.get(indicator.name, {}), minimum_years)
        if profile is not None:
            profiles[indicator.code] = profile
    return profiles
