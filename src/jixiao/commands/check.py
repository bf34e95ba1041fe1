"""``jixiao check FILE [--json]``: review a self-evaluation (审核) with no database.

FILE is either structured data — a self-evaluation workbook (.xlsx) or a document as .yaml/.json —
checked with :func:`jixiao.checks.check_document`, or a report as published (.docx, .pdf, .txt)
whose stated figures are checked against each other (:func:`jixiao.checks.review_report`).
``--json`` prints ``{"findings": [{"code", "severity", "message", "location", "evidence"}],
"confirmed": [...]}``, and for a published report ``"doubtful"``: findings the confidence gate held back
because the reading they stand on is open to doubt (the reason in ``evidence.doubt``). The exit code is 1 when there is an 错误 finding, else 0.
"""

from __future__ import annotations

import json
from pathlib import Path

from jixiao.cli import CommandError
from jixiao.commands._common import read_file, rules_option
from jixiao.domain.findings import describe


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help="审核自评工作簿、自评文档或已公开的自评报告，列出错误、警告和提示",
        description="审核：对自评工作簿（.xlsx）或自评文档（.yaml/.json）运行数据审核；对自评报告（.docx/.pdf/.txt）"
                    "核对报告中的数字、编号和表述。发现“错误”时退出码为 1。",
    )
    parser.add_argument("file", metavar="FILE", help="自评工作簿、自评文档或自评报告")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出审核意见")
    parser.add_argument("--rules", metavar="PACK", help="规则包代码，或本机上规则包 .yaml 文件的路径（默认：文档指定的或按评价类型选择）")
    parser.add_argument("--history", metavar="FILE", nargs="*", default=[],
                        help="以往年度的自评工作簿或自评文档，用于判断目标值是否偏高或偏低")
    parser.add_argument("--stage", choices=("evaluation", "targets"), default="evaluation",
                        help="evaluation：年末自评（默认）；targets：年初设置目标（不检查实际值和得分）")
    parser.set_defaults(func=run)


def run(args) -> int:
    from jixiao.documents.registry import is_document_file

    path = Path(args.file)
    args.rules = rules_option(args.rules)
    doubtful = []
    if is_document_file(path):
        findings, confirmed = _check_structured(path, args), []
    else:
        findings, confirmed, doubtful = _check_report(path, args)
    if args.json:
        data = {"findings": [f.to_json() for f in findings], "confirmed": [c.to_json() for c in confirmed]}
        if doubtful:
            data["doubtful"] = [f.to_json() for f in doubtful]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render(path, findings, confirmed, doubtful))
    return 1 if any(f.blocks_submission for f in findings) else 0


def _check_structured(path: Path, args):
    from jixiao.rules import RulePackError
    from jixiao.usecases.review import review_document

    doc = read_file(path)
    history = [read_file(item) for item in args.history]
    try:
        return review_document(doc, pack=args.rules, history=history, stage=args.stage,
                               workbook=path if path.suffix.lower() == ".xlsx" else None)
    except RulePackError as exc:
        raise CommandError(str(exc)) from None


def _check_report(path: Path, args):
    from jixiao.published import ReportFileError
    from jixiao.rules import RulePackError
    from jixiao.usecases.review import review_published

    try:
        review = review_published(path, pack=args.rules)
    except (ReportFileError, RulePackError) as exc:
        raise CommandError(str(exc)) from None
    return review.findings, review.confirmed, review.doubtful


def render(path: Path, findings, confirmed, doubtful=()) -> str:
    lines = [f"审核：{path.name}"]
    counts = {label: sum(1 for f in findings if f.severity.label == label) for label in ("错误", "警告", "提示")}
    lines.append("，".join(f"{label} {count} 条" for label, count in counts.items()))
    for finding in findings:
        place = describe(finding.location)
        lines.append(f"[{finding.severity.label}] {finding.message}" + (f"  （{place}）" if place else ""))
    if confirmed:
        lines.append("已核对无误：")
        for item in confirmed:
            lines.append(f"  ✓ {item.message}")
    if doubtful:
        lines.append("存疑（读取不可靠，未列为问题）：")
        for item in doubtful:
            lines.append(f"  ? {item.message}（{item.evidence.get('doubt', '')}）")
    if not findings:
        lines.append("未发现问题。")
    return "\n".join(lines)
