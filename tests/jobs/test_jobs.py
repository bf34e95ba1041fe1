"""Jobs in-process (the default backend): each kind through its use cases and services, progress,
permissions, cancellation, and resuming a chunk whose worker stopped without redoing what it did."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from jixiao.domain.enums import EvaluationStatus, EventVerb
from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.selectors import published_documents
from jixiao.events.models import Event
from jixiao.jobs import runner
from jixiao.jobs.models import ChunkStatus, Job, JobStatus
from jixiao.jobs.services import JobNotPermitted, JobRefused, cancel_job, start_job
from jixiao.usecases.opendata import open_data_archive


def _zip_names(job):
    with job.result.open("rb") as handle:
        return sorted(zipfile.ZipFile(io.BytesIO(handle.read())).namelist())


def test_a_regions_reports_come_as_one_zip_of_every_department(run_on_commit, demo_reviewer, region):
    job = run_on_commit(start_job, kind="reports", region=region, year=2022, acting_user=demo_reviewer,
                        params={"format": "html", "charts": False}, chunk_size=2)
    job.refresh_from_db()
    count = Evaluation.objects.filter(department__region=region, year=2022, kind="department").count()
    assert job.status == JobStatus.DONE.value and job.total == count >= 4
    assert job.chunks.count() == (count + 1) // 2
    assert job.progress().done == count and job.progress().percent == 100
    names = _zip_names(job)
    assert len(names) == count and all(n.startswith("2022-440112") and n.endswith("绩效自评报告.html") for n in names)
    assert job.result_name == "2022-440112-广州市黄埔区-绩效自评报告-html.zip"
    event = Event.objects.get(verb=EventVerb.JOB_START.value)
    assert event.actor == demo_reviewer and event.data["total"] == count


def test_open_data_in_parts_is_byte_for_byte_the_package_made_at_once(run_on_commit, demo_reviewer, region):
    job = run_on_commit(start_job, kind="opendata", region=region, year=None, acting_user=demo_reviewer,
                        chunk_size=1)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE.value
    expected = open_data_archive(published_documents(region="440112"))
    with job.result.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    assert sorted(archive.namelist()) == sorted(expected)
    for name, content in expected.items():
        assert archive.read(name) == content, name
    assert job.total == Evaluation.objects.filter(status=EvaluationStatus.PUBLISHED.value).count()


def test_rescoring_a_region_stores_the_engines_scores_with_one_event_each(run_on_commit, demo_reviewer, region):
    Evaluation.objects.update(score_total=0, score_grade="差")
    job = run_on_commit(start_job, kind="rescore", region=region, year=2022, acting_user=demo_reviewer,
                        params={"reason": "规则包修订"}, chunk_size=3)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE.value
    rescored = Evaluation.objects.filter(department__region=region, year=2022)
    assert all(e.score_total and e.score_total > 0 for e in rescored if e.rule_pack)
    # (the demo's approved target adjustment rescored one evaluation before: not this job's)
    events = Event.objects.filter(verb=EventVerb.RESCORE.value, reason__startswith=f"后台任务 #{job.pk}")
    assert sorted(events.values_list("evaluation_id", flat=True)) == sorted(rescored.values_list("pk", flat=True))
    assert all(e.actor == demo_reviewer and f"后台任务 #{job.pk}：规则包修订" == e.reason for e in events)
    assert Evaluation.objects.filter(year=2021, score_total=0).exists()  # another year is left alone


def test_the_warnings_job_settles_every_department_as_the_command_would(run_on_commit, demo_reviewer, region):
    from jixiao.monitoring.models import MonitoringRound, MonitoringWarning, WarningChange
    from jixiao.monitoring.warnings import MISSING_SUBJECT, compute_warnings

    round_ = MonitoringRound.objects.get(region=region)
    day = round_.deadline + timedelta(days=1)  # the demo settled its round on the deadline: none was missing yet
    before = WarningChange.objects.count()
    job = run_on_commit(start_job, kind="warnings", region=region, year=round_.year, acting_user=demo_reviewer,
                        params={"date": day.isoformat()}, chunk_size=2)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE.value and job.params == {"date": day.isoformat()}
    owing = Evaluation.objects.filter(department__region=region, year=round_.year, kind="department")
    assert job.total == owing.count() and job.progress().done == job.total
    missing = MonitoringWarning.objects.filter(round=round_, subject=MISSING_SUBJECT)
    assert missing.exists() and missing.count() < owing.count()  # the departments that reported are not missing
    events = Event.objects.filter(verb=EventVerb.WARNING.value, evaluation__in=missing.values("evaluation"))
    assert events.exists() and all(e.actor == demo_reviewer for e in events)
    settled = WarningChange.objects.count()
    assert settled > before
    # the job left the state the command reaches: running either again changes nothing
    assert compute_warnings(today=day, region=region, year=round_.year).changed == 0
    again = run_on_commit(start_job, kind="warnings", region=region, year=round_.year, acting_user=demo_reviewer,
                          params={"date": day.isoformat()})
    again.refresh_from_db()
    assert again.status == JobStatus.DONE.value and WarningChange.objects.count() == settled


def test_a_warnings_job_on_a_day_that_is_no_date_is_refused(demo_reviewer, region):
    with pytest.raises(JobRefused, match="预警计算日期“2022-13-01”无效"):
        start_job(kind="warnings", region=region, year=2022, acting_user=demo_reviewer, params={"date": "2022-13-01"})
    assert not Job.objects.exists()


@pytest.mark.parametrize("persona", ["far_reviewer", "own_staff", "own_approver"])
def test_only_the_regions_reviewers_start_its_jobs(personas, persona):
    from jixiao.orgs.models import Region

    Evaluation.objects.create(department=personas["departments"]["own"], year=2022)
    with pytest.raises(JobNotPermitted):
        start_job(kind="reports", region=Region.objects.get(code="440112"), year=2022,
                  acting_user=personas[persona])
    assert not Job.objects.exists()


def test_anonymous_starts_nothing_and_sees_no_job(personas, region):
    with pytest.raises(JobNotPermitted):
        start_job(kind="rescore", region=region, year=2022, acting_user=AnonymousUser())
    assert not Job.objects.for_user(AnonymousUser()).exists()


def test_a_job_with_nothing_to_do_or_a_bad_format_is_refused(demo_reviewer, region):
    with pytest.raises(JobRefused, match="2030 年度没有自评"):
        start_job(kind="reports", region=region, year=2030, acting_user=demo_reviewer)
    with pytest.raises(JobRefused, match="报告格式“odt”无效"):
        start_job(kind="reports", region=region, year=2022, acting_user=demo_reviewer, params={"format": "odt"})


def test_jobs_are_seen_by_the_regions_reviewers_only(demo_reviewer, region, personas, settings):
    settings.JIXIAO_TASK_BACKEND = "database"  # queued, not run: nothing to capture
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = start_job(kind="rescore", region=region, year=2022, acting_user=demo_reviewer)
    assert list(Job.objects.for_user(personas["reviewer"])) == [job]  # the same region
    for other in ("far_reviewer", "own_staff"):
        assert not Job.objects.for_user(personas[other]).exists()


@pytest.fixture
def queued(settings, demo_reviewer, region):
    """A re-scoring job queued for a database worker (nothing runs by itself), chunks of 2."""
    settings.JIXIAO_TASK_BACKEND = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return start_job(kind="rescore", region=region, year=2022, acting_user=demo_reviewer, chunk_size=2)


def test_cancelling_drops_what_has_not_started(queued, demo_reviewer):
    first = queued.chunks.order_by("index").first()
    runner._claim(first.pk, "w1")
    job = cancel_job(job=queued, acting_user=demo_reviewer)
    assert job.status == JobStatus.QUEUED.value or job.status == JobStatus.RUNNING.value  # one chunk still running
    assert set(job.chunks.exclude(pk=first.pk).values_list("status", flat=True)) == {ChunkStatus.CANCELLED.value}
    # the worker running the first chunk stops before its next evaluation
    assert runner._step(first.pk, "w1", first.items[0], job, runner.HANDLERS["rescore"]) is False
    runner._close(first.pk, "w1", ChunkStatus.CANCELLED)
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED.value and job.progress().done == 0
    assert Event.objects.filter(verb=EventVerb.JOB_CANCEL.value, actor=demo_reviewer).exists()
    with pytest.raises(JobRefused, match="已结束"):
        cancel_job(job=job, acting_user=demo_reviewer)


def test_a_chunk_running_in_a_live_worker_is_not_run_twice(queued):
    chunk = queued.chunks.order_by("index").first()
    assert runner._claim(chunk.pk, "alive") is not None
    assert runner.run_chunk(chunk.pk, worker="another") == "skipped"
    chunk.refresh_from_db()
    assert (chunk.worker, chunk.attempts, chunk.done) == ("alive", 1, 0)


def test_a_killed_workers_chunk_resumes_after_what_it_finished(queued, settings):
    chunk = queued.chunks.order_by("index").first()
    first_item, second_item = chunk.items
    runner._claim(chunk.pk, "killed")
    runner._step(chunk.pk, "killed", first_item, queued, runner.HANDLERS["rescore"])
    # the worker dies here: no sign of life for longer than the lease
    type(chunk).objects.filter(pk=chunk.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=settings.JIXIAO_JOB_LEASE_SECONDS + 1))
    assert runner.recover() == [chunk.pk]
    chunk.refresh_from_db()
    assert chunk.status == ChunkStatus.PENDING.value and chunk.done == 1 and chunk.task_id
    assert runner.run_chunk(chunk.pk, worker="second") == ChunkStatus.DONE.value
    chunk.refresh_from_db()
    assert chunk.attempts == 2 and [item for item, _ in chunk.done_items] == [first_item, second_item]
    events = Event.objects.filter(verb=EventVerb.RESCORE.value, reason__startswith=f"后台任务 #{queued.pk}")
    assert sorted(events.values_list("evaluation_id", flat=True)) == sorted([first_item, second_item])
    with pytest.raises(runner.LeaseLost):  # the dead worker, were it to wake up, records nothing
        runner._step(chunk.pk, "killed", second_item, queued, runner.HANDLERS["rescore"])


def test_a_chunk_interrupted_too_often_fails_the_job(queued, settings):
    old = timezone.now() - timedelta(seconds=settings.JIXIAO_JOB_LEASE_SECONDS + 1)
    for chunk in queued.chunks.all():
        chunk.status, chunk.attempts, chunk.heartbeat_at = ChunkStatus.RUNNING.value, runner.MAX_ATTEMPTS, old
        chunk.save()
    runner.recover()
    queued.refresh_from_db()
    assert queued.status == JobStatus.FAILED.value and "工作进程中断 3 次" in queued.error


def test_one_failing_evaluation_is_reported_and_the_others_are_made(run_on_commit, demo_reviewer, region,
                                                                     monkeypatch):
    import jixiao.usecases.reports as reports

    real = reports.produce_report
    broken = Evaluation.objects.filter(department__region=region, year=2022).order_by("department__code").first()

    def produce(doc, fmt="docx", **kwargs):
        if doc.department_code == broken.department.code:
            raise RuntimeError("模板损坏")
        return real(doc, fmt, **kwargs)

    monkeypatch.setattr(reports, "produce_report", produce)
    job = run_on_commit(start_job, kind="reports", region=region, year=2022, acting_user=demo_reviewer,
                        params={"format": "html", "charts": False})
    job.refresh_from_db()
    assert job.status == JobStatus.DONE.value and job.summary["failed"] == 1
    assert job.summary["failures"][0] == [str(broken), "RuntimeError: 模板损坏"]
    assert len(_zip_names(job)) == job.total - 1


def test_progress_tells_the_time_left_from_the_rate_so_far():
    from jixiao.jobs.models import Progress

    started = timezone.now() - timedelta(seconds=60)
    progress = Progress(30, 90, started)
    assert progress.percent == 33 and 115 <= progress.seconds_left <= 125
    assert progress.time_left.startswith("约 2 分")
    assert Progress(0, 90, None).time_left == "估算中"


def test_the_warnings_job_from_the_command_line_takes_its_date(demo_db, capsys, settings):
    from jixiao.cli import main
    from jixiao.monitoring.models import MonitoringWarning
    from jixiao.monitoring.warnings import MISSING_SUBJECT

    settings.JIXIAO_TASK_BACKEND = "database"  # queued for a worker; this test is the worker
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert main(["jobs", "start", "warnings", "--region", "440112", "--year", "2022", "--date", "2022-09-01"]) == 0
    job = Job.objects.get()
    assert (job.kind, job.params) == ("warnings", {"date": "2022-09-01"})
    assert f"已排队：#{job.pk} 计算监控预警" in capsys.readouterr().out
    for chunk in job.chunks.all():
        runner.run_chunk(chunk.pk, worker="test")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE.value
    assert MonitoringWarning.objects.filter(subject=MISSING_SUBJECT).exists()
    assert main(["jobs", "start", "warnings", "--region", "440112", "--year", "2022", "--date", "9月1日"]) == 2
    assert "预警计算日期“9月1日”无效" in capsys.readouterr().err


def test_a_rescore_asked_to_explain_all_writes_again_explanations_the_scores_alone_would_not_show(
        run_on_commit, demo_reviewer, region):
    """A pack's wording edited alone changes no score: the quick comparison sees nothing; asked to, the job
    writes every explanation again."""
    from jixiao.evaluations.models import Indicator

    indicators = Indicator.objects.filter(task__evaluation__department__region=region, task__evaluation__year=2022,
                                          task__evaluation__kind="department").exclude(score_explanation="")
    stale = indicators.order_by("pk").first()
    explanation = stale.score_explanation
    Indicator.objects.filter(pk=stale.pk).update(score_explanation="旧规则包的说明")
    run_on_commit(start_job, kind="rescore", region=region, year=2022, acting_user=demo_reviewer)
    stale.refresh_from_db()
    assert stale.score_explanation == "旧规则包的说明"  # every score equal: nothing to see for the comparison
    job = run_on_commit(start_job, kind="rescore", region=region, year=2022, acting_user=demo_reviewer,
                        params={"explain_all": "1"})
    stale.refresh_from_db()
    assert job.params["explain_all"] is True and stale.score_explanation == explanation
