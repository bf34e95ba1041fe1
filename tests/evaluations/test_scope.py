"""Row-level scope: who sees which evaluations (Evaluation.objects.for_user)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from jixiao.evaluations.models import Evaluation


@pytest.fixture
def evaluations(personas):
    deps = personas["departments"]
    return {
        "own_draft": Evaluation.objects.create(department=deps["own"], year=2022, status="draft"),
        "neighbour_submitted": Evaluation.objects.create(department=deps["neighbour"], year=2022, status="submitted"),
        "far_draft": Evaluation.objects.create(department=deps["far"], year=2022, status="draft"),
        "far_published": Evaluation.objects.create(department=deps["far"], year=2021, status="published"),
    }


def _visible(user):
    return set(Evaluation.objects.for_user(user).values_list("pk", flat=True))


def test_anonymous_sees_only_published(evaluations):
    assert _visible(AnonymousUser()) == {evaluations["far_published"].pk}


def test_department_staff_see_their_own_and_published(personas, evaluations):
    assert _visible(personas["own_staff"]) == {evaluations["own_draft"].pk, evaluations["far_published"].pk}
    assert _visible(personas["other_staff"]) == {evaluations["neighbour_submitted"].pk,
                                                 evaluations["far_published"].pk}


def test_reviewer_sees_their_region_only(personas, evaluations):
    assert _visible(personas["reviewer"]) == {evaluations["own_draft"].pk, evaluations["neighbour_submitted"].pk,
                                              evaluations["far_published"].pk}
    assert _visible(personas["far_reviewer"]) == {evaluations["far_draft"].pk, evaluations["far_published"].pk}


def test_reviewer_of_a_city_sees_its_districts(personas, evaluations):
    from jixiao.domain.enums import Role
    from jixiao.orgs.models import Membership, Region, User

    city = Region.objects.create(code="440100", name="广州市")
    Region.objects.filter(code__in=["440112", "440106"]).update(parent=city)
    city_reviewer = User.objects.create_user("city")
    Membership.objects.create(user=city_reviewer, role=Role.FINANCE_REVIEWER.value, region=city)
    assert _visible(city_reviewer) == {e.pk for e in evaluations.values()}


# --- may act: the same querysets answer "may edit / submit / return / accept / publish" --------

def _acting(user, action):
    return set(Evaluation.objects.for_user(user, action).values_list("pk", flat=True))


def test_only_the_departments_own_people_edit_and_only_while_drafting(personas, evaluations):
    assert _acting(personas["own_staff"], "edit") == {evaluations["own_draft"].pk}
    assert _acting(personas["own_approver"], "edit") == {evaluations["own_draft"].pk}
    assert _acting(personas["other_staff"], "edit") == set()  # its evaluation is submitted: locked
    assert _acting(personas["reviewer"], "edit") == set()
    assert _acting(AnonymousUser(), "edit") == set()


def test_workflow_actions_follow_the_table(personas, evaluations):
    assert _acting(personas["own_approver"], "submit") == {evaluations["own_draft"].pk}
    assert _acting(personas["own_staff"], "submit") == set()  # 填报人 edits, 负责人 submits
    assert _acting(personas["reviewer"], "accept") == {evaluations["neighbour_submitted"].pk}
    assert _acting(personas["reviewer"], "return") == {evaluations["neighbour_submitted"].pk}
    assert _acting(personas["far_reviewer"], "accept") == set()  # another region
    assert _acting(personas["reviewer"], "publish") == set()  # nothing accepted yet


def test_a_superuser_cannot_edit_a_locked_evaluation(db, evaluations):
    from jixiao.orgs.models import SYSTEM, User

    admin = User.objects.create_superuser("root", password="x")
    editable = {evaluations["own_draft"].pk, evaluations["far_draft"].pk}
    assert _acting(admin, "edit") == editable and _acting(SYSTEM, "edit") == editable


def test_every_part_of_an_evaluation_is_scoped_through_it(personas, reference_evaluation):
    from jixiao.evaluations.models import FundLine, Indicator, ReportSection, Task
    from jixiao.events.models import Event
    from jixiao.monitoring.models import MonitoringSnapshot

    reference_evaluation.status = "draft"
    reference_evaluation.save()
    for model in (FundLine, Task, Indicator, ReportSection, MonitoringSnapshot, Event):
        mine = model.objects.for_user(personas["own_staff"])
        assert mine.count() == model.objects.count() > 0, model.__name__
        assert not model.objects.for_user(personas["other_staff"]).exists(), model.__name__
        assert not model.objects.for_user(AnonymousUser()).exists(), model.__name__
    assert Indicator.objects.for_user(personas["own_staff"], "edit").count() == Indicator.objects.count()
    assert not Indicator.objects.for_user(personas["reviewer"], "edit").exists()
