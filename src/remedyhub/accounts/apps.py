"""App configuration of accounts."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "remedyhub.accounts"
    verbose_name = _("Accounts")


class VerifiedAdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` whose default site asks for the second factor."""

    default = False  # listed by its full path in INSTALLED_APPS
    default_site = "remedyhub.accounts.admin_site.VerifiedAdminSite"
