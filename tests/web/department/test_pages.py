"""The department's pages: uploads (per-cell errors, a deletion confirmation, conflicts by cell,
nothing written on any of them), downloads in the timeline, the grid's save endpoint, report sections,
and the query counts of the editor of a 200-indicator evaluation."""

import io
import json
from dataclasses import replace

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from jixiao.domain.enums import EvaluationStatus
from jixiao.evaluations import edits, services
from jixiao.evaluations.models import Evaluation, Indicator, ReportSection, Task
from jixiao.evaluations.store import document_for
from jixiao.events.models import Event
from jixiao.orgs.models import SYSTEM
from jixiao.usecases.workbooks import export_document


@pytest.fixture
def staff(personas):
    client = Client()
    client.force_login(personas["own_staff"])
    return client


def _state():
    return (Event.objects.count(), list(Indicator.objects.order_by("id").values_list("id", "actual_text", "weight")),
            list(Task.objects.order_by("id").values_list("id", "name")))


def _edit_workbook(data: bytes, changes: dict) -> bytes:
    """The workbook with cells of the 指标 sheet changed: {(row, header): value}."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["指标"]
    headers = {str(c.value).rstrip("*"): c.column for c in sheet[1]}
    for (row, header), value in changes.items():
        sheet.cell(row=row, column=headers[header], value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _without_last_task(document):
    """The document without its last task (and the monitoring of that task's indicators)."""
    kept = document.tasks[:-1]
    codes = {i.code for t in kept for i in t.indicators}
    return document.with_changes(tasks=kept, monitoring=tuple(
        m for m in document.monitoring if not m.indicator_code or m.indicator_code in codes))


def _upload(client, evaluation, data: bytes, name="自评.xlsx"):
    return client.post(reverse("web:department:upload", args=[evaluation.pk]),
                       {"file": SimpleUploadedFile(name, data)})


def test_an_upload_with_bad_cells_lists_each_and_writes_nothing(staff, draft):
    data = export_document(document_for(draft), ".xlsx").data
    bad = _edit_workbook(data, {(2, "分值"): -3, (3, "实际完成值"): "=A1+1"})
    before = _state()
    response = _upload(staff, draft, bad)
    page = response.content.decode()
    assert response.status_code == 400
    assert "一条也没有写入" in page and "指标!I2" in page and "分值不能为负数" in page
    assert _state() == before


def test_an_upload_that_deletes_rows_asks_first(staff, draft):
    document = document_for(draft)
    fewer = _without_last_task(document)
    data = export_document(fewer, ".xlsx").data
    before = _state()
    response = _upload(staff, draft, data)
    page = response.content.decode()
    assert response.status_code == 409 and "确认删除并导入" in page, page[page.find("未导入"):][:600]
    assert document.tasks[-1].name in page
    assert _state() == before
    token = page.split('name="token" value="')[1].split('"')[0]
    response = staff.post(reverse("web:department:upload_confirm", args=[draft.pk]), {"token": token, "confirm": "yes"})
    assert response.status_code == 302
    assert Task.objects.filter(evaluation=draft).count() == len(document.tasks) - 1
    assert Event.objects.order_by("-id").first().verb == "import"
    # the kept file is gone: the token cannot be used twice
    again = staff.post(reverse("web:department:upload_confirm", args=[draft.pk]), {"token": token, "confirm": "yes"},
                       follow=True)
    assert "已过期" in again.content.decode()


def test_a_stale_workbook_lists_the_conflicting_cells(staff, draft, personas):
    document, stamp = services.record_export(evaluation=draft, acting_user=personas["own_staff"])
    data = export_document(document, ".xlsx", stamp=stamp).data
    first = Indicator.objects.get(task__evaluation=draft, code="1-1")
    edits.edit_indicator_cell(evaluation=draft, acting_user=personas["own_approver"], indicator_id=first.pk,
                              field="actual", value="9场")
    mine = _edit_workbook(data, {(2, "实际完成值"): "7场"})
    before = _state()
    response = _upload(staff, draft, mine)
    page = response.content.decode()
    assert response.status_code == 409
    assert "指标!H2" in page and "7场" in page and "9场" in page
    assert _state() == before


def test_a_workbook_of_another_evaluation_is_refused(staff, draft, reference_document):
    data = export_document(reference_document.with_changes(year=2021), ".xlsx").data
    before = _state()
    response = _upload(staff, draft, data)
    assert response.status_code == 400 and "不是2022 年度" in response.content.decode()
    assert _state() == before


def test_an_upload_that_is_not_a_workbook_is_refused(staff, draft):
    response = _upload(staff, draft, b"MZ\x90\x00", name="virus.exe")
    assert response.status_code == 302
    assert "不是 Excel 工作簿" in staff.get(reverse("web:department:files", args=[draft.pk])).content.decode()


@pytest.mark.parametrize("what", ["report-docx", "report-html", "form-department", "workbook", "opendata"])
def test_downloads_are_in_the_timeline(staff, draft, what):
    response = staff.get(reverse("web:department:download", args=[draft.pk, what]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    event = Event.objects.order_by("-id").first()
    assert event.verb == "download" and event.actor.username == "own_staff"
    page = staff.get(reverse("web:evaluation", args=[draft.pk])).content.decode()
    assert "下载" in page


def test_the_timeline_says_who_changed_what_from_what_to_what(staff, draft, personas):
    row = Indicator.objects.get(task__evaluation=draft, code="1-2")
    edits.edit_indicator_cell(evaluation=draft, acting_user=personas["own_staff"], indicator_id=row.pk,
                              field="target", value="≥22场", old=row.target_text)
    page = staff.get(reverse("web:evaluation", args=[draft.pk])).content.decode()
    assert f"的‘年度指标值’从“{row.target_text}”改为“≥22场”" in page
    assert "own_staff" in page


def test_the_save_endpoint_answers_with_the_new_score_or_each_refused_cell(staff, draft):
    row = Indicator.objects.get(task__evaluation=draft, code="1-1")
    url = reverse("web:department:save", args=[draft.pk, "indicators"])
    bad = staff.post(url, json.dumps({"changes": [{"id": row.pk, "field": "weight", "value": "abc", "old": "4"}]}),
                     content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["problems"][0]["message"] == "分值：“abc”不是数值"
    good = staff.post(url, json.dumps({"changes": [{"id": row.pk, "field": "actual", "value": "0场",
                                                    "old": row.actual_text}]}), content_type="application/json")
    body = good.json()
    assert good.status_code == 200 and body["score"]["total"] != str(draft.score_total)
    changed = next(r for r in body["rows"] if r["id"] == row.pk)
    assert changed["actual"] == "0场" and changed["reason_required"] is True
    stale = staff.post(url, json.dumps({"changes": [{"id": row.pk, "field": "actual", "value": "3场",
                                                     "old": row.actual_text}]}), content_type="application/json")
    assert stale.status_code == 409 and stale.json()["problems"][0]["stored"] == "0场"


def test_sections_are_edited_and_the_missing_parts_listed(staff, draft):
    section = ReportSection.objects.filter(evaluation=draft).first()
    page = staff.get(reverse("web:department:sections", args=[draft.pk])).content.decode()
    assert "按数据重新起草" in page and section.title in page
    staff.post(reverse("web:department:section_save", args=[draft.pk, section.key]),
               {"text": "<script>alert(1)</script>人写的", "old": section.text})
    section.refresh_from_db()
    assert section.edited and section.text.endswith("人写的")
    staff.post(reverse("web:department:redraft", args=[draft.pk]))
    section.refresh_from_db()
    assert section.text.endswith("人写的")
    page = staff.get(reverse("web:department:sections", args=[draft.pk])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    # The preview of a redraft: a drafted section a person changed is kept, one nobody changed is updated.
    ReportSection.objects.update_or_create(evaluation=draft, key="conclusion", defaults={
        "title": "自评结论", "text": "人改过的结论", "edited": True})
    ReportSection.objects.update_or_create(evaluation=draft, key="funds", defaults={
        "title": "部门整体收支情况", "text": "过时的数字", "edited": False})
    page = staff.get(reverse("web:department:sections", args=[draft.pk])).content.decode()
    assert "<strong>保留</strong> 自评结论" in page and "<strong>更新</strong> 部门整体收支情况" in page
    staff.post(reverse("web:department:redraft", args=[draft.pk]))
    texts = dict(ReportSection.objects.filter(evaluation=draft).values_list("key", "text"))
    assert texts["conclusion"] == "人改过的结论" and texts["funds"] != "过时的数字"


# --- query counts -------------------------------------------------------------------------------------

@pytest.fixture
def big(personas, reference_document):
    """A draft with 200 indicators in 4 tasks."""
    template = reference_document.tasks[0].indicators
    tasks = []
    for t in range(4):
        task = reference_document.tasks[t % len(reference_document.tasks)]
        indicators = tuple(replace(template[i % len(template)], code=f"{t + 1}-{i + 1}") for i in range(50))
        tasks.append(replace(task, code=str(t + 1), indicators=indicators))
    document = reference_document.with_changes(status=EvaluationStatus.DRAFT, tasks=tuple(tasks), year=2023)
    return services.import_document(document=document, acting_user=SYSTEM)


def test_the_editor_of_200_indicators_runs_a_bounded_number_of_queries(staff, big, django_assert_max_num_queries):
    assert Indicator.objects.filter(task__evaluation=big).count() == 200
    with django_assert_max_num_queries(26):  # 24 today, whatever the number of indicators
        response = staff.get(reverse("web:department:grid", args=[big.pk, "indicators"]))
    assert response.status_code == 200
    row = Indicator.objects.filter(task__evaluation=big).first()
    url = reverse("web:department:save", args=[big.pk, "indicators"])
    with django_assert_max_num_queries(36):
        response = staff.post(url, json.dumps({"changes": [{"id": row.pk, "field": "actual", "value": "1",
                                                            "old": row.actual_text}]}),
                              content_type="application/json")
    assert response.status_code == 200 and len(response.json()["rows"]) == 200
    with django_assert_max_num_queries(22):
        assert staff.get(reverse("web:evaluation", args=[big.pk])).status_code == 200


def test_deleting_a_row_shows_what_goes_and_asks(staff, draft):
    task = Task.objects.filter(evaluation=draft).first()
    url = reverse("web:department:delete_row", args=[draft.pk, "tasks"])
    before = _state()
    page = staff.post(url, {"id": task.pk}).content.decode()
    assert "确认删除" in page and task.name in page and "个指标" in page
    assert _state() == before
    staff.post(url, {"id": task.pk, "confirm": "yes"})
    assert not Task.objects.filter(pk=task.pk).exists()


def test_rows_are_added_with_the_next_code(staff, draft):
    task = Task.objects.filter(evaluation=draft).order_by("position").first()
    count = Indicator.objects.filter(task=task).count()
    staff.post(reverse("web:department:add_row", args=[draft.pk, "indicators"]), {"task": task.pk, "name": "新指标"})
    added = Indicator.objects.filter(task=task).order_by("-id").first()
    assert Indicator.objects.filter(task=task).count() == count + 1 and added.name == "新指标"
    assert added.code == f"{task.code}-{count + 1}"


def test_the_public_reads_a_published_evaluation_and_changes_nothing(reference_evaluation):
    public = Client()
    page = public.get(reverse("web:department:grid", args=[reference_evaluation.pk, "indicators"])).content.decode()
    assert "只读" in page and '"editable": false' in page
    events = Event.objects.count()
    assert public.get(reverse("web:department:download", args=[reference_evaluation.pk, "report-html"])).status_code == 200
    assert Event.objects.count() == events  # anonymous downloads are not recorded as anybody's
    row = Indicator.objects.filter(task__evaluation=reference_evaluation).first()
    response = public.post(reverse("web:department:save", args=[reference_evaluation.pk, "indicators"]),
                           json.dumps({"changes": [{"id": row.pk, "field": "actual", "value": "1"}]}),
                           content_type="application/json")
    assert response.status_code == 403 and Event.objects.count() == events


def test_the_home_page_rows_open_the_evaluation(staff, draft):
    page = staff.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("web:evaluation", args=[draft.pk])}"' in page


def test_the_bureau_review_page_shows_the_same_timeline(draft, personas):
    """The shared partial also takes event rows (the bureau's review screen passes them)."""
    from django.template.loader import render_to_string

    row = Indicator.objects.get(task__evaluation=draft, code="1-2")
    edits.edit_indicator_cell(evaluation=draft, acting_user=personas["own_staff"], indicator_id=row.pk,
                              field="target", value="≥22场", old=row.target_text)
    events = Event.objects.filter(evaluation=draft).select_related("actor")
    html = render_to_string("web/_timeline.html", {"events": events})
    assert f"的‘年度指标值’从“{row.target_text}”改为“≥22场”" in html and "own_staff" in html


def test_the_editor_runs_as_many_queries_for_20_indicators_as_for_200(staff, big, draft):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts, logs = [], []
    staff.get(reverse("web:department:home"))  # the session's first request records its activity
    for evaluation in (draft, big):
        with CaptureQueriesContext(connection) as queries:
            staff.get(reverse("web:department:grid", args=[evaluation.pk, "indicators"]))
        counts.append(len(queries))
        logs.append([q["sql"][:100] for q in queries.captured_queries])
    assert counts[0] == counts[1], "\n".join(f"{a}  ||  {b}" for a, b in zip(*logs))


def test_a_new_year_is_started_by_uploading_its_workbook(staff, draft, personas):
    document = document_for(draft).with_changes(year=2023)
    before = Evaluation.objects.count()
    response = staff.post(reverse("web:department:home_upload"),
                          {"file": SimpleUploadedFile("2023.xlsx", export_document(document, ".xlsx").data)})
    created = Evaluation.objects.get(year=2023)
    assert response.status_code == 302 and response["Location"] == reverse("web:evaluation", args=[created.pk])
    assert Evaluation.objects.count() == before + 1 and created.status == "draft"
    assert staff.get(reverse("web:department:blank_workbook")).status_code == 200


def test_a_workbook_of_another_department_is_refused_from_my_page(draft, personas):
    other = Client()
    other.force_login(personas["other_staff"])
    document = document_for(draft).with_changes(year=2023)
    before = _state(), Evaluation.objects.count()
    response = other.post(reverse("web:department:home_upload"),
                          {"file": SimpleUploadedFile("2023.xlsx", export_document(document, ".xlsx").data)})
    assert response.status_code == 403 and "不能导入" in response.content.decode()
    assert (_state(), Evaluation.objects.count()) == before


def test_an_existing_evaluation_uploaded_from_my_page_asks_before_deleting(staff, draft):
    document = document_for(draft)
    fewer = _without_last_task(document)
    before = _state()
    response = staff.post(reverse("web:department:home_upload"),
                          {"file": SimpleUploadedFile("x.xlsx", export_document(fewer, ".xlsx").data)})
    assert response.status_code == 409 and "确认删除并导入" in response.content.decode()
    assert _state() == before


def test_bad_cells_uploaded_from_my_page_are_listed(staff, draft):
    bad = _edit_workbook(export_document(document_for(draft).with_changes(year=2023), ".xlsx").data,
                         {(2, "分值"): -3})
    before = Evaluation.objects.count()
    response = staff.post(reverse("web:department:home_upload"), {"file": SimpleUploadedFile("x.xlsx", bad)})
    assert response.status_code == 400 and "指标!I2" in response.content.decode()
    assert Evaluation.objects.count() == before


def test_the_reviewers_comments_are_listed_on_the_overview_with_links_to_their_rows(staff, draft, personas):
    from jixiao.bureau.comments import comment_on_indicator

    code = Indicator.objects.filter(task__evaluation=draft).order_by("id").values_list("code", flat=True).first()
    comment_on_indicator(evaluation=draft, indicator_code=code, text="<b>请补充</b>佐证材料", acting_user=personas["reviewer"])
    page = staff.get(reverse("web:evaluation", args=[draft.pk])).content.decode()
    assert "指标批注" in page and "&lt;b&gt;请补充&lt;/b&gt;佐证材料" in page  # shown as text, never as markup
    assert reverse("web:department:grid", args=[draft.pk, "indicators"]) + f"#{code}" in page
    stranger = Client()
    stranger.force_login(personas["other_staff"])
    assert stranger.get(reverse("web:evaluation", args=[draft.pk])).status_code == 404
