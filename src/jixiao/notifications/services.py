"""Telling people (通知): in-app rows written in the caller's transaction, e-mails sent after it commits.

A notification is part of the change that causes it (a submission and the reviewers' notice of it are
stored together or not at all); the e-mail leaves only once that change is committed, so nobody is
mailed about something that was rolled back. A failing mail server is logged, never undoes the change.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from jixiao.notifications.models import Notification

log = logging.getLogger(__name__)


def notify(*, recipients: Iterable, title: str, body: str = "", link: str = "", evaluation=None, event=None,
           key: str = "") -> list[Notification]:
    """Tell each recipient (users; the system actor and duplicates are skipped). With a ``key``, a
    recipient already told under that key is not told again (safe for jobs that run twice or at once).
    Returns the notifications created now."""
    created: list[Notification] = []
    seen: set[int] = set()
    for user in recipients:
        if not getattr(user, "pk", None) or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        fields = dict(title=title[:200], body=body, link=link[:300], evaluation=evaluation, event=event)
        if key:
            try:
                with transaction.atomic():  # a savepoint: a concurrent twin's row wins, ours is dropped
                    note, new = Notification.objects.get_or_create(recipient=user, key=key[:200], defaults=fields)
            except IntegrityError:
                continue
            if not new:
                continue
        else:
            note = Notification.objects.create(recipient=user, **fields)
        created.append(note)
    if created:
        ids = [note.pk for note in created]
        transaction.on_commit(lambda: send_emails(ids))
    return created


def send_emails(notification_ids: list[int]) -> int:
    """Send the e-mail of each notification whose recipient has an address and that was not mailed
    yet; returns how many left. Called after commit."""
    sent = 0
    for note in Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).select_related("recipient"):
        address = note.recipient.email
        if not address:
            continue
        link = f"{settings.JIXIAO_SITE_URL.rstrip('/')}{note.link}" if note.link else ""
        text = "\n\n".join(part for part in (note.body, link and f"查看：{link}") if part)
        try:
            send_mail(f"[jixiao] {note.title}", text or note.title, None, [address])
        except Exception:  # the change is committed; a mail server's failure is logged, not raised
            log.exception("通知邮件发送失败：%s → %s", note.title, address)
            continue
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


@transaction.atomic
def mark_read(*, acting_user, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when no ids are given); returns how many."""
    notes = Notification.objects.for_user(acting_user, "edit").unread()
    if notification_ids is not None:
        notes = notes.filter(pk__in=list(notification_ids))
    return notes.update(read_at=timezone.now())
