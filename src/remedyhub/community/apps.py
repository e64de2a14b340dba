"""App configuration of the community: good practices, the members' network, events."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "remedyhub.community"
    verbose_name = _("Community and events")

    def ready(self) -> None:
        from remedyhub.common.rotation import FileStore, register_file_store
        from remedyhub.community.files import stored_files, stored_reencrypt

        register_file_store(FileStore("community files", stored_files, stored_reencrypt))
