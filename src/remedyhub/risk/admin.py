"""Admin for the imported risk lists (read mostly: manage.py risk_import writes them)."""

from django.contrib import admin

from remedyhub.risk.models import RiskDataset


@admin.register(RiskDataset)
class RiskDatasetAdmin(admin.ModelAdmin):
    list_display = ["source", "edition_year", "row_count", "imported_at"]
    readonly_fields = ["source", "edition_year", "url", "imported_at", "file_name", "row_count"]
