"""In a real browser, the bureau's review cycle end to end: the reviewer returns a submitted
evaluation with a reason; the department's staff see the reason and fix the evaluation (a corrected
workbook, uploaded through the same import as everywhere); the approver resubmits; the reviewer
accepts and publishes; the public page lists it with its PDF; the dashboard shows its grade.
Every bureau page is also checked for Content-Security-Policy violations on the way."""

import io
import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "data/test/screenshots"
WATCH = """document.addEventListener('securitypolicyviolation',
    e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"""
REASON = "指标“文物保护单位修缮项目数”未达成，请补充偏差原因分析后重新提交。"


@pytest.fixture
def site(live_server, plain_static_storage):
    from jixiao.demo.loader import load_demo
    from jixiao.domain.enums import Role
    from jixiao.orgs.models import Department, Membership, User

    load_demo()
    culture = Department.objects.get(code="440112-126")  # its 2022 evaluation is submitted in the demo
    for name, role in (("wg_staff", Role.DEPARTMENT_STAFF), ("wg_approver", Role.DEPARTMENT_APPROVER)):
        user = User.objects.create_user(name, password="e2e-password", display_name=name)
        Membership.objects.create(user=user, role=role.value, department=culture)
    return live_server.url


def _login(browser, site, username, password="jixiao-demo", width=1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the data-confirm questions
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "favicon" not in m.text else None)
    page.add_init_script(WATCH)
    page.goto(site + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button:has-text('登录')")
    page.wait_for_load_state()
    page.csp_errors = errors
    return page


def _fixed_workbook(data: bytes) -> bytes:
    """The evaluation's workbook as the staff downloaded it, with the missing deviation reason written in."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    sheet = book["指标"]
    header = None
    for row in sheet.iter_rows():
        values = [str(c.value or "") for c in row]
        if header is None and "偏差原因分析" in values:
            header = values
            continue
        if header and "文物保护单位修缮项目数" in values:
            row[header.index("偏差原因分析")].value = "1个项目因文物部门审批延后至次年开工，已纳入2023年计划。"
            break
    else:
        raise AssertionError("indicator row not found")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_return_fix_resubmit_accept_publish_and_see_it_public_and_on_the_dashboard(browser, site):
    from jixiao.evaluations.models import Evaluation

    evaluation = Evaluation.objects.get(department__code="440112-126", year=2022)
    assert evaluation.status == "submitted"

    # 1. the reviewer finds it in the inbox and returns it with a reason
    reviewer = _login(browser, site, "hp_reviewer")
    reviewer.goto(site + "/bureau/inbox/?year=2022&status=submitted")
    reviewer.screenshot(path=f"{SHOTS}/bureau-inbox.png", full_page=True)
    reviewer.click("text=广州市黄埔区文化广电旅游局")
    reviewer.wait_for_selector("h2:has-text('逐项评分')")
    assert reviewer.locator("ul.findings li").count() >= 1
    reviewer.screenshot(path=f"{SHOTS}/bureau-review.png", full_page=False)
    reviewer.click("summary:has-text('退回')")
    reviewer.fill("#reason", REASON)
    reviewer.click("#return-form button:has-text('退回')")
    reviewer.wait_for_selector("text=已退回")
    evaluation.refresh_from_db()
    assert evaluation.status == "returned"

    # 2. the staff see the reason on their evaluation's page, download the workbook from the
    #    department's files page, write the missing reason in and upload it back there
    staff = _login(browser, site, "wg_staff", "e2e-password")
    staff.goto(f"{site}/evaluations/{evaluation.pk}/")
    assert REASON in staff.locator("[role=alert]").first.inner_text()
    staff.screenshot(path=f"{SHOTS}/bureau-returned-staff.png", full_page=False)
    staff.goto(f"{site}/evaluations/{evaluation.pk}/files/")
    with staff.expect_download() as download:
        staff.click("a:has-text('自评工作簿（Excel）')")
    with open(download.value.path(), "rb") as handle:
        fixed = _fixed_workbook(handle.read())
    staff.set_input_files("input[type=file][name=file]", files=[{
        "name": "自评工作簿（已补充偏差原因）.xlsx", "buffer": fixed,
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    staff.click("button:has-text('上传并检查')")
    staff.wait_for_selector("text=已导入")
    assert "1个项目因文物部门审批延后" in evaluation.tasks.get(code="2").indicators.get(code="2-1").deviation_reason

    # 3. the approver resubmits
    approver = _login(browser, site, "wg_approver", "e2e-password")
    approver.goto(f"{site}/evaluations/{evaluation.pk}/")
    approver.click("form button:has-text('提交')")
    approver.wait_for_selector(".status:has-text('已提交')")

    # 4. the reviewer accepts and publishes
    reviewer.goto(f"{site}/bureau/evaluations/{evaluation.pk}/")
    reviewer.click(".page-head button:has-text('通过')")
    reviewer.wait_for_selector(".page-head .status:has-text('已审核')")
    reviewer.click(".page-head button:has-text('公开')")
    reviewer.wait_for_selector(".page-head .status:has-text('已公开')")
    evaluation.refresh_from_db()
    assert evaluation.status == "published"
    reviewer.screenshot(path=f"{SHOTS}/bureau-published.png", full_page=False)

    # 5. the public finds it with its PDF
    public = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    public.goto(site + "/public/?year=2022&department=文化广电旅游局")
    public.click("a:has-text('广州市黄埔区文化广电旅游局')")
    public.wait_for_selector("h1:has-text('文化广电旅游局')")
    public.screenshot(path=f"{SHOTS}/public-detail-390.png", full_page=True)
    pdf_link = public.locator("a:has-text('PDF')").first.get_attribute("href")
    pdf = public.request.get(site + pdf_link)
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")

    # 6. the dashboard shows it published with its grade
    reviewer.goto(site + "/bureau/dashboard/?region=440112&year=2022")
    reviewer.wait_for_selector("#table-departments .tabulator-row")
    reviewer.wait_for_selector("#chart-grades svg")
    row = reviewer.locator("#table-departments .tabulator-row", has_text="广州市黄埔区文化广电旅游局")
    assert "已公开" in row.inner_text() and evaluation.score_grade in row.inner_text()
    reviewer.screenshot(path=f"{SHOTS}/bureau-dashboard.png", full_page=True)

    for page in (reviewer, staff, approver):
        assert not [e for e in page.csp_errors if "CSP" in e], page.csp_errors


def test_bureau_pages_render_without_csp_violations_at_phone_width(browser, site):
    reviewer = _login(browser, site, "hp_reviewer", width=390)
    from jixiao.evaluations.models import Evaluation

    pk = Evaluation.objects.get(department__code="440112-126", year=2022).pk
    for path in ("/bureau/inbox/?year=2022", f"/bureau/evaluations/{pk}/", "/bureau/dashboard/?year=2022",
                 "/bureau/jobs/", "/bureau/checker/", "/bureau/accounts/", "/bureau/deadlines/", "/public/"):
        response = reviewer.goto(site + path)
        reviewer.wait_for_load_state("networkidle")
        assert response.status == 200, path
        name = re.sub(r"[^a-z]+", "-", path.split("?")[0]).strip("-") or "home"
        reviewer.screenshot(path=f"{SHOTS}/{name}-390.png", full_page=False)
    assert not [e for e in reviewer.csp_errors if "CSP" in e], reviewer.csp_errors


def test_a_selection_ticked_with_select_all_is_accepted_item_by_item(browser, site):
    from jixiao.evaluations.models import Evaluation

    reviewer = _login(browser, site, "hp_reviewer")
    reviewer.goto(site + "/bureau/inbox/?year=2022")
    rows = reviewer.locator("table.inbox tbody tr").count()
    reviewer.check("input[data-select-all=ids]")
    assert reviewer.locator("input[name=ids]:checked").count() == rows == 4
    reviewer.select_option("select[name=action]", "accept")
    reviewer.click("button:has-text('执行')")
    reviewer.wait_for_selector("h1:has-text('批量审核通过')")
    assert reviewer.locator("table.outcomes tbody tr").count() == 4
    assert reviewer.locator("table.outcomes tr.ok").count() == 1  # only the submitted one could be accepted
    reviewer.screenshot(path=f"{SHOTS}/bureau-batch.png", full_page=True)
    assert Evaluation.objects.get(department__code="440112-126", year=2022).status == "accepted"
    reviewer.click("a:has-text('返回收件箱')")
    reviewer.wait_for_selector("h1:has-text('审核收件箱')")
    assert "year=2022" in reviewer.url
