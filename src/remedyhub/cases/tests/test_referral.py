import pytest
from django.urls import reverse

from remedyhub.cases.models import Case, ReferralProposal
from remedyhub.cases.services import ReasonRequired, case_route, referral_propose
from remedyhub.intake.services import complaint_submit
from remedyhub.registry.tests.factories import CompanyFactory
from remedyhub.routing.models import Mechanism

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(mechanism, handler):
    submission = complaint_submit(
        data={"description": "Pesticides sprayed while we pick.", "country": "IN"},
        seed="web:referral",
        channel="web",
        language="en",
    )
    company = CompanyFactory()
    case = case_route(
        complaint=submission.complaint,
        mechanism=mechanism,
        reason="Default.",
        actor=handler,
        company_ids=(company.pk,),
    )
    ncp = Mechanism.objects.create(name="NCP Netherlands", slug="ncp-nl", kind="ncp")
    with pytest.raises(ReasonRequired):
        referral_propose(case, to_mechanism=ncp, reason="", actor=handler)
    proposal = referral_propose(
        case, to_mechanism=ncp, reason="The buyer is based in the Netherlands.", actor=handler
    )
    return submission, case, proposal, ncp, company


def open_follow_up(client, receipt):
    client.post(reverse("intake:follow-up"), {"receipt": receipt})


def test_the_complainant_consents_and_the_complaint_moves_with_its_history(client, proposed):
    submission, case, proposal, ncp, company = proposed
    open_follow_up(client, submission.receipt)
    page = client.get(reverse("intake:follow-up-case")).content.decode()
    assert "May we pass your complaint on?" in page and "NCP Netherlands" in page
    client.post(reverse("cases:referral-answer", args=[proposal.pk]), {"answer": "accept"})
    case.refresh_from_db()
    assert case.state == "referred"
    new = Case.objects.get(mechanism=ncp)
    assert new.referred_from == case and new.state == "received"
    assert list(new.companies.all()) == [company]
    assert case.events.last().reason.startswith("Referred to NCP Netherlands")
    # Answering twice changes nothing.
    client.post(reverse("cases:referral-answer", args=[proposal.pk]), {"answer": "accept"})
    assert Case.objects.count() == 2


def test_declining_keeps_the_case(client, proposed):
    submission, case, proposal, _ncp, _company = proposed
    open_follow_up(client, submission.receipt)
    client.post(reverse("cases:referral-answer", args=[proposal.pk]), {"answer": "decline"})
    case.refresh_from_db()
    assert case.state == "received"
    assert ReferralProposal.objects.get().status == "declined"


def test_nobody_else_can_answer_for_the_complainant(client, proposed):
    _submission, case, proposal, _ncp, _company = proposed
    other = complaint_submit(
        data={"description": "Another complaint entirely.", "country": "IN"},
        seed="web:other",
        channel="web",
        language="en",
    )
    open_follow_up(client, other.receipt)
    response = client.post(
        reverse("cases:referral-answer", args=[proposal.pk]), {"answer": "accept"}
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.state == "received"
