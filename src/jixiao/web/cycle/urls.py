from django.urls import path

from jixiao.web.cycle import views

app_name = "cycle"
urlpatterns = [
    path("monitoring/", views.rounds, name="rounds"),
    path("monitoring/open/", views.round_open, name="round_open"),
    path("monitoring/<int:round_pk>/<int:evaluation_pk>/", views.round_entry, name="round_entry"),
    path("monitoring/<int:round_pk>/<int:evaluation_pk>/form.xlsx", views.round_form_download, name="round_form"),
    path("monitoring/<int:round_pk>/<int:evaluation_pk>/upload/", views.round_form_upload, name="round_upload"),
    path("monitoring/warnings/", views.warnings, name="warnings"),
    path("monitoring/warnings/<int:pk>/escalate/", views.warning_escalate, name="warning_escalate"),
    path("adjustments/", views.adjustments, name="adjustments"),
    path("adjustments/request/", views.adjustment_request, name="adjustment_request"),
    path("adjustments/<int:pk>/decide/", views.adjustment_decide, name="adjustment_decide"),
    path("rectification/", views.rectification, name="rectification"),
    path("rectification/from-report/", views.rectification_from_report, name="rectification_from_report"),
    path("rectification/review/", views.rectification_review, name="rectification_review"),
    path("rectification/<int:pk>/<slug:action>/", views.rectification_act, name="rectification_act"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("targets/", views.targets, name="targets"),
    path("targets/<int:department_pk>/<int:year>/", views.declaration, name="declaration"),
    path("targets/<int:department_pk>/<int:year>/project/<str:project_code>/", views.declaration,
         name="project_declaration"),
    path("targets/review/<int:pk>/", views.declaration_review, name="declaration_review"),
    path("targets/library/", views.library, name="library"),
    path("targets/library/build/", views.library_build, name="library_build"),
    path("targets/library/<int:pk>/", views.library_curate, name="library_curate"),
]
