"""manage.py knowledge_load [DIR]: load the article files (default: the app's content folder)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from remedyhub.knowledge.content import ContentError
from remedyhub.knowledge.services import CONTENT_DIR, articles_load


class Command(BaseCommand):
    help = "Load knowledge-base articles from <slug>.<lang>.md files (TOML front matter)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", nargs="?", default=str(CONTENT_DIR))
        parser.add_argument(
            "--draft", action="store_true", help="load as drafts instead of published"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"No folder {folder}")
        try:
            report = articles_load(folder=folder, publish=not options["draft"])
        except ContentError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{report.articles} article(s), {report.translations} translation(s) loaded"
        )
