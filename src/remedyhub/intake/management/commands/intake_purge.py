"""manage.py intake_purge: delete expired reporting drafts and their files (run it daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from remedyhub.intake.services import drafts_purge


class Command(BaseCommand):
    help = "Delete reporting drafts older than their expiry, with the files attached to them."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = drafts_purge()
        self.stdout.write(f"{removed} expired draft(s) deleted.")
