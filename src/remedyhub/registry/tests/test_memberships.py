"""Membership periods: refused when they overlap, end before they start or lie outside the
agreement; moving to a successor keeps the history; the admin refuses what the service does."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from remedyhub.accounts.models import User
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.registry.models import Membership
from remedyhub.registry.services import (
    MembershipRefused,
    membership_create,
    membership_end,
    membership_move,
)
from remedyhub.registry.tests.factories import CompanyFactory, SectorAgreementFactory

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def agreement():
    return SectorAgreementFactory(name="Textile Agreement", starts_on=D(2016, 1, 1))


@pytest.fixture
def company():
    return CompanyFactory(name="Noordkust Fashion B.V.")


def test_an_overlapping_period_is_refused_and_names_the_period_it_overlaps(agreement, company):
    membership_create(
        agreement=agreement, company=company, valid_from=D(2017, 1, 1), valid_until=D(2019, 12, 31)
    )
    with pytest.raises(MembershipRefused) as refused:
        membership_create(agreement=agreement, company=company, valid_from=D(2019, 6, 1))
    assert refused.value.errors["valid_from"] == (
        "This company is already a member of Textile Agreement from 2017-01-01 until "
        "2019-12-31; membership periods cannot overlap."
    )
    assert Membership.objects.count() == 1


def test_a_period_that_ends_before_an_open_one_starts_still_overlaps_it(agreement, company):
    membership_create(agreement=agreement, company=company, valid_from=D(2020, 1, 1))
    with pytest.raises(MembershipRefused, match="now \\(still open\\)"):
        membership_create(
            agreement=agreement,
            company=company,
            valid_from=D(2018, 1, 1),
            valid_until=D(2020, 1, 1),
        )


def test_a_company_may_rejoin_after_its_period_ended(agreement, company):
    first = membership_create(
        agreement=agreement, company=company, valid_from=D(2017, 1, 1), valid_until=D(2018, 12, 31)
    )
    second = membership_create(agreement=agreement, company=company, valid_from=D(2019, 1, 1))
    assert first.valid_on(D(2018, 12, 31)) and not first.valid_on(D(2019, 1, 1))
    assert second.valid_on(D(2019, 1, 1))


def test_an_end_before_the_start_is_refused_with_both_dates(agreement, company):
    with pytest.raises(MembershipRefused) as refused:
        membership_create(
            agreement=agreement,
            company=company,
            valid_from=D(2020, 5, 1),
            valid_until=D(2020, 4, 1),
        )
    assert refused.value.errors == {
        "valid_until": "A membership cannot end before it starts: this one would end on "
        "2020-04-01 and start on 2020-05-01."
    }


def test_a_period_outside_the_agreement_and_an_unnamed_partner_are_refused(agreement, company):
    agreement.ends_on = D(2023, 12, 31)
    agreement.save()
    with pytest.raises(MembershipRefused) as refused:
        membership_create(
            agreement=agreement,
            company=company,
            valid_from=D(2015, 1, 1),
            route=Membership.Route.PARTNER,
        )
    assert set(refused.value.errors) == {"valid_from", "valid_until", "partner_initiative"}
    assert "cannot start before" in refused.value.errors["valid_from"]
    assert "must end by then" in refused.value.errors["valid_until"]


def test_moving_to_the_successor_ends_the_old_period_the_day_before(agreement, company):
    successor = SectorAgreementFactory(
        name="European Textile Agreement", scope="european", starts_on=D(2024, 1, 1)
    )
    old = membership_create(
        agreement=agreement,
        company=company,
        valid_from=D(2017, 1, 1),
        route=Membership.Route.PARTNER,
        partner_initiative="Fair Fashion Platform",
    )
    new = membership_move(membership=old, to=successor, on=D(2024, 1, 1))
    old.refresh_from_db()
    assert (old.valid_until, old.end_reason) == (D(2023, 12, 31), "moved")
    assert (new.agreement, new.valid_from, new.valid_until) == (successor, D(2024, 1, 1), None)
    assert new.partner_initiative == "Fair Fashion Platform"


def test_ending_with_a_reason_keeps_the_period_as_history(agreement, company):
    membership = membership_create(agreement=agreement, company=company, valid_from=D(2017, 1, 1))
    membership_end(membership=membership, on=D(2021, 3, 1), reason="expelled")
    membership.refresh_from_db()
    assert membership.get_end_reason_display() == "Expelled"
    with pytest.raises(MembershipRefused):
        membership_end(membership=membership, on=D(2016, 12, 1), reason="ended")


def test_model_validation_gives_the_same_messages_as_the_service(agreement, company):
    membership_create(agreement=agreement, company=company, valid_from=D(2017, 1, 1))
    overlapping = Membership(agreement=agreement, company=company, valid_from=D(2018, 1, 1))
    with pytest.raises(ValidationError) as refused:
        overlapping.full_clean()
    assert "cannot overlap" in str(refused.value.message_dict["valid_from"])


def test_the_admin_refuses_an_overlap_and_keeps_what_was_typed(client, agreement, company):
    admin = User.objects.create_superuser("admin", password="x" * 20)
    verified_login(client, admin)
    membership_create(agreement=agreement, company=company, valid_from=D(2017, 1, 1))
    response = client.post(
        reverse("admin:registry_membership_add"),
        {
            "agreement": agreement.pk,
            "company": company.pk,
            "route": "direct",
            "partner_initiative": "",
            "valid_from": "2018-02-03",
            "valid_until": "",
            "end_reason": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "membership periods cannot overlap" in page
    assert 'value="2018-02-03"' in page
    assert Membership.objects.count() == 1


def test_an_agreement_names_itself_in_the_readers_language_or_in_english(agreement):
    agreement.name_nl = "Textielconvenant"
    assert agreement.name_in("nl") == ("Textielconvenant", True)
    assert agreement.name_in("fr") == ("Textile Agreement", False)
    assert agreement.name_in("en") == ("Textile Agreement", True)
