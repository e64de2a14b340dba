"""Routing scenarios over plain facts: each kind of mechanism, ended memberships, unknown buyers."""

import datetime as dt

import pytest
from django.utils import translation

from remedyhub.routing.route import (
    AgreementMembership,
    Buyer,
    MechanismFacts,
    RoutingFacts,
    route,
)

HARM = dt.date(2026, 3, 1)
NOORD = Buyer(1, "Noordkust Fashion B.V.", "NL", dt.date(2024, 6, 30))
LIND = Buyer(2, "Lindqvist Apparel AB", "SE", dt.date(2025, 6, 30))
NOWHERE = Buyer(3, "Nowhere Trading Ltd", "XK", dt.date(2025, 6, 30))  # no NCP known

COMMITTEE = MechanismFacts(
    10, "Textile agreement committee", "agreement_committee", agreement_id=100
)
CHANNEL = MechanismFacts(11, "Noordkust speak-up line", "company_channel", company_id=1)
NCP_NL = MechanismFacts(12, "NCP Netherlands", "ncp", home_countries=("NL",))
NCP_SE = MechanismFacts(13, "NCP Sweden", "ncp", home_countries=("SE",), accepts_anonymous=False)
BD_BOARD = MechanismFacts(14, "Bangladesh grievance board", "producing_country", countries=("BD",))
SECRETARIAT = MechanismFacts(15, "Remedy Hub secretariat", "other", is_default=True)
ALL = (COMMITTEE, CHANNEL, NCP_NL, NCP_SE, BD_BOARD, SECRETARIAT)
MEMBER = AgreementMembership(1, 100, "Dutch Textile Agreement", dt.date(2023, 1, 1))


def facts(**overrides):
    values = {
        "country": "BD",
        "sector": "garments_textile",
        "harm_on": HARM,
        "anonymous": False,
        "facility_known": True,
        "buyers": (NOORD,),
        "memberships": (MEMBER,),
        "mechanisms": ALL,
    }
    values.update(overrides)
    return RoutingFacts(**values)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def by_name(options):
    return {option.mechanism_name: option for option in options}


def test_a_member_buyer_leads_to_committee_channel_producing_country_and_ncp_with_reasons():
    options = route(facts())
    assert [option.mechanism_name for option in options] == [
        "Textile agreement committee",
        "Noordkust speak-up line",
        "Bangladesh grievance board",
        "NCP Netherlands",
    ]
    reasons = by_name(options)
    assert reasons["Textile agreement committee"].reason == (
        "The site is on the supplier list of Noordkust Fashion B.V., a member of "
        "Dutch Textile Agreement since 2023."
    )
    assert "runs this grievance channel" in reasons["Noordkust speak-up line"].reason
    assert "based in Netherlands" in reasons["NCP Netherlands"].reason
    assert "workplaces in Bangladesh" in reasons["Bangladesh grievance board"].reason
    assert reasons["Textile agreement committee"].company_ids == (1,)


def test_a_membership_that_ended_before_the_harm_does_not_count():
    ended = AgreementMembership(
        1, 100, "Dutch Textile Agreement", dt.date(2020, 1, 1), dt.date(2025, 12, 31)
    )
    names = by_name(route(facts(memberships=(ended,))))
    assert "Textile agreement committee" not in names
    assert "Noordkust speak-up line" in names


def test_a_membership_that_began_after_the_harm_does_not_count():
    later = AgreementMembership(1, 100, "Dutch Textile Agreement", dt.date(2026, 6, 1))
    assert "Textile agreement committee" not in by_name(route(facts(memberships=(later,))))


def test_a_buyer_that_stopped_before_the_harm_is_not_a_route():
    gone = Buyer(
        1, "Noordkust Fashion B.V.", "NL", dt.date(2022, 6, 30), ended_on=dt.date(2025, 1, 1)
    )
    names = by_name(route(facts(buyers=(gone,))))
    assert set(names) == {"Bangladesh grievance board"}


def test_no_known_buyer_and_no_producing_country_mechanism_leads_to_the_secretariat():
    options = route(facts(country="KH", buyers=(), memberships=()))
    assert [option.mechanism_name for option in options] == ["Remedy Hub secretariat"]
    assert "No company is known to buy from this site" in options[0].reason


def test_an_unidentified_site_goes_to_the_secretariat_with_its_own_reason():
    options = route(facts(country="KH", buyers=(), memberships=(), facility_known=False))
    assert "not yet identified" in options[0].reason


def test_a_company_without_an_ncp_gets_no_ncp_option():
    names = by_name(route(facts(buyers=(NOWHERE,), memberships=(), country="KH")))
    assert names.keys() == {"Remedy Hub secretariat"}


def test_mechanisms_that_refuse_anonymous_complaints_are_left_out_for_anonymous_reporters():
    named = by_name(route(facts(buyers=(LIND,), memberships=())))
    anonymous = by_name(route(facts(buyers=(LIND,), memberships=(), anonymous=True)))
    assert "NCP Sweden" in named and "NCP Sweden" not in anonymous


def test_two_buyers_in_one_agreement_give_one_option_with_both_reasons():
    lind_member = AgreementMembership(2, 100, "Dutch Textile Agreement", dt.date(2025, 1, 1))
    option = by_name(route(facts(buyers=(NOORD, LIND), memberships=(MEMBER, lind_member))))[
        "Textile agreement committee"
    ]
    assert option.company_ids == (1, 2)
    assert "Noordkust" in option.reason and "Lindqvist" in option.reason


def test_a_committee_outside_its_sector_scope_is_not_offered():
    stone_only = MechanismFacts(
        10, "Stone committee", "agreement_committee", agreement_id=100, sectors=("natural_stone",)
    )
    names = by_name(route(facts(mechanisms=(stone_only, SECRETARIAT))))
    assert "Stone committee" not in names
