"""Pages every visitor shares: the home page, the colours of choices, notifications, the password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from jixiao.cycle.models import RectificationStatus, TargetStatus
from jixiao.domain.enums import EvaluationStatus, GradeBand, WarningLevel
from jixiao.evaluations.models import Evaluation
from jixiao.notifications.models import Notification
from jixiao.notifications.services import mark_read
from jixiao.web.forms import LoginForm

# Enums whose members carry colours, and the CSS class prefix of each (.status-draft, .grade-good…).
COLOURED_CHOICES = (("status", EvaluationStatus), ("grade", GradeBand), ("warning", WarningLevel),
                    ("target", TargetStatus), ("rectification", RectificationStatus))


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


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    """修改密码: the user's own password (the old one asked), checked by the password validators."""

    template_name = "web/password_change.html"
    success_url = reverse_lazy("web:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "密码已修改。")
        return response


@login_required
def notifications(request):
    """通知: the user's notifications, newest first, unread ones marked."""
    notes = Notification.objects.for_user(request.user).select_related("evaluation__department")
    page = Paginator(notes, 30).get_page(request.GET.get("page"))
    return render(request, "web/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_read(request):
    """Mark one notification (``id``) or all of them read, then go where it points (or back)."""
    note_id = request.POST.get("id")
    ids = [int(note_id)] if note_id and note_id.isdigit() else None
    mark_read(acting_user=request.user, notification_ids=ids)
    if ids:
        note = Notification.objects.for_user(request.user).filter(pk=ids[0]).first()
        if note and note.link.startswith("/"):
            return redirect(note.link)
    return redirect("web:notifications")
