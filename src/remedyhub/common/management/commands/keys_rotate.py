"""manage.py keys_rotate: move every encrypted value and file to the active key.

    manage.py keys_rotate --new-key   # a new key first in the key file, then re-encrypt
    manage.py keys_rotate             # re-encrypt what is still under an older key
    manage.py keys_rotate --status    # how many values and files each key seals

With keys in REMEDYHUB_ENCRYPTION_KEYS instead of a file, ``--new-key`` prints the new pair to
put first in that variable; restart, then run ``keys_rotate``.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from remedyhub.common import crypto
from remedyhub.common.rotation import key_usage, reencrypt_all


class Command(BaseCommand):
    help = "Re-encrypt stored personal data and files under the active encryption key."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--new-key",
            action="store_true",
            help="Add a new key first in the key file (it becomes active), then re-encrypt.",
        )
        group.add_argument(
            "--status", action="store_true", help="Only count values and files per key id."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["status"]:
            self._status()
            return
        if options["new_key"]:
            line = crypto.new_key_line()
            if settings.ENCRYPTION_KEYS:
                self.stdout.write(
                    "Keys come from REMEDYHUB_ENCRYPTION_KEYS: put this pair first in it, "
                    "restart the site and the worker, then run keys_rotate again:\n"
                    + line.replace(" ", ":")
                )
                return
            if not settings.ENCRYPTION_KEY_FILE:
                raise CommandError("No key file is configured (REMEDYHUB_ENCRYPTION_KEY_FILE).")
            crypto.key_file_prepend(Path(settings.ENCRYPTION_KEY_FILE), line)
            self.stdout.write(
                f"New active key {line.split()[0]} added to {settings.ENCRYPTION_KEY_FILE}. "
                "Restart the site and the worker so that they encrypt with it."
            )
        active = crypto.keyring().active_id
        done = reencrypt_all()
        total = sum(done.values())
        for place, count in done.items():
            if count:
                self.stdout.write(f"{place}: {count} re-encrypted")
        self.stdout.write(f"{total} value(s) and file(s) re-encrypted under key {active}.")
        self._status()

    def _status(self) -> None:
        active = crypto.keyring().active_id
        totals: dict[str | None, int] = {}
        for place, counter in key_usage().items():
            for key_id, count in counter.items():
                totals[key_id] = totals.get(key_id, 0) + count
                if key_id != active:
                    self.stdout.write(f"{place}: {count} under key {key_id}")
        for key_id, count in sorted(totals.items(), key=lambda item: str(item[0])):
            marker = " (active)" if key_id == active else ""
            self.stdout.write(f"{count} value(s) and file(s) under key {key_id}{marker}")
        if any(key_id != active for key_id in totals):
            self.stdout.write(f"Run keys_rotate to move them to {active}.")
        else:
            self.stdout.write(
                f"Everything is under the active key {active}; older keys can be removed."
            )
