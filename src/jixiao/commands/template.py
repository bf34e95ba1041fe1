"""``jixiao template -o blank.xlsx``: the blank self-evaluation workbook, ready to fill in."""

from __future__ import annotations

from pathlib import Path

from jixiao.cli import CommandError
from jixiao.commands._common import write_output


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "template", help="生成空白自评工作簿（.xlsx）",
        description="生成空白的自评工作簿：全部工作表、表头、下拉列表和填写提示，可在 Excel/WPS 中填写后用 jixiao import 导入。",
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件（.xlsx）")
    parser.set_defaults(func=run)


def run(args) -> int:
    from jixiao.usecases.workbooks import blank_workbook

    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        raise CommandError(f"输出文件应以 .xlsx 结尾：“{output.name}”")
    write_output(blank_workbook(), output)
    print(f"已生成空白自评工作簿：{output}")
    return 0
