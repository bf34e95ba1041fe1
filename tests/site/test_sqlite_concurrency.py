"""SQLite, the embedded default, keeps readers working while an import writes: the write-ahead log,
IMMEDIATE writes and a busy timeout, for the database in the data folder and for one DATABASE_URL
names alike. A real concurrent run: a writer process imports a large document and holds its
transaction open while another process opens a page: it succeeds at once with the last committed
data. An export, which writes its snapshot, waits for the import's commit instead of failing, and
the import is whole once committed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jixiao.site.env import database_config

WRITER = """
import sys, time
from pathlib import Path
from jixiao.site.bootstrap import setup_django
setup_django()
from django.db import transaction
from jixiao.demo.synthetic import documents
from jixiao.evaluations.services import import_document
from jixiao.orgs.models import SYSTEM

ready, done = Path(sys.argv[1]), Path(sys.argv[2])
doc = next(documents(1, years=(2022,), tasks_per_department=40, indicators_per_task=100))
with transaction.atomic():
    import_document(document=doc, acting_user=SYSTEM)  # thousands of rows: more than SQLite's page cache
    ready.touch()
    deadline = time.monotonic() + 120
    while not done.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
print("committed")
"""

PAGE = """
from jixiao.site.bootstrap import setup_django
setup_django()
from django.conf import settings
from django.test import Client, override_settings
from jixiao.evaluations.models import Evaluation
plain = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain):  # no collectstatic in this data folder
    response = Client(HTTP_HOST="127.0.0.1").get("/")
print(response.status_code, Evaluation.objects.count())
"""


def _run(args, env, timeout=120):
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("where", ["data folder", "DATABASE_URL"])
def test_readers_work_while_an_import_holds_its_transaction(tmp_path, where):
    env = {**os.environ, "JIXIAO_DATA_DIR": str(tmp_path / "data"), "DJANGO_SETTINGS_MODULE": "jixiao.site.settings"}
    env.pop("DATABASE_URL", None)
    if where == "DATABASE_URL":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'named.sqlite3'}"
    loaded = _run(["-m", "jixiao.cli", "demo"], env)
    assert loaded.returncode == 0, loaded.stderr
    ready, done = tmp_path / "ready", tmp_path / "done"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(ready), str(done)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 300
        while not ready.exists():
            assert writer.poll() is None, writer.communicate()[1]
            assert time.monotonic() < deadline, "the import did not finish"
            time.sleep(0.2)
        page = _run(["-c", PAGE], env)
        # An export records its snapshot and the download: a writer, it waits for the import's commit
        # (within the busy timeout) instead of failing with "database is locked".
        exporter = subprocess.Popen([sys.executable, "-m", "jixiao.cli", "export", "--department", "广州市黄埔区工商业联合会",
                                     "--year", "2022", "-o", str(tmp_path / "gsl.xlsx")], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(2)
        assert exporter.poll() is None, "the export did not wait for the import"
    finally:
        done.touch()
        out, err = writer.communicate(timeout=300)
    exported_out, exported_err = exporter.communicate(timeout=120)
    assert exporter.returncode == 0, exported_err[-2000:]
    assert "已导出：2022 年度 广州市黄埔区工商业联合会" in exported_out and (tmp_path / "gsl.xlsx").stat().st_size > 0
    assert page.returncode == 0, page.stderr[-2000:]
    assert page.stdout.split() == ["200", "8"]  # the demo's 8 evaluations: the import not yet committed
    assert writer.returncode == 0 and "committed" in out, err[-2000:]
    after = _run(["-c", PAGE], env)
    assert after.stdout.split() == ["200", "9"]  # and whole once it is


def test_both_sqlite_forms_get_the_same_options(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    default = database_config(tmp_path)["OPTIONS"]
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    named = database_config(tmp_path)["OPTIONS"]
    assert default == named
    assert named["transaction_mode"] == "IMMEDIATE" and named["timeout"] >= 20
    assert "journal_mode=WAL" in named["init_command"]
