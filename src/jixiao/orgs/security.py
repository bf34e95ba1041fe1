"""Login lock-out (登录锁定): after repeated wrong passwords an account, or an address that tries many
accounts, is refused for a while, even with the right password, so passwords cannot be guessed.

The limits are settings (``JIXIAO_LOGIN_MAX_FAILURES`` failures within ``JIXIAO_LOGIN_LOCK_MINUTES``
lock for that long; an address gets five times as many tries over all accounts). Failures are rows
in the database, so every app process counts the same ones.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from jixiao.orgs.models import LoginFailure

ADDRESS_FACTOR = 5  # an address may fail this many times the per-account limit, over all accounts


def _window() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.JIXIAO_LOGIN_LOCK_MINUTES)


def locked_until(username: str, address: str | None) -> datetime.datetime | None:
    """When the lock on this account (or this address) ends, or ``None`` when it may try now."""
    since = timezone.now() - _window()
    recent = LoginFailure.objects.filter(at__gte=since)
    limits = [(recent.filter(username=username.strip().lower()), settings.JIXIAO_LOGIN_MAX_FAILURES)]
    if address:
        limits.append((recent.filter(address=address), settings.JIXIAO_LOGIN_MAX_FAILURES * ADDRESS_FACTOR))
    ends = []
    for failures, limit in limits:
        if failures.count() >= limit:
            ends.append(failures.aggregate(last=Max("at"))["last"] + _window())
    return max(ends) if ends else None


def record_failure(username: str, address: str | None) -> None:
    LoginFailure.objects.create(username=username.strip().lower()[:150], address=address or None)


def clear_failures(username: str) -> None:
    """A successful login forgets the account's failures (not the address's)."""
    LoginFailure.objects.filter(username=username.strip().lower()).delete()


def client_address(request) -> str | None:
    """The visitor's address as the server saw it (a proxy's header is not trusted here)."""
    return request.META.get("REMOTE_ADDR") or None
