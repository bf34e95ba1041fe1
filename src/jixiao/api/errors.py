"""Errors of the API as JSON with a Chinese ``detail``: a service's PermissionDenied (Django's) is a 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or "没有权限")
    return drf_exception_handler(exc, context)
