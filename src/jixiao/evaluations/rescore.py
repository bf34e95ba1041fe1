"""重新评分 of many evaluations at once (a region's or a province's job, ``jixiao rescore``), with the
same stored result as :func:`~jixiao.evaluations.services.rescore_evaluation` on each of them.

How, per batch of evaluations (one transaction, the evaluation rows locked):
1. one read of the scoring columns (:func:`store.scoring_batch`), the values read again from their
   texts with today's wording lists, as the per-evaluation path does;
2. every indicator scored at once by the exact vectorised scorer (:mod:`jixiao.scoring.bulk`), which
   gives the explained engine's scores, totals and grades, and says which documents cannot be scored;
3. an evaluation whose stored scores, total, grade or values all equal what step 2 finds (and that
   has its review counts) is unchanged: only its 评分时间 is set. Every other evaluation goes through
   the explained path (``assess`` and the review checks, reading its whole document), so the
   explanations shown and the error/warning counts are the engine's own, every point explained;
4. one write-back of what changed (PostgreSQL: COPY into a temporary table, then ``UPDATE … FROM``;
   elsewhere ``bulk_update`` in large batches), and one RESCORE event per evaluation (old → new
   score), created together.

What the vectorised check cannot see: an explanation or a review count that would change while
every score, total, grade and value stays the same (a pack's wording or a check's threshold edited
alone). ``explain_all`` sends every evaluation through the explained path for such a change.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from jixiao.assessment import assess
from jixiao.domain.enums import EvaluationKind, EventVerb
from jixiao.documents.collector import collector_paused
from jixiao.domain.values import wording_fingerprint
from jixiao.evaluations import store
from jixiao.evaluations.models import Evaluation, Indicator, Task
from jixiao.events.models import Event
from jixiao.rules import RulePackError, load_pack
from jixiao.scoring.bulk import build_table, score_table

log = logging.getLogger(__name__)

BATCH = 500  # evaluations read, scored and written together (≈ 40,000 indicators)
COLUMN_CHUNK = 1500  # evaluations whose columns are read and scored together (PostgreSQL)
_EVALUATION_FIELDS = ("id", "year", "kind", "rule_pack", "score_total", "score_grade", "error_count", "values_read_with",
                      "department_id", "department__name", "department__region_id")


@dataclass
class RescoreSummary:
    """What a bulk re-score did, and where its time went (seconds per phase)."""

    evaluations: int = 0
    indicators: int = 0
    changed: int = 0  # evaluations whose stored result changed (sent through the explained path)
    indicators_written: int = 0
    values_reread: int = 0
    unscored: int = 0
    disagreements: int = 0  # totals the bulk scorer got wrong (the explained path's are stored): a bug
    documents: int = 0  # evaluations scored through document objects (not the column path)
    phases: dict = field(default_factory=Counter)

    def add(self, other: "RescoreSummary") -> None:
        for name in ("evaluations", "indicators", "changed", "indicators_written", "values_reread", "unscored", "documents", "disagreements"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.phases.update(other.phases)


def rescore_many(*, evaluation_ids, acting_user, reason: str = "", batch: int = BATCH,
                 explain_all: bool = False, progress=None) -> RescoreSummary:
    """Re-score the evaluations ``evaluation_ids`` in batches of ``batch``, each batch in a transaction
    of its own; ``progress(done)`` is called after each. The acting user must be allowed to re-score
    every one of them (a superuser or the system, or a person with a role on its department, e.g. the
    region's 财政审核人), else nothing of that batch is written."""
    ids = list(evaluation_ids)
    summary = RescoreSummary()
    reader, scorers = store.ValueReader(), {}
    known = None
    if _postgres() and len(ids) > batch and not explain_all:
        # One read of every evaluation's columns, scored at once; the batches below lock their rows
        # and compare (only the explained path, reading afresh under the lock, ever writes scores).
        clock = _Clock()
        fingerprint = wording_fingerprint()
        stale = list(Evaluation.objects.filter(pk__in=ids).exclude(values_read_with=fingerprint)
                     .order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(stale), batch):  # values read with older lists: read them again first
            with transaction.atomic():
                summary.values_reread += _reread(stale[start:start + batch], acting_user, reader, fingerprint)
        clock.mark("read values again")
        rows = list(Evaluation.objects.filter(pk__in=ids).order_by("pk").values(*_EVALUATION_FIELDS))
        scored: list = [None] * len(rows)
        _column_scores(rows, scored, fingerprint, scorers, clock)
        known = {row["id"]: value for row, value in zip(rows, scored) if value is not None}
        summary.phases.update(clock.phases)
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            summary.add(rescore_batch(evaluation_ids=ids[start:start + batch], acting_user=acting_user,
                                      reason=reason, explain_all=explain_all, reader=reader, scorers=scorers,
                                      known=known))
        if progress:
            progress(min(start + batch, len(ids)))
    return summary


def rescore_batch(*, evaluation_ids, acting_user, reason: str = "", explain_all: bool = False,
                  reader: store.ValueReader | None = None, scorers: dict | None = None,
                  known: dict | None = None) -> RescoreSummary:
    """Re-score one batch of evaluations; call inside a transaction (the job's chunk runs it in the
    transaction that records the chunk's progress, so it is done exactly once)."""
    from jixiao.evaluations.services import NotPermitted

    clock = _Clock()
    summary = RescoreSummary(phases=clock.phases)
    rows = list(Evaluation.objects.select_for_update(of=("self",)).filter(pk__in=list(evaluation_ids))
                .order_by("pk").values(*_EVALUATION_FIELDS))
    _check_allowed(acting_user, rows, NotPermitted)
    fingerprint = wording_fingerprint()
    scored: list = [None] * len(rows)  # per evaluation: (total, grade, every stored indicator score equal)
    if known is not None:  # scored already from one read of the whole set (rescore_many)
        for index, row in enumerate(rows):
            if row["values_read_with"] == fingerprint and row["id"] in known:
                scored[index] = known[row["id"]]
    elif _postgres():
        _column_scores(rows, scored, fingerprint, scorers if scorers is not None else {}, clock)
    rest = [i for i, value in enumerate(scored) if value is None]
    batch = store.scoring_batch([rows[i] for i in rest], reader) if rest else None
    clock.mark("read")
    summary.evaluations, summary.values_reread = len(rows), len(batch.reread) if batch else 0
    summary.indicators = (batch.indicator_count if batch else 0) + sum(v[3] for v in scored if v is not None)
    summary.documents = len(rest)
    reread_ids = set(batch.reread) if batch else set()
    if batch:
        for local, (index, (total, grade, scores)) in enumerate(zip(rest, _bulk_scores(batch))):
            stored = [score for _, _, score in batch.indicators[local]]
            codes = [code for _, code, _ in batch.indicators[local]]
            equal = (stored == scores and len(set(codes)) == len(codes)
                     and not any(i in reread_ids for i, _, _ in batch.indicators[local]))
            scored[index] = (total, grade, equal, len(stored))
    clock.mark("score")
    changed = [index for index, row in enumerate(rows)
               if explain_all or row["error_count"] is None or not scored[index][2]
               or (row["score_total"], row["score_grade"]) != scored[index][:2]]
    clock.mark("compare")

    if batch and batch.reread:
        store.write_values(batch.reread)
    if rest:
        Evaluation.objects.filter(pk__in=[rows[i]["id"] for i in rest]).update(values_read_with=fingerprint)
    now = timezone.now()
    indicator_updates, evaluation_updates, after = [], [], {}
    if changed:
        with collector_paused():  # many short-lived objects: collections would walk them again and again
            ids = [rows[i]["id"] for i in changed]
            stored: dict = {}  # evaluation id -> {indicator id: (code, score, explanation)}, from the same read
            documents = dict(zip(ids, store.read_documents(Evaluation.objects.filter(pk__in=ids).order_by("pk"),
                                                           stored=stored)))
            clock.mark("read changed")
            for index in changed:
                row = rows[index]
                indicator_rows, evaluation = _explained(documents[row["id"]], stored.get(row["id"], {}), now)
                indicator_updates += indicator_rows
                evaluation_updates.append((row["id"], *evaluation))
                after[row["id"]] = evaluation
                if evaluation[0] is None:
                    summary.unscored += 1
                if (evaluation[0], evaluation[1]) != scored[index][:2]:  # the two paths disagree: a bug to fix
                    summary.disagreements += 1
                    log.error("批量评分与逐份评分结果不同：自评 %s，%s ≠ %s", row["id"], scored[index][:2], evaluation[:2])
            del documents, stored  # freed before the collector runs again
            clock.mark("explain")
    summary.changed, summary.indicators_written = len(changed), len(indicator_updates)
    _write_indicators(indicator_updates)
    _write_evaluations(evaluation_updates)
    unchanged = [row["id"] for i, row in enumerate(rows) if row["id"] not in after and row["score_total"] is not None]
    Evaluation.objects.filter(pk__in=unchanged).update(scored_at=now)
    _record_events(rows, after, acting_user, reason, now)
    clock.mark("write")
    return summary


def _reread(evaluation_ids: list[int], acting_user, reader: store.ValueReader, fingerprint: str) -> int:
    """Read the values of these evaluations again from their texts with today's wording lists, as the
    document path does (rows locked, the acting user allowed), store what reads differently and mark
    them read with today's lists, so that the column path scores them (and finds changed scores). Call
    inside a transaction; returns how many indicator rows changed."""
    from jixiao.evaluations.services import NotPermitted

    rows = list(Evaluation.objects.select_for_update(of=("self",)).filter(pk__in=evaluation_ids)
                .values("id", "department_id"))
    _check_allowed(acting_user, rows, NotPermitted)
    reread = {}
    # each distinct wording and stored reading once (province texts repeat a lot), with its rows
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT i.direction, i.unit, i.target_text, i.actual_text, i.target_value, i.actual_value, i.actual_grade, "
            f"array_agg(i.id) FROM {Task._meta.db_table} t JOIN {Indicator._meta.db_table} i ON i.task_id = t.id "
            "WHERE t.evaluation_id = ANY(%s::bigint[]) GROUP BY 1, 2, 3, 4, 5, 6, 7",
            ["{" + ",".join(map(str, evaluation_ids)) + "}"])
        for direction, unit, target_text, actual_text, *stored, pks in cursor.fetchall():
            read = reader.read(direction, unit, target_text, actual_text)
            if read is not None and read != (direction, unit, *stored):
                reread.update(dict.fromkeys(pks, read))
    store.write_values(reread)
    Evaluation.objects.filter(pk__in=evaluation_ids).update(values_read_with=fingerprint)
    return len(reread)


def _check_allowed(acting_user, rows, refused) -> None:
    """As :func:`rescore_evaluation`: a superuser (or the system), or a role on the department."""
    if getattr(acting_user, "is_superuser", False) and acting_user.is_authenticated:
        return
    if not acting_user.is_authenticated:
        raise refused("请先登录")
    from jixiao.orgs.models import Department

    needed = {row["department_id"] for row in rows}
    for department in Department.objects.filter(pk__in=needed).only("id", "region_id", "name"):
        if not acting_user.roles_on(department):
            raise refused(f"{acting_user}不是{department.name}的填报人、负责人或本辖区财政审核人，不能重新评分")


def _column_scores(rows: list[dict], scored: list, fingerprint: str, scorers: dict, clock) -> None:
    """Fill ``scored`` for the evaluations the column path handles (values read with today's lists).

    Outside a transaction the indicator columns are read by other connections in the background (the
    server works on them while this thread scores the management leaves); inside one (a job's chunk,
    a test) on this connection, which alone sees the transaction's writes."""
    from jixiao.evaluations.columns import ColumnScorer, management_documents, read_columns, target_texts

    by_pack: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        if row["values_read_with"] == fingerprint:
            by_pack[row["rule_pack"]].append(index)
    work = []
    for name, indexes in by_pack.items():
        if name not in scorers:
            try:
                scorers[name] = ColumnScorer(load_pack(name))
            except RulePackError:
                scorers[name] = None
        scorer = scorers[name]
        if scorer is not None and scorer.usable:
            for start in range(0, len(indexes), COLUMN_CHUNK):
                part = indexes[start:start + COLUMN_CHUNK]
                work.append((scorer, part, np.array([rows[i]["id"] for i in part], dtype=np.int64)))
    if not work:
        return
    background = None
    if not connection.in_atomic_block:
        # Two connections read the chunks' columns (the server on two cores) while this thread
        # scores the management leaves of a chunk, then its indicators as soon as they are read.
        from concurrent.futures import ThreadPoolExecutor

        background = ThreadPoolExecutor(2)
        everything = sorted(int(i) for _, _, ids in work for i in ids)
        texts = background.submit(_alone, target_texts, everything)
        reads = [background.submit(_alone, read_columns, ids.tolist(), texts={}) for _, _, ids in work]
    try:
        for number, (scorer, indexes, ids) in enumerate(work):
            picked = [rows[i] for i in indexes]
            fixed = np.array([-1 if (f := scorer.fixed(doc)) is None else f for doc in management_documents(picked)],
                             dtype=np.int64)
            clock.mark("management")
            if background:
                data = reads[number].result()
                data["target_texts"] = texts.result()
            else:
                data = read_columns(ids.tolist())
            clock.mark("read columns")
            handled, totals, equal = scorer.score(ids, fixed, data)
            counts = np.bincount(np.searchsorted(ids, data["evaluation"]), minlength=len(ids))
            exponent = -scorer.pack.places
            for local, index in enumerate(indexes):
                if handled[local]:
                    total = Decimal(int(totals[local])).scaleb(exponent)
                    scored[index] = (total, scorer.pack.grade_for(total).label, bool(equal[local]),
                                     int(counts[local]))
            clock.mark("score columns")
    finally:
        if background:
            background.shutdown(wait=True, cancel_futures=True)


def _alone(function, *args, **kwargs):
    """``function`` in a thread of the pool, on that thread's own connection, closed at the end."""
    from django.db import connections

    try:
        return function(*args, **kwargs)
    finally:
        connections.close_all()


def _bulk_scores(batch: store.ScoringBatch) -> list[tuple]:
    """Per evaluation: (total, grade, [score of each indicator row, as the explained path stores it])
    from the vectorised scorer; (None, "", [None…]) for a document that cannot be scored."""
    result: list = [None] * len(batch.documents)
    by_pack: dict[str, list[int]] = defaultdict(list)
    for index, doc in enumerate(batch.documents):
        by_pack[doc.rule_pack].append(index)
    for name, indexes in by_pack.items():
        try:
            pack = load_pack(name)
        except RulePackError:
            pack = None
        if pack is None:
            for index in indexes:
                result[index] = (None, "", [None] * len(batch.indicators[index]))
            continue
        table = build_table([batch.documents[i] for i in indexes], pack, skip_unscorable=True)
        scores = score_table(table)
        units = scores.indicator_units.tolist()
        by_doc: dict[int, dict] = defaultdict(dict)
        for position, (doc_index, indicator) in enumerate(zip(table.document.tolist(), table.indicators)):
            by_doc[doc_index][indicator.code] = units[position]
        exponent = -pack.places
        for local, index in enumerate(indexes):
            if local in table.unscorable:
                result[index] = (None, "", [None] * len(batch.indicators[index]))
                continue
            total = Decimal(int(scores.totals_units[local])).scaleb(exponent)
            mine = by_doc.get(local, {})
            row_scores = [None if (u := mine.get(code)) is None else Decimal(u).scaleb(exponent)
                          for _, code, _ in batch.indicators[index]]
            result[index] = (total, pack.grade_for(total).label, row_scores)
    return result


def _explained(document, stored: dict, now) -> tuple[list[tuple], tuple]:
    """What ``_store_scores`` stores for one document: the indicator rows whose score or explanation
    changed as (id, score, explanation), and (total, grade, scored_at, errors, warnings)."""
    from jixiao.usecases.review import finding_counts

    assessment = assess(document)
    result = assessment.result
    by_code = {item.indicator_code: item for item in result.items if item.indicator_code} if result else {}
    updates = []
    for pk, (code, score, explanation) in stored.items():
        item = by_code.get(code)
        new_score, new_explanation = (item.score, item.explanation) if item else (None, "")
        if score != new_score or explanation != new_explanation:
            updates.append((pk, new_score, new_explanation))
    errors, warnings = finding_counts(assessment)
    return updates, (result.total if result else None, result.grade if result else "",
                     now if result else None, errors, warnings)


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _copy_update(table: str, columns: list[tuple[str, str]], rows: list[tuple]) -> None:
    """UPDATE ``table`` from ``rows`` (id first) through a temporary table filled by COPY."""
    temp = f"_jixiao_{table}_update"
    names = ", ".join(name for name, _ in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {temp} (id bigint, "
                       + ", ".join(f"{name} {kind}" for name, kind in columns) + ") ON COMMIT DELETE ROWS")
        cursor.execute(f"TRUNCATE {temp}")
        with cursor.cursor.copy(f"COPY {temp} (id, {names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(f"UPDATE {table} AS t SET " + ", ".join(f"{name} = u.{name}" for name, _ in columns)
                       + f" FROM {temp} AS u WHERE t.id = u.id")


def _write_indicators(updates: list[tuple]) -> None:
    if not updates:
        return
    if _postgres():
        _copy_update(Indicator._meta.db_table, [("score", "numeric"), ("score_explanation", "text")], updates)
        return
    Indicator.objects.bulk_update([Indicator(pk=pk, score=score, score_explanation=text) for pk, score, text in updates],
                                  ["score", "score_explanation"], batch_size=1000)


def _write_evaluations(updates: list[tuple]) -> None:
    if not updates:
        return
    columns = [("score_total", "numeric"), ("score_grade", "text"), ("scored_at", "timestamptz"),
               ("error_count", "integer"), ("warning_count", "integer")]
    if _postgres():
        _copy_update(Evaluation._meta.db_table, columns, updates)
        return
    Evaluation.objects.bulk_update([Evaluation(pk=u[0], **dict(zip((c for c, _ in columns), u[1:]))) for u in updates],
                                   [c for c, _ in columns], batch_size=500)


def _score_text(total, grade) -> str:
    return f"{total} {grade}" if total is not None else "未评分"


def _record_events(rows: list[dict], after: dict, acting_user, reason: str, now) -> None:
    """One RESCORE event per evaluation (old → new score), as the per-evaluation path writes."""
    actor = acting_user if getattr(acting_user, "pk", None) else None
    label = Evaluation._meta.label_lower
    events = []
    for row in rows:
        before = _score_text(row["score_total"], row["score_grade"])
        new = after.get(row["id"])
        events.append((row["id"], f"{row['year']} 年度{row['department__name']}{EvaluationKind(row['kind']).label}"[:300],
                       before, _score_text(*new[:2]) if new else before))
    if _postgres():  # COPY: a province's events in a fraction of what building model instances costs
        with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {Event._meta.db_table} (at, actor_id, verb, evaluation_id, object_type, object_id, object_repr, "
                "from_state, to_state, reason, data) FROM STDIN") as copy:
            for pk, text, before, after_text in events:
                copy.write_row((now, actor.pk if actor else None, EventVerb.RESCORE.value, pk, label, str(pk), text,
                                before, after_text, reason, "{}"))
        return
    Event.objects.bulk_create([
        Event(actor=actor, verb=EventVerb.RESCORE.value, evaluation_id=pk, object_type=label, object_id=str(pk),
              object_repr=text, from_state=before, to_state=after_text, reason=reason)
        for pk, text, before, after_text in events], batch_size=2000)


class _Clock:
    def __init__(self):
        self.phases: Counter = Counter()
        self._last = time.perf_counter()

    def mark(self, phase: str) -> None:
        now = time.perf_counter()
        self.phases[phase] += now - self._last
        self._last = now
