"""PostgreSQL dropping the app's connections while it serves (pg_terminate_backend, as a server restart
does) or refusing connections for a while: a real gunicorn keeps serving. A kept connection the server
dropped is replaced at the next request (CONN_HEALTH_CHECKS); while the database cannot be reached,
pages answer 503 with the Chinese page and the API a Chinese JSON error; once it can again, the same
processes serve normally, with no restart."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL server to drop connections"),
]

SETTINGS = """
from jixiao.site.settings import *  # noqa
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    (tmp_path / "outage_settings.py").write_text(SETTINGS)
    db = connection.settings_dict
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
           "DJANGO_SETTINGS_MODULE": "outage_settings", "PYTHONPATH": str(tmp_path),
           "JIXIAO_DATA_DIR": str(tmp_path / "data"), "JIXIAO_DB_CONNECT_TIMEOUT": "2"}
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "jixiao.site.wsgi:application", "-b",
                                f"127.0.0.1:{port}", "-w", "2", "--threads", "2"], env=env,
                               stdout=subprocess.DEVNULL, stderr=(tmp_path / "gunicorn.log").open("w"))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/login/", timeout=5)
                break
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
                time.sleep(0.2)
        yield base, process
    finally:  # also when it never came up: no server left behind
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def token(db):
    from rest_framework.authtoken.models import Token

    from jixiao.orgs.models import User

    user = User.objects.create_superuser("outage", "outage@example.org", "pw-outage-1")
    return Token.objects.create(user=user).key


def get(url, token=None):
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def terminate_backends():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        return cursor.fetchone()[0]


def allow_connections(allowed: bool):
    """Let the database accept new connections or not (from the server's maintenance database: the
    current one cannot be closed to itself)."""
    import psycopg

    db = connection.settings_dict
    with psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], password=db.get("PASSWORD") or None,
                         dbname="postgres", autocommit=True) as admin:
        admin.execute(f"ALTER DATABASE {connection.ops.quote_name(db['NAME'])} "
                      f"WITH ALLOW_CONNECTIONS {'true' if allowed else 'false'}")


def test_the_app_rides_out_lost_connections_and_an_unreachable_database(server, token):
    base, process = server
    api = base + "/api/evaluations/"
    for _ in range(8):  # every worker and thread holds a kept connection
        assert get(api, token)[0] == 200
    assert terminate_backends() >= 1

    # Dropped connections: replaced at the next request, which succeeds.
    assert [get(api, token)[0] for _ in range(8)] == [200] * 8

    try:
        allow_connections(False)
        terminate_backends()
        status, body, headers = get(api, token)
        assert status == 503 and headers.get("Retry-After") == "10"
        assert json.loads(body) == {"detail": "数据库暂时无法连接，请稍后重试；您已保存的数据不受影响。"}
        status, body, _ = get(base + "/", None)
        assert status == 503 and "数据库暂时无法连接" in body and 'lang="zh-CN"' in body
        assert "Traceback" not in body and "OperationalError" not in body
    finally:
        allow_connections(True)

    assert [get(api, token)[0] for _ in range(8)] == [200] * 8
    assert process.poll() is None  # the same server, never restarted
