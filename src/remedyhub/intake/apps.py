"""App configuration of intake."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "remedyhub.intake"
    verbose_name = _("Complaint intake")

    def ready(self) -> None:
        # Fail at start-up, not at the first complaint, when the receipt key is missing.
        from remedyhub.intake import receipts

        receipts.receipt_key()
