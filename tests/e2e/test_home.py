"""In a real browser: the home page lists evaluations by who is looking; the admin speaks Chinese."""

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, plain_static_storage):
    from jixiao.demo.loader import load_demo

    load_demo()
    return live_server.url


def test_public_sees_the_published_reference_evaluation(page, site):
    page.goto(site + "/")
    row = page.locator("tbody tr", has_text="广州市黄埔区工商业联合会").filter(
        has=page.locator("td:first-child", has_text=re.compile(r"^2022$")))
    assert row.count() == 1
    assert "已公开" in row.inner_text() and "95.91" in row.inner_text() and "优" in row.inner_text()
    assert page.locator("text=编制中").count() == 0  # drafts are not public


def test_reviewer_logs_in_and_sees_the_whole_region(page, site):
    page.goto(site + "/")
    public_rows = page.locator("tbody tr").count()
    page.click("text=登录")
    page.fill("#id_username", "hp_reviewer")
    page.fill("#id_password", "jixiao-demo")
    page.click("button:has-text('登录')")
    page.wait_for_selector("text=黄埔区财政局审核人")
    assert page.locator("tbody tr").count() > public_rows


def test_admin_is_in_chinese(page, site):
    page.goto(site + "/admin/")
    assert "登录" in page.title()
    page.fill("#id_username", "admin")
    page.fill("#id_password", "jixiao-demo")
    page.click("input[type=submit]")
    assert page.locator("text=绩效指标").count() >= 1
    assert page.locator("text=预算部门").count() >= 1


def test_pages_draw_chinese_with_the_bundled_font(page, site):
    """On a machine without any Chinese font the page still shows Chinese: the site's stylesheet
    declares the bundled face and the browser loads it from the app's own static files."""
    page.goto(site + "/")
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate("""async () => {
        await document.fonts.ready;
        return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/"/g, ''));
    }""")
    assert "Noto Sans CJK SC GB" in loaded
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC GB\"', '绩效自评')")
    colour = page.locator("tbody tr .status").first.evaluate("e => getComputedStyle(e).color")
    assert colour == "rgb(3, 84, 63)"  # 已公开, the colour EvaluationStatus.PUBLISHED carries
    page.screenshot(path="data/test/screenshots/home-public.png", full_page=True)
