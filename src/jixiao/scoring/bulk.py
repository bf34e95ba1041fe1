"""Vectorised bulk scoring: the same scores as :func:`score_document`, without explanations, for a
whole province at once.

``build_table(docs, pack)`` settles every weight exactly as the explained path does (it runs the
same weight allocation and scores the few management leaves of each document the same way) and
lays the tasks' indicators out as integer columns. ``score_table(table)`` then scores every
indicator with NumPy in exact integer arithmetic: each score is ``round_half_up(points × a / b)``
computed as ``(2n + d) // 2d`` on integers, never through a float, so it equals the Decimal result
of the explained path. A test checks that on a large random sample.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from jixiao.domain.document import EvaluationDocument
from jixiao.domain.enums import Direction, QualitativeGrade
from jixiao.rules.model import RulePack

from jixiao.scoring import methods as m
from jixiao.scoring.engine import _Scorer
from jixiao.scoring.judgements import comparable
from jixiao.scoring.measures import funds
from jixiao.scoring.result import ScoringError

ZERO_KIND, GE, LE_RATIO, LE_LINEAR, EQ_RATIO, EQ_BELOW, QUALITATIVE, PRESET = range(8)
GRADES = (QualitativeGrade.ACHIEVED, QualitativeGrade.PARTIAL, QualitativeGrade.NOT_ACHIEVED)
INT64_SAFE = 2 ** 62
ZERO_DECIMAL = Decimal(0)


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _integer(value: Decimal, places: int) -> int:
    return int(value.scaleb(places))


def _integers(values: list[Decimal], at_least: int) -> tuple[list[int], int]:
    """``values`` as integers at the smallest common scale 10^places (places ≥ ``at_least``)."""
    distinct = set(values)
    places = max([at_least, *(_places(v) for v in distinct)])
    as_int = {v: int(v.scaleb(places)) for v in distinct}
    return [as_int[v] for v in values], places


@dataclass(frozen=True)
class IndicatorTable:
    """The indicators of many documents as columns, one row per scored indicator (in the order the
    explained path lists them), plus each document's points from its other leaves (``fixed``).

    Numbers are integers: ``weight`` at scale 10^weight_places; ``target``/``actual`` at a scale of
    their own row (only their ratio matters); ``self_score`` at 10^self_places (−1: none); the
    qualitative band edges and default at 10^share_places."""

    pack: RulePack
    document: np.ndarray
    kind: np.ndarray
    weight: np.ndarray
    target: np.ndarray
    actual: np.ndarray
    self_score: np.ndarray
    band_low: np.ndarray
    band_high: np.ndarray
    band_inclusive: np.ndarray
    band_default: np.ndarray
    fixed: np.ndarray
    weight_places: int
    self_places: int
    share_places: int
    # the score in units of the pack's last place of rows the explained path scores outside the
    # formulas (unverifiable rows: no values, or wording it cannot read); 0 elsewhere
    preset: np.ndarray | None = None
    # the document's indicator of each row, and why each document left out could not be scored
    # (``skip_unscorable``): document index -> the explained path's reason
    indicators: tuple = ()
    unscorable: dict = None  # type: ignore[assignment]

    def __len__(self) -> int:
        return len(self.kind)


@dataclass(frozen=True)
class BulkScores:
    """Scores in units of the pack's last place (cents for 2 places): per indicator row and per
    document (``totals``, execution and management leaves included)."""

    indicator_units: np.ndarray
    totals_units: np.ndarray
    places: int

    def totals(self) -> list[Decimal]:
        return [Decimal(int(units)).scaleb(-self.places) for units in self.totals_units]

    def indicator_scores(self) -> list[Decimal]:
        return [Decimal(int(units)).scaleb(-self.places) for units in self.indicator_units]


# What the explained path (assess) catches as "cannot be scored"
UNSCORABLE = (ScoringError, ArithmeticError, ValueError)


def build_table(docs: list[EvaluationDocument], pack: RulePack, *, skip_unscorable: bool = False) -> IndicatorTable:
    """Settle weights and lay out the indicators of ``docs`` under ``pack``.

    Raises :class:`~jixiao.scoring.ScoringError` for the same documents the explained path refuses;
    with ``skip_unscorable`` such a document is left out instead (no rows, total 0) and its reason
    kept in ``table.unscorable``."""
    places = pack.places
    execution_leaf = pack.execution_leaf
    rows: list[tuple] = []
    fixed: list[Decimal] = []
    unscorable: dict[int, str] = {}
    for index, doc in enumerate(docs):
        try:
            scorer = _Scorer(doc, pack)
            other = Decimal(0)
            mine = []
            for leaf, indicator, weight in scorer.slots():
                if indicator is None:
                    if leaf.is_group:
                        continue  # a group left empty under "refuse": 0 points
                    if leaf is execution_leaf:
                        budget, executed = funds(doc, "total")
                        other += m.score_execution(weight, budget, executed, scorer.quantum)[0]
                    else:
                        other += scorer.management(leaf, weight).score
                    continue
                # rows scored outside the formulas: the explained path's own score (rare)
                preset = (scorer.indicator(leaf, indicator, weight).score
                          if indicator.applicable and (indicator.unread or indicator.target.is_empty
                                                       and indicator.actual.is_empty) else None)
                mine.append((index, leaf, indicator, weight, preset))
        except UNSCORABLE as exc:
            if not skip_unscorable:
                raise
            unscorable[index] = str(exc)
            fixed.append(Decimal(0))
            continue
        rows.extend(mine)
        fixed.append(other)

    # Integers at one scale per column: every distinct value is converted once (values repeat a lot).
    kinds, targets, actuals, selfs, bands = [], [], [], [], []
    band_cache: dict = {}
    for _, leaf, indicator, weight, preset in rows:
        methods = leaf.indicator_methods or pack.indicator_methods
        if preset is not None:
            kind, target, actual, grade = PRESET, ZERO_DECIMAL, ZERO_DECIMAL, None
        else:
            kind, target, actual, grade = _classify(indicator, methods)
        kinds.append(kind)
        targets.append(target)
        actuals.append(actual)
        key = (id(methods), grade)
        band = band_cache.get(key)
        if band is None:
            if grade is None:
                band = (ZERO_DECIMAL, ZERO_DECIMAL, False, ZERO_DECIMAL)
            else:
                band = (*methods.qualitative.band(grade), methods.qualitative.default_share[grade])
            band_cache[key] = band
        bands.append(band)
        self_score = indicator.self_score
        if self_score is not None and kind == QUALITATIVE:
            own_weight = indicator.weight if indicator.weight is not None else weight
            if own_weight != weight and own_weight > 0:
                self_score = m.round_half_up(self_score * weight / own_weight, places)
            selfs.append(self_score)
        else:
            selfs.append(None)

    weights = [row[3] for row in rows]
    weight_ints, weight_places = _integers(weights, places)
    number_ints, _ = _integers(targets + actuals, 0)
    target_ints, actual_ints = number_ints[:len(rows)], number_ints[len(rows):]
    present = [v for v in selfs if v is not None]
    self_ints, self_places = _integers(present, places)
    self_iter = iter(self_ints)
    self_column = [-1 if v is None else next(self_iter) for v in selfs]
    share_values = [edge for band in band_cache.values() for edge in (band[0], band[1], band[3])]
    share_places = max([0, *(_places(v) for v in share_values)])
    low, high, inclusive, default = zip(*bands) if bands else ((), (), (), ())
    share_int = {v: _integer(v, share_places) for v in share_values}

    # The largest product score_table forms (×4 for the half-up doubling and 2·target − actual);
    # beyond int64 the columns hold Python integers: slower, still exact.
    magnitude = max([1, *(abs(v) for v in number_ints)])
    heaviest = max([1, *weight_ints])
    own = max([1, *self_column])
    unit, w_scale, s_scale, share_scale = (10 ** places, 10 ** weight_places, 10 ** self_places,
                                           10 ** share_places)
    largest = max(heaviest * magnitude * unit, magnitude * w_scale, own * w_scale * share_scale,
                  heaviest * share_scale * max(s_scale, unit))
    wide = 4 * largest >= INT64_SAFE
    numbers = object if wide else np.int64
    columns = {
        "document": [row[0] for row in rows], "kind": kinds, "weight": weight_ints,
        "target": target_ints, "actual": actual_ints, "self_score": self_column,
        "band_low": [share_int[v] for v in low], "band_high": [share_int[v] for v in high],
        "band_inclusive": list(inclusive), "band_default": [share_int[v] for v in default],
    }
    return IndicatorTable(
        pack=pack,
        document=np.asarray(columns["document"], dtype=np.int64),
        kind=np.asarray(columns["kind"], dtype=np.int8),
        weight=np.asarray(columns["weight"], dtype=numbers),
        target=np.asarray(columns["target"], dtype=numbers),
        actual=np.asarray(columns["actual"], dtype=numbers),
        self_score=np.asarray(columns["self_score"], dtype=numbers),
        band_low=np.asarray(columns["band_low"], dtype=numbers),
        band_high=np.asarray(columns["band_high"], dtype=numbers),
        band_inclusive=np.asarray(columns["band_inclusive"], dtype=bool),
        band_default=np.asarray(columns["band_default"], dtype=numbers),
        fixed=np.asarray([_integer(value, places) for value in fixed], dtype=np.int64),
        weight_places=weight_places, self_places=self_places, share_places=share_places,
        preset=np.asarray([0 if row[4] is None else _integer(row[4], places) for row in rows], dtype=np.int64),
        indicators=tuple(row[2] for row in rows), unscorable=unscorable,
    )


def _all_methods(pack: RulePack):
    yield pack.indicator_methods
    for leaf in pack.leaves:
        if leaf.indicator_methods is not None:
            yield leaf.indicator_methods


def _classify(indicator, methods) -> tuple[int, Decimal, Decimal, QualitativeGrade | None]:
    """(kind, target, actual, grade) of one row, following the explained path's branches."""
    actual = indicator.actual
    if not indicator.applicable:
        return ZERO_KIND, ZERO_DECIMAL, ZERO_DECIMAL, None
    if indicator.direction is Direction.QUALITATIVE or (actual.number is None and actual.grade is not None):
        if actual.grade is None:
            return ZERO_KIND, ZERO_DECIMAL, ZERO_DECIMAL, None
        return QUALITATIVE, ZERO_DECIMAL, ZERO_DECIMAL, actual.grade
    target_number, actual_number = comparable(indicator)
    if actual_number is None or target_number is None:
        return ZERO_KIND, ZERO_DECIMAL, ZERO_DECIMAL, None
    if indicator.direction is Direction.LE:
        kind = LE_LINEAR if methods.le == "linear" else LE_RATIO
    elif indicator.direction is Direction.EQ:
        kind = EQ_BELOW if methods.eq == "below" else EQ_RATIO
    else:
        kind = GE
    return kind, target_number, actual_number, None


def _half_up(numerator, denominator):
    """round_half_up(numerator / denominator) for numerator ≥ 0, denominator > 0, on integers."""
    return (2 * numerator + denominator) // (2 * denominator)


def score_table(table: IndicatorTable) -> BulkScores:
    """Score every row of ``table`` at once, exactly as :func:`score_document` would."""
    places = table.pack.places
    unit = 10 ** places
    w_scale = 10 ** table.weight_places
    s_scale = 10 ** table.self_places
    share_scale = 10 ** table.share_places
    kind = table.kind
    scores = np.zeros(len(kind), dtype=table.weight.dtype)
    for code in np.unique(kind):
        rows = np.flatnonzero(kind == code)
        if code == ZERO_KIND:
            continue
        if code == PRESET:
            scores[rows] = table.preset[rows]
            continue
        w, t, a = table.weight[rows], table.target[rows], table.actual[rows]
        full = _half_up(w * unit, w_scale)
        if code == QUALITATIVE:
            scores[rows] = _qualitative(table, rows, w, full, unit, w_scale, s_scale, share_scale)
            continue
        zero, one = np.zeros_like(w), np.ones_like(w)
        if code == GE:
            missed = (a < t) & (t > 0) & (a > 0)
            part = _half_up(w * np.where(missed, a, zero) * unit, np.where(missed, t, one) * w_scale)
            scores[rows] = np.where(a >= t, full, np.where(missed, part, zero))
        elif code in (LE_RATIO, LE_LINEAR):
            over = (a > t) & (t > 0)
            if code == LE_RATIO:
                part = _half_up(w * np.where(over, t, zero) * unit, np.where(over, a, one) * w_scale)
            else:
                left = np.where(over, 2 * t - a, zero)
                over &= left > 0
                part = _half_up(w * np.where(over, left, zero) * unit, np.where(over, t, one) * w_scale)
            scores[rows] = np.where(a <= t, full, np.where(over, part, zero))
        else:  # EQ_RATIO, EQ_BELOW: points × smaller/larger; a negative value or a target of 0 scores 0
            small, large = np.minimum(a, t), np.maximum(a, t)
            ratio = (a >= 0) & (t > 0)
            part = _half_up(w * np.where(ratio, small, zero) * unit, np.where(ratio, large, one) * w_scale)
            result = np.where(ratio, part, zero)
            if code == EQ_BELOW:
                result = np.where(a > t, full, result)
            scores[rows] = np.where(a == t, full, np.where(t == 0, zero, result))
    scores = scores.astype(np.int64)
    totals = table.fixed.copy()
    if len(scores):  # (not reduceat: documents without rows at the end would cut the last one short)
        np.add.at(totals, table.document, scores)
    return BulkScores(indicator_units=scores, totals_units=totals, places=places)


def _qualitative(table: IndicatorTable, rows, w, full, unit, w_scale, s_scale, share_scale):
    """A hand-entered score inside its band is kept (rounded), else the band's default share."""
    s = table.self_score[rows]
    zero = np.zeros_like(w)
    has_self = s >= 0
    own = np.where(has_self, s, zero)
    scaled = own * w_scale * share_scale
    low = w * table.band_low[rows] * s_scale
    high = w * table.band_high[rows] * s_scale
    inside = ((scaled >= low) & np.where(table.band_inclusive[rows], scaled <= high, scaled < high)
              & (own * w_scale <= w * s_scale))
    default = _half_up(w * table.band_default[rows] * unit, w_scale * share_scale)
    return np.minimum(np.where(has_self & inside, _half_up(own * unit, s_scale), default), full)
