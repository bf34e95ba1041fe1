"""Every page of the bureau (each URL pattern of web/bureau, by GET and by POST) as the personas
outside it see it: anonymous visitors are sent to the login, department people are refused (403), a
reviewer of another region finds none of this region's objects (404) and changes nothing."""

import re

import pytest
from django.urls import reverse

from jixiao.events.models import Event
from jixiao.jobs import services as job_services
from jixiao.jobs.models import Job
from jixiao.web.bureau import urls as bureau_urls

OBJECT_PAGES = {"review", "comment", "act", "job", "job_progress", "job_cancel", "job_download", "password_reset",
                "role_revoke"}


@pytest.fixture
def targets(region_world):
    job = job_services.start_job(kind="reports", region=region_world["departments"]["own"].region, year=2023,
                                 acting_user=region_world["reviewer"])  # queued: on-commit never runs here
    staff = region_world["own_staff"]
    return {"review": region_world["submitted"].pk, "comment": region_world["submitted"].pk,
            "act": region_world["submitted"].pk, "job": job.pk, "job_progress": job.pk, "job_cancel": job.pk,
            "job_download": job.pk, "password_reset": staff.pk, "role_revoke": staff.memberships.get().pk}


def _bureau_urls(targets):
    for pattern in bureau_urls.urlpatterns:
        if not str(pattern.pattern).startswith("bureau/"):
            continue
        keys = re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern))
        kwargs = {}
        for key in keys:
            kwargs[key] = {"pk": targets.get(pattern.name), "action": "accept", "table": "departments"}[key]
        yield pattern.name, reverse(f"web:bureau:{pattern.name}", kwargs=kwargs)


def _post_data(region_world):
    return {"ids": [region_world["submitted"].pk], "action": "accept", "indicator": "1-1", "text": "x",
            "kind": "reports", "region": "440112", "year": "2023", "due_on": "2024-03-31", "username": "own_staff",
            "department": region_world["departments"]["own"].pk, "role": "department_staff"}


def test_the_sweep_covers_every_bureau_page(targets):
    names = {name for name, _ in _bureau_urls(targets)}
    assert OBJECT_PAGES <= names and len(names) >= 20


def test_anonymous_visitors_are_sent_to_the_login(region_world, targets, client):
    for name, url in _bureau_urls(targets):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302 and response["Location"].startswith("/login/"), (name, method)


@pytest.mark.parametrize("persona", ["own_staff", "own_approver", "other_staff"])
def test_department_people_are_refused_every_bureau_page(region_world, targets, client, persona):
    client.force_login(region_world[persona])
    for name, url in _bureau_urls(targets):
        assert client.get(url).status_code == 403, name
        assert client.post(url, _post_data(region_world)).status_code == 403, name


def test_a_reviewer_of_another_region_finds_nothing_and_changes_nothing(region_world, targets, client):
    far = region_world["far_reviewer"]
    client.force_login(far)
    before = {e.pk: e.status for e in region_world["submitted"].__class__.objects.all()}
    for name, url in _bureau_urls(targets):
        get = client.get(url)
        post = client.post(url, _post_data(region_world))
        if name in OBJECT_PAGES:
            assert get.status_code in (404, 405) and post.status_code in (404, 405), (name, get.status_code, post.status_code)
        else:
            assert get.status_code in (200, 302, 405), (name, get.status_code)
    assert not Event.objects.filter(actor=far).exists()
    assert {e.pk: e.status for e in region_world["submitted"].__class__.objects.all()} == before
    assert not Job.objects.filter(requested_by=far).exists() and not Job.objects.get(pk=targets["job"]).cancel_requested
    region_world["own_staff"].refresh_from_db()
    assert region_world["own_staff"].memberships.count() == 1
