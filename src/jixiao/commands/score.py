"""``jixiao score FILE [--rules PACK] [--json]``: score a self-evaluation file with no database.

FILE is an evaluation document as YAML/JSON (:func:`jixiao.documents.datafile.load_document`) or a
self-evaluation workbook (.xlsx, read by :mod:`jixiao.documents.workbook` when it is installed).
Without ``--json`` a readable Chinese table is printed.
"""

from __future__ import annotations

import importlib
import json
import unicodedata
from pathlib import Path

from jixiao.cli import CommandError
from jixiao.domain.numbers import format_number
from jixiao.domain.values import ValueParseError
from jixiao.rules import RulePackError, list_packs, load_pack
from jixiao.scoring import ScoringError, score_document
from jixiao.scoring.measures import percent

DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "score", help="按规则包为自评文件计分（无需数据库）",
        description="按规则包计算每个指标的得分、预算执行得分、总分和等次，并说明每一分的来由。",
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="自评文档（.yaml/.json）或自评工作簿（.xlsx）")
    parser.add_argument("--rules", metavar="PACK", help="规则包名称或 YAML 文件路径（默认：文档中指定的规则包）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（数值为字符串）")
    parser.add_argument("--list-rules", action="store_true", help="列出可用的规则包")
    parser.set_defaults(func=run)


def read_document(path: Path):
    """Read a document file; raise :class:`CommandError` with a Chinese message on any problem."""
    if not path.is_file():
        raise CommandError(f"文件“{path}”不存在")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        try:
            workbook = importlib.import_module("jixiao.documents.workbook")
            read_workbook = workbook.read_workbook
        except (ImportError, AttributeError):
            raise CommandError("读取 .xlsx 自评工作簿需要工作簿模块（jixiao.documents.workbook），当前尚未安装；"
                               "请改用 YAML/JSON 格式的自评文档") from None
        return read_workbook(path)
    if suffix not in DOCUMENT_SUFFIXES:
        raise CommandError(f"不支持的文件类型“{path.suffix or path.name}”（可用：.yaml、.yml、.json、.xlsx）")
    from jixiao.documents.datafile import load_document
    return load_document(path)


def run(args) -> int:
    if args.list_rules:
        for name, title in list_packs():
            print(f"{name}\t{title}")
        return 0
    if not args.file:
        raise CommandError("请指定要计分的自评文件（FILE）")
    try:
        doc = read_document(Path(args.file))
        pack = load_pack(args.rules) if args.rules else None
        result = score_document(doc, pack)
    except (RulePackError, ScoringError, ValueParseError) as exc:
        raise CommandError(str(exc)) from None
    except ValueError as exc:  # DocumentFormatError and the workbook's errors are ValueErrors with Chinese text
        raise CommandError(f"{Path(args.file).name}：{exc}") from None
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_table(doc, result, pack or load_pack(result.rules)))
    return 0


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, size: int, right: bool = False) -> str:
    gap = " " * max(size - width(text), 0)
    return gap + text if right else text + gap


def render_table(doc, result, pack) -> str:
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
    lines.append(f"合计：{result.total} / {format_number(result.weight_total)}    等次：{result.grade}")
    if result.flags:
        lines.append("")
        lines.append("提示与问题：")
        for flag in result.flags:
            subject = f"[{flag.subject}] " if flag.subject else ""
            lines.append(f"  {SEVERITY_LABELS.get(flag.severity, flag.severity)}：{subject}{flag.message}")
    return "\n".join(lines)
