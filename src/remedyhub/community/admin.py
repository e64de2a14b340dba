"""Admin for rooms, memberships, events and good practices."""

from typing import Any

from django.contrib import admin
from django.db import models

from remedyhub.community.models import (
    CaseLinkConsent,
    Event,
    EventMaterial,
    GoodPractice,
    Room,
    RoomMembership,
)


class MembershipInline(admin.TabularInline):
    model = RoomMembership
    extra = 1
    raw_id_fields = ["user"]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "rule"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


# Links typed without a scheme are https (Django 6's default, asked for now).
HTTPS_LINKS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


class MaterialInline(admin.TabularInline):
    model = EventMaterial
    formfield_overrides = HTTPS_LINKS
    extra = 1
    fields = ["title", "url"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ["title", "kind", "starts_at", "capacity", "registration_open", "published"]
    list_filter = ["kind", "published"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [MaterialInline]


@admin.register(GoodPractice)
class GoodPracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "status", "published_at"]
    list_filter = ["status"]
    raw_id_fields = ["case", "author"]


@admin.register(CaseLinkConsent)
class CaseLinkConsentAdmin(admin.ModelAdmin):
    list_display = ["case", "party", "company", "recorded_by", "created_at"]
    raw_id_fields = ["case"]
    exclude = ["recorded_by"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
