"""Benchmark of the self-evaluation workbook: import against a bare python-calamine read, and export.

Builds one department with N indicators (default 100,000; 100 per task, one project per task), writes
it with :func:`write_workbook` (timed: the export), then times in the same run:

- baseline: a bare python-calamine read of every sheet of that file (``to_python``), and
- :func:`read_workbook`: safety checks, reading, parsing every value, validating, building the document,

and prints the ratio (goal ≤ 2×, issue 15). Usage::

    .venv/bin/python benchmarks/bench_workbook.py [--indicators N] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import python_calamine

from jixiao.documents.workbook import WorkbookLimits, read_workbook, write_workbook
from jixiao.domain.document import EvaluationDocument, FundLine, Indicator, Project, Task
from jixiao.domain.enums import FundNature, FundSource, Level2
from jixiao.domain.values import parse_value

_SHAPES = (  # (level2, name, target, actual, unit): a mix of quantitative and qualitative indicators
    (Level2.QUANTITY, "举办培训场次", "≥{n}场", "{m}场", "场"),
    (Level2.QUANTITY, "服务企业数量", "{n}家", "{m}家", "家"),
    (Level2.QUALITY, "培训合格率", "≥{p}%", "{q}%", "%"),
    (Level2.TIMELINESS, "按时完成率", "100%", "{q}%", "%"),
    (Level2.COST, "人均培训成本", "≤{c}元", "{m}元", "元"),
    (Level2.SOCIAL, "服务企业经营能力提升", "有效提升", "效果明显", ""),
    (Level2.SUSTAINABLE, "长效机制建立", "长期有效", "已建立并持续运行", ""),
    (Level2.SATISFACTION, "服务对象满意度", "≥{p}%", "{q}%", "%"),
)


def build_document(indicator_count: int, per_task: int = 100) -> EvaluationDocument:
    tasks = []
    task_count = max(1, -(-indicator_count // per_task))
    made = 0
    for t in range(1, task_count + 1):
        indicators = []
        for k in range(1, min(per_task, indicator_count - made) + 1):
            level2, name, target, actual, unit = _SHAPES[(made + k) % len(_SHAPES)]
            # Values vary as in real tables: about a third of the rows have a combination of target,
            # actual and unit that no earlier row has.
            i = made + k
            n = i * 7 % 2003 + 1
            values = {"n": n, "m": n + i % 5 - 2, "c": 100 + i % 900, "p": 80 + i % 20,
                      "q": f"{80 + i * 3 % 200 / 10:.1f}"}
            indicators.append(Indicator.from_text(
                code=f"{t}-{k}", level1=level2.level1, level2=level2, name=f"{name}{t}-{k}",
                target=target.format(**values), actual=actual.format(**values), unit=unit,
                weight=Decimal("5"), deviation_reason="受疫情影响，部分活动延后举办。" if k % 9 == 0 else "",
                target_basis="计划标准：年度工作计划"))
        made += len(indicators)
        budget = Decimal(t % 97 + 10) + Decimal("0.25")
        tasks.append(Task(code=str(t), name=f"工作任务{t}", responsible_unit="业务科", funds=budget,
                          description="本任务为年度常规任务。", summary="按计划完成。",
                          projects=(Project(code=f"4401122200{t:06d}", name=f"任务{t}项目经费", unit="本部门",
                                            budget=budget, executed=budget - Decimal("0.13")),),
                          indicators=tuple(indicators)))
    lines = (FundLine(FundSource.GENERAL_BUDGET, FundNature.BASIC, Decimal("800.00"), Decimal("815.05"),
                      Decimal("815.05")),
             FundLine(FundSource.GENERAL_BUDGET, FundNature.PROJECT, Decimal("468.20"), Decimal("476.68"),
                      Decimal("473.33")))
    return EvaluationDocument(region_code="440112", region_name="广州市黄埔区", department_code="440112-999",
                              department_name="基准测试部门", year=2022, fund_lines=lines, tasks=tuple(tasks))


def bare_calamine(path: Path) -> int:
    cells = 0
    with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            cells += sum(len(row) for row in rows)
    return cells


def best_of(repeat: int, function, *args, before=None):
    """(best wall time, best CPU time, result) over ``repeat`` runs. CPU time is the steadier figure
    on a shared machine; both readers run in this one thread, so the two agree when the machine is idle."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        if before:
            before()
        wall, cpu = time.perf_counter(), time.process_time()
        result = function(*args)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per timing; the best is kept")
    args = parser.parse_args(argv)

    doc = build_document(args.indicators)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.xlsx"
        export_wall, export_cpu, _ = best_of(args.repeat, write_workbook, doc, path)
        size = path.stat().st_size
        base_wall, base_cpu, cells = best_of(args.repeat, bare_calamine, path)
        limits = WorkbookLimits.from_env()
        # Every import starts cold: the cache of parsed values is emptied first.
        import_wall, import_cpu, again = best_of(args.repeat, lambda: read_workbook(path, limits=limits),
                                                 before=parse_value.cache_clear)
    assert len(again.indicators) == args.indicators, "the import lost indicators"

    print(f"workbook: {args.indicators:,} indicators in {len(doc.tasks):,} tasks, {size / 1e6:.1f} MB, "
          f"{cells:,} cells (Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {args.repeat})")
    print(f"{'':34}{'wall':>9}{'CPU':>10}")
    print(f"export   write_workbook          {export_wall:8.2f} s {export_cpu:8.2f} s   "
          f"{args.indicators / export_wall:>9,.0f} indicators/s")
    print(f"baseline bare python-calamine    {base_wall:8.2f} s {base_cpu:8.2f} s")
    print(f"import   read_workbook           {import_wall:8.2f} s {import_cpu:8.2f} s   "
          f"{args.indicators / import_wall:>9,.0f} indicators/s")
    wall_ratio, cpu_ratio = import_wall / base_wall, import_cpu / base_cpu
    print(f"ratio    import / bare calamine  {wall_ratio:8.2f} x {cpu_ratio:8.2f} x   "
          f"(goal <= 2.00 x: {'met' if max(wall_ratio, cpu_ratio) <= 2 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
