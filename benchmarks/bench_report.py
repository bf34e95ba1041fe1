"""Benchmark of the self-evaluation report: one department's docx, pdf and html, and a batch.

Times, in one run:
- the reference department (``440112-gsl-2022.yaml``): drafting, ``render_docx`` (with its four
  charts drawn afresh each time, and without charts), ``render_pdf`` and ``render_html``; median of
  ``--repeat`` runs after one warm-up;
- the PDF's check for page breaks inside merged cells (trial layouts of the appendix, the cut
  merged cells split, see ``documents/report/html.py``) against one plain WeasyPrint layout of the
  same page; the ratio is printed;
- the baseline: the same paragraphs and tables (same text, same merged cells) written with bare
  python-docx (``Document()``, ``add_heading``, ``add_paragraph``, ``add_table``, ``row.cells``,
  ``cell.merge``, ``cell.text``), no template, no styles, no charts; the ratio jixiao ÷ baseline is
  printed;
- a batch of ``--departments`` synthetic departments (``jixiao.demo.synthetic``, about 80
  indicators each) rendered with ``render_batch`` into a zip in ``--workers`` processes, against
  the baseline writing the same reports one after another in this process.

Goals (issue 15, 2 cores): one docx < 0.3 s, one pdf < 1 s. Timed warm, as a server or worker making
many reports: the warm-up call pays for imports, fonts and templates (``python -X importtime`` shows
that cost), the timed ones draw their charts afresh.

    .venv/bin/python benchmarks/bench_report.py                               # 200 departments
    .venv/bin/python benchmarks/bench_report.py --departments 10 --repeat 3   # a small run
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import docx

from jixiao.demo.synthetic import documents
from jixiao.documents.report import docx as report_docx
from jixiao.documents.report import html as report_html
from jixiao.documents.datafile import load_document
from jixiao.documents.report import render_docx, render_html, render_pdf
from jixiao.documents.report.batch import render_batch
from jixiao.narrative import draft_report
from jixiao.narrative.model import Chart, Paragraph, Section, Table

REFERENCE = resources.files("jixiao.demo") / "data" / "440112-gsl-2022.yaml"


def bare_docx(report, stream) -> None:
    """The report's headings, paragraphs and tables written the plain python-docx way."""
    document = docx.Document()
    document.add_heading(report.title, 0)

    def section(s: Section) -> None:
        if not s.run_in:
            document.add_heading(s.heading, min(max(s.level, 1), 9))
        first = True
        for block in s.blocks:
            if isinstance(block, Paragraph):
                document.add_paragraph((s.heading if s.run_in and first else "") + block.plain)
                first = False
            elif isinstance(block, Table):
                grid = block.grid()
                table = document.add_table(rows=len(grid), cols=block.columns)
                table.style = "Table Grid"
                cells = [row.cells for row in table.rows]  # once per row: python-docx rebuilds the grid per call
                for r, row in enumerate(grid):
                    for c, (cell, origin) in enumerate(row):
                        if origin and (cell.rowspan > 1 or cell.colspan > 1):
                            cells[r][c].merge(cells[r + cell.rowspan - 1][c + cell.colspan - 1])
                for r, row in enumerate(grid):
                    for c, (cell, origin) in enumerate(row):
                        if origin:
                            cells[r][c].text = cell.text
            elif isinstance(block, Chart):
                document.add_paragraph(f"{block.number} {block.title}")
        for child in s.children:
            section(child)

    for top in (*report.sections, *report.appendices):
        section(top)
    document.save(stream)


def median_time(function, repeat: int) -> float:
    function()  # warm-up: imports, font loading, template parsing
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fresh_charts():
    """Forget drawn charts so each timed docx/pdf draws its charts again."""
    report_docx._chart_png.cache_clear()
    report_html._chart_svg.cache_clear()
    report_html._chart_img.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=200, help="departments in the batch (default 200)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of the single-department steps")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for the batch")
    parser.add_argument("--batch-format", choices=("docx", "pdf", "html"), default="docx")
    args = parser.parse_args(argv)

    doc = load_document(REFERENCE)
    print(f"单个部门：{doc.department_name} {doc.year}（{len(doc.indicators)} 个指标，{len(doc.tasks)} 项任务）")
    report = draft_report(doc)
    report_plain = draft_report(doc, charts=False)

    t_draft = median_time(lambda: draft_report(doc), args.repeat)

    def docx_with_charts():
        fresh_charts()
        render_docx(doc, io.BytesIO())

    def pdf_with_charts():
        fresh_charts()
        render_pdf(doc, io.BytesIO())

    t_docx = median_time(docx_with_charts, args.repeat)
    t_docx_plain = median_time(lambda: render_docx(doc, io.BytesIO(), charts=False), args.repeat)
    t_pdf = median_time(pdf_with_charts, args.repeat)

    def pdf_one_layout():
        from weasyprint import HTML

        fresh_charts()
        html = render_html(doc, embed_fonts=True, for_print=True)
        HTML(string=html, base_url=str(report_html.TEMPLATE_DIR)).write_pdf(io.BytesIO())

    t_pdf_once = median_time(pdf_one_layout, args.repeat)
    t_html = median_time(lambda: (fresh_charts(), render_html(doc)), args.repeat)
    t_bare = median_time(lambda: bare_docx(report_plain, io.BytesIO()), args.repeat)

    def line(label: str, seconds: float, goal: float | None = None) -> None:
        verdict = "" if goal is None else ("  达标" if seconds < goal else f"  未达标（目标 < {goal} s）")
        print(f"  {label:<28}{seconds * 1000:9.1f} ms{verdict}")

    line("起草（draft_report，含评分）", t_draft)
    line("docx（含 4 幅图表）", t_docx, 0.3)
    line("docx（不含图表）", t_docx_plain)
    line("pdf（含 4 幅图表）", t_pdf, 1.0)
    line("pdf 单次排版（不查分页）", t_pdf_once)
    line("html（含 4 幅图表）", t_html)
    line("基线：裸 python-docx", t_bare)
    print(f"  比值 docx（不含图表）÷ 基线：{t_docx_plain / t_bare:.2f}×；docx（含图表）÷ 基线：{t_docx / t_bare:.2f}×")
    print(f"  比值 pdf ÷ 单次排版：{t_pdf / t_pdf_once:.2f}×（合并单元格跨页检查的代价）")
    print(f"  图表数：{len(report.charts())}，表格数：{len(report.tables())}")

    batch = list(documents(departments=args.departments, years=(2022,)))
    indicators = sum(len(d.indicators) for d in batch)
    print(f"批量：{len(batch)} 个部门（{indicators} 个指标），{args.batch_format}，{args.workers} 个进程")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "batch.zip"
        start = time.perf_counter()
        result = render_batch(batch, target, args.batch_format, workers=args.workers)
        t_batch = time.perf_counter() - start
        size = target.stat().st_size
    if result.failed:
        print(f"  失败 {len(result.failed)} 份：{result.failed[0]}", file=sys.stderr)
    start = time.perf_counter()
    for d in batch:
        bare_docx(draft_report(d, charts=False), io.BytesIO())
    t_batch_bare = time.perf_counter() - start
    print(f"  jixiao 批量：{t_batch:.2f} s（{t_batch / len(batch) * 1000:.0f} ms/部门，zip {size / 1e6:.1f} MB）")
    print(f"  基线（起草 + 裸 python-docx，单进程、无图表）：{t_batch_bare:.2f} s")
    print(f"  比值 批量 ÷ 基线：{t_batch / t_batch_bare:.2f}×")
    return 1 if result.failed else 0


if __name__ == "__main__":
    sys.exit(main())
