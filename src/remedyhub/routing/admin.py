"""Admin for mechanisms."""

from django.contrib import admin

from remedyhub.routing.models import Mechanism, RulesOfProcedure


class RulesOfProcedureInline(admin.StackedInline):
    model = RulesOfProcedure
    extra = 0


@admin.register(Mechanism)
class MechanismAdmin(admin.ModelAdmin):
    inlines = [RulesOfProcedureInline]
    list_display = ["name", "kind", "accepts_anonymous", "binding_decisions", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
