from django.db.models import Count
from django.shortcuts import render

from jixiao.domain.enums import EvaluationStatus
from jixiao.evaluations.models import Evaluation


def home(request):
    """首页: the evaluations the visitor may see (published ones for the public)."""
    evaluations = (
        Evaluation.objects.for_user(request.user)
        .select_related("department__region")
        .annotate(task_count=Count("tasks", distinct=True))
        .order_by("-year", "department__region__code", "department__code")
    )
    status_labels = dict(EvaluationStatus.choices())
    return render(request, "web/home.html", {"evaluations": evaluations, "status_labels": status_labels})
