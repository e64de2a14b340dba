import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from remedyhub.registry.tests.factories import (
    CompanyFactory,
    FacilityFactory,
    MembershipFactory,
    SupplyLinkFactory,
)
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import DEFAULT_STAGES, StageLimit, parse_stages
from remedyhub.routing.selectors import routing_options, rules_in_force

pytestmark = pytest.mark.django_db


def test_routing_reads_buyers_memberships_and_mechanisms_from_the_registry():
    facility = FacilityFactory(country="BD")
    buyer = CompanyFactory(name="Example Buyer B.V.", home_country="NL")
    SupplyLinkFactory(company=buyer, facility=facility, first_seen=dt.date(2024, 6, 30))
    membership = MembershipFactory(company=buyer, valid_from=dt.date(2023, 5, 1))
    committee = Mechanism.objects.create(
        name="Committee",
        slug="committee",
        kind="agreement_committee",
        agreement=membership.agreement,
    )
    Mechanism.objects.create(name="NCP NL", slug="ncp-nl", kind="ncp", home_countries=["NL"])
    Mechanism.objects.create(name="Secretariat", slug="sec", kind="other", is_default=True)
    Mechanism.objects.create(
        name="Inactive", slug="inactive", kind="ncp", home_countries=["NL"], is_active=False
    )
    options = routing_options(
        country="BD", facility=facility, harm_on=dt.date(2026, 2, 1), anonymous=False
    )
    assert [option.mechanism_name for option in options] == ["Committee", "NCP NL"]
    assert options[0].mechanism_id == committee.pk
    assert (
        "a member of Example Agreement" in options[0].reason and "since 2023" in options[0].reason
    )
    unknown = routing_options(
        country="BD", facility=None, harm_on=dt.date(2026, 2, 1), anonymous=True
    )
    assert [option.mechanism_name for option in unknown] == ["Secretariat"]


def test_the_rules_in_force_are_those_of_the_day():
    mechanism = Mechanism.objects.create(name="NCP", slug="ncp", kind="ncp")
    first = RulesOfProcedure.objects.create(
        mechanism=mechanism, version=1, in_force_from=dt.date(2024, 1, 1), stages=DEFAULT_STAGES
    )
    second = RulesOfProcedure.objects.create(
        mechanism=mechanism, version=2, in_force_from=dt.date(2026, 7, 1), stages=DEFAULT_STAGES
    )
    assert rules_in_force(mechanism, dt.date(2023, 12, 31)) is None
    assert rules_in_force(mechanism, dt.date(2026, 6, 30)) == first
    assert rules_in_force(mechanism, dt.date(2026, 7, 1)) == second


@pytest.mark.parametrize(
    "stages",
    [
        [{"state": "received"}],
        [{"state": "received", "limit": 0}],
        [{"state": "received", "limit": 7, "unit": "weeks"}],
        [{"state": "nonsense", "limit": 7}],
        [{"state": "received", "limit": 7}, {"state": "received", "limit": 9}],
    ],
)
def test_bad_stages_are_refused(stages):
    rules = RulesOfProcedure(
        mechanism=Mechanism(name="X", slug="x", kind="ncp"),
        version=1,
        in_force_from=dt.date(2026, 1, 1),
        stages=stages,
    )
    with pytest.raises(ValidationError):
        rules.clean()


def test_stage_deadlines_count_calendar_days_working_days_and_months():
    stages = parse_stages(DEFAULT_STAGES)
    friday = dt.date(2026, 11, 27)
    assert stages["received"].deadline(friday) == dt.date(2026, 12, 4)
    assert stages["acknowledged"].deadline(friday) == dt.date(2026, 12, 11)  # 10 working days
    assert stages["admissibility"].deadline(dt.date(2026, 11, 30)) == dt.date(2027, 2, 28)
    assert StageLimit("dialogue", 6, "months").describe() == "6 months"


def test_the_public_mechanism_page_shows_its_rules(client):
    mechanism = Mechanism.objects.create(name="Textile committee", slug="textile", kind="other")
    RulesOfProcedure.objects.create(
        mechanism=mechanism,
        version=1,
        in_force_from=dt.date(2024, 1, 1),
        stages=DEFAULT_STAGES,
        outcome_types=["agreement", "founded"],
    )
    page = client.get(reverse("routing:detail", args=["textile"])).content.decode()
    assert "Version 1" in page
    assert "Dialogue or mediation" in page and "6 months" in page
    assert "Agreement between the parties" in page
    assert client.get(reverse("routing:detail", args=["nothing"])).status_code == 404
    assert "Textile committee" in client.get(reverse("routing:list")).content.decode()
