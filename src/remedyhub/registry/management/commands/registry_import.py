"""manage.py registry_import FILE --contributor NAME: import a supplier list and summarise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from remedyhub.registry.models import Contributor
from remedyhub.registry.services import supplier_list_import


class Command(BaseCommand):
    help = (
        "Import a supplier list (CSV, XLSX or JSON; columns name, address, country and the "
        "optional Open Supply Hub columns). A file with invalid rows imports nothing unless "
        "--skip-invalid is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--contributor", required=True, help="who publishes the list")
        parser.add_argument(
            "--contributor-type",
            default=Contributor.Type.BRAND,
            choices=[choice.value for choice in Contributor.Type],
        )
        parser.add_argument("--skip-invalid", action="store_true")
        parser.add_argument("--list-date", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--dry-run", action="store_true", help="show the summary only")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as problem:
            raise CommandError(f"Cannot read {path}: {problem.strerror}") from None
        result = supplier_list_import(
            data=data,
            filename=path.name,
            contributor=options["contributor"],
            contributor_type=options["contributor_type"],
            skip_invalid=options["skip_invalid"],
            list_date=options["list_date"],
            dry_run=options["dry_run"],
        )
        out = self.stdout.write
        out(f"rows: {result.rows}")
        out(f"new facilities: {result.new_facilities}")
        out(f"exact matches: {result.exact_matches}")
        out(f"automatic matches: {result.automatic_matches}")
        out(f"needing review: {result.needs_review}")
        out(f"already decided: {result.already_decided}")
        out(f"supply links ended: {result.ended_links}")
        out(f"invalid rows: {len([e for e in result.invalid if e.row_number is not None])}")
        for error in result.invalid:
            where = f"row {error.row_number}" if error.row_number is not None else "file"
            out(f"  {where}: {error.message}")
        for duplicate in result.duplicates:
            out(f"  duplicate row {duplicate.row_number}: {duplicate.message}")
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(warning))
        if result.imported:
            self.stdout.write(self.style.SUCCESS("Imported."))
        elif options["dry_run"] and not result.invalid:
            self.stdout.write("Dry run: nothing was written.")
        else:
            hint = (
                "" if options["skip_invalid"] else " (use --skip-invalid to import the valid rows)"
            )
            raise CommandError(f"Nothing was imported{hint}.")
