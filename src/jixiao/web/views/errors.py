"""Error pages in Chinese (400, 403, 404, 500 and the CSRF failure), never Django's English ones."""

from __future__ import annotations

from django.shortcuts import render


def _page(request, status: int, title: str, message: str, exception=None):
    detail = str(exception) if exception is not None and status == 403 and str(exception) else ""
    return render(request, "web/error.html", {"status": status, "title": title, "message": message,
                                              "detail": detail}, status=status)


def bad_request(request, exception=None):
    return _page(request, 400, "请求无效", "请求的内容无法处理，请返回上一页重试。")


def permission_denied(request, exception=None):
    return _page(request, 403, "没有权限", "您没有执行此操作的权限。", exception)


def page_not_found(request, exception=None):
    return _page(request, 404, "页面不存在", "您访问的页面不存在，或您没有查看权限。")


DATABASE_DOWN = "数据库暂时无法连接，请稍后重试；您已保存的数据不受影响。"


def database_unavailable(exception) -> bool:
    """Whether the failure is the database being out of reach (restarted, connection lost), which
    passes by itself: the broken connection is closed at the end of the request (and checked at the
    start of the next, ``CONN_HEALTH_CHECKS``), so the next request connects afresh."""
    from django.db import InterfaceError, OperationalError

    return isinstance(exception, (OperationalError, InterfaceError))


def server_error(request):
    # Rendered without the request's context processors: a failing database must not fail this page too.
    import sys

    from django.http import HttpResponse, JsonResponse
    from django.template import loader

    down = database_unavailable(sys.exc_info()[1])
    status = 503 if down else 500
    if getattr(request, "path", "").startswith("/api/"):
        response = JsonResponse({"detail": DATABASE_DOWN if down else "服务器暂时出错，请稍后重试"}, status=status,
                                json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(loader.get_template("web/500.html").render({"database_down": down}), status=status)
    if down:
        response["Retry-After"] = "10"
    return response


def csrf_failure(request, reason=""):
    return _page(request, 403, "页面已过期",
                 "表单的安全校验未通过（页面打开过久、已在别处退出登录，或浏览器禁用了 Cookie）。"
                 "请刷新页面后重新提交。")
