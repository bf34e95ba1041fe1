"""The cycle's pages for each persona: the department enters monitoring, requests an adjustment, answers
rectification and declares targets; the bureau opens rounds, escalates warnings, decides, issues and
confirms, reviews targets; strangers see nothing of another department."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from jixiao.cycle.models import RectificationItem, TargetDeclaration
from jixiao.cycle.rectification import items_from_report
from jixiao.evaluations.models import Adjustment
from jixiao.monitoring.models import IndicatorReport, MonitoringRound, MonitoringWarning
from jixiao.monitoring.services import open_round
from jixiao.monitoring.warnings import compute_warnings


@pytest.fixture
def round_(cycle):
    return open_round(region=cycle["region"], year=2022, acting_user=cycle["reviewer"])


def as_user(client, user):
    client.force_login(user)
    return client


def test_every_page_answers_each_persona(client, cycle, round_):
    pages = ["rounds", "warnings", "adjustments", "rectification", "targets", "library"]
    for persona in ("own_staff", "reviewer", "other_staff", "far_reviewer"):
        as_user(client, cycle[persona])
        for name in pages:
            response = client.get(reverse(f"web:cycle:{name}"))
            assert response.status_code == 200, (persona, name)
    client.logout()
    assert client.get(reverse("web:cycle:rounds")).status_code == 302  # to the login page


def test_monitoring_entry_by_the_department_and_the_red_warning(client, cycle, round_):
    evaluation = cycle["evaluation"]
    url = reverse("web:cycle:round_entry", args=[round_.pk, evaluation.pk])
    assert as_user(client, cycle["other_staff"]).get(url).status_code == 404
    page = as_user(client, cycle["own_staff"]).get(url).content.decode()
    assert "乡村振兴产业对接成功案例" in page and "保存监控填报" in page
    response = client.post(url, {"code": ["1-5", "3-1"], "value-1-5": "0个", "value-3-1": "12场次"}, follow=True)
    assert "请填写偏差原因类别、偏差原因分析、纠偏措施" in response.content.decode()
    assert not IndicatorReport.objects.exists()  # all or nothing
    client.post(url, {"code": ["1-5", "3-1"], "value-1-5": "0个", "value-3-1": "12场次", "reason_category-1-5": "其他",
                      "analysis-1-5": "疫情", "measure-1-5": "四季度对接", "possibility-1-5": "有可能",
                      "fund": ["一般公共预算财政拨款·基本支出"], "executed-一般公共预算财政拨款·基本支出": "475.40"})
    assert IndicatorReport.objects.get(indicator_code="1-5").colour == "red"
    page = client.get(url).content.decode()
    assert "按序时进度线性推算" not in page or "序时进度 58.33%" in page
    assert "warning-red" in page and "58.33%" in page
    form = client.get(reverse("web:cycle:round_form", args=[round_.pk, evaluation.pk]))
    assert form.status_code == 200 and form["Content-Type"].startswith("application/vnd.openxmlformats")
    compute_warnings(today=date(2022, 8, 1))
    as_user(client, cycle["reviewer"])
    page = client.get(reverse("web:cycle:warnings")).content.decode()
    assert "乡村振兴产业对接成功案例" in page and "升级督办" in page
    warning = MonitoringWarning.objects.get(subject="1-5")
    client.post(reverse("web:cycle:warning_escalate", args=[warning.pk]), {"level": "提示", "reason": "7月底为 0"})
    warning.refresh_from_db()
    assert warning.escalation == "提示"
    assert "升级督办" not in as_user(client, cycle["own_staff"]).get(reverse("web:cycle:warnings")).content.decode()
    assert "乡村振兴" not in as_user(client, cycle["far_reviewer"]).get(reverse("web:cycle:warnings")).content.decode()


def test_adjustment_requested_and_approved_through_the_pages(client, cycle):
    as_user(client, cycle["own_staff"]).post(reverse("web:cycle:adjustment_request"), {
        "evaluation": cycle["evaluation"].pk, "kind": "target", "subject": "3-2", "after": "≥20场次", "reason": "疫情"})
    adjustment = Adjustment.objects.get(subject="3-2", status="pending")
    assert as_user(client, cycle["other_staff"]).post(
        reverse("web:cycle:adjustment_decide", args=[adjustment.pk]), {"decision": "approve"}).status_code == 404
    page = as_user(client, cycle["reviewer"]).get(reverse("web:cycle:adjustments")).content.decode()
    assert "≥24场次" in page and "批准" in page
    client.post(reverse("web:cycle:adjustment_decide", args=[adjustment.pk]), {"decision": "approve", "reason": "同意"})
    adjustment.refresh_from_db()
    assert adjustment.status == "approved"


def test_rectification_through_the_pages(client, cycle, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                                         "OPTIONS": {"location": str(tmp_path)}}}
    as_user(client, cycle["reviewer"]).post(reverse("web:cycle:rectification_from_report"),
                                            {"evaluation": cycle["evaluation"].pk})
    item = RectificationItem.objects.get(key="report:1", evaluation=cycle["evaluation"])
    deadline = (date.today() + timedelta(days=30)).isoformat()
    client.post(reverse("web:cycle:rectification_act", args=[item.pk, "issue"]),
                {"requirement": "按季度跟踪", "deadline": deadline})
    from django.core.files.uploadedfile import SimpleUploadedFile

    as_user(client, cycle["own_staff"])
    assert "提交整改反馈" in client.get(reverse("web:cycle:rectification")).content.decode()
    client.post(reverse("web:cycle:rectification_act", args=[item.pk, "answer"]),
                {"text": "已按季度跟踪", "evidence": [SimpleUploadedFile("台账.pdf", b"%PDF-1.4 x")]})
    item.refresh_from_db()
    assert item.status == "answered"
    evidence = item.replies.get().evidence.get()
    assert b"".join(client.get(reverse("web:cycle:evidence", args=[evidence.pk])).streaming_content) == b"%PDF-1.4 x"
    assert as_user(client, cycle["other_staff"]).get(reverse("web:cycle:evidence", args=[evidence.pk])).status_code == 404
    as_user(client, cycle["reviewer"]).post(reverse("web:cycle:rectification_act", args=[item.pk, "confirm"]), {"reason": "好"})
    item.refresh_from_db()
    assert item.status == "confirmed"
    client.post(reverse("web:cycle:rectification_review"), {"evaluation": cycle["evaluation"].pk,
                                                            "problem": "项目支出执行率偏低", "measure": "加快支出"})
    assert RectificationItem.objects.get(key="review:1").source == "review"
    assert as_user(client, cycle["own_staff"]).post(reverse("web:cycle:rectification_review"), {
        "evaluation": cycle["evaluation"].pk, "problem": "x"}).status_code == 404


def test_targets_declared_with_a_library_pick_and_returned_per_indicator(client, cycle):
    from jixiao.cycle.targets import build_library
    from jixiao.cycle.models import LibraryIndicator

    build_library(region=cycle["region"], acting_user=cycle["reviewer"])
    entry = LibraryIndicator.objects.get(name="乡村振兴产业对接成功案例")
    department = cycle["evaluation"].department
    url = reverse("web:cycle:declaration", args=[department.pk, 2023])
    page = as_user(client, cycle["own_staff"]).get(url + f"?pick={entry.pk}").content.decode()
    assert 'value="乡村振兴产业对接成功案例"' in page and 'value="效益指标"' in page and 'value="经济效益指标"' in page
    client.post(url, {"goal": "服务非公经济", "row": ["picked"], "task_code-picked": "1", "level1-picked": "效益指标",
                      "level2-picked": "经济效益指标", "name-picked": "乡村振兴产业对接成功案例", "target-picked": "≥0个",
                      "unit-picked": "个", "library-picked": str(entry.pk), "submit": "1"})
    declaration = TargetDeclaration.objects.get(department=department, year=2023)
    assert declaration.status == "submitted" and declaration.rows.get().library == entry
    page = as_user(client, cycle["reviewer"]).get(url).content.decode()
    assert "低于 2022 年实际完成" in page or "可比指标" in page or "本部门以往" in page
    client.post(reverse("web:cycle:declaration_review", args=[declaration.pk]),
                {"decision": "return", "note-1-1": "目标值为 0，请按工作计划设定"})
    declaration.refresh_from_db()
    assert declaration.status == "returned" and declaration.rows.get().review_note == "目标值为 0，请按工作计划设定"
    assert "目标值为 0，请按工作计划设定" in as_user(client, cycle["own_staff"]).get(url).content.decode()
    assert as_user(client, cycle["other_staff"]).get(url).status_code == 404


def test_a_project_declaration_with_its_attribute_unit_schedule_and_funds(client, cycle):
    department = cycle["evaluation"].department
    start = reverse("web:cycle:declaration", args=[department.pk, 2023]) + "?project=P-01"
    response = as_user(client, cycle["own_staff"]).get(start)
    url = reverse("web:cycle:project_declaration", args=[department.pk, 2023, "P-01"])
    assert response.status_code == 302 and response["Location"] == url
    post = {"goal": "完成两新党建阵地升级", "project_name": "两新党建阵地升级", "project_attribute": "新增",
            "implementing_unit": "两新组织党建创新中心", "schedule": "3月招标，9月完工", "funds-general_budget": "120",
            "row": ["0"], "task_code-0": "1", "level1-0": "产出指标", "level2-0": "数量指标", "name-0": "升级改造阵地数",
            "target-0": "≥2个"}
    response = client.post(url, {**post, "project_attribute": "新建"}, follow=True)
    assert "项目属性“新建”无效" in response.content.decode()
    client.post(url, post)
    declaration = TargetDeclaration.objects.get(department=department, year=2023, project_code="P-01")
    assert (declaration.project_name, declaration.project_attribute, declaration.implementing_unit) == (
        "两新党建阵地升级", "新增", "两新组织党建创新中心")
    assert declaration.funds == {"一般公共预算财政拨款": "120.00"} and declaration.schedule == "3月招标，9月完工"
    assert declaration.rows.get().name == "升级改造阵地数"
    page = as_user(client, cycle["reviewer"]).get(reverse("web:cycle:targets")).content.decode()
    assert url in page
