"""``jixiao export``: an evaluation as a self-evaluation workbook (or as YAML/JSON).

- ``jixiao export --department CODE_OR_NAME --year 2022 -o FILE.xlsx`` — from the database;
- ``jixiao export FILE.yaml -o FILE.xlsx`` — convert a document file (no database);
- ``-o FILE.yaml`` / ``FILE.json`` writes the document's data form instead of a workbook.

:func:`source_document` is also how the other file commands (forms, opendata) find their document.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from jixiao.cli import CommandError
from jixiao.domain.enums import EvaluationKind


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export", help="导出自评工作簿（.xlsx）",
        description="把一个绩效自评导出为自评工作簿（.xlsx，可在 Excel/WPS 中修改后用 jixiao import 导回），"
                    "或导出为 YAML/JSON 数据文件。",
    )
    add_source_arguments(parser)
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件：.xlsx（默认）、.yaml 或 .json")
    parser.set_defaults(func=run)


def add_source_arguments(parser) -> None:
    parser.add_argument("file", nargs="?", metavar="FILE", help="自评文档（.yaml/.json）或自评工作簿（.xlsx）；不用数据库")
    parser.add_argument("--department", metavar="CODE_OR_NAME", help="数据库中的预算部门（编码或全称）")
    parser.add_argument("--year", type=int, help="年度（与 --department 一起使用）")
    parser.add_argument("--project-code", default="", metavar="CODE",
                        help="项目支出绩效自评的项目编码（与 --department 一起使用）")


def source_document(args):
    """The document named by the command line: a file (no database) or ``--department``/``--year``."""
    if args.file:
        if args.department:
            raise CommandError("请只指定文件或 --department 之一")
        from jixiao.commands.score import read_document

        try:
            return read_document(Path(args.file))
        except CommandError:
            raise
        except ValueError as exc:  # a workbook's or a data file's problems, in Chinese
            raise CommandError(f"{Path(args.file).name}：{exc}") from None
    if not args.department or not args.year:
        raise CommandError("请指定自评文件，或同时指定 --department 和 --year")
    from jixiao.site.bootstrap import setup_django

    setup_django()
    from jixiao.evaluations.selectors import NotFound, find_evaluation
    from jixiao.evaluations.store import document_for

    kind = EvaluationKind.PROJECT if args.project_code else EvaluationKind.DEPARTMENT
    try:
        evaluation = find_evaluation(args.department, args.year, kind, args.project_code)
    except NotFound as exc:
        raise CommandError(str(exc)) from None
    return document_for(evaluation)


def run(args) -> int:
    doc = source_document(args)
    output = Path(args.output)
    suffix = output.suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        from jixiao.documents.datafile import document_to_dict

        data = document_to_dict(doc)
        text = (json.dumps(data, ensure_ascii=False, indent=2) if suffix == ".json"
                else yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        output.write_text(text, encoding="utf-8")
    elif suffix == ".xlsx":
        from jixiao.documents.workbook import WorkbookError, write_workbook

        try:
            write_workbook(doc, output)
        except WorkbookError as exc:
            raise CommandError(str(exc)) from None
    else:
        raise CommandError(f"不支持的输出类型“{output.suffix or output.name}”（可用：.xlsx、.yaml、.json）")
    print(f"已导出：{doc.year} 年度 {doc.department_name}（{doc.kind.label}）→ {output}"
          f"（任务 {len(doc.tasks)} 个、项目 {len(doc.projects)} 个、指标 {len(doc.indicators)} 个）")
    return 0
