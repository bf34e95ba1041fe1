"""``jixiao demo [--force]``: migrate the database if needed and load the demo data into it.

An empty database gets the demo; one that holds it already is left as it is (``./run`` calls this at
every start); any other database is refused unless ``--force`` (see :mod:`jixiao.demo.loader`).
"""

from __future__ import annotations

import argparse

from jixiao.cli import CommandError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo", help="迁移数据库并在空数据库中载入演示数据（已载入则不改动）",
        description="迁移数据库并载入演示数据。演示数据含一个使用公开密码的系统管理员账号和虚构的已公开自评，"
                    "只载入空数据库；已载入过演示数据的数据库不改动；数据库中有其他数据时拒绝载入，除非指定 --force。",
    )
    parser.add_argument("--force", action="store_true",
                        help="数据库中已有其他数据时仍载入演示数据（补充缺少的部分，已有数据不改动）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from jixiao.site.bootstrap import setup_django

    setup_django(migrate=True)
    from django.utils import timezone

    from jixiao.demo.loader import DemoRefused, load_demo

    try:
        report = load_demo(force=args.force)
    except DemoRefused as exc:
        raise CommandError(str(exc)) from None
    if report.loaded_at is not None:
        print(f"演示数据已于 {timezone.localtime(report.loaded_at):%Y-%m-%d %H:%M} 载入，未改动")
        print("演示账号（初始密码均为 %s，仅供本机演示，正式使用前请修改或删除）：" % report.password)
    else:
        for line in report.loaded:
            print(f"已载入：{line}")
        if report.skipped:
            print(f"已存在（未改动）：{len(report.skipped)} 份自评")
        print("演示账号（密码均为 %s，仅供本机演示，正式使用前请修改或删除）：" % report.password)
    for username, role, scope in report.accounts:
        print(f"  {username:<14} {role:<8} {scope}")
    return 0
