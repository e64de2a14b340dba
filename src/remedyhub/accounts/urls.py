"""Account pages: the two-step log-in, log-out and the page a logged-in person lands on."""

from django.contrib.auth import views as auth_views
from django.urls import path

from remedyhub.accounts import login
from remedyhub.accounts.views import DashboardView

app_name = "accounts"

urlpatterns = [
    path("login/", login.login_password, name="login"),
    path("login/code/", login.login_code, name="login-code"),
    path("login/authenticator/", login.login_enrol, name="login-enrol"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", DashboardView.as_view(), name="dashboard"),
]
