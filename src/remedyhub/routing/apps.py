"""App configuration of routing."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutingConfig(AppConfig):
    name = "remedyhub.routing"
    verbose_name = _("Mechanisms and routing")
