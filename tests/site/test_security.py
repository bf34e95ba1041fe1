"""Deployment settings: one setting (JIXIAO_HTTPS) for HSTS, the HTTPS redirect and secure cookies, so
``manage.py check --deploy`` is clean of W004/W008/W012/W016; a Content-Security-Policy on every page
that the app's own pages satisfy; sessions that end after a working day of inactivity."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from jixiao.site import csp, sessions

pytestmark = pytest.mark.usefixtures("plain_static_storage")  # pages rendered without collectstatic
SRC = Path(__file__).resolve().parents[2] / "src" / "jixiao"
# W012 (secure session cookie) is reported as W010 with a session middleware of our own (jixiao.site.sessions).
HTTPS_WARNINGS = ("security.W004", "security.W008", "security.W010", "security.W012", "security.W016")


def _check_deploy(tmp_path, **env) -> str:
    environment = {**os.environ, "JIXIAO_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "jixiao.site.settings",
                   **env}
    environment.pop("JIXIAO_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "django", "check", "--deploy"], env=environment,
                          capture_output=True, text=True, timeout=120)
    return done.stdout + done.stderr


def test_https_setting_makes_check_deploy_clean_of_the_https_warnings(tmp_path):
    served_over_http = _check_deploy(tmp_path)  # the local demo on http://127.0.0.1:8000
    assert set(re.findall(r"security\.W\d+", served_over_http)) == {"security.W004", "security.W008", "security.W010",
                                                                     "security.W016"}
    over_https = _check_deploy(tmp_path, JIXIAO_HTTPS="true")
    assert not [code for code in HTTPS_WARNINGS if code in over_https], over_https
    # What remains is chosen and documented: HSTS for subdomains and browser preload are left off.
    assert set(re.findall(r"security\.W\d+", over_https)) <= {"security.W005", "security.W021"}
    with_subdomains = _check_deploy(tmp_path, JIXIAO_HTTPS="true", JIXIAO_HSTS_INCLUDE_SUBDOMAINS="true")
    assert set(re.findall(r"security\.W\d+", with_subdomains)) == {"security.W021"}


def test_https_settings_read_from_the_environment(tmp_path):
    script = ("from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
              "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_AGE)")

    def settings_with(**env):
        environment = {**os.environ, "JIXIAO_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "jixiao.site.settings",
                       **env}
        done = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + script], env=environment,
                              capture_output=True, text=True, timeout=120)
        return done.stdout.strip() or done.stderr

    assert settings_with() == "False 0 False False None 28800"
    assert settings_with(JIXIAO_HTTPS="true") == "True 31536000 True True None 28800"
    assert settings_with(JIXIAO_HTTPS="1", JIXIAO_BEHIND_PROXY="true", JIXIAO_SESSION_HOURS="4") == (
        "True 31536000 True True ('HTTP_X_FORWARDED_PROTO', 'https') 14400")
    assert "JIXIAO_HTTPS=“maybe”不是有效的布尔值" in settings_with(JIXIAO_HTTPS="maybe")


# --- Content-Security-Policy --------------------------------------------------------------------

def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


@pytest.mark.parametrize("url", ["/", "/login/", "/admin/login/", "/api/docs/", "/api/redoc/", "/api/schema/"])
def test_every_page_carries_the_policy(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["img-src"] == ["'self'", "data:"] and policy["connect-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive] and "'unsafe-eval'" not in policy[directive]
        assert not [source for source in policy[directive] if "://" in source or source == "*"]


def test_an_inline_script_runs_only_with_the_nonce_of_its_response(client, db):
    docs = client.get("/api/docs/")
    nonce = next(source for source in _policy(docs)["script-src"] if source.startswith("'nonce-"))[7:-1]
    html = docs.content.decode()
    inline = re.findall(r"<(script|style)( [^>]*)?>(?!\s*</)", html)
    assert inline and all(f'nonce="{nonce}"' in attributes or "src=" in attributes for _, attributes in inline)
    again = _policy(client.get("/api/docs/"))["script-src"]
    assert f"'nonce-{nonce}'" not in again  # a new one for each response
    assert not [s for s in _policy(client.get("/"))["script-src"] if s.startswith("'nonce-")]  # none when unused


def test_a_view_can_carry_a_policy_of_its_own(rf):
    from django.http import HttpResponse

    view = csp.csp_override({"default-src": [csp.NONE]})(lambda request: HttpResponse("x"))
    response = csp.ContentSecurityPolicyMiddleware(view)(rf.get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'"


TEMPLATE_DIRS = [SRC / "web" / "templates", SRC / "site" / "templates"]


def test_the_projects_own_templates_have_no_inline_code_without_the_nonce():
    """Pages of the app (not the downloadable report file, which is a standalone document)."""
    templates = [path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html")]
    assert len(templates) >= 5
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for tag, attributes in re.findall(r"<(script|style)\b([^>]*)>", text):
            assert "src=" in attributes or "csp_nonce" in attributes, f"{path.name}: inline <{tag}> without the nonce"
        assert not re.search(r"\sstyle=\"", text), f"{path.name}: a style attribute"
        assert not re.search(r"\son[a-z]+=\"", text), f"{path.name}: an inline event handler"


# --- sessions -----------------------------------------------------------------------------------

@pytest.fixture
def signed_in(client, personas):
    client.force_login(personas["reviewer"])
    return client


def _stored(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def _hours_left(session: Session) -> float:
    return (session.expire_date - timezone.now()).total_seconds() / 3600


def test_a_session_lasts_a_working_day_not_two_weeks(signed_in):
    signed_in.get("/")
    assert 7.9 < _hours_left(_stored(signed_in)) <= 8


def _age(client, *, idle_hours: float, since_refresh_seconds: int) -> None:
    """Make the stored session look as if its user had been away ``idle_hours`` and last refreshed
    ``since_refresh_seconds`` ago."""
    session = client.session
    session[sessions.REFRESHED_KEY] = int(timezone.now().timestamp()) - since_refresh_seconds
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + timedelta(hours=8 - idle_hours))


def test_activity_moves_the_end_forward_and_a_working_day_of_inactivity_ends_it(signed_in, personas):
    _age(signed_in, idle_hours=5, since_refresh_seconds=5 * 3600)
    assert signed_in.get("/").context["user"] == personas["reviewer"]
    assert _hours_left(_stored(signed_in)) > 7.9  # a working day again from now
    _age(signed_in, idle_hours=8.1, since_refresh_seconds=int(8.1 * 3600))
    assert not signed_in.get("/").context["user"].is_authenticated


def test_pages_do_not_write_the_session_on_every_request(signed_in):
    signed_in.get("/")  # refreshed now
    before = _stored(signed_in).expire_date
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        signed_in.get("/")
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"] and
                q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))]
    assert _stored(signed_in).expire_date == before


def test_a_busy_database_skips_the_refresh_instead_of_failing_the_page(signed_in, monkeypatch, personas):
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import OperationalError

    _age(signed_in, idle_hours=1, since_refresh_seconds=3600)

    def busy(self, must_create=False):
        raise OperationalError("database is locked")

    monkeypatch.setattr(SessionStore, "save", busy)
    response = signed_in.get("/")
    assert response.status_code == 200 and response.context["user"] == personas["reviewer"]
