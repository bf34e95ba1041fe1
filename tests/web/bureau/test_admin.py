"""Administration in the app: the bureau creates department accounts, grants and revokes roles,
resets passwords and sets deadlines; every change is one service with its event; other regions'
reviewers and department people cannot."""

import pytest
from django.urls import reverse

from jixiao.bureau.models import Deadline
from jixiao.domain.enums import EventVerb
from jixiao.events.models import Event
from jixiao.orgs.models import Membership, User


@pytest.fixture
def reviewer_client(personas, client):
    client.force_login(personas["reviewer"])
    return client


def test_a_new_department_account_gets_a_temporary_password_shown_once(personas, reviewer_client, client):
    own = personas["departments"]["own"]
    page = reviewer_client.post(reverse("web:bureau:account_create"), {
        "department": own.pk, "username": "zhang", "display_name": "张某", "role": "department_staff"})
    assert page.status_code == 200 and "no-store" in page.get("Cache-Control", "")
    password = page.context["issued"]["password"]
    assert password in page.content.decode()
    assert Event.objects.filter(verb=EventVerb.ACCOUNT_CREATE.value, actor=personas["reviewer"]).exists()
    assert password not in str(list(Event.objects.values_list("data", "reason")))
    listing = reviewer_client.get(reverse("web:bureau:accounts")).content.decode()
    assert "zhang" in listing and password not in listing  # shown once
    client.logout()
    assert client.login(username="zhang", password=password)


def test_a_duplicate_or_foreign_department_is_refused(personas, reviewer_client):
    far = personas["departments"]["far"]
    page = reviewer_client.post(reverse("web:bureau:account_create"), {
        "department": far.pk, "username": "li", "role": "department_staff"})
    assert page.status_code == 400 and not User.objects.filter(username="li").exists()
    page = reviewer_client.post(reverse("web:bureau:account_create"), {
        "department": personas["departments"]["own"].pk, "username": "own_staff", "role": "department_staff"})
    assert page.status_code == 400 and "已被使用" in page.context["error"]


def test_reset_grant_and_revoke_each_write_their_event(personas, reviewer_client):
    staff = personas["own_staff"]
    page = reviewer_client.post(reverse("web:bureau:password_reset", args=[staff.pk]))
    staff.refresh_from_db()
    assert staff.check_password(page.context["issued"]["password"])
    reviewer_client.post(reverse("web:bureau:role_grant"), {
        "username": "own_staff", "department": personas["departments"]["own"].pk, "role": "department_approver"})
    granted = Membership.objects.get(user=staff, role="department_approver")
    reviewer_client.post(reverse("web:bureau:role_revoke", args=[granted.pk]))
    assert not Membership.objects.filter(pk=granted.pk).exists()
    verbs = list(Event.objects.filter(actor=personas["reviewer"]).order_by("id").values_list("verb", flat=True))
    assert verbs == [EventVerb.PASSWORD_RESET.value, EventVerb.ROLE_GRANT.value, EventVerb.ROLE_REVOKE.value]


def test_a_reviewer_role_is_granted_on_the_region_only(personas, reviewer_client):
    from jixiao.orgs.models import Region

    district = Region.objects.create(code="44011201", name="黄埔区某街道", parent=personas["departments"]["own"].region)
    reviewer_client.post(reverse("web:bureau:role_grant"), {"username": "other_staff", "role": "finance_reviewer",
                                                            "region": district.code})
    assert Membership.objects.filter(user=personas["other_staff"], role="finance_reviewer", region=district).exists()
    page = reviewer_client.post(reverse("web:bureau:role_grant"), {"username": "other_staff", "role": "finance_reviewer",
                                                                   "region": "440106"}, follow=True)
    assert "请填写已有的用户名" in page.content.decode()
    assert not Membership.objects.filter(region__code="440106", user=personas["other_staff"]).exists()


def test_a_deadline_is_set_with_its_event_and_a_bad_one_refused(personas, reviewer_client):
    reviewer_client.post(reverse("web:bureau:deadlines"), {"region": "440112", "year": 2023, "due_on": "2024-03-31",
                                                           "note": "按市局通知"})
    deadline = Deadline.objects.get()
    assert str(deadline.due_on) == "2024-03-31" and deadline.set_by == personas["reviewer"]
    assert Event.objects.filter(verb=EventVerb.DEADLINE_SET.value, to_state="2024-03-31").exists()
    page = reviewer_client.post(reverse("web:bureau:deadlines"), {"region": "440112", "year": 2023,
                                                                  "due_on": "2022-01-01"}, follow=True)
    assert "不能早于该年度" in page.content.decode()
    assert "2024-03-31" in reviewer_client.get(reverse("web:bureau:deadlines")).content.decode()


def test_another_regions_reviewer_cannot_touch_this_regions_accounts(personas, client):
    client.force_login(personas["far_reviewer"])
    staff = personas["own_staff"]
    old = staff.password
    assert client.post(reverse("web:bureau:password_reset", args=[staff.pk])).status_code == 404
    staff.refresh_from_db()
    assert staff.password == old
    membership = staff.memberships.get()
    client.post(reverse("web:bureau:role_revoke", args=[membership.pk]))
    assert Membership.objects.filter(pk=membership.pk).exists()
    client.post(reverse("web:bureau:deadlines"), {"region": "440112", "year": 2023, "due_on": "2024-03-31"})
    assert not Deadline.objects.exists()
    listing = client.get(reverse("web:bureau:accounts"))
    assert "own_staff" not in listing.content.decode()
    assert not Event.objects.exists()


@pytest.mark.parametrize("name", ["accounts", "deadlines"])
def test_department_people_do_not_administer(personas, client, name):
    client.force_login(personas["own_approver"])
    assert client.get(reverse(f"web:bureau:{name}")).status_code == 403
