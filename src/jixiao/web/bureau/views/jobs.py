"""后台任务: start a region's batch of reports, its open data, a re-scoring, its warnings or a bulk import as a job (the jobs app on
django-tasks), follow its progress (done / total, polled with htmx) and download the result."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.jobs import services as job_services
from jixiao.jobs.models import JobKind, result_content_type
from jixiao.jobs.selectors import jobs_for
from jixiao.rules import list_packs
from jixiao.web.bureau.common import int_or_none, reviewed_regions, reviewer_required
from jixiao.web.shortcuts import object_for_user

FORMATS = (("docx", "Word（.docx）"), ("pdf", "PDF"), ("html", "网页（.html）"))


def _job(request, pk):
    from jixiao.jobs.models import Job

    return object_for_user(Job.objects.select_related("region", "requested_by").with_progress(), request.user, pk=pk)


@reviewer_required
def job_list(request):
    jobs = jobs_for(request.user).order_by("-created_at", "-id")
    can_import = request.user.is_superuser  # a department's own workbooks are imported by its 填报人
    kinds = [(value, label) for value, label in JobKind.choices() if can_import or value != JobKind.IMPORT.value]
    return render(request, "web/bureau/jobs.html", {
        "page": Paginator(jobs, 30).get_page(request.GET.get("page")), "kinds": kinds, "can_import": can_import,
        "regions": reviewed_regions(request.user), "formats": FORMATS, "packs": list_packs(),
        "year": timezone.localdate().year - 1, "today": timezone.localdate(),
    })


@reviewer_required
@require_POST
def job_start(request):
    from jixiao.orgs.models import Region

    kind = request.POST.get("kind", "")
    region = Region.objects.filter(code=request.POST.get("region", "")).first()
    if kind not in JobKind._value2member_map_ or region is None:
        messages.error(request, "请选择任务种类和行政区划。")
        return redirect("web:bureau:jobs")
    try:
        archive = request.FILES.get("archive") if kind == JobKind.IMPORT.value else None
        job = job_services.start_job(kind=kind, region=region, year=int_or_none(request.POST.get("year")),
                                     params=JobKind(kind).params_from(request.POST), acting_user=request.user,
                                     upload=archive, upload_name=archive.name if archive else "")
    except (job_services.JobRefused, job_services.JobNotPermitted) as refusal:
        messages.error(request, str(refusal))
        return redirect("web:bureau:jobs")
    messages.success(request, f"已启动：{job}")
    return redirect("web:bureau:job", pk=job.pk)


@reviewer_required
def job_detail(request, pk: int):
    return render(request, "web/bureau/job.html", {"job": _job(request, pk)})


@reviewer_required
def job_progress(request, pk: int):
    """The progress block alone (htmx polls it until the job is finished)."""
    return render(request, "web/bureau/_job_progress.html", {"job": _job(request, pk)})


@reviewer_required
@require_POST
def job_cancel(request, pk: int):
    job = _job(request, pk)
    try:
        job_services.cancel_job(job=job, acting_user=request.user)
    except (job_services.JobRefused, job_services.JobNotPermitted) as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"已请求取消：{job}")
    return redirect("web:bureau:job", pk=pk)


@reviewer_required
def job_download(request, pk: int):
    job = _job(request, pk)
    if not job.result:
        raise Http404(f"后台任务 #{job.pk} 还没有结果文件（{job.get_status_display()}）")
    response = FileResponse(job.result.open("rb"), content_type=result_content_type(job.result_name))
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(job.result_name)}"
    return response
