"""``jixiao monitor FILE [--json] [--as-of DATE] [--rules CODE]``: in-year monitoring of a self-evaluation
file with no database: per indicator of the 监控 sheet its projection (method and inputs), colour,
完成目标可能性 and deviation reason category, and the funds against 序时进度."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from jixiao.cli import CommandError
from jixiao.commands._common import read_file
from jixiao.domain.numbers import format_amount


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "monitor", help="运行监控：全年预计、红黄绿灯、完成目标可能性（无需数据库）",
        description="按“监控”表的最近一次监控（或 --as-of 当日及以前）推算每个指标的全年完成情况，"
                    "按监控规则包给出绿、黄、红灯，并列出完成目标可能性与偏差原因类别。",
    )
    parser.add_argument("file", metavar="FILE", help="自评工作簿（.xlsx）或自评文档（.yaml/.json）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="监控截止日期（默认：监控表中最近的日期）")
    parser.add_argument("--rules", metavar="CODE", default="", help="监控规则包代码（默认 monitoring-default）")
    parser.add_argument("--history", action="append", default=[], metavar="FILE",
                        help="本部门以往年度的自评文件（可重复）：有同期监控值时按以往年度月度进度推算全年")
    parser.add_argument("--form", metavar="OUT.xlsx", help="同时导出《部门整体绩效目标执行监控表》（.xlsx）")
    parser.set_defaults(func=run)


def run(args) -> int:
    from jixiao.progress.engine import assess, profiles_from_documents
    from jixiao.rules.model import RulePackError
    from jixiao.rules.monitoring import load_monitoring_pack

    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        raise CommandError(f"“{args.as_of}”不是有效的日期（应为 YYYY-MM-DD）") from None
    try:
        pack = load_monitoring_pack(args.rules)
    except RulePackError as exc:
        raise CommandError(str(exc)) from None
    doc = read_file(args.file)
    earlier = [read_file(path) for path in args.history]
    result = assess(doc, pack, as_of=as_of, profiles=profiles_from_documents(doc, earlier, pack.seasonal_min_years))
    if result is None:
        raise CommandError("“监控”表中没有监控记录" + (f"（{as_of} 及以前）" if as_of else ""))
    if args.form:
        from jixiao.documents.forms.monitoring import write_monitoring_form
        from jixiao.domain.enums import EvaluationKind
        from jixiao.progress.forms import department_form, project_form

        form = (project_form if doc.kind is EvaluationKind.PROJECT else department_form)(doc, result, pack)
        try:
            Path(args.form).write_bytes(write_monitoring_form(form))
        except OSError as exc:
            raise CommandError(f"无法写入“{args.form}”：{exc.strerror or exc}") from None
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"{doc.department_name} {doc.year} 年度运行监控（截至 {result.as_of}，序时进度 {result.time_progress}%）")
    print(f"规则包：{pack.name}（{pack.title}）")
    if result.funds is not None:
        f = result.funds
        print(f"资金：预算 {format_amount(f.budget)} 万元，已执行 {format_amount(f.executed)} 万元，执行率 {f.rate}%，"
              f"落后序时进度 {f.behind} 个百分点 → {f.colour.label}" + (f"（{f.colour.why}）" if f.colour.why else ""))
    for s in result.indicators:
        print("")
        print(f"[{s.colour.label}] {s.code} {s.name}：目标 {s.target}，已完成 {s.value or '—'}")
        projected = "—" if s.projection.value is None else f"{s.projection.value.normalize():f}{s.unit}"
        done = f"，完成目标 {s.completion}%" if s.completion is not None else ""
        print(f"    全年预计 {projected}{done}（{s.projection.method_label}：{s.projection.explanation}）")
        stated = "（单位填报）" if s.possibility_stated else "（按颜色推定）"
        print(f"    完成目标可能性：{s.possibility}{stated}" + (f"；判定：{s.colour.why}" if s.colour.why else ""))
        if s.reason or s.reason_category:
            print(f"    偏差原因：{s.reason_category}" + (f"——{s.reason}" if s.reason else ""))
    return 0
