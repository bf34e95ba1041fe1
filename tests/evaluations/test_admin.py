"""Django's admin (数据管理) is scoped like the pages, read-only on locked evaluations for everybody
(superusers included), and every change through it is in the history: a simple-history record, an
event 后台修改 and a rescore through the service, so the stored score is never stale."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.forms.models import model_to_dict
from django.urls import reverse

from jixiao.domain.enums import EvaluationStatus, EventVerb
from jixiao.evaluations.models import Evaluation, Indicator
from jixiao.evaluations.services import import_document
from jixiao.events.models import Event
from jixiao.orgs.models import SYSTEM, User

pytestmark = pytest.mark.usefixtures("plain_static_storage")  # pages rendered without collectstatic

INDICATOR_FIELDS = ["code", "task", "level1", "level2", "name", "direction", "unit", "target_text", "actual_text",
                    "weight", "self_score", "deviation_reason", "improvement", "target_basis", "applicable", "position"]


def indicator_post(indicator: Indicator, **changes) -> dict:
    """The admin change form of an indicator as a browser would post it, with ``changes``."""
    data = {key: "" if value is None else value for key, value in model_to_dict(indicator, INDICATOR_FIELDS).items()}
    data.update(changes, _save="保存")
    if not data["applicable"]:
        del data["applicable"]
    return data


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def snapshot(evaluation: Evaluation) -> tuple:
    evaluation.refresh_from_db()
    indicators = list(Indicator.objects.filter(task__evaluation=evaluation).order_by("code")
                      .values_list("code", "actual_text", "score"))
    return evaluation.status, evaluation.score_total, indicators, Event.objects.count()


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", password="pw-root")


@pytest.fixture
def published(reference_evaluation):
    assert reference_evaluation.status == EvaluationStatus.PUBLISHED.value
    assert reference_evaluation.score_total == Decimal("95.91")
    return reference_evaluation


@pytest.fixture
def draft(db, reference_document, personas):
    """The neighbour department's draft (广州市黄埔区司法局), imported by the system."""
    doc = reference_document.with_changes(department_code="440112-114", department_name="广州市黄埔区司法局",
                                          status=EvaluationStatus.DRAFT)
    return import_document(document=doc, acting_user=SYSTEM)


def staff(user: User, *codenames: str) -> User:
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return User.objects.get(pk=user.pk)  # permissions are cached on the instance


def test_a_published_indicator_is_read_only_even_for_a_superuser(client, superuser, published):
    indicator = Indicator.objects.get(task__evaluation=published, code="1-1")
    before = snapshot(published)
    client.force_login(superuser)
    page = client.get(change_url(indicator))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode() and "4场" in page.content.decode()
    assert 'name="_save"' not in client.get(change_url(published)).content.decode()  # its inlines too
    response = client.post(change_url(indicator), indicator_post(indicator, actual_text="2场"))
    assert response.status_code == 403
    assert snapshot(published) == before
    assert published.score_total == Decimal("95.91")
    assert indicator.history.count() == 1  # only the import's record


def test_nothing_of_a_locked_evaluation_can_be_deleted_or_reverted(client, superuser, published):
    indicator = Indicator.objects.get(task__evaluation=published, code="1-1")
    before = snapshot(published)
    client.force_login(superuser)
    delete_url = reverse("admin:evaluations_indicator_delete", args=[indicator.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert client.post(reverse("admin:evaluations_evaluation_delete", args=[published.pk]),
                       {"post": "yes"}).status_code == 403
    version = indicator.history.earliest().history_id
    revert = reverse("admin:evaluations_indicator_simple_history", args=[indicator.pk, version])
    assert client.post(revert, indicator_post(indicator, actual_text="2场")).status_code == 403
    changelist = client.get(reverse("admin:evaluations_indicator_changelist"))
    assert "delete_selected" not in changelist.content.decode()  # no bulk deletion past the checks
    assert snapshot(published) == before


def test_an_admin_change_to_a_draft_is_an_event_a_history_record_and_a_rescore(client, superuser, draft):
    indicator = Indicator.objects.get(task__evaluation=draft, code="1-1")
    assert draft.score_total == Decimal("95.91")
    client.force_login(superuser)
    response = client.post(change_url(indicator), indicator_post(indicator, actual_text="2场"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.score_total == Decimal("93.91")  # the engine's score, stored at once
    indicator.refresh_from_db()
    assert indicator.actual_text == "2场" and indicator.score == Decimal("2.00")
    assert [h.actual_text for h in indicator.history.order_by("history_date")] == ["4场", "2场"]
    edit = Event.objects.get(verb=EventVerb.ADMIN_EDIT.value)
    assert (edit.actor, edit.evaluation, edit.object_type) == (superuser, draft, "evaluations.indicator")
    assert "实际完成值（原文）" in edit.reason
    rescore = Event.objects.get(verb=EventVerb.RESCORE.value, evaluation=draft, actor=superuser)
    assert (rescore.from_state, rescore.to_state) == ("95.91 优", "93.91 优")


def test_a_deletion_through_the_admin_is_an_event_and_a_rescore(client, superuser, draft):
    indicator = Indicator.objects.get(task__evaluation=draft, code="1-1")
    client.force_login(superuser)
    response = client.post(reverse("admin:evaluations_indicator_delete", args=[indicator.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Indicator.objects.filter(pk=indicator.pk).exists()
    event = Event.objects.get(verb=EventVerb.ADMIN_EDIT.value)
    assert event.evaluation == draft and "删除" in event.reason and event.object_repr == indicator.name
    assert Event.objects.filter(verb=EventVerb.RESCORE.value, evaluation=draft, actor=superuser).exists()


def test_staff_with_view_permission_sees_nothing_of_another_departments_drafts(client, personas, published, draft):
    user = staff(personas["own_staff"], "view_evaluation", "view_indicator", "view_task")
    client.force_login(user)
    listing = client.get(reverse("admin:evaluations_evaluation_changelist")).content.decode()
    assert "广州市黄埔区工商业联合会" in listing  # published: public
    assert "广州市黄埔区司法局" not in listing
    indicators = client.get(reverse("admin:evaluations_indicator_changelist")).context["cl"]
    assert indicators.result_count == Indicator.objects.filter(task__evaluation=published).count()
    hidden = Indicator.objects.get(task__evaluation=draft, code="1-1")
    assert client.get(change_url(hidden)).status_code == 302  # "does not exist", to the admin's index
    assert client.get(change_url(draft)).status_code == 302
    assert client.get(reverse("admin:evaluations_indicator_history", args=[hidden.pk])).status_code in (302, 403, 404)
    version = hidden.history.earliest().history_id
    assert client.get(reverse("admin:evaluations_indicator_simple_history",
                              args=[hidden.pk, version])).status_code in (302, 403, 404)


def test_staff_may_change_only_what_the_workflow_lets_them_edit(client, personas, draft):
    before = snapshot(draft)
    neighbour_staff = staff(personas["other_staff"], "view_indicator", "change_indicator")
    own_staff = staff(personas["own_staff"], "view_indicator", "change_indicator")
    indicator = Indicator.objects.get(task__evaluation=draft, code="1-1")
    client.force_login(own_staff)  # of another department
    assert client.post(change_url(indicator), indicator_post(indicator, actual_text="2场")).status_code == 302
    assert snapshot(draft) == before  # redirected as "does not exist": nothing written
    client.force_login(neighbour_staff)  # 司法局's own staff
    assert client.post(change_url(indicator), indicator_post(indicator, actual_text="3场")).status_code == 302
    draft.refresh_from_db()
    assert draft.score_total == Decimal("94.91")
    assert Event.objects.filter(verb=EventVerb.ADMIN_EDIT.value, actor=neighbour_staff).count() == 1


def test_view_permission_alone_cannot_revert_a_draft_through_its_history(client, personas, draft):
    user = staff(personas["other_staff"], "view_indicator")
    indicator = Indicator.objects.get(task__evaluation=draft, code="1-1")
    before = snapshot(draft)
    client.force_login(user)
    version = indicator.history.earliest().history_id
    revert = reverse("admin:evaluations_indicator_simple_history", args=[indicator.pk, version])
    assert client.post(revert, indicator_post(indicator, actual_text="2场")).status_code == 403
    assert snapshot(draft) == before


def test_the_status_and_the_rule_pack_are_not_forged_through_the_admin(client, superuser, draft):
    client.force_login(superuser)
    page = client.get(change_url(draft))
    form = page.context["adminform"].form
    assert "status" not in form.fields  # the workflow's services change it, with their checks and events
    assert "rule_pack" in form.fields
    choices = [value for value, _ in form.fields["rule_pack"].choices]
    assert "/etc/passwd" not in choices and "gd-2022-department" in choices


def test_accounts_are_managed_by_superusers_only(client, personas):
    user = staff(personas["reviewer"], "view_user", "change_user", "change_membership", "view_membership")
    client.force_login(user)
    response = client.post(change_url(user), {"username": user.username, "is_superuser": "on", "is_staff": "on",
                                              "is_active": "on"})
    assert response.status_code == 403
    user.refresh_from_db()
    assert not user.is_superuser


def test_an_account_change_by_a_superuser_is_an_event(client, superuser, personas):
    from jixiao.orgs.models import Department

    department = personas["departments"]["own"]
    client.force_login(superuser)
    response = client.post(change_url(department), {"region": department.region_id, "code": department.code,
                                                    "name": department.name, "self_name": "本会",
                                                    "units-TOTAL_FORMS": "0", "units-INITIAL_FORMS": "0"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Department.objects.get(pk=department.pk).self_name == "本会"
    event = Event.objects.get(verb=EventVerb.ADMIN_EDIT.value)
    assert event.object_type == "orgs.department" and event.actor == superuser and "报告自称" in event.reason


def test_every_admin_page_opens_for_a_superuser(client, superuser, published, draft):
    from django.contrib import admin

    client.force_login(superuser)
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200, opts
        if model_admin.has_add_permission(type("R", (), {"user": superuser})()):
            assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 200, opts
        first = model_admin.get_queryset(type("R", (), {"user": superuser})()).first()
        if first is not None:
            assert client.get(change_url(first)).status_code == 200, opts
