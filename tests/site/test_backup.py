"""``jixiao backup`` / ``jixiao restore``: a round trip gives back every table exactly (history, events,
task results, sessions…) and every uploaded file, on SQLite and on PostgreSQL (run this file with
DATABASE_URL=postgres://…); a backup of another schema version, another kind of database or no backup
at all is refused before anything changes; a database holding data is replaced only when confirmed.
Audit rows (events, history) never expire: nothing in jixiao deletes them."""

from __future__ import annotations

import io
import json
import re
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from jixiao.cli import main
from jixiao.events.models import Event
from jixiao.evaluations.models import Evaluation

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "media")}}}
    return tmp_path / "media"


@pytest.fixture
def loaded(media):
    from jixiao.demo.loader import load_demo
    from jixiao.evaluations.services import rescore_evaluation
    from jixiao.orgs.models import SYSTEM

    load_demo(force=True)
    evaluation = Evaluation.objects.order_by("pk").first()
    rescore_evaluation(evaluation=evaluation, acting_user=SYSTEM, reason="备份测试")  # one more event
    default_storage.save("uploads/2022/自评工作簿.xlsx", ContentFile(b"PK\x03\x04 workbook bytes"))
    default_storage.save("jobs/1/报告.zip", ContentFile(bytes(range(256)) * 40))
    return evaluation


def snapshot() -> dict[str, list[str]]:
    """Every row of every table, as text, sorted (the database's exact content)."""
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            tables[table] = sorted(repr(row) for row in cursor.fetchall())
    return tables


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_round_trip_gives_back_every_table_and_file_exactly(loaded, media, tmp_path, capsys):
    before, uploaded = snapshot(), files(media)
    assert Event.objects.count() > 5 and any(t.startswith("monitoring_historical") and rows
                                              for t, rows in before.items())
    path = tmp_path / "backups" / "全省.tar.gz"
    assert main(["backup", "-o", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"已备份到 {path}" in out and "上传的文件 2 个" in out

    # Life goes on: an evaluation deleted, an event added, a file replaced, another one added.
    from jixiao.evaluations.services import rescore_evaluation
    from jixiao.orgs.models import SYSTEM

    rescore_evaluation(evaluation=loaded, acting_user=SYSTEM, reason="备份之后")
    Evaluation.objects.exclude(pk=loaded.pk).first().delete()
    (media / "uploads/2022/自评工作簿.xlsx").write_bytes(b"changed")
    default_storage.save("later.txt", ContentFile(b"after the backup"))
    assert snapshot() != before

    assert main(["restore", str(path)]) == 2
    err = capsys.readouterr().err
    assert "当前数据库中已有数据" in err and "--replace" in err
    assert main(["restore", str(path), "--replace"]) == 0
    assert "各表行数与备份一致" in capsys.readouterr().out
    assert snapshot() == before
    assert files(media) == uploaded


def _rewritten(path: Path, target: Path, change) -> Path:
    """A copy of a backup with its manifest changed by ``change(manifest)``."""
    with tarfile.open(path) as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            out.addfile(member, io.BytesIO(data) if data is not None else None)
    return target


def test_a_backup_of_another_schema_version_is_refused_before_anything_changes(loaded, tmp_path, capsys):
    path = tmp_path / "b.tar.gz"
    assert main(["backup", "-o", str(path)]) == 0
    newer = _rewritten(path, tmp_path / "newer.tar.gz",
                       lambda m: m["migrations"].append("evaluations.9999_from_the_future"))
    older = _rewritten(path, tmp_path / "older.tar.gz",
                       lambda m: m["migrations"].remove(sorted(m["migrations"])[-1]))
    before = snapshot()
    capsys.readouterr()
    assert main(["restore", str(newer), "--replace"]) == 2
    err = capsys.readouterr().err
    assert "备份的数据库结构版本与当前程序不一致，拒绝恢复" in err
    assert "备份中有、当前程序没有的数据库迁移 1 个：evaluations.9999_from_the_future" in err
    assert main(["restore", str(older), "--replace"]) == 2
    assert re.search(r"当前程序有、备份中没有的数据库迁移 1 个：\w+\.\d{4}_\w+", capsys.readouterr().err)
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    foreign = _rewritten(path, tmp_path / "foreign.tar.gz", lambda m: m.update(vendor=other))
    assert main(["restore", str(foreign), "--replace"]) == 2
    assert "不能直接恢复；请在同类数据库上恢复" in capsys.readouterr().err
    assert snapshot() == before


def test_what_is_not_a_backup_is_refused(db, tmp_path, capsys):
    bogus = tmp_path / "x.tar.gz"
    bogus.write_bytes(b"not a backup at all")
    assert main(["restore", str(bogus)]) == 2
    assert "“x.tar.gz”不是 jixiao 备份文件" in capsys.readouterr().err
    assert main(["restore", str(tmp_path / "missing.tar.gz")]) == 2
    assert "找不到备份文件" in capsys.readouterr().err


def test_a_backup_restores_into_an_empty_database_without_confirmation(loaded, media, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "b.tar.gz"
    assert main(["backup", "-o", str(path)]) == 0
    before = snapshot()
    call_command("flush", interactive=False, verbosity=0)
    assert not Evaluation.objects.exists()
    assert main(["restore", str(path)]) == 0
    assert snapshot() == before


def test_audit_rows_never_expire():
    """No code deletes events or history rows, no setting prunes them, and the admin cannot."""
    from django.conf import settings
    from django.contrib.admin import site

    source = Path(__file__).resolve().parents[2] / "src" / "jixiao"
    pruning = re.compile(r"(Event\.objects[^\n]*\.delete\(|\bhistory\.[^\n]*\.delete\(|clean_old_history|"
                         r"clean_duplicate_history|Historical\w+\.objects[^\n]*\.delete\()")
    offenders = [f"{p.relative_to(source)}:{n}" for p in source.rglob("*.py")
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pruning.search(line)]
    assert offenders == []
    assert not [name for name in dir(settings) if "HISTORY" in name and ("AGE" in name or "RETENTION" in name)]
    event_admin = site.get_model_admin(Event)
    assert not event_admin.has_delete_permission(None) and not event_admin.has_change_permission(None)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner statistics: PostgreSQL (pg_restore)")
def test_a_restored_postgresql_database_has_planner_statistics(loaded, tmp_path, capsys):
    path = tmp_path / "全省.tar.gz"
    assert main(["backup", "-o", str(path)]) == 0
    assert main(["restore", str(path), "--replace"]) == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = %s",
                       [Evaluation._meta.db_table])
        assert cursor.fetchone()[0] is not None  # analysed by the restore, not left to autovacuum's timing
