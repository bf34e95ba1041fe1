"""``jixiao opendata``: published evaluations as open data (CSV + JSON + datapackage.json).

- ``jixiao opendata -o DIR|FILE.zip [--year Y] [--region CODE]`` — the published (已公开)
  evaluations in the database;
- ``jixiao opendata FILE… -o DIR|FILE.zip`` — from self-evaluation files, no database.
"""

from __future__ import annotations

from jixiao.cli import CommandError
from jixiao.commands._common import database, read_file


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "opendata", help="导出公开数据（CSV、JSON 与 datapackage.json）",
        description="把已公开的绩效自评导出为开放数据：每个指标、每条资金一行，编号稳定；附 Frictionless datapackage.json。",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="自评文档或自评工作簿（不用数据库）")
    parser.add_argument("-o", "--output", required=True, metavar="DIR_OR_ZIP", help="输出文件夹或 .zip 文件")
    parser.add_argument("--year", type=int, help="只导出该年度（数据库）")
    parser.add_argument("--region", metavar="CODE", help="只导出该行政区划（编码，数据库）")
    parser.set_defaults(func=run)


def run(args) -> int:
    from jixiao.usecases.opendata import publish_open_data

    if args.files and (args.year or args.region):
        raise CommandError("--year/--region 用于数据库中的已公开评价；指定文件时请不要同时使用")
    if args.files:
        documents = [read_file(path) for path in args.files]
    else:
        database()
        from jixiao.evaluations.selectors import published_documents

        documents = published_documents(year=args.year, region=args.region)
    if not documents:
        raise CommandError("没有可导出的已公开评价")
    try:
        counts = publish_open_data(documents, args.output)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    print(f"已导出公开数据：{args.output}（评价 {counts['evaluations']} 个、指标 {counts['indicators']} 个、"
          f"资金 {counts['funds']} 条）")
    return 0
