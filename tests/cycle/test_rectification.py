"""Rectification (整改): the report's problems and measures become items; the bureau issues 整改要求 with a
deadline, the department answers with evidence files (within limits), the bureau confirms or returns;
open and overdue lists for both sides; next year's evaluation and drafted report show what was done."""

from datetime import date, timedelta

import pytest

from jixiao.cycle.common import CycleRefused, NotPermitted
from jixiao.cycle.models import Evidence, RectificationItem
from jixiao.cycle.rectification import (
    add_review_item,
    answer_item,
    confirm_item,
    evidence_limits,
    issue_requirement,
    items_for,
    items_from_report,
    previous_items,
    return_item,
)
from jixiao.domain.enums import EventVerb
from jixiao.evaluations.store import document_for
from jixiao.events.models import Event
from jixiao.narrative.draft import draft_report
from jixiao.notifications.models import Notification

SOON = date.today() + timedelta(days=30)


@pytest.fixture
def items(cycle):
    """The 2021 report's problems and measures as items (2021 is the year whose problems 2022 fixes)."""
    return items_from_report(evaluation=cycle["earlier"], acting_user=cycle["reviewer"])


def test_items_from_the_report_are_idempotent(cycle, items):
    assert [i.key for i in items] and all(i.status == "draft" for i in items)
    assert items_from_report(evaluation=cycle["earlier"], acting_user=cycle["reviewer"]) == []
    with pytest.raises(NotPermitted):
        items_from_report(evaluation=cycle["earlier"], acting_user=cycle["own_staff"])


def test_reference_report_gives_its_three_problems_and_measures(cycle):
    made = items_from_report(evaluation=cycle["evaluation"], acting_user=cycle["reviewer"])
    assert len(made) == 3
    assert made[0].measure.startswith("提高各项指标完成率。") and made[1].problem.startswith("部分任务绩效指标设置不够全面。")


def test_issue_answer_return_answer_confirm(cycle, items, tmp_path, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                                         "OPTIONS": {"location": str(tmp_path)}}}
    item = items[0]
    with pytest.raises(NotPermitted):
        issue_requirement(item=item, requirement="x", deadline=SOON, acting_user=cycle["own_staff"])
    with pytest.raises(CycleRefused, match="已过"):
        issue_requirement(item=item, requirement="x", deadline=date(2020, 1, 1), acting_user=cycle["reviewer"])
    issue_requirement(item=item, requirement="在 2022 年绩效目标中增加效益指标", deadline=SOON, acting_user=cycle["reviewer"])
    assert Notification.objects.filter(recipient=cycle["own_staff"], title__startswith="整改要求").exists()
    with pytest.raises(NotPermitted):
        answer_item(item=item, text="已整改", acting_user=cycle["other_staff"])
    with pytest.raises(CycleRefused, match="类型不能上传"):
        answer_item(item=item, text="已整改", acting_user=cycle["own_staff"], files=[("a.exe", b"MZ")])
    too_big = b"x" * (evidence_limits().max_bytes + 1)
    with pytest.raises(CycleRefused, match="超过单个文件上限 20 MB"):
        answer_item(item=item, text="已整改", acting_user=cycle["own_staff"], files=[("big.pdf", too_big)])
    answer_item(item=item, text="补充了效益指标", acting_user=cycle["own_staff"], files=[("方案.pdf", b"%PDF-1.4 ...")])
    return_item(item=item, acting_user=cycle["reviewer"], reason="未附指标表")
    item.refresh_from_db()
    assert item.status == "returned"
    answer_item(item=item, text="2022 年新增效益指标 3 个", acting_user=cycle["own_approver"],
                files=[("指标表.xlsx", b"PK..")])
    confirm_item(item=item, acting_user=cycle["reviewer"], reason="已核实")
    item.refresh_from_db()
    assert item.status == "confirmed" and item.closed_at
    assert Evidence.objects.filter(reply__item=item).count() == 2
    verbs = list(Event.objects.filter(object_type="cycle.rectificationitem", object_id=str(item.pk))
                 .order_by("id").values_list("verb", flat=True))
    assert verbs == [EventVerb.RECTIFY_ISSUE.value, EventVerb.RECTIFY_ISSUE.value, EventVerb.RECTIFY_REPLY.value,
                     EventVerb.RECTIFY_RETURN.value, EventVerb.RECTIFY_REPLY.value, EventVerb.RECTIFY_CONFIRM.value]
    with pytest.raises(CycleRefused):
        confirm_item(item=item, acting_user=cycle["reviewer"])


def test_open_and_overdue_lists_for_both_sides(cycle, items):
    issue_requirement(item=items[0], requirement="整改", deadline=SOON, acting_user=cycle["reviewer"])
    review = add_review_item(evaluation=cycle["earlier"], problem="项目支出执行率偏低", acting_user=cycle["reviewer"])
    issue_requirement(item=review, requirement="加快支出", deadline=SOON, acting_user=cycle["reviewer"])
    later = SOON + timedelta(days=1)
    for user in ("own_staff", "reviewer"):
        assert items_for(cycle[user], status="open").count() == 2
        assert items_for(cycle[user], overdue_on=later).count() == 2
        assert items_for(cycle[user], overdue_on=SOON).count() == 0
    assert items_for(cycle["other_staff"], status="open").count() == 0
    assert items_for(cycle["far_reviewer"]).count() == 0


def test_next_year_shows_last_years_items_and_the_report_says_what_was_done(cycle, items):
    first, second = items[0], items[1]
    for item in (first, second):
        issue_requirement(item=item, requirement="整改", deadline=SOON, acting_user=cycle["reviewer"])
    answer_item(item=first, text="2022 年起按季度跟踪指标进度", acting_user=cycle["own_staff"])
    confirm_item(item=first, acting_user=cycle["reviewer"])
    assert [i.status for i in previous_items(cycle["evaluation"])] == ["confirmed", "issued"]
    doc = document_for(cycle["evaluation"])
    assert [(n.status, n.confirmed) for n in doc.rectification] == [("已验收", True), ("整改中", False)]
    text = draft_report(doc.with_changes(sections=())).text()
    assert "针对 2021 年度绩效自评发现的问题，财政部门下达整改要求 2 项，已整改并通过验收 1 项，尚在整改 1 项。" in text
    assert "整改情况：2022 年起按季度跟踪指标进度。" in text
