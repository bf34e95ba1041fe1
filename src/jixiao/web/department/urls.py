from django.urls import path

from jixiao.web.department import views

app_name = "department"
urlpatterns = [
    path("my/", views.home, name="home"),
    path("my/upload/", views.home_upload, name="home_upload"),
    path("my/blank.xlsx", views.blank_workbook, name="blank_workbook"),
    path("evaluations/<int:pk>/edit/<slug:part>/", views.grid, name="grid"),
    path("evaluations/<int:pk>/edit/<slug:part>/rows.json", views.rows, name="rows"),
    path("evaluations/<int:pk>/edit/<slug:part>/save/", views.save, name="save"),
    path("evaluations/<int:pk>/edit/<slug:part>/add/", views.add_row, name="add_row"),
    path("evaluations/<int:pk>/edit/<slug:part>/delete/", views.delete_row, name="delete_row"),
    path("evaluations/<int:pk>/report/sections/", views.sections, name="sections"),
    path("evaluations/<int:pk>/report/sections/<str:key>/", views.section_save, name="section_save"),
    path("evaluations/<int:pk>/report/redraft/", views.redraft, name="redraft"),
    path("evaluations/<int:pk>/files/", views.files, name="files"),
    path("evaluations/<int:pk>/files/upload/", views.upload, name="upload"),
    path("evaluations/<int:pk>/files/confirm/", views.upload_confirm, name="upload_confirm"),
    path("evaluations/<int:pk>/files/download/<slug:what>/", views.download, name="download"),
]
