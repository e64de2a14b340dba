"""App configuration of the registry."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "remedyhub.registry"
    verbose_name = _("Supply-chain registry")
