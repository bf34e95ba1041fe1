"""The jobs pages: a region's reviewer starts a batch of reports, open data, a re-scoring or the warnings, follows
its progress (the htmx block polls until finished) and downloads the result; nobody else does."""

import io
import zipfile

import pytest
from django.urls import reverse

from jixiao.jobs.models import Job


@pytest.fixture
def reviewer(demo_db):
    from jixiao.orgs.models import User

    return User.objects.get(username="hp_reviewer")


@pytest.mark.parametrize("kind, extra", [("reports", {"format": "html"}), ("opendata", {}),
                                         ("rescore", {"reason": "规则包更新"}), ("warnings", {"date": "2022-09-01"})])
def test_a_reviewer_starts_a_job_follows_it_and_downloads_the_result(reviewer, client, kind, extra,
                                                                     django_capture_on_commit_callbacks):
    client.force_login(reviewer)
    assert client.get(reverse("web:bureau:jobs")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("web:bureau:job_start"), {"kind": kind, "region": "440112", "year": 2022, **extra})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("web:bureau:job", args=[job.pk])
    page = client.get(reverse("web:bureau:job", args=[job.pk])).content.decode()
    block = client.get(reverse("web:bureau:job_progress", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert f"{job.total} / {job.total}" in block.replace('<span class="done">', "").replace("</span>", "").replace(
        '<span class="total">', "")
    assert "hx-trigger" not in block, block  # finished: no more polling
    if kind == "rescore":  # the result is the stored scores, not a file
        assert "新的得分已保存" in page and not job.result
        return
    if kind == "warnings":  # the result is the settled warnings
        assert "已按 2022-09-01 结算红黄绿灯" in page and not job.result
        return
    assert "下载结果" in page
    download = client.get(reverse("web:bureau:job_download", args=[job.pk]))
    names = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()
    assert len(names) >= (job.total if kind == "reports" else 1)


def test_an_unfinished_job_is_polled_and_can_be_cancelled(reviewer, client):
    client.force_login(reviewer)
    client.post(reverse("web:bureau:job_start"), {"kind": "reports", "region": "440112", "year": 2022})  # not run
    job = Job.objects.get()
    block = client.get(reverse("web:bureau:job_progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in block and f"/ <span class=\"total\">{job.total}</span>" in block
    assert client.get(reverse("web:bureau:job_download", args=[job.pk])).status_code == 404
    client.post(reverse("web:bureau:job_cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.cancel_requested


def test_a_job_with_nothing_to_do_is_refused_with_its_reason(reviewer, client):
    client.force_login(reviewer)
    page = client.post(reverse("web:bureau:job_start"), {"kind": "opendata", "region": "440112", "year": 2030},
                       follow=True)
    assert "没有已公开的自评" in page.content.decode() and not Job.objects.exists()


def test_others_neither_start_nor_see_the_regions_jobs(reviewer, personas, client):
    client.force_login(reviewer)
    client.post(reverse("web:bureau:job_start"), {"kind": "reports", "region": "440112", "year": 2022})
    job = Job.objects.get()
    client.force_login(personas["far_reviewer"])
    for name in ("job", "job_progress", "job_download"):
        assert client.get(reverse(f"web:bureau:{name}", args=[job.pk])).status_code == 404
    assert list(client.get(reverse("web:bureau:jobs")).context["page"]) == []
    page = client.post(reverse("web:bureau:job_start"), {"kind": "reports", "region": "440112", "year": 2022}, follow=True)
    assert "只有广州市黄埔区的财政审核人" in page.content.decode() and Job.objects.count() == 1
    client.force_login(personas["own_staff"])
    assert client.get(reverse("web:bureau:jobs")).status_code == 403


def test_an_administrator_imports_a_zip_of_workbooks_and_downloads_the_result_table(demo_db, client,
                                                                                    django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    from jixiao.evaluations.models import Evaluation
    from jixiao.evaluations.store import document_for
    from jixiao.orgs.models import User
    from jixiao.usecases.workbooks import export_document

    evaluation = Evaluation.objects.get(department__code="440112-114", year=2022)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("统计局.xlsx", export_document(document_for(evaluation)).data)
        archive.writestr("=cmd.xlsx", b"not a workbook")  # a name a spreadsheet would take for a formula
    client.force_login(User.objects.get(username="admin"))
    page = client.get(reverse("web:bureau:jobs")).content.decode()
    assert 'name="archive"' in page and 'enctype="multipart/form-data"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("web:bureau:job_start"), {
            "kind": "import", "region": "440112", "archive": SimpleUploadedFile("批量.zip", buffer.getvalue())})
    job = Job.objects.get()
    assert response.status_code == 302, response.content.decode()
    block = client.get(reverse("web:bureau:job", args=[job.pk])).content.decode()
    assert "已导入 1 个工作簿，1 个未导入" in block and "=cmd.xlsx" in block and "workbooks=" not in block
    listed = client.get(reverse("web:bureau:jobs")).content.decode()
    assert "<td>按各工作簿</td>" in listed  # each workbook carries its own year: not "全部"
    download = client.get(reverse("web:bureau:job_download", args=[job.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    cells = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    assert cells["统计局.xlsx"][2].value == "已导入"
    refused = cells["=cmd.xlsx"]
    assert refused[2].value == "未导入" and refused[1].data_type == "s" and refused[1].quotePrefix


def test_a_reviewer_is_not_offered_the_bulk_import(reviewer, client):
    client.force_login(reviewer)
    page = client.get(reverse("web:bureau:jobs")).content.decode()
    assert 'value="import"' not in page and 'name="archive"' not in page
    response = client.post(reverse("web:bureau:job_start"), {"kind": "import", "region": "440112"}, follow=True)
    assert "只有系统管理员可以批量导入" in response.content.decode() and not Job.objects.exists()
