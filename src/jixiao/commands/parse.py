"""``jixiao parse FILE [--json]``: read what a published self-evaluation report states.

FILE is a report as .docx, .pdf or .txt (text as published, PDF table columns interleaved or not).
Prints the department, year, kind, unit, budget, execution, breakdowns, carry-over, score, grade,
tasks with their indicator counts, and the outline of numbered sections; ``--json`` prints them
with the keys ``department, year, kind, unit, budget_total, executed_total, execution_rate,
by_source, by_nature, carryover, score, grade, tasks, sections``. No database is needed.
"""

from __future__ import annotations

import json
from pathlib import Path

from jixiao.cli import CommandError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "parse", help="读取已公开的自评报告（.docx/.pdf/.txt），提取其中的数据",
        description="从已公开的绩效自评报告或自评表中提取部门、年度、预算、执行、资金构成、得分、等级、任务和章节目录。",
    )
    parser.add_argument("file", metavar="FILE", help="自评报告文件（.docx、.pdf 或 .txt）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（金额为文档单位下的字符串，未说明的为 null）")
    parser.set_defaults(func=run)


def run(args) -> int:
    from jixiao.published import ReportFileError, parse_report_file

    try:
        report = parse_report_file(Path(args.file))
    except ReportFileError as exc:
        raise CommandError(str(exc)) from None
    data = report.to_json()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(render(data, report.title))
    return 0


def _value(value, suffix: str = "") -> str:
    return "（未说明）" if value is None else f"{value}{suffix}"


def render(data: dict, title: str) -> str:
    unit = data["unit"] or ""
    lines = [f"标题：{title or '（未识别）'}",
             f"部门：{_value(data['department'])}    年度：{_value(data['year'])}    类型：{_value(data['kind'])}    "
             f"金额单位：{_value(data['unit'])}",
             f"全年预算数：{_value(data['budget_total'], ' ' + unit)}    执行数：{_value(data['executed_total'], ' ' + unit)}"
             f"    执行率：{_value(data['execution_rate'])}    结转结余：{_value(data['carryover'], ' ' + unit)}"]
    for key, label in (("by_source", "按资金来源"), ("by_nature", "按支出性质")):
        if data[key]:
            lines.append(f"{label}：" + "；".join(f"{k} {v}" for k, v in data[key].items()))
    lines.append(f"自评得分：{_value(data['score'])}    等级：{_value(data['grade'])}")
    for task in data["tasks"]:
        indicators = task["indicators"]
        counts = "、".join(f"{k} {v}" for k, v in indicators["by_level1"].items())
        lines.append(f"  任务/项目 {task['code'] or ''}“{task['name']}”：资金 {_value(task['funds'], ' ' + unit)}；"
                     f"指标 {_value(indicators['total'])} 个" + (f"（{counts}）" if counts else "")
                     + f"，达到目标 {_value(indicators['achieved'])} 个")
    if data["sections"]:
        lines.append("章节：")
        for section in data["sections"]:
            lines.append(f"  {'  ' * (section['level'] - 1)}{section['number']}{section['title']}（第 {section['line']} 行）")
    return "\n".join(lines)
