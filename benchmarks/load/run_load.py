"""The load test: Locust scenarios against gunicorn on 127.0.0.1 serving a generated province, with wrk
on a trivial view (``/health/``) as the floor, both in the same run.

    # the full version (50 users for 3 minutes on a 2,000-department province), one command:
    python benchmarks/load/run_load.py --database-url postgres://postgres@127.0.0.1:5432/jixiao_load \\
        --generate 2000 --users 50 --time 180s

    # the short version the test suite runs (tests/load/test_load_short.py): 10 users, 20 s

It migrates the database, generates the province when it holds none (``--generate N`` departments ×
3 years), prepares accounts (benchmarks/load/prepare.py), starts gunicorn (``--workers`` processes ×
``--threads``), measures the floor with wrk, runs Locust headless, and writes the p50/p95/p99 of
every page, the throughput and the errors to ``--output`` (benchmarks/load/last.json, which
benchmarks/run_all.py puts in RESULTS.md). Exits 1 when any request failed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETTINGS = """
from jixiao.site.settings import *  # noqa
# Pages link their static files; the load test does not fetch them, so no collectstatic is needed.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
"""
# Pages with a goal (issue 15): p95 in milliseconds.
GOALS = {
    "/evaluations/[id]/edit/indicators/": 300, "/evaluations/[id]/edit/indicators/rows.json": 300,
    "/evaluations/[id]/edit/indicators/save/": 300, "/bureau/inbox/": 300, "/bureau/dashboard/": 300,
    "/public/": 100, "/public/[id]/": 100,
}


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else ""


def machine_cpu() -> tuple[int, int] | None:
    """(busy, total) jiffies of all cores since boot, from /proc/stat."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return None
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def busy_share(before, after) -> float:
    if not before or not after or after[1] == before[1]:
        return 0.0
    return (after[0] - before[0]) / (after[1] - before[1])


_CHILD_CPU: dict[str, float] = {}


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a running process and its children (gunicorn's master
    and workers), from /proc; 0 where /proc is not there."""
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        own = (int(fields[11]) + int(fields[12])) / ticks
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except (OSError, ValueError, IndexError):
        return 0.0
    return own + sum(tree_cpu(int(child)) for child in children)


def children_cpu(name: str) -> float:
    return _CHILD_CPU.get(name, 0.0)


def reap(process, name: str) -> None:
    """Wait for ``process`` and keep the CPU time it and its own children used (user + system)."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    _CHILD_CPU[name] = usage.ru_utime + usage.ru_stime


def database_cpu(url: str) -> float:
    """CPU seconds used so far by the PostgreSQL backends connected to the load test's database (on this
    machine: the server's connections, opened by this run's gunicorn); 0 for SQLite or elsewhere."""
    if not url.startswith("postgres"):
        return 0.0
    try:
        import psycopg

        name = url.rsplit("/", 1)[1].split("?", 1)[0]
        with psycopg.connect(url, connect_timeout=5) as connection:
            pids = [row[0] for row in connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [name])]
    except Exception:  # noqa: BLE001 - a figure beside the results, never a reason to fail the run
        return 0.0
    return sum(tree_cpu(pid) for pid in pids)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(command: list[str], env: dict, what: str) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{what} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def has_province(env: dict) -> bool:
    out = run([sys.executable, "-c", "from jixiao.site.bootstrap import setup_django; setup_django(migrate=True)\n"
               "from jixiao.demo.generate import has_synthetic_data; print(has_synthetic_data())"], env, "migrate")
    return out.strip().endswith("True")


def wait_for(url: str, process, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.2)


def wrk_floor(url: str, seconds: int, connections: int) -> dict | None:
    if not shutil.which("wrk"):
        return None
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True).stdout

    def ms(text: str) -> float:
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    found = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M))
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"p50": ms(found["50"]), "p90": ms(found["90"]), "p99": ms(found["99"]),
            "rps": float(rate.group(1)) if rate else 0.0, "errors": int(errors.group(1)) if errors else 0}


def locust_stats(prefix: Path) -> tuple[dict, dict]:
    requests, total = {}, {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            entry = {"count": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                     "p50": float(row["50%"] or 0), "p95": float(row["95%"] or 0), "p99": float(row["99%"] or 0),
                     "rps": float(row["Requests/s"] or 0)}
            if row["Name"] == "Aggregated":
                total = entry
            else:
                goal = GOALS.get(row["Name"])
                if goal:
                    entry["goal"] = f"p95 < {goal} ms"
                    entry["met"] = entry["p95"] < goal and entry["failures"] == 0
                requests[f"{row['Type']} {row['Name']}"] = entry
    return requests, total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), required=not os.environ.get("DATABASE_URL"))
    parser.add_argument("--generate", type=int, default=2000, help="departments to generate when the database has none")
    parser.add_argument("--departments", type=int, default=50, help="departments with accounts (one user each)")
    parser.add_argument("--users", type=int, default=50)
    # People arrive over a minute, not all in one second: 2 logins a second (each hashes its password,
    # ~0.25 s of CPU) while the first users already work.
    parser.add_argument("--spawn-rate", type=float, default=2)
    parser.add_argument("--time", default="180s")
    parser.add_argument("--cache-url", default="", help="JIXIAO_CACHE_URL of the server (redis://…; emptied "
                        "first); none: each gunicorn worker caches in its own memory")
    parser.add_argument("--pace", type=float, default=1.0, help="think times × this (1: people at work)")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--output", type=Path, default=HERE / "last.json")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="jixiao-load-"))
    (work / "load_settings.py").write_text(SETTINGS)
    env = {**os.environ, "DATABASE_URL": args.database_url, "JIXIAO_DATA_DIR": str(work / "data"),
           "PYTHONPATH": str(work) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "DJANGO_SETTINGS_MODULE": "load_settings", "JIXIAO_LOGIN_MAX_FAILURES": "1000"}
    if args.cache_url:
        import redis

        redis.Redis.from_url(args.cache_url).flushdb()  # a cold cache, as after a deployment
        env["JIXIAO_CACHE_URL"] = args.cache_url
    if not has_province(env):
        print(f"generating {args.generate} departments × 3 years …", file=sys.stderr, flush=True)
        run([sys.executable, "-m", "jixiao.cli", "generate", "--departments", str(args.generate)], env, "generate")
    accounts = work / "accounts.json"
    run([sys.executable, str(HERE / "prepare.py"), "--departments", str(args.departments), "-o", str(accounts)],
        env, "prepare")
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    log = (work / "gunicorn.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "jixiao.site.wsgi:application", "-b",
                               f"127.0.0.1:{port}", "-w", str(args.workers), "-k", "gthread", "--threads",
                               str(args.threads),
                               # Longer than a user's pause between requests: with gunicorn's 2 s a kept
                               # connection closed by the server just as the client reused it was reset.
                               "--keep-alive", "30"], env=env, stdout=log, stderr=log)
    try:
        wait_for(host + "/health/", server)
        load_before = loadavg()
        floor = wrk_floor(host + "/health/", args.wrk_seconds, args.users)
        prefix = work / "locust"
        cpu_before = machine_cpu()
        server_before = tree_cpu(server.pid)
        started = time.perf_counter()
        locust_log = (work / "locust.log").open("w+")
        locust = subprocess.Popen([sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
                                   "-u", str(args.users), "-r", str(args.spawn_rate), "--run-time", args.time,
                                   "--host", host, "--csv", str(prefix), "--only-summary", "--exit-code-on-error", "1",
                                   "--stop-timeout", "60"],  # at the end, users finish the request they are in
                                  env={**env, "JIXIAO_LOAD_ACCOUNTS": str(accounts), "JIXIAO_LOAD_PACE": str(args.pace)},
                                  stdout=locust_log,
                                  stderr=subprocess.STDOUT)
        reap(locust, "locust")
        took = time.perf_counter() - started
        cpu_after = machine_cpu()
        server_cpu = tree_cpu(server.pid) - server_before
        postgres_cpu = database_cpu(args.database_url)  # its connections were opened by this run
        load_after = loadavg()
    finally:
        server.terminate()
        reap(server, "gunicorn")
    locust_log.seek(0)
    locust_err = locust_log.read()
    # CPU seconds of the load generator and of the server (gunicorn's master with its workers), beside
    # the machine's busy share: all on the same cores, Locust's own share is not the server's.
    cpu = {"locust_seconds": round(children_cpu("locust"), 1), "gunicorn_seconds": round(server_cpu, 1),
           "gunicorn_seconds_with_floor": round(children_cpu("gunicorn"), 1),
           "postgres_seconds": round(postgres_cpu, 1),
           "machine_busy": round(busy_share(cpu_before, cpu_after), 2), "cores": os.cpu_count()}
    requests, total = locust_stats(prefix)
    failures = []
    if Path(f"{prefix}_failures.csv").exists():
        with open(f"{prefix}_failures.csv", encoding="utf-8") as handle:
            failures = list(csv.DictReader(handle))
    result = {
        "scale": f"{args.users} users, {args.time}, {len(json.loads(accounts.read_text())['staff'])} departments "
                 f"editing; think times ×{args.pace:g}; gunicorn {args.workers}×{args.threads} threads; "
                 f"{'Redis' if args.cache_url else 'per-process memory'} cache; "
                 f"{'PostgreSQL' if args.database_url.startswith('postgres') else 'SQLite'}",
        "floor_name": "wrk on /health/ (trivial view)", "floor": floor,
        "floor_p95": floor["p90"] if floor else None,
        "requests": requests, "total": total, "failures": failures[:50], "seconds": round(took, 1),
        "machine_load": load_after, "machine_load_before": load_before, "cpu": cpu,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{'request':<58}{'count':>7}{'fail':>6}{'p50':>7}{'p95':>7}{'p99':>7}  goal")
    for name, s in sorted(requests.items()):
        verdict = "" if "goal" not in s else f"  {s['goal']}: {'met' if s['met'] else 'NOT met'}"
        print(f"{name:<58}{s['count']:>7}{s['failures']:>6}{s['p50']:>7.0f}{s['p95']:>7.0f}{s['p99']:>7.0f}{verdict}")
    print(f"total: {total.get('count', 0)} requests, {total.get('failures', 0)} failures, "
          f"{total.get('rps', 0):.1f} requests/s")
    if floor:
        print(f"floor (wrk /health/, {args.users} connections): p50 {floor['p50']:.2f} ms, p90 {floor['p90']:.2f} ms, "
              f"p99 {floor['p99']:.2f} ms, {floor['rps']:.0f} requests/s")
    for failure in failures[:10]:
        print(f"FAILED {failure.get('Method')} {failure.get('Name')}: {failure.get('Error')} "
              f"({failure.get('Occurrences')}×)", file=sys.stderr)
    print(f"CPU: Locust {cpu['locust_seconds']} s, gunicorn {cpu['gunicorn_seconds']} s, PostgreSQL "
          f"{cpu['postgres_seconds']} s (with the floor's) in {took:.0f} s on "
          f"{cpu['cores']} cores; machine busy {cpu['machine_busy']:.0%}; load average {load_before} → {load_after}")
    if locust.returncode and not failures:
        print(locust_err[-3000:], file=sys.stderr)
    if failures:  # the server's side of it, kept beside the figures
        kept = args.output.with_suffix(".gunicorn.log")
        shutil.copy(work / "gunicorn.log", kept)
        print(f"gunicorn log: {kept}", file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)
    return 1 if total.get("failures") or failures or not total.get("count") else 0


if __name__ == "__main__":
    raise SystemExit(main())
