"""公开: what anybody may read without logging in — published evaluations only, searched by region,
year and department, each with its report (html, pdf), its 自评表, the official forms and its open
data. Every lookup goes through :mod:`jixiao.bureau.public` (the anonymous visitor's scope), so an
unpublished evaluation is "not found" by any URL or file name, the same answer as one that does not exist."""

from __future__ import annotations

import functools
import io
import zipfile
from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from jixiao.bureau.public import public_regions, public_version, published_evaluation, published_evaluations
from jixiao.evaluations.selectors import NotFound
from jixiao.evaluations.store import document_for, documents_for
from jixiao.site.csp import DATA, NONE, SELF, csp_override
from jixiao.usecases.common import Produced
from jixiao.web.bureau.common import int_or_none

# The public pages' content is cached (Django's cache framework, settings.CACHES) under the published
# data's version (jixiao.bureau.public.public_version): a publication or a withdrawal changes the key,
# so nothing is read across one. The time only bounds a rename of a department or region.
PUBLIC_CACHE_SECONDS = 300
OPEN_DATA_MAX = 500  # evaluations in one synchronous download of the list's open data
REPORT_POLICY = {"default-src": [NONE], "style-src": ["'unsafe-inline'"], "img-src": [SELF, DATA],
                 "font-src": [SELF, DATA], "base-uri": [NONE], "form-action": [NONE], "frame-ancestors": [SELF]}


def _published(pk):
    try:
        return published_evaluation(pk)
    except NotFound:
        raise Http404("没有这份已公开的绩效自评。") from None


def _file(produced: Produced, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(produced.data, content_type=produced.content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(produced.name)}"
    return response


def public_list(request):
    """The list of published evaluations. Its content is cached per address and published version;
    what it reads from the database is lazy, so that a cached page reads only the version."""
    region = request.GET.get("region", "").strip()
    year = int_or_none(request.GET.get("year"))
    department = request.GET.get("department", "").strip()
    evaluations = published_evaluations(region=region, year=year, department=department)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "web/bureau/public_list.html", {
        "page": SimpleLazyObject(lambda: Paginator(evaluations, 30).get_page(request.GET.get("page"))),
        "query": query.urlencode(), "filters": {"region": region, "year": year or "", "department": department},
        "regions": public_regions().order_by("code"),
        "years": SimpleLazyObject(lambda: sorted(set(published_evaluations().values_list("year", flat=True)),
                                                 reverse=True)),
        "version": public_version(), "cache_seconds": PUBLIC_CACHE_SECONDS, "address": request.get_full_path(),
    })


def public_detail(request, pk):
    """One published evaluation, looked up first (an unpublished one is not found, cached or not); its
    content is cached under the evaluation's own version (content, score and status stamps)."""
    evaluation = _published(pk)
    from jixiao.documents.opendata import open_data_files

    load = functools.cache(lambda: document_for(evaluation))
    stamp = lambda at: at.timestamp() if at else 0  # noqa: E731
    return render(request, "web/bureau/public_detail.html", {
        "evaluation": evaluation, "document": SimpleLazyObject(load),
        "open_data_names": SimpleLazyObject(lambda: sorted(open_data_files([load()]))),
        "version": f"{evaluation.revision}-{stamp(evaluation.updated_at)}-{stamp(evaluation.scored_at)}",
        "cache_seconds": PUBLIC_CACHE_SECONDS,
    })


@csp_override(REPORT_POLICY)
def public_report(request, pk, fmt: str):
    """The report as html (shown in the browser, no script allowed) or pdf / docx (downloaded)."""
    from jixiao.usecases.reports import produce_report

    evaluation = _published(pk)
    if fmt not in ("html", "pdf", "docx"):
        raise Http404("没有这种格式")
    return _file(produce_report(document_for(evaluation), fmt), inline=fmt in ("html", "pdf"))


def public_form(request, pk, form: str):
    """自评表 (部门整体支出绩效自评表) or the official 项目支出绩效自评表 as .xlsx."""
    from jixiao.usecases.forms import department_form, project_forms

    evaluation = _published(pk)
    document = document_for(evaluation)
    if form == "department":
        return _file(department_form(document))
    if form == "projects":
        return _file(project_forms(document))
    raise Http404("没有这张表")


def public_open_data(request, pk, name: str):
    """One file of the evaluation's open data package (CSV, JSON, datapackage.json), or all as .zip;
    only names the package holds are served."""
    from jixiao.usecases.opendata import open_data_archive

    evaluation = _published(pk)
    files = open_data_archive([document_for(evaluation)])
    if name == "opendata.zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for file_name, data in sorted(files.items()):
                archive.writestr(file_name, data)
        return _file(Produced(f"{evaluation.year}-{evaluation.department.code}-公开数据.zip", "application/zip",
                              buffer.getvalue()))
    if name not in files:
        raise Http404("公开数据中没有这个文件")
    kind = "text/csv; charset=utf-8" if name.endswith(".csv") else "application/json"
    return _file(Produced(name, kind, files[name]))


def public_open_data_all(request):
    """The open data of every published evaluation matching the list's filters, as one .zip."""
    from jixiao.usecases.opendata import open_data_archive

    evaluations = published_evaluations(region=request.GET.get("region", "").strip(),
                                        year=int_or_none(request.GET.get("year")),
                                        department=request.GET.get("department", "").strip())
    if evaluations.count() > OPEN_DATA_MAX:
        return render(request, "web/error.html", {
            "status": 400, "title": "范围过大", "message": f"一次最多下载 {OPEN_DATA_MAX} 份自评的公开数据，"
                                                         "请按行政区划或年度缩小范围。"}, status=400)
    files = open_data_archive(list(documents_for(evaluations)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file_name, data in sorted(files.items()):
            archive.writestr(file_name, data)
    return _file(Produced("预算绩效自评公开数据.zip", "application/zip", buffer.getvalue()))
