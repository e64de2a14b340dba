import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from remedyhub.accounts.models import Affiliation
from remedyhub.registry.tests.factories import CompanyFactory, SectorAgreementFactory
from remedyhub.routing.models import Mechanism

pytestmark = pytest.mark.django_db


@pytest.fixture
def mechanism():
    return Mechanism.objects.create(
        name="Committee",
        slug="committee",
        kind=Mechanism.Kind.AGREEMENT_COMMITTEE,
        agreement=SectorAgreementFactory(),
    )


def test_a_company_role_without_a_company_is_refused_by_the_database(django_user_model):
    user = django_user_model.objects.create_user(username="rep")
    with pytest.raises(IntegrityError), transaction.atomic():
        Affiliation.objects.create(user=user, role=Affiliation.Role.COMPANY)


def test_a_handler_must_act_for_a_mechanism_and_no_company(django_user_model, mechanism):
    user = django_user_model.objects.create_user(username="h")
    with pytest.raises(IntegrityError), transaction.atomic():
        Affiliation.objects.create(
            user=user, role=Affiliation.Role.HANDLER, mechanism=mechanism, company=CompanyFactory()
        )
    Affiliation.objects.create(user=user, role=Affiliation.Role.HANDLER, mechanism=mechanism)


def test_nobody_acts_for_a_company_and_a_mechanism(django_user_model, mechanism):
    user = django_user_model.objects.create_user(username="both")
    Affiliation.objects.create(user=user, role=Affiliation.Role.HANDLER, mechanism=mechanism)
    second = Affiliation(user=user, role=Affiliation.Role.COMPANY, company=CompanyFactory())
    with pytest.raises(ValidationError, match="conflict of interest"):
        second.full_clean()
