"""A cell save in the web grid, with rescoring, on an evaluation of 200 indicators.

Builds its own database in a temporary data directory (or uses JIXIAO_DATA_DIR / DATABASE_URL when
``--keep-env`` is given): the reference department's 2022 evaluation widened to 4 tasks × 50 indicators,
as a draft, and one department staff user. Times, as the median of ``--repeat`` runs:
- the service alone (``evaluations.edits.edit_indicator_cell``: lock, validate, write with history,
  new version, rescore the whole evaluation and store 200 scores, the event);
- the whole request through Django (``POST …/edit/indicators/save/``: the service, then the 200 rows
  the grid redraws, as JSON);
- the editor's page (``GET …/edit/indicators/``, its 200 rows embedded);
- the floor, in the same run: a trivial request through the same stack (``GET /choices.css``).
Prints each time in ms, its ratio to the floor and the query count. Goal (issue 11): < 100 ms server time.

    .venv/bin/python benchmarks/bench_cell_save.py --repeat 15
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from dataclasses import replace
from importlib import resources


def _median_ms(function, repeat: int) -> float:
    from bench_dashboard import _median  # benchmarks/ is the script's folder

    return _median(function, repeat) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="print where the request's time goes")
    parser.add_argument("--keep-env", action="store_true", help="use the database the environment names")
    args = parser.parse_args()
    if not args.keep_env:
        os.environ["JIXIAO_DATA_DIR"] = tempfile.mkdtemp(prefix="jixiao-bench-cell-")
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("JIXIAO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

    from jixiao.site.bootstrap import setup_django

    setup_django(migrate=True)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from jixiao.documents.datafile import load_document
    from jixiao.domain.enums import EvaluationStatus, Role
    from jixiao.evaluations import edits, services
    from jixiao.evaluations.models import Indicator
    from jixiao.orgs.models import SYSTEM, Department, Membership, User

    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    reference = load_document(resources.files("jixiao.demo") / "data" / "440112-gsl-2022.yaml")
    per_task = max(1, args.indicators // 4)
    template = reference.tasks[0].indicators
    tasks = tuple(replace(reference.tasks[t % len(reference.tasks)], code=str(t + 1), projects=(),
                          indicators=tuple(replace(template[i % len(template)], code=f"{t + 1}-{i + 1}")
                                           for i in range(per_task)))
                  for t in range(4))
    document = reference.with_changes(status=EvaluationStatus.DRAFT, tasks=tasks, year=2099 - os.getpid() % 50)
    evaluation = services.import_document(document=document, acting_user=SYSTEM)
    department = Department.objects.get(code=document.department_code)
    user, _ = User.objects.get_or_create(username="bench_staff")
    Membership.objects.get_or_create(user=user, role=Role.DEPARTMENT_STAFF.value, department=department)
    row = Indicator.objects.filter(task__evaluation=evaluation).order_by("id").first()
    count = Indicator.objects.filter(task__evaluation=evaluation).count()

    values = iter(f"{n % 9 + 1}场" for n in range(10**6))

    def service():
        edits.edit_indicator_cell(evaluation=evaluation, acting_user=user, indicator_id=row.pk, field="actual",
                                  value=next(values))

    client = Client()
    client.force_login(user)
    url = reverse("web:department:save", args=[evaluation.pk, "indicators"])

    def request():
        body = json.dumps({"changes": [{"id": row.pk, "field": "actual", "value": next(values)}]})
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 200, response.content[:300]

    def editor():
        assert client.get(reverse("web:department:grid", args=[evaluation.pk, "indicators"])).status_code == 200

    def floor():
        assert client.get(reverse("web:choices_css")).status_code == 200

    for function in (service, request, editor, floor):  # warm up (imports, rule packs, caches)
        function()
    results = {}
    for name, function in (("floor", floor), ("service", service), ("request", request), ("editor", editor)):
        executed = []
        with connection.execute_wrapper(lambda execute, sql, params, many, context: (
                executed.append(sql), execute(sql, params, many, context))[1]):
            function()
        results[name] = (_median_ms(function, args.repeat), len(executed))
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(request)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(35)
    base = results["floor"][0]
    print(f"cell save with rescoring, {count} indicators, {connection.vendor}, median of {args.repeat}")
    for name, label in (("floor", "floor: GET /choices.css"), ("service", "service edit_indicator_cell"),
                        ("request", "POST …/save/ (service + 200 rows JSON)"),
                        ("editor", "GET the editor page (200 rows embedded)")):
        ms, queries = results[name]
        print(f"  {label:44s} {ms:8.1f} ms  ×{ms / base:6.1f} of floor  {queries:3d} queries")
    goal = results["request"][0] < 100
    print(f"goal < 100 ms server time: {'met' if goal else 'NOT met'} ({results['request'][0]:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
