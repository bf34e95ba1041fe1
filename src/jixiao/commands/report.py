"""``jixiao report``: the self-evaluation report as .docx, .pdf or .html.

- ``jixiao report FILE -o report.docx`` — from a self-evaluation file (.yaml/.json, or a workbook
  .xlsx), no database;
- ``jixiao report --department CODE_OR_NAME --year 2022 --format pdf -o report.pdf`` — from the
  database;
- ``jixiao report --region CODE --year 2022 --out DIR|FILE.zip`` — every department of a region,
  in parallel processes, with progress.

``--changes`` lists what a redraft would change in the stored sections instead of writing a file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jixiao.cli import CommandError
from jixiao.commands._common import database, read_file, write_output
from jixiao.commands._progress import ProgressPrinter

FORMATS = ("docx", "pdf", "html")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report", help="生成绩效自评报告（docx/pdf/html）",
        description="按自评数据起草绩效自评报告：数据段落由数据生成，序号自动编排；支持单个文件、数据库中的部门和全区批量生成。",
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="自评文档（.yaml/.json）或自评工作簿（.xlsx）")
    parser.add_argument("-o", "--output", metavar="PATH", help="输出文件（扩展名决定格式：.docx/.pdf/.html）")
    parser.add_argument("--format", choices=FORMATS, help="输出格式（默认按输出文件扩展名，否则 docx）")
    parser.add_argument("--department", metavar="CODE_OR_NAME", help="数据库中的预算部门（编码或全称）")
    parser.add_argument("--region", metavar="CODE", help="批量：行政区划编码（或名称），生成该区全部部门的报告")
    parser.add_argument("--year", type=int, help="年度（与 --department 或 --region 一起使用）")
    parser.add_argument("--out", metavar="DIR_OR_ZIP", help="批量输出的文件夹或 .zip 文件")
    parser.add_argument("--workers", type=int, metavar="N", help="批量生成的并行进程数（默认：CPU 核数）")
    parser.add_argument("--template", metavar="DOCX", help="自定义 Word 报告模板（docxtpl 占位符，见模板说明）")
    parser.add_argument("--no-charts", action="store_true", help="不插入图表")
    parser.add_argument("--changes", action="store_true", help="只列出重新起草会改动的报告段落，不生成文件")
    parser.set_defaults(func=run)


def _format(args) -> str:
    from jixiao.documents.registry import UnsupportedFile, report_form

    if args.format:
        return args.format
    if args.output:
        try:
            return report_form(args.output).key
        except UnsupportedFile:
            raise CommandError(f"无法从输出文件“{args.output}”判断格式，请用 .docx/.pdf/.html 结尾或指定 --format") from None
    return "docx"


def _stored_document(department: str, year: int):
    database()
    from jixiao.evaluations.selectors import NotFound, evaluation_document

    try:
        return evaluation_document(department, year)
    except NotFound as exc:
        raise CommandError(str(exc)) from None


def _region_documents(region: str, year: int):
    database()
    from jixiao.evaluations.selectors import NotFound, region_documents

    try:
        return region_documents(region, year)
    except NotFound as exc:
        raise CommandError(str(exc)) from None


def _print_changes(doc) -> int:
    from jixiao.usecases.reports import redraft_changes

    changes = redraft_changes(doc)
    if not changes:
        print("重新起草不会改动任何报告段落。")
        return 0
    for change in changes:
        note = "（人工修改过，保留原文；如需覆盖请在报告页确认）" if change.action == "保留" else ""
        print(f"[{change.action}] {change.title}（{change.key}）{note}")
        print(f"  新：{change.new[:120]}{'…' if len(change.new) > 120 else ''}")
    return 0


def _batch(args, fmt: str) -> int:
    from jixiao.usecases.reports import produce_reports

    if not args.year:
        raise CommandError("批量生成需要 --year")
    if not args.out:
        raise CommandError("批量生成需要 --out（文件夹或 .zip 文件）")
    documents = _region_documents(args.region, args.year)
    total = len(documents)
    print(f"共 {total} 个部门，开始生成 {fmt} 报告……", file=sys.stderr)
    printer = ProgressPrinter(sys.stderr)
    try:
        result = produce_reports(documents, args.out, fmt, workers=args.workers, template=args.template,
                                 charts=not args.no_charts, progress=printer.show)
    finally:
        printer.close()
    print(f"已生成 {len(result.written)} 份报告：{result.target}")
    for name, error in result.failed:
        print(f"失败：{name}：{error}", file=sys.stderr)
    return 1 if result.failed else 0


def run(args) -> int:
    fmt = _format(args) if not args.region else (args.format or "docx")
    if args.region:
        if args.file or args.department:
            raise CommandError("--region 不能与 FILE 或 --department 同时使用")
        return _batch(args, fmt)
    if args.file and args.department:
        raise CommandError("请只指定一个来源：FILE 或 --department")
    if args.department:
        if not args.year:
            raise CommandError("从数据库生成报告需要 --year")
        doc = _stored_document(args.department, args.year)
    elif args.file:
        doc = read_file(args.file)
    else:
        raise CommandError("请指定自评文件（FILE），或用 --department/--year 从数据库生成，或用 --region 批量生成")

    if args.changes:
        return _print_changes(doc)

    from jixiao.documents.report import ReportTemplateError
    from jixiao.usecases.reports import produce_report

    if args.template and not Path(args.template).is_file():
        raise CommandError(f"报告模板“{args.template}”不存在")
    try:
        produced = produce_report(doc, fmt, template=args.template, charts=not args.no_charts)
    except ReportTemplateError as exc:
        raise CommandError(str(exc)) from None
    output = write_output(produced, args.output)
    for note in produced.notes:
        print(note, file=sys.stderr)
    print(f"已生成报告：{output}")
    return 0
