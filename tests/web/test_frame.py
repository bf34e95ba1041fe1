"""The frame every page shares: Chinese error pages, login lock-out, password change, notifications,
the evaluation page's workflow buttons, and the vendored front-end libraries served by the app."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.staticfiles import finders
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jixiao.evaluations import services
from jixiao.evaluations.models import Evaluation
from jixiao.notifications.models import Notification
from jixiao.orgs.models import SYSTEM, LoginFailure

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def own_evaluation(personas, reference_document):
    """The reference department's 2022 evaluation, as a draft of the personas' own department."""
    from dataclasses import replace

    document = replace(reference_document, department_code=personas["departments"]["own"].code)
    evaluation = services.import_document(document=document, acting_user=SYSTEM)
    Evaluation.objects.filter(pk=evaluation.pk).update(status="draft")
    return Evaluation.objects.get(pk=evaluation.pk)


# --- error pages ---------------------------------------------------------------------------------

def _menu(client, user=None):
    """The navigation a visitor sees: top-level labels and each group's pages."""
    from jixiao.web.context import navigation

    if user is not None:
        client.force_login(user)
    request = client.get("/").wsgi_request
    return {item.label: [page.label for page in item.items] for item in navigation(request)["nav_items"]}


def test_the_navigation_follows_the_roles_with_groups_as_menus(client, personas):
    assert _menu(client) == {"首页": [], "信息公开": []}
    staff = _menu(Client(), personas["own_staff"])
    assert "我的自评" in staff and "财政审核" not in staff
    assert staff["全年管理"][:2] == ["绩效目标", "运行监控"]
    reviewer = _menu(Client(), personas["reviewer"])
    assert "我的自评" not in reviewer
    assert reviewer["财政审核"] == ["审核收件箱", "区域看板", "后台任务", "检查工具", "账号管理"]
    page = Client()
    page.force_login(personas["reviewer"])
    html = page.get(reverse("web:bureau:inbox")).content.decode()
    assert '<summary class="active">财政审核</summary>' in html  # the group of the page shown
    assert 'href="/bureau/dashboard/"' in html


def test_a_missing_page_is_chinese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "页面不存在" in text and "Not Found" not in text


def test_a_csrf_failure_is_chinese_and_says_what_to_do(personas):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("web:login"), {"username": "own_staff", "password": "x"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "页面已过期" in text and "刷新页面" in text and "CSRF verification failed" not in text


def test_a_stranger_gets_404_for_someone_elses_draft(client, personas, own_evaluation):
    login(client, personas["other_staff"])
    response = client.get(reverse("web:evaluation", args=[own_evaluation.pk]))
    assert response.status_code == 404
    assert "工商业联合会" not in response.content.decode()


def test_a_refused_action_is_a_chinese_403_or_message(client, personas, own_evaluation):
    login(client, personas["own_staff"])  # staff may not submit: only the approver
    response = client.post(reverse("web:transition", args=[own_evaluation.pk, "submit"]), follow=True)
    assert Evaluation.objects.get(pk=own_evaluation.pk).status == "draft"
    assert "单位负责人" in response.content.decode()


def test_server_error_page_is_chinese(client, settings):
    from jixiao.web.views.errors import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "服务器暂时出错" in response.content.decode()


# --- login lock-out ------------------------------------------------------------------------------

def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_one(client, personas, settings):
    settings.JIXIAO_LOGIN_MAX_FAILURES = 5
    url = reverse("web:login")
    for _ in range(5):
        response = client.post(url, {"username": "own_staff", "password": "wrong"})
        assert "用户名或密码不正确" in response.content.decode()
    response = client.post(url, {"username": "own_staff", "password": "pw-own_staff"})
    assert "已暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_its_minutes(client, personas, settings):
    settings.JIXIAO_LOGIN_MAX_FAILURES = 2
    settings.JIXIAO_LOGIN_LOCK_MINUTES = 15
    url = reverse("web:login")
    for _ in range(2):
        client.post(url, {"username": "own_staff", "password": "wrong"})
    LoginFailure.objects.update(at=timezone.now() - datetime.timedelta(minutes=16))
    client.post(url, {"username": "own_staff", "password": "pw-own_staff"})
    assert client.session["_auth_user_id"] == str(personas["own_staff"].pk)
    assert not LoginFailure.objects.filter(username="own_staff").exists()  # a success forgets them


def test_the_username_is_counted_whatever_its_case(client, personas, settings):
    settings.JIXIAO_LOGIN_MAX_FAILURES = 2
    url = reverse("web:login")
    client.post(url, {"username": "OWN_STAFF", "password": "wrong"})
    client.post(url, {"username": "own_staff ", "password": "wrong"})
    response = client.post(url, {"username": "own_staff", "password": "pw-own_staff"})
    assert "已暂时锁定" in response.content.decode()


def test_one_address_trying_many_accounts_is_locked(client, personas, settings):
    settings.JIXIAO_LOGIN_MAX_FAILURES = 1  # an address gets five times as many over all accounts
    url = reverse("web:login")
    for n in range(5):
        client.post(url, {"username": f"guess{n}", "password": "wrong"})
    response = client.post(url, {"username": "own_staff", "password": "pw-own_staff"})
    assert "已暂时锁定" in response.content.decode()


# --- password change -----------------------------------------------------------------------------

def test_a_user_changes_their_password(client, personas):
    login(client, personas["own_staff"])
    response = client.post(reverse("web:password_change"), {
        "old_password": "pw-own_staff", "new_password1": "Ji-xiao 2026 new", "new_password2": "Ji-xiao 2026 new"},
        follow=True)
    assert "密码已修改" in response.content.decode()
    personas["own_staff"].refresh_from_db()
    assert personas["own_staff"].check_password("Ji-xiao 2026 new")


def test_a_weak_new_password_is_refused_in_chinese(client, personas):
    login(client, personas["own_staff"])
    response = client.post(reverse("web:password_change"), {
        "old_password": "pw-own_staff", "new_password1": "12345678", "new_password2": "12345678"})
    text = response.content.decode()
    assert "密码" in text and ("太常见" in text or "全部为数字" in text or "全都是数字" in text)
    personas["own_staff"].refresh_from_db()
    assert personas["own_staff"].check_password("pw-own_staff")


# --- workflow and notifications ------------------------------------------------------------------

def test_submission_tells_the_reviewers_in_the_app_and_by_mail_after_commit(
        client, personas, own_evaluation, django_capture_on_commit_callbacks):
    personas["reviewer"].email = "reviewer@example.org"
    personas["reviewer"].save()
    login(client, personas["own_approver"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("web:transition", args=[own_evaluation.pk, "submit"]), follow=True)
    assert "已提交" in response.content.decode()
    assert Evaluation.objects.get(pk=own_evaluation.pk).status == "submitted"
    told = Notification.objects.get(recipient=personas["reviewer"])
    assert "已提交" in told.title and told.link == reverse("web:evaluation", args=[own_evaluation.pk])
    assert not Notification.objects.filter(recipient=personas["far_reviewer"]).exists()  # another region
    assert not Notification.objects.filter(recipient=personas["own_approver"]).exists()  # not the actor
    assert [m.to for m in mail.outbox] == [["reviewer@example.org"]]
    assert told.link in mail.outbox[0].body


def test_a_return_shows_its_reason_and_tells_the_department(client, personas, own_evaluation):
    services.submit_evaluation(evaluation=own_evaluation, acting_user=personas["own_approver"])
    login(client, personas["reviewer"])
    client.post(reverse("web:transition", args=[own_evaluation.pk, "return"]), {"reason": "乡村振兴指标缺少偏差原因"})
    assert Evaluation.objects.get(pk=own_evaluation.pk).status == "returned"
    staff = login(Client(), personas["own_staff"])
    page = staff.get(reverse("web:evaluation", args=[own_evaluation.pk])).content.decode()
    assert "已退回：" in page and "乡村振兴指标缺少偏差原因" in page
    assert Notification.objects.filter(recipient=personas["own_staff"], title__contains="已退回").exists()


def test_a_return_without_reason_is_refused(client, personas, own_evaluation):
    services.submit_evaluation(evaluation=own_evaluation, acting_user=personas["own_approver"])
    login(client, personas["reviewer"])
    response = client.post(reverse("web:transition", args=[own_evaluation.pk, "return"]), {"reason": "  "}, follow=True)
    assert Evaluation.objects.get(pk=own_evaluation.pk).status == "submitted"
    assert "须填写原因" in response.content.decode()


def test_buttons_are_those_of_the_workflow_table(client, personas, own_evaluation):
    page = login(client, personas["own_approver"]).get(reverse("web:evaluation", args=[own_evaluation.pk])).content.decode()
    assert ">提交<" in page and ">审核通过<" not in page
    page = login(Client(), personas["own_staff"]).get(reverse("web:evaluation", args=[own_evaluation.pk])).content.decode()
    assert ">提交<" not in page


def test_notifications_are_read_one_by_one_or_all(client, personas, own_evaluation):
    services.submit_evaluation(evaluation=own_evaluation, acting_user=personas["own_approver"])
    login(client, personas["reviewer"])
    page = client.get(reverse("web:notifications")).content.decode()
    assert "已提交" in page
    note = Notification.objects.get(recipient=personas["reviewer"])
    response = client.post(reverse("web:notifications_read"), {"id": note.pk})
    assert response.url == note.link
    note.refresh_from_db()
    assert note.read_at is not None
    other = login(Client(), personas["other_staff"])  # someone else cannot mark (or see) it
    other.post(reverse("web:notifications_read"), {"id": note.pk})
    assert "已提交" not in other.get(reverse("web:notifications")).content.decode()


def test_a_keyed_notification_is_sent_once(personas):
    from jixiao.notifications.services import notify

    first = notify(recipients=[personas["own_staff"]], title="红灯预警", key="warn:1")
    again = notify(recipients=[personas["own_staff"], personas["own_staff"]], title="红灯预警", key="warn:1")
    assert len(first) == 1 and again == []
    assert Notification.objects.filter(recipient=personas["own_staff"]).count() == 1


# --- vendored front-end libraries ------------------------------------------------------------------

@pytest.mark.parametrize("path", ["vendor/htmx.org/htmx.min.js", "vendor/tabulator-tables/tabulator.min.js",
                                  "vendor/tabulator-tables/tabulator.min.css", "vendor/echarts/echarts.min.js"])
def test_front_end_libraries_ship_with_their_licences(path):
    found = finders.find(path)
    assert found, f"{path} is not among the static files"
    from pathlib import Path

    assert (Path(found).parent / "LICENSE").read_text(encoding="utf-8").strip()


def test_the_static_files_collect_as_served(tmp_path, settings):
    """`jixiao serve` collects the static files into the hashed, compressed manifest WhiteNoise
    serves (without the slow compression): every file a stylesheet or script points at must be there (a vendored library's missing
    source map once stopped the server from starting)."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}  # as served, less the compression
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text(encoding="utf-8")
    assert "vendor/htmx.org/htmx.min.js" in manifest and "jixiao/site.css" in manifest
