"""Re-scoring a whole generated province from PostgreSQL, end to end, against a bare SELECT.

Run inside a database holding a province made by ``jixiao generate`` (DATABASE_URL). Measures, in
the same process:
- the floor: a bare ``SELECT`` of every indicator's scoring columns (fetched to Python);
- the first bulk re-score of the run (:func:`jixiao.evaluations.rescore.rescore_many`); on a newly
  generated province it reads every value again from its text (the wording lists the stored values
  were read with are not known yet), then scores by the column path (``documents`` says how many
  evaluations were scored through document objects instead);
- the typical re-run, nothing changed: median of ``--repeat`` runs;
- everything changed (another pack for every evaluation, then back): every evaluation through the
  explained path, explanations and review counts included.
Prints each time, its ratio to the floor and the goal (< 10 s and ≤ 3× the bare SELECT for
≥ 1,000,000 indicators).

    DATABASE_URL=postgresql://…/rescore_bench .venv/bin/python benchmarks/bench_rescore.py
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

FLOOR_SQL = ("SELECT i.id, t.evaluation_id, i.code, i.level1, i.level2, i.direction, i.unit, i.target_text, "
             "i.target_value, i.actual_text, i.actual_value, i.actual_grade, i.weight, i.self_score, i.applicable, "
             "i.score FROM evaluations_indicator i JOIN evaluations_task t ON t.id = i.task_id")


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--changed", type=int, default=0,
                        help="evaluations given another pack for the everything-changed case (0: all)")
    parser.add_argument("--skip-changed", action="store_true", help="do not measure the everything-changed case")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from jixiao.site.bootstrap import setup_django

    setup_django()
    from django.db import connection

    from jixiao.evaluations.models import Evaluation, Indicator
    from jixiao.evaluations.rescore import rescore_many
    from jixiao.orgs.models import SYSTEM

    assert connection.vendor == "postgresql", "the province benchmark needs PostgreSQL (DATABASE_URL)"
    ids = list(Evaluation.objects.order_by("pk").values_list("pk", flat=True))
    total = Indicator.objects.count()
    out = {"evaluations": len(ids), "indicators": total, "load_before": load()}

    def floor() -> float:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL)
            rows = cursor.fetchall()
        assert len(rows) == total
        del rows
        return time.perf_counter() - started

    def rescore(reason: str):
        started = time.perf_counter()
        summary = rescore_many(evaluation_ids=ids, acting_user=SYSTEM, reason=reason)
        return time.perf_counter() - started, summary

    floor()  # warm the server's cache
    floors = [floor() for _ in range(args.repeat)]
    out["floor"] = statistics.median(floors)
    first, summary = rescore("基准测试：首次")
    out["first"] = {"seconds": first, "changed": summary.changed, "documents": summary.documents}
    runs = []
    for _ in range(args.repeat):
        seconds, summary = rescore("基准测试：无变化")
        runs.append(seconds)
        floors.append(floor())
    out["floor"] = statistics.median(floors)
    out["unchanged"] = {"seconds": statistics.median(runs), "runs": runs, "changed": summary.changed,
                        "documents": summary.documents, "phases": dict(summary.phases)}
    if not args.skip_changed:
        picked = ids if not args.changed else ids[:args.changed]
        packs = dict(Evaluation.objects.filter(pk__in=picked).values_list("pk", "rule_pack"))
        other = {"gd-2022-department": "mof-2013-department", "mof-2013-department": "gd-2022-department"}
        Evaluation.objects.filter(pk__in=picked, rule_pack="gd-2022-department").update(rule_pack="mof-2013-department")
        started = time.perf_counter()
        summary = rescore_many(evaluation_ids=picked, acting_user=SYSTEM, reason="基准测试：换规则包")
        seconds = time.perf_counter() - started
        out["changed"] = {"seconds": seconds, "evaluations": len(picked), "indicators": summary.indicators,
                          "changed": summary.changed, "written": summary.indicators_written,
                          "phases": dict(summary.phases)}
        for pk, name in packs.items():  # back as generated (measured too: everything changes again)
            if name in other:
                Evaluation.objects.filter(pk=pk).update(rule_pack=name)
        started = time.perf_counter()
        rescore_many(evaluation_ids=picked, acting_user=SYSTEM, reason="基准测试：恢复规则包")
        out["changed"]["back_seconds"] = time.perf_counter() - started
    out["load_after"] = load()
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return 0
    f = out["floor"]
    print(f"省级重新评分（PostgreSQL）：{len(ids):,} 份自评，{total:,} 个指标；负载 {out['load_before']} → {out['load_after']}")
    print(f"  bare SELECT（同列）          {f:7.2f} s")
    print(f"  第一次运行                    {out['first']['seconds']:7.2f} s  {out['first']['seconds'] / f:5.1f}×  "
          f"（重读数值后；经文档对象评分 {out['first']['documents']:,} 份）")
    u = out["unchanged"]["seconds"]
    print(f"  无变化（重新运行，中位数）    {u:7.2f} s  {u / f:5.1f}×   目标 < 10 s 且 ≤ 3×："
          f"{'达到' if u < 10 and u / f <= 3 else '未达到'}")
    print(f"    各阶段：{ {k: round(v, 2) for k, v in out['unchanged']['phases'].items()} }")
    if "changed" in out:
        c = out["changed"]
        print(f"  全部变化（换规则包，{c['evaluations']:,} 份）{c['seconds']:7.2f} s  {c['seconds'] / f:5.1f}×；"
              f"换回 {c['back_seconds']:.2f} s；写入指标 {c['written']:,} 行")
        print(f"    各阶段：{ {k: round(v, 2) for k, v in c['phases'].items()} }")
    return 0


if __name__ == "__main__":
    sys.exit(main())
