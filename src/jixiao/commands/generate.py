"""``jixiao generate``: fill the database with a synthetic province (bulk inserts, reproducible)."""

from __future__ import annotations

import argparse
import sys
import time

from jixiao.cli import CommandError
from jixiao.commands._common import database


def _years(text: str) -> tuple[int, ...]:
    try:
        if "-" in text:
            start, end = (int(part) for part in text.split("-", 1))
            years = tuple(range(start, end + 1))
        else:
            years = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"年度“{text}”无效（例如 2021-2023 或 2021,2022）") from None
    if not years or any(not 2000 <= y <= 2100 for y in years):
        raise argparse.ArgumentTypeError(f"年度“{text}”无效（应在 2000–2100 之间）")
    return years


def register(subparsers) -> None:
    parser = subparsers.add_parser("generate", help="生成省级规模的合成数据（用于基准测试和压力测试）")
    parser.add_argument("--departments", type=int, default=2000, help="部门数（默认 2000）")
    parser.add_argument("--years", type=_years, default=(2021, 2022, 2023), help="年度范围（默认 2021-2023）")
    parser.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同数据）")
    parser.add_argument("--tasks", type=int, default=10, help="每个部门的平均任务数（默认 10）")
    parser.add_argument("--indicators", type=int, default=8, help="每个任务的平均指标数（默认 8）")
    parser.add_argument("--processes", type=int, default=0, help="生成和评分用的进程数（默认：CPU 核数）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.departments < 1:
        raise CommandError(f"部门数“{args.departments}”无效（至少为 1）")
    database(migrate=True)
    from jixiao.demo.generate import generate_province, has_synthetic_data

    if has_synthetic_data():
        raise CommandError("数据库中已有合成数据（区划代码 99 开头）；请使用新的数据库（DATABASE_URL 或 JIXIAO_DATA_DIR）")
    total = args.departments * len(args.years)
    started = time.perf_counter()

    def progress(done: int) -> None:
        print(f"\r已写入 {done}/{total} 份自评", end="", file=sys.stderr, flush=True)

    counts = generate_province(args.departments, args.years, args.seed, tasks_per_department=args.tasks,
                               indicators_per_task=args.indicators, processes=args.processes or None,
                               progress=progress)
    elapsed = time.perf_counter() - started
    print(file=sys.stderr)
    print(f"已生成：部门 {counts['departments']} 个，自评 {counts['evaluations']} 份，任务 {counts['tasks']} 个，"
          f"指标 {counts['indicators']} 个，用时 {elapsed:.1f} 秒（种子 {args.seed}）")
    return 0
