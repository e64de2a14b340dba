"""Admin for the registry."""

from django.contrib import admin

from remedyhub.registry.models import (
    Company,
    Facility,
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
    readonly_fields = ["public_id"]
    raw_id_fields = ["moved_to"]


@admin.register(SupplierList)
class SupplierListAdmin(admin.ModelAdmin):
    list_display = ["contributor_name", "list_date", "file_name"]
    search_fields = ["contributor_name"]


@admin.register(SupplyLink)
class SupplyLinkAdmin(admin.ModelAdmin):
    list_display = ["company", "facility", "tier", "first_seen", "last_seen"]
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
