"""The finance bureau's pages (/bureau/…) and the public's (/public/…)."""

from django.urls import path

from jixiao.web.bureau.views import admin, checker, dashboard, inbox, jobs, public, review

app_name = "bureau"
urlpatterns = [
    path("bureau/inbox/", inbox.inbox, name="inbox"),
    path("bureau/batch/", inbox.batch, name="batch"),
    path("bureau/evaluations/<int:pk>/", review.review, name="review"),
    path("bureau/evaluations/<int:pk>/comments/", review.comment, name="comment"),
    path("bureau/evaluations/<int:pk>/<slug:action>/", review.act, name="act"),
    path("bureau/dashboard/", dashboard.dashboard, name="dashboard"),
    path("bureau/dashboard/<slug:table>.xlsx", dashboard.export, name="dashboard_export"),
    path("bureau/jobs/", jobs.job_list, name="jobs"),
    path("bureau/jobs/start/", jobs.job_start, name="job_start"),
    path("bureau/jobs/<int:pk>/", jobs.job_detail, name="job"),
    path("bureau/jobs/<int:pk>/progress/", jobs.job_progress, name="job_progress"),
    path("bureau/jobs/<int:pk>/cancel/", jobs.job_cancel, name="job_cancel"),
    path("bureau/jobs/<int:pk>/download/", jobs.job_download, name="job_download"),
    path("bureau/checker/", checker.checker, name="checker"),
    path("bureau/accounts/", admin.accounts, name="accounts"),
    path("bureau/accounts/new/", admin.account_create, name="account_create"),
    path("bureau/accounts/grant/", admin.role_grant, name="role_grant"),
    path("bureau/accounts/<int:pk>/password/", admin.password_reset, name="password_reset"),
    path("bureau/roles/<int:pk>/revoke/", admin.role_revoke, name="role_revoke"),
    path("bureau/deadlines/", admin.deadlines, name="deadlines"),
    path("public/", public.public_list, name="public_list"),
    path("public/opendata.zip", public.public_open_data_all, name="public_open_data_all"),
    path("public/<int:pk>/", public.public_detail, name="public_detail"),
    path("public/<int:pk>/report.<slug:fmt>", public.public_report, name="public_report"),
    path("public/<int:pk>/forms/<slug:form>.xlsx", public.public_form, name="public_form"),
    path("public/<int:pk>/data/<str:name>", public.public_open_data, name="public_open_data"),
]
