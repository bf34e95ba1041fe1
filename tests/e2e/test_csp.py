"""In a real browser: the app's own pages, the admin and the API docs render under the
Content-Security-Policy with no violation (a blocked script or style is reported to the page as a
``securitypolicyviolation`` event, and to the console)."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WATCH = """document.addEventListener('securitypolicyviolation',
    e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"""


@pytest.fixture
def site(live_server, plain_static_storage):
    from jixiao.demo.loader import load_demo

    load_demo()
    return live_server.url


def test_pages_render_under_the_policy_without_a_violation(page, site):
    from jixiao.evaluations.models import Evaluation, Indicator

    draft = Evaluation.objects.get(status="draft")
    indicator = Indicator.objects.filter(task__evaluation=draft).first()
    messages = []
    page.on("console", lambda m: messages.append(m.text) if m.type == "error" and "favicon" not in m.text else None)
    page.add_init_script(WATCH)
    page.goto(site + "/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "jixiao-demo")
    page.click("button:has-text('登录')")
    for url in ["/", "/admin/", "/admin/evaluations/evaluation/", f"/admin/evaluations/evaluation/{draft.pk}/change/",
                f"/admin/evaluations/indicator/{indicator.pk}/change/",
                f"/admin/evaluations/indicator/{indicator.pk}/history/", "/api/evaluations/"]:
        response = page.goto(site + url)
        page.wait_for_load_state("networkidle")
        assert response.status == 200 and "default-src 'self'" in response.headers["content-security-policy"], url
    page.goto(site + "/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20000)  # drawn by its start-up script
    assert page.locator(".swagger-ui .opblock").count() > 5
    assert [m for m in messages if "violat" in m.lower() or "content security" in m.lower()] == []
