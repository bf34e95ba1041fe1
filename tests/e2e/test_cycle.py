"""In a real browser, on the demo: the department sees 乡村振兴产业对接成功案例 red in the 1—7月 round with
its projection method; the bureau escalates its warning; the rectification list shows the confirmed item."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, plain_static_storage):
    from jixiao.demo.loader import load_demo

    load_demo()
    return live_server.url


def login(page, site, username):
    page.goto(site + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "jixiao-demo")
    page.click("button:has-text('登录')")
    page.wait_for_selector(f"text=退出登录", state="attached")


def menu(page, label):
    page.click("nav.primary summary:has-text('全年管理')")
    page.click(f"nav.primary .menu-items a:text-is('{label}')")


def test_monitoring_red_warning_escalated_and_rectification(page, site):
    login(page, site, "gsl_staff")
    menu(page, "运行监控")
    page.click("a:text-is('填报')")
    row = page.locator("tbody tr", has_text="乡村振兴产业对接成功案例")
    assert "红灯" in row.inner_text() and "序时进度 58.33%" in row.inner_text()
    assert page.locator("td", has_text="一般公共预算财政拨款·项目支出").count() == 1
    page.context.clear_cookies()
    login(page, site, "hp_reviewer")
    menu(page, "预警")
    card = page.locator("section.card", has_text="乡村振兴产业对接成功案例")
    card.locator("select[name=level]").select_option("提示")
    card.locator("input[name=reason]").fill("7月底完成 0 个")
    card.locator("button:has-text('升级督办')").click()
    page.wait_for_selector("text=已升级为“提示”")
    assert "督办 — → 提示" in page.locator("section.card", has_text="乡村振兴产业对接成功案例").inner_text()
    menu(page, "整改")
    page.click("text=全部")
    assert page.locator(".status", has_text="已验收").count() == 1
