"""In a real browser: department staff paste a block of indicators copied from a spreadsheet into the
grid, see the score change, fix a refused cell, fill the required reasons and download the report; the
approver submits; the evaluation is then read-only for the staff. Screenshots are saved."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from jixiao.domain.enums import EvaluationStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("data/test/screenshots/department")


@pytest.fixture
def site(live_server, plain_static_storage, personas, reference_document, load_evaluation):
    evaluation = load_evaluation(reference_document.with_changes(status=EvaluationStatus.DRAFT))
    SHOTS.mkdir(parents=True, exist_ok=True)
    return live_server.url, evaluation


@pytest.fixture
def new_page(browser):
    """Pages of the test's own, closed (with their requests) before the live server stops."""
    opened = []

    def make(**options):
        page = browser.new_page(**options)
        opened.append(page)
        return page

    yield make
    for page in opened:
        page.close()


def _login(page, base, username):
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.click("button:has-text('登录')")
    page.wait_for_load_state()


def _cell(page, code, field):
    return page.locator(".tabulator-row", has=page.locator(".tabulator-cell[tabulator-field=code]", has_text=code)) \
        .locator(f".tabulator-cell[tabulator-field={field}]")


def _paste(page, text):
    page.evaluate("""text => { const data = new DataTransfer(); data.setData('text/plain', text);
        document.activeElement.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true})); }""",
                  text)


def _type(page, cell, text):
    cell.dblclick()
    editor = cell.locator("input, textarea")
    editor.fill(text)
    editor.press("Enter")


def test_staff_edit_in_the_grid_and_the_approver_submits(new_page, site):
    base, evaluation = site
    staff = new_page(viewport={"width": 1366, "height": 900})
    errors = []
    staff.on("pageerror", lambda e: errors.append(str(e)))
    _login(staff, base, "own_staff")
    staff.goto(f"{base}/evaluations/{evaluation.pk}/")
    staff.click("nav.evaluation-tabs >> text=绩效指标")
    staff.wait_for_selector(".tabulator-row")
    before = staff.inner_text("[data-score]")
    # The approver has the same grid open (and will edit a cell the staff change meanwhile).
    approver = new_page(viewport={"width": 390, "height": 844})
    _login(approver, base, "own_approver")
    approver.goto(f"{base}/evaluations/{evaluation.pk}/edit/indicators/")
    approver.wait_for_selector(".tabulator-row")

    # A block of two rows and two columns (实际完成值, 分值) copied from Excel, with its line breaks.
    _cell(staff, "1-1", "actual").click()
    _paste(staff, "0场\t4\r\n0场\t4\r\n")
    staff.wait_for_selector("#grid-status.ok")
    assert "已保存 2 个单元格" in staff.inner_text("#grid-status")
    after = staff.inner_text("[data-score]")
    assert after != before
    assert "cell-required" in _cell(staff, "1-1", "deviation_reason").get_attribute("class")
    staff.screenshot(path=str(SHOTS / "1-pasted.png"), full_page=True)

    # The second writer is told, and shown the other value; loading it shows the staff's value.
    _cell(approver, "1-1", "actual").click()
    _type(approver, _cell(approver, "1-1", "actual"), "5场")
    expect(approver.locator("#grid-status")).to_contain_text("已被他人改为“0场”")
    approver.screenshot(path=str(SHOTS / "1b-conflict-390.png"), full_page=True)
    approver.click("text=载入最新数据")
    expect(_cell(approver, "1-1", "actual")).to_have_text("0场")

    # A refused cell is marked with the import's message; fixing it saves.
    _type(staff, _cell(staff, "1-3", "weight"), "-3")
    staff.wait_for_selector("#grid-status.bad")
    weight = _cell(staff, "1-3", "weight")
    assert "cell-invalid" in weight.get_attribute("class")
    assert weight.get_attribute("title") == "分值：分值不能为负数：“-3”"
    staff.screenshot(path=str(SHOTS / "2-refused.png"), full_page=True)
    _type(staff, _cell(staff, "1-3", "weight"), "5")
    staff.wait_for_selector("#grid-status.ok")
    assert "cell-invalid" not in _cell(staff, "1-3", "weight").get_attribute("class")

    # The required reasons, pasted as a block of one column.
    _cell(staff, "1-1", "deviation_reason").click()
    _paste(staff, "受疫情影响培训延期\n场地改造未能举办\n")
    expect(staff.locator("#grid-status")).to_contain_text("已保存 2 个单元格")
    assert "cell-required" not in _cell(staff, "1-1", "deviation_reason").get_attribute("class")

    # Undo the last block and redo it.
    staff.keyboard.press("Control+z")
    expect(_cell(staff, "1-1", "deviation_reason")).to_have_text("")
    expect(staff.locator("#grid-status")).to_contain_text("已保存 2 个单元格")
    staff.keyboard.press("Control+y")
    expect(_cell(staff, "1-1", "deviation_reason")).to_contain_text("受疫情")
    expect(staff.locator("#grid-status")).to_contain_text("已保存 2 个单元格")

    # Download the report.
    staff.click("nav.evaluation-tabs >> text=上传与下载")
    with staff.expect_download() as download:
        staff.click("text=自评报告（Word）")
    assert download.value.suggested_filename.endswith("自评报告.docx")
    staff.goto(f"{base}/evaluations/{evaluation.pk}/")
    assert "自评报告（Word）" in staff.inner_text("ol.timeline")
    assert "的‘实际完成值’从“" in staff.inner_text("ol.timeline")
    staff.screenshot(path=str(SHOTS / "3-overview.png"), full_page=True)

    # The approver submits.
    approver.goto(f"{base}/evaluations/{evaluation.pk}/")
    approver.on("dialog", lambda dialog: dialog.accept())
    approver.click("button:has-text('提交')")
    approver.wait_for_selector(".status-submitted")
    approver.screenshot(path=str(SHOTS / "4-submitted-390.png"), full_page=True)

    # Now read-only for the staff.
    staff.goto(f"{base}/evaluations/{evaluation.pk}/edit/indicators/")
    staff.wait_for_selector(".tabulator-row")
    assert "只读" in staff.inner_text("main")
    cell = _cell(staff, "1-2", "target")
    cell.dblclick()
    assert cell.locator("input").count() == 0
    staff.screenshot(path=str(SHOTS / "5-read-only.png"), full_page=True)
    assert errors == []


def _workbook(document, changes=None) -> bytes:
    import io

    import openpyxl

    from jixiao.usecases.workbooks import export_document

    data = export_document(document, ".xlsx").data
    if not changes:
        return data
    book = openpyxl.load_workbook(io.BytesIO(data))
    for (sheet, row, header), value in changes.items():
        column = next(c.column for c in book[sheet][1] if str(c.value).startswith(header))
        book[sheet].cell(row=row, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_staff_upload_a_workbook_see_each_bad_cell_and_confirm_a_deletion(new_page, site, tmp_path):
    from jixiao.evaluations.models import Task
    from jixiao.evaluations.store import document_for

    base, evaluation = site
    document = document_for(evaluation)
    bad = tmp_path / "有错.xlsx"
    bad.write_bytes(_workbook(document, {("指标", 2, "分值"): -3, ("资金", 2, "执行数"): "很多"}))
    kept = document.tasks[:-1]
    codes = {i.code for t in kept for i in t.indicators}
    fewer = tmp_path / "少一个任务.xlsx"
    fewer.write_bytes(_workbook(document.with_changes(tasks=kept, monitoring=tuple(
        m for m in document.monitoring if not m.indicator_code or m.indicator_code in codes))))

    page = new_page(viewport={"width": 1366, "height": 900})
    _login(page, base, "own_staff")
    page.goto(f"{base}/evaluations/{evaluation.pk}/files/")
    page.set_input_files("input[type=file]", str(bad))
    expect(page.locator(".file-name")).to_have_text("有错.xlsx")
    page.click("button:has-text('上传并检查')")
    problems = page.locator(".problems")
    expect(problems).to_contain_text("一条也没有写入")
    expect(problems).to_contain_text("指标!I2")
    expect(problems).to_contain_text("分值不能为负数")
    expect(problems).to_contain_text("不是有效的金额")
    page.screenshot(path=str(SHOTS / "6-upload-errors.png"), full_page=True)

    page.set_input_files("input[type=file]", str(fewer))
    page.click("button:has-text('上传并检查')")
    expect(page.locator("text=确认删除并导入")).to_be_visible()
    assert document.tasks[-1].name in page.inner_text("main")
    assert Task.objects.filter(evaluation=evaluation).count() == len(document.tasks)
    page.screenshot(path=str(SHOTS / "7-upload-confirm.png"), full_page=True)
    page.click("text=确认删除并导入")
    expect(page.locator(".messages")).to_contain_text("已导入")
    assert Task.objects.filter(evaluation=evaluation).count() == len(document.tasks) - 1
    expect(page.locator("ol.timeline")).to_contain_text("删除了")


def test_staff_edit_funds_as_in_a_spreadsheet(new_page, site):
    base, evaluation = site
    page = new_page(viewport={"width": 1366, "height": 900})
    _login(page, base, "own_staff")
    page.goto(f"{base}/evaluations/{evaluation.pk}/edit/funds/")
    page.wait_for_selector(".tabulator-row")
    row = page.locator(".tabulator-row", has_text="基本支出").first
    executed, rate = row.locator(".tabulator-cell[tabulator-field=executed]"), row.locator(
        ".tabulator-cell[tabulator-field=rate]")
    before = rate.inner_text()
    executed.click()
    page.keyboard.type("425,200元")  # typing on a selected cell starts editing it
    page.keyboard.press("Enter")
    expect(page.locator("#grid-status")).to_contain_text("已保存 1 个单元格")
    expect(executed).to_have_text("42.52")
    assert rate.inner_text() != before
    page.screenshot(path=str(SHOTS / "8-funds.png"), full_page=True)
