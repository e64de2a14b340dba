"""Admin for cases: staff record conflicts of interest here too (people declare their own on
the conflicts page); histories are read-only."""

from django.contrib import admin

from remedyhub.cases.models import Case, CaseEvent, ConflictOfInterest


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(admin.ModelAdmin):
    list_display = ["user", "company", "case", "created_at"]
    search_fields = ["user__username", "company__name", "case__complaint__reference"]
    autocomplete_fields = ["company"]
    raw_id_fields = ["case"]


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = ("sequence", "kind", "from_state", "to_state", "actor", "occurred_at")
    readonly_fields = ("sequence", "kind", "from_state", "to_state", "actor", "occurred_at")
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Cases move only through the workflow service; the admin shows, it does not edit."""

    list_display = ["complaint", "mechanism", "state", "deadline", "urgent_since"]
    list_filter = ["state", "mechanism"]
    readonly_fields = [field.name for field in Case._meta.concrete_fields]
    inlines = [CaseEventInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
