"""App configuration of common."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "remedyhub.common"
    verbose_name = _("Common")

    def ready(self) -> None:
        # Fail at start-up, not at the first complaint, when no key can be loaded.
        from remedyhub.common import crypto, logfilters  # noqa: F401 (connects its signals)

        crypto.keyring()
