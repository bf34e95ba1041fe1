"""The bureau's inbox and dashboard (aggregated in the database, query counts pinned on a generated
province), its administration services with their events, and public disclosure."""

import datetime
import inspect
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from jixiao.bureau import selectors, services
from jixiao.bureau.public import published_evaluation, published_evaluations
from jixiao.domain.enums import EventVerb, Role
from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.selectors import NotFound
from jixiao.events.models import Event
from jixiao.orgs.models import SYSTEM, Department, Membership, Region, User


@pytest.fixture
def province(generated_province):
    """A generated province of 80 departments over two districts and two years, and a reviewer of it."""
    return generated_province(80, (2021, 2022), seed=5, tasks_per_department=3)


def _fresh(user):
    return User.objects.get(pk=user.pk)  # memberships not cached: the count includes reading them


def test_the_dashboard_runs_a_fixed_number_of_queries_whatever_the_size(province, django_assert_num_queries):
    region = Region.objects.get(code="990000")
    # the reviewer's memberships and regions, the region's descendants (one query a level), the table,
    # the counts, not started: fixed by the depth of the regions, not by the number of departments
    with django_assert_num_queries(15):
        small = selectors.region_dashboard(_fresh(province), Region.objects.get(code="990101"), 2022)
    with django_assert_num_queries(16):
        board = selectors.region_dashboard(_fresh(province), region, 2022)
    assert len(board.rows) == 80 and len(small.rows) == 40
    assert sum(board.status_counts.values()) == 80 and sum(board.grade_counts.values()) == 80
    assert [r["code"] for r in board.by_region] == ["990101", "990102"]
    assert board.time_progress == 1  # a past year: 序时进度 100%


def test_the_dashboard_figures_agree_with_the_stored_rows(province):
    board = selectors.region_dashboard(province, Region.objects.get(code="990000"), 2022)
    row = board.rows[0]
    evaluation = Evaluation.objects.get(pk=row.evaluation_id)
    funds = evaluation.fund_lines.all()
    assert row.budget == sum(f.full_year_budget for f in funds) and row.executed == sum(f.executed for f in funds)
    last = Evaluation.objects.get(department=evaluation.department, year=2021)
    assert row.change == evaluation.score_total - last.score_total
    ranking = board.ranking()
    assert [r.rank for r in ranking] == list(range(1, len(ranking) + 1))
    assert all(a.score >= b.score for a, b in zip(ranking, ranking[1:]))
    assert all(r.execution_rate < 1 for r in board.lagging())
    assert len(board.score_boxes()) == 2 and all(b["box"] == sorted(b["box"]) for b in board.score_boxes())


def test_the_inbox_filters_marks_overdue_and_counts_in_fixed_queries(province, django_assert_num_queries):
    region = Region.objects.get(code="990101")
    services.set_deadline(region=region, year=2022, due_on=datetime.date(2023, 3, 31), acting_user=province)
    today = datetime.date(2023, 4, 10)
    rows = list(selectors.inbox(province, year=2022, today=today))
    assert len(rows) == 80
    overdue = [e for e in rows if e.overdue]
    assert overdue and all(e.status in ("draft", "returned") and e.department.region.code == "990101" for e in overdue)
    assert rows[:len(overdue)] == overdue  # overdue first
    assert {e.score_grade for e in selectors.inbox(province, year=2022, grade="优")} <= {"优"}
    assert all(e.status == "submitted" for e in selectors.inbox(province, status="submitted"))
    one = rows[0].department
    assert [e.department for e in selectors.inbox(province, year=2022, department=one.code)] == [one]
    # the reviewer's memberships and regions (4 here), the counts of every tab, the departments not started
    with django_assert_num_queries(7):
        counts = selectors.inbox_counts(_fresh(province), 2022, today=today)
    assert counts["overdue"] == len(overdue) and counts["not_started"] == 0
    assert sum(counts[s] for s in ("draft", "submitted", "accepted", "returned", "published")) == 80
    Department.objects.create(region=region, code="990101-new", name="新设部门")
    assert selectors.inbox_counts(province, 2022)["not_started"] == 1


def test_an_error_finding_is_counted_when_scores_are_stored(reference_evaluation, personas):
    from jixiao.evaluations.services import rescore_evaluation

    Evaluation.objects.update(error_count=None)
    rescore_evaluation(evaluation=reference_evaluation, acting_user=personas["reviewer"])
    evaluation = Evaluation.objects.get(pk=reference_evaluation.pk)
    assert evaluation.error_count is not None and evaluation.warning_count is not None
    assert list(selectors.inbox(personas["reviewer"], findings="unchecked")) == []


def test_a_reviewer_of_another_region_sees_nothing_of_this_one(province, personas):
    far = personas["far_reviewer"]
    assert not selectors.inbox(far, year=2022).exists()
    board = selectors.region_dashboard(far, Region.objects.get(code="990000"), 2022)
    assert board.rows == [] and board.not_started == 0


def test_time_progress_is_the_share_of_the_year_gone_by():
    assert selectors.time_progress(2024, datetime.date(2024, 7, 1)) == Decimal("0.5000")
    assert selectors.time_progress(2025, datetime.date(2024, 7, 1)) == 0


# --- administration -------------------------------------------------------------------------

def _department(personas):
    return personas["departments"]["own"]


SCENARIOS = {
    "create_department_account": (EventVerb.ROLE_GRANT, lambda p: services.create_department_account(
        department=_department(p), username="new_staff", display_name="新填报人", role=Role.DEPARTMENT_STAFF,
        acting_user=p["reviewer"])),
    "grant_role": (EventVerb.ROLE_GRANT, lambda p: services.grant_role(
        user=p["own_staff"], role=Role.DEPARTMENT_APPROVER, department=_department(p), acting_user=p["reviewer"])),
    "revoke_role": (EventVerb.ROLE_REVOKE, lambda p: services.revoke_role(
        membership=p["own_staff"].memberships.get(), acting_user=p["reviewer"])),
    "reset_password": (EventVerb.PASSWORD_RESET, lambda p: services.reset_password(
        user=p["own_staff"], acting_user=p["reviewer"])),
    "set_deadline": (EventVerb.DEADLINE_SET, lambda p: services.set_deadline(
        region=_department(p).region, year=2023, due_on=datetime.date(2024, 3, 31), acting_user=p["reviewer"])),
}


def test_every_public_service_has_a_scenario():
    public = {name for name, member in inspect.getmembers(services, inspect.isfunction)
              if member.__module__ == services.__name__ and not name.startswith("_")}
    assert public == set(SCENARIOS)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_each_administration_service_writes_its_event_and_refuses_other_regions(name, personas):
    verb, call = SCENARIOS[name]
    with pytest.raises(services.AdministrationNotPermitted):
        call({**personas, "reviewer": personas["far_reviewer"]})
    with pytest.raises(services.AdministrationNotPermitted):
        call({**personas, "reviewer": personas["other_staff"]})
    assert not Event.objects.exists()
    call(personas)
    event = Event.objects.order_by("-id").first()
    assert (event.verb, event.actor) == (verb.value, personas["reviewer"])
    assert "pw-" not in str(event.data) and all("password" not in key for key in event.data)
    parameter = inspect.signature(getattr(services, name)).parameters["acting_user"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default is inspect.Parameter.empty


def test_a_new_account_logs_in_with_its_temporary_password_once_reset(personas, client):
    user, password = services.create_department_account(
        department=_department(personas), username="wang", display_name="王某", role="department_approver",
        acting_user=personas["reviewer"])
    assert user.check_password(password) and user.roles_on(_department(personas)) == {Role.DEPARTMENT_APPROVER}
    fresh = services.reset_password(user=user, acting_user=personas["reviewer"])
    user.refresh_from_db()
    assert fresh != password and user.check_password(fresh) and not user.check_password(password)
    with pytest.raises(services.AdministrationRefused, match="已被使用"):
        services.create_department_account(department=_department(personas), username="wang", display_name="",
                                           role="department_staff", acting_user=personas["reviewer"])
    with pytest.raises(services.AdministrationRefused, match="角色只能是"):
        services.create_department_account(department=_department(personas), username="li", display_name="",
                                           role="finance_reviewer", acting_user=personas["reviewer"])


def test_a_deadline_before_its_year_is_refused(personas):
    with pytest.raises(services.AdministrationRefused, match="不能早于该年度"):
        services.set_deadline(region=_department(personas).region, year=2023, due_on=datetime.date(2022, 12, 1),
                              acting_user=personas["reviewer"])


def test_a_new_or_moved_deadline_tells_the_regions_departments_once(personas, django_capture_on_commit_callbacks):
    from django.core import mail

    from jixiao.notifications.models import Notification

    region = _department(personas).region
    User.objects.update(email="x@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.set_deadline(region=region, year=2023, due_on=datetime.date(2024, 3, 31), acting_user=personas["reviewer"])
    told = Notification.objects.filter(title__contains="2023 年度自评报送截止日期为 2024年3月31日")
    assert {n.recipient.username for n in told} == {"own_staff", "own_approver", "other_staff"}  # not the reviewers
    assert len(mail.outbox) == 3
    services.set_deadline(region=region, year=2023, due_on=datetime.date(2024, 3, 31), acting_user=personas["reviewer"],
                          note="同上")
    assert Notification.objects.count() == 3  # the same date again tells nobody
    services.set_deadline(region=region, year=2023, due_on=datetime.date(2024, 4, 15), acting_user=personas["reviewer"])
    assert Notification.objects.filter(title__contains="改为 2024年4月15日").count() == 3


# --- public disclosure ------------------------------------------------------------------------

def test_the_public_finds_published_evaluations_only(personas, reference_evaluation):
    draft = Evaluation.objects.create(department=personas["departments"]["neighbour"], year=2022)
    assert list(published_evaluations()) == [reference_evaluation]
    assert list(published_evaluations(region="440112", year=2022, department="工商业联合会")) == [reference_evaluation]
    assert list(published_evaluations(region="440106")) == []
    assert published_evaluation(reference_evaluation.pk) == reference_evaluation
    for hidden in (draft.pk, "9999", "../1", ""):
        with pytest.raises(NotFound):
            published_evaluation(hidden)


def test_no_url_serves_stored_files_or_unpublished_evaluations(personas, reference_evaluation, client, settings):
    from jixiao.evaluations.services import return_evaluation, submit_evaluation  # noqa: F401

    draft = Evaluation.objects.create(department=personas["departments"]["own"], year=2023)
    assert client.get("/media/jobs/1/any.zip").status_code == 404
    for path in (f"/api/evaluations/{draft.pk}/", f"/api/evaluations/{draft.pk}/report/?format=pdf",
                 f"/api/evaluations/{draft.pk}/workbook/", f"/api/evaluations/{draft.pk}/indicators/"):
        assert client.get(path).status_code == 404, path
    assert AnonymousUser().is_anonymous and client.get("/api/evaluations/").json()["count"] == 1
