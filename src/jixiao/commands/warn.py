"""``jixiao warn [--date DATE] [--region CODE] [--year YEAR]``: settle the monitoring warnings (预警).

Runnable from cron (idempotent; two copies at once neither duplicate nor lose a notification)."""

from __future__ import annotations

from datetime import date

from jixiao.cli import CommandError
from jixiao.commands._common import database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "warn", help="计算运行监控预警，记录变化并通知（可由 cron 定时执行）",
        description="按已过监控截止日期的各轮监控填报计算红黄绿灯：颜色变化逐条记录（原值 → 新值、时间、原因），"
                    "变黄、变红时在系统内和用邮件通知本部门人员（变红时也通知财政审核人）。可重复执行。",
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="按哪一天计算（默认今天）")
    parser.add_argument("--region", metavar="CODE", help="只计算这个区划")
    parser.add_argument("--year", type=int, help="只计算这个年度")
    parser.set_defaults(func=run)


def run(args) -> int:
    try:
        today = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise CommandError(f"“{args.date}”不是有效的日期（应为 YYYY-MM-DD）") from None
    database()
    from jixiao.evaluations.selectors import NotFound, find_region
    from jixiao.monitoring.warnings import compute_warnings

    region = None
    if args.region:
        try:
            region = find_region(args.region)
        except NotFound as exc:
            raise CommandError(str(exc)) from None
    summary = compute_warnings(today=today, region=region, year=args.year)
    print(f"检查 {summary.checked} 项，颜色变化 {summary.changed} 项，通知 {summary.notified} 人次")
    return 0
