"""Content-Security-Policy (内容安全策略) on every page: scripts, styles, images, fonts and requests from
the site itself only, so a script injected into a page (a department name, an uploaded workbook's text)
cannot run, and nothing is loaded from elsewhere (the system is offline by design anyway).

Django 5.2 has no CSP of its own (6.0 has); this middleware follows 6.0's names so that moving to it is
a settings change: the policy is ``settings.SECURE_CSP`` (directive → sources), ``request.csp_nonce``
and the template variable ``{{ csp_nonce }}`` (context processor :func:`context`) give a page a nonce,
and :func:`csp_override` gives one view a policy of its own.

How a page adds a script or a style:

- best, a file under ``static/`` (``<script src="{% static 'web/x.js' %}">``): allowed by ``'self'``;
  the same for htmx, Tabulator and ECharts, which are vendored there;
- an inline ``<script>`` or ``<style>`` that cannot be a file: ``<script nonce="{{ csp_nonce }}">``;
  the nonce is new for each response and sent only when a page used it;
- never a ``style="…"`` attribute or an ``onclick="…"`` handler in markup: a class and a static script
  instead (changing ``element.style`` from a script is fine);
- htmx: set ``<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>`` (or its
  ``inlineStyleNonce``) and do not use ``hx-on``/``js:`` expressions, which need ``'unsafe-eval'``;
- charts drawn to ``data:`` images and fonts are allowed (``img-src``/``font-src data:``).
"""

from __future__ import annotations

import secrets
from functools import wraps

from django.conf import settings

NONCE = "<CSP_NONCE>"  # in a directive's sources: this response's nonce, when a page used one
SELF, NONE, DATA = "'self'", "'none'", "data:"
HEADER = "Content-Security-Policy"


class LazyNonce:
    """A nonce made the first time a template (or a view) reads it: the header names it only then."""

    def __init__(self):
        self._value: str | None = None

    @property
    def used(self) -> bool:
        return self._value is not None

    def __str__(self) -> str:
        if self._value is None:
            self._value = secrets.token_urlsafe(18)
        return self._value

    def __html__(self) -> str:  # safe in templates: URL-safe base64
        return str(self)

    def __bool__(self) -> bool:
        return True


def header_value(policy: dict[str, list[str]], nonce: LazyNonce | None) -> str:
    """The header's text: ``directive source source; …``, the nonce written in where a page used it."""
    parts = []
    for directive, sources in policy.items():
        written = []
        for source in sources:
            if source == NONCE:
                if nonce is not None and nonce.used:
                    written.append(f"'nonce-{nonce}'")
            else:
                written.append(source)
        parts.append(" ".join([directive, *written]) if written else directive)
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware:
    """Sends ``settings.SECURE_CSP`` (or a view's own, see :func:`csp_override`) with every response
    that has no policy yet."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = LazyNonce()
        response = self.get_response(request)
        policy = getattr(response, "_csp_policy", None)
        if policy is None:
            policy = getattr(request, "_csp_policy", None)
        if policy is None:
            policy = getattr(settings, "SECURE_CSP", None)
        if policy and HEADER not in response:
            response[HEADER] = header_value(policy, request.csp_nonce)
        return response


def csp_override(policy: dict[str, list[str]]):
    """A view decorator: this view's responses carry ``policy`` instead of ``settings.SECURE_CSP`` (e.g.
    a third-party page that needs inline styles); keep it as narrow as the page allows."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            request._csp_policy = policy
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def context(request) -> dict:
    """Template context processor: ``{{ csp_nonce }}`` for an inline script or style."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
