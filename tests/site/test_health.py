"""/health/ answers without the database, a session or a template (load balancers; the load test's floor)."""

from django.test import Client


def test_health_answers_plainly_without_the_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/health/")
    assert response.status_code == 200 and response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]
