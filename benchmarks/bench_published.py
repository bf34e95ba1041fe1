"""Benchmark of reading and checking real published reports against what a careful reader finds.

The corpus is ``tests/data/published/corpus/`` (real documents, collected in thirteen batches; batches 4, 5,
6, 7, 8, 9, 10, 11, 12 and 13 are held out whole) plus the reference report and the five published examples one level
up; beside each text, ``*.expected.yaml`` holds the key figures and the inconsistencies a careful reader found, written
by hand (see ``corpus/README.md``).
For the development part and for the hold-out part of each batch separately, it prints:

- parse accuracy: key figures read right ÷ (figures the document states + figures read where it states none);
- findings recall: inconsistencies of the expected files that a finding of the checker names (its code
  fits the kind of inconsistency and it points at one of the evidence lines);
- wrong findings: findings that match neither an expected inconsistency nor a remark, in all and per ten
  documents;
- the slowest parse and the slowest check of one document, with their ratio to the floor (reading the
  file and one regular-expression pass over its text, in the same run).

Details (each missed figure, missed inconsistency and wrong finding) are printed for development
documents only: rules are never written while looking at hold-out failures. ``--show-holdout`` prints them
for the hold-out too, for the final account once the figures are measured.

    .venv/bin/python benchmarks/bench_published.py
    .venv/bin/python benchmarks/bench_published.py --quiet         # figures only
    .venv/bin/python benchmarks/bench_published.py --development-only   # while writing rules: hold-out unread
    .venv/bin/python benchmarks/bench_published.py --quiet --commands   # also: jixiao parse/check per document

``--commands`` runs ``jixiao parse`` and ``jixiao check`` as the user does, one process per document, and
prints the slowest wall time of each (start-up and imports included) against the issue's limit of 2 s.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import resource
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from jixiao.checks import review_report
from jixiao.published import parse_report_file

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "published"
CORPUS = DATA / "corpus"

FIELDS = ("kind", "department", "year", "unit", "budget_total", "executed_total", "execution_rate", "basic",
          "project", "score", "grade")
AMOUNTS = {"budget_total", "executed_total", "execution_rate", "basic", "project", "score"}

# Which finding codes name which kind of inconsistency (the vocabulary of corpus/README.md).
CODES = {
    # amount_standard: an amount against the count × standard it is of (the 万 left out of 3.6万元)
    "sum": {"by_source_sum", "by_nature_sum", "by_source_total", "by_nature_total", "parts_exceed_total",
            "parts_sum", "amount_standard"},
    "rate": {"execution_rate", "staff_rate", "share_rate", "completion_rate"},
    "execution_score": {"execution_score"},
    "table_total": {"table_weights", "table_score"},
    "total_row": {"total_row", "execution_rate", "execution_score"},
    "count": {"count_parts", "achieved_parts", "achieved_total", "enumeration", "count_sum"},
    "grade": {"grade_band"},
    "numbering": {"section_duplicate", "section_gap", "section_order", "list_duplicate", "list_gap", "list_order"},
    "year": {"year_mismatch"},
    "staff": {"staff_over_establishment", "staff_rate"},
    "template": {"template_text"},
    "payment": {"payment_contradiction"},
    # spending beyond the money stated as available (收入 / 到位 / 全年预算) with no other source: the checker names it
    # income_expenditure from a report's income and expenditure, executed_over_budget from a form's budget row
    "income_expenditure": {"income_expenditure", "executed_over_budget"},
    "row": {"row_met_not_full", "row_unmet_full", "row_score_over_weight", "row_reason_missing",
            "row_score_rule"},
    # 完成200.031公里 of 380, “100%”; an execution rate written twice (the funds row's 76%, a 预算执行率 indicator's
    # 100%), the one against its amounts found as execution_rate
    "same_figure": {"score_inconsistent", "same_amount", "completion_rate", "execution_rate"},
    "score": {"score_over_total", "score_inconsistent"},
    "naming": {"naming"},
    "low_execution": {"execution_low"},
    "target_claim": {"target_claim"},
}
REMARK_CODES = {
    "incomplete": {"incomplete"},
    "budget_adjusted": {"budget_adjusted"},
    "row_discretionary": {"row_score_rule", "row_met_not_full"},
    "income_expenditure": {"income_expenditure"},
    "amount_vs_standard": {"amount_standard"},
    "template": {"template_text"},
    "numbering": CODES["numbering"],
}


def _remark_codes(kind: str) -> set[str]:
    """The findings a remark of ``kind`` neutralises: its own codes, or, for a remark named by a finding's
    kind (a count that only looks wrong), that kind's codes."""
    return REMARK_CODES.get(kind, CODES.get(kind, set()))


_GRADES = {"优秀": "优", "良好": "良", "中等": "中", "较差": "差"}


def _batch(path: Path) -> int:
    expected = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    return expected.get("batch", 1)


# Batches collected after every rule of their round was fixed: all their documents are hold-out documents.
WHOLLY_HELD_OUT = {4, 5, 6, 7, 8, 9, 10, 11, 12, 13}


def is_holdout(path: Path) -> bool:
    """The rule fixed before any document of a batch was parsed (corpus/README.md): a third of batches 1 and 2;
    batch 3 also sets apart every document whose hash is even, so that its blind part holds at least 12;
    batches 4, 5, 6, 7, 8, 9, 10, 11, 12 and 13, each collected after its round's rules were fixed, are held out
    whole."""
    if path.parent != CORPUS:
        return False
    batch = _batch(path)
    if batch in WHOLLY_HELD_OUT:
        return True
    digest = int(hashlib.sha256(path.stem.encode()).hexdigest(), 16)
    return digest % 3 == 0 or (batch >= 3 and digest % 2 == 0)


def documents() -> list[Path]:
    return sorted(DATA.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))


def _accepted(value) -> list:
    return list(value) if isinstance(value, list) else [value]


def _normal(name: str, value):
    if value is None:
        return None
    if name in AMOUNTS:
        try:
            return Decimal(str(value).rstrip("%").replace(",", ""))
        except InvalidOperation:
            return str(value)
    if name == "year":
        return int(value)
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))
    return _GRADES.get(text, text) if name == "grade" else text


def parsed_figures(report) -> dict:
    data = report.to_json()
    nature = data["by_nature"] or {}
    return {"kind": data["kind"], "department": data["department"], "year": data["year"], "unit": data["unit"],
            "budget_total": data["budget_total"], "executed_total": data["executed_total"],
            "execution_rate": data["execution_rate"], "basic": nature.get("基本支出"),
            "project": nature.get("项目支出"), "score": data["score"], "grade": data["grade"]}


@dataclass
class Result:
    name: str
    holdout: bool
    batch: int = 1
    counted: int = 0
    right: int = 0
    expected_findings: int = 0
    found: int = 0
    wrong: int = 0
    parse_s: float = 0.0
    check_s: float = 0.0
    floor_s: float = 0.0
    notes: list[str] = field(default_factory=list)


def _near(line, lines) -> bool:
    return not lines or (line is not None and min(lines) - 1 <= line <= max(lines) + 1)


def _matches(finding, codes: set[str], lines) -> bool:
    return finding.code.removeprefix("report.") in codes and _near(finding.location.get("line"), lines or [])


def evaluate(path: Path) -> Result:
    expected = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    result = Result(path.stem, is_holdout(path), expected.get("batch", 1))
    start = time.perf_counter()
    text = path.read_bytes().decode("utf-8")
    len(re.findall(r"\d[\d,]*(?:\.\d+)?%?|[^\n]+", text))
    result.floor_s = time.perf_counter() - start
    start = time.perf_counter()
    report = parse_report_file(path)
    result.parse_s = time.perf_counter() - start
    start = time.perf_counter()
    review = review_report(report)
    result.check_s = time.perf_counter() - start

    got = parsed_figures(report)
    for name in FIELDS:
        accepted = [_normal(name, v) for v in _accepted(expected.get(name))]
        value = _normal(name, got[name])
        if value is None and None in accepted:
            continue
        result.counted += 1
        if value in accepted:
            result.right += 1
        else:
            wanted = " / ".join("null" if a is None else str(a) for a in accepted)
            result.notes.append(f"    {name}: 应为 {wanted}，读出 {value if value is not None else 'null'}")

    items = expected.get("findings") or []
    remarks = expected.get("remarks") or []
    result.expected_findings = len(items)
    for item in items:
        if any(_matches(f, CODES[item["kind"]], item.get("lines")) for f in review.findings):
            result.found += 1
        else:
            result.notes.append(f"    未发现 [{item['kind']}] 第 {item.get('lines')} 行：{item['evidence']}")
    for finding in review.findings:
        explained = any(_matches(finding, CODES[i["kind"]], i.get("lines")) for i in items) or any(
            _matches(finding, _remark_codes(r["kind"]), r.get("lines")) for r in remarks)
        if not explained:
            result.wrong += 1
            result.notes.append(f"    误报 {finding.code}（第 {finding.location.get('line')} 行）：{finding.message}")
    return result


def _summary(label: str, results: list[Result]) -> None:
    if not results:
        return
    counted = sum(r.counted for r in results)
    right = sum(r.right for r in results)
    expected = sum(r.expected_findings for r in results)
    found = sum(r.found for r in results)
    wrong = sum(r.wrong for r in results)
    slow_parse = max(results, key=lambda r: r.parse_s)
    slow_check = max(results, key=lambda r: r.check_s)
    floor = max(r.floor_s for r in results) or 1e-9
    print(f"{label}：{len(results)} 份文档")
    print(f"  读取准确率   {right}/{counted} = {right / counted:.1%}" if counted else "  读取准确率   —")
    print(f"  问题检出率   {found}/{expected} = {found / expected:.1%}" if expected else "  问题检出率   —")
    print(f"  误报         {wrong} 条（每 10 份 {wrong / len(results) * 10:.2f} 条）")
    print(f"  最慢读取     {slow_parse.parse_s * 1000:7.1f} ms（{slow_parse.name}；为基线的 "
          f"{slow_parse.parse_s / floor:,.0f} 倍）")
    print(f"  最慢审核     {slow_check.check_s * 1000:7.1f} ms（{slow_check.name}；为基线的 "
          f"{slow_check.check_s / floor:,.0f} 倍）")
    print(f"  基线（读文件 + 一次正则扫描）最慢 {floor * 1000:.2f} ms")


COMMAND_LIMIT_S = 2.0


def _command_line() -> list[str]:
    script = Path(sys.executable).with_name("jixiao")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from jixiao.cli import main; sys.exit(main())"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command_times(paths: list[Path]) -> None:
    """Wall time of ``jixiao parse FILE`` and ``jixiao check FILE`` on each document, one process each, and
    the processor time each used (user + system): on shared, loaded cores the wall time measures the load as
    much as the command, the processor time the command alone."""
    command = _command_line()
    for name in ("parse", "check"):
        times = []
        for path in paths:
            start, cpu = time.perf_counter(), _children_cpu()
            subprocess.run([*command, name, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=False)
            times.append((time.perf_counter() - start, _children_cpu() - cpu, path.name))
        slowest, _, document = max(times)
        busiest, busiest_document = max((c, d) for _, c, d in times)
        over = sum(1 for seconds, _, _ in times if seconds > COMMAND_LIMIT_S)
        print(f"jixiao {name}：{len(times)} 份文档，最慢 {slowest:.2f} s（{document}），平均 "
              f"{sum(s for s, _, _ in times) / len(times):.2f} s，超过 {COMMAND_LIMIT_S:g} s 的 {over} 份；"
              f"处理器时间最多 {busiest:.2f} s（{busiest_document}），平均 {sum(c for _, c, _ in times) / len(times):.2f} s")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="已公开报告基准：读取准确率、问题检出率、误报与耗时（开发部分与保留部分分开）")
    parser.add_argument("--quiet", action="store_true", help="只打印汇总数字")
    parser.add_argument("--show-holdout", action="store_true", help="也打印保留部分的明细（仅在最终测量之后使用）")
    parser.add_argument("--development-only", action="store_true",
                        help="只读取、审核并打印开发部分（开发期间使用，保留部分不被测量）")
    parser.add_argument("--commands", action="store_true",
                        help="另外逐份文档运行 jixiao parse 与 jixiao check 并计时（含启动与导入）")
    args = parser.parse_args(argv)

    review_report(parse_report_file(DATA / "reference-440112-gsl-2022.txt"))  # warm-up: packs and vocabularies
    paths = [p for p in documents() if not (args.development_only and is_holdout(p))]
    results = [evaluate(path) for path in paths]
    development = [r for r in results if not r.holdout]
    holdout = [r for r in results if r.holdout]
    if not args.quiet:
        for r in results:
            if r.notes and (not r.holdout or args.show_holdout):
                print(f"{'[保留] ' if r.holdout else ''}{r.name}")
                print("\n".join(r.notes))
        print()
    _summary("开发部分", development)
    for batch in sorted({r.batch for r in holdout}):
        whole = "，整批保留" if batch in WHOLLY_HELD_OUT else ""
        _summary(f"保留部分（第 {batch} 批{whole}）", [r for r in holdout if r.batch == batch])
    if args.commands:
        command_times(paths)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
