"""Adjustments (调整): the department requests with a reason, the bureau approves or rejects; both values
are kept, the approved one is scored and the evaluation and the drafted report say so."""

from decimal import Decimal as D

import pytest

from jixiao.cycle.adjustments import decide_adjustment, request_adjustment
from jixiao.cycle.common import CycleRefused, NotPermitted
from jixiao.domain.adjustments import scored_targets
from jixiao.domain.enums import EventVerb
from jixiao.evaluations.models import FundLine, Indicator
from jixiao.evaluations.store import document_for
from jixiao.events.models import Event
from jixiao.narrative.draft import draft_report
from jixiao.notifications.models import Notification


def test_target_adjustment_approved_is_scored_and_reported(cycle):
    evaluation = cycle["evaluation"]
    with pytest.raises(CycleRefused, match="调整原因"):
        request_adjustment(evaluation=evaluation, kind="target", subject="1-5", after="≥0个", reason=" ",
                           acting_user=cycle["own_staff"])
    with pytest.raises(NotPermitted):
        request_adjustment(evaluation=evaluation, kind="target", subject="1-5", after="≥0个", reason="疫情",
                           acting_user=cycle["other_staff"])
    adjustment = request_adjustment(evaluation=evaluation, kind="target", subject="3-2", after="≥20场次",
                                    reason="受疫情影响，线下活动减少", acting_user=cycle["own_staff"])
    assert (adjustment.before, adjustment.after, adjustment.status) == ("≥24场次", "≥20场次", "pending")
    assert Notification.objects.filter(recipient=cycle["reviewer"], title__startswith="调整申请待审批").exists()
    with pytest.raises(NotPermitted):
        decide_adjustment(adjustment=adjustment, approve=True, acting_user=cycle["own_approver"])
    decide_adjustment(adjustment=adjustment, approve=True, acting_user=cycle["reviewer"], reason="同意")
    adjustment.refresh_from_db()
    assert (adjustment.status, adjustment.before, adjustment.after) == ("approved", "≥24场次", "≥20场次")
    assert Indicator.objects.get(task__evaluation=evaluation, code="3-2").target_value == 20
    doc = document_for(evaluation)
    [scored] = scored_targets(doc)
    assert scored.scored_adjusted and scored.sentence == (
        "“红创谷举办两新党建创新主题活动场次”年度指标值经批准由 ≥24场次 调整为 ≥20场次，自评按调整后的指标值 ≥20场次 评分")
    text = draft_report(doc.with_changes(sections=())).text()  # drafted, not the stored 2022 text
    assert "经批准由 ≥24场次 调整为 ≥20场次" in text
    assert {EventVerb.ADJUST_REQUEST.value, EventVerb.ADJUST_APPROVE.value, EventVerb.RESCORE.value} <= set(
        Event.objects.filter(evaluation=evaluation).values_list("verb", flat=True))
    with pytest.raises(CycleRefused, match="已已批准|已批准"):
        decide_adjustment(adjustment=adjustment, approve=False, acting_user=cycle["reviewer"], reason="x")


def test_budget_adjustment_rejected_keeps_the_budget(cycle):
    evaluation = cycle["evaluation"]
    adjustment = request_adjustment(evaluation=evaluation, kind="budget", subject="一般公共预算财政拨款·项目支出",
                                    after="500", reason="追加阵地改造经费", acting_user=cycle["own_approver"])
    assert (adjustment.before, adjustment.after) == ("476.68", "500.00")
    with pytest.raises(CycleRefused, match="须写明原因"):
        decide_adjustment(adjustment=adjustment, approve=False, acting_user=cycle["reviewer"])
    decide_adjustment(adjustment=adjustment, approve=False, acting_user=cycle["reviewer"], reason="年中不再追加")
    adjustment.refresh_from_db()
    assert adjustment.status == "rejected" and adjustment.decision_reason == "年中不再追加"
    assert FundLine.objects.get(evaluation=evaluation, nature="project").full_year_budget == D("476.68")
    assert Notification.objects.filter(recipient=cycle["own_staff"], title__startswith="调整未批准").exists()


def test_score_says_which_value_was_scored(tmp_path, capsys):
    import yaml
    from importlib import resources

    from jixiao.cli import main

    data = yaml.safe_load((resources.files("jixiao.demo") / "data" / "440112-gsl-2022.yaml").read_text(encoding="utf-8"))
    data["tasks"][2]["indicators"][1]["target"] = "≥20场次"
    data["adjustments"].append({"kind": "target", "subject": "3-2", "before": "≥24场次", "after": "≥20场次",
                                "reason": "疫情", "status": "approved"})
    file = tmp_path / "doc.yaml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["score", str(file)]) == 0
    assert "3-2 “红创谷举办两新党建创新主题活动场次”年度指标值经批准由 ≥24场次 调整为 ≥20场次，自评按调整后的指标值 ≥20场次 评分" \
        in capsys.readouterr().out


def test_the_approved_declaration_keeps_the_declared_value_and_monitoring_reads_its_accumulation(cycle):
    from jixiao.cycle.targets import review_declaration, save_declaration, submit_declaration
    from jixiao.monitoring.services import open_round, report_indicator

    evaluation = cycle["evaluation"]
    rows = [{"task_code": "3", "code": "3-2", "level1": "产出指标", "level2": "数量指标",
             "name": "红创谷举办两新党建创新主题活动场次", "target": "≥24场次", "accumulation": "当期值"}]
    declaration, _ = save_declaration(department=evaluation.department, year=2022, goal="党建", rows=rows,
                                      acting_user=cycle["own_staff"])
    submit_declaration(declaration=declaration, acting_user=cycle["own_staff"])
    review_declaration(declaration=declaration, approve=True, acting_user=cycle["reviewer"])
    adjustment = request_adjustment(evaluation=evaluation, kind="target", subject="3-2", after="≥20场次", reason="疫情",
                                    acting_user=cycle["own_staff"])
    decide_adjustment(adjustment=adjustment, approve=True, acting_user=cycle["reviewer"])
    row = declaration.rows.get()
    assert (row.original_target, row.target, row.accumulation) == ("≥24场次", "≥20场次", "periodic")
    round_ = open_round(region=cycle["region"], year=2022, acting_user=cycle["reviewer"])
    report = report_indicator(round=round_, evaluation=evaluation, indicator_code="3-2", value_text="14场次",
                              acting_user=cycle["own_staff"])
    assert report.accumulation == "periodic"


def test_an_import_keeps_who_requested_and_decided_an_adjustment(cycle):
    """A workbook carries no requester, decider nor 审批意见: importing it keeps them on the same row, and a
    decision made in the application is not undone by a workbook exported before it."""
    from dataclasses import replace

    from jixiao.domain.enums import AdjustmentStatus
    from jixiao.evaluations.models import Adjustment
    from jixiao.evaluations.services import import_document
    from jixiao.orgs.models import SYSTEM

    evaluation = cycle["evaluation"]
    adjustment = request_adjustment(evaluation=evaluation, kind="target", subject="3-2", after="≥20场次",
                                    reason="受疫情影响，线下活动减少", acting_user=cycle["own_staff"])
    exported_before = document_for(evaluation)  # still 待审批 in this workbook
    decide_adjustment(adjustment=adjustment, approve=True, acting_user=cycle["reviewer"], reason="同意")
    adjustment.refresh_from_db()
    decided = (adjustment.status, adjustment.requested_on, adjustment.decided_on)
    others = [a for a in exported_before.adjustments if a.subject != "3-2"]
    [pending] = [a for a in exported_before.adjustments if a.subject == "3-2"]
    assert pending.status is AdjustmentStatus.PENDING
    edited = exported_before.with_changes(
        tasks=document_for(evaluation).tasks,  # the approved target, as stored now
        adjustments=(*others, replace(pending, reason="受疫情影响，线下活动减少三场")))
    import_document(document=edited, acting_user=SYSTEM, allow_locked=True)
    row = Adjustment.objects.get(evaluation=evaluation, subject="3-2")
    assert row.pk == adjustment.pk
    assert (row.requested_by, row.decided_by, row.decision_reason) == (cycle["own_staff"], cycle["reviewer"], "同意")
    assert (row.status, row.requested_on, row.decided_on) == decided
    assert row.reason == "受疫情影响，线下活动减少三场"
    assert [h.reason for h in row.history.order_by("history_id")][-1] == "受疫情影响，线下活动减少三场"
    import_document(document=document_for(evaluation), acting_user=SYSTEM, allow_locked=True)
    assert Adjustment.objects.get(pk=row.pk).history.count() == row.history.count()


def test_a_pending_request_edited_in_the_workbook_stays_the_same_request(cycle):
    """The values of a request still pending changed in the workbook: the same row (the import plan's key:
    kind, subject, 申请日期), its requester kept."""
    from dataclasses import replace

    from jixiao.evaluations.models import Adjustment
    from jixiao.evaluations.services import import_document
    from jixiao.orgs.models import SYSTEM

    evaluation = cycle["evaluation"]
    adjustment = request_adjustment(evaluation=evaluation, kind="target", subject="3-2", after="≥20场次",
                                    reason="受疫情影响，线下活动减少", acting_user=cycle["own_staff"])
    doc = document_for(evaluation)
    edited = doc.with_changes(adjustments=tuple(
        replace(a, after="≥18场次") if a.subject == "3-2" else a for a in doc.adjustments))
    import_document(document=edited, acting_user=SYSTEM, allow_locked=True)
    row = Adjustment.objects.get(evaluation=evaluation, subject="3-2")
    assert (row.pk, row.after, row.requested_by, row.status) == (adjustment.pk, "≥18场次", cycle["own_staff"], "pending")
