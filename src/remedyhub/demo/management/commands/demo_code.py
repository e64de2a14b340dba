"""manage.py demo_code: the code the demo users' authenticator shows now (demo only)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from remedyhub.demo.services import demo_totp_code


class Command(BaseCommand):
    help = "Print the current TOTP code of the demo log-ins. Refuses to run in production."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError("The demo authenticator is well known and never goes to production.")
        self.stdout.write(demo_totp_code())
