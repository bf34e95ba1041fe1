"""``jixiao worker``: a background worker of the database task backend (django-tasks-db's
``db_worker``), which also takes over the chunks of workers that stopped (see jixiao.jobs.runner)."""

from __future__ import annotations

import argparse

from jixiao.cli import CommandError
from jixiao.commands._common import database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "worker", help="启动后台任务工作进程（需设置 JIXIAO_TASK_BACKEND=database）",
        description="处理排队的后台任务（批量报告、开放数据、重新评分）。可在一台或多台机器上启动多个，共用同一个 PostgreSQL 数据库。")
    parser.add_argument("--batch", action="store_true", help="处理完排队的任务后退出（默认一直等待新任务）")
    parser.add_argument("--interval", type=float, default=1.0, help="没有任务时每隔几秒查看一次（默认 1）")
    parser.add_argument("--max-tasks", type=int, metavar="N", help="处理 N 个任务后退出")
    parser.add_argument("--worker-id", metavar="ID", help="工作进程标识（默认自动生成，须唯一）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    database(migrate=False)
    from jixiao.jobs.worker import WorkerNotConfigured, check_configured, run_worker

    if args.interval < 0:
        raise CommandError(f"--interval “{args.interval}”无效（不能为负数）")
    if args.max_tasks is not None and args.max_tasks < 1:
        raise CommandError(f"--max-tasks “{args.max_tasks}”无效（至少为 1）")
    try:
        check_configured()
        print("后台工作进程已启动" + ("（处理完排队的任务后退出）" if args.batch else "，按 Ctrl+C 停止"), flush=True)
        run_worker(batch=args.batch, interval=args.interval, max_tasks=args.max_tasks, worker_id=args.worker_id)
    except WorkerNotConfigured as exc:
        raise CommandError(str(exc)) from None
    return 0
