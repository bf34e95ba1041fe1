"""The reviewer's inbox and review screen: what each persona reaches, the actions one by one and for
a selection (every outcome reported), the reason shown to the department, comments on an indicator."""

import re

import pytest
from django.urls import reverse

from jixiao.bureau.models import IndicatorComment
from jixiao.domain.enums import EventVerb
from jixiao.events.models import Event
from jixiao.notifications.models import Notification


def test_the_inbox_lists_the_regions_evaluations_by_status(region_world, login):
    page = login(region_world["reviewer"]).get(reverse("web:bureau:inbox"), {"year": 2023})
    text = page.content.decode()
    assert page.status_code == 200
    assert "广州市黄埔区工商业联合会" in text and "广州市黄埔区司法局" in text
    submitted = login(region_world["reviewer"]).get(reverse("web:bureau:inbox"), {"year": 2023, "status": "submitted"})
    assert list(submitted.context["page"]) == [region_world["submitted"]]
    not_started = login(region_world["reviewer"]).get(reverse("web:bureau:inbox"),
                                                      {"year": 2023, "status": "not_started"})
    assert [d.code for d in not_started.context["page"]] == []  # both home departments have started
    assert login(region_world["reviewer"]).get(reverse("web:bureau:inbox"),
                                               {"year": 2023, "department": "司法局"}).context["page"].paginator.count == 1


def test_the_inbox_opens_on_the_latest_year_with_evaluations(region_world, login):
    page = login(region_world["reviewer"]).get(reverse("web:bureau:inbox"))
    assert page.context["year"] == 2023


def test_an_overdue_draft_is_marked(region_world, login):
    import datetime

    from jixiao.bureau.services import set_deadline

    home = region_world["departments"]["own"].region
    set_deadline(region=home, year=2023, due_on=datetime.date(2024, 1, 31), acting_user=region_world["reviewer"])
    page = login(region_world["reviewer"]).get(reverse("web:bureau:inbox"), {"year": 2023, "status": "overdue"})
    assert [e.pk for e in page.context["page"]] == [region_world["draft"].pk]
    assert "已逾期" in page.content.decode()


@pytest.mark.parametrize("persona, status", [("own_staff", 403), ("other_staff", 403)])
def test_department_people_do_not_reach_the_bureaus_pages(region_world, login, persona, status):
    client = login(region_world[persona])
    assert client.get(reverse("web:bureau:inbox")).status_code == status
    assert client.get(reverse("web:bureau:review", args=[region_world["submitted"].pk])).status_code == status


def test_anonymous_is_sent_to_the_login(region_world, client):
    response = client.get(reverse("web:bureau:review", args=[region_world["submitted"].pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_reviewer_of_another_region_finds_nothing(region_world, login):
    client = login(region_world["far_reviewer"])
    assert client.get(reverse("web:bureau:inbox"), {"year": 2023}).context["page"].paginator.count == 0
    for evaluation in ("submitted", "published", "draft"):
        assert client.get(reverse("web:bureau:review", args=[region_world[evaluation].pk])).status_code == 404
    response = client.post(reverse("web:bureau:act", args=[region_world["submitted"].pk, "accept"]))
    assert response.status_code == 404
    region_world["submitted"].refresh_from_db()
    assert region_world["submitted"].status == "submitted"


def test_the_review_screen_puts_rule_and_self_scores_side_by_side_with_last_year(region_world, login):
    page = login(region_world["reviewer"]).get(reverse("web:bureau:review", args=[region_world["submitted"].pk]))
    assert page.status_code == 200
    items = page.context["items"]
    assert items and all("gap" in row for row in items)
    assert page.context["change"]["document"].year == 2022
    text = page.content.decode()
    assert "规则得分" in text and "自评得分" in text and "与上年比较" in text and "2022 年度" in text
    findings = page.context["findings"]
    severities = [f["finding"].severity.rank for f in findings]
    assert severities == sorted(severities)  # errors first
    assert any(f["anchor"] for f in findings) or not findings
    indicator_findings = [f for f in findings if f["finding"].location.get("object") == "indicator"]
    assert indicator_findings and all(re.fullmatch(r"指标!\w+\d+", f["cell"]) for f in indicator_findings)
    assert [t.action.value for t in page.context["transitions"]] == ["return", "accept"]


def test_return_needs_a_reason_which_the_department_sees(region_world, login):
    evaluation = region_world["submitted"]
    client = login(region_world["reviewer"])
    client.post(reverse("web:bureau:act", args=[evaluation.pk, "return"]), {"reason": "  "})
    evaluation.refresh_from_db()
    assert evaluation.status == "submitted"
    client.post(reverse("web:bureau:act", args=[evaluation.pk, "return"]), {"reason": "请补充偏差原因"})
    evaluation.refresh_from_db()
    assert evaluation.status == "returned"
    staff_page = login(region_world["own_staff"]).get(reverse("web:evaluation", args=[evaluation.pk]))
    assert "请补充偏差原因" in staff_page.content.decode()
    assert Notification.objects.filter(recipient=region_world["own_staff"], evaluation=evaluation).exists()


def test_accept_then_publish_one_by_one(region_world, login):
    evaluation = region_world["submitted"]
    client = login(region_world["reviewer"])
    client.post(reverse("web:bureau:act", args=[evaluation.pk, "accept"]))
    client.post(reverse("web:bureau:act", args=[evaluation.pk, "publish"]))
    evaluation.refresh_from_db()
    assert evaluation.status == "published"
    assert client.post(reverse("web:bureau:act", args=[evaluation.pk, "submit"])).status_code == 404


def test_a_selection_goes_through_the_service_item_by_item_and_every_outcome_is_reported(region_world, login):
    client = login(region_world["reviewer"])
    ids = [region_world["submitted"].pk, region_world["draft"].pk, region_world["published"].pk]
    page = client.post(reverse("web:bureau:batch"), {"action": "accept", "ids": ids})
    outcomes = {o.evaluation.pk: o for o in page.context["outcomes"]}
    assert len(outcomes) == 3 and page.context["done"] == 1 and page.context["refused"] == 2
    assert outcomes[region_world["submitted"].pk].ok
    assert "不能审核通过" in outcomes[region_world["draft"].pk].message
    assert Event.objects.filter(verb=EventVerb.ACCEPT.value, evaluation=region_world["submitted"],
                                actor=region_world["reviewer"]).count() == 1
    # 退回 a selection needs its reason
    refused = client.post(reverse("web:bureau:batch"), {"action": "return", "ids": ids, "next": "//evil.example/"})
    assert refused["Location"] == reverse("web:bureau:inbox")  # never sent elsewhere
    refused = client.post(reverse("web:bureau:batch"), {"action": "return", "ids": ids}, follow=True)
    assert "退回须填写原因" in refused.content.decode()


def test_a_selection_of_another_regions_reviewer_touches_nothing(region_world, login):
    page = login(region_world["far_reviewer"]).post(reverse("web:bureau:batch"),
                                                    {"action": "accept", "ids": [region_world["submitted"].pk]})
    assert page.context["outcomes"] == [] and page.context["missing"] == 1
    region_world["submitted"].refresh_from_db()
    assert region_world["submitted"].status == "submitted"


def test_a_comment_is_kept_with_its_indicator_with_an_event(region_world, login):
    evaluation = region_world["submitted"]
    code = evaluation.tasks.first().indicators.first().code
    client = login(region_world["reviewer"])
    part = client.post(reverse("web:bureau:comment", args=[evaluation.pk]),
                       {"indicator": code, "text": "指标值依据不足"}, HTTP_HX_REQUEST="true")
    assert part.status_code == 200 and "指标值依据不足" in part.content.decode()
    comment = IndicatorComment.objects.get(evaluation=evaluation)
    assert comment.indicator_code == code and comment.author == region_world["reviewer"]
    event = Event.objects.get(verb=EventVerb.COMMENT.value, evaluation=evaluation)
    assert event.data["text"] == "指标值依据不足" and event.data["indicator"] == code
    assert Notification.objects.filter(recipient=region_world["own_staff"], evaluation=evaluation).exists()
    page = client.get(reverse("web:bureau:review", args=[evaluation.pk]))
    assert "指标值依据不足" in page.content.decode()
    assert any("指标值依据不足" in entry.summary for entry in page.context["timeline"])  # the shared timeline
    assert IndicatorComment.objects.for_user(region_world["far_reviewer"]).count() == 0
    assert IndicatorComment.objects.for_user(region_world["other_staff"]).count() == 0
    empty = client.post(reverse("web:bureau:comment", args=[evaluation.pk]), {"indicator": code, "text": ""},
                        HTTP_HX_REQUEST="true")
    assert "请填写批注内容" in empty.content.decode()


def test_an_empty_evaluation_without_history_still_reviews(region_world, login):
    from jixiao.evaluations.models import Evaluation

    empty = Evaluation.objects.create(department=region_world["departments"]["neighbour"], year=2021)
    page = login(region_world["reviewer"]).get(reverse("web:bureau:review", args=[empty.pk]))
    assert page.status_code == 200 and page.context["change"] is None and page.context["items"] == []
    assert "没有上一年度的自评可比较" in page.content.decode()
