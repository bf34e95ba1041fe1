"""What several commands share (not a command itself): where a document comes from — a file, with no
database, or ``--department``/``--year`` from the database — and how failures become Chinese messages."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from jixiao.cli import CommandError
from jixiao.domain.enums import EvaluationKind

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def add_source_arguments(parser, *, file_help: str = "自评文档（.yaml/.json）或自评工作簿（.xlsx）；不用数据库") -> None:
    parser.add_argument("file", nargs="?", metavar="FILE", help=file_help)
    parser.add_argument("--department", metavar="CODE_OR_NAME", help="数据库中的预算部门（编码或全称）")
    parser.add_argument("--year", type=int, help="年度（与 --department 一起使用）")
    parser.add_argument("--project-code", default="", metavar="CODE",
                        help="项目支出绩效自评的项目编码（与 --department 一起使用）")


def read_file(path: str | Path):
    """The evaluation document in a file (.xlsx, .yaml, .yml, .json), or a Chinese error naming the file."""
    from jixiao.documents.registry import UnsupportedFile, read_document

    path = Path(path)
    try:
        return read_document(path)
    except UnsupportedFile as exc:
        raise CommandError(str(exc)) from None
    except ValueError as exc:  # DocumentFormatError, WorkbookError: Chinese messages naming the place
        raise CommandError(f"{path.name}：{exc}") from None
    except (zlib.error, zipfile.BadZipFile, EOFError, OSError) as exc:  # a damaged package the reader let through
        raise CommandError(f"{path.name}：文件已损坏，无法读取（{type(exc).__name__}）") from None


def rules_option(text: str | None):
    """The pack a ``--rules`` option names: a code of the registry (``jixiao score --list-rules``), or a
    ``.yaml`` file of the operator's own on this machine (to try a pack before adding it to
    ``JIXIAO_RULES_DIR``). A code written inside a file is never taken as a path."""
    if not text:
        return None
    from jixiao.rules import RulePackError, load_pack, load_pack_file

    try:
        return load_pack_file(text) if Path(text).suffix.lower() in (".yaml", ".yml") else load_pack(text)
    except RulePackError as exc:
        raise CommandError(str(exc)) from None


def database(*, migrate: bool = False) -> None:
    """Start Django (commands on files never do)."""
    from jixiao.site.bootstrap import setup_django

    setup_django(migrate=migrate)


def source_document(args):
    """The document named by the command line: a file (no database) or ``--department``/``--year``."""
    if args.file:
        if args.department:
            raise CommandError("请只指定一个来源：文件或 --department")
        return read_file(args.file)
    if not args.department or not args.year:
        raise CommandError("请指定自评文件，或同时指定 --department 和 --year")
    database()
    from jixiao.evaluations.selectors import NotFound, evaluation_document

    kind = EvaluationKind.PROJECT if getattr(args, "project_code", "") else EvaluationKind.DEPARTMENT
    try:
        return evaluation_document(args.department, args.year, kind, getattr(args, "project_code", ""))
    except NotFound as exc:
        raise CommandError(str(exc)) from None


def write_output(produced, output: str | Path | None) -> Path:
    """Write a produced file where the user asked (or under its own name), as a Chinese error if it cannot."""
    path = Path(output) if output else Path(produced.name)
    try:
        return produced.save(path)
    except OSError as exc:
        raise CommandError(f"无法写入“{path}”：{exc.strerror or exc}") from None
