"""Settings from environment variables, through small helpers that fail loudly on a bad value."""

from __future__ import annotations

import os
from pathlib import Path


class SettingError(Exception):
    """An environment variable holds a value that cannot be used."""


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise SettingError(f"环境变量 {name}=“{value}”不是有效的布尔值（应为 true/false、1/0）")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise SettingError(f"环境变量 {name}=“{value}”不是整数") from exc
    if minimum is not None and number < minimum:
        raise SettingError(f"环境变量 {name}={number} 不能小于 {minimum}")
    return number


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """One of ``choices`` (case-insensitive); anything else is refused naming the choices."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    lowered = value.strip().lower()
    if lowered not in choices:
        raise SettingError(f"环境变量 {name}=“{value}”无效（可选：{'、'.join(choices)}）")
    return lowered


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def data_dir() -> Path:
    """Where the SQLite database, the secret key and generated files live (``JIXIAO_DATA_DIR``)."""
    path = Path(env_str("JIXIAO_DATA_DIR", str(Path.cwd() / "data"))).expanduser().resolve()
    return path


# SQLite, the embedded default, with the options that let the pages and exports read while an import
# writes: the write-ahead log (WAL: readers see the last committed state and are never blocked by a
# writer), writes that take the write lock when they begin (IMMEDIATE: a second writer waits its turn
# instead of failing midway) and a busy timeout (seconds a writer waits for another one). synchronous
# stays FULL, SQLite's default: a committed import survives a power cut.
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL"}


def database_config(data_path: Path) -> dict:
    """``DATABASE_URL`` (postgres://… or sqlite:///…) when set, else ``<data dir>/jixiao.sqlite3``; a
    SQLite database, either way, with :data:`SQLITE_OPTIONS`."""
    url = env_str("DATABASE_URL")
    if url is None:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(data_path / "jixiao.sqlite3"),
                "OPTIONS": dict(SQLITE_OPTIONS)}
    import dj_database_url

    if not url.split("://", 1)[0] in {"postgres", "postgresql", "pgsql", "sqlite"}:
        raise SettingError(f"环境变量 DATABASE_URL=“{url}”：只支持 postgres:// 或 sqlite:/// 地址")
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("JIXIAO_DB_CONN_MAX_AGE", 60, minimum=0))
    except ValueError as exc:
        raise SettingError(f"环境变量 DATABASE_URL=“{url}”无法解析：{exc}") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    else:
        # A kept connection the server dropped (restarted, pg_terminate_backend) is replaced at the start
        # of the next request instead of failing it; requests while the server is down get the 503 page.
        config["CONN_HEALTH_CHECKS"] = True
        options = config.setdefault("OPTIONS", {})
        options.setdefault("connect_timeout", env_int("JIXIAO_DB_CONNECT_TIMEOUT", 5, minimum=1))
        # No JIT compilation: PostgreSQL compiles a query it estimates as costly (the region dashboard's
        # table, 2,000 rows) for ~70 ms, more than the query then takes; pages run short queries.
        options.setdefault("options", "-c jit=off")
    return config


def cache_config() -> dict:
    """Django's cache (the public pages' content, keyed by the published version): ``JIXIAO_CACHE_URL``
    redis://… shares one cache between the server's processes (needs the ``redis`` package); unset,
    each process keeps its own in memory, which needs no other service and is as correct (every key
    names the version it was made from, read from the database)."""
    url = env_str("JIXIAO_CACHE_URL")
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jixiao",
                "OPTIONS": {"MAX_ENTRIES": 2000}}
    if url.split("://", 1)[0] not in {"redis", "rediss", "unix"}:
        raise SettingError(f"环境变量 JIXIAO_CACHE_URL=“{url}”：只支持 redis:// 地址")
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "jixiao"}
