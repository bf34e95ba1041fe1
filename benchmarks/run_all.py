"""Every benchmark in one run, written as one table to ``benchmarks/RESULTS.md``.

Each figure is the median of ``--repeat`` runs, beside the floor the issue names measured in the same
run (NumPy for scoring arithmetic, a bare regular expression for values, bare python-calamine for
reading workbooks, bare xlsxwriter writing the same cells for export, bare python-docx for reports, a
bare ``SELECT`` of the same columns for the database), the ratio, the goal and whether it is met.
The same cases at 1×, 10× (and 100× where it fits) show how each cost grows.

    python benchmarks/run_all.py                      # full: 1×/10×/100×, PostgreSQL when given
    python benchmarks/run_all.py --quick              # CI: small sizes, a couple of minutes
    python benchmarks/run_all.py --postgres postgres://postgres@127.0.0.1:5432/postgres
    python benchmarks/run_all.py --load benchmarks/load/last.json   # add the load test's figures

With ``--postgres`` (a URL of a server's maintenance database) a scratch database is created,
filled with ``jixiao generate``, measured (re-scoring from the database, the dashboard) and dropped; so is
one for a region's reports made by two ``jixiao worker`` processes (``--region-reports N`` departments).
The machine is described at the top of the file, with its load average before and after: on a
shared machine the floors, measured in the same run, are the figures to compare.
"""

from __future__ import annotations

import argparse
import gc
import io
import resource
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ROOT = HERE.parent


@dataclass
class Row:
    area: str
    what: str
    scale: str
    seconds: float | None
    floor: str = ""
    floor_seconds: float | None = None
    goal: str = ""
    met: bool | None = None
    note: str = ""
    size: int | None = None  # units measured (indicators, rows…), for the growth column
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.seconds is None or not self.floor_seconds:
            return None
        return self.seconds / self.floor_seconds


def median_of(function, repeat: int, *, before=None, warm: bool = False) -> float:
    """The median wall time of ``repeat`` calls. What the caller built before (a province of documents)
    is frozen out of the cyclic collector's way first: a large live heap would otherwise make every
    collection slower as the size grows, and the growth column would show the collector, not jixiao."""
    gc.collect()
    gc.freeze()
    if warm:
        function()
    times = []
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    gc.unfreeze()
    return statistics.median(times)


def medians_of(function, repeat: int, *, before=None, warm: bool = False) -> tuple[float, float]:
    """(median wall time, median CPU time of this process) of ``repeat`` calls, as :func:`median_of`.
    CPU time is the steadier figure on a shared machine: a busy neighbour stretches the wall time
    of a single-threaded step, not its CPU time."""
    gc.collect()
    gc.freeze()
    if warm:
        function()
    walls, cpus = [], []
    for _ in range(repeat):
        if before:
            before()
        started, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    gc.unfreeze()
    return statistics.median(walls), statistics.median(cpus)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- cases ------------------------------------------------------------------------------------

def case_scoring(sizes: list[int], repeat: int) -> list[Row]:
    import bench_scoring as b
    from jixiao.rules import load_pack
    from jixiao.scoring import score_document
    from jixiao.scoring.bulk import build_table, score_table

    rows = []
    for n in sizes:
        docs = b.build_province(n, 1)
        pack = load_pack(docs[0].rule_pack)
        count = sum(len(d.indicators) for d in docs)
        results = [score_document(d, pack) for d in docs]
        arrays = b.extract(docs, results, pack)
        variant = "linear"
        floor = median_of(lambda: b.numpy_scores(arrays, variant), max(repeat, 5))
        explained = median_of(lambda: [score_document(d, pack) for d in docs], repeat)
        table = build_table(docs, pack)
        bulk = median_of(lambda: score_table(table), max(repeat, 5))
        build = median_of(lambda: build_table(docs, pack), repeat)
        scale = f"{count:,} indicators"
        rows.append(Row("scoring", "score_document (every point explained)", scale, explained,
                        "NumPy, same formulas", floor, "province ≥1,000,000 < 30 s (issue 3)",
                        explained < 30 if count >= 1_000_000 else None, size=count))
        rows.append(Row("scoring", "bulk exact: build_table + score_table", scale, build + bulk,
                        "NumPy, same formulas", floor, "", None, size=count))
    return rows


def case_values(sizes: list[int], repeat: int) -> list[Row]:
    import bench_values as b

    rows = []
    for n in sizes:
        texts = b.texts_of(n)
        from jixiao.domain.values import parse_value

        cold = parse_value.__wrapped__
        parse = median_of(lambda: b.read_all(texts, cold), repeat)
        floor = median_of(lambda: b.floor(texts), repeat)
        rows.append(Row("values", "parse_value, cold", f"{len(texts):,} distinct texts", parse,
                        "regex + Decimal per text", floor, "", None, size=len(texts)))
    return rows


def bare_xlsxwriter(cells: dict[str, list[list]], path: Path) -> None:
    """The same cells written the plainest way xlsxwriter can (one sheet each, no formats)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    for name, grid in cells.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                if value not in ("", None):
                    sheet.write(r, c, value)
    book.close()


def case_workbook(sizes: list[int], repeat: int) -> list[Row]:
    import bench_workbook as b
    import python_calamine

    from jixiao.documents.workbook import WorkbookLimits, read_workbook, write_workbook
    from jixiao.domain.values import parse_value

    rows = []
    limits = WorkbookLimits.from_env()
    for n in sizes:
        doc = b.build_document(n)
        with tempfile.TemporaryDirectory() as folder:
            path, bare = Path(folder) / "w.xlsx", Path(folder) / "bare.xlsx"
            export = median_of(lambda: write_workbook(doc, path), repeat)
            with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
                cells = {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                         for name in book.sheet_names}
            floor_export = median_of(lambda: bare_xlsxwriter(cells, bare), repeat)
            floor_import, floor_cpu = medians_of(lambda: b.bare_calamine(path), repeat)
            imported, imported_cpu = medians_of(lambda: read_workbook(path, limits=limits), repeat,
                                                before=parse_value.cache_clear)
        scale = f"{n:,} indicators"
        rows.append(Row("workbook", "import: read_workbook (checks, values, document)", scale, imported,
                        "bare python-calamine read", floor_import, "≤ 2× the floor",
                        imported / floor_import <= 2, size=n,
                        note=f"CPU {imported_cpu * 1000:,.0f} ms, floor's {floor_cpu * 1000:,.0f} ms: "
                             f"{imported_cpu / floor_cpu:.2f}×"))
        rows.append(Row("workbook", "export: write_workbook (styles, lists, stamp)", scale, export,
                        "bare xlsxwriter, same cells", floor_export, "≤ 2× the floor",
                        export / floor_export <= 2, size=n))
    return rows


def case_report(repeat: int) -> list[Row]:
    import bench_report as b

    from jixiao.documents.datafile import load_document
    from jixiao.documents.report import render_docx, render_pdf
    from jixiao.narrative import draft_report

    doc = load_document(b.REFERENCE)
    plain = draft_report(doc, charts=False)
    floor = median_of(lambda: b.bare_docx(plain, io.BytesIO()), repeat, warm=True)

    def docx():
        b.fresh_charts()
        render_docx(doc, io.BytesIO())

    def pdf():
        b.fresh_charts()
        render_pdf(doc, io.BytesIO())

    # Warm, as a server or worker making many reports: imports, fonts and templates are loaded by the
    # first (untimed) call; each timed call draws its charts afresh.
    t_docx, cpu_docx = medians_of(docx, repeat, warm=True)
    t_pdf, cpu_pdf = medians_of(pdf, repeat, warm=True)
    scale = f"1 report ({len(doc.indicators)} indicators, 4 charts)"
    warm = "warm process, charts drawn afresh each time"
    return [Row("report", "docx with charts", scale, t_docx, "bare python-docx, same text and tables", floor,
                "< 0.3 s", t_docx < 0.3, note=f"{warm}; CPU {cpu_docx * 1000:.0f} ms"),
            Row("report", "pdf with charts (WeasyPrint)", scale, t_pdf, "bare python-docx, same text and tables", floor,
                "< 1 s", t_pdf < 1, note=f"{warm}; CPU {cpu_pdf * 1000:.0f} ms")]


def run_generate(departments: int, env: dict) -> tuple[float, float]:
    """(seconds the command reports, CPU seconds of the command and its worker processes)."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-m", "jixiao.cli", "generate", "--departments", str(departments),
                           "--years", "2021-2023"], env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    line = [x for x in done.stdout.splitlines() if x.startswith("已生成")][-1]
    seconds = float(line.rsplit("用时 ", 1)[1].split(" ")[0]) if "用时" in line else time.perf_counter() - started
    return seconds, cpu


def migrate(env: dict) -> None:
    subprocess.run([sys.executable, "-c", "from jixiao.site.bootstrap import setup_django; setup_django(migrate=True)"],
                   env=env, check=True, capture_output=True)


def case_generate(sizes: list[int], postgres: str | None) -> tuple[list[Row], str | None]:
    """``jixiao generate`` into fresh databases (SQLite, and PostgreSQL when given); returns the rows
    and the URL of the largest PostgreSQL province, kept for the database cases."""
    rows, kept = [], None
    for n in sizes:
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "JIXIAO_DATA_DIR": folder}
            env.pop("DATABASE_URL", None)
            migrate(env)
            seconds, cpu = run_generate(n, env)
        rows.append(generate_row("SQLite", n, seconds, f"CPU {cpu:.1f} s in its processes"))
        if postgres:
            url = scratch_database(postgres, f"jixiao_bench_{n}")
            env = {**os.environ, "DATABASE_URL": url, "JIXIAO_DATA_DIR": tempfile.mkdtemp()}
            migrate(env)
            seconds, cpu = run_generate(n, env)
            rows.append(generate_row("PostgreSQL", n, seconds, f"CPU {cpu:.1f} s in its processes, the server's not counted"))
            if kept:
                drop_database(postgres, kept)
            kept = url
    return rows, kept


def generate_row(backend: str, departments: int, seconds: float, note: str, what: str = "") -> Row:
    goal = departments == 2000
    return Row("generate", f"jixiao generate, {backend}{what}", f"{departments:,} departments × 3 years", seconds, "", None,
               "< 30 s for 2,000 × 3" if goal else "", seconds < 30 if goal else None, note=note, size=departments * 3)


def _admin(postgres: str):
    import psycopg

    return psycopg.connect(postgres, autocommit=True)


def scratch_database(postgres: str, name: str) -> str:
    with _admin(postgres) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return postgres.rsplit("/", 1)[0] + "/" + name


def drop_database(postgres: str, url: str) -> None:
    with _admin(postgres) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def case_database(url: str, repeat: int, sample: int) -> list[Row]:
    """Re-scoring and the dashboard from a generated province (in a process of its own on ``url``)."""
    env = {**os.environ, "DATABASE_URL": url, "JIXIAO_DATA_DIR": tempfile.mkdtemp()}
    done = subprocess.run([sys.executable, str(Path(__file__)), "--inside-database", "--repeat", str(repeat),
                           "--sample", str(sample)], env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return [Row(**row) for row in json.loads(done.stdout)]


def inside_database(repeat: int, sample: int) -> list[dict]:
    from jixiao.site.bootstrap import setup_django

    setup_django()
    from django.db import connection

    import bench_dashboard  # noqa: F401 - the same dashboard payload as its benchmark
    from jixiao.bureau.selectors import region_dashboard
    from jixiao.evaluations.models import Evaluation, Indicator
    from jixiao.evaluations.rescore import rescore_many
    from jixiao.evaluations.services import rescore_evaluation
    from jixiao.orgs.models import SYSTEM, Region

    columns = ("task__evaluation_id", "code", "level1", "level2", "direction", "unit", "target_text", "target_value",
               "actual_text", "actual_value", "actual_grade", "weight", "applicable")
    total = Indicator.objects.count()
    evaluations = Evaluation.objects.count()

    def select_all():
        with connection.cursor() as cursor:
            cursor.execute("SELECT i.task_id, t.evaluation_id, i.code, i.level1, i.level2, i.direction, i.unit, "
                           "i.target_text, i.target_value, i.actual_text, i.actual_value, i.actual_grade, i.weight, "
                           "i.applicable FROM evaluations_indicator i JOIN evaluations_task t ON t.id = i.task_id")
            return len(cursor.fetchall())

    floor_all = median_of(select_all, repeat, warm=True)
    picked = list(Evaluation.objects.order_by("pk").values_list("pk", flat=True)[:sample])
    in_sample = Indicator.objects.filter(task__evaluation_id__in=picked).count()
    floor_sample = median_of(lambda: list(Indicator.objects.filter(task__evaluation_id__in=picked)
                                          .values_list(*columns)), repeat, warm=True)
    objects = list(Evaluation.objects.filter(pk__in=picked))
    started = time.perf_counter()
    for evaluation in objects:
        rescore_evaluation(evaluation=evaluation, acting_user=SYSTEM, reason="基准测试")
    rescore = time.perf_counter() - started
    # The real path of a region's or the province's 重新评分 (the job's chunks and rescore_many): the
    # whole province, end to end. The first run reads every value again from its text (the wording
    # lists it was read with are not known yet); then nothing changed (the typical re-run).
    everything = list(Evaluation.objects.order_by("pk").values_list("pk", flat=True))
    started = time.perf_counter()
    rescore_many(evaluation_ids=everything, acting_user=SYSTEM, reason="基准测试：首次")
    first = time.perf_counter() - started
    unchanged = median_of(lambda: rescore_many(evaluation_ids=everything, acting_user=SYSTEM, reason="基准测试"),
                          repeat)
    floor_all = min(floor_all, median_of(select_all, repeat))
    # Everything changed (another pack) for the sample: every evaluation through the explained path.
    Evaluation.objects.filter(pk__in=picked, rule_pack="gd-2022-department").update(rule_pack="mof-2013-department")
    started = time.perf_counter()
    rescore_many(evaluation_ids=picked, acting_user=SYSTEM, reason="基准测试：换规则包")
    changed = time.perf_counter() - started
    Evaluation.objects.filter(pk__in=picked, rule_pack="mof-2013-department").update(rule_pack="gd-2022-department")
    rescore_many(evaluation_ids=picked, acting_user=SYSTEM, reason="基准测试：恢复规则包")
    region = Region.objects.get(code="990000")
    year = Evaluation.objects.order_by("-year").values_list("year", flat=True).first()

    def dashboard():
        board = region_dashboard(SYSTEM, region, year)
        return len(board.rows), board.score_boxes(), len(board.lagging())

    def dashboard_floor():
        return list(Evaluation.objects.filter(department__region_id__in=region.descendant_ids(), year=year,
                                              kind="department")
                    .values_list("department__code", "department__name", "department__region__code", "pk",
                                 "status", "score_total", "score_grade", "stated_total", "error_count"))

    floor_dash = median_of(dashboard_floor, repeat, warm=True)
    dash = median_of(dashboard, repeat, warm=True)
    db = f"PostgreSQL, {evaluations:,} evaluations, {total:,} indicators"
    return [
        Row("database", "bare SELECT of every indicator's scoring columns", db, floor_all, "", None, "", None,
            size=total).__dict__,
        Row("database", f"re-score {sample} evaluations (rescore_evaluation, one transaction each)",
            f"{in_sample:,} indicators", rescore, "bare SELECT of their columns", floor_sample,
            "— (a user's single 重新评分; the ≤ 3× goal is the whole province's, rescore_many below)", None,
            note="each its own transaction, lock and event: 100 × (BEGIN, SELECT FOR UPDATE, UPDATE, INSERT event, "
                 "COMMIT) alone measured 4.7–6× this floor", size=in_sample).__dict__,
        Row("database", "re-score the whole province (rescore_many), nothing changed", db, unchanged,
            "bare SELECT of every indicator", floor_all,
            "< 10 s and ≤ 3× (≥ 1,000,000 indicators)" if total >= 1_000_000 else "(goal at ≥ 1,000,000 indicators)",
            unchanged < 10 and unchanged / floor_all <= 3 if total >= 1_000_000 else None,
            note="end to end: read, vectorised exact scoring, compare, 评分时间 and one event per evaluation",
            size=total).__dict__,
        Row("database", "re-score the whole province, first run (every value read again from its text)", db, first,
            "bare SELECT of every indicator", floor_all, "", None, size=total).__dict__,
        Row("database", f"re-score {sample} evaluations after a pack change (everything changed)",
            f"{in_sample:,} indicators", changed, "bare SELECT of their columns", floor_sample, "≤ 3× the bare SELECT",
            changed / floor_sample <= 3, note="explanations and review counts through the explained path",
            size=in_sample).__dict__,
        Row("database", "region dashboard (table, counts, boxes, lagging)", f"{len(dashboard_floor()):,} departments",
            dash, "bare SELECT of the same columns", floor_dash, "< 1 s", dash < 1,
            size=len(dashboard_floor())).__dict__,
    ]


def case_region_reports(postgres: str, departments: int, workers: int = 2, fmt: str = "docx") -> list[Row]:
    """A region's reports as the bureau makes them: one ``reports`` job over a generated region (one
    year), run by ``workers`` ``jixiao worker`` processes on the database task backend against
    PostgreSQL; timed from the workers' start to the job's end."""
    url = scratch_database(postgres, f"jixiao_bench_reports_{departments}")
    env = {**os.environ, "DATABASE_URL": url, "JIXIAO_DATA_DIR": tempfile.mkdtemp(),
           "JIXIAO_TASK_BACKEND": "database"}
    cli = [sys.executable, "-m", "jixiao.cli"]
    try:
        migrate(env)
        subprocess.run([*cli, "generate", "--departments", str(departments), "--years", "2023"], env=env, check=True,
                       capture_output=True)
        queued = subprocess.run([*cli, "jobs", "start", "reports", "--region", "990000", "--year", "2023",
                                 "--format", fmt], env=env, check=True, capture_output=True, text=True).stdout
        job = queued.split("#", 1)[1].split(" ", 1)[0]
        started = time.perf_counter()
        processes = [subprocess.Popen([*cli, "worker", "--batch", "--interval", "0.2", "--worker-id", f"bench-{n}"],
                                      env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                     for n in range(workers)]
        for process in processes:
            process.wait()
        seconds = time.perf_counter() - started
        shown = subprocess.run([*cli, "jobs", "show", job], env=env, capture_output=True, text=True)
        if shown.returncode:
            raise RuntimeError(f"reports job #{job} did not finish cleanly: {shown.stdout}{shown.stderr}"[-2000:])
    finally:
        drop_database(postgres, url)
    per_report = seconds / departments
    at_goal = per_report * 2000
    return [Row("jobs", f"a region's reports ({fmt} with charts), one job, {workers} jixiao worker processes",
                f"{departments:,} departments", seconds, "", None, "2,000 in < 15 min with 2 workers",
                (seconds if departments >= 2000 else at_goal) < 15 * 60,
                note=f"{per_report:.2f} s a report; 2,000 at this rate {at_goal / 60:.1f} min"
                     + ("" if departments >= 2000 else " (extrapolated)"), size=departments)]


def case_load(path: Path) -> list[Row]:
    if not path.exists():
        return []
    data = json.loads(path.read_text())
    rows = []
    total, floor = data.get("total", {}), data.get("floor") or {}
    scale = data.get("scale", "") + (f"; load average before {data['machine_load_before']}, at the end {data['machine_load']}"
                                     if data.get("machine_load_before") else
                                     f"; load average at the end {data['machine_load']}" if data.get("machine_load") else "")
    if data.get("cpu"):
        cpu = data["cpu"]
        scale += (f"; CPU in the run: gunicorn {cpu['gunicorn_seconds']} s, PostgreSQL {cpu.get('postgres_seconds', '?')} s, "
                  f"Locust {cpu['locust_seconds']} s, "
                  f"machine {cpu['machine_busy']:.0%} busy of {cpu['cores']} cores")
    rows.append(Row("load", f"all requests: {total.get('count', 0)} in {data.get('seconds', '?')} s, "
                            f"{total.get('failures', 0)} errors, {total.get('rps', 0):.1f} requests/s; "
                            f"p50 {total.get('p50', 0):.0f} / p95 {total.get('p95', 0):.0f} / p99 {total.get('p99', 0):.0f} ms",
                    scale, total.get("p95", 0) / 1000 or None, "", None, "0 errors",
                    total.get("failures", 1) == 0, note="seconds column: p95"))
    if floor:
        rows.append(Row("load", f"floor: wrk on /health/ (trivial view): {floor['rps']:.0f} requests/s, p50 "
                                f"{floor['p50']:.1f} / p90 {floor['p90']:.1f} / p99 {floor['p99']:.1f} ms, "
                                f"{floor['errors']} errors", "same connections as users", floor["p90"] / 1000,
                        note="seconds column: p90 (wrk reports no p95)"))
    for name, s in data.get("requests", {}).items():
        goal = s.get("goal", "")
        rows.append(Row("load", f"{name}: p50 {s['p50']:.0f} / p95 {s['p95']:.0f} / p99 {s['p99']:.0f} ms, "
                                f"{s['count']} requests, {s['failures']} errors",
                        data.get("scale", ""), s["p95"] / 1000, "wrk /health/ p90",
                        (data.get("floor_p95") or 0) / 1000 or None, goal,
                        s.get("met"), note="seconds column: p95"))
    return rows


# --- machine and table ------------------------------------------------------------------------

def machine() -> list[str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    os_name = platform.platform()
    try:
        pretty = [x for x in Path("/etc/os-release").read_text().splitlines() if x.startswith("PRETTY_NAME")]
        os_name = pretty[0].split("=", 1)[1].strip('"') if pretty else os_name
    except OSError:
        pass
    return [f"{os_name}; {cpu or platform.processor()}; {os.cpu_count()} CPUs; {memory} RAM; "
            f"Python {platform.python_version()}"]


def growth(rows: list[Row]) -> dict[int, str]:
    """For each row measured at several sizes: time per unit relative to the smallest size."""
    out = {}
    groups: dict[tuple, list[tuple[int, Row]]] = {}
    for index, row in enumerate(rows):
        if row.size and row.seconds:
            groups.setdefault((row.area, row.what), []).append((index, row))
    for members in groups.values():
        if len(members) < 2:
            continue
        base = min(members, key=lambda m: m[1].size)[1]
        for index, row in members:
            factor = (row.seconds / row.size) / (base.seconds / base.size)
            out[index] = f"{row.size / base.size:.0f}× size: {factor:.2f}× per unit"
    return out


def seconds_text(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def write_results(rows: list[Row], path: Path, *, mode: str, repeat: int, load_before, load_after, took: float,
                  postgres: str | None, partial: set[str] | None = None) -> None:
    grown = growth(rows)
    mode += " run"
    if partial:
        mode += f" of {', '.join(sorted(partial))} only (the other areas' figures are from the previous run)"
    lines = [
        "# jixiao benchmarks",
        "",
        f"Generated by `python benchmarks/run_all.py{' --quick' if mode == 'quick' else ''}` on "
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z} in {took / 60:.1f} min ({mode}; each figure the "
        f"median of {repeat} runs unless said; floors measured in the same run).",
        "",
        f"Machine: {machine()[0]}. Load average before: {load_before}; after: {load_after} "
        "(the machine is shared: compare ratios to the floors rather than absolute times).",
        f"Database cases: {'PostgreSQL ' + postgres_version(postgres) if postgres else 'not run (no --postgres)'}.",
        "",
        "| area | what | scale | median | floor | floor median | ratio | goal | met | growth |",
        "| --- | --- | --- | ---: | --- | ---: | ---: | --- | --- | --- |",
    ]
    for index, row in enumerate(rows):
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        what = row.what + (f" ({row.note})" if row.note else "")
        lines.append(f"| {row.area} | {what} | {row.scale} | {seconds_text(row.seconds)} | {row.floor or '—'} | "
                     f"{seconds_text(row.floor_seconds)} | {ratio} | {row.goal or '—'} | {met} | "
                     f"{grown.get(index, '')} |")
    lines += ["", "Growth: time per unit (indicator, text, evaluation) at the larger size ÷ at the smallest; "
              "1.00× is linear, below is better than linear.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def postgres_version(url: str | None) -> str:
    if not url:
        return ""
    try:
        with _admin(url) as admin:
            return admin.execute("SHOW server_version").fetchone()[0]
    except Exception:  # noqa: BLE001 - only for the header
        return "?"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI (a few minutes)")
    parser.add_argument("--repeat", type=int, default=None, help="runs per figure (default 5; quick 3)")
    parser.add_argument("--postgres", default=os.environ.get("JIXIAO_BENCH_POSTGRES"),
                        help="URL of a PostgreSQL server's maintenance database (scratch databases are made there)")
    parser.add_argument("--load", type=Path, default=HERE / "load" / "last.json", help="the load test's figures")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--only", nargs="*", default=None,
                        help="cases to run: scoring values workbook report generate database jobs load")
    parser.add_argument("--region-reports", type=int, default=2000, metavar="N",
                        help="departments in the region whose reports the jobs case makes (default 2,000)")
    parser.add_argument("--inside-database", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sample", type=int, default=100, help=argparse.SUPPRESS)
    parser.add_argument("--province", type=int, default=4300, metavar="N",
                        help="departments (× 3 years) of the largest province the database figures are measured on, "
                             "also at a tenth and a hundredth of it (default 4,300: about 1,030,000 indicators; "
                             "--quick uses the generated 200)")
    args = parser.parse_args(argv)
    repeat = args.repeat or (3 if args.quick else 5)
    if args.inside_database:
        print(json.dumps(inside_database(repeat, args.sample)))
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.site.settings")
    quick = args.quick
    only = set(args.only or ["scoring", "values", "workbook", "report", "generate", "database", "jobs", "load"])
    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
    started = time.perf_counter()
    rows: list[Row] = []
    steps = [
        ("scoring", lambda: case_scoring([10_000] if quick else [10_000, 100_000, 1_000_000], repeat)),
        ("values", lambda: case_values([20_000] if quick else [20_000, 200_000], repeat)),
        ("workbook", lambda: case_workbook([1_000, 10_000] if quick else [1_000, 10_000, 100_000],
                                           repeat if quick else 3)),
        ("report", lambda: case_report(repeat)),
    ]
    for name, step in steps:
        if name in only:
            log(f"[run_all] {name} …")
            rows += step()
    kept = None
    if "generate" in only:
        log("[run_all] generate …")
        generated, kept = case_generate([200] if quick else [200, 2000], args.postgres)
        rows += generated
    if "database" in only and args.postgres and not quick:
        # provinces of their own at 1×, 10× and 100× (the largest ≥ 1,000,000 indicators by default)
        for departments in (args.province // 100, args.province // 10, args.province):
            log(f"[run_all] database: generating {departments:,} departments × 3 years …")
            province = scratch_database(args.postgres, f"jixiao_bench_province_{departments}")
            env = {**os.environ, "DATABASE_URL": province, "JIXIAO_DATA_DIR": tempfile.mkdtemp()}
            migrate(env)
            seconds, cpu = run_generate(departments, env)
            rows.append(generate_row("PostgreSQL", departments, seconds,
                                     f"CPU {cpu:.1f} s in its processes, the server's not counted",
                                     what=", a province of the database case"))
            log("[run_all] database …")
            rows += case_database(province, repeat, 100)
            drop_database(args.postgres, province)
    elif "database" in only and kept:
        log("[run_all] database …")
        rows += case_database(kept, repeat, 20)
    if kept:
        drop_database(args.postgres, kept)
    if "jobs" in only and args.postgres:
        log("[run_all] jobs …")
        rows += case_region_reports(args.postgres, 20 if quick else args.region_reports)
    if "load" in only:
        rows += case_load(args.load)
    load_after = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
    store = args.output.with_suffix(".json")
    if args.only is not None and store.exists():  # a partial run keeps the other areas' last figures
        # the areas run replace their old figures; the database case adds one generate figure (its province)
        ran = ({row.area for row in rows} - {"generate"}) | ({"database"} if "database" in only else set()) | only
        new = {(row.area, row.what, row.scale) for row in rows}
        kept_rows = [Row(**r) for r in json.loads(store.read_text())
                     if r["area"] not in ran and (r["area"], r["what"], r["scale"]) not in new]
        rows = kept_rows + rows
        order = ["scoring", "values", "workbook", "report", "generate", "database", "jobs", "load"]
        rows.sort(key=lambda r: order.index(r.area) if r.area in order else len(order))
    store.write_text(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=1))
    write_results(rows, args.output, mode="quick" if quick else "full", repeat=repeat, load_before=load_before,
                  load_after=load_after, took=time.perf_counter() - started, postgres=args.postgres,
                  partial=only if args.only is not None else None)
    log(f"[run_all] written {args.output}")
    print(args.output.read_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
