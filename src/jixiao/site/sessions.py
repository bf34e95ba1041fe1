"""Sessions (登录会话) that end after a working day of inactivity (``SESSION_COOKIE_AGE``, set by
``JIXIAO_SESSION_HOURS``), not two weeks after the login.

Django counts inactivity with ``SESSION_SAVE_EVERY_REQUEST``, a write to the session table on every
page: on SQLite, where one writer works at a time, every page would then wait behind an import and
fail after the busy timeout. Here the expiry is moved forward at most once every
:data:`REFRESH_SECONDS` (the idle limit is kept to within that), and a refresh that finds the database
busy is skipped, never an error for a page that only reads.
"""

from __future__ import annotations

import logging
import time

from django.contrib.sessions.middleware import SessionMiddleware
from django.db import DatabaseError

log = logging.getLogger(__name__)

REFRESH_SECONDS = 600
REFRESHED_KEY = "_jixiao_refreshed"  # when the expiry was last moved forward (seconds since the epoch)


class IdleSessionMiddleware(SessionMiddleware):
    """Django's session middleware, sliding a signed-in session's expiry forward as its user works."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        refresh_only = False
        if session is not None and not session.is_empty():
            now = int(time.time())
            if session.modified:  # saved anyway (a login, a message): its expiry moves with it
                session[REFRESHED_KEY] = now
            elif now - int(session.get(REFRESHED_KEY, 0)) >= REFRESH_SECONDS:
                session[REFRESHED_KEY] = now  # modified: saved with a new expiry, its cookie sent again
                refresh_only = True
        try:
            return super().process_response(request, response)
        except DatabaseError:
            if not refresh_only:
                raise
            log.warning("会话续期时数据库忙，本次未续期：%s", request.path)
            return response
