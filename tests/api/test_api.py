"""The REST API as each persona sees it: anonymous, a token of another department, a reviewer of
another region, and the department's and the region's own people. Every endpoint of the schema is
in the table below (a test fails when one is added without its cases), and the schema validates."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from jixiao.domain.enums import EvaluationStatus
from jixiao.evaluations import services
from jixiao.evaluations.models import Evaluation
from jixiao.evaluations.store import document_for
from jixiao.orgs.models import SYSTEM

TESTED: set[tuple[str, str]] = set()


def cover(method: str, path: str) -> None:
    TESTED.add((method, path))


@pytest.fixture
def world(personas, reference_document, load_evaluation):
    """A published evaluation (the reference, 2022) and a draft (2023) of the own department."""
    published = load_evaluation(reference_document)
    draft = services.import_document(document=reference_document.with_changes(year=2023,
                                                                             status=EvaluationStatus.DRAFT),
                                     acting_user=SYSTEM)
    return {"published": published, "draft": draft, **personas}


def client(world, persona: str, *, token: bool = False) -> APIClient:
    api = APIClient()
    if persona == "anonymous":
        return api
    user = world[persona]
    if token:
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    else:
        api.force_authenticate(user)
    return api


OUTSIDERS = [("anonymous", False), ("other_staff", True), ("far_reviewer", False)]


def test_the_list_holds_what_each_persona_may_see(world):
    cover("get", "/api/evaluations/")
    published, draft = world["published"].pk, world["draft"].pk
    for persona, token in OUTSIDERS:
        response = client(world, persona, token=token).get("/api/evaluations/")
        assert response.status_code == 200
        assert [row["id"] for row in response.json()["results"]] == [published], persona
    for persona in ("own_staff", "reviewer"):
        rows = client(world, persona).get("/api/evaluations/?ordering=year").json()["results"]
        assert [row["id"] for row in rows] == [published, draft]
    filtered = client(world, "reviewer").get("/api/evaluations/?year=2023&status=draft&region=440112").json()
    assert filtered["count"] == 1 and filtered["results"][0]["department_name"] == "广州市黄埔区工商业联合会"
    assert client(world, "own_approver").get(f"/api/evaluations/{draft}/").json()["actions"] == ["submit"]


READS = ["", "funds/", "tasks/", "indicators/", "assessment/", "report/?format=html", "workbook/"]


@pytest.mark.parametrize("suffix", READS)
def test_a_draft_is_out_of_reach_of_outsiders_and_a_published_one_is_public(world, suffix):
    cover("get", "/api/evaluations/{id}/" + suffix.split("?")[0])
    for persona, token in OUTSIDERS:
        api = client(world, persona, token=token)
        assert api.get(f"/api/evaluations/{world['draft'].pk}/{suffix}").status_code == 404, persona
        assert api.get(f"/api/evaluations/{world['published'].pk}/{suffix}").status_code == 200, persona
    assert client(world, "own_staff").get(f"/api/evaluations/{world['draft'].pk}/{suffix}").status_code == 200


@pytest.mark.parametrize("suffix", ["findings/", "events/"])
def test_findings_and_the_timeline_are_for_the_department_and_its_reviewers(world, suffix):
    cover("get", "/api/evaluations/{id}/" + suffix)
    for persona, token in OUTSIDERS:
        api = client(world, persona, token=token)
        assert api.get(f"/api/evaluations/{world['draft'].pk}/{suffix}").status_code == 404
        assert api.get(f"/api/evaluations/{world['published'].pk}/{suffix}").status_code == 403
    for persona in ("own_staff", "reviewer"):
        response = client(world, persona).get(f"/api/evaluations/{world['draft'].pk}/{suffix}")
        assert response.status_code == 200 and response.json()


def test_the_assessment_explains_every_point_and_findings_say_where(world):
    api = client(world, "reviewer")
    assessment = api.get(f"/api/evaluations/{world['published'].pk}/assessment/").json()
    assert assessment["scored"] and assessment["grade"] == "优"
    assert assessment["total"] == str(world["published"].score_total)
    assert all(item["explanation"] for item in assessment["items"]) and assessment["execution"]["explanation"]
    findings = api.get(f"/api/evaluations/{world['published'].pk}/findings/").json()
    severities = [f["severity"] for f in findings]
    assert severities == sorted(severities, key=["错误", "警告", "提示"].index)
    assert all(f["where"] for f in findings if f["location"])


def test_reports_and_workbooks_download_as_files(world):
    api = client(world, "anonymous")
    pdf = api.get(f"/api/evaluations/{world['published'].pk}/report/?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "filename*=UTF-8''2022-440112-107" in pdf["Content-Disposition"]
    assert api.get(f"/api/evaluations/{world['published'].pk}/report/?format=odt").status_code == 400
    book = api.get(f"/api/evaluations/{world['published'].pk}/workbook/")
    assert zipfile.ZipFile(io.BytesIO(book.content)).testzip() is None


def _post(api, evaluation, action, **data):
    return api.post(f"/api/evaluations/{evaluation.pk}/{action}/", data, format="json")


def test_workflow_actions_by_role_and_status(world):
    for action in ("submit", "return", "accept", "publish"):
        cover("post", f"/api/evaluations/{{id}}/{action}/")
    draft = world["draft"]
    for persona, token in OUTSIDERS:
        assert _post(client(world, persona, token=token), draft, "submit").status_code == 404
    assert _post(client(world, "own_staff"), draft, "submit").status_code == 403  # 填报人 edits, 负责人 submits
    assert _post(client(world, "reviewer"), draft, "accept").status_code == 409  # not submitted yet
    response = _post(client(world, "own_approver"), draft, "submit")
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    reviewer = client(world, "reviewer")
    assert _post(reviewer, draft, "return").status_code == 400  # a reason is required
    assert _post(reviewer, draft, "return", reason="缺少偏差原因").json()["status"] == "returned"
    assert _post(client(world, "own_approver"), draft, "submit").status_code == 200
    assert _post(client(world, "own_approver"), draft, "accept").status_code == 403
    assert _post(client(world, "far_reviewer"), draft, "accept").status_code == 404
    assert _post(reviewer, draft, "accept").json()["status"] == "accepted"
    assert _post(reviewer, draft, "publish").json()["status"] == "published"
    assert _post(client(world, "anonymous"), world["published"], "return", reason="x").status_code == 401
    assert _post(client(world, "other_staff", token=True), world["published"], "return",
                 reason="x").status_code == 403
    assert Evaluation.objects.get(pk=world["published"].pk).status == "published"


def _workbook(document) -> io.BytesIO:
    from jixiao.usecases.workbooks import export_document

    upload = io.BytesIO(export_document(document).data)
    upload.name = "自评.xlsx"
    return upload


def test_a_workbook_import_is_all_or_nothing_with_every_problem_at_its_cell(world, reference_document):
    cover("post", "/api/imports/")
    from openpyxl import load_workbook

    draft_doc = reference_document.with_changes(year=2023, status=EvaluationStatus.DRAFT)
    assert client(world, "anonymous").post("/api/imports/", {"file": _workbook(draft_doc)}).status_code == 401
    other = client(world, "other_staff", token=True).post("/api/imports/", {"file": _workbook(draft_doc)})
    assert other.status_code == 403 and "不是广州市黄埔区工商业联合会的填报人" in other.json()["detail"]
    locked = client(world, "own_staff").post("/api/imports/", {"file": _workbook(reference_document)})
    assert locked.status_code == 409

    book = load_workbook(_workbook(draft_doc))
    sheet = book["指标"]
    bad, rows = [], set()
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row):
        for cell in row:  # the first target of two rows: "≥约…左右" is no number
            if isinstance(cell.value, str) and cell.value.startswith("≥") and len(bad) < 2 and cell.row not in rows:
                cell.value = "≥约" + cell.value[1:] + "左右"
                bad.append(f"指标!{cell.coordinate}")
                rows.add(cell.row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "改坏.xlsx"
    before = list(Evaluation.objects.values_list("pk", "updated_at"))
    refused = client(world, "own_staff", token=True).post("/api/imports/", {"file": buffer})
    assert refused.status_code == 400
    assert [e["location"] for e in refused.json()["errors"]] == bad
    assert list(Evaluation.objects.values_list("pk", "updated_at")) == before  # nothing written

    accepted = client(world, "own_staff", token=True).post("/api/imports/", {"file": _workbook(draft_doc)})
    assert accepted.status_code == 201 and accepted.json()["evaluation"]["id"] == world["draft"].pk


def test_jobs_are_started_followed_and_downloaded_by_the_regions_reviewers(world, django_capture_on_commit_callbacks):
    for method, path in (("post", "/api/jobs/"), ("get", "/api/jobs/"), ("get", "/api/jobs/{id}/"),
                         ("post", "/api/jobs/{id}/cancel/"), ("get", "/api/jobs/{id}/download/")):
        cover(method, path)
    body = {"kind": "reports", "region_code": "440112", "year": 2023, "format": "html"}
    assert client(world, "anonymous").post("/api/jobs/", body, format="json").status_code == 401
    for persona, token in OUTSIDERS[1:]:
        assert client(world, persona, token=token).post("/api/jobs/", body, format="json").status_code == 403
    reviewer = client(world, "reviewer")
    assert reviewer.post("/api/jobs/", {**body, "region_code": "000000"}, format="json").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        started = reviewer.post("/api/jobs/", body, format="json")
    assert started.status_code == 201
    job_id = started.json()["id"]
    job = reviewer.get(f"/api/jobs/{job_id}/").json()
    assert (job["status"], job["done"], job["total"], job["percent"]) == ("done", 1, 1, 100)
    download = reviewer.get(f"/api/jobs/{job_id}/download/")
    assert zipfile.ZipFile(io.BytesIO(download.content)).namelist()[0].endswith("绩效自评报告.html")
    assert reviewer.post(f"/api/jobs/{job_id}/cancel/").status_code == 409  # already finished
    assert [j["id"] for j in reviewer.get("/api/jobs/").json()["results"]] == [job_id]
    for persona, token in OUTSIDERS:
        api = client(world, persona, token=token)
        assert api.get("/api/jobs/").json()["results"] == []
        for suffix in ("", "download/"):
            assert api.get(f"/api/jobs/{job_id}/{suffix}").status_code in (401, 404)
        assert api.post(f"/api/jobs/{job_id}/cancel/").status_code in (401, 404)


def test_every_kind_of_job_starts_through_the_api_and_a_bulk_import_takes_a_multipart_zip(
        world, django_capture_on_commit_callbacks):
    from jixiao.orgs.models import User
    from jixiao.usecases.workbooks import export_document

    reviewer = client(world, "reviewer")
    with django_capture_on_commit_callbacks(execute=True):
        warnings = reviewer.post("/api/jobs/", {"kind": "warnings", "region_code": "440112", "year": 2023,
                                                "date": "2023-09-01"}, format="json")
    assert warnings.status_code == 201 and warnings.json()["params"] == {"date": "2023-09-01"}
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("工商联.xlsx", export_document(document_for(world["draft"])).data)
    body = {"kind": "import", "region_code": "440112"}
    upload = lambda: {**body, "archive": SimpleUploadedFile("a.zip", archive.getvalue())}  # noqa: E731
    refused = reviewer.post("/api/jobs/", upload(), format="multipart")
    assert refused.status_code == 403 and "只有系统管理员" in refused.json()["detail"]
    admin = APIClient()
    admin.force_authenticate(User.objects.create_superuser("api_admin", password="pw-api-admin"))
    assert admin.post("/api/jobs/", body, format="multipart").status_code == 400  # no archive
    with django_capture_on_commit_callbacks(execute=True):
        started = admin.post("/api/jobs/", upload(), format="multipart")
    assert started.status_code == 201, started.content
    job = admin.get(f"/api/jobs/{started.json()['id']}/").json()
    assert (job["status"], job["total"], job["summary"]["failed"]) == ("done", 1, 0), job
    assert job["params"] == {"archive_name": "a.zip", "allow_delete": False, "archive_sha256": job["params"]["archive_sha256"]}
    download = admin.get(f"/api/jobs/{job['id']}/download/")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_system_gets_its_token_with_its_password(world):
    cover("post", "/api/token/")
    api = APIClient()
    assert api.post("/api/token/", {"username": "own_staff", "password": "wrong"}).status_code == 400
    token = api.post("/api/token/", {"username": "own_staff", "password": "pw-own_staff"}).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/evaluations/").json()["count"] == 2
    assert APIClient(HTTP_AUTHORIZATION="Token nonsense").get("/api/evaluations/").status_code == 401


def test_comments_on_an_indicator_are_for_the_department_and_its_reviewers(world):
    cover("get", "/api/evaluations/{id}/comments/")
    cover("post", "/api/evaluations/{id}/comments/")
    draft, published = world["draft"], world["published"]
    code = draft.tasks.first().indicators.first().code
    url = f"/api/evaluations/{draft.pk}/comments/"
    created = client(world, "reviewer", token=True).post(url, {"indicator_code": code, "text": "请说明依据"}, format="json")
    assert created.status_code == 201 and created.json()["indicator_code"] == code
    assert client(world, "reviewer").post(url, {"indicator_code": "9-9", "text": "x"}, format="json").status_code == 400
    rows = client(world, "own_staff", token=True).get(url).json()
    assert [r["text"] for r in rows] == ["请说明依据"]
    assert client(world, "own_staff").post(url, {"indicator_code": code, "text": "已补充"}, format="json").status_code == 201
    assert len(client(world, "reviewer").get(url + f"?indicator={code}").json()) == 2
    for persona, token in OUTSIDERS:
        api = client(world, persona, token=token)
        assert api.get(url).status_code == 404, persona
        assert api.post(url, {"indicator_code": code, "text": "x"}, format="json").status_code == 404, persona
        assert api.get(f"/api/evaluations/{published.pk}/comments/").status_code in (401, 403), persona
    assert draft.indicator_comments.count() == 2


def test_the_region_dashboard_is_for_the_regions_reviewers(world):
    cover("get", "/api/dashboard/")
    board = client(world, "reviewer", token=True).get("/api/dashboard/?region=440112&year=2022")
    assert board.status_code == 200
    data = board.json()
    assert data["region_code"] == "440112" and data["year"] == 2022 and len(data["rows"]) == 1
    row = data["rows"][0]
    assert row["department_code"] == "440112-107" and row["rank"] == 1
    assert row["score"] == str(world["published"].score_total) and row["budget"] == "1291.73"
    assert client(world, "reviewer").get("/api/dashboard/?region=440112").status_code == 400
    assert client(world, "anonymous").get("/api/dashboard/?region=440112&year=2022").status_code == 401
    assert client(world, "other_staff", token=True).get("/api/dashboard/?region=440112&year=2022").status_code == 403
    assert client(world, "far_reviewer").get("/api/dashboard/?region=440112&year=2022").status_code == 404


def test_the_schema_validates_and_its_docs_load_no_asset_from_outside(db, plain_static_storage):
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    api = APIClient()
    assert api.get("/api/schema/").status_code == 200
    docs = api.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "/static/drf_spectacular_sidecar/" in docs
    # every asset the page loads is served here (the page's random CSP nonce may spell "cdn": look at addresses)
    assets = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", docs)
    assert assets and all(asset.startswith("/static/") for asset in assets), assets
    assert not re.search(r"""["'](?:https?:)?//""", docs) and "cdn." not in docs.lower()


def test_every_endpoint_of_the_schema_is_tested():
    """Runs last in this module (pytest keeps file order): the table above covers the schema."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    endpoints = {(method, path) for path, operations in schema["paths"].items() for method in operations}
    assert endpoints - TESTED == set()


def _upload(data: bytes, name: str = "改.xlsx") -> io.BytesIO:
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


def _edited(data: bytes, sheet: str, values: dict) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    for reference, value in values.items():
        book[sheet][reference].value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_upload_that_deletes_stored_rows_waits_for_allow_delete(world):
    api = client(world, "own_staff", token=True)
    exported = api.get(f"/api/evaluations/{world['draft'].pk}/workbook/").content
    emptied = _edited(exported, "资金", {f"{col}{row}": None for col in "ABCDEFG" for row in (2, 3)})
    before = list(Evaluation.objects.values_list("pk", "updated_at", "revision"))
    refused = api.post("/api/imports/", {"file": _upload(emptied)})
    assert refused.status_code == 409
    assert refused.json()["deletions"] == {"资金": ["一般公共预算财政拨款·基本支出", "一般公共预算财政拨款·项目支出"]}
    assert "导入将删除已保存的数据：资金 2 行（" in refused.json()["detail"]
    assert "确认删除请以 allow_delete=true 重新上传" in refused.json()["detail"]
    assert list(Evaluation.objects.values_list("pk", "updated_at", "revision")) == before
    accepted = api.post("/api/imports/", {"file": _upload(emptied), "allow_delete": "true"})
    assert accepted.status_code == 201
    assert accepted.json()["counts"]["资金"]["deleted"] == 2
    assert "无法按规则计分" not in " ".join(accepted.json()["review_errors"])


def test_an_upload_from_a_stale_export_lists_each_conflicting_cell(world):
    staff, approver = client(world, "own_staff", token=True), client(world, "own_approver", token=True)
    url = f"/api/evaluations/{world['draft'].pk}/workbook/"
    first, second = staff.get(url).content, approver.get(url).content
    assert staff.post("/api/imports/", {"file": _upload(_edited(first, "指标", {"H6": "1个"}))}).status_code == 201
    before = list(Evaluation.objects.values_list("pk", "updated_at", "revision"))
    refused = approver.post("/api/imports/", {"file": _upload(_edited(second, "指标", {"H6": "3个"}))})
    assert refused.status_code == 409
    (conflict,) = refused.json()["conflicts"]
    assert (conflict["location"], conflict["mine"], conflict["stored"]) == ("指标!H6", "3个", "1个")
    assert f"（现为第 2 版：{world['own_staff']} 于 " in refused.json()["detail"]
    assert "导入“改.xlsx”" in refused.json()["detail"]
    assert list(Evaluation.objects.values_list("pk", "updated_at", "revision")) == before
    merged = approver.post("/api/imports/", {"file": _upload(_edited(second, "任务", {"C2": "两新组织党建创新中心"}))})
    assert merged.status_code == 201
    from jixiao.evaluations.store import document_for

    document = document_for(Evaluation.objects.get(pk=world["draft"].pk))
    assert document.tasks[0].responsible_unit == "两新组织党建创新中心"
    assert next(i for i in document.indicators if i.code == "1-5").actual.text == "1个"


def test_the_public_download_of_a_published_workbook_carries_no_version(world):
    from openpyxl import load_workbook

    data = client(world, "anonymous").get(f"/api/evaluations/{world['published'].pk}/workbook/").content
    assert load_workbook(io.BytesIO(data))["基本信息"]["B13"].value is None
