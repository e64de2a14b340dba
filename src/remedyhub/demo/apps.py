"""App configuration of the demo data."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "remedyhub.demo"
    verbose_name = _("Demo data")
