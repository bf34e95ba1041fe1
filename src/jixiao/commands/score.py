"""``jixiao score FILE [--rules PACK] [--json]``: score a self-evaluation file with no database.

FILE is an evaluation document in one of its file forms (.xlsx workbook, .yaml/.json data file).
Without ``--json`` a readable Chinese table is printed: every item with its explanation, the totals,
then how it was scored and what the scores call for (:func:`jixiao.usecases.scoring.score`).
"""

from __future__ import annotations

import json
import unicodedata

from jixiao.cli import CommandError
from jixiao.commands._common import read_file, rules_option
from jixiao.domain.adjustments import scored_targets
from jixiao.domain.numbers import format_number
from jixiao.rules import list_packs
from jixiao.scoring.measures import percent


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "score", help="按规则包为自评文件计分（无需数据库）",
        description="按规则包计算每个指标的得分、预算执行得分、总分和等次，并说明每一分的来由。",
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="自评文档（.yaml/.json）或自评工作簿（.xlsx）")
    parser.add_argument("--rules", metavar="PACK", help="规则包代码，或本机上规则包 .yaml 文件的路径（默认：文档中指定的规则包）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（数值为字符串）")
    parser.add_argument("--list-rules", action="store_true", help="列出可用的规则包")
    parser.set_defaults(func=run)


def run(args) -> int:
    if args.list_rules:
        for name, title in list_packs():
            print(f"{name}\t{title}")
        return 0
    if not args.file:
        raise CommandError("请指定要计分的自评文件（FILE）")
    from jixiao.usecases.scoring import score

    doc = read_file(args.file)
    pack = rules_option(args.rules)
    scored = score(doc, pack)
    result = scored.assessment.result
    if result is None:
        raise CommandError(scored.assessment.reason)
    if args.json:
        data = result.to_json()
        data["adjusted_targets"] = [{"code": t.code, "name": t.name, "original": t.original, "adjusted": t.adjusted,
                                     "scored": t.scored, "scored_adjusted": t.scored_adjusted}
                                    for t in scored_targets(doc)]
        data["flags"] = [{"code": f.code, "severity": f.severity.value, "message": f.message, "subject": f.subject}
                         for f in scored.findings]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_table(doc, result, scored.assessment.pack, scored.findings))
    return 0


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, size: int, right: bool = False) -> str:
    gap = " " * max(size - width(text), 0)
    return gap + text if right else text + gap


def render_table(doc, result, pack, findings=()) -> str:
    """The result as a readable Chinese table: one row per item, its explanation below it."""
    lines = [f"{doc.department_name} {doc.year} 年度{doc.kind.label}",
             f"规则包：{pack.name}（{pack.title}）", ""]
    rows = [("指标", "指标值", "实际完成值", "分值", "得分")]
    notes = [""]
    if result.execution is not None:
        e = result.execution
        rate = percent(e.rate) if e.rate is not None else ""
        rows.append((" › ".join(e.path), "", rate, format_number(e.weight), str(e.score)))
        notes.append(e.explanation)
    for item in result.items:
        rows.append((" › ".join(item.path), item.target if item.indicator_code else "", item.actual,
                     format_number(item.weight), str(item.score)))
        notes.append(item.explanation)
    sizes = [min(max(width(row[i]) for row in rows), limit) for i, limit in enumerate((60, 16, 24, 6, 6))]
    for row, note in zip(rows, notes):
        cells = [pad(cell, size, right=i >= 3) for i, (cell, size) in enumerate(zip(row, sizes))]
        lines.append("  ".join(cells).rstrip())
        if note:
            lines.append(f"    {note}")
    lines.append("")
    for name, (weight, score) in result.by_level1().items():
        lines.append(f"{name}：{score} / {format_number(weight)}")
    unverified = (f"（其中 {result.unverified} 个指标无法核实：未填写或无法识别指标值和实际完成值，按自评得分计）"
                  if result.unverified else "")
    lines.append(f"合计：{result.total} / {format_number(result.weight_total)}    等次：{result.grade}{unverified}")
    adjusted = scored_targets(doc)
    if adjusted:
        lines.append("")
        lines.append("指标值调整：")
        lines.extend(f"  {t.code} {t.sentence}" for t in adjusted)
    if findings:
        lines.append("")
        lines.append("提示与问题：")
        for finding in findings:
            subject = f"[{finding.subject}] " if finding.subject else ""
            lines.append(f"  {finding.severity.label}：{subject}{finding.message}")
    return "\n".join(lines)
