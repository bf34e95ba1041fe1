"""Scoring benchmark over a synthetic province.

Builds a province in memory (``jixiao.demo.synthetic``, reproducible from ``--seed``), scores every
department with ``score_document`` (the explained path: every point explained in Chinese, Decimal
arithmetic), and prints:
- indicators per second, one process and ``--workers`` processes;
- the time for one department of about 100 indicators (median of repeats);
- the ratio to a vectorised NumPy computation of the same formulas (≥, ≤ ratio/linear, =,
  qualitative default share, points × min(rate, 1), half-up rounding to cents) in floats over the
  same indicators in the same run, and how many indicator scores the floats get wrong;
- the exact bulk path (``jixiao.scoring.bulk``: weights settled per document in Python, then every
  indicator scored in NumPy integer arithmetic), its ratio to that float floor, and a check that it
  equals the explained path on every indicator and every total.

Goals (issue 3): one department < 5 ms; the province (≥ 1,000,000 indicators) < 30 s on 2 cores.

    .venv/bin/python benchmarks/bench_scoring.py                      # ≥ 1,000,000 indicators
    .venv/bin/python benchmarks/bench_scoring.py --indicators 20000   # a small run
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import statistics
import sys
import time
from decimal import Decimal

import numpy as np

from jixiao.demo.synthetic import documents
from jixiao.domain.enums import Direction, QualitativeGrade
from jixiao.rules import load_pack
from jixiao.scoring import comparable, score_document
from jixiao.scoring.bulk import build_table, score_table
from jixiao.scoring.measures import funds

DOCS: list = []  # the province, shared with forked workers
PACK = None


def build_province(indicators: int, seed: int) -> list:
    """Departments (one year each) until at least ``indicators`` indicators exist."""
    province, count = [], 0
    estimate = indicators // 60 + 1  # ~80 indicators a department; more districts than needed is harmless
    for doc in documents(departments=estimate, years=(2022,), seed=seed):
        province.append(doc)
        count += len(doc.indicators)
        if count >= indicators:
            break
    return province


def _score_slice(bounds: tuple[int, int]) -> tuple[int, str]:
    start, stop = bounds
    total, count = Decimal(0), 0
    for doc in DOCS[start:stop]:
        result = score_document(doc, PACK)
        total += result.total
        count += len(result.items)
    return count, str(total)


def score_parallel(workers: int) -> tuple[float, int, Decimal]:
    size = len(DOCS)
    chunks = [(i * size // (workers * 8), (i + 1) * size // (workers * 8)) for i in range(workers * 8)]
    context = multiprocessing.get_context("fork")
    started = time.perf_counter()
    with context.Pool(workers) as pool:
        parts = pool.map(_score_slice, chunks)
    elapsed = time.perf_counter() - started
    return elapsed, sum(c for c, _ in parts), sum((Decimal(t) for _, t in parts), Decimal(0))


# --- the NumPy floor ------------------------------------------------------------------------------
GE, LE, EQ, QUAL = 0, 1, 2, 3


def extract(docs, results, pack) -> dict[str, np.ndarray]:
    """The inputs of every scored indicator as arrays (weights as the engine settled them)."""
    shares = pack.indicator_methods.qualitative.default_share
    kind, target, actual, weight, share, owner, engine = [], [], [], [], [], [], []
    budget, executed, exec_weight = [], [], []
    for index, (doc, result) in enumerate(zip(docs, results)):
        by_code = {item.indicator_code: item for item in result.items if item.indicator_code}
        for indicator in doc.indicators:
            item = by_code.get(indicator.code)
            if item is None:
                continue
            owner.append(index)
            weight.append(float(item.weight))
            engine.append(float(item.score))
            if indicator.direction is Direction.QUALITATIVE or indicator.actual.number is None:
                kind.append(QUAL)
                target.append(1.0)
                actual.append(1.0)
                share.append(float(shares[indicator.actual.grade or QualitativeGrade.NOT_ACHIEVED]))
                continue
            t, a = comparable(indicator)
            kind.append({Direction.GE: GE, Direction.LE: LE, Direction.EQ: EQ}[indicator.direction])
            target.append(float(t))
            actual.append(float(a))
            share.append(0.0)
        b, e = funds(doc, "total")
        budget.append(float(b))
        executed.append(float(e))
        exec_weight.append(float(result.execution.weight))
    return {name: np.asarray(values) for name, values in (
        ("kind", kind), ("target", target), ("actual", actual), ("weight", weight), ("share", share),
        ("owner", owner), ("engine", engine), ("budget", budget), ("executed", executed), ("exec_weight", exec_weight))}


def round_cents(values: np.ndarray) -> np.ndarray:
    return np.floor(values * 100 + 0.5) / 100


def numpy_scores(a: dict[str, np.ndarray], le_variant: str) -> tuple[np.ndarray, np.ndarray]:
    """Indicator scores and department totals (indicators + execution), vectorised."""
    kind, t, x, w = a["kind"], a["target"], a["actual"], a["weight"]
    safe_t = np.where(t > 0, t, 1.0)
    safe_x = np.where(x > 0, x, 1.0)
    ge = np.where(x >= t, w, np.where(t > 0, w * x / safe_t, 0.0))
    if le_variant == "linear":
        over = w * (1 - (x - t) / safe_t)
    else:
        over = w * t / safe_x
    le = np.where(x <= t, w, np.where(t > 0, over, 0.0))
    small, large = np.minimum(x, t), np.maximum(x, t)
    eq = np.where(x == t, w, np.where(t != 0, w * small / np.where(large != 0, large, 1.0), 0.0))
    qual = w * a["share"]
    raw = np.select([kind == GE, kind == LE, kind == EQ], [ge, le, eq], qual)
    scores = round_cents(np.clip(raw, 0, w))
    rate = np.where(a["budget"] > 0, a["executed"] / np.where(a["budget"] > 0, a["budget"], 1.0), 0.0)
    execution = round_cents(a["exec_weight"] * np.minimum(rate, 1.0))
    totals = np.bincount(a["owner"], weights=scores, minlength=len(a["budget"])) + execution
    return scores, totals


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="评分基准：合成省份的全部部门按规则包计分")
    parser.add_argument("--indicators", type=int, default=1_000_000, help="指标数（默认 1,000,000）")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="并行进程数（默认 2）")
    parser.add_argument("--pack", default="gd-2022-department")
    parser.add_argument("--repeats", type=int, default=200, help="单部门计时的重复次数")
    args = parser.parse_args(argv)

    global DOCS, PACK
    PACK = load_pack(args.pack)
    started = time.perf_counter()
    DOCS = build_province(args.indicators, args.seed)
    count = sum(len(doc.indicators) for doc in DOCS)
    print(f"合成省份：{len(DOCS):,} 个部门，{count:,} 个指标（seed={args.seed}，生成 {time.perf_counter() - started:.1f} s）")

    # One department of about 100 indicators.
    department = next(documents(departments=1, years=(2022,), seed=args.seed, tasks_per_department=12,
                                indicators_per_task=8))
    for _ in range(20):
        score_document(department, PACK)
    samples = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        score_document(department, PACK)
        samples.append(time.perf_counter() - t0)
    one = statistics.median(samples)
    print(f"单个部门（{len(department.indicators)} 个指标）：{one * 1000:.3f} ms（中位数，{args.repeats} 次；目标 < 5 ms）")

    # The explained path, one process.
    gc.collect()
    gc.disable()  # results are kept for the comparison; the cyclic collector only adds noise here
    t0 = time.perf_counter()
    results = [score_document(doc, PACK) for doc in DOCS]
    serial = time.perf_counter() - t0
    gc.enable()
    scored = sum(sum(1 for item in r.items if item.indicator_code) for r in results)
    print(f"逐项说明计分（1 个进程）：{serial:.2f} s，{scored / serial:,.0f} 指标/秒")

    # The explained path, in parallel.
    if args.workers > 1:
        elapsed, items, total = score_parallel(args.workers)
        expected = sum((r.total for r in results), Decimal(0))
        same = "一致" if total == expected else f"不一致（{total} ≠ {expected}）"
        print(f"逐项说明计分（{args.workers} 个进程）：{elapsed:.2f} s，{scored / elapsed:,.0f} 指标/秒；"
              f"总分合计与单进程{same}（目标：全省 < 30 s）")

    # The NumPy floor over the same indicators.
    t0 = time.perf_counter()
    arrays = extract(DOCS, results, PACK)
    extraction = time.perf_counter() - t0
    le_variant = PACK.indicator_methods.le
    numpy_scores(arrays, le_variant)  # warm-up
    timings = []
    for _ in range(5):
        t0 = time.perf_counter()
        scores, totals = numpy_scores(arrays, le_variant)
        timings.append(time.perf_counter() - t0)
    floor = min(timings)
    differ = int(np.count_nonzero(np.abs(arrays["engine"] - scores) > 0.005))
    print(f"NumPy 向量化（同一公式，{len(scores):,} 个指标）：{floor * 1000:.1f} ms，{len(scores) / floor:,.0f} 指标/秒"
          f"（提取数组 {extraction:.2f} s 不计入）；与逐项计分不一致的指标 {differ} 个")
    print(f"比值：逐项说明计分 / NumPy = {serial / floor:,.0f}×（1 个进程）")

    # The exact bulk path over the same province.
    gc.collect()
    gc.disable()  # as for the explained path: the results held above would make every collection slow
    t0 = time.perf_counter()
    table = build_table(DOCS, PACK)
    building = time.perf_counter() - t0
    gc.enable()
    score_table(table)  # warm-up
    exact_timings = []
    for _ in range(5):
        t0 = time.perf_counter()
        bulk = score_table(table)
        exact_timings.append(time.perf_counter() - t0)
    exact = min(exact_timings)
    explained_scores = [item.score for r in results for item in r.items if item.indicator_code]
    same_items = bulk.indicator_scores() == explained_scores
    same_totals = bulk.totals() == [r.total for r in results]
    print(f"批量精确计分：建表 {building:.2f} s（按文档结算权重、计管理类指标），向量计分 {exact * 1000:.1f} ms"
          f"（{len(table) / exact:,.0f} 指标/秒，为 NumPy 浮点下限的 {exact / floor:.1f}×）；"
          f"合计 {building + exact:.2f} s，为逐项说明计分的 {(building + exact) / serial:.2f}；"
          f"逐项得分{'一致' if same_items else '不一致'}，总分{'一致' if same_totals else '不一致'}")
    return 0 if same_items and same_totals else 1


if __name__ == "__main__":
    sys.exit(main())
