"""Reads of routing: the facts ``route`` needs, and the rules of procedure in force."""

from __future__ import annotations

import datetime as dt

from remedyhub.registry.models import Facility, Membership, SectorAgreement, SupplyLink
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.route import (
    AgreementMembership,
    Buyer,
    MechanismFacts,
    RouteOption,
    RoutingFacts,
    route,
)


def _successors(agreement: SectorAgreement) -> tuple[tuple[int, str], ...]:
    """The agreement's successors, nearest first (a cycle entered by mistake stops)."""
    chain: list[tuple[int, str]] = []
    seen = {agreement.pk}
    current = agreement.successor
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        chain.append((current.pk, current.name))
        current = current.successor
    return tuple(chain)


def routing_facts(
    *, country: str, facility: Facility | None, harm_on: dt.date, anonymous: bool
) -> RoutingFacts:
    buyers: tuple[Buyer, ...] = ()
    memberships: tuple[AgreementMembership, ...] = ()
    if facility is not None:
        links = SupplyLink.objects.filter(facility=facility).select_related("company")
        buyers = tuple(
            Buyer(
                company_id=link.company_id,
                name=link.company.name,
                home_country=link.company.home_country,
                first_seen=link.first_seen,
                ended_on=link.ended_on,
            )
            for link in links
        )
        memberships = tuple(
            AgreementMembership(
                company_id=membership.company_id,
                agreement_id=membership.agreement_id,
                agreement_name=membership.agreement.name,
                valid_from=membership.valid_from,
                valid_until=membership.valid_until,
                successors=_successors(membership.agreement),
            )
            for membership in Membership.objects.filter(
                company_id__in={buyer.company_id for buyer in buyers}
            ).select_related("agreement__successor")
        )
    mechanisms = tuple(
        MechanismFacts(
            id=mechanism.pk,
            name=mechanism.name,
            kind=mechanism.kind,
            company_id=mechanism.company_id,
            agreement_id=mechanism.agreement_id,
            countries=tuple(mechanism.countries),
            sectors=tuple(mechanism.sectors),
            home_countries=tuple(mechanism.home_countries),
            accepts_anonymous=mechanism.accepts_anonymous,
            is_default=mechanism.is_default,
        )
        for mechanism in Mechanism.objects.filter(is_active=True)
    )
    return RoutingFacts(
        country=country,
        sector=facility.sector if facility is not None else "",
        harm_on=harm_on,
        anonymous=anonymous,
        facility_known=facility is not None,
        buyers=buyers,
        memberships=memberships,
        mechanisms=mechanisms,
    )


def routing_options(
    *, country: str, facility: Facility | None, harm_on: dt.date, anonymous: bool
) -> list[RouteOption]:
    return route(
        routing_facts(country=country, facility=facility, harm_on=harm_on, anonymous=anonymous)
    )


def rules_in_force(mechanism: Mechanism, on: dt.date) -> RulesOfProcedure | None:
    """The version of the mechanism's rules in force on a day (the latest that started)."""
    return (
        RulesOfProcedure.objects.filter(mechanism=mechanism, in_force_from__lte=on)
        .order_by("-in_force_from")
        .first()
    )
