from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from jixiao.domain.enums import EvaluationStatus, GradeBand, WarningLevel
from jixiao.evaluations.models import Evaluation

# Enums whose members carry colours, and the CSS class prefix of each (.status-draft, .grade-good…).
COLOURED_CHOICES = (("status", EvaluationStatus), ("grade", GradeBand), ("warning", WarningLevel))


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


@require_GET
@cache_control(max_age=3600, public=True)
def choices_css(request):
    """The colours of statuses, grades and warning levels as CSS custom properties, generated from
    the enums that define them once (``.status-draft { --choice: #616e7c }``)."""
    rules = [f".{prefix}-{member.value} {{ --choice: {member.colour}; }}"
             for prefix, enum in COLOURED_CHOICES for member in enum if member.colour]
    return HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
