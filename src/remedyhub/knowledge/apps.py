from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "remedyhub.knowledge"
    verbose_name = _("Knowledge base and helpdesk")

    def ready(self) -> None:
        # Helpdesk attachments are sealed like complaint files; key rotation must reach them.
        from remedyhub.common.rotation import FileStore, register_file_store
        from remedyhub.knowledge.services import question_file_reencrypt, question_files

        register_file_store(
            FileStore("helpdesk attachments", question_files, question_file_reencrypt)
        )
