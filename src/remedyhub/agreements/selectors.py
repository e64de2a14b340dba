"""Reads of the agreements' monitoring: members on a day, deadlines, the aggregated disclosure
list and its size over time, and the figures of the progress dashboard."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from remedyhub.agreements import deadlines
from remedyhub.agreements.models import Assessment, Commitment, CommitmentFulfilment, Project
from remedyhub.registry.models import Company, Facility, Membership, SectorAgreement, SupplyLink

# Case states in which the complaint has found an outcome (an agreement, a decision, a plan).
RESOLVED_STATES = frozenset({"agreement", "decided", "remedy_monitoring", "closed"})


def agreements_public() -> QuerySet[SectorAgreement]:
    return SectorAgreement.objects.prefetch_related("predecessors").order_by("-starts_on", "name")


def reference_date(agreement: SectorAgreement, today: dt.date | None = None) -> dt.date:
    """The day the figures describe: today, or the last day of an ended agreement."""
    today = today or timezone.localdate()
    if agreement.ends_on and agreement.ends_on < today:
        return agreement.ends_on
    return today


def timeline(agreement: SectorAgreement, today: dt.date | None = None) -> list[dt.date]:
    """The year ends of the agreement's life and its reference date: the points of each chart."""
    end = reference_date(agreement, today)
    points = [
        dt.date(year, 12, 31)
        for year in range(agreement.starts_on.year, end.year)
        if dt.date(year, 12, 31) >= agreement.starts_on
    ]
    return [*points, end]


def members_on(agreement: SectorAgreement, day: dt.date) -> list[Membership]:
    return list(
        agreement.memberships.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day), valid_from__lte=day
        )
        .select_related("company")
        .order_by("company__name")
    )


def member_in_year(*, agreement: SectorAgreement, company: Company, year: int) -> bool:
    """Whether the company was a member at any time in the year."""
    return (
        Membership.objects.filter(agreement=agreement, company=company)
        .filter(valid_from__lte=dt.date(year, 12, 31))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=dt.date(year, 1, 1)))
        .exists()
    )


def committee_for(agreement: SectorAgreement) -> Any:
    """The agreement's active complaints mechanism, or its successor's once it has ended."""
    from remedyhub.routing.models import Mechanism

    seen: set[int] = set()
    current: SectorAgreement | None = agreement
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        mechanism = (
            Mechanism.objects.filter(
                kind=Mechanism.Kind.AGREEMENT_COMMITTEE, agreement=current, is_active=True
            )
            .order_by("pk")
            .first()
        )
        if mechanism is not None:
            return mechanism
        current = current.successor
    return None


# Commitments -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitmentState:
    company: Company
    commitment: Commitment
    due_on: dt.date
    met_on: dt.date | None
    status: deadlines.Status
    year: int = 0

    @property
    def overdue(self) -> bool:
        return self.status == deadlines.Status.OVERDUE


def _rule(commitment: Commitment) -> deadlines.CommitmentRule:
    return deadlines.CommitmentRule(
        deadlines.Rule(commitment.rule), months=commitment.months, due_on=commitment.due_on
    )


def commitment_states(
    agreement: SectorAgreement, today: dt.date | None = None
) -> list[CommitmentState]:
    """Each commitment for each member on the reference date, with its deadline and status.

    A member's deadline counts from the start of its current period of membership; a yearly
    commitment is checked for every year of that period up to the reference date.
    """
    day = reference_date(agreement, today)
    members = members_on(agreement, day)
    commitments = list(agreement.commitments.all())
    met = {
        (f.commitment_id, f.company_id, f.year): f.fulfilled_on
        for f in CommitmentFulfilment.objects.filter(commitment__agreement=agreement)
    }
    states = []
    for membership in members:
        for commitment in commitments:
            rule = _rule(commitment)
            if commitment.rule == Commitment.Rule.YEARLY:
                years = range(membership.valid_from.year, day.year + 1)
            else:
                years = range(0, 1)
            for year in years:
                due = deadlines.deadline(rule, joined_on=membership.valid_from, year=year or None)
                if commitment.rule == Commitment.Rule.YEARLY and due > day and year != day.year:
                    continue
                met_on = met.get((commitment.pk, membership.company_id, year))
                states.append(
                    CommitmentState(
                        company=membership.company,
                        commitment=commitment,
                        due_on=due,
                        met_on=met_on,
                        status=deadlines.status(
                            due, met_on=met_on, today=day, left_on=membership.valid_until
                        ),
                        year=year,
                    )
                )
    return states


# Disclosure ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DisclosedFacility:
    facility: Facility
    member_count: int


def _member_links(agreement: SectorAgreement) -> tuple[list[Membership], list[SupplyLink]]:
    memberships = list(agreement.memberships.all())
    links = list(
        SupplyLink.objects.filter(company_id__in={m.company_id for m in memberships}).only(
            "company_id", "facility_id", "first_seen", "ended_on"
        )
    )
    return memberships, links


def _disclosed_on(
    day: dt.date, memberships: Iterable[Membership], links: Iterable[SupplyLink]
) -> dict[int, set[int]]:
    """Facility id -> the members that listed it on the day (link and membership both valid)."""
    members = {m.company_id for m in memberships if m.valid_on(day)}
    found: dict[int, set[int]] = defaultdict(set)
    for link in links:
        if (
            link.company_id in members
            and link.first_seen <= day
            and (link.ended_on is None or link.ended_on > day)
        ):
            found[link.facility_id].add(link.company_id)
    return found


def _resolved(facility_ids: Iterable[int]) -> dict[int, Facility]:
    """Facilities by id, a merged duplicate counted as the facility it was merged into."""
    facilities = Facility.objects.in_bulk(list(facility_ids))
    targets = {f.merged_into_id for f in facilities.values() if f.merged_into_id}
    merged = Facility.objects.in_bulk(list(targets)) if targets else {}
    return {
        pk: merged.get(f.merged_into_id, f) if f.merged_into_id else f
        for pk, f in facilities.items()
    }


def disclosure_list(
    agreement: SectorAgreement, day: dt.date | None = None
) -> list[DisclosedFacility]:
    """The agreement's aggregated public list of production locations on a day: every facility
    that a member listed while a member, once, however many members list it."""
    day = day or reference_date(agreement)
    memberships, links = _member_links(agreement)
    found = _disclosed_on(day, memberships, links)
    facilities = _resolved(found)
    members: dict[int, set[int]] = defaultdict(set)
    by_id: dict[int, Facility] = {}
    for facility_id, companies in found.items():
        facility = facilities[facility_id]
        by_id[facility.pk] = facility
        members[facility.pk] |= companies
    rows = [DisclosedFacility(by_id[pk], len(members[pk])) for pk in by_id]
    rows.sort(key=lambda row: (row.facility.country, row.facility.name, row.facility.pk))
    return rows


def production_locations(agreement: SectorAgreement, day: dt.date) -> list[dict[str, Any]]:
    """The public list on ``day`` as plain rows: for the export and the API alike."""
    return [
        {
            "facility_id": row.facility.public_id,
            "name": row.facility.name,
            "address": row.facility.address,
            "city": row.facility.city,
            "country": row.facility.country,
            "sector": row.facility.sector,
            "members_listing": row.member_count,
        }
        for row in disclosure_list(agreement, day)
    ]


def disclosure_sizes(agreement: SectorAgreement, days: list[dt.date]) -> list[tuple[dt.date, int]]:
    """The size of the aggregated list on each day (distinct facilities)."""
    memberships, links = _member_links(agreement)
    found = {day: _disclosed_on(day, memberships, links) for day in days}
    facilities = _resolved({pk for per_day in found.values() for pk in per_day})
    return [(day, len({facilities[pk].pk for pk in found[day]})) for day in days]


# Dashboard -------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearFigures:
    label: str
    values: tuple[int, ...]


@dataclass
class Dashboard:
    agreement: SectorAgreement
    reference_date: dt.date
    members: list[YearFigures] = field(default_factory=list)
    disclosure: list[YearFigures] = field(default_factory=list)
    assessments: list[YearFigures] = field(default_factory=list)
    complaints: list[YearFigures] = field(default_factory=list)
    member_count: int = 0
    disclosing_members: int = 0
    facility_count: int = 0
    assessed: int = 0
    passed: int = 0
    overdue: int = 0
    complaints_received: int = 0
    complaints_resolved: int = 0
    remedy_items: int = 0
    remedy_done: int = 0
    indicators: list[dict[str, Any]] = field(default_factory=list)

    @property
    def coverage_percent(self) -> int:
        if not self.member_count:
            return 0
        return round(100 * self.disclosing_members / self.member_count)


def _label(day: dt.date, last: dt.date) -> str:
    return day.isoformat() if day == last and (day.month, day.day) != (12, 31) else str(day.year)


def agreement_dashboard(agreement: SectorAgreement, today: dt.date | None = None) -> Dashboard:
    from remedyhub.cases.models import Case, RemedyItem

    day = reference_date(agreement, today)
    points = timeline(agreement, today)
    board = Dashboard(agreement=agreement, reference_date=day)
    memberships, links = _member_links(agreement)

    board.members = [
        YearFigures(_label(p, day), (sum(1 for m in memberships if m.valid_on(p)),)) for p in points
    ]
    sizes = disclosure_sizes(agreement, points)
    board.disclosure = [YearFigures(_label(p, day), (size,)) for p, size in sizes]
    found = _disclosed_on(day, memberships, links)
    current = {m.company_id for m in memberships if m.valid_on(day)}
    board.member_count = len(current)
    board.disclosing_members = len(set().union(*found.values()) & current) if found else 0
    board.facility_count = sizes[-1][1] if sizes else 0

    per_year: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for year, passed in agreement.assessments.values_list("year", "passed"):
        per_year[year][0] += 1
        per_year[year][1] += int(passed)
    board.assessments = [YearFigures(str(y), tuple(per_year[y])) for y in sorted(per_year)]
    latest = max(per_year) if per_year else None
    if latest is not None:
        board.assessed, board.passed = per_year[latest]

    board.overdue = sum(1 for state in commitment_states(agreement, today) if state.overdue)

    cases = Case.objects.filter(mechanism__agreement=agreement)
    complaints: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for created_at, state in cases.values_list("created_at", "state"):
        complaints[created_at.year][0] += 1
        complaints[created_at.year][1] += int(state in RESOLVED_STATES)
    board.complaints = [YearFigures(str(y), tuple(complaints[y])) for y in sorted(complaints)]
    board.complaints_received = sum(v[0] for v in complaints.values())
    board.complaints_resolved = sum(v[1] for v in complaints.values())
    items = RemedyItem.objects.filter(case__in=cases)
    board.remedy_items = items.count()
    board.remedy_done = items.filter(status=RemedyItem.Status.DONE).count()

    for project in Project.objects.filter(agreement=agreement).prefetch_related(
        "indicators__measurements"
    ):
        for indicator in project.indicators.all():
            board.indicators.append(
                {
                    "project": project,
                    "indicator": indicator,
                    "rows": [
                        YearFigures(m.measured_on.isoformat(), (m.value,))  # type: ignore[arg-type]
                        for m in indicator.measurements.all()
                    ],
                }
            )
    return board


def assessments_published(agreement: SectorAgreement) -> QuerySet[Assessment]:
    return agreement.assessments.select_related("company").order_by("-year", "company__name")


def as_number(value: Decimal | int) -> float | int:
    return int(value) if value == int(value) else float(value)


# Public data -----------------------------------------------------------------------------

EXPORT_TABLES = ("members", "parties", "commitments", "production-locations", "measurements")


def agreement_public_data(agreement: SectorAgreement) -> dict[str, Any]:
    """Everything the agreement publishes, as plain values (the JSON export, the API, and one
    CSV per table)."""
    board = agreement_dashboard(agreement)
    day = board.reference_date
    tables: dict[str, list[dict[str, Any]]] = {
        "members": [
            {
                "company": m.company.name,
                "home_country": m.company.home_country,
                "route": m.route,
                "partner_initiative": m.partner_initiative,
                "valid_from": m.valid_from.isoformat(),
                "valid_until": m.valid_until.isoformat() if m.valid_until else "",
                "end_reason": m.end_reason,
            }
            for m in agreement.memberships.select_related("company").order_by(
                "valid_from", "company__name"
            )
        ],
        "parties": [
            {"name": p.name, "role": p.role, "country": p.country}
            for p in agreement.parties.order_by("role", "name")
        ],
        "commitments": [
            {
                "code": c.code,
                "title": c.title,
                "rule": c.rule,
                "months": c.months if c.months is not None else "",
                "due_on": c.due_on.isoformat() if c.due_on else "",
            }
            for c in agreement.commitments.order_by("code")
        ],
        "production-locations": production_locations(agreement, day),
        "measurements": [
            {
                "project": item["project"].name,
                "indicator": item["indicator"].name,
                "unit": item["indicator"].unit,
                "measured_on": figures.label,
                "value": str(figures.values[0]),
            }
            for item in board.indicators
            for figures in item["rows"]
        ],
    }
    return {
        "agreement": {
            "slug": agreement.slug,
            "name": agreement.name,
            "name_nl": agreement.name_nl,
            "name_fr": agreement.name_fr,
            "scope": agreement.scope,
            "status": agreement.status,
            "sectors": list(agreement.sectors),
            "countries": list(agreement.countries),
            "secretariat": agreement.secretariat,
            "starts_on": agreement.starts_on.isoformat(),
            "ends_on": agreement.ends_on.isoformat() if agreement.ends_on else None,
            "successor": agreement.successor.slug if agreement.successor else None,
        },
        "progress": {
            "reference_date": day.isoformat(),
            "members": board.member_count,
            "disclosing_members": board.disclosing_members,
            "production_locations": board.facility_count,
            "overdue_commitments": board.overdue,
            "complaints_received": board.complaints_received,
            "complaints_resolved": board.complaints_resolved,
            "remedy_items": board.remedy_items,
            "remedy_items_done": board.remedy_done,
            "members_over_time": [{"date": f.label, "members": f.values[0]} for f in board.members],
            "production_locations_over_time": [
                {"date": f.label, "locations": f.values[0]} for f in board.disclosure
            ],
            "assessments_by_year": [
                {"year": int(f.label), "assessed": f.values[0], "passed": f.values[1]}
                for f in board.assessments
            ],
        },
        "tables": tables,
    }
