"""Good practices, the members' network and events."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from remedyhub.community import views

app_name = "community"

urlpatterns = [
    path(_("good-practices/"), views.practice_list, name="practices"),
    path(_("good-practices/new/"), views.practice_edit, name="practice-new"),
    path(_("good-practices/<slug:slug>/"), views.practice_detail, name="practice"),
    path(_("good-practices/<slug:slug>/edit/"), views.practice_edit, name="practice-edit"),
    path(_("network/"), views.room_list, name="rooms"),
    path(_("network/<slug:slug>/"), views.room_detail, name="room"),
    path(
        _("network/<slug:slug>/documents/<uuid:storage_name>/"),
        views.document_download,
        name="document",
    ),
    path(_("events/"), views.event_list, name="events"),
    path(_("events/feed.ics"), views.event_feed, name="event-feed"),
    path(_("events/cancel/<str:token>/"), views.event_cancel_by_link, name="event-cancel-link"),
    path(_("events/<slug:slug>.ics"), views.event_ics, name="event-ics"),
    path(_("events/<slug:slug>/"), views.event_detail, name="event"),
    path(_("events/<slug:slug>/cancel/"), views.event_cancel, name="event-cancel"),
    path(
        _("events/<slug:slug>/materials/<uuid:storage_name>/"),
        views.event_material_download,
        name="event-material",
    ),
]
