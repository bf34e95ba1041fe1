"""schemathesis against the app's own OpenAPI schema (drf-spectacular's, the one /api/schema/ serves),
as each persona (anonymous; a department's staff and a reviewer of its region, with tokens): for
every operation, generated requests never get a 500 and every response conforms to the schema
(status code documented, body of the documented shape). schemathesis's pytest plugin does not run
under pytest 9 (it reaches for a removed attribute of test items), so each operation's strategy is
run here with hypothesis directly."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
PERSONAS = ("anonymous", "own_staff", "reviewer")


@pytest.fixture
def connection_kept():
    """As Django's test client does: the requests run inside the test's transaction, so the end of a
    request must not close the connection (which holds that transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_request_gets_a_500_or_a_response_outside_the_schema(personas, reference_document, load_evaluation,
                                                                 connection_kept):
    from drf_spectacular.generators import SchemaGenerator
    from rest_framework.authtoken.models import Token

    from jixiao.site.wsgi import application

    load_evaluation(reference_document)
    headers = {"anonymous": {}}
    for name in PERSONAS[1:]:
        headers[name] = {"Authorization": f"Token {Token.objects.get_or_create(user=personas[name])[0].key}"}
    schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    schema.app = application
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    tried = set()

    for operation in operations:
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        @given(case=operation.as_strategy())
        def run(case):
            for persona in PERSONAS:
                case.call_and_validate(headers=headers[persona], checks=CHECKS)
            tried.add(operation.label)

        run()
    assert len(tried) == len(operations)


@pytest.mark.parametrize("year", ["99999999", "²⁰²²", "1999"])
def test_a_year_outside_what_is_stored_is_a_clear_400_not_a_500(personas, year):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(personas["reviewer"])
    response = api.get("/api/dashboard/", {"region": "440112", "year": year})
    assert response.status_code == 400 and "2000–2100" in response.json()["detail"]
