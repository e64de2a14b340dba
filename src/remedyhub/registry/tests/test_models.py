import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from remedyhub.registry.tests.factories import (
    CompanyFactory,
    FacilityFactory,
    MembershipFactory,
    SupplyLinkFactory,
)

pytestmark = pytest.mark.django_db


def test_each_facility_gets_its_own_public_id():
    first, second = FacilityFactory(), FacilityFactory()
    assert first.public_id != second.public_id
    assert first.public_id.startswith("RHF-")


def test_a_membership_cannot_end_before_it_starts():
    membership = MembershipFactory.build(
        valid_from=dt.date(2024, 1, 1), valid_until=dt.date(2023, 1, 1)
    )
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        membership.full_clean()
    membership.agreement.save()
    membership.company.save()
    membership.agreement_id = membership.agreement.pk
    membership.company_id = membership.company.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_a_company_links_to_a_facility_once():
    link = SupplyLinkFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SupplyLinkFactory(company=link.company, facility=link.facility)


def test_a_company_home_country_must_be_an_iso_code():
    company = CompanyFactory.build(home_country="Holland")
    with pytest.raises(ValidationError) as error:
        company.full_clean()
    assert "home_country" in error.value.message_dict
