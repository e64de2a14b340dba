"""Public pages of sector agreements."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from remedyhub.agreements import views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("<slug:slug>/", views.agreement_page, name="detail"),
    path(_("<slug:slug>/progress/"), views.dashboard, name="dashboard"),
    path(_("<slug:slug>/production-locations/"), views.production_locations, name="locations"),
    path("<slug:slug>/export.json", views.export_json, name="export-json"),
    path("<slug:slug>/export/<slug:table>.csv", views.export_csv, name="export-csv"),
]
