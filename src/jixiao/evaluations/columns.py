"""The column path of a bulk re-score (PostgreSQL): a batch's indicators read as integer columns in
one query, weights settled and every indicator scored with NumPy, exactly as the explained engine
does, without building a document object per indicator.

It handles the common shape of a department's evaluation under a pack that shares each group's points
out by the indicators' 分值 (``indicator_weights: rescale``). An evaluation with anything else — a pack
of its own 分值 (``document``), a value of 10^6 or more, a qualitative wording that names no grade, a
numeric target that is not a number, mixed empty and given 分值, an item dropped as not applicable,
no fund lines — is left to the document path (:func:`jixiao.evaluations.store.scoring_batch` and
:func:`jixiao.scoring.bulk.build_table`), which covers every case. Tests compare both with the
per-evaluation path.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import numpy as np
from django.db import connection

from jixiao.domain.document import EvaluationDocument, Fact, FundLine
from jixiao.domain.enums import Direction, EvaluationKind, FundNature, FundSource, Level1, QualitativeGrade
from jixiao.domain.limits import SCORE
from jixiao.domain.numbers import canonical
from jixiao.domain.values import read_grade
from jixiao.evaluations import models as m
from jixiao.rules.model import ChecklistMethod, RulePack
from jixiao.scoring import methods as sm
from jixiao.scoring.bulk import (
    EQ_BELOW,
    EQ_RATIO,
    GE,
    LE_LINEAR,
    LE_RATIO,
    QUALITATIVE,
    UNSCORABLE,
    ZERO_KIND,
    IndicatorTable,
    score_table,
)
from jixiao.scoring.engine import _Scorer, allocate
from jixiao.scoring.measures import funds

VALUE_SCALE = 10 ** 6  # values are stored with 6 places
VALUE_LIMIT = 10 ** 6  # |value| below this: scaled values stay below 10^12 and products fit int64
NONE = -(2 ** 62)  # "no value" in integer columns
DIRECTIONS = list(Direction)
LEVELS = list(Level1)
GRADES = list(QualitativeGrade)


def _case(column: str, choices: list) -> str:
    return ("CASE " + column + " " + " ".join(f"WHEN '{c.value}' THEN {n}" for n, c in enumerate(choices))
            + " ELSE -1 END")


def _scaled(column: str, factor: int, limit: int | None = None) -> str:
    inside = f"{column} IS NOT NULL" + (f" AND abs({column}) < {limit}" if limit else "")
    return f"CASE WHEN {inside} THEN ({column} * {factor})::bigint ELSE {NONE} END"


def _query() -> str:
    unit = 10 ** SCORE.places
    return (
        "SELECT t.evaluation_id, " + _case("i.level1", LEVELS) + ", " + _case("i.direction", DIRECTIONS)
        + ", " + _case("i.actual_grade", GRADES) + ", i.applicable::int, "
        "(i.actual_text <> '' AND i.actual_grade = '' AND i.direction = 'qualitative')::int, "
        "((i.target_value IS NOT NULL AND abs(i.target_value) >= %(limit)s) "
        " OR (i.actual_value IS NOT NULL AND abs(i.actual_value) >= %(limit)s))::int, "
        + _scaled("i.target_value", VALUE_SCALE, VALUE_LIMIT) + ", " + _scaled("i.actual_value", VALUE_SCALE, VALUE_LIMIT)
        + ", " + _scaled("i.weight", unit) + ", " + _scaled("i.self_score", unit) + ", " + _scaled("i.score", unit)
        + ", t.position, t.id, i.position, i.id"
        ", CASE WHEN i.direction = 'qualitative' THEN i.target_text END "
        "FROM evaluations_indicator i JOIN evaluations_task t ON t.id = i.task_id "
        "WHERE t.evaluation_id = ANY(%(ids)s)")


class ColumnScorer:
    """Scores batches of evaluations of one pack; keeps what repeats across batches (grades read from
    qualitative targets, the pack's lookup tables)."""

    def __init__(self, pack: RulePack):
        self.pack = pack
        self.unit = 10 ** pack.places
        self.usable = (pack.indicator_weights == "rescale" and pack.places == SCORE.places
                       and sum((leaf.weight for leaf in pack.leaves), Decimal(0)) == pack.total)
        leaves = [leaf for leaf in pack.leaves if leaf.is_group]
        self.groups = leaves
        self.leaf_of_level = np.full(len(LEVELS) + 1, -1, dtype=np.int64)  # index -1: unknown level
        for n, leaf in enumerate(leaves):
            for level in leaf.indicators:
                self.leaf_of_level[LEVELS.index(level)] = n
        self.group_points = np.array([int(leaf.weight.scaleb(pack.places)) for leaf in leaves] or [0], dtype=np.int64)
        methods = [leaf.indicator_methods or pack.indicator_methods for leaf in leaves]
        self.le_linear = np.array([mt.le == "linear" for mt in methods] or [False])
        self.eq_below = np.array([mt.eq == "below" for mt in methods] or [False])
        shares = [v for mt in methods for g in GRADES for v in (*mt.qualitative.band(g)[:2], mt.qualitative.default_share[g])]
        self.share_places = max([0, *(-v.as_tuple().exponent for v in shares if v.as_tuple().exponent < 0)])
        scale = 10 ** self.share_places

        def table(pick):
            return np.array([[int(pick(mt, g).scaleb(self.share_places)) if scale else 0 for g in GRADES]
                             for mt in methods] or [[0] * len(GRADES)], dtype=np.int64)

        self.band_low = table(lambda mt, g: mt.qualitative.band(g)[0])
        self.band_high = table(lambda mt, g: mt.qualitative.band(g)[1])
        self.band_default = table(lambda mt, g: mt.qualitative.default_share[g])
        self.band_inclusive = np.array([[mt.qualitative.band(g)[2] for g in GRADES] for mt in methods]
                                       or [[False] * len(GRADES)])
        self.target_grades: dict[str, int] = {}

    # --- management leaves -----------------------------------------------------------------------
    def fixed(self, doc: EvaluationDocument) -> int | None:
        """The points of the document's non-indicator leaves (execution, management), in units of the
        last place; ``None`` when the column path does not handle the document."""
        pack = self.pack
        if not doc.fund_lines:
            return None
        try:
            scorer = _Scorer(doc, pack)
            total = Decimal(0)
            for leaf in pack.leaves:
                if leaf.is_group:
                    continue
                if (pack.not_applicable == "rescale" and isinstance(leaf.method, ChecklistMethod)
                        and scorer._all_not_applicable(leaf.method)):
                    return None  # dropped and the rest rescaled: the document path does it
                if leaf is pack.execution_leaf:
                    budget, executed = funds(doc, "total")
                    total += sm.score_execution(leaf.weight, budget, executed, scorer.quantum)[0]
                else:
                    total += scorer.management(leaf, leaf.weight).score
        except UNSCORABLE:
            return None
        return int(total.scaleb(pack.places))

    # --- indicators -----------------------------------------------------------------------------
    def score(self, ids: np.ndarray, fixed: np.ndarray, data: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(handled, totals, rows_equal) per evaluation of ``ids`` (sorted) from the batch's columns
        ``data``: whether the column path handled it, its total in units, and whether every stored
        indicator score equals the engine's."""
        pack = self.pack
        n_docs = len(ids)
        handled = fixed >= 0
        doc = np.searchsorted(ids, data["evaluation"])
        leaf = self.leaf_of_level[data["level1"]]
        direction = data["direction"]
        qualitative_code = DIRECTIONS.index(Direction.QUALITATIVE)
        qualitative = direction == qualitative_code
        grade = data["grade"]
        applicable = data["applicable"].astype(bool)
        target, actual = data["target"], data["actual"]

        # what the column path leaves to the document path
        refuse_doc = (data["unread"] == 1) | (data["wide"] == 1) | (direction < 0)
        target_grade = np.full(len(doc), -1, dtype=np.int64)
        for index in np.flatnonzero(qualitative).tolist():
            text = data["target_text"][index]
            code = self.target_grades.get(text)
            if code is None:
                found = read_grade(text) if text else None
                code = GRADES.index(found) if found is not None else -2
                self.target_grades[text] = code
            target_grade[index] = code
        refuse_doc |= qualitative & (target_grade == -2)
        refuse_doc |= ~qualitative & (target == NONE) & (leaf >= 0)

        drop = pack.not_applicable == "rescale"
        kept = (leaf >= 0) & (applicable if drop else True)
        group = doc * max(len(self.groups), 1) + np.where(leaf >= 0, leaf, 0)
        n_groups = n_docs * max(len(self.groups), 1)
        weight = data["weight"]
        kept_count = np.bincount(group[kept], minlength=n_groups)
        missing = np.bincount(group[kept & (weight == NONE)], minlength=n_groups)
        refuse_group = (missing > 0) & (missing < kept_count)  # some 分值 given, some not: an error
        points = np.tile(self.group_points, n_docs) if self.groups else np.zeros(n_groups, dtype=np.int64)
        if drop:
            refuse_group |= (kept_count == 0) & (points > 0)  # dropped, the rest rescaled
        refuse_doc_from_groups = np.zeros(n_docs, dtype=bool)
        bad_groups = np.flatnonzero(refuse_group)
        refuse_doc_from_groups[bad_groups // max(len(self.groups), 1)] = True
        bad = np.bincount(doc[refuse_doc], minlength=n_docs) > 0
        handled &= ~bad & ~refuse_doc_from_groups

        # weights: the group's points shared by 分值, largest remainder, ties to the earlier row
        rows = np.flatnonzero(kept & handled[doc])
        g = group[rows]
        given = np.where(missing[g] > 0, 1, weight[rows])  # no 分值 at all: equal shares
        base = np.zeros(n_groups, dtype=np.int64)
        np.add.at(base, g, given)
        equal = base[g] == 0  # every 分值 0: equal shares
        given = np.where(equal, 1, given)
        base = np.zeros(n_groups, dtype=np.int64)
        np.add.at(base, g, given)
        product = points[g] * given
        share = product // base[g]
        remainder = product % base[g]
        given_out = np.zeros(n_groups, dtype=np.int64)
        np.add.at(given_out, g, share)
        left = points - given_out
        order = np.lexsort((rows, -remainder, g))
        sorted_groups = g[order]
        starts = np.searchsorted(sorted_groups, sorted_groups, side="left")
        rank = np.empty(len(rows), dtype=np.int64)
        rank[order] = np.arange(len(rows)) - starts
        allocated = share + (rank < left[g])
        # Equal remainders on both sides of the cut: the engine's Decimal division (28 digits) decides
        # which gets the extra cent, so such a group is shared out by the engine's own allocate.
        sorted_remainder = remainder[order]
        first = np.searchsorted(sorted_groups, np.arange(n_groups), side="left")
        count = np.bincount(g, minlength=n_groups)
        cut = (left > 0) & (left < count)
        before_cut = np.where(cut, first + left - 1, 0)
        after_cut = np.where(cut, first + left, 0)
        tied = cut & (sorted_remainder[before_cut] == sorted_remainder[after_cut]) if len(rows) else cut
        by_group = np.argsort(g, kind="stable")  # each group's rows together, in document order
        for group_id in np.flatnonzero(tied).tolist():
            members = by_group[first[group_id]:first[group_id] + count[group_id]]
            weights = [Decimal(int(w)).scaleb(-pack.places) for w in given[members]]
            total = Decimal(int(points[group_id])).scaleb(-pack.places)
            allocated[members] = [int(w.scaleb(pack.places)) for w in allocate(total, weights, pack.places)]

        # kinds, as the engine branches
        d, gr, t, a = direction[rows], grade[rows], target[rows], actual[rows]
        row_leaf = leaf[rows]
        as_qualitative = (d == qualitative_code) | ((a == NONE) & (gr >= 0))
        kind = np.full(len(rows), ZERO_KIND, dtype=np.int8)
        numeric = ~as_qualitative & (a != NONE) & (t != NONE)
        kind[numeric & (d == DIRECTIONS.index(Direction.GE))] = GE
        le = numeric & (d == DIRECTIONS.index(Direction.LE))
        kind[le] = np.where(self.le_linear[row_leaf[le]], LE_LINEAR, LE_RATIO)
        eq = numeric & (d == DIRECTIONS.index(Direction.EQ))
        kind[eq] = np.where(self.eq_below[row_leaf[eq]], EQ_BELOW, EQ_RATIO)
        kind[as_qualitative & (gr >= 0)] = QUALITATIVE
        kind[~applicable[rows]] = ZERO_KIND  # kept only when the pack refuses to drop it: 0 points

        # a hand-entered qualitative score on the scale of the row's own 分值
        own = weight[rows]
        own = np.where(own == NONE, allocated, own)
        self_score = data["self_score"][rows]
        has_self = (self_score != NONE) & (kind == QUALITATIVE)
        rescaled = has_self & (own != allocated) & (own > 0)
        safe_own = np.where(rescaled, own, 1)
        converted = (2 * self_score * allocated + safe_own) // (2 * safe_own)
        self_column = np.where(has_self, np.where(rescaled, converted, self_score), -1)
        band_grade = np.where(gr >= 0, gr, 0)
        band_leaf = np.where(row_leaf >= 0, row_leaf, 0)
        table = IndicatorTable(
            pack=pack, document=doc[rows], kind=kind, weight=allocated,
            target=np.where(t == NONE, 0, t), actual=np.where(a == NONE, 0, a), self_score=self_column,
            band_low=self.band_low[band_leaf, band_grade], band_high=self.band_high[band_leaf, band_grade],
            band_inclusive=self.band_inclusive[band_leaf, band_grade],
            band_default=self.band_default[band_leaf, band_grade],
            fixed=np.where(handled, fixed, 0), weight_places=pack.places, self_places=pack.places,
            share_places=self.share_places, preset=np.zeros(len(rows), dtype=np.int64), unscorable={})
        scores = score_table(table)
        engine = np.full(len(doc), NONE, dtype=np.int64)
        engine[rows] = scores.indicator_units
        differs = engine != data["stored"]
        rows_equal = np.bincount(doc[differs], minlength=n_docs) == 0
        return handled, scores.totals_units, rows_equal


def read_columns(ids: list[int], fetch: int = 100_000) -> dict:
    """The indicator columns of the evaluations ``ids`` (PostgreSQL), as NumPy arrays in the documents'
    order: one query (a client-side cursor: the server may scan in parallel, which it never does for a
    server-side one), turned into columns ``fetch`` rows at a time, sorted here (cheaper than an
    ORDER BY on the server)."""
    names = ("evaluation", "level1", "direction", "grade", "applicable", "unread", "wide", "target", "actual",
             "weight", "self_score", "stored", "task_position", "task", "position", "id")
    parts: dict[str, list] = {name: [] for name in (*names, "target_text")}
    with connection.cursor() as cursor:
        cursor.execute(_query(), {"ids": ids, "limit": VALUE_LIMIT})
        while rows := cursor.fetchmany(fetch):
            columns = list(zip(*rows))
            for name, column in zip(names, columns):
                parts[name].append(np.array(column, dtype=np.int64))
            texts = np.empty(len(rows), dtype=object)
            texts[:] = columns[-1]
            parts["target_text"].append(texts)
    data = {name: np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64 if name != "target_text" else object)
            for name, chunks in parts.items()}
    order = np.lexsort((data["id"], data["position"], data["task"], data["task_position"], data["evaluation"]))
    data = {name: column[order] for name, column in data.items()}
    data["level1"] = np.where(data["level1"] < 0, len(LEVELS), data["level1"])
    return data


def management_documents(rows: list[dict]) -> list[EvaluationDocument]:
    """Per evaluation a document with what its management leaves read: fund lines and facts."""
    ids = [row["id"] for row in rows]
    fund_lines, facts = defaultdict(list), defaultdict(list)
    for f in m.FundLine.objects.filter(evaluation_id__in=ids).order_by("id").values_list(
            "evaluation_id", "source", "nature", "initial_budget", "full_year_budget", "executed", "carryover",
            "prior_year_carryover"):
        fund_lines[f[0]].append(FundLine(source=FundSource(f[1]), nature=FundNature(f[2]),
                                         initial_budget=canonical(f[3]), full_year_budget=canonical(f[4]),
                                         executed=canonical(f[5]), carryover=canonical(f[6]),
                                         prior_year_carryover=canonical(f[7])))
    for f in m.Fact.objects.filter(evaluation_id__in=ids).order_by("id").values_list("evaluation_id", "key", "value",
                                                                                    "note"):
        facts[f[0]].append(Fact(key=f[1], value=f[2], note=f[3]))
    return [EvaluationDocument(region_code="", region_name="", department_code="",
                               department_name=row["department__name"], year=row["year"],
                               kind=EvaluationKind(row["kind"]), rule_pack=row["rule_pack"],
                               fund_lines=tuple(fund_lines[row["id"]]), facts=tuple(facts[row["id"]]))
            for row in rows]
