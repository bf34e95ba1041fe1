"""Benchmark of the review checks (审核): structured checks over a synthetic province, and published
reports parsed and checked.

Times, in one run:
- ``check_document`` on ``--departments`` synthetic departments (``jixiao.demo.synthetic``, three
  years each, the earlier years given as history), against the baseline ``score_document`` on the
  same documents (the checks score every document once, so the ratio is what checking adds);
- ``parse_report_text`` + ``review_report`` on the reference report and the five published examples,
  ``--repeat`` times, against the baseline of one plain regular-expression pass over the same text
  (every number and every line), the floor any reading of the text has to pay;
- the scaling in one document: ``review_document`` (the checks, each finding placed in its workbook
  cell) on one synthetic document of ``--scaling`` indicators each (25,000, 50,000, 100,000 by
  default), against ``score_document`` of the same document. Linear checks keep the ratio flat as the
  document grows; a scan per lookup makes it grow with the size (it was 60 at 25,000 indicators and
  past 120 s at 100,000 before the lookups were indexed).

    .venv/bin/python benchmarks/bench_checks.py                                # 300 departments
    .venv/bin/python benchmarks/bench_checks.py --departments 20 --repeat 20 --scaling 5000 10000
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from jixiao.checks import check_document, review_report
from jixiao.demo.synthetic import documents
from jixiao.documents.workbook import workbook_bytes
from jixiao.published import parse_report_text
from jixiao.scoring import score_document
from jixiao.usecases.review import review_document

PUBLISHED = Path(__file__).resolve().parents[1] / "tests" / "data" / "published"
_BASELINE = re.compile(r"\d[\d,]*(?:\.\d+)?%?|[^\n]+")


def _timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="审核基准：合成部门的数据审核，已公开报告的读取与审核")
    parser.add_argument("--departments", type=int, default=300, help="合成部门数（每个部门 3 个年度，默认 300）")
    parser.add_argument("--repeat", type=int, default=50, help="每份已公开报告读取并审核的次数（默认 50）")
    parser.add_argument("--scaling", type=int, nargs="*", default=[25_000, 50_000, 100_000],
                        help="单份文档的指标数（默认 25000 50000 100000）")
    args = parser.parse_args(argv)

    docs = list(documents(args.departments, years=(2020, 2021, 2022)))
    by_department: dict[str, list] = {}
    for doc in docs:
        by_department.setdefault(doc.department_name, []).append(doc)
    latest = [(group[-1], group[:-1]) for group in by_department.values()]
    indicators = sum(len(doc.indicators) for doc, _ in latest)

    findings = 0

    def run_checks():
        nonlocal findings
        for doc, history in latest:
            findings += len(check_document(doc, history=history))

    def run_scoring():
        for doc, _ in latest:
            score_document(doc)

    run_scoring()  # warm-up: packs loaded, caches filled
    baseline = _timed(run_scoring)
    checked = _timed(run_checks)
    print(f"数据审核：{len(latest)} 个部门（{indicators:,} 个指标，含前两年历史）")
    print(f"  check_document  {checked:8.3f} s   {checked / len(latest) * 1000:7.2f} ms/部门   "
          f"{indicators / checked:,.0f} 指标/秒   审核意见 {findings:,} 条")
    print(f"  score_document  {baseline:8.3f} s   {baseline / len(latest) * 1000:7.2f} ms/部门（基线）")
    print(f"  比值 审核 ÷ 计分 = {checked / baseline:.2f}")

    texts = [p.read_text(encoding="utf-8") for p in sorted(PUBLISHED.glob("*.txt"))]
    characters = sum(len(t) for t in texts) * args.repeat

    def run_reports():
        for _ in range(args.repeat):
            for text in texts:
                review_report(parse_report_text(text))

    def run_regex():
        for _ in range(args.repeat):
            for text in texts:
                _BASELINE.findall(text)

    run_reports()
    reports = _timed(run_reports)
    regex = _timed(run_regex)
    count = len(texts) * args.repeat
    print(f"报告审核：{len(texts)} 份已公开报告 × {args.repeat} 次（共 {characters:,} 字符）")
    print(f"  读取 + 审核     {reports:8.3f} s   {reports / count * 1000:7.2f} ms/份   {characters / reports:,.0f} 字符/秒")
    print(f"  正则一遍（基线） {regex:8.3f} s   {regex / count * 1000:7.2f} ms/份")
    print(f"  比值 读取审核 ÷ 正则 = {reports / regex:.1f}")

    if args.scaling:
        print("单份文档的审核随指标数的增长（审核并定位到工作簿单元格 ÷ 计分，比值应不随规模增长）：")
    for size in args.scaling:
        doc = next(documents(1, years=(2022,), tasks_per_department=100, indicators_per_task=size // 100))
        workbook = workbook_bytes(doc)
        score_document(doc)  # warm-up
        baseline = _timed(lambda: score_document(doc))
        found: list = []
        checked = _timed(lambda: found.extend(review_document(doc, workbook=workbook)))
        print(f"  {len(doc.indicators):>8,} 个指标  审核 {checked:7.2f} s  计分 {baseline:6.2f} s  "
              f"比值 {checked / baseline:5.1f}  审核意见 {len(found):,} 条")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
