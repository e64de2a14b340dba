"""The risk check."""

from django.urls import path

from remedyhub.risk import views

app_name = "risk"

urlpatterns = [
    path("", views.risk_check_page, name="check"),
]
