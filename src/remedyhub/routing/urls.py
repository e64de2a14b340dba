"""Public pages of the mechanisms."""

from django.urls import path

from remedyhub.routing import views

app_name = "routing"

urlpatterns = [
    path("", views.mechanism_list, name="list"),
    path("<slug:slug>/", views.mechanism_page, name="detail"),
]
