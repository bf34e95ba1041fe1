"""Every public function of jobs/services.py writes its event naming the acting user (as
tests/evaluations/test_events.py requires of the evaluation services)."""

import inspect

import pytest

from jixiao.domain.enums import EventVerb
from jixiao.events.models import Event
from jixiao.jobs import services


def _start(reviewer, region):
    return services.start_job(kind="rescore", region=region, year=2022, acting_user=reviewer)


SCENARIOS = {
    "start_job": (EventVerb.JOB_START, lambda reviewer, region: _start(reviewer, region)),
    "cancel_job": (EventVerb.JOB_CANCEL, lambda reviewer, region: services.cancel_job(
        job=_start(reviewer, region), acting_user=reviewer)),
}


def test_every_public_service_has_a_scenario():
    public = {name for name, member in inspect.getmembers(services, inspect.isfunction)
              if member.__module__ == services.__name__ and not name.startswith("_")}
    assert public == set(SCENARIOS)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_service_writes_its_event(name, demo_reviewer, region, settings):
    settings.JIXIAO_TASK_BACKEND = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    verb, call = SCENARIOS[name]
    job = call(demo_reviewer, region)
    event = Event.objects.order_by("-id").first()
    assert (event.verb, event.actor, event.object_id) == (verb.value, demo_reviewer, str(job.pk))
    parameter = inspect.signature(getattr(services, name)).parameters["acting_user"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default is inspect.Parameter.empty
