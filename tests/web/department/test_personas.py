"""Every address of the department's workspace, tried by every persona with GET and POST: nobody sees
what is not theirs (404, nothing revealed), nobody writes what they may not (403 or 404), and a
refused request changes nothing (no row, no event)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.domain.enums import EvaluationStatus
from jixiao.evaluations import services
from jixiao.evaluations.models import Evaluation, FundLine, Indicator, Project, ReportSection, Task
from jixiao.events.models import Event
from jixiao.orgs.models import SYSTEM, User

PERSONAS = ("own_staff", "own_approver", "reviewer", "other_staff", "far_reviewer", "anonymous", "admin")
MEMBERS = {"own_staff", "own_approver", "admin"}  # may edit a draft
VIEWERS = MEMBERS | {"reviewer"}  # may see a draft


@pytest.fixture
def clients(personas):
    admin = User.objects.create_superuser("root", password="pw-root-123")
    result = {"anonymous": Client(), "admin": Client()}
    result["admin"].force_login(admin)
    for name in PERSONAS[:5]:
        result[name] = Client()
        result[name].force_login(personas[name])
    return result


def _state():
    """Everything a write could change."""
    return (Event.objects.count(),
            list(Indicator.objects.order_by("id").values_list("id", "actual_text", "weight", "name")),
            list(Task.objects.order_by("id").values_list("id", "name")),
            list(Project.objects.order_by("id").values_list("id", "name")),
            list(FundLine.objects.order_by("id").values_list("id", "executed")),
            list(ReportSection.objects.order_by("id").values_list("id", "text", "edited")),
            list(Evaluation.objects.values_list("id", "status", "revision")))


def _workbook(evaluation):
    from jixiao.evaluations.store import document_for
    from jixiao.usecases.workbooks import export_document

    from django.core.files.uploadedfile import SimpleUploadedFile

    produced = export_document(document_for(evaluation).with_changes(status=EvaluationStatus.DRAFT), ".xlsx")
    return SimpleUploadedFile("自评.xlsx", produced.data)


def _writes(evaluation):
    """(name, url, data, content type) of every POST address, with a body that is valid for a member."""
    pk = evaluation.pk
    indicator = Indicator.objects.filter(task__evaluation=evaluation).first()
    project = Project.objects.filter(task__evaluation=evaluation).first()
    task = Task.objects.filter(evaluation=evaluation).first()
    section = ReportSection.objects.filter(evaluation=evaluation).first()
    save = json.dumps({"changes": [{"id": indicator.pk, "field": "actual", "value": "1", "old": indicator.actual_text}]})
    return [
        ("save", reverse("web:department:save", args=[pk, "indicators"]), save, "application/json"),
        ("add", reverse("web:department:add_row", args=[pk, "indicators"]), {"task": task.pk, "name": "新"}, None),
        ("delete", reverse("web:department:delete_row", args=[pk, "projects"]), {"id": project.pk, "confirm": "yes"},
         None),
        ("section", reverse("web:department:section_save", args=[pk, section.key]), {"text": "改写"}, None),
        ("redraft", reverse("web:department:redraft", args=[pk]), {}, None),
        ("upload", reverse("web:department:upload", args=[pk]), {"file": _workbook(evaluation)}, None),
        ("confirm", reverse("web:department:upload_confirm", args=[pk]), {"token": "abc", "confirm": "yes"}, None),
    ]


def _reads(evaluation):
    pk = evaluation.pk
    urls = [reverse("web:evaluation", args=[pk]), reverse("web:department:sections", args=[pk]),
            reverse("web:department:files", args=[pk])]
    for part in ("indicators", "funds", "tasks", "projects"):
        urls += [reverse("web:department:grid", args=[pk, part]), reverse("web:department:rows", args=[pk, part])]
    urls += [reverse("web:department:download", args=[pk, what])
             for what in ("workbook", "report-html", "form-department", "opendata")]
    return urls


@pytest.mark.parametrize("persona", PERSONAS)
def test_reading_a_draft(persona, clients, draft):
    client = clients[persona]
    for url in _reads(draft):
        response = client.get(url)
        if persona in VIEWERS:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 404, url
            assert "广州市黄埔区工商业联合会" not in response.content.decode(), url
        assert client.post(url).status_code in (405, 403), url  # read addresses take no POST


@pytest.mark.parametrize("persona", PERSONAS)
def test_writing_a_draft(persona, clients, draft):
    client = clients[persona]
    for name, url, data, content_type in _writes(draft):
        assert client.get(url).status_code == 405, url  # write addresses take no GET
        before = _state()
        kwargs = {"content_type": content_type} if content_type else {}
        response = client.post(url, data, **kwargs)
        if persona in MEMBERS:
            assert response.status_code in (200, 302, 409), (name, response.status_code)
            continue
        expected = {403} if persona == "reviewer" else {404} if persona != "anonymous" else {403, 404}
        assert response.status_code in expected, (persona, name, response.status_code)
        assert _state() == before, (persona, name)
        assert "广州市黄埔区工商业联合会" not in response.content.decode() or persona == "reviewer"


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_submitted_evaluation_is_read_only_for_everybody(persona, clients, draft, personas):
    services.submit_evaluation(evaluation=draft, acting_user=personas["own_approver"])
    client = clients[persona]
    for name, url, data, content_type in _writes(draft):
        before = _state()
        kwargs = {"content_type": content_type} if content_type else {}
        response = client.post(url, data, **kwargs)
        assert response.status_code in ((403,) if persona in VIEWERS else (403, 404)), (persona, name)
        assert _state() == before, (persona, name)
    if persona in VIEWERS:
        page = client.get(reverse("web:department:grid", args=[draft.pk, "indicators"])).content.decode()
        assert "只读" in page and '"editable": false' in page


@pytest.mark.parametrize("persona", PERSONAS)
def test_my_page_addresses(persona, clients, draft):
    """The upload of 我的自评 takes only POST and the signed-in; the blank workbook only GET."""
    client = clients[persona]
    upload, blank = reverse("web:department:home_upload"), reverse("web:department:blank_workbook")
    assert client.get(upload).status_code == (302 if persona == "anonymous" else 405)
    assert client.post(blank).status_code == (302 if persona == "anonymous" else 405)
    before = _state()
    response = client.post(upload, {"file": _workbook(draft)})
    if persona == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif persona not in MEMBERS:
        assert response.status_code == 403
    if persona not in MEMBERS:
        assert _state() == before
    assert client.get(blank).status_code == (302 if persona == "anonymous" else 200)


def test_my_evaluations(clients, draft):
    assert clients["anonymous"].get(reverse("web:department:home")).status_code == 302
    page = clients["own_staff"].get(reverse("web:department:home")).content.decode()
    assert reverse("web:evaluation", args=[draft.pk]) in page and "2022 年度" in page
    assert reverse("web:evaluation", args=[draft.pk]) not in clients["other_staff"].get(
        reverse("web:department:home")).content.decode()
    assert clients["own_staff"].post(reverse("web:department:home")).status_code == 405


def test_the_workflow_addresses_hold_too(clients, draft):
    """The transitions (on main) through the page: only the approver submits."""
    url = reverse("web:transition", args=[draft.pk, "submit"])
    for persona in ("own_staff", "reviewer", "other_staff", "far_reviewer", "anonymous"):
        before = _state()
        response = clients[persona].post(url)
        assert response.status_code in (302, 404), persona
        assert _state() == before, persona
    clients["own_approver"].post(url)
    assert Evaluation.objects.get().status == "submitted"


def test_every_address_of_the_workspace_is_tried(draft):
    """A new address in the department's urls must be added to the persona tests above."""
    from jixiao.web.department import urls

    tried = {url for _, url, _, _ in _writes(draft)} | set(_reads(draft)) | {
        reverse(f"web:department:{name}") for name in ("home", "home_upload", "blank_workbook")}
    pk = draft.pk
    names = {pattern.name for pattern in urls.urlpatterns}
    covered = set()
    for name in names:
        for args in ([], [pk], [pk, "indicators"], [pk, "projects"], [pk, "workbook"]):
            try:
                if reverse(f"web:department:{name}", args=args) in tried:
                    covered.add(name)
            except Exception:
                continue
        if name == "section_save":
            covered.add(name) if any("/report/sections/" in u and u.count("/") > 5 for u in tried) else None
    assert covered == names
