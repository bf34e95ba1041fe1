from django.contrib.auth import views as auth_views
from django.urls import include, path

from jixiao.web.views import evaluation, site

app_name = "web"
urlpatterns = [
    path("", site.home, name="home"),
    path("choices.css", site.choices_css, name="choices_css"),
    path("login/", site.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="web:home"), name="logout"),
    path("account/password/", site.PasswordChangeView.as_view(), name="password_change"),
    path("notifications/", site.notifications, name="notifications"),
    path("notifications/read/", site.notifications_read, name="notifications_read"),
    path("", include("jixiao.web.department.urls")),
    path("evaluations/<int:pk>/", evaluation.evaluation, name="evaluation"),
    path("evaluations/<int:pk>/<slug:action>/", evaluation.transition, name="transition"),
    path("", include("jixiao.web.bureau.urls")),
    path("cycle/", include("jixiao.web.cycle.urls")),
]
