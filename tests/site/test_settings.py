"""Settings come from environment variables that fail loudly; the zh-hans formats are fixed."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.utils import formats, translation

from jixiao.site.env import SettingError, database_config, env_bool, env_int


def test_bad_environment_values_fail_loudly(monkeypatch, tmp_path):
    monkeypatch.setenv("JIXIAO_DEBUG", "maybe")
    with pytest.raises(SettingError, match="JIXIAO_DEBUG.*maybe"):
        env_bool("JIXIAO_DEBUG")
    monkeypatch.setenv("X_WORKERS", "two")
    with pytest.raises(SettingError, match="X_WORKERS.*two"):
        env_int("X_WORKERS", 2)
    monkeypatch.setenv("DATABASE_URL", "mysql://x@y/z")
    with pytest.raises(SettingError, match="DATABASE_URL"):
        database_config(tmp_path)


def test_database_defaults_to_sqlite_in_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_config(tmp_path)
    assert config["ENGINE"].endswith("sqlite3") and config["NAME"] == str(tmp_path / "jixiao.sqlite3")
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jx")
    assert database_config(tmp_path)["ENGINE"] == "django.db.backends.postgresql"


def test_postgresql_connections_compile_no_query(monkeypatch, tmp_path):
    # JIT compilation cost the region dashboard's table ~70 ms per request for a 30 ms query.
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jx")
    assert database_config(tmp_path)["OPTIONS"]["options"] == "-c jit=off"
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jx?options=-c%20work_mem%3D8MB")
    assert database_config(tmp_path)["OPTIONS"]["options"] == "-c work_mem=8MB"  # the URL's own options win


def test_chinese_dates_are_accepted_and_amounts_grouped_by_thousands():
    with translation.override("zh-hans"):
        assert forms.DateField().clean("2025年3月9日") == datetime.date(2025, 3, 9)
        assert formats.number_format(Decimal("1291.73"), 2, use_l10n=True, force_grouping=True) == "1,291.73"


def test_the_ui_has_one_language():
    from django.conf import settings

    assert settings.LANGUAGES == [("zh-hans", "简体中文")]
    assert settings.TIME_ZONE == "Asia/Shanghai"


def test_the_cache_is_each_process_memory_unless_a_redis_url_is_given(monkeypatch):
    from jixiao.site.env import cache_config

    monkeypatch.delenv("JIXIAO_CACHE_URL", raising=False)
    assert cache_config()["BACKEND"].endswith("LocMemCache")
    monkeypatch.setenv("JIXIAO_CACHE_URL", "redis://127.0.0.1:6379/2")
    assert cache_config() == {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                              "LOCATION": "redis://127.0.0.1:6379/2", "KEY_PREFIX": "jixiao"}
    monkeypatch.setenv("JIXIAO_CACHE_URL", "memcached://127.0.0.1:11211")
    with pytest.raises(SettingError, match="JIXIAO_CACHE_URL"):
        cache_config()
