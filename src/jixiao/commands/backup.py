"""``jixiao backup``: the whole database (history and events included) and the uploaded files in one
file (see :mod:`jixiao.site.backup`; ``jixiao restore`` brings it back)."""

from __future__ import annotations

from jixiao.cli import CommandError
from jixiao.commands._common import database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "backup", help="备份数据库（含操作记录和历史）和上传的文件到一个文件",
        description="SQLite 用在线备份（备份时系统照常使用），PostgreSQL 用 pg_dump；上传的文件一并备份。")
    parser.add_argument("-o", "--output", metavar="FILE_OR_DIR",
                        help="备份文件（.tar.gz）或所在文件夹（默认：当前文件夹下 jixiao-backup-日期-时间.tar.gz）")
    parser.set_defaults(func=run_backup)


def run_backup(args) -> int:
    from jixiao.site.backup import BackupError, backup, default_name

    database()
    try:
        summary = backup(args.output or default_name())
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    print(f"已备份到 {summary.path}：{summary.tables} 张表、{summary.rows} 行，上传的文件 {summary.files} 个"
          f"（数据库结构版本：{summary.migrations} 个迁移）")
    return 0
