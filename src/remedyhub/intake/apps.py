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

        from remedyhub.common.rotation import FileStore, register_file_store
        from remedyhub.intake.services import attachment_files, attachment_reencrypt

        register_file_store(FileStore("intake attachments", attachment_files, attachment_reencrypt))
