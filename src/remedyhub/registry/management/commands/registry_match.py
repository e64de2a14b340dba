"""manage.py registry_match QUERIES.csv [--top K]: the best facilities for each query row, as CSV.

Input columns ``id,name,address,country`` (name or address may be empty; country may be a name);
output ``query_id,rank,facility_id,os_id,score`` on standard output.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from remedyhub.registry.index_store import registry_index
from remedyhub.registry.models import Facility
from remedyhub.registry.parsing import resolve_country

REQUIRED = ("id", "name", "address", "country")


class Command(BaseCommand):
    help = "Match each row of a CSV (id,name,address,country) against the registry."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--top", type=int, default=5)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text = options["file"].read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {options['file']} as UTF-8 CSV: {error}") from None
        reader = csv.DictReader(io.StringIO(text))
        columns = {(c or "").strip().lower() for c in reader.fieldnames or []}
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise CommandError(f"Missing columns: {', '.join(missing)}")
        index = registry_index()
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["query_id", "rank", "facility_id", "os_id", "score"])
        for raw in reader:
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
            country = resolve_country(row["country"]) if row["country"] else None
            if row["country"] and country is None:
                self.stderr.write(f"query {row['id']}: unknown country {row['country']!r}")
                continue
            matches = index.search(
                name=row["name"],
                address=row["address"] if row["name"] else "",
                text="" if row["name"] else row["address"],
                country=country,
                limit=options["top"],
            )
            facilities = Facility.objects.in_bulk([m.key for m in matches])
            for rank, match in enumerate(matches, start=1):
                facility = facilities[match.key]
                writer.writerow(
                    [row["id"], rank, facility.public_id, facility.os_id or "", match.score]
                )
