"""App configuration of the API."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "remedyhub.api"
    verbose_name = _("API")
