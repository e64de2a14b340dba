"""A member that fails its assessment is referred to the agreement's complaints mechanism
through intake and cases (a complaint routed to the committee), once."""

import datetime as dt

import pytest

from remedyhub.accounts.models import User
from remedyhub.agreements.services import Refused, assessment_record, assessment_refer
from remedyhub.agreements.tests.factories import FrameworkFactory
from remedyhub.registry.services import membership_create
from remedyhub.registry.tests.factories import CompanyFactory, SectorAgreementFactory
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import DEFAULT_STAGES

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    agreement = SectorAgreementFactory(name="Textile Agreement", starts_on=dt.date(2016, 1, 1))
    company = CompanyFactory(name="Lindqvist Apparel AB", home_country="SE")
    membership_create(agreement=agreement, company=company, valid_from=dt.date(2020, 1, 1))
    framework = FrameworkFactory(agreement=agreement, pass_mark=60)
    staff = User.objects.create_user("secretariat", password="x" * 20, is_staff=True)

    def assess(scores):
        return assessment_record(
            agreement=agreement,
            company=company,
            year=2024,
            framework=framework,
            scores=scores,
            assessed_on=dt.date(2025, 2, 1),
        )

    return agreement, company, staff, assess


def committee(agreement):
    mechanism = Mechanism.objects.create(
        name="Textile committee", slug="committee", kind="agreement_committee", agreement=agreement
    )
    RulesOfProcedure.objects.create(
        mechanism=mechanism, version=1, in_force_from=dt.date(2020, 1, 1), stages=DEFAULT_STAGES
    )
    return mechanism


def test_a_failed_assessment_becomes_a_case_at_the_committee_about_the_company(setting):
    agreement, company, staff, assess = setting
    mechanism = committee(agreement)
    assessment = assess({"policy": 1, "risks": 1, "remedy": 1})
    case = assessment_refer(assessment=assessment, actor=staff)
    assert case.mechanism == mechanism
    assert list(case.companies.all()) == [company]
    assert case.complaint.channel == "letter" and case.complaint.entered_by == staff
    assert "failed its 2024 assessment under Textile Agreement with 25.0%" in (
        case.complaint.description
    )
    assessment.refresh_from_db()
    assert assessment.referral_complaint == case.complaint
    with pytest.raises(Refused, match="referred already"):
        assessment_refer(assessment=assessment, actor=staff)


def test_a_passed_assessment_or_an_agreement_without_committee_is_not_referred(setting):
    agreement, _company, staff, assess = setting
    failed = assess({"policy": 0, "risks": 0, "remedy": 0})
    with pytest.raises(Refused, match="no active complaints mechanism"):
        assessment_refer(assessment=failed, actor=staff)
    committee(agreement)
    passed = assess({"policy": 4, "risks": 4, "remedy": 4})
    with pytest.raises(Refused, match="Only a member that failed"):
        assessment_refer(assessment=passed, actor=staff)
