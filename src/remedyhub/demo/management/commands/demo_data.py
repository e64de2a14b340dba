"""manage.py demo_data: load (or refresh) the invented demo data set."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from remedyhub.demo.services import demo_data_load, demo_totp_code, demo_totp_secret


class Command(BaseCommand):
    help = "Load the demo data set (idempotent). Refuses to run in production."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError("Demo data has well-known passwords and never goes to production.")
        summary = demo_data_load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded:"))
        for name, count in summary.counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(
            self.style.WARNING("Demo log-ins (DEMO ONLY, never use these elsewhere):")
        )
        for username, password in summary.passwords.items():
            self.stdout.write(f"  {username:<10} {password}")
        self.stdout.write(
            self.style.WARNING("Authenticator of every demo log-in (DEMO ONLY, TOTP, 6 digits):")
        )
        self.stdout.write(f"  secret     {demo_totp_secret()}")
        self.stdout.write(f"  code now   {demo_totp_code()}  (a fresh one: manage.py demo_code)")
        self.stdout.write(self.style.WARNING("Receipt codes of the demo complaints (DEMO ONLY):"))
        for reference, code in summary.receipts.items():
            self.stdout.write(f"  {reference:<16} {code}")
