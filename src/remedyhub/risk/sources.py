"""Reading the public risk lists in their published CSV formats.

The csv module reads every cell as text, so Namibia's code ``NA`` stays a country code and an
ITUC rating of ``5+`` stays as published (pandas would need ``keep_default_na=False``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from remedyhub.common.countries import country_codes
from remedyhub.risk.sectors import sectors_for_good
from remedyhub.risk.themes import ITUC_LEVELS

DOL_FILE = "dol_goods.csv"
DOL_DETAIL_FILE = "dol_goods_detail.csv"
DOL_DOWNSTREAM_FILE = "dol_goods_downstream.csv"
ITUC_FILE = "ituc_rights_index.csv"
DOL_URL = "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods"
ITUC_URL = "https://www.ituc-csi.org/global-rights-index"


class SourceFileError(Exception):
    """A file that is missing or not in the published format; the message says which."""


@dataclass(frozen=True)
class GoodRow:
    good: str
    country: str
    dol_sector: str
    sectors: list[str]
    child_labour: bool
    forced_labour: bool
    forced_child_labour: bool
    input_country: str
    edition_year: int
    source_url: str


@dataclass(frozen=True)
class RatingRow:
    country: str
    rating: str
    edition_year: int
    source_url: str


def _rows(path: Path, required: set[str]) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise SourceFileError(f"{path}: file not found")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise SourceFileError(f"{path}: missing columns {', '.join(sorted(missing))}")
        for number, row in enumerate(reader, start=2):
            yield number, {key: (value or "").strip() for key, value in row.items() if key}


def _flag(value: str, where: str) -> bool:
    lowered = value.casefold()
    if lowered in ("true", "1", "yes", "x"):
        return True
    if lowered in ("false", "0", "no", ""):
        return False
    raise SourceFileError(f"{where}: {value!r} is not true or false")


def _country(value: str, where: str) -> str:
    code = value.upper()
    if code not in country_codes():
        raise SourceFileError(f"{where}: {value!r} is not an ISO 3166-1 country code")
    return code


def _year(value: str, where: str) -> int:
    if not value.isdigit() or not 1990 <= int(value) <= 2100:
        raise SourceFileError(f"{where}: {value!r} is not an edition year")
    return int(value)


def read_dol(path: Path) -> list[GoodRow]:
    """The DOL list; the detail file (DOL's sector) and downstream file are read when they lie
    next to it."""
    detail: dict[tuple[str, str], dict[str, str]] = {}
    detail_path = path.with_name(DOL_DETAIL_FILE)
    if detail_path.is_file():
        for _number, row in _rows(detail_path, {"good", "iso2", "sector"}):
            detail[(row["good"], row["iso2"].upper())] = row
    goods: list[GoodRow] = []
    required = {"good", "iso2", "child_labor", "forced_labor", "edition_year"}
    for number, row in _rows(path, required):
        where = f"{path.name}, row {number}"
        country = _country(row["iso2"], where)
        extra = detail.get((row["good"], country), {})
        dol_sector = extra.get("sector", "")
        goods.append(
            GoodRow(
                good=row["good"],
                country=country,
                dol_sector=dol_sector,
                sectors=sectors_for_good(row["good"], dol_sector),
                child_labour=_flag(row["child_labor"], where),
                forced_labour=_flag(row["forced_labor"], where),
                forced_child_labour=_flag(extra.get("forced_child_labor", ""), where),
                input_country="",
                edition_year=_year(row["edition_year"], where),
                source_url=row.get("source_url") or DOL_URL,
            )
        )
    downstream_path = path.with_name(DOL_DOWNSTREAM_FILE)
    if downstream_path.is_file():
        required = {"good", "iso2", "input_iso2", "edition_year"}
        for number, row in _rows(downstream_path, required):
            where = f"{downstream_path.name}, row {number}"
            goods.append(
                GoodRow(
                    good=row["good"],
                    country=_country(row["iso2"], where),
                    dol_sector=row.get("sector", ""),
                    sectors=sectors_for_good(row["good"], row.get("sector", "")),
                    # DOL lists these for inputs made with child or forced labour.
                    child_labour=False,
                    forced_labour=False,
                    forced_child_labour=False,
                    input_country=_country(row["input_iso2"], where),
                    edition_year=_year(row["edition_year"], where),
                    source_url=row.get("source_url") or DOL_URL,
                )
            )
    if not goods:
        raise SourceFileError(f"{path}: no rows")
    return goods


def read_ituc(path: Path) -> list[RatingRow]:
    ratings: list[RatingRow] = []
    for number, row in _rows(path, {"iso2", "rating", "edition_year"}):
        where = f"{path.name}, row {number}"
        if row["rating"] not in ITUC_LEVELS:
            raise SourceFileError(f"{where}: {row['rating']!r} is not a rating (1 to 5, or 5+)")
        ratings.append(
            RatingRow(
                country=_country(row["iso2"], where),
                rating=row["rating"],
                edition_year=_year(row["edition_year"], where),
                source_url=row.get("source_url") or ITUC_URL,
            )
        )
    if not ratings:
        raise SourceFileError(f"{path}: no rows")
    return ratings
