"""The region dashboard page over a generated province: a bounded number of queries whatever the
size, the figures the charts read, every table exported to .xlsx with formula-like text kept as text."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jixiao.orgs.models import Department


@pytest.fixture
def province(generated_province):
    return generated_province(60, (2021, 2022), seed=7, tasks_per_department=2)


def test_the_dashboard_page_runs_a_bounded_number_of_queries(province, client, django_assert_max_num_queries):
    client.force_login(province)
    url = reverse("web:bureau:dashboard")
    # session, user, memberships, regions (one query a level), the table, the counts, not started,
    # the navigation's unread count: fixed, not a query per department
    with django_assert_max_num_queries(24):  # 23 measured
        page = client.get(url, {"region": "990000", "year": 2022})
    assert page.status_code == 200
    data = page.context["payload"]
    assert len(data["rows"]) == 60
    assert sum(s["count"] for s in data["statuses"]) == 60
    assert sum(g["count"] for g in data["grades"]) + data["ungraded"] == 60
    assert {r["code"] for r in data["by_region"]} == {"990101", "990102"}
    assert sum(c["count"] for c in data["changes"]) == sum(1 for r in data["rows"] if r["change"] is not None)
    # the page's rows are the export's values of the page's fields (numbers as JSON numbers)
    from jixiao.web.bureau.views.dashboard import PAGE_FIELDS, _json_number, row_values

    board = page.context["board"]
    assert data["rows"] == [{k: _json_number(v) for k, v in row_values(row).items() if k in PAGE_FIELDS}
                            for row in board.rows]
    assert any(r["execution_rate"] is not None for r in data["rows"]) and any(r["rank"] for r in data["rows"])
    text = page.content.decode()
    assert 'id="dashboard-data"' in text and "echarts.min.js" in text and "chart-execution" in text
    with django_assert_max_num_queries(24):
        client.get(reverse("web:bureau:dashboard"), {"region": "990101", "year": 2022})  # half the size, same bound
    with django_assert_max_num_queries(24):
        client.get(reverse("web:bureau:dashboard_export", args=["departments"]), {"region": "990000", "year": 2022})


def test_every_table_exports_to_xlsx_and_formula_like_text_stays_text(province, client):
    department = Department.objects.filter(region__code__startswith="9901").order_by("code").first()
    department.name = "=HYPERLINK(\"http://x\",\"点我\")"
    department.save()
    client.force_login(province)
    for table in ("departments", "ranking", "lagging", "errors"):
        response = client.get(reverse("web:bureau:dashboard_export", args=[table]), {"region": "990000", "year": 2022})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet["C1"].value == "预算部门"
    sheet = load_workbook(io.BytesIO(client.get(reverse("web:bureau:dashboard_export", args=["departments"]),
                                                {"region": "990000", "year": 2022}).content)).active
    cells = [row[2] for row in sheet.iter_rows(min_row=2)]
    hostile = [c for c in cells if str(c.value).startswith("=")]
    assert len(hostile) == 1 and hostile[0].data_type == "s" and hostile[0].quotePrefix
    scores = [row[5].value for row in sheet.iter_rows(min_row=2) if row[5].value is not None]
    assert scores and all(isinstance(s, (int, float)) for s in scores)
    assert client.get(reverse("web:bureau:dashboard_export", args=["nothing"])).status_code == 404


def test_a_reviewer_of_another_region_gets_only_their_own_region(province, personas, client):
    client.force_login(personas["far_reviewer"])
    page = client.get(reverse("web:bureau:dashboard"), {"region": "990000", "year": 2022})
    assert page.status_code == 200 and page.context["board"].region.code == "440106"
    assert page.context["payload"]["rows"] == []
    client.force_login(personas["own_staff"])
    assert client.get(reverse("web:bureau:dashboard")).status_code == 403
    client.logout()
    assert client.get(reverse("web:bureau:dashboard")).status_code == 302


def test_the_inbox_page_runs_a_bounded_number_of_queries(province, client, django_assert_max_num_queries):
    client.force_login(province)
    with django_assert_max_num_queries(16) as captured:
        page = client.get(reverse("web:bureau:inbox"), {"year": 2022})
    assert page.status_code == 200 and page.context["page"].paginator.count == 60
    with django_assert_max_num_queries(len(captured)):
        client.get(reverse("web:bureau:inbox"), {"year": 2022, "findings": "warnings", "page": 2})
