"""Who sees and does what in a case, on pages and through the API alike (issue 5, item 5)."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.cases.access import COMPANY, complainant_for
from remedyhub.cases.models import CaseMessage
from remedyhub.cases.services import (
    ConflictOfInterestError,
    ReasonRequired,
    case_assign,
    case_message_post,
)
from remedyhub.cases.tests.matrix_world import NAME, SECRET, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()[:2]


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
