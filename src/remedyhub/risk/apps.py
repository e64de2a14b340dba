"""App configuration of the risk check."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskConfig(AppConfig):
    name = "remedyhub.risk"
    verbose_name = _("Risk check")
