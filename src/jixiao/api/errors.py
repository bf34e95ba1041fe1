"""Errors of the API as JSON with a Chinese ``detail``: a service's PermissionDenied (Django's) is a 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or "没有权限")
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        # Every error body has a ``detail`` (the schema's Error); a form's field messages stay beside it.
        data = response.data
        if isinstance(data, dict) and "detail" not in data:
            response.data = {"detail": "请求无效：" + _said(data), **data}
        elif isinstance(data, list):
            response.data = {"detail": "请求无效：" + _said(data), "errors": data}
    return response


def _said(data) -> str:
    if isinstance(data, dict):
        return "；".join(f"{name}：{_said(value)}" for name, value in data.items())
    if isinstance(data, (list, tuple)):
        return "、".join(_said(value) for value in data)
    return str(data)
