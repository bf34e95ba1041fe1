"""``jixiao import FILE.xlsx``: import a self-evaluation workbook into the database.

The whole workbook is read and checked first, with no database; every problem is listed at once
(``指标!F12：“≥约30场”无法识别为数值``) and nothing is written unless all is valid. Then one service
call (:func:`jixiao.evaluations.services.import_document`, one transaction) creates or updates the
evaluation keyed by department code, year and kind, records the history and an import event with
the file's name and SHA-256.

``--form`` reads filled 项目支出绩效自评表 instead (one project evaluation per form; the forms do not
carry codes, so ``--department-code`` is required). ``--dry-run`` only checks.

Nothing stored is lost without the user saying so: an import that would delete stored rows (a fund
line, a task, an indicator…) lists them and stops unless ``--allow-delete``; a workbook exported from
the database carries its 导出版本, and importing it applies only the cells changed in it (cells someone
else changed meanwhile are kept; the same cell changed on both sides refuses the file, naming it).
``--user`` acts as that user, held to the same departments as on the web; without it the command acts
as the operator (系统).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from jixiao.cli import CommandError
from jixiao.commands._common import database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="导入自评工作簿（.xlsx）到数据库",
        description="导入自评工作簿：先完整检查，一次列出全部问题；全部无误后在一个事务中写入（再次导入同一部门同一年度则更新）。",
    )
    parser.add_argument("file", metavar="FILE", help="自评工作簿（.xlsx）；与 --form 一起使用时为项目支出绩效自评表")
    parser.add_argument("--dry-run", action="store_true", help="只检查，不写入数据库")
    parser.add_argument("--user", metavar="USERNAME", help="以该用户的身份导入（只能导入其有权编辑的部门）；不指定时为系统")
    parser.add_argument("--allow-delete", action="store_true",
                        help="确认删除：导入会删除已保存的行（如工作簿中删去的资金、指标）时，须加此项才导入")
    form = parser.add_argument_group("项目支出绩效自评表（--form）")
    form.add_argument("--form", action="store_true", help="文件是已填写的项目支出绩效自评表（可含多张）")
    form.add_argument("--department-code", metavar="CODE", help="自评表所属预算部门的编码")
    form.add_argument("--region-code", default="", metavar="CODE", help="行政区划代码")
    form.add_argument("--region-name", default="", metavar="NAME", help="行政区划名称")
    form.add_argument("--year", type=int, help="年度（默认读自评表标题）")
    form.add_argument("--rules", default="", metavar="PACK", help="项目自评规则包（默认 mof-2020-project）")
    parser.set_defaults(func=run)


def read_documents(args, data: bytes) -> list:
    """The workbook (or forms) read: [(document, stamp, places)]."""
    from jixiao.documents.workbook import WorkbookError
    from jixiao.documents.workbook.reader import read_workbook_file

    try:
        if not args.form:
            read = read_workbook_file(data)
            return [(read.document, read.stamp, read.places)]
        from jixiao.usecases.forms import read_filled_forms

        if not args.department_code:
            raise CommandError("导入项目支出绩效自评表时请用 --department-code 指定所属预算部门的编码")
        return [(doc, None, None) for doc in read_filled_forms(
            data, region_code=args.region_code, region_name=args.region_name,
            department_code=args.department_code, year=args.year, rule_pack=args.rules)]
    except WorkbookError as exc:
        raise CommandError(f"{Path(args.file).name} 未导入，{_problems_text(exc)}") from None


def _problems_text(error) -> str:
    text = str(error)
    return text if "\n" in text else f"问题：{text}"


def summary(doc) -> str:
    return (f"任务 {len(doc.tasks)} 个、项目 {len(doc.projects)} 个、指标 {len(doc.indicators)} 个、"
            f"资金 {len(doc.fund_lines)} 条、监控 {len(doc.monitoring)} 条、报告章节 {len(doc.sections)} 节")


def run(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"文件“{path}”不存在")
    from jixiao.documents.workbook import WorkbookError, WorkbookLimits
    from jixiao.documents.workbook.package import read_source

    try:
        data, _ = read_source(path, WorkbookLimits.from_env())
    except WorkbookError as exc:
        raise CommandError(f"{path.name} 未导入：{exc}") from None
    read = read_documents(args, data)
    documents = [doc for doc, _, _ in read]
    if args.dry_run:
        for doc in documents:
            print(f"检查通过：{doc.year} 年度 {doc.department_name}（{doc.kind.label}）：{summary(doc)}")
        return 0
    database(migrate=True)
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.db import DatabaseError

    from django.db import transaction

    from jixiao.evaluations.selectors import NotFound, find_user
    from jixiao.evaluations.services import DeletionNotConfirmed, import_document, review_errors
    from jixiao.orgs.models import SYSTEM

    try:
        user = find_user(args.user) if args.user else SYSTEM  # no --user: the operator on the server
    except NotFound as exc:
        raise CommandError(str(exc)) from None
    digest = hashlib.sha256(data).hexdigest()
    try:
        with transaction.atomic():  # several forms: all of them or none
            evaluations = [import_document(document=doc, acting_user=user, file_name=path.name, file_sha256=digest,
                                           stamp=stamp, places=places, allow_delete=args.allow_delete)
                           for doc, stamp, places in read]
    except DeletionNotConfirmed as exc:
        raise CommandError(f"{path.name} 未导入：{exc}；确认删除请加 --allow-delete 重新导入") from None
    except (PermissionDenied, ValidationError, ValueError, DatabaseError) as exc:
        message = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        raise CommandError(f"{path.name} 未导入：{message}") from None
    for evaluation, doc in zip(evaluations, documents):
        print(f"已导入：{evaluation}：{summary(doc)}")
        errors = review_errors(evaluation)
        if errors:
            listed = "\n".join(f"  {n}. {message}" for n, message in enumerate(errors, 1))
            print(f"审核发现 {len(errors)} 个错误，改正后才能提交：\n{listed}")
    return 0
