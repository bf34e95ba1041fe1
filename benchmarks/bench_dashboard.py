"""The finance bureau's region dashboard and inbox over a generated province.

Needs a database filled by ``jixiao generate --departments 2000 --years 2021-2023`` (point
JIXIAO_DATA_DIR or DATABASE_URL at it). Times, as the median of ``--repeat`` runs:
- the dashboard of the whole province for a year (``bureau.selectors.region_dashboard``: the table of
  every department with its funds, last year's score and warnings, and every count), made ready for
  the page (every row as the JSON the charts and the table read);
- the inbox's first page with its tab counts;
- the dashboard page and the inbox page as served (``web/bureau``: the view, the template, the JSON
  payload the charts read; through Django's test client, so server time without the network);
and the floor, measured in the same run: a bare ``SELECT`` of the same evaluation and department
columns (no sums, no subqueries). Prints each time, its ratio to the floor and the query count.
Goal (issue 12): the dashboard in < 1 s server time with a bounded number of queries.

    JIXIAO_DATA_DIR=/path/to/province .venv/bin/python benchmarks/bench_dashboard.py --year 2022
"""

from __future__ import annotations

import argparse
import json
import statistics
import time


def _median(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--region", default="990000")
    parser.add_argument("--year", type=int, default=2022)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from jixiao.site.bootstrap import setup_django

    setup_django(migrate=True)
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from jixiao.bureau.selectors import inbox, inbox_counts, region_dashboard
    from jixiao.evaluations.models import Evaluation
    from jixiao.orgs.models import SYSTEM, Region

    region = Region.objects.get(code=args.region)
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import override_settings

    admin, _ = get_user_model().objects.get_or_create(username="bench_dashboard_admin",
                                                      defaults={"is_superuser": True, "is_staff": True})
    web = Client(SERVER_NAME="127.0.0.1")
    web.force_login(admin)
    plain_static = override_settings(STORAGES={**__import__("django.conf").conf.settings.STORAGES,
                                               "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}})
    plain_static.enable()

    def served(path):
        def get():
            response = web.get(path)
            assert response.status_code == 200, response.status_code
            return len(response.content)
        return get

    dashboard_page = served(f"/bureau/dashboard/?region={region.code}&year={args.year}")
    inbox_served = served(f"/bureau/inbox/?year={args.year}")

    def dashboard():
        board = region_dashboard(SYSTEM, region, args.year)
        payload = {
            "rows": [{"department": r.department_name, "region": r.region_code, "status": r.status_label,
                      "score": str(r.score) if r.score is not None else None, "grade": r.grade, "rank": r.rank,
                      "execution_rate": str(r.execution_rate) if r.execution_rate is not None else None,
                      "gap": str(r.gap) if r.gap is not None else None,
                      "change": str(r.change) if r.change is not None else None, "errors": r.errors}
                     for r in board.rows],
            "status": board.status_counts, "grades": board.grade_counts, "boxes": board.score_boxes(),
            "by_region": [{**r, "average": str(r["average"])} for r in board.by_region],
            "lagging": len(board.lagging()), "not_started": board.not_started,
        }
        return len(json.dumps(payload, ensure_ascii=False)), len(board.rows)

    def inbox_page():
        return list(inbox(SYSTEM, year=args.year)[:50]), inbox_counts(SYSTEM, args.year)

    def floor():
        return list(Evaluation.objects.filter(department__region_id__in=region.descendant_ids(), year=args.year,
                                              kind="department")
                    .values_list("department__code", "department__name", "department__region__code", "pk",
                                 "status", "score_total", "score_grade", "stated_total", "error_count"))

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        size, rows = dashboard()
    dashboard_queries = len(queries)
    with CaptureQueriesContext(connection) as queries:
        inbox_page()
    inbox_queries = len(queries)
    with CaptureQueriesContext(connection) as queries:
        page_size = dashboard_page()
    page_queries = len(queries)
    with CaptureQueriesContext(connection) as queries:
        inbox_served()
    inbox_page_queries = len(queries)
    floor()  # warm the cache the same way for all
    floor_time = _median(floor, args.repeat)
    dashboard_time = _median(dashboard, args.repeat)
    inbox_time = _median(inbox_page, args.repeat)
    page_time = _median(dashboard_page, args.repeat)
    inbox_served_time = _median(inbox_served, args.repeat)
    print(f"database: {connection.vendor}; region {region.code}, year {args.year}: {rows} departments")
    print(f"floor (bare SELECT of the same columns): {floor_time * 1000:8.1f} ms")
    print(f"dashboard (table + counts + JSON, {size} bytes): {dashboard_time * 1000:8.1f} ms  "
          f"ratio {dashboard_time / floor_time:5.1f}×  queries {dashboard_queries}  goal < 1000 ms "
          f"{'met' if dashboard_time < 1 else 'NOT met'}")
    print(f"inbox (first 50 + tab counts): {inbox_time * 1000:8.1f} ms  ratio {inbox_time / floor_time:5.1f}×  "
          f"queries {inbox_queries}")
    print(f"dashboard page as served ({page_size} bytes): {page_time * 1000:8.1f} ms  ratio {page_time / floor_time:5.1f}×  "
          f"queries {page_queries}  goal < 1000 ms {'met' if page_time < 1 else 'NOT met'}")
    print(f"inbox page as served: {inbox_served_time * 1000:8.1f} ms  ratio {inbox_served_time / floor_time:5.1f}×  "
          f"queries {inbox_page_queries}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
