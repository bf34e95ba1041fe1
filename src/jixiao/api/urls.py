from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from jixiao.api import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("evaluations", views.EvaluationViewSet, basename="evaluation")
router.register("imports", views.ImportViewSet, basename="import")
router.register("jobs", views.JobViewSet, basename="job")

app_name = "api"
urlpatterns = [
    path("", include(router.urls)),
    path("token/", obtain_auth_token, name="token"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
