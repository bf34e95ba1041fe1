"""Worker processes (``jixiao worker``) on the database backend against one PostgreSQL: two workers
share a job with no chunk done twice and none lost; a killed worker's chunk is taken over and resumes
after the evaluations it had finished. (SQLite's test database lives in memory, out of reach of other
processes; on SQLite the same logic is tested in one process in test_jobs.py.)"""

import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from django.db import connection

from jixiao.domain.enums import EventVerb
from jixiao.events.models import Event
from jixiao.jobs.models import ChunkStatus, Job, JobStatus
from jixiao.jobs.services import start_job
from jixiao.orgs.models import SYSTEM, Region

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="several worker processes need PostgreSQL"),
]
LEASE = 3


@pytest.fixture
def province(settings):
    from jixiao.demo.generate import write_synthetic
    from jixiao.demo.synthetic import documents

    write_synthetic(documents(40, (2022,), seed=3), departments=40)
    settings.JIXIAO_TASK_BACKEND = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return Region.objects.get(code="990000")


@pytest.fixture
def workers(settings, tmp_path):
    db = connection.settings_dict
    env = {**os.environ, "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
           "JIXIAO_TASK_BACKEND": "database", "JIXIAO_JOB_LEASE_SECONDS": str(LEASE),
           "JIXIAO_DATA_DIR": str(settings.DATA_DIR)}
    started = []

    def start(name, *extra):
        process = subprocess.Popen([sys.executable, "-m", "jixiao.cli", "worker", "--interval", "0.2",
                                    "--worker-id", name, *extra], env=env, stdout=subprocess.PIPE,
                                   stderr=(tmp_path / f"{name}.log").open("w"), text=True)
        started.append(process)  # stopped at the end even if it fails to start
        assert "后台工作进程已启动" in process.stdout.readline()
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


def _wait(job, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job not finished: {list(job.chunks.values('index', 'status', 'done', 'worker'))}")


def _rescore_events(job):
    return Counter(Event.objects.filter(verb=EventVerb.RESCORE.value, reason__startswith=f"后台任务 #{job.pk}")
                   .values_list("evaluation_id", flat=True))


def test_two_workers_share_a_job_and_do_each_evaluation_once(province, workers):
    workers("alpha")
    workers("beta")
    time.sleep(1.5)  # both past their start-up delay
    job = start_job(kind="rescore", region=province, year=2022, acting_user=SYSTEM, chunk_size=2)
    job = _wait(job)
    assert job.status == JobStatus.DONE.value and job.total == 40
    chunks = list(job.chunks.all())
    assert {c.status for c in chunks} == {ChunkStatus.DONE.value} and all(c.attempts == 1 for c in chunks)
    assert {c.worker.rsplit(":", 1)[1] for c in chunks} == {"alpha", "beta"}
    items = [item for c in chunks for item in c.items]
    assert _rescore_events(job) == Counter(items)  # every evaluation exactly once, none lost


def test_a_killed_workers_chunk_is_resumed_without_redoing_its_finished_evaluations(province, workers):
    from django_tasks_db.models import DBTaskResult

    doomed = workers("doomed")
    time.sleep(1.5)
    job = start_job(kind="rescore", region=province, year=2022, acting_user=SYSTEM, chunk_size=10)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        running = job.chunks.filter(status=ChunkStatus.RUNNING.value, done__gte=1, done__lte=8).first()
        if running:
            break
        time.sleep(0.02)
    else:
        raise AssertionError("no chunk caught half done")
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.wait(timeout=10)
    running.refresh_from_db()
    finished_before = [item for item, _ in running.done_items]
    assert running.status == ChunkStatus.RUNNING.value and 1 <= len(finished_before) < 10

    time.sleep(LEASE + 1)  # the lease runs out: the chunk's worker is taken for dead
    rescuer = workers("rescuer", "--batch")
    rescuer.wait(timeout=180)
    job = _wait(job, 10)
    assert job.status == JobStatus.DONE.value
    running.refresh_from_db()
    assert running.attempts == 2 and running.worker.endswith(":rescuer")
    assert [item for item, _ in running.done_items][:len(finished_before)] == finished_before
    assert _rescore_events(job) == Counter(item for c in job.chunks.all() for item in c.items)
    lost = DBTaskResult.objects.filter(status="FAILED")
    assert lost.count() == 1 and "LeaseLost" in lost.get().exception_class_path


def test_three_workers_share_a_batch_with_nothing_done_twice_or_lost(province, workers):
    for name in ("w1", "w2", "w3"):
        workers(name)
    time.sleep(1.5)
    job = start_job(kind="rescore", region=province, year=2022, acting_user=SYSTEM, chunk_size=1)
    job = _wait(job)
    chunks = list(job.chunks.all())
    assert job.status == JobStatus.DONE.value and len(chunks) == 40
    assert all(c.status == ChunkStatus.DONE.value and c.attempts == 1 and c.done == 1 for c in chunks)
    assert {c.worker.rsplit(":", 1)[1] for c in chunks} == {"w1", "w2", "w3"}
    assert _rescore_events(job) == Counter(item for c in chunks for item in c.items)


def test_a_job_cancelled_while_workers_run_it_stops_and_keeps_what_was_done(province, workers, capsys):
    from jixiao.cli import main

    workers("one")
    workers("two")
    time.sleep(1.5)
    job = start_job(kind="rescore", region=province, year=2022, acting_user=SYSTEM, chunk_size=4)
    deadline = time.monotonic() + 60
    while job.progress().done < 3:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert main(["jobs", "cancel", str(job.pk)]) == 0
    assert "已请求取消" in capsys.readouterr().out
    job = _wait(job)
    assert job.status == JobStatus.CANCELLED.value
    chunks = list(job.chunks.all())
    done = sum(c.done for c in chunks)
    assert 3 <= done < 40
    assert {c.status for c in chunks} <= {ChunkStatus.DONE.value, ChunkStatus.CANCELLED.value}
    # Exactly what the chunks recorded was re-scored: nothing after the cancellation, nothing twice.
    assert _rescore_events(job) == Counter(item for c in chunks for item, _ in c.done_items)
    time.sleep(1)
    assert sum(c.done for c in job.chunks.all()) == done


def _follow_output(province, workers, *, terminal: bool) -> tuple[int, str]:
    import pty

    workers("progress")
    time.sleep(1.5)
    job = start_job(kind="rescore", region=province, year=2022, acting_user=SYSTEM, chunk_size=5)
    db = connection.settings_dict
    env = {**os.environ, "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
           "JIXIAO_TASK_BACKEND": "database", "COLUMNS": "100"}
    if terminal:
        leader, follower = pty.openpty()
        process = subprocess.Popen([sys.executable, "-m", "jixiao.cli", "jobs", "show", str(job.pk), "--follow"],
                                   env=env, stdout=subprocess.PIPE, stderr=follower)
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        process.wait(timeout=120)
        os.close(leader)
        return process.returncode, b"".join(chunks).decode()
    done = subprocess.run([sys.executable, "-m", "jixiao.cli", "jobs", "show", str(job.pk), "--follow"],
                          env=env, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stderr


def test_following_a_job_prints_plain_lines_when_not_on_a_terminal(province, workers):
    code, err = _follow_output(province, workers, terminal=False)
    lines = err.splitlines()
    assert code == 0 and "\r" not in err and "\x1b" not in err
    assert lines[-1].startswith("[40/40] 100%")
    assert all(line.startswith("[") and "/40]" in line for line in lines)
    assert len(lines) == len(set(lines))  # one line per change


def test_following_a_job_on_a_terminal_draws_a_bar_rewritten_in_place(province, workers):
    code, err = _follow_output(province, workers, terminal=True)
    assert code == 0
    assert "\r[" in err and "█" in err and "40/40 100%" in err and "剩余" in err
