"""``jixiao export``: an evaluation as a self-evaluation workbook (or as YAML/JSON).

- ``jixiao export --department CODE_OR_NAME --year 2022 -o FILE.xlsx`` — from the database;
- ``jixiao export FILE.yaml -o FILE.xlsx`` — convert a document file (no database);
- ``-o FILE.yaml`` / ``FILE.json`` writes the document's data form instead of a workbook.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.cli import CommandError
from jixiao.commands._common import add_source_arguments, source_document, write_output


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export", help="导出自评工作簿（.xlsx）",
        description="把一个绩效自评导出为自评工作簿（.xlsx，可在 Excel/WPS 中修改后用 jixiao import 导回），"
                    "或导出为 YAML/JSON 数据文件。",
    )
    add_source_arguments(parser)
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件：.xlsx（默认）、.yaml 或 .json")
    parser.set_defaults(func=run)


def run(args) -> int:
    from jixiao.documents.registry import UnsupportedFile
    from jixiao.documents.workbook import WorkbookError
    from jixiao.usecases.workbooks import export_document

    doc = source_document(args)
    output = Path(args.output)
    stamp = None
    if not args.file and (output.suffix.lower() or ".xlsx") == ".xlsx":
        # From the database: the workbook carries its 导出版本, so that importing it back applies only
        # the cells changed in it and keeps what others change meanwhile.
        from jixiao.evaluations.selectors import find_evaluation
        from jixiao.evaluations.services import record_export
        from jixiao.orgs.models import SYSTEM

        evaluation = find_evaluation(args.department, args.year, doc.kind, getattr(args, "project_code", ""))
        doc, stamp = record_export(evaluation=evaluation, acting_user=SYSTEM)
    try:
        produced = export_document(doc, output.suffix.lower() or ".xlsx", stamp=stamp)
    except UnsupportedFile:
        raise CommandError(f"不支持的输出类型“{output.suffix or output.name}”（可用：.xlsx、.yaml、.json）") from None
    except WorkbookError as exc:
        raise CommandError(str(exc)) from None
    write_output(produced, output)
    print(f"已导出：{doc.year} 年度 {doc.department_name}（{doc.kind.label}）→ {output}"
          f"（任务 {len(doc.tasks)} 个、项目 {len(doc.projects)} 个、指标 {len(doc.indicators)} 个）")
    return 0
