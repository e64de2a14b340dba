"""Which mechanisms can take a complaint, and why: a pure function over plain facts.

``route`` reads nothing from the database; ``routing.selectors.routing_facts`` gathers the facts
for a complaint. Each option carries its reason in plain words, so that a handler can confirm
or choose, and the reporter can read where her complaint went and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from remedyhub.common.countries import country_name

# The order in which options are offered (a handler may choose any of them): bodies that can
# bring several companies and the workers' side together first, the platform's own last.
PRIORITY = {
    "agreement_committee": 1,
    "company_channel": 2,
    "producing_country": 3,
    "ncp": 4,
    "other": 5,
}


@dataclass(frozen=True)
class Buyer:
    """A company that lists the site, with the period of its supply link."""

    company_id: int
    name: str
    home_country: str
    first_seen: dt.date
    ended_on: dt.date | None = None


@dataclass(frozen=True)
class AgreementMembership:
    company_id: int
    agreement_id: int
    agreement_name: str
    valid_from: dt.date
    valid_until: dt.date | None = None
    # The agreement's successors, nearest first: when the agreement has no committee of its
    # own any more (it ended), the committee of its successor takes its members' complaints.
    successors: tuple[tuple[int, str], ...] = ()

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True)
class MechanismFacts:
    id: int
    name: str
    kind: str
    company_id: int | None = None
    agreement_id: int | None = None
    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    home_countries: tuple[str, ...] = ()
    accepts_anonymous: bool = True
    is_default: bool = False

    def covers(self, country: str, sector: str) -> bool:
        """Empty scope lists mean 'any'."""
        return (not self.countries or country in self.countries) and (
            not self.sectors or not sector or sector in self.sectors
        )


@dataclass(frozen=True)
class RoutingFacts:
    country: str
    sector: str
    harm_on: dt.date
    anonymous: bool
    facility_known: bool
    buyers: tuple[Buyer, ...] = ()
    memberships: tuple[AgreementMembership, ...] = ()
    mechanisms: tuple[MechanismFacts, ...] = ()


@dataclass(frozen=True)
class RouteOption:
    mechanism_id: int
    mechanism_name: str
    kind: str
    reasons: tuple[str, ...]
    company_ids: tuple[int, ...] = field(default=())

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


def _year(day: dt.date) -> str:
    return str(day.year)


def route(facts: RoutingFacts) -> list[RouteOption]:
    """Every competent mechanism for the complaint, best first, each with its reasons."""
    active_buyers = [
        buyer for buyer in facts.buyers if buyer.ended_on is None or buyer.ended_on >= facts.harm_on
    ]
    found: dict[int, tuple[MechanismFacts, list[str], set[int]]] = {}

    def offer(mechanism: MechanismFacts, reason: str, company_id: int | None = None) -> None:
        if facts.anonymous and not mechanism.accepts_anonymous:
            return
        entry = found.setdefault(mechanism.id, (mechanism, [], set()))
        if reason not in entry[1]:
            entry[1].append(reason)
        if company_id is not None:
            entry[2].add(company_id)

    for buyer in active_buyers:
        listed = _("The site is on the supplier list of %(company)s (since %(date)s).") % {
            "company": buyer.name,
            "date": buyer.first_seen.isoformat(),
        }
        for mechanism in facts.mechanisms:
            if mechanism.kind == "company_channel" and mechanism.company_id == buyer.company_id:
                offer(
                    mechanism,
                    listed
                    + " "
                    + _("%(company)s runs this grievance channel.") % {"company": buyer.name},
                    buyer.company_id,
                )
        for membership in facts.memberships:
            if membership.company_id != buyer.company_id or not membership.valid_on(facts.harm_on):
                continue
            member = _(
                "The site is on the supplier list of %(company)s, a member of "
                "%(agreement)s since %(year)s."
            ) % {
                "company": buyer.name,
                "agreement": membership.agreement_name,
                "year": _year(membership.valid_from),
            }
            chain = ((membership.agreement_id, ""), *membership.successors)
            for agreement_id, successor_name in chain:
                committees = [
                    mechanism
                    for mechanism in facts.mechanisms
                    if mechanism.kind == "agreement_committee"
                    and mechanism.agreement_id == agreement_id
                    and mechanism.covers(facts.country, facts.sector)
                ]
                reason = member
                if successor_name:
                    reason += " " + _(
                        "The committee of its successor, %(successor)s, takes its complaints."
                    ) % {"successor": successor_name}
                for mechanism in committees:
                    offer(mechanism, reason, buyer.company_id)
                if committees:
                    break
        for mechanism in facts.mechanisms:
            if mechanism.kind == "ncp" and buyer.home_country in mechanism.home_countries:
                offer(
                    mechanism,
                    _(
                        "%(company)s, which buys from the site, is based in %(country)s; this "
                        "National Contact Point handles complaints about companies based there."
                    )
                    % {"company": buyer.name, "country": country_name(buyer.home_country)},
                    buyer.company_id,
                )

    for mechanism in facts.mechanisms:
        if (
            mechanism.kind == "producing_country"
            and mechanism.countries
            and mechanism.covers(facts.country, facts.sector)
        ):
            offer(
                mechanism,
                _("It handles complaints about workplaces in %(country)s.")
                % {"country": country_name(facts.country)},
            )

    if not found:
        for mechanism in facts.mechanisms:
            if mechanism.is_default:
                reason = (
                    _(
                        "No company is known to buy from this site at the time of the harm. The "
                        "Remedy Hub secretariat takes the complaint and looks for the buyers."
                    )
                    if facts.facility_known
                    else _(
                        "The site is not yet identified in the registry. The Remedy Hub "
                        "secretariat takes the complaint and looks for the site and its buyers."
                    )
                )
                found[mechanism.id] = (mechanism, [reason], set())
    options = [
        RouteOption(
            mechanism_id=mechanism.id,
            mechanism_name=mechanism.name,
            kind=mechanism.kind,
            reasons=tuple(reasons),
            company_ids=tuple(sorted(companies)),
        )
        for mechanism, reasons, companies in found.values()
    ]
    options.sort(key=lambda option: (PRIORITY.get(option.kind, 9), option.mechanism_name))
    return options
