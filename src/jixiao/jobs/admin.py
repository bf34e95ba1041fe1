"""The task framework's results in the admin: the superusers' only (their arguments name evaluations
of every department)."""

from django_tasks_db.models import DBTaskResult

from jixiao.events.admin import superusers_only

superusers_only(DBTaskResult)
