"""Public disclosure: anonymous visitors read published evaluations with their report (html, pdf),
自评表, official forms and open data; nothing unpublished is reachable by any URL, file name or API call."""

import io
import json
import re
import zipfile

import pytest
from django.urls import URLPattern, reverse

from jixiao.domain.enums import EvaluationStatus
from jixiao.evaluations import services
from jixiao.orgs.models import SYSTEM
from jixiao.web.bureau import urls as bureau_urls


@pytest.fixture
def every_status(region_world, reference_document, load_evaluation):
    """The published reference, and one evaluation in each unpublished status."""
    hidden = {"submitted": region_world["submitted"], "draft": region_world["draft"]}
    for year, status in ((2019, EvaluationStatus.ACCEPTED), (2020, EvaluationStatus.RETURNED)):
        hidden[status.value] = load_evaluation(reference_document.with_changes(year=year, status=status))
    return {"published": region_world["published"], "hidden": hidden}


def test_the_public_list_searches_published_evaluations(every_status, client):
    page = client.get(reverse("web:bureau:public_list"))
    assert page.status_code == 200
    assert [e.pk for e in page.context["page"]] == [every_status["published"].pk]
    assert client.get(reverse("web:bureau:public_list"), {"region": "440106"}).context["page"].paginator.count == 0
    found = client.get(reverse("web:bureau:public_list"), {"year": 2022, "department": "工商业联合会"})
    assert found.context["page"].paginator.count == 1


def test_a_published_evaluation_comes_with_report_forms_and_open_data(every_status, client):
    pk = every_status["published"].pk
    detail = client.get(reverse("web:bureau:public_detail", args=[pk]))
    assert detail.status_code == 200 and "datapackage.json" in detail.content.decode()
    html = client.get(reverse("web:bureau:public_report", args=[pk, "html"]))
    assert html.status_code == 200 and "广州市黄埔区工商业联合会" in html.content.decode()
    assert "script-src" not in html["Content-Security-Policy"] and "default-src 'none'" in html["Content-Security-Policy"]
    pdf = client.get(reverse("web:bureau:public_report", args=[pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    for form in ("department", "projects"):
        sheet = client.get(reverse("web:bureau:public_form", args=[pk, form]))
        assert sheet.status_code == 200 and sheet.content[:2] == b"PK"
    package = json.loads(client.get(reverse("web:bureau:public_open_data", args=[pk, "datapackage.json"])).content)
    assert {r["path"] for r in package["resources"]} >= {"evaluations.csv", "indicators.csv", "funds.csv"}
    csv = client.get(reverse("web:bureau:public_open_data", args=[pk, "evaluations.csv"])).content.decode("utf-8-sig")
    assert "440112-107" in csv
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("web:bureau:public_open_data", args=[pk, "opendata.zip"])).content))
    assert "datapackage.json" in archive.namelist()


def _public_patterns():
    for pattern in bureau_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        if str(pattern.pattern).startswith("public/"):
            yield pattern


SAMPLE = {"fmt": ["html", "pdf", "docx"], "form": ["department", "projects"],
          "name": ["opendata.zip", "datapackage.json", "evaluations.csv", "evaluations.json", "indicators.csv"]}


def _urls_for(pk):
    for pattern in _public_patterns():
        keys = re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern))
        if "pk" not in keys:
            continue
        combos = [{"pk": pk}]
        for key in keys:
            if key != "pk":
                combos = [{**c, key: value} for c in combos for value in SAMPLE[key]]
        for kwargs in combos:
            yield reverse(f"web:bureau:{pattern.name}", kwargs=kwargs)


@pytest.mark.parametrize("status", ["draft", "submitted", "accepted", "returned"])
def test_nothing_unpublished_is_reachable_by_any_public_url_file_name_or_api_call(every_status, client, status):
    hidden = every_status["hidden"][status]
    urls = list(_urls_for(hidden.pk))
    assert len(urls) >= 10
    for url in urls:
        assert client.get(url).status_code == 404, url
    # file names that are not in the package, or try to leave it
    for name in ("../settings.py", "..%2F..%2Fdb.sqlite3", "jixiao.sqlite3", "secret_key"):
        assert client.get(f"/public/{every_status['published'].pk}/data/{name}").status_code == 404
    # the whole list's open data holds no unpublished evaluation
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("web:bureau:public_open_data_all")).content))
    rows = archive.read("evaluations.csv").decode("utf-8-sig")
    assert "440112-114" not in rows and "2023" not in rows and "2019" not in rows
    # every API endpoint of an evaluation, anonymously
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    api_paths = [p for p in schema["paths"] if "{id}" in p and p.startswith("/api/evaluations/")]
    assert api_paths
    for path in api_paths:
        for method, url in (("get", path.replace("{id}", str(hidden.pk))),):
            if "get" in schema["paths"][path]:
                assert client.get(url).status_code == 404, url
    assert client.get("/api/evaluations/").json()["count"] == 1


def test_the_same_urls_serve_a_published_evaluation(every_status, client):
    """The 404s above come from the status, not from broken URLs."""
    assert all(client.get(url).status_code == 200 for url in _urls_for(every_status["published"].pk))


def test_a_published_evaluation_is_found_only_after_publication(every_status, client):
    accepted = every_status["hidden"]["accepted"]
    url = reverse("web:bureau:public_report", args=[accepted.pk, "pdf"])
    assert client.get(url).status_code == 404
    services.publish_evaluation(evaluation=accepted, acting_user=SYSTEM)
    assert client.get(url).status_code == 200


# --- the public pages' cache: keyed by the published version, never read across a change ------------

def _main(response) -> str:
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)


def _listed(client, **query):
    page = client.get(reverse("web:bureau:public_list"), query)
    assert page.status_code == 200
    return page.content.decode()


def test_the_public_pages_are_cached_until_what_is_published_changes(every_status, client,
                                                                      django_assert_max_num_queries):
    published = every_status["published"]
    detail = reverse("web:bureau:public_detail", args=[published.pk])
    first = _main(client.get(detail))
    _listed(client)
    with django_assert_max_num_queries(2):  # the evaluation (published?) and nothing of its document
        assert _main(client.get(detail)) == first
    with django_assert_max_num_queries(2):  # the published version and the regions' filter
        _listed(client)


def test_a_publication_shows_at_once_in_the_cached_list(every_status, client):
    accepted = every_status["hidden"]["accepted"]
    detail = reverse("web:bureau:public_detail", args=[accepted.pk])
    assert f'href="{detail}"' not in _listed(client)
    services.publish_evaluation(evaluation=accepted, acting_user=SYSTEM)
    assert f'href="{detail}"' in _listed(client)
    assert client.get(detail).status_code == 200


def test_a_withdrawal_hides_the_evaluation_at_once_even_by_a_bare_update(every_status, client):
    """Withdrawn by any path (here a bare UPDATE, which stamps nothing): no cached list or page shows it."""
    from jixiao.evaluations.models import Evaluation

    published = every_status["published"]
    detail = reverse("web:bureau:public_detail", args=[published.pk])
    assert client.get(detail).status_code == 200 and f'href="{detail}"' in _listed(client)
    assert f'href="{detail}"' in _listed(client, year=2022)
    Evaluation.objects.filter(pk=published.pk).update(status=EvaluationStatus.ACCEPTED.value)
    assert client.get(detail).status_code == 404
    assert f'href="{detail}"' not in _listed(client) and f'href="{detail}"' not in _listed(client, year=2022)


def test_a_new_score_of_a_published_evaluation_shows_at_once(every_status, client):
    """What a re-score writes (the score and its time, jixiao.evaluations.services._store_scores)."""
    from django.utils import timezone

    from jixiao.evaluations.models import Evaluation

    published = every_status["published"]
    detail = reverse("web:bureau:public_detail", args=[published.pk])
    assert "12.34" not in client.get(detail).content.decode() and "12.34" not in _listed(client)
    Evaluation.objects.filter(pk=published.pk).update(score_total="12.34", scored_at=timezone.now())
    assert "12.34" in _listed(client) and "12.34" in client.get(detail).content.decode()
