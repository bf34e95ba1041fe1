"""``jixiao demo``: migrate the database if needed and load the demo data idempotently."""

from __future__ import annotations

import argparse


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="迁移数据库并载入演示数据（可重复执行）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from jixiao.site.bootstrap import setup_django

    setup_django(migrate=True)
    from jixiao.demo.loader import load_demo

    report = load_demo()
    for line in report.loaded:
        print(f"已载入：{line}")
    if report.skipped:
        print(f"已存在（未改动）：{len(report.skipped)} 份自评")
    print("演示账号（密码均为 %s，仅供本机演示，正式使用前请修改或删除）：" % report.password)
    for username, role, scope in report.accounts:
        print(f"  {username:<14} {role:<8} {scope}")
    return 0
