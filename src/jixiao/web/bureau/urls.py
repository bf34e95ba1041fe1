"""The finance bureau's pages (/bureau/…) and the public's (/public/…)."""

from django.urls import path

from jixiao.web.bureau.views import dashboard, inbox, review

app_name = "bureau"
urlpatterns = [
    path("bureau/inbox/", inbox.inbox, name="inbox"),
    path("bureau/batch/", inbox.batch, name="batch"),
    path("bureau/evaluations/<int:pk>/", review.review, name="review"),
    path("bureau/evaluations/<int:pk>/comments/", review.comment, name="comment"),
    path("bureau/evaluations/<int:pk>/<slug:action>/", review.act, name="act"),
    path("bureau/dashboard/", dashboard.dashboard, name="dashboard"),
    path("bureau/dashboard/<slug:table>.xlsx", dashboard.export, name="dashboard_export"),
]
