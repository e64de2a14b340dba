"""Writes of the risk app: importing one edition of a public list."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from remedyhub.risk.models import CountryRating, GoodRisk, RiskDataset
from remedyhub.risk.sources import DOL_URL, ITUC_URL, GoodRow, RatingRow


def _dataset_replace(*, source: str, edition_year: int, url: str, file_name: str) -> RiskDataset:
    # The same edition again replaces the old rows: a corrected copy leaves no stale entries.
    RiskDataset.objects.filter(source=source, edition_year=edition_year).delete()
    return RiskDataset.objects.create(
        source=source,
        edition_year=edition_year,
        url=url,
        imported_at=timezone.now(),
        file_name=file_name,
    )


@transaction.atomic
def risk_goods_import(*, rows: Sequence[GoodRow], file_name: str = "") -> list[RiskDataset]:
    """Store the DOL list, one dataset per edition found in the rows."""
    by_edition: dict[int, list[GoodRow]] = defaultdict(list)
    for row in rows:
        by_edition[row.edition_year].append(row)
    datasets = []
    for edition, entries in sorted(by_edition.items()):
        dataset = _dataset_replace(
            source=RiskDataset.Source.DOL_GOODS,
            edition_year=edition,
            url=DOL_URL,
            file_name=file_name,
        )
        GoodRisk.objects.bulk_create(
            GoodRisk(
                dataset=dataset,
                good=row.good,
                country=row.country,
                dol_sector=row.dol_sector,
                sectors=row.sectors,
                child_labour=row.child_labour,
                forced_labour=row.forced_labour,
                forced_child_labour=row.forced_child_labour,
                input_country=row.input_country,
                source_url=row.source_url,
            )
            for row in entries
        )
        dataset.row_count = len(entries)
        dataset.save(update_fields=["row_count"])
        datasets.append(dataset)
    return datasets


@transaction.atomic
def risk_ratings_import(*, rows: Sequence[RatingRow], file_name: str = "") -> list[RiskDataset]:
    """Store the ITUC ratings, one dataset per edition found in the rows."""
    by_edition: dict[int, dict[str, RatingRow]] = defaultdict(dict)
    for row in rows:
        by_edition[row.edition_year][row.country] = row  # a repeated country: the last row counts
    datasets = []
    for edition, entries in sorted(by_edition.items()):
        dataset = _dataset_replace(
            source=RiskDataset.Source.ITUC_INDEX,
            edition_year=edition,
            url=ITUC_URL,
            file_name=file_name,
        )
        CountryRating.objects.bulk_create(
            CountryRating(
                dataset=dataset, country=row.country, rating=row.rating, source_url=row.source_url
            )
            for row in entries.values()
        )
        dataset.row_count = len(entries)
        dataset.save(update_fields=["row_count"])
        datasets.append(dataset)
    return datasets
