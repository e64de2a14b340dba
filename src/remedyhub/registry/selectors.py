"""Reads of the registry: facility search with buyers, and a facility's history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from remedyhub.registry.index_store import registry_index
from remedyhub.registry.matching import Match
from remedyhub.registry.models import Company, Facility, MatchDecision, Membership, SupplyLink


@dataclass(frozen=True)
class Buyer:
    company_name: str
    company_slug: str
    first_seen: dt.date
    last_seen: dt.date
    ended_on: dt.date | None
    list_date: dt.date | None
    agreements: tuple[str, ...]

    @property
    def current(self) -> bool:
        return self.ended_on is None


@dataclass(frozen=True)
class FacilityResult:
    facility: Facility
    score: float
    matched_words: tuple[str, ...]
    buyers: tuple[Buyer, ...]


def facility_resolve(public_id: str) -> Facility | None:
    """The facility a public id names now, following merges."""
    facility = Facility.objects.filter(public_id=public_id).first()
    seen = set()
    while facility is not None and facility.merged_into_id and facility.pk not in seen:
        seen.add(facility.pk)
        facility = Facility.objects.filter(pk=facility.merged_into_id).first()
    return facility


def facility_buyers(facilities: list[Facility]) -> dict[int, tuple[Buyer, ...]]:
    """Current and past buyers of each facility, with the agreements they belonged to while
    they bought there."""
    links = (
        SupplyLink.objects.filter(facility__in=facilities)
        .select_related("company", "source_list")
        .prefetch_related(
            Prefetch(
                "company__memberships",
                queryset=Membership.objects.select_related("agreement"),
            )
        )
        .order_by("ended_on", "-last_seen", "company__name")
    )
    buyers: dict[int, list[Buyer]] = {facility.pk: [] for facility in facilities}
    for link in links:
        period_end = link.ended_on or link.last_seen
        agreements = tuple(
            sorted(
                membership.agreement.name
                for membership in link.company.memberships.all()
                if membership.valid_from <= period_end
                and (membership.valid_until is None or membership.valid_until >= link.first_seen)
            )
        )
        buyers[link.facility_id].append(
            Buyer(
                company_name=link.company.name,
                company_slug=link.company.slug,
                first_seen=link.first_seen,
                last_seen=link.last_seen,
                ended_on=link.ended_on,
                list_date=link.source_list.list_date if link.source_list else None,
                agreements=agreements,
            )
        )
    return {key: tuple(value) for key, value in buyers.items()}


def facility_search(*, q: str, country: str | None = None, limit: int = 10) -> list[FacilityResult]:
    """Facilities for what a reporter or handler types: part of a name, a street, a town."""
    q = q.strip()[:200]
    if not q:
        return []
    matches: list[Match] = registry_index().search(text=q, country=country, limit=limit * 2)
    facilities = Facility.objects.in_bulk([match.key for match in matches])
    kept = [
        (match, facilities[match.key])
        for match in matches
        if match.key in facilities and facilities[match.key].merged_into_id is None
    ][:limit]
    buyers = facility_buyers([facility for _match, facility in kept])
    return [
        FacilityResult(
            facility=facility,
            score=match.score,
            matched_words=match.matched_words,
            buyers=buyers[facility.pk],
        )
        for match, facility in kept
    ]


EXPORT_COLUMNS = (
    "facility_id",
    "os_id",
    "name",
    "other_names",
    "address",
    "city",
    "country",
    "sector",
    "facility_type",
    "processing_type",
    "product_type",
    "number_of_workers",
    "parent_company",
    "lat",
    "lng",
)


def facility_export_rows() -> Iterator[list[str]]:
    """The registry as rows in the upload convention (plus the facility id), one at a time."""
    queryset = Facility.objects.filter(merged_into__isnull=True).order_by("country", "name", "pk")
    for f in queryset.iterator(chunk_size=5000):
        yield [
            f.public_id,
            f.os_id or "",
            f.name,
            "|".join(f.other_names),
            f.address,
            f.city,
            f.country,
            f.sector,
            f.facility_type,
            f.processing_type,
            f.product_type,
            f.number_of_workers,
            f.parent_company,
            "" if f.latitude is None else str(f.latitude),
            "" if f.longitude is None else str(f.longitude),
        ]


def pending_decisions_for(*, user: Any) -> QuerySet[MatchDecision]:
    """The rows waiting for a person that this user may settle: staff see all; a company
    representative sees those of her own company's lists."""
    pending = MatchDecision.objects.filter(method=MatchDecision.Method.PENDING).select_related(
        "contributor", "last_list"
    )
    if user.is_staff:
        return pending.order_by("created_at", "pk")
    companies = user.affiliations.filter(role="company").values_list("company", flat=True)
    return pending.filter(contributor__company__in=companies).order_by("created_at", "pk")


def upload_companies_for(*, user: Any) -> QuerySet[Company] | None:
    """Companies whose lists this user may upload; None means any contributor (staff)."""
    if user.is_staff:
        return None
    return Company.objects.filter(affiliations__user=user, affiliations__role="company")


def may_upload(*, user: Any) -> bool:
    companies = upload_companies_for(user=user)
    return user.is_authenticated and (companies is None or companies.exists())
