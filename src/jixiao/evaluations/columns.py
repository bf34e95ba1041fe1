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
WIDE = NONE + 1  # a value of 10^6 or more: left to the document path
DIRECTIONS = list(Direction)
LEVELS = list(Level1)
GRADES = list(QualitativeGrade)
COLLIDED = object()  # two wordings with one hash
DROPPED = object()  # a checklist all of whose items are not applicable


def _case(column: str, choices: list) -> str:
    return ("CASE " + column + " " + " ".join(f"WHEN '{c.value}' THEN {n}" for n, c in enumerate(choices))
            + " ELSE -1 END")


def _scaled(column: str, factor: int, limit: int | None = None) -> str:
    scaled = f"({column} * {factor})::bigint"
    if limit:  # a value too wide for the integer columns: WIDE (the document path scores it)
        scaled = f"CASE WHEN abs({column}) < {limit} THEN {scaled} ELSE {WIDE} END"
    return f"CASE WHEN {column} IS NULL THEN {NONE} ELSE {scaled} END"


# The small codes of a row packed in one bigint, 4 bits each (code + 1, so that -1 fits).
FLAGS = ("level1", "direction", "grade", "applicable", "unread")


def _query() -> str:
    """One row per evaluation of ``ids`` (in that order): its indicators as a two-dimensional bigint
    array, one row of ``NAMES`` (but the evaluation, known from the order) per indicator in the
    documents' order, never NULL inside (``NONE``
    instead). A binary COPY of it is read with one NumPy call per evaluation and no Python object per
    value; the rows of an evaluation are found through the indexes on task and indicator. A qualitative
    target's wording comes as a 64-bit hash of its text (``_target_texts`` gives the texts)."""
    unit = 10 ** SCORE.places
    codes = [_case("i.level1", LEVELS), _case("i.direction", DIRECTIONS), _case("i.actual_grade", GRADES),
             "i.applicable::int", "(i.actual_text <> '' AND i.actual_grade = '' AND i.direction = 'qualitative')::int"]
    flags = " + ".join(f"(({code}) + 1) * {16 ** n}" for n, code in enumerate(codes))
    columns = [
        flags, _scaled("i.target_value", VALUE_SCALE, VALUE_LIMIT), _scaled("i.actual_value", VALUE_SCALE, VALUE_LIMIT),
        _scaled("i.weight", unit), _scaled("i.self_score", unit), _scaled("i.score", unit),
        "CASE WHEN i.direction = 'qualitative' THEN hashtextextended(i.target_text, 0) ELSE 0 END"]
    return ("SELECT (SELECT array_agg(ARRAY[" + ", ".join(f"({c})::bigint" for c in columns) + "] "
            "ORDER BY t.position, t.id, i.position, i.id) "
            "FROM evaluations_task t JOIN evaluations_indicator i ON i.task_id = t.id WHERE t.evaluation_id = e.id) "
            "FROM unnest(%(ids)s::bigint[]) WITH ORDINALITY AS e(id, n) ORDER BY e.n")


def _target_texts() -> str:
    return ("SELECT DISTINCT hashtextextended(i.target_text, 0), i.target_text "
            "FROM evaluations_indicator i JOIN evaluations_task t ON t.id = i.task_id "
            "WHERE i.direction = 'qualitative' AND t.evaluation_id = ANY(%(ids)s::bigint[])")


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
        self.shares: dict[tuple, list[int]] = {}  # (points, 分值 of a tied group) -> the engine's shares
        self.checklists: dict[tuple, object] = {}  # (leaf, answers) -> points, or DROPPED

    # --- management leaves -----------------------------------------------------------------------
    def fixed(self, doc: EvaluationDocument) -> int | None:
        """The points of the document's non-indicator leaves (execution, management), in units of the
        last place; ``None`` when the column path does not handle the document."""
        pack = self.pack
        if not doc.fund_lines:
            return None
        try:
            scorer = _Scorer(doc, pack)
            facts: dict = {}
            for fact in doc.facts:
                facts.setdefault(fact.key, fact)  # the first of a key, as doc.fact finds it
            total = Decimal(0)
            for leaf in pack.leaves:
                if leaf.is_group:
                    continue
                if isinstance(leaf.method, ChecklistMethod):
                    # a checklist's points depend on its answers alone, and answers repeat: once each
                    key = (leaf.key, tuple(f.value if (f := facts.get(item.fact)) else None for item in leaf.method.items))
                    points = self.checklists.get(key)
                    if points is None:
                        if pack.not_applicable == "rescale" and scorer._all_not_applicable(leaf.method):
                            points = DROPPED
                        else:
                            points = scorer.management(leaf, leaf.weight).score
                        self.checklists[key] = points
                    if points is DROPPED:
                        return None  # dropped and the rest rescaled: the document path does it
                    total += points
                elif leaf is pack.execution_leaf:
                    budget, executed = funds(doc, "total")
                    total += sm.score_execution(leaf.weight, budget, executed, scorer.quantum)[0]
                else:
                    total += scorer.management(leaf, leaf.weight).score
        except UNSCORABLE:
            return None
        return int(total.scaleb(pack.places))

    def _target_grade(self, text) -> int:
        """The band a qualitative target's wording names (an index of GRADES), -2 when none (or when
        two wordings share a hash: the document path reads them)."""
        if text is COLLIDED:
            return -2
        code = self.target_grades.get(text)
        if code is None:
            found = read_grade(text) if text else None
            code = GRADES.index(found) if found is not None else -2
            self.target_grades[text] = code
        return code

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
        refuse_doc = (data["unread"] == 1) | (target == WIDE) | (actual == WIDE) | (direction < 0)
        target_grade = np.full(len(doc), -1, dtype=np.int64)
        picked = np.flatnonzero(qualitative)
        hashes, inverse = np.unique(data["target_hash"][picked], return_inverse=True)
        codes = np.array([self._target_grade(data["target_texts"].get(h, COLLIDED)) for h in hashes.tolist()],
                         dtype=np.int64)
        target_grade[picked] = codes[inverse] if len(picked) else -1
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
            # the same points and 分值 share out the same way: groups of equal 分值 repeat a lot
            key = (int(points[group_id]), given[members].tobytes())
            shares = self.shares.get(key)
            if shares is None:
                weights = [Decimal(int(w)).scaleb(-pack.places) for w in given[members]]
                total = Decimal(key[0]).scaleb(-pack.places)
                shares = self.shares[key] = [int(w.scaleb(pack.places)) for w in allocate(total, weights, pack.places)]
            allocated[members] = shares

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


NAMES = ("evaluation", "flags", "target", "actual", "weight", "self_score", "stored", "target_hash")
ELEMENT = np.dtype([("length", ">i4"), ("value", ">i8")])  # an array element in binary: length, then value
COPY_HEADER = 19  # signature (11), flags (4), header extension length (4, always 0 here)
ARRAY_HEADER = 28  # ndim, has-null flag, element type, then (size, lower bound) of both dimensions


def read_columns(ids: list[int], texts: dict | None = None) -> dict:
    """The indicator columns of the evaluations ``ids`` (sorted; PostgreSQL), as NumPy arrays in the
    documents' order, from a binary ``COPY`` of :func:`_query`. The wordings of qualitative targets:
    ``texts`` (:func:`target_texts` of these or more ids), else read here."""
    if texts is None:
        texts = target_texts(ids)
    matrix = _read_part(ids)
    data = {name: matrix[:, n] for n, name in enumerate(NAMES) if name != "flags"}
    flags = matrix[:, NAMES.index("flags")]
    for n, name in enumerate(FLAGS):
        data[name] = ((flags >> (4 * n)) & 15) - 1
    data["level1"] = np.where(data["level1"] < 0, len(LEVELS), data["level1"])
    data["target_texts"] = texts
    return data


def target_texts(ids: list[int]) -> dict:
    """The wordings of the qualitative targets of the evaluations ``ids`` by their hash in
    :func:`_query` (``COLLIDED`` for a hash two wordings share)."""
    texts: dict = {}
    with connection.cursor() as cursor:
        cursor.execute(_target_texts(), {"ids": "{" + ",".join(map(str, ids)) + "}"})
        for key, text in cursor.fetchall():
            texts[key] = COLLIDED if key in texts else text
    return texts


def _read_part(ids: list[int]) -> np.ndarray:
    """The rows of :func:`_query` for ``ids`` as one (indicators × NAMES) int64 matrix."""
    import psycopg

    with connection.cursor() as cursor:
        conn = cursor.cursor.connection
        query = psycopg.ClientCursor(conn).mogrify(_query(), {"ids": "{" + ",".join(map(str, ids)) + "}",
                                                           "limit": VALUE_LIMIT})
        messages = _copy_out(conn, f"COPY ({query}) TO STDOUT (FORMAT BINARY)")
    if messages and len(messages[0]) == COPY_HEADER:  # the header in a message of its own
        messages[0:2] = [bytes(messages[0]) + bytes(messages[1])] if len(messages) > 1 else []
    width = len(NAMES) - 1
    blocks, owners, sizes = [], [], []
    for n, message in enumerate(messages):
        start = COPY_HEADER if n == 0 else 0
        if n == len(ids):  # the end of the COPY
            if bytes(message[start:]) != b"\xff\xff":
                raise RuntimeError("COPY 结果格式无法识别")
            break
        length = int.from_bytes(message[start + 2:start + 6], "big", signed=True)
        if length < 0:  # an evaluation with no indicator
            continue
        head = start + 6
        if (int.from_bytes(message[head:head + 4], "big") != 2
                or int.from_bytes(message[head + 20:head + 24], "big") != width):
            raise RuntimeError("COPY 结果格式无法识别")
        block = np.frombuffer(message, dtype=ELEMENT, offset=head + ARRAY_HEADER)["value"]
        blocks.append(block)
        owners.append(ids[n])
        sizes.append(len(block) // width)
    if len(messages) != len(ids) + 1:
        raise RuntimeError("COPY 结果格式无法识别")
    if not blocks:
        return np.zeros((0, width + 1), dtype=np.int64)
    matrix = np.empty((sum(sizes), width + 1), dtype=np.int64)
    matrix[:, 0] = np.repeat(np.array(owners, dtype=np.int64), sizes)
    matrix[:, 1:] = np.concatenate(blocks).reshape(-1, width)
    return matrix


def _copy_out(conn, statement: str) -> list:
    """The messages (one a row) of a ``COPY … TO STDOUT``, read straight from libpq: psycopg's
    ``Copy`` iterator costs several Python calls per message; the socket is waited on with the GIL
    released, so other threads work meanwhile."""
    import select

    import psycopg
    from psycopg import pq

    pgconn = conn.pgconn
    pgconn.send_query(statement.encode())
    while pgconn.flush():
        select.select([], [pgconn.socket], [])
    while True:
        pgconn.consume_input()
        if not pgconn.is_busy():
            break
        select.select([pgconn.socket], [], [])
    started = pgconn.get_result()
    if started is None or started.status != pq.ExecStatus.COPY_OUT:
        message = started.get_error_field(pq.DiagnosticField.MESSAGE_PRIMARY) if started is not None else b""
        while pgconn.get_result() is not None:
            pass
        raise psycopg.DatabaseError((message or b"").decode(errors="replace") or "COPY 失败")
    chunks = []
    while True:
        size, data = pgconn.get_copy_data(1)
        if size > 0:
            chunks.append(data)
        elif size == 0:  # nothing complete yet: wait for the server (the GIL released meanwhile)
            select.select([pgconn.socket], [], [])
            pgconn.consume_input()
        elif size == -1:
            break
        else:
            raise psycopg.OperationalError(pgconn.get_error_message().decode(errors="replace"))
    failure = None
    while (result := pgconn.get_result()) is not None:
        if result.status not in (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.COPY_OUT):
            failure = result.get_error_field(pq.DiagnosticField.MESSAGE_PRIMARY) or b""
    if failure is not None:
        raise psycopg.DatabaseError((failure or b"").decode(errors="replace") or "COPY 失败")
    return chunks


def management_documents(rows: list[dict]) -> list[EvaluationDocument]:
    """Per evaluation a document with what its management leaves read: fund lines and facts (two
    queries on an array of ids: an IN list of a province's ids costs seconds to build and parse)."""
    wanted = "{" + ",".join(str(row["id"]) for row in rows) + "}"
    sources, natures = {s.value: s for s in FundSource}, {n.value: n for n in FundNature}
    fund_lines, facts = defaultdict(list), defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT evaluation_id, source, nature, initial_budget, full_year_budget, executed, carryover, "
                       f"prior_year_carryover FROM {m.FundLine._meta.db_table} "
                       "WHERE evaluation_id = ANY(%s::bigint[]) ORDER BY id", [wanted])
        for f in cursor.fetchall():
            fund_lines[f[0]].append(FundLine(source=sources[f[1]], nature=natures[f[2]],
                                             initial_budget=canonical(f[3]), full_year_budget=canonical(f[4]),
                                             executed=canonical(f[5]), carryover=canonical(f[6]),
                                             prior_year_carryover=canonical(f[7])))
        cursor.execute(f"SELECT evaluation_id, key, value, note FROM {m.Fact._meta.db_table} "
                       "WHERE evaluation_id = ANY(%s::bigint[]) ORDER BY id", [wanted])
        for f in cursor.fetchall():
            facts[f[0]].append(Fact(key=f[1], value=f[2], note=f[3]))
    return [EvaluationDocument(region_code="", region_name="", department_code="",
                               department_name=row["department__name"], year=row["year"],
                               kind=EvaluationKind(row["kind"]), rule_pack=row["rule_pack"],
                               fund_lines=tuple(fund_lines[row["id"]]), facts=tuple(facts[row["id"]]))
            for row in rows]
