"""manage.py risk_import: load the DOL list of goods and the ITUC Global Rights Index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from remedyhub.risk.services import risk_goods_import, risk_ratings_import
from remedyhub.risk.sources import DOL_FILE, ITUC_FILE, SourceFileError, read_dol, read_ituc


class Command(BaseCommand):
    help = (
        "Import the public risk lists (US DOL goods produced by child or forced labour, ITUC "
        "Global Rights Index) from their published CSV files. Importing an edition again "
        "replaces it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dol", type=Path, help=f"the DOL file (default: RISK_DATA_DIR/{DOL_FILE})"
        )
        parser.add_argument(
            "--ituc", type=Path, help=f"the ITUC file (default: RISK_DATA_DIR/{ITUC_FILE})"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(settings.RISK_DATA_DIR)
        dol: Path = options["dol"] or folder / DOL_FILE
        ituc: Path = options["ituc"] or folder / ITUC_FILE
        missing = [path for path in (dol, ituc) if not path.is_file()]
        if len(missing) == 2:
            raise CommandError(
                f"No risk data found: {dol} and {ituc} do not exist. Pass --dol and --ituc, or "
                "set REMEDYHUB_RISK_DATA_DIR to the folder holding the files."
            )
        for path in missing:
            self.stderr.write(self.style.WARNING(f"Skipped: {path} does not exist."))
        try:
            if dol.is_file():
                for dataset in risk_goods_import(rows=read_dol(dol), file_name=dol.name):
                    self.stdout.write(
                        f"DOL list of goods, edition {dataset.edition_year}: "
                        f"{dataset.row_count} entries from {dol}"
                    )
            if ituc.is_file():
                for dataset in risk_ratings_import(rows=read_ituc(ituc), file_name=ituc.name):
                    self.stdout.write(
                        f"ITUC Global Rights Index, edition {dataset.edition_year}: "
                        f"{dataset.row_count} countries from {ituc}"
                    )
        except SourceFileError as error:
            raise CommandError(str(error)) from error
