"""Admin for users and their affiliations."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from remedyhub.accounts.models import Affiliation, User


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["mechanism", "company"]


@admin.register(User)
class RemedyHubUserAdmin(UserAdmin):
    inlines = [AffiliationInline]
