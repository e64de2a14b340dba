"""The Open Supply Hub test lists as a benchmark registry, with noisy and hand-labelled queries."""

from __future__ import annotations

import csv
import json
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pycountry

from bench.synthetic import KINDS, Query, noisy_queries

ROOT = Path(__file__).resolve().parent.parent
# Read in place, never copied into the repository (see /work/shared/data/osh/README.md).
DEFAULT_OSH_DIR = ROOT.parent / "shared" / "data" / "osh"
SOURCE = "Open Supply Hub (opensupplyhub/open-supply-hub, opensupplyhub/pyoshub), CC BY-SA"

_COUNTRY_ALIASES = {
    "TURKEY": "TR",
    "TURKIYE": "TR",
    "UAE": "AE",
    "MACAU": "MO",
    "MACAO": "MO",
    "BURMA": "MM",
    "UK": "GB",
    "KOREA": "KR",
    "SOUTH KOREA": "KR",
    "VIETNAM": "VN",
    "TAIWAN": "TW",
    "HONG KONG": "HK",
    "LAOS": "LA",
}
# Legal forms say nothing about which site a name means; dropped when grouping duplicates.
_LEGAL_TOKENS = frozenset(
    re.findall(
        r"\w+",
        """co ltd limited company pvt private inc llc plc sa sas sarl srl spa ag gmbh bv jsc joint
        stock corp corporation ltda eireli me epp cv de rl pt tbk as sti san tic ve ticaret sanayi
        the and""",
    )
)


def osh_candidates() -> list[Path]:
    """Where the lists may be: ``$REMEDYHUB_SHARED_DATA/osh`` or that directory itself when the
    variable is set, else ``../shared/data/osh`` next to the repository."""
    override = os.environ.get("REMEDYHUB_SHARED_DATA")
    return [Path(override) / "osh", Path(override)] if override else [DEFAULT_OSH_DIR]


def osh_directory() -> Path | None:
    """The first candidate that holds the lists, or None."""
    for candidate in osh_candidates():
        if (candidate / "brand_linked_facilities.csv").is_file():
            return candidate
    return None


def country_code(value: str) -> str | None:
    """ISO alpha-2 for "CN", "China", "CHINA", "Viet Nam", "USA"...; None when unknown."""
    text = " ".join(value.split()).strip(" .")
    if not text:
        return None
    upper = text.upper()
    if upper in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[upper]
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return None


def _clean(text: str) -> str:
    # One line per field: the CSV hand-over between benchmark processes stays simple.
    return " ".join(text.split())


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _exact_key(country: str, name: str, address: str) -> tuple[str, str, str]:
    """Equal for rows that differ only in case, accents, spacing and punctuation."""
    return (country, re.sub(r"[\W_]+", "", _fold(name)), re.sub(r"[\W_]+", "", _fold(address)))


def _name_key(country: str, name: str) -> tuple[str, str]:
    """Equal for names that differ also in their legal form: the same site on several lists."""
    tokens = re.findall(r"[^\W_]+", _fold(name))
    return country, "".join(t for t in tokens if t not in _LEGAL_TOKENS)


@dataclass(slots=True)
class RealCorpus:
    """The registry (one dict a site, keys as the synthetic ones) and the query sets."""

    facilities: list[dict[str, object]]
    query_sets: dict[str, list[Query]]
    notes: list[str]


class _Registry:
    def __init__(self) -> None:
        self.facilities: list[dict[str, object]] = []
        self.by_exact: dict[tuple[str, str, str], int] = {}
        self.dropped_duplicates = 0
        self.dropped_unusable = 0

    def add(self, country: str | None, name: str, address: str) -> int | None:
        """The key of the row, an earlier key when the row repeats one, None when unusable."""
        name, address = _clean(name), _clean(address)
        if not country or not name:
            self.dropped_unusable += 1
            return None
        exact = _exact_key(country, name, address)
        if exact in self.by_exact:
            self.dropped_duplicates += 1
            return self.by_exact[exact]
        key = len(self.facilities) + 1
        self.by_exact[exact] = key
        self.facilities.append(
            {
                "key": key,
                "country": country,
                "name": name,
                "address": address,
                "city": "",
                "sector": "garments_textile",
            }
        )
        return key


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _labelled_record(entry: object) -> dict[str, str]:
    # labelled_pairs.json stores each pair as {"__class__": "tuple", "__value__": [a, b]}.
    assert isinstance(entry, dict)  # noqa: S101 - the file's documented shape
    return entry


def load_osh(directory: Path, n_queries: int, seed: int = 2) -> RealCorpus:
    """The deduplicated registry of every list in ``directory`` plus the labelled records.

    Query sets: ``osh`` applies the synthetic noise kinds to real records; ``osh-labelled``
    searches with one side of each of the 47 hand-labelled match pairs for the other side,
    which is in the registry among the real records and the 65 distinct pairs' records.
    A query also counts as found when it returns another row with the same name (without its
    legal form) in the same country, because the lists repeat sites with small differences.
    """
    registry = _Registry()
    for row in _read_csv(directory / "brand_linked_facilities.csv"):
        registry.add(country_code(row["country_code"]), row["name"], row["address"])
    list_files = sorted((directory / "list_files").glob("*.csv"))
    list_files += sorted((directory / "facility_lists_geocoded").glob("*.csv"))
    for path in list_files:
        for row in _read_csv(path):
            registry.add(country_code(row["country"]), row["name"], row["address"])
    real_count = len(registry.facilities)

    pairs = json.loads((directory / "labelled_pairs.json").read_text(encoding="utf-8"))
    labelled_queries: list[tuple[int, dict[str, str]]] = []
    for pair in pairs["match"]:
        target, probe = (_labelled_record(side) for side in pair["__value__"])
        key = registry.add(country_code(target["country"]), target["name"], target["address"])
        if key is not None:
            labelled_queries.append((key, probe))
    for pair in pairs["distinct"]:
        for side in pair["__value__"]:
            record = _labelled_record(side)
            registry.add(country_code(record["country"]), record["name"], record["address"])

    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for facility in registry.facilities:
        groups[_name_key(str(facility["country"]), str(facility["name"]))].append(
            int(str(facility["key"]))
        )

    def same_site(key: int, *names: tuple[str, str]) -> tuple[int, ...]:
        keys = {k for name in names for k in groups.get(name, ())}
        return tuple(sorted(keys - {key}))

    also_correct = {
        int(str(f["key"])): same_site(
            int(str(f["key"])), _name_key(str(f["country"]), str(f["name"]))
        )
        for f in registry.facilities
    }
    noisy = noisy_queries(
        registry.facilities[:real_count],
        n_queries,
        seed,
        kinds=KINDS,
        also_correct={k: v for k, v in also_correct.items() if v},
    )
    labelled: list[Query] = []
    for key, probe in labelled_queries:
        indexed = registry.facilities[key - 1]
        probe_country = country_code(probe["country"])
        labelled.append(
            Query(
                id=len(labelled) + 1,
                expected_key=key,
                country=probe_country,
                name=_clean(probe["name"]),
                address=_clean(probe["address"]),
                text="",
                kind="labelled_match",
                also_correct=same_site(
                    key,
                    _name_key(str(indexed["country"]), str(indexed["name"])),
                    _name_key(probe_country or "", probe["name"]),
                ),
            )
        )
    notes = [
        f"Open Supply Hub lists in {directory}: {real_count} distinct sites after dropping "
        f"{registry.dropped_duplicates} exact repeats and {registry.dropped_unusable} rows "
        f"without a known country or a name; {len(registry.facilities) - real_count} more from "
        f"labelled_pairs.json; {len(labelled)} labelled match queries.",
    ]
    return RealCorpus(
        facilities=registry.facilities,
        query_sets={"osh": noisy, "osh-labelled": labelled},
        notes=notes,
    )
