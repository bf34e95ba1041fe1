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
