"""Registry pages."""

from django.urls import path

from remedyhub.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.facility_search_page, name="search"),
    path("export.csv", views.facility_export, name="export"),
    path("upload/", views.upload, name="upload"),
    path("upload/confirm/", views.upload_confirm, name="upload-confirm"),
    path("review/", views.review_queue, name="review"),
    path("review/<int:decision_id>/", views.review_decide, name="review-decide"),
    path("<str:public_id>/", views.facility_page, name="facility"),
]
