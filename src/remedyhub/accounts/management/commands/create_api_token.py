"""manage.py create_api_token USER [--organisation NAME]: a token for a partner organisation."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from remedyhub.accounts.models import User
from remedyhub.accounts.tokens import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a partner organisation's user; the key is printed once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--organisation", default="", help="the organisation that files through this token"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}.")
        if not user.is_active:
            raise CommandError(f"User {user.username!r} is not active.")
        organisation = options["organisation"] or user.get_full_name() or user.username
        _token, key = api_token_create(user=user, organisation=organisation)
        self.stdout.write(key)
        self.stderr.write(
            f"Token for {user.username} ({organisation}). It is shown only now: store it safely."
        )
