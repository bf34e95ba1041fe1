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
    if args.format:
        return args.format
    if args.output:
        suffix = Path(args.output).suffix.lower().lstrip(".")
        if suffix in ("htm",):
            return "html"
        if suffix in FORMATS:
            return suffix
        raise CommandError(f"无法从输出文件“{args.output}”判断格式，请用 .docx/.pdf/.html 结尾或指定 --format")
    return "docx"


def _document_from_database(department: str, year: int):
    try:
        from jixiao.site.bootstrap import setup_django
    except ImportError as exc:  # pragma: no cover - the shell is part of the package
        raise CommandError(f"数据库功能不可用：{exc}") from None
    setup_django()
    from jixiao.evaluations.selectors import NotFound, find_evaluation
    from jixiao.evaluations.store import document_for

    try:
        evaluation = find_evaluation(department, year)
    except NotFound as exc:
        raise CommandError(str(exc)) from None
    return document_for(evaluation)


def _region_documents(region: str, year: int):
    from jixiao.site.bootstrap import setup_django

    setup_django()
    from django.db.models import Q

    from jixiao.domain.enums import EvaluationKind
    from jixiao.evaluations.models import Evaluation
    from jixiao.evaluations.store import documents_for

    evaluations = (Evaluation.objects
                   .filter(Q(department__region__code=region) | Q(department__region__name=region), year=year,
                           kind=EvaluationKind.DEPARTMENT.value)
                   .order_by("department__code"))
    if not evaluations.exists():
        raise CommandError(f"行政区划“{region}”没有 {year} 年度的部门整体支出绩效自评")
    return list(documents_for(evaluations))


def _print_changes(doc) -> int:
    from jixiao.narrative import redraft

    changes = redraft(doc)
    if not changes:
        print("重新起草不会改动任何报告段落。")
        return 0
    for change in changes:
        note = "（人工修改过，保留原文；如需覆盖请在报告页确认）" if change.action == "保留" else ""
        print(f"[{change.action}] {change.title}（{change.key}）{note}")
        print(f"  新：{change.new[:120]}{'…' if len(change.new) > 120 else ''}")
    return 0


def _warn_about(report) -> None:
    from jixiao.fonts import missing_characters

    for warning in report.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    if report.missing:
        print(f"提示：以下段落尚待填写：{'、'.join(report.missing)}", file=sys.stderr)
    missing = missing_characters(report.text())
    if missing:
        print(f"提示：内置字体缺少这些字符，PDF 中可能无法显示：{''.join(missing[:20])}", file=sys.stderr)


def _batch(args, fmt: str) -> int:
    from jixiao.documents.report.batch import render_batch

    if not args.year:
        raise CommandError("批量生成需要 --year")
    if not args.out:
        raise CommandError("批量生成需要 --out（文件夹或 .zip 文件）")
    documents = _region_documents(args.region, args.year)
    total = len(documents)
    print(f"共 {total} 个部门，开始生成 {fmt} 报告……", file=sys.stderr)

    def progress(done: int, count: int, name: str) -> None:
        print(f"\r[{done}/{count}] {name[:60]}", end="" if done < count else "\n", file=sys.stderr, flush=True)

    result = render_batch(documents, args.out, fmt, workers=args.workers, template=args.template,
                          charts=not args.no_charts, progress=progress)
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
        doc = _document_from_database(args.department, args.year)
    elif args.file:
        from jixiao.commands.score import read_document

        try:
            doc = read_document(Path(args.file))
        except CommandError:
            raise
        except ValueError as exc:  # DocumentFormatError / workbook problems carry Chinese messages
            raise CommandError(f"{Path(args.file).name}：{exc}") from None
    else:
        raise CommandError("请指定自评文件（FILE），或用 --department/--year 从数据库生成，或用 --region 批量生成")

    if args.changes:
        return _print_changes(doc)

    from jixiao.documents.report import ReportTemplateError, render
    from jixiao.documents.report.batch import report_filename
    from jixiao.narrative import draft_report

    report = draft_report(doc, charts=not args.no_charts)
    output = Path(args.output) if args.output else Path(report_filename(doc, fmt))
    if args.template and not Path(args.template).is_file():
        raise CommandError(f"报告模板“{args.template}”不存在")
    try:
        render(report, output, fmt, template=args.template, charts=not args.no_charts)
    except ReportTemplateError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"无法写入“{output}”：{exc.strerror or exc}") from None
    _warn_about(report)
    print(f"已生成报告：{output}")
    return 0
