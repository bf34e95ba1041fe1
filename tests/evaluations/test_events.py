"""Every state-changing service writes its event, in the same transaction, naming the acting user.

A new public service function in a services module must get a scenario here, or this test fails."""

import inspect

import pytest

from jixiao.domain.enums import EvaluationStatus, EventVerb
from jixiao.evaluations import services
from jixiao.evaluations.models import Evaluation
from jixiao.events.models import Event
from jixiao.orgs.models import SYSTEM


def _draft_document(reference_document):
    return reference_document.with_changes(status=EvaluationStatus.DRAFT)


def _submitted(personas, reference_document):
    evaluation = services.import_document(document=_draft_document(reference_document), acting_user=SYSTEM)
    return services.submit_evaluation(evaluation=evaluation, acting_user=personas["own_approver"])


SCENARIOS = {
    "import_document": (EventVerb.IMPORT, "own_staff", lambda p, doc: services.import_document(
        document=_draft_document(doc), acting_user=p["own_staff"])),
    "import_documents": (EventVerb.IMPORT, "own_staff", lambda p, doc: services.import_documents(
        documents=[_draft_document(doc)], acting_user=p["own_staff"])),
    "rescore_evaluation": (EventVerb.RESCORE, "reviewer", lambda p, doc: services.rescore_evaluation(
        evaluation=_submitted(p, doc), acting_user=p["reviewer"])),
    "submit_evaluation": (EventVerb.SUBMIT, "own_approver", lambda p, doc: services.submit_evaluation(
        evaluation=services.import_document(document=_draft_document(doc), acting_user=SYSTEM),
        acting_user=p["own_approver"])),
    "return_evaluation": (EventVerb.RETURN, "reviewer", lambda p, doc: services.return_evaluation(
        evaluation=_submitted(p, doc), acting_user=p["reviewer"], reason="缺少偏差原因")),
    "accept_evaluation": (EventVerb.ACCEPT, "reviewer", lambda p, doc: services.accept_evaluation(
        evaluation=_submitted(p, doc), acting_user=p["reviewer"])),
    "publish_evaluation": (EventVerb.PUBLISH, "reviewer", lambda p, doc: services.publish_evaluation(
        evaluation=services.accept_evaluation(evaluation=_submitted(p, doc), acting_user=p["reviewer"]),
        acting_user=p["reviewer"])),
    "advance_to": (EventVerb.SUBMIT, "own_approver", lambda p, doc: services.advance_to(
        evaluation=services.import_document(document=_draft_document(doc), acting_user=SYSTEM),
        status=EvaluationStatus.SUBMITTED, acting_user=p["own_approver"])),
    "record_export": (EventVerb.DOWNLOAD, "own_staff", lambda p, doc: services.record_export(
        evaluation=services.import_document(document=_draft_document(doc), acting_user=SYSTEM),
        acting_user=p["own_staff"])),
}
# Public functions of the services that change nothing (they compute what a change would do).
READ_ONLY = {"plan_import", "review_errors"}


def _public_services(module):
    return {name for name, member in inspect.getmembers(module, inspect.isfunction)
            if member.__module__ == module.__name__ and not name.startswith("_")}


def test_every_public_service_has_a_scenario():
    assert _public_services(services) == set(SCENARIOS) | READ_ONLY


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_service_writes_its_event_naming_the_actor(name, personas, reference_document):
    verb, persona, call = SCENARIOS[name]
    call(personas, reference_document)
    event = Event.objects.order_by("-id").first()
    assert (event.verb, event.actor) == (verb.value, personas[persona])
    assert event.evaluation == Evaluation.objects.get()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_service_requires_the_acting_user(name):
    parameter = inspect.signature(getattr(services, name)).parameters["acting_user"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default is inspect.Parameter.empty
