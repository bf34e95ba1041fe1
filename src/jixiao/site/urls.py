from django.contrib import admin
from django.urls import include, path

from jixiao.site.health import health

admin.site.site_header = "jixiao 预算绩效管理"
admin.site.site_title = "jixiao 预算绩效管理"
admin.site.index_title = "数据管理"

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("api/", include("jixiao.api.urls")),
    path("", include("jixiao.web.urls")),
]

handler400 = "jixiao.web.views.errors.bad_request"
handler403 = "jixiao.web.views.errors.permission_denied"
handler404 = "jixiao.web.views.errors.page_not_found"
handler500 = "jixiao.web.views.errors.server_error"
