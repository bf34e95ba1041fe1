"""schemathesis against the app's own OpenAPI schema (drf-spectacular's, the one /api/schema/ serves),
as each persona (anonymous; a department's staff and a reviewer of its region, with tokens): for
every operation, generated requests never get a 500 and every response conforms to the schema
(status code documented, body of the documented shape). schemathesis's pytest plugin does not run
under pytest 9 (it reaches for a removed attribute of test items), so each operation's strategy is
run here with hypothesis directly."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
PERSONAS = ("anonymous", "own_staff", "reviewer")


def test_no_request_gets_a_500_or_a_response_outside_the_schema(personas, reference_document, load_evaluation):
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
