"""Per-request server cost of each page of the load scenario, one request at a time (no concurrency):
wall time, CPU time and the number of SQL queries per page, through Django's test client on the same
database the load test serves (a generated province, benchmarks/load/prepare.py's accounts).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/load_bench \\
        python benchmarks/load/profile_pages.py [--repeat 10] [--profile '/bureau/inbox/']

With ``--profile NAME`` the page of that name is run under cProfile and the top functions printed.
This is a diagnostic: it tells which pages can possibly meet the load goals (a page that costs 300 ms
of CPU alone cannot have a p95 under 300 ms with 50 users on 2 cores)."""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def pages(accounts: dict) -> list[tuple[str, str, str, dict]]:
    """(name, who, method url, extra) of each page, as the locustfile asks for them."""
    staff = accounts["staff"][0]
    pk = staff["evaluation"]
    published = accounts["published"][0] if accounts["published"] else None
    found = [
        ("/my/", "staff", "GET", "/my/", {}),
        ("/evaluations/[id]/edit/indicators/", "staff", "GET", f"/evaluations/{pk}/edit/indicators/", {}),
        ("/evaluations/[id]/edit/indicators/rows.json", "staff", "GET",
         f"/evaluations/{pk}/edit/indicators/rows.json", {}),
        ("/evaluations/[id]/edit/indicators/save/", "staff", "SAVE", f"/evaluations/{pk}/edit/indicators/save/", {}),
        ("/evaluations/[id]/files/", "staff", "GET", f"/evaluations/{pk}/files/", {}),
        ("/evaluations/[id]/files/download/workbook/", "staff", "GET", f"/evaluations/{pk}/files/download/workbook/", {}),
        ("/bureau/inbox/", "reviewer", "GET", "/bureau/inbox/", {}),
        ("/bureau/evaluations/[id]/", "reviewer", "GET", f"/bureau/evaluations/{pk}/", {}),
        ("/bureau/dashboard/", "reviewer", "GET", f"/bureau/dashboard/?year={accounts['year']}", {}),
        ("/public/", "anonymous", "GET", "/public/", {}),
        ("/login/ (page)", "anonymous", "GET", "/login/", {}),
    ]
    if published:
        found.append(("/public/[id]/", "anonymous", "GET", f"/public/{published}/", {}))
    return [(name, who, method, url) for name, who, method, url, _ in found]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--profile", default="", help="name of a page to run under cProfile")
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from jixiao.site.bootstrap import setup_django

    setup_django()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from jixiao.orgs.models import User
    from prepare import prepare

    accounts = prepare(5)
    clients = {"anonymous": Client(HTTP_HOST="127.0.0.1")}
    for who, username in (("staff", accounts["staff"][0]["username"]), ("reviewer", accounts["reviewer"])):
        clients[who] = Client(HTTP_HOST="127.0.0.1")
        clients[who].force_login(User.objects.get(username=username))
    rows = json.loads(clients["staff"].get(pages(accounts)[2][3]).content)["rows"]
    print(f"{'page':<48}{'wall ms':>9}{'cpu ms':>9}{'sql ms':>9}{'queries':>9}{'bytes':>9}")
    for name, who, method, url in pages(accounts):
        if args.only and args.only not in name:
            continue
        client = clients[who]

        def request():
            if method == "SAVE":
                row = rows[0]
                return client.post(url, data=json.dumps({"changes": [{"id": row["id"], "field": "actual",
                                                                       "value": row.get("actual"),
                                                                       "old": row.get("actual")}]}),
                                   content_type="application/json")
            return client.get(url)

        response = request()  # warm
        assert response.status_code == 200, (name, response.status_code)
        walls, cpus, sqls = [], [], []
        for _ in range(args.repeat):
            w, c = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as queries:
                response = request()
            walls.append((time.perf_counter() - w) * 1000)
            cpus.append((time.process_time() - c) * 1000)
            sqls.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        print(f"{name:<48}{statistics.median(walls):>9.1f}{statistics.median(cpus):>9.1f}{statistics.median(sqls):>9.1f}"
              f"{len(queries.captured_queries):>9}{len(response.content):>9}")
        if os.environ.get("SHOW_QUERIES"):
            for q in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:int(os.environ["SHOW_QUERIES"])]:
                print(f"    {float(q['time']) * 1000:7.1f} ms  {q['sql'][:400]}")
        if args.profile and args.profile == name:
            profile = cProfile.Profile(time.process_time)  # CPU, not the wall time of a shared machine
            profile.enable()
            for _ in range(3):
                request()
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(int(os.environ.get("TOP", "45")))
            print(out.getvalue())
        reset_queries()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
