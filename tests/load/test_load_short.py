"""The short load test: the Locust scenarios (log in, the grid and its edits, upload, submit, the
reviewer's inbox, review and return, the dashboard, the public pages) for 20 seconds against a real
gunicorn serving a small generated province on PostgreSQL; fails on any failed request. The full
version is one command (see benchmarks/load/run_load.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the load test serves a province from PostgreSQL"),
]
RUNNER = Path(__file__).resolve().parents[2] / "benchmarks" / "load" / "run_load.py"


def test_a_short_load_run_has_no_failed_request(tmp_path):
    from jixiao.demo.generate import generate_province

    generate_province(30, (2021, 2022, 2023), 4, processes=1)
    db = connection.settings_dict
    output = tmp_path / "load.json"
    done = subprocess.run([sys.executable, str(RUNNER), "--database-url",
                           f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}", "--users", "10",
                           "--departments", "10", "--time", "20s", "--spawn-rate", "8", "--pace", "0.25",
                           "--wrk-seconds", "2", "--workers", "2",
                           "--output", str(output)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(output.read_text())
    assert result["total"]["count"] > 50 and result["total"]["failures"] == 0
    names = {name.split(" ", 1)[1] for name in result["requests"]}
    assert {"/login/ (log in)", "/evaluations/[id]/edit/indicators/save/", "/bureau/inbox/", "/bureau/dashboard/",
            "/public/[id]/"} <= names
