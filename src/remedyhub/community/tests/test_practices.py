"""Good practices: drafts stay with the company, publishing shows them to all; a closed case is
named only with both parties' consent, and a refusal tells nothing about the case."""

import datetime as dt

import pytest
from django.urls import reverse

from remedyhub.accounts.models import Affiliation, User
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.cases.models import Case
from remedyhub.cases.services import case_route
from remedyhub.community.models import GoodPractice
from remedyhub.community.services import (
    CaseLinkRefused,
    case_link_consent_record,
    good_practice_save,
)
from remedyhub.intake.services import complaint_submit
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import DEFAULT_STAGES

pytestmark = pytest.mark.django_db

SECRET = "Supervisor Quintus locked the exit"


@pytest.fixture
def closed_case(company_user):
    company = company_user.affiliations.get().company
    mechanism = Mechanism.objects.create(name="Committee", slug="committee", kind="other")
    RulesOfProcedure.objects.create(
        mechanism=mechanism, version=1, in_force_from=dt.date(2020, 1, 1), stages=DEFAULT_STAGES
    )
    handler = User.objects.create_user("handler", password="x" * 20)
    Affiliation.objects.create(user=handler, role="handler", mechanism=mechanism)
    submission = complaint_submit(
        data={"description": SECRET, "country": "BD"}, seed="gp", channel="web", language="en"
    )
    case = case_route(
        complaint=submission.complaint,
        mechanism=mechanism,
        reason="Test.",
        actor=handler,
        company_ids=(company.pk,),
    )
    Case.objects.filter(pk=case.pk).update(state="closed")  # its history is not under test
    case.refresh_from_db()
    return case, handler, company


def test_a_draft_is_seen_only_by_its_company_until_published(client, company_user):
    company = company_user.affiliations.get().company
    practice = good_practice_save(
        company=company, author=company_user, title="Fire doors open", body="We paid for it."
    )
    url = reverse("community:practice", args=[practice.slug])
    assert client.get(url).status_code == 404
    verified_login(client, company_user)
    assert "Draft" in client.get(url).content.decode()
    good_practice_save(
        company=company,
        author=company_user,
        practice=practice,
        title="Fire doors open",
        body="We paid for it.",
        publish=True,
    )
    client.logout()
    assert client.get(url).status_code == 200
    assert "Fire doors open" in client.get(reverse("community:practices")).content.decode()


def test_a_case_without_consent_is_refused_and_nothing_of_it_shows(
    client, company_user, closed_case
):
    case, handler, company = closed_case
    reference = case.complaint.reference
    verified_login(client, company_user)
    data = {"title": "Exit doors", "body": "What we changed.", "case_reference": reference}
    response = client.post(reverse("community:practice-new"), {**data, "action": "publish"})
    page = response.content.decode()
    assert "This case cannot be named" in page
    assert 'value="Exit doors"' in page and "What we changed." in page
    assert SECRET not in page and "Committee" not in page
    assert not GoodPractice.objects.exists()
    # One consent is not enough; the company's alone neither.
    case_link_consent_record(case=case, party="company", company=company, actor=handler)
    with pytest.raises(CaseLinkRefused):
        good_practice_save(
            company=company,
            author=company_user,
            case_reference=reference,
            **{"title": "Exit doors", "body": "What we changed."},
        )


def test_with_both_consents_a_closed_case_is_named(client, company_user, closed_case):
    case, handler, company = closed_case
    case_link_consent_record(case=case, party="company", company=company, actor=handler)
    case_link_consent_record(case=case, party="complainant", actor=handler)
    practice = good_practice_save(
        company=company,
        author=company_user,
        title="Exit doors",
        body="What we changed.",
        case_reference=case.complaint.reference,
        publish=True,
    )
    assert practice.case == case
    page = client.get(reverse("community:practice", args=[practice.slug])).content.decode()
    assert case.complaint.reference in page and SECRET not in page


def test_an_open_case_is_refused_even_with_consent(company_user, closed_case):
    case, handler, company = closed_case
    case_link_consent_record(case=case, party="company", company=company, actor=handler)
    case_link_consent_record(case=case, party="complainant", actor=handler)
    Case.objects.filter(pk=case.pk).update(state="dialogue")
    with pytest.raises(CaseLinkRefused):
        good_practice_save(
            company=company,
            author=company_user,
            title="T",
            body="B",
            case_reference=case.complaint.reference,
        )


def test_only_the_mechanism_records_consent(company_user, closed_case):
    case, _handler, company = closed_case
    with pytest.raises(PermissionError):
        case_link_consent_record(case=case, party="company", company=company, actor=company_user)
