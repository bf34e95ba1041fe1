"""``jixiao forms``: the official self-evaluation forms, out and in.

- ``jixiao forms project (FILE | --department D --year Y) -o 项目自评表.xlsx [--project CODE…] [--rules PACK]``
  — the 项目支出绩效自评表 of each project, one sheet per project;
- ``jixiao forms department (FILE | --department D --year Y) -o 部门自评表.xlsx`` — the
  部门整体支出绩效自评表;
- ``jixiao forms read FORMS.xlsx -o 工作簿.xlsx [--department-code CODE …]`` — filled project forms
  turned into self-evaluation workbooks (one per form; no database), ready for ``jixiao import``.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.cli import CommandError
from jixiao.commands._common import add_source_arguments, rules_option, source_document, write_output


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "forms", help="导出/读取官方自评表（项目支出、部门整体）",
        description="导出可打印的项目支出绩效自评表、部门整体支出绩效自评表（得分由规则计算），或读取已填写的项目支出绩效自评表。",
    )
    actions = parser.add_subparsers(dest="action", metavar="操作", required=True)
    project = actions.add_parser("project", help="导出项目支出绩效自评表（每个项目一页）")
    add_source_arguments(project)
    project.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件（.xlsx）")
    project.add_argument("--project", action="append", metavar="CODE_OR_NAME", help="只导出这些项目（可重复）")
    project.add_argument("--rules", metavar="PACK", help="项目自评规则包（默认 mof-2020-project）")
    project.set_defaults(func=run_project)
    department = actions.add_parser("department", help="导出部门整体支出绩效自评表")
    add_source_arguments(department)
    department.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件（.xlsx）")
    department.add_argument("--rules", metavar="PACK", help="规则包（默认：自评文档指定的规则包）")
    department.set_defaults(func=run_department)
    read = actions.add_parser("read", help="读取已填写的项目支出绩效自评表，转为自评工作簿")
    read.add_argument("file", metavar="FILE", help="已填写的项目支出绩效自评表（.xlsx，可含多张）")
    read.add_argument("-o", "--output", required=True, metavar="FILE",
                      help="输出的自评工作簿（.xlsx）；有多张自评表时依次加 -2、-3 …")
    read.add_argument("--department-code", default="", metavar="CODE", help="所属预算部门的编码")
    read.add_argument("--region-code", default="", metavar="CODE", help="行政区划代码")
    read.add_argument("--region-name", default="", metavar="NAME", help="行政区划名称")
    read.add_argument("--year", type=int, help="年度（默认读自评表标题）")
    read.add_argument("--rules", default="", metavar="PACK", help="项目自评规则包（默认 mof-2020-project）")
    read.set_defaults(func=run_read)


def _xlsx(path: str) -> Path:
    output = Path(path)
    if output.suffix.lower() != ".xlsx":
        raise CommandError(f"输出文件应以 .xlsx 结尾：“{output.name}”")
    return output


def _pack(name: str | None):
    return rules_option(name)


def _report(produced, output: Path, what: str) -> int:
    write_output(produced, output)
    for note in produced.notes:
        print(note)
    print(f"已生成{what}：{output}")
    return 0


def run_project(args) -> int:
    from jixiao.documents.forms import FormError
    from jixiao.usecases.forms import project_forms

    output, doc, pack = _xlsx(args.output), source_document(args), _pack(args.rules)
    try:
        produced = project_forms(doc, projects=args.project, pack=pack)
    except FormError as exc:
        raise CommandError(str(exc)) from None
    return _report(produced, output, f"项目支出绩效自评表（{len(args.project or doc.projects)} 个项目）")


def run_department(args) -> int:
    from jixiao.usecases.forms import department_form

    output, doc, pack = _xlsx(args.output), source_document(args), _pack(args.rules)
    return _report(department_form(doc, pack=pack), output, "部门整体支出绩效自评表")


def run_read(args) -> int:
    from jixiao.documents.workbook import WorkbookError
    from jixiao.usecases.forms import read_filled_forms
    from jixiao.usecases.workbooks import export_document

    output = _xlsx(args.output)
    if not Path(args.file).is_file():
        raise CommandError(f"文件“{args.file}”不存在")
    try:
        documents = read_filled_forms(args.file, region_code=args.region_code, region_name=args.region_name,
                                      department_code=args.department_code, year=args.year, rule_pack=args.rules)
    except WorkbookError as exc:
        raise CommandError(f"{Path(args.file).name}：{exc}") from None
    for number, doc in enumerate(documents, start=1):
        path = output if number == 1 else output.with_name(f"{output.stem}-{number}{output.suffix}")
        write_output(export_document(doc, ".xlsx"), path)
        print(f"已转换：{doc.year} 年度 {doc.projects[0].name}（指标 {len(doc.indicators)} 个）→ {path}")
        for indicator in doc.indicators:
            if indicator.unread:  # kept as written: scored as unverifiable here, refused by an import until rewritten
                print(f"提示：指标“{indicator.name}”的{indicator.unread}，评分时按自评得分计、无法核实；"
                      "导入工作簿前请改写为数值或定性完成情况")
    if not args.department_code or not args.region_code:
        print("提示：自评表中没有部门代码和行政区划代码；导入前请在工作簿“基本信息”中填写，"
              "或用 --department-code/--region-code 指定，或改用 jixiao import --form")
    return 0
