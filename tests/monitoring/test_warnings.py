"""Warnings (预警): each change of colour is a row (old → new, when, why) with an event and notifications
after commit; running again changes nothing; the bureau escalates 提示 → 警示 → 重点关注 with history.
Two ``jixiao warn`` processes at once on PostgreSQL neither duplicate nor lose a notification."""

import os
import subprocess
import sys
from datetime import date

import pytest
from django.core import mail
from django.db import connection

from jixiao.cycle.common import CycleRefused, NotPermitted
from jixiao.domain.enums import EventVerb
from jixiao.events.models import Event
from jixiao.monitoring.models import IndicatorReport, MonitoringWarning, WarningChange
from jixiao.monitoring.services import open_round, report_indicator
from jixiao.monitoring.warnings import compute_warnings, escalate_warning
from jixiao.notifications.models import Notification

AUGUST = date(2022, 8, 1)


@pytest.fixture
def reported(cycle):
    round_ = open_round(region=cycle["region"], year=2022, acting_user=cycle["reviewer"])
    for name in ("own_staff", "own_approver", "reviewer"):
        cycle[name].email = f"{name}@example.gov.cn"
        cycle[name].save()
    report_indicator(round=round_, evaluation=cycle["evaluation"], indicator_code="1-5", value_text="0个",
                     acting_user=cycle["own_staff"], reason_category="其他", analysis="疫情", measure="加强对接")
    report_indicator(round=round_, evaluation=cycle["evaluation"], indicator_code="3-1", value_text="12场次",
                     acting_user=cycle["own_staff"])
    return {**cycle, "round": round_}


def test_changes_are_rows_with_events_and_notifications(reported, django_capture_on_commit_callbacks):
    assert compute_warnings(today=date(2022, 7, 30)).checked == 0  # before the cut-off: nothing yet
    with django_capture_on_commit_callbacks(execute=True):
        summary = compute_warnings(today=AUGUST)
    assert (summary.checked, summary.changed) == (2, 2)
    red = MonitoringWarning.objects.get(subject="1-5")
    assert (red.colour, red.why) == ("red", "预计全年完成不足目标的 80%")
    change = red.changes.get()
    assert (change.kind, change.old, change.new, change.why) == ("colour", "", "red", "预计全年完成不足目标的 80%")
    assert change.event.verb == EventVerb.WARNING.value and change.event.to_state == "红灯"
    told = set(Notification.objects.filter(event=change.event).values_list("recipient__username", flat=True))
    assert told == {"own_staff", "own_approver", "reviewer"}  # red: the bureau too
    assert len(mail.outbox) == 3 and "红灯预警" in mail.outbox[0].subject
    green = MonitoringWarning.objects.get(subject="3-1")
    assert green.colour == "green" and not Notification.objects.filter(event=green.changes.get().event).exists()

    again = compute_warnings(today=AUGUST)  # idempotent
    assert (again.changed, WarningChange.objects.count(), Notification.objects.count()) == (2 - 2, 2, 3)


def test_a_recovered_indicator_is_recorded_but_tells_nobody(reported):
    compute_warnings(today=AUGUST)
    IndicatorReport.objects.filter(indicator_code="1-5").update(colour="green", colour_why="")
    assert compute_warnings(today=AUGUST).changed == 1
    change = MonitoringWarning.objects.get(subject="1-5").changes.order_by("id").last()
    assert (change.old, change.new, change.why) == ("red", "green", "恢复正常")
    assert Notification.objects.filter(event=change.event).count() == 0


def test_escalation_by_the_bureau_keeps_its_history(reported):
    compute_warnings(today=AUGUST)
    warning = MonitoringWarning.objects.get(subject="1-5")
    for user in ("own_staff", "far_reviewer"):
        with pytest.raises(NotPermitted):
            escalate_warning(warning=warning, level="提示", acting_user=reported[user], reason="x")
    escalate_warning(warning=warning, level="提示", acting_user=reported["reviewer"], reason="7月底仍为 0")
    escalate_warning(warning=warning, level="警示", acting_user=reported["reviewer"], reason="8月仍无进展")
    with pytest.raises(CycleRefused, match="只能升级"):
        escalate_warning(warning=warning, level="提示", acting_user=reported["reviewer"], reason="x")
    with pytest.raises(CycleRefused, match="无效"):
        escalate_warning(warning=warning, level="约谈", acting_user=reported["reviewer"], reason="x")
    history = list(warning.changes.filter(kind="escalation").values_list("old", "new", "why"))
    assert history == [("", "提示", "7月底仍为 0"), ("提示", "警示", "8月仍无进展")]
    assert Event.objects.filter(verb=EventVerb.ESCALATE.value).count() == 2
    assert Notification.objects.filter(recipient=reported["own_staff"], title__startswith="财政局警示").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two processes at once need PostgreSQL")
def test_two_warn_processes_at_once_neither_duplicate_nor_lose(reported, settings):
    # Many subjects, so that the two processes overlap: every indicator of both years, red and yellow.
    for evaluation, round_ in ((reported["evaluation"], reported["round"]),):
        for i, code in enumerate(evaluation.tasks.values_list("indicators__code", flat=True)):
            IndicatorReport.objects.update_or_create(
                round=round_, evaluation=evaluation, indicator_code=code,
                defaults=dict(indicator_name=f"指标{code}", colour="red" if i % 2 else "yellow", colour_why="测试"))
    subjects = IndicatorReport.objects.count()
    db = connection.settings_dict
    env = {**os.environ, "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
           "JIXIAO_DATA_DIR": str(settings.DATA_DIR)}
    command = [sys.executable, "-m", "jixiao.cli", "warn", "--date", "2022-08-01"]
    processes = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert all(p.returncode == 0 for p in processes), outputs
    assert MonitoringWarning.objects.count() == subjects
    assert WarningChange.objects.count() == subjects  # each subject changed once, by one of the two
    reds = MonitoringWarning.objects.filter(colour="red").count()
    yellows = subjects - reds
    expected = reds * 3 + yellows * 2  # red: staff, approver, reviewer; yellow: staff, approver
    notes = Notification.objects.all()
    assert notes.count() == expected
    assert notes.values("recipient", "key").distinct().count() == expected
    assert notes.filter(emailed_at__isnull=True).count() == 0  # every mail left, after commit
    changed = sum(int(out.split("颜色变化 ")[1].split(" 项")[0]) for out, _ in outputs)
    assert changed == subjects
    print("warn split:", [out.strip() for out, _ in outputs])


def test_a_round_not_reported_after_its_deadline_is_a_warning(cycle, django_capture_on_commit_callbacks):
    """A department year with no report of a round once its deadline has passed gets the pack's colour on
    the subject “报送” (row, event, notification after commit, idempotent), back to 绿 once it reports."""
    from datetime import timedelta

    from jixiao.monitoring.warnings import MISSING_SUBJECT

    round_ = open_round(region=cycle["region"], year=2022, acting_user=cycle["reviewer"])
    assert compute_warnings(today=round_.deadline).checked == 0  # the deadline day itself: still in time
    after = round_.deadline + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        summary = compute_warnings(today=after)
    assert summary.changed >= 1 and callbacks
    warning = MonitoringWarning.objects.get(evaluation=cycle["evaluation"], subject=MISSING_SUBJECT)
    assert warning.colour == "red" and "未报送" in warning.why and f"{round_.deadline:%Y-%m-%d}" in warning.why
    change = warning.changes.get()
    assert change.event.verb == EventVerb.WARNING.value
    told = set(Notification.objects.filter(event=change.event).values_list("recipient__username", flat=True))
    assert {"own_staff", "reviewer"} <= told
    notified = Notification.objects.count()
    assert compute_warnings(today=after).changed == 0 and Notification.objects.count() == notified
    report_indicator(round=round_, evaluation=cycle["evaluation"], indicator_code="3-1", value_text="12场次",
                     acting_user=cycle["own_staff"])
    compute_warnings(today=after)
    warning.refresh_from_db()
    assert warning.colour == "green" and warning.changes.count() == 2
    assert Notification.objects.filter(event=warning.changes.latest("id").event).count() == 0
