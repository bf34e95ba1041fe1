"""A process killed in the middle of an import, a batch of imports or a status change leaves the
database with all of the change or none of it, and the work can be done again afterwards; on SQLite
(a database file, its write-ahead log recovered at the next open) and on PostgreSQL (run this file
with DATABASE_URL=postgres://…). The kill comes at the worst moment the code has: every row written,
the event that closes the transaction about to be (``record_event`` is made to stall there); and at
random moments of a large import. (A batch of jobs killed half-way is in tests/jobs/test_workers.py.)"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = r"""
import json, sys, time
from pathlib import Path
from jixiao.site.bootstrap import setup_django
setup_django(migrate=True)
from jixiao.demo.synthetic import documents
from jixiao.evaluations import services
from jixiao.evaluations.models import Evaluation, Indicator
from jixiao.events.models import Event
from jixiao.orgs.models import SYSTEM

step, signal_file = sys.argv[1], Path(sys.argv[2])
real_record_event = services.record_event
calls = {"n": 0}

def stall_at(n):
    def stalled(**kwargs):
        calls["n"] += 1
        if calls["n"] >= n:  # every row of the change written, its closing event not yet
            signal_file.touch()
            time.sleep(600)
        return real_record_event(**kwargs)
    services.record_event = stalled

def big(seed, departments=1):
    return list(documents(departments, years=(2024,), seed=seed, tasks_per_department=30, indicators_per_task=60))

if step == "prepare":
    from jixiao.demo.generate import write_synthetic
    write_synthetic(documents(4, (2022,), seed=3), departments=4)
elif step == "import":
    stall_at(1)
    services.import_document(document=big(11)[0], acting_user=SYSTEM)
elif step == "batch":
    stall_at(3)  # two documents of the batch written whole, the third's event pending
    services.import_documents(documents=big(12, departments=3), acting_user=SYSTEM)
elif step == "batch-whole":
    services.import_documents(documents=big(12, departments=3), acting_user=SYSTEM)
elif step == "import-random":
    signal_file.touch()
    services.import_document(document=big(13)[0], acting_user=SYSTEM)
elif step == "status":
    stall_at(1)
    evaluation = Evaluation.objects.filter(status="submitted").order_by("pk").first()
    services.return_evaluation(evaluation=evaluation, acting_user=SYSTEM, reason="故障测试：退回")
elif step == "count":
    print(json.dumps({"evaluations": Evaluation.objects.count(), "indicators": Indicator.objects.count(),
                      "events": Event.objects.count(),
                      "statuses": sorted(Evaluation.objects.values_list("status", flat=True)),
                      "y2024": Evaluation.objects.filter(year=2024).count()}))
print("finished")
"""


@pytest.fixture
def run(tmp_path):
    """Run a step of SCRIPT in its own process against a database the test can also reach."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    else:  # the test's SQLite database lives in memory: the processes share a file instead
        url = f"sqlite:///{tmp_path / 'faults.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "JIXIAO_DATA_DIR": str(tmp_path / "data"),
           "DJANGO_SETTINGS_MODULE": "jixiao.site.settings"}
    script = tmp_path / "step.py"
    script.write_text(SCRIPT)

    def step(name, *, kill_when=None, kill_after=None):
        signal_file = tmp_path / f"{name}.signal"
        process = subprocess.Popen([sys.executable, str(script), name, str(signal_file)], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if kill_when or kill_after is not None:
            deadline = time.monotonic() + 180
            while not signal_file.exists():
                assert process.poll() is None, process.stderr.read()
                assert time.monotonic() < deadline
                time.sleep(0.01)
            time.sleep(kill_after or 0)
            os.kill(process.pid, signal.SIGKILL)
        out, err = process.communicate(timeout=180)
        if not (kill_when or kill_after is not None):
            assert process.returncode == 0, err
        return out

    step("prepare")
    return step


def counts(run):
    return json.loads(run("count").splitlines()[0])


@pytest.mark.parametrize("step", ["import", "batch"])
def test_an_import_killed_before_its_commit_leaves_nothing_and_can_be_done_again(run, step):
    before = counts(run)
    run(step, kill_when="stalled")
    assert counts(run) == before
    again = {"import": "import-random", "batch": "batch-whole"}[step]
    run(again)
    after = counts(run)
    assert after["y2024"] == (1 if step == "import" else 3) and after["events"] > before["events"]


def test_a_status_change_killed_before_its_commit_leaves_the_status_and_no_event(run):
    before = counts(run)
    run("status", kill_when="stalled")
    assert counts(run) == before


def test_an_import_killed_at_random_moments_is_all_or_nothing(run):
    before = counts(run)
    whole = None
    for attempt in range(3):
        run("import-random", kill_after=random.uniform(0.2, 3.0))
        now = counts(run)
        if now["y2024"]:  # the kill came after the commit: all of it is there
            whole = now
            break
        assert now == before
    if whole is None:
        run("import-random")
        whole = counts(run)
    assert whole["y2024"] == 1 and whole["indicators"] - before["indicators"] >= 30 * 40
    assert whole["events"] > before["events"]
