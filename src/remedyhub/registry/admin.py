"""Admin for the registry."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from remedyhub.registry.models import (
    AgreementParty,
    Company,
    Contributor,
    Facility,
    MatchDecision,
    Membership,
    SectorAgreement,
    SupplierList,
    SupplyLink,
)
from remedyhub.registry.services import facility_merge


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "home_country"]
    list_filter = ["home_country"]
    search_fields = ["name", "chamber_of_commerce_number", "lei"]
    prepopulated_fields = {"slug": ["name"]}


@admin.action(description=_("Merge the selected facilities into the oldest of them"))
def merge_facilities(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Facility]
) -> None:
    facilities = list(queryset.filter(merged_into__isnull=True).order_by("created_at", "pk"))
    if len(facilities) < 2:
        modeladmin.message_user(
            request,
            _("Select at least two facilities that were not merged before."),
            messages.WARNING,
        )
        return
    target, *duplicates = facilities
    for duplicate in duplicates:
        facility_merge(source=duplicate, target=target, user=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d facility was merged into %(target)s.",
            "%(count)d facilities were merged into %(target)s.",
            len(duplicates),
        )
        % {"count": len(duplicates), "target": target.public_id},
        messages.SUCCESS,
    )


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    actions = [merge_facilities]
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
    # Membership.clean runs the service's checks: overlapping periods and an end before the
    # start are refused here with the same messages.
    model = Membership
    extra = 0
    fields = [
        "company",
        "route",
        "partner_initiative",
        "valid_from",
        "valid_until",
        "end_reason",
    ]


class AgreementPartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0


@admin.register(SectorAgreement)
class SectorAgreementAdmin(admin.ModelAdmin):
    list_display = ["name", "scope", "status", "starts_on", "ends_on"]
    list_filter = ["scope", "status"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AgreementPartyInline, MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["company", "agreement", "route", "valid_from", "valid_until", "end_reason"]
    list_filter = ["agreement", "route", "end_reason"]
    search_fields = ["company__name"]
