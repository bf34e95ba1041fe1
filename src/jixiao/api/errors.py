"""Errors of the API as JSON with a Chinese ``detail`` (and per-cell ``errors`` for refused imports)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, PermissionDenied) and not isinstance(exc, exceptions.APIException):
        exc = exceptions.PermissionDenied(str(exc) or "没有权限")
    response = drf_exception_handler(exc, context)
    if response is None and isinstance(exc, ValueError):  # a service's refusal (DocumentRefused, JobRefused…)
        return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    return response
