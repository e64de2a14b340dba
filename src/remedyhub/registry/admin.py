"""Admin for the registry."""

from django.contrib import admin

from remedyhub.registry.models import (
    Company,
    Contributor,
    Facility,
    MatchDecision,
    Membership,
    SectorAgreement,
    SupplierList,
    SupplyLink,
)


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "home_country"]
    list_filter = ["home_country"]
    search_fields = ["name", "chamber_of_commerce_number", "lei"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["public_id", "name", "city", "country", "sector"]
    list_filter = ["country", "sector"]
    search_fields = ["public_id", "name", "address", "os_id"]
    readonly_fields = ["public_id", "match_key"]
    raw_id_fields = ["moved_to", "merged_into"]


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "company"]
    list_filter = ["type"]
    search_fields = ["name"]


@admin.register(SupplierList)
class SupplierListAdmin(admin.ModelAdmin):
    list_display = ["contributor", "list_date", "file_name", "row_count"]
    list_filter = ["contributor"]
    readonly_fields = ["file_sha256", "summary", "uploaded_by"]


@admin.register(MatchDecision)
class MatchDecisionAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "contributor", "method", "score", "facility"]
    list_filter = ["method", "country"]
    search_fields = ["name"]
    raw_id_fields = ["facility", "first_list", "last_list"]


@admin.register(SupplyLink)
class SupplyLinkAdmin(admin.ModelAdmin):
    list_display = ["company", "facility", "tier", "first_seen", "last_seen", "ended_on"]
    list_filter = ["company", "tier"]
    raw_id_fields = ["facility", "source_list"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(SectorAgreement)
class SectorAgreementAdmin(admin.ModelAdmin):
    list_display = ["name", "scope", "starts_on", "ends_on"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
