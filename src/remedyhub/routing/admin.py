"""Admin for mechanisms."""

from django.contrib import admin

from remedyhub.routing.models import Mechanism


@admin.register(Mechanism)
class MechanismAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "accepts_anonymous", "binding_decisions", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
