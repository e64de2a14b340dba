"""App configuration of the agreements' monitoring."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "remedyhub.agreements"
    verbose_name = _("Sector agreements: monitoring")
