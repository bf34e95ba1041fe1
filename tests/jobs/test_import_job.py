"""批量导入 as a job: a system administrator uploads a zip of departments' workbooks; each workbook is
imported on its own (all or nothing, with the refusals of a single upload), held to the region; the
result lists every workbook; a worker that dies imports nothing twice; nobody else starts one."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from openpyxl import load_workbook

from jixiao.cli import main as cli
from jixiao.domain.enums import EventVerb
from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.store import document_for
from jixiao.events.models import Event
from jixiao.jobs import runner
from jixiao.jobs.models import ChunkStatus, Job, JobStatus
from jixiao.jobs.services import JobNotPermitted, JobRefused, start_job
from jixiao.usecases.workbooks import export_document


@pytest.fixture
def admin(demo_db):
    from jixiao.orgs.models import User

    return User.objects.get(username="admin")


def _evaluations(region, n=2):
    return list(Evaluation.objects.filter(department__region=region, year=2022, kind="department", status__in=("draft", "returned"))
                .select_related("department").order_by("department__code")[:n])


def _workbook(evaluation, **changes) -> bytes:
    return export_document(document_for(evaluation).with_changes(**changes)).data


def _zip(members: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def _gbk_zip(name: str, data: bytes) -> io.BytesIO:
    """A zip as Chinese Windows writes it: the name in GBK bytes, without the UTF-8 flag (the zip module
    always writes UTF-8, so a placeholder of the same length is swapped for the GBK bytes)."""
    stem, suffix = name.rsplit(".", 1)
    encoded = stem.encode("gbk")
    raw = _zip({"X" * len(encoded) + "." + suffix: data}).getvalue()
    return io.BytesIO(raw.replace(b"X" * len(encoded), encoded))


def _result_rows(job) -> list[tuple]:
    with job.result.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_each_workbook_is_imported_on_its_own_and_the_result_lists_them_all(run_on_commit, admin, region):
    good, other = _evaluations(region)
    outside = _workbook(other, department_code="999001", department_name="外区某局", region_code="110101",
                        region_name="东城区")
    archive = _zip({"二〇二二/" + f"{good.department.name}.xlsx": _workbook(good, self_name="本局（批量导入）"),
                    "二〇二二/损坏的.xlsx": b"this is no workbook",
                    "二〇二二/外区某局.xlsx": outside,
                    "说明.txt": "请导入".encode(), "__MACOSX/._x.xlsx": b"fork"})
    job = run_on_commit(start_job, kind="import", region=region, year=None, acting_user=admin,
                        upload=archive, upload_name="黄埔区2022.zip", chunk_size=2)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE.value and job.total == 3 and job.chunks.count() == 2
    assert job.summary["done"] == 3 and job.summary["failed"] == 2 and job.succeeded == 1
    good.department.refresh_from_db()
    assert good.department.self_name == "本局（批量导入）"
    event = Event.objects.filter(verb=EventVerb.IMPORT.value, evaluation=good).latest("pk")
    assert event.actor == admin and event.data["file_name"] == f"{good.department.name}.xlsx"  # without its folder
    assert not Evaluation.objects.filter(department__code="999001").exists()  # outside the region: not imported
    header, *rows = _result_rows(job)
    assert header == ("序号", "工作簿", "结果", "自评", "说明")
    by_name = {row[1]: row for row in rows}
    assert set(by_name) == {f"二〇二二/{good.department.name}.xlsx", "二〇二二/损坏的.xlsx", "二〇二二/外区某局.xlsx"}
    assert by_name[f"二〇二二/{good.department.name}.xlsx"][2:4] == ("已导入", str(good))
    assert by_name["二〇二二/损坏的.xlsx"][2] == "未导入" and "不是 Excel 工作簿" in by_name["二〇二二/损坏的.xlsx"][4]
    assert "不在广州市黄埔区范围内" in by_name["二〇二二/外区某局.xlsx"][4]
    assert job.result_name == "440112-广州市黄埔区-批量导入结果.xlsx"
    assert not default_storage.exists(job.params["archive"])  # the upload is removed once the job is done
    assert "workbooks" not in job.shown_params and job.shown_params["archive_name"] == "黄埔区2022.zip"


def test_a_workbook_with_a_bad_cell_names_it_and_stores_nothing(run_on_commit, admin, region):
    (evaluation,) = _evaluations(region, 1)
    data = _workbook(evaluation)
    book = load_workbook(io.BytesIO(data))
    sheet = book["指标"]
    header = [cell.value for cell in sheet[1]]
    column = next(i for i, name in enumerate(header, 1) if name and "分值" in str(name))
    sheet.cell(row=2, column=column, value="十分")
    buffer = io.BytesIO()
    book.save(buffer)
    before = evaluation.revision
    job = run_on_commit(start_job, kind="import", region=region, year=None, acting_user=admin,
                        upload=_zip({"坏格.xlsx": buffer.getvalue()}), upload_name="a.zip")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE.value and job.summary["failed"] == 1
    name, reason = job.summary["failures"][0]
    assert name == "坏格.xlsx" and "指标!" in reason and "十分" in reason
    evaluation.refresh_from_db()
    assert evaluation.revision == before


def test_names_zipped_by_chinese_windows_in_gbk_are_read_as_written(run_on_commit, admin, region):
    (evaluation,) = _evaluations(region, 1)
    job = run_on_commit(start_job, kind="import", region=region, year=None, acting_user=admin,
                        upload=_gbk_zip("财政局自评.xlsx", _workbook(evaluation)), upload_name="gbk.zip")
    job.refresh_from_db()
    assert job.params["workbooks"] == [[0, "财政局自评.xlsx"]] and job.summary["failed"] == 0


@pytest.mark.parametrize("members, message", [
    (None, "不是 zip 压缩包"),
    ({"说明.txt": b"x"}, "压缩包中没有 Excel 工作簿"),
])
def test_an_upload_that_is_no_archive_of_workbooks_is_refused_and_nothing_is_kept(admin, region, members, message):
    upload = io.BytesIO(b"PK\x03\x04 broken") if members is None else _zip(members)
    with pytest.raises(JobRefused, match=message):
        start_job(kind="import", region=region, year=None, acting_user=admin, upload=upload, upload_name="x.zip")
    assert not Job.objects.exists()
    with pytest.raises(JobRefused, match="请选择要导入的压缩包"):
        start_job(kind="import", region=region, year=None, acting_user=admin)


def test_a_workbook_larger_than_one_may_be_is_refused_by_name(admin, region, monkeypatch):
    monkeypatch.setenv("JIXIAO_WORKBOOK_MAX_FILE_MB", "1")
    with pytest.raises(JobRefused, match="“大.xlsx”过大"):
        start_job(kind="import", region=region, year=None, acting_user=admin,
                  upload=_zip({"大.xlsx": b"0" * (1024 * 1024 + 10)}), upload_name="x.zip")


@pytest.mark.parametrize("who", ["hp_reviewer", "gsl_staff"])
def test_only_a_system_administrator_imports_in_bulk(demo_db, region, who):
    from jixiao.orgs.models import User

    with pytest.raises(JobNotPermitted):
        start_job(kind="import", region=region, year=None, acting_user=User.objects.get(username=who),
                  upload=_zip({"a.xlsx": b"x"}), upload_name="a.zip")


def test_a_killed_worker_imports_nothing_twice(settings, admin, region):
    settings.JIXIAO_TASK_BACKEND = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    first, second = _evaluations(region)
    job = start_job(kind="import", region=region, year=None, acting_user=admin, upload_name="b.zip",
                    upload=_zip({"1.xlsx": _workbook(first), "2.xlsx": _workbook(second)}))
    chunk = job.chunks.get()
    runner._claim(chunk.pk, "killed")
    runner._step(chunk.pk, "killed", 0, job, runner.HANDLERS["import"])
    type(chunk).objects.filter(pk=chunk.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=settings.JIXIAO_JOB_LEASE_SECONDS + 1))
    assert runner.recover() == [chunk.pk]
    assert runner.run_chunk(chunk.pk, worker="second") == ChunkStatus.DONE.value
    imports = Event.objects.filter(verb=EventVerb.IMPORT.value, actor=admin)
    assert sorted(imports.values_list("evaluation_id", flat=True)) == sorted([first.pk, second.pk])
    job.refresh_from_db()
    assert job.status == JobStatus.DONE.value and [row[2] for row in _result_rows(job)[1:]] == ["已导入", "已导入"]


def test_the_command_line_imports_a_zip_and_prints_each_refusal(demo_db, region, tmp_path, capsys, settings):
    settings.JIXIAO_TASK_BACKEND = "database"  # queued for a worker; this test is the worker
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    (evaluation,) = _evaluations(region, 1)
    path = tmp_path / "批量.zip"
    path.write_bytes(_zip({"好.xlsx": _workbook(evaluation), "坏.xlsx": b"nope"}).getvalue())
    assert cli(["jobs", "start", "import", "--region", "440112", "--file", str(path)]) == 0
    job = Job.objects.get()
    queued = capsys.readouterr().out
    assert f"已排队：#{job.pk} 批量导入自评工作簿" in queued and "（共 2 个工作簿）" in queued
    for chunk in job.chunks.all():
        runner.run_chunk(chunk.pk, worker="test")
    assert cli(["jobs", "show", str(job.pk)]) == 1  # one workbook refused
    out, err = capsys.readouterr()
    assert "2/2" in out and "结果文件：440112-广州市黄埔区-批量导入结果.xlsx" in out
    assert "失败：坏.xlsx：" in err and "不是 Excel 工作簿" in err
    assert cli(["jobs", "start", "import", "--region", "440112"]) == 2
    assert "批量导入请用 --file 指定压缩包" in capsys.readouterr().err


def test_a_workbook_whose_packed_bytes_are_damaged_is_named_and_the_others_are_imported(run_on_commit, admin, region):
    (evaluation,) = _evaluations(region, 1)
    data = _workbook(evaluation)
    raw = bytearray(_zip({"好.xlsx": data, "坏.xlsx": data}).getvalue())
    second = raw.find(b"PK\x03\x04", 4)  # the second member's local header; its data starts after name and header
    start = second + 30 + len("坏.xlsx".encode())
    raw[start + 100:start + 200] = bytes(100)  # the deflated bytes overwritten: the CRC no longer matches
    job = run_on_commit(start_job, kind="import", region=region, year=None, acting_user=admin,
                        upload=io.BytesIO(bytes(raw)), upload_name="damaged.zip")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE.value and job.succeeded == 1
    (name, reason), = job.summary["failures"]
    assert name == "坏.xlsx" and "压缩包中的“坏.xlsx”已损坏，无法解压" in reason
