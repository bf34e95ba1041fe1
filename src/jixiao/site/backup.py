"""Backup and restore of a whole installation: the database (every table, history and events
included) and the uploaded files under the data folder, in one ``.tar.gz``.

- SQLite: SQLite's online backup API (readers and writers keep working while it copies);
- PostgreSQL: ``pg_dump --format=custom`` / ``pg_restore --clean --single-transaction``.

The archive holds ``manifest.json`` (the schema version: every migration applied to the database
backed up, the database kind, the number of rows of each table), the database (``database.sqlite3``
or ``database.pgdump``) and ``media/``. A backup restores only on a jixiao whose migrations are
exactly the backup's (Zulip's rule: a backup is for exact restoration on the same version); restore
checks that before touching anything, and after restoring checks every table's row count.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction

from jixiao import __version__

FORMAT = "jixiao-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """Backup or restore refused or failed; the message says why, in Chinese."""


@dataclass(frozen=True)
class Summary:
    path: Path
    tables: int
    rows: int
    files: int
    vendor: str
    migrations: int


# --- what the database holds ------------------------------------------------------------------

def applied_migrations(using: str = "default") -> list[str]:
    """``app.name`` of every migration applied to the database (sorted)."""
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return []
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def code_migrations() -> list[str]:
    """``app.name`` of every migration this jixiao ships (what its database must have applied)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    replaced = {key for migration in loader.disk_migrations.values() for key in migration.replaces}
    return sorted(f"{app}.{name}" for app, name in loader.disk_migrations if (app, name) not in replaced)


def table_counts(using: str = "default") -> dict[str, int]:
    """Rows of every table of the database (Django's and the apps', history and events included)."""
    conn = connections[using]
    counts = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def media_root() -> Path:
    return Path(settings.STORAGES["default"]["OPTIONS"]["location"])


def _vendor(using: str = "default") -> str:
    vendor = connections[using].vendor
    if vendor not in DUMPS:
        raise BackupError(f"不支持备份 {vendor} 数据库（只支持 SQLite 和 PostgreSQL）")
    return vendor


def _pg_env(using: str = "default") -> tuple[dict, list[str]]:
    """Environment and connection options of pg_dump / pg_restore for the configured database."""
    db = connections[using].settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args.append(f"{option}={db[key]}")
    return env, [*args, f"--dbname={db['NAME']}"]


def _run(command: list[str], env: dict, what: str) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"找不到 {command[0]}：PostgreSQL 数据库的{what}需要 PostgreSQL 客户端程序"
                          f"（Debian：apt-get install postgresql-client）")
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{what}失败（{command[0]} 退出码 {done.returncode}）：{done.stderr.strip()[-2000:]}")


# --- backup ---------------------------------------------------------------------------------

def default_name() -> str:
    return f"jixiao-backup-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"


def backup(output: str | Path, *, using: str = "default") -> Summary:
    """Write the database and the uploaded files to ``output`` (a ``.tar.gz``)."""
    output = Path(output)
    vendor = _vendor(using)
    if output.exists() and output.is_dir():
        output = output / default_name()
    output.parent.mkdir(parents=True, exist_ok=True)
    migrations = applied_migrations(using)
    if not migrations:
        raise BackupError("数据库尚未建立（没有已执行的迁移），没有可备份的内容")
    with tempfile.TemporaryDirectory(prefix="jixiao-backup-", dir=output.parent) as work:
        dump = Path(work) / DUMPS[vendor]
        # The counts are of the very moment dumped, while the site keeps working: SQLite's copy is one
        # consistent snapshot, counted afterwards; pg_dump reads the snapshot of the transaction counting.
        if vendor == "sqlite":
            _sqlite_copy(connections[using], dump)
            counts = _sqlite_counts(dump)
        else:
            with transaction.atomic(using=using), connections[using].cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                counts = table_counts(using)
                env, target = _pg_env(using)
                _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                      f"--file={dump}", *target], env, "备份")
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION, "jixiao_version": __version__,
            "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "vendor": vendor, "migrations": migrations, "tables": counts,
            "files": [str(p.relative_to(media_root())) for p in _media_files()],
        }
        tmp = output.with_name(output.name + ".partial")
        with tarfile.open(tmp, "w:gz", compresslevel=1) as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=DUMPS[vendor])
            for path in _media_files():
                archive.add(path, arcname=f"media/{path.relative_to(media_root()).as_posix()}")
        tmp.replace(output)  # a backup cut short never takes the name of a finished one
    return Summary(output, len(counts), sum(counts.values()), len(manifest["files"]), vendor, len(migrations))


def _media_files() -> list[Path]:
    root = media_root()
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def _sqlite_copy(conn, target: Path) -> None:
    conn.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        conn.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        copy.close()


def _sqlite_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        tables = [row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        db.close()


# --- restore --------------------------------------------------------------------------------

def read_manifest(path: str | Path) -> dict:
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"找不到备份文件“{path}”")
    try:
        with tarfile.open(path, "r:*") as archive:
            member = archive.extractfile(MANIFEST)
            manifest = json.loads(member.read()) if member else None
    except (tarfile.TarError, KeyError, OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"“{path.name}”不是 jixiao 备份文件（应由 jixiao backup 生成）")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"“{path.name}”的备份格式版本为 {manifest.get('format_version')}，"
                          f"本程序只能恢复版本 {FORMAT_VERSION}")
    return manifest


def check_restorable(manifest: dict, *, using: str = "default") -> None:
    """Refuse a backup of another schema version, or of another kind of database, before anything changes."""
    vendor = _vendor(using)
    if manifest["vendor"] != vendor:
        raise BackupError(f"该备份来自 {VENDOR_NAMES.get(manifest['vendor'], manifest['vendor'])} 数据库，"
                          f"当前数据库为 {VENDOR_NAMES[vendor]}，不能直接恢复；请在同类数据库上恢复")
    ours, theirs = set(code_migrations()), set(manifest["migrations"])
    if ours != theirs:
        only_backup, only_code = sorted(theirs - ours), sorted(ours - theirs)
        lines = [f"备份的数据库结构版本与当前程序不一致，拒绝恢复（备份由 jixiao {manifest.get('jixiao_version', '?')} "
                 f"于 {manifest.get('created_at', '?')} 生成，当前为 jixiao {__version__}）。"]
        if only_code:
            lines.append(f"当前程序有、备份中没有的数据库迁移 {len(only_code)} 个：{'、'.join(only_code[:10])}"
                         + ("等" if len(only_code) > 10 else ""))
        if only_backup:
            lines.append(f"备份中有、当前程序没有的数据库迁移 {len(only_backup)} 个：{'、'.join(only_backup[:10])}"
                         + ("等" if len(only_backup) > 10 else ""))
        lines.append("请使用生成该备份的 jixiao 版本恢复，恢复后再升级。")
        raise BackupError("\n".join(lines))


def existing_data(using: str = "default") -> dict[str, int]:
    """What the target database already holds that a restore would replace (empty: nothing)."""
    if not applied_migrations(using):
        return {}
    from django.contrib.auth import get_user_model

    from jixiao.evaluations.models import Evaluation

    held = {"用户": get_user_model().objects.using(using).count(),
            "自评": Evaluation.objects.using(using).count()}
    return {k: v for k, v in held.items() if v}


def restore(path: str | Path, *, replace: bool = False, using: str = "default") -> Summary:
    """Replace the database and the uploaded files by the backup's. Refuses, before changing anything,
    a file that is not a backup, a backup of another schema version or database kind, and a database
    holding data unless ``replace``."""
    path = Path(path)
    manifest = read_manifest(path)
    check_restorable(manifest, using=using)
    held = existing_data(using)
    if held and not replace:
        what = "、".join(f"{k} {v} 个" if k == "用户" else f"{k} {v} 份" for k, v in held.items())
        raise BackupError(f"当前数据库中已有数据（{what}）；恢复会用备份替换全部数据和上传的文件，确认请加 --replace")
    vendor = manifest["vendor"]
    media = media_root()
    media.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="jixiao-restore-", dir=media.parent) as work:
        work = Path(work)
        with tarfile.open(path, "r:*") as archive:
            try:
                archive.extractall(work, filter="data")
            except (tarfile.TarError, OSError, EOFError) as exc:
                raise BackupError(f"备份文件“{path.name}”已损坏，无法读取：{exc}") from None
        dump = work / DUMPS[vendor]
        if not dump.is_file():
            raise BackupError(f"备份文件“{path.name}”中缺少数据库（{DUMPS[vendor]}）")
        if vendor == "sqlite":
            _sqlite_restore(connections[using], dump)
        else:
            connections[using].close()
            env, target = _pg_env(using)
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                  "--exit-on-error", *target, str(dump)], env, "恢复")
            _analyze(using)
        _swap_media(work / "media", media)
    connections[using].close()
    counts = table_counts(using)
    wrong = {t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n}
    if wrong:
        detail = "、".join(f"{t}（备份 {n} 行，恢复后 {m} 行）" for t, (n, m) in list(wrong.items())[:10])
        raise BackupError(f"恢复后的数据与备份不符：{detail}")
    return Summary(path, len(counts), sum(counts.values()), len(manifest["files"]), vendor,
                   len(manifest["migrations"]))


def _analyze(using: str) -> None:
    """pg_dump carries no planner statistics: without them the restored province's per-evaluation queries
    scan the whole indicator table (measured 153 ms against 19 ms after ANALYZE, 43 departments)."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")


def _sqlite_restore(conn, dump: Path) -> None:
    conn.close()
    conn.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(conn.connection)  # one write transaction on the live database: all or nothing
    finally:
        source.close()
    conn.close()


def _swap_media(new: Path, media: Path) -> None:
    new.mkdir(exist_ok=True)
    old = media.with_name(media.name + ".before-restore")
    if old.exists():
        shutil.rmtree(old)
    if media.exists():
        media.rename(old)
    new.rename(media)
    if old.exists():
        shutil.rmtree(old)

