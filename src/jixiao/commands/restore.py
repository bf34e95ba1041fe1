"""``jixiao restore``: the database and the uploaded files back from a ``jixiao backup`` file, only on
the same schema version (see :mod:`jixiao.site.backup`)."""

from __future__ import annotations

from jixiao.cli import CommandError
from jixiao.commands._common import database


def register(subparsers) -> None:
    restore = subparsers.add_parser(
        "restore", help="从备份文件恢复数据库和上传的文件",
        description="只恢复同一数据库结构版本（迁移完全相同）的备份；恢复前先检查，不符则不做任何改动。")
    restore.add_argument("file", metavar="FILE", help="jixiao backup 生成的备份文件")
    restore.add_argument("--replace", action="store_true", help="确认以备份替换数据库中已有的全部数据和上传的文件")
    restore.set_defaults(func=run)


def run(args) -> int:
    from jixiao.site.backup import BackupError, restore

    database()
    try:
        summary = restore(args.file, replace=args.replace)
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    print(f"已从 {summary.path} 恢复：{summary.tables} 张表、{summary.rows} 行，上传的文件 {summary.files} 个；"
          f"各表行数与备份一致")
    return 0
