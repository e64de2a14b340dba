"""Who sees and does what in a case, on pages and through the API alike (issue 5, item 5)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from remedyhub.accounts.models import Affiliation, User
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.cases.access import COMPANY, complainant_for
from remedyhub.cases.models import CaseMessage, ConflictOfInterest
from remedyhub.cases.services import (
    ConflictOfInterestError,
    ReasonRequired,
    case_assign,
    case_message_post,
    case_route,
)
from remedyhub.intake.services import complaint_submit
from remedyhub.registry.tests.factories import CompanyFactory, FacilityFactory, SupplyLinkFactory
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import DEFAULT_STAGES

pytestmark = pytest.mark.django_db

NAME = "Rokeya Quillon"
SECRET = "Only the mechanism reads this note."


@pytest.fixture
def world():
    company_a = CompanyFactory(name="Buyer A", slug="buyer-a")
    company_b = CompanyFactory(name="Buyer B", slug="buyer-b")
    facility = FacilityFactory(country="BD")
    SupplyLinkFactory(company=company_a, facility=facility, first_seen=dt.date(2024, 1, 1))
    mechanism = Mechanism.objects.create(
        name="Committee", slug="committee", kind="company_channel", company=company_a
    )
    other = Mechanism.objects.create(name="Other", slug="other", kind="ncp")
    RulesOfProcedure.objects.create(
        mechanism=mechanism, version=1, in_force_from=dt.date(2020, 1, 1), stages=DEFAULT_STAGES
    )
    users = {}

    def user(name, **affiliation):
        users[name] = User.objects.create_user(name, password="x" * 20)
        if affiliation:
            Affiliation.objects.create(user=users[name], **affiliation)
        return users[name]

    user("handler", role="handler", mechanism=mechanism)
    user("other_handler", role="handler", mechanism=other)
    user("member", role="committee_member", mechanism=mechanism)
    user("conflicted", role="committee_member", mechanism=mechanism)
    user("company_a", role="company", company=company_a)
    user("company_b", role="company", company=company_b)
    users["admin"] = User.objects.create_user("admin", password="x" * 20, is_staff=True)
    ConflictOfInterest.objects.create(user=users["conflicted"], company=company_a)
    complaint = complaint_submit(
        data={
            "description": "Dismissed for joining the union.",
            "country": "BD",
            "facility": facility,
            "anonymous": False,
            "reporter_name": NAME,
            "contact_email": "rokeya@example.org",
        },
        seed="web:matrix",
        channel="web",
        language="en",
    ).complaint
    case = case_route(
        complaint=complaint,
        mechanism=mechanism,
        reason="Own channel of Buyer A.",
        actor=users["handler"],
        company_ids=(company_a.pk,),
    )
    case_message_post(
        case, actor=users["handler"], body=SECRET, visibility=CaseMessage.Visibility.MECHANISM
    )
    return case, users


# role -> (page status, sees the name, sees the mechanism-only note, may move the case)
EXPECTED = {
    "anonymous": (302, False, False, False),
    "handler": (200, True, True, True),
    "admin": (200, True, True, True),
    "other_handler": (403, False, False, False),
    "company_a": (200, False, False, False),
    "company_b": (403, False, False, False),
    "member": (403, False, False, False),  # not assigned to this case yet
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_case_page_by_role(world, role):
    case, users = world
    client = Client()
    if role != "anonymous":
        verified_login(client, users[role])
    status, sees_name, sees_note, may_move = EXPECTED[role]
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == status
    page = response.content.decode()
    assert (NAME in page) is sees_name
    assert (SECRET in page) is sees_note
    moved = client.post(reverse("cases:detail", args=[case.pk]), {"to_state": "acknowledged"})
    case.refresh_from_db()
    assert (case.state == "acknowledged") is may_move
    assert moved.status_code in ((302,) if may_move else (302, 400, 403))


@pytest.mark.parametrize("role", sorted(set(EXPECTED) - {"anonymous"}))
def test_case_api_by_role(world, role, capsys):
    case, _users = world
    call_command("create_api_token", role)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {capsys.readouterr().out.strip()}")
    status, sees_name, _note, may_move = EXPECTED[role]
    reference = case.complaint.reference
    response = api.get(f"/api/v1/cases/{reference}/")
    assert response.status_code == (200 if status == 200 else 404)
    if status == 200:
        body = response.json()
        assert (body["complainant"]["name"] == NAME) is sees_name
        assert (NAME in response.content.decode()) is sees_name
    moved = api.post(
        f"/api/v1/cases/{reference}/transitions/", {"to_state": "acknowledged"}, format="json"
    )
    assert moved.status_code == (201 if may_move else 404)


def test_the_company_sees_the_name_only_with_consent(world):
    case, _users = world
    assert complainant_for(case, COMPANY).identified is False
    assert complainant_for(case, COMPANY).label.startswith("Complainant ")
    case.complaint.consent_identity_to_company = True
    case.complaint.save()
    shown = complainant_for(case, COMPANY)
    assert shown.identified and shown.name == NAME


def test_a_conflicted_member_cannot_be_assigned_and_an_assigned_member_reads_the_case(world):
    case, users = world
    with pytest.raises(ConflictOfInterestError):
        case_assign(case, user=users["conflicted"], role="committee_member", actor=users["handler"])
    case_assign(case, user=users["member"], role="committee_member", actor=users["handler"])
    client = Client()
    verified_login(client, users["member"])
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_a_company_response_reaches_the_complainant_and_documents_kept_from_one_side_need_a_reason(
    world,
):
    case, users = world
    case_message_post(
        case,
        actor=users["company_a"],
        body="We have reinstated the workers.",
        visibility=CaseMessage.Visibility.ALL,
    )
    assert case.complaint.messages.filter(sender="mechanism").count() >= 2
    with pytest.raises(ReasonRequired):
        case_message_post(
            case, actor=users["handler"], body="x", visibility=CaseMessage.Visibility.COMPANY
        )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        case_message_post(
            case,
            actor=users["company_a"],
            body="x",
            visibility=CaseMessage.Visibility.MECHANISM,
        )


def api_for(username, capsys):
    call_command("create_api_token", username)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {capsys.readouterr().out.strip()}")
    return api


def test_messages_through_the_api_respect_each_side(world, capsys):
    case, _users = world
    reference = case.complaint.reference
    handler = api_for("handler", capsys)
    company = api_for("company_a", capsys)
    assert SECRET in handler.get(f"/api/v1/cases/{reference}/messages/").content.decode()
    assert SECRET not in company.get(f"/api/v1/cases/{reference}/messages/").content.decode()
    posted = company.post(
        f"/api/v1/cases/{reference}/messages/",
        {"body": "We are looking into it.", "visibility": "all"},
        format="json",
    )
    assert posted.status_code == 201 and posted.json()["side"] == "company"
    hidden = company.post(
        f"/api/v1/cases/{reference}/messages/",
        {"body": "x", "visibility": "mechanism"},
        format="json",
    )
    assert hidden.status_code == 403
    outsider = api_for("company_b", capsys)
    assert outsider.get(f"/api/v1/cases/{reference}/messages/").status_code == 404


def test_decisions_through_the_api(world, capsys):
    case, _users = world
    reference = case.complaint.reference
    handler = api_for("handler", capsys)
    for state in ("acknowledged", "admissibility"):
        handler.post(f"/api/v1/cases/{reference}/transitions/", {"to_state": state}, format="json")
    too_early = handler.post(
        f"/api/v1/cases/{reference}/decisions/",
        {"kind": "outcome", "finding": "founded", "reasoning": "x"},
        format="json",
    )
    assert too_early.status_code == 409
    decided = handler.post(
        f"/api/v1/cases/{reference}/decisions/",
        {
            "kind": "admissibility",
            "admissible": True,
            "criteria": {"within_mandate": True},
            "reasoning": "The buyer is identified.",
        },
        format="json",
    )
    assert decided.status_code == 201 and decided.json()["state"] == "admitted"
    company = api_for("company_a", capsys)
    assert (
        company.post(
            f"/api/v1/cases/{reference}/decisions/",
            {"kind": "admissibility", "admissible": False, "reasoning": "x"},
            format="json",
        ).status_code
        == 404
    )
