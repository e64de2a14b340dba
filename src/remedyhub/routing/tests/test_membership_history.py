"""Routing reads membership history from the registry: the membership valid on the day of the
harm counts, not today's; a member that moved to the successor agreement is routed to the
committee of the agreement it belonged to then, or to the successor's when that one ended."""

import datetime as dt

import pytest
from django.utils import translation

from remedyhub.registry.services import membership_create, membership_move
from remedyhub.registry.tests.factories import (
    CompanyFactory,
    FacilityFactory,
    SectorAgreementFactory,
    SupplyLinkFactory,
)
from remedyhub.routing.models import Mechanism
from remedyhub.routing.selectors import routing_options

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    national = SectorAgreementFactory(
        name="Dutch Textile Agreement", starts_on=D(2016, 7, 1), ends_on=D(2023, 12, 31)
    )
    european = SectorAgreementFactory(
        name="European Textile Agreement", scope="european", starts_on=D(2024, 1, 1)
    )
    national.successor = european
    national.save()
    company = CompanyFactory(name="Noordkust Fashion B.V.", home_country="XK")
    facility = FacilityFactory(country="BD")
    SupplyLinkFactory(company=company, facility=facility, first_seen=D(2018, 1, 1))
    committees = {
        "national": Mechanism.objects.create(
            name="National committee", slug="nl", kind="agreement_committee", agreement=national
        ),
        "european": Mechanism.objects.create(
            name="European committee", slug="eu", kind="agreement_committee", agreement=european
        ),
    }
    Mechanism.objects.create(name="Secretariat", slug="sec", kind="other", is_default=True)
    return national, european, company, facility, committees


def names(facility, harm_on):
    options = routing_options(country="BD", facility=facility, harm_on=harm_on, anonymous=False)
    return {option.mechanism_name: option for option in options}


def test_a_membership_that_ended_before_the_harm_does_not_count(world):
    national, _european, company, facility, _ = world
    membership_create(
        agreement=national, company=company, valid_from=D(2017, 1, 1), valid_until=D(2019, 12, 31)
    )
    assert "National committee" in names(facility, D(2019, 12, 31))
    assert set(names(facility, D(2020, 1, 1))) == {"Secretariat"}


def test_a_membership_that_started_after_the_harm_does_not_count(world):
    national, _european, company, facility, _ = world
    membership_create(
        agreement=national, company=company, valid_from=D(2021, 1, 1), valid_until=D(2023, 12, 31)
    )
    assert set(names(facility, D(2020, 12, 31))) == {"Secretariat"}
    assert "National committee" in names(facility, D(2021, 1, 1))


def test_a_member_that_moved_to_the_successor_is_routed_by_the_day_of_the_harm(world):
    national, european, company, facility, _ = world
    old = membership_create(
        agreement=national, company=company, valid_from=D(2017, 1, 1), valid_until=D(2023, 12, 31)
    )
    membership_move(membership=old, to=european, on=D(2024, 1, 1))

    before = names(facility, D(2023, 12, 31))
    assert set(before) == {"National committee"}
    assert "a member of Dutch Textile Agreement since 2017" in before["National committee"].reason

    after = names(facility, D(2024, 1, 1))
    assert set(after) == {"European committee"}
    assert "a member of European Textile Agreement since 2024" in after["European committee"].reason


def test_the_successors_committee_takes_a_harm_from_the_ended_agreements_time(world):
    national, _european, company, facility, committees = world
    committees["national"].is_active = False
    committees["national"].save()
    membership_create(
        agreement=national, company=company, valid_from=D(2017, 1, 1), valid_until=D(2023, 12, 31)
    )
    options = names(facility, D(2022, 5, 1))
    assert set(options) == {"European committee"}
    assert options["European committee"].reason == (
        "The site is on the supplier list of Noordkust Fashion B.V., a member of Dutch Textile "
        "Agreement since 2017. The committee of its successor, European Textile Agreement, "
        "takes its complaints."
    )
    assert options["European committee"].company_ids == (company.pk,)
