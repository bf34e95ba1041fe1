"""Forms of the pages shared by every role: logging in (with lock-out)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from jixiao.orgs import security


class LoginForm(AuthenticationForm):
    """Django's login form, refusing a locked account or address before the password is checked
    (so the right password does not get through a lock), and counting each failure."""

    error_messages = {
        "invalid_login": "用户名或密码不正确。请注意密码区分大小写。",
        "inactive": "该账号已停用，请联系系统管理员。",
        "locked": "登录失败次数过多，账号已暂时锁定，请于 %(minutes)s 分钟后再试。",
    }

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        address = security.client_address(self.request) if self.request else None
        until = security.locked_until(username, address) if username else None
        if until is not None:
            minutes = max(1, int((until - timezone.now()).total_seconds() // 60) + 1)
            raise forms.ValidationError(self.error_messages["locked"], code="locked", params={"minutes": minutes})
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                security.record_failure(username, address)
            raise
        security.clear_failures(username)
        return cleaned
