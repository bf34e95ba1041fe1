"""The worker process: django-tasks-db's worker loop, plus a thread that takes over the chunks of
workers that went silent (:func:`jixiao.jobs.runner.recover`) every half lease."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection

from jixiao.jobs import runner

log = logging.getLogger(__name__)


class WorkerNotConfigured(RuntimeError):
    """No database task backend is configured: there is nothing for a worker to do."""


def _recovery_loop(stop: threading.Event, every: float) -> None:
    while not stop.wait(every):
        try:
            close_old_connections()
            runner.recover()
        except Exception:  # noqa: BLE001 - recovery is retried at the next round
            log.exception("后台任务恢复失败")
    connection.close()


def check_configured() -> None:
    if settings.JIXIAO_TASK_BACKEND != "database":
        raise WorkerNotConfigured("后台任务当前在网页进程内即时执行（JIXIAO_TASK_BACKEND=immediate），无需 jixiao worker；"
                                  "如需后台工作进程，请设置 JIXIAO_TASK_BACKEND=database")


def run_worker(*, batch: bool = False, interval: float = 1.0, max_tasks: int | None = None,
               worker_id: str | None = None) -> None:
    check_configured()
    from django.core.management import call_command

    runner.recover()
    stop = threading.Event()
    helper = threading.Thread(target=_recovery_loop, args=(stop, settings.JIXIAO_JOB_LEASE_SECONDS / 2),
                              name="jixiao-recover", daemon=True)
    helper.start()
    options = {"batch": batch, "interval": interval, "reload": False, "verbosity": 0, "queue_name": "default"}
    if max_tasks:
        options["max_tasks"] = max_tasks
    if worker_id:
        options["worker_id"] = worker_id
    try:
        call_command("db_worker", **options)
    finally:
        stop.set()
