"""The tasks of the task framework (django-tasks; ``django.tasks`` from Django 6): one per chunk."""

from __future__ import annotations

from django_tasks import task

from jixiao.jobs import runner


@task(takes_context=True)
def run_chunk(context, chunk_id: int) -> str:
    """Run one chunk of a job (in this process, or in a ``jixiao worker``)."""
    ids = context.task_result.worker_ids
    return runner.run_chunk(chunk_id, worker=runner.worker_name(ids[-1] if ids else ""))
