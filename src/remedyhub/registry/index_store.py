"""The facility index of this machine: built from the database, kept on disk, refreshed in step.

A *base* index is built from every active facility and saved under ``var/index/`` (memory-
mapped by every process, so one copy per machine). Facilities created or changed after the base
was built form a small *delta* index made in memory; when the delta grows past a share of the
base, the base is rebuilt. A base result whose facility has changed since is dropped, because
the delta holds its current form.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Max, QuerySet

from remedyhub.registry.index import FacilityIndex, IndexRecord
from remedyhub.registry.matching import Match, search
from remedyhub.registry.models import Facility

REBUILD_SHARE = 0.05
REBUILD_MINIMUM = 5_000
_lock = threading.Lock()


def index_directory() -> Path:
    """One folder per database, so that two databases on one machine never share an index."""
    database = str(settings.DATABASES["default"]["NAME"])
    digest = hashlib.sha1(database.encode(), usedforsecurity=False).hexdigest()[:12]
    return Path(settings.VAR_DIR) / "index" / digest


def _persistent() -> bool:
    # Test databases come and go within one process; their index lives in memory only.
    return settings.ENVIRONMENT != "test"


def _records(queryset: QuerySet[Facility] | None = None) -> Iterator[IndexRecord]:
    """Active facilities in the index's order (country, then key), streamed from a cursor."""
    rows = queryset if queryset is not None else Facility.objects.filter(merged_into__isnull=True)
    for pk, country, name, address, city, other in (
        rows.order_by("country", "pk")
        .values_list("pk", "country", "name", "address", "city", "other_names")
        .iterator(chunk_size=10_000)
    ):
        yield IndexRecord(
            key=pk,
            country=country,
            name=name,
            address=address,
            city=city,
            other_names=tuple(other),
        )


def _build(queryset: QuerySet[Facility] | None = None) -> FacilityIndex:
    try:
        return FacilityIndex.build(_records(queryset), presorted=True)
    except ValueError:
        # A database collation that orders country codes unlike Python does: sort here.
        return FacilityIndex.build(list(_records(queryset)))


def _version() -> tuple[int, str]:
    aggregate = Facility.objects.aggregate(last_id=Max("id"), last_change=Max("updated_at"))
    last_change = aggregate["last_change"]
    return aggregate["last_id"] or 0, last_change.isoformat() if last_change else ""


@dataclass
class RegistryIndex:
    base: FacilityIndex
    built_until: str  # ISO time of the newest change the base contains
    version: tuple[int, str]
    delta: FacilityIndex | None = None
    changed: frozenset[int] = field(default_factory=frozenset)

    def search(
        self,
        *,
        name: str = "",
        address: str = "",
        text: str = "",
        country: str | None = None,
        limit: int = 10,
    ) -> list[Match]:
        results = [
            match
            for match in search(
                self.base, name=name, address=address, text=text, country=country, limit=limit
            )
            if match.key not in self.changed
        ]
        if self.delta is not None and len(self.delta):
            results += search(
                self.delta, name=name, address=address, text=text, country=country, limit=limit
            )
        results.sort(key=lambda match: (-match.score, match.key))
        return results[:limit]


def build_base() -> RegistryIndex:
    """Build the base index from every active facility and save it for the other processes."""
    version = _version()
    base = _build()
    if not _persistent():
        return RegistryIndex(base=base, built_until=version[1], version=version)
    directory = index_directory()
    temporary = directory.with_name(directory.name + ".new")
    if temporary.exists():
        shutil.rmtree(temporary)
    base.save(temporary)
    (temporary / "built.json").write_text(json.dumps({"built_until": version[1]}))
    if directory.exists():
        shutil.rmtree(directory)
    temporary.rename(directory)
    return RegistryIndex(base=base, built_until=version[1], version=version)


def _load_base() -> RegistryIndex | None:
    if not _persistent():
        return None
    directory = index_directory()
    try:
        built = json.loads((directory / "built.json").read_text())
        base = FacilityIndex.load(directory)
    except (FileNotFoundError, ValueError, KeyError):
        return None
    return RegistryIndex(base=base, built_until=built["built_until"], version=(-1, ""))


_current: RegistryIndex | None = None


def registry_index() -> RegistryIndex:
    """The index as of now: loaded or built once, then refreshed with the changes since."""
    global _current
    with _lock:
        version = _version()
        if _current is not None and _current.version == version:
            return _current
        current = _current or _load_base()
        if current is None:
            current = build_base()
        if current.built_until:
            changed_rows = Facility.objects.filter(
                updated_at__gt=dt.datetime.fromisoformat(current.built_until)
            )
        else:
            changed_rows = Facility.objects.all()
        changed = frozenset(changed_rows.values_list("pk", flat=True))
        if len(changed) > max(REBUILD_MINIMUM, REBUILD_SHARE * len(current.base)):
            current = build_base()
            changed = frozenset()
            delta = None
        else:
            active = changed_rows.filter(merged_into__isnull=True)
            delta = _build(active) if changed else None
        _current = RegistryIndex(
            base=current.base,
            built_until=current.built_until,
            version=version,
            delta=delta,
            changed=changed,
        )
        return _current


def reset() -> None:
    """Forget the index of this process (tests, or after the database was replaced)."""
    global _current
    with _lock:
        _current = None
