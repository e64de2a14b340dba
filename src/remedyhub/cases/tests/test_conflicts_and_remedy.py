"""Conflicts of interest declared by the people themselves, assignment, remedy items, the
follow-up check, referral through the API, and the company portal (issue 5, items 5 to 8)."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.accounts.tokens import api_token_create
from remedyhub.cases.models import CaseEvent, ConflictOfInterest, ReferralProposal
from remedyhub.cases.services import (
    RemedyPlanItem,
    admissibility_decide,
    case_message_post,
    case_transition,
    outcome_decide,
    remedy_plan_start,
)
from remedyhub.cases.tests.matrix_world import NAME, build_world
from remedyhub.common.audit import verify_chain
from remedyhub.intake.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def api(user):
    _token, key = api_token_create(user=user, organisation="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def page(user):
    client = Client()
    verified_login(client, user)
    return client


def to_monitoring(case, users):
    handler = users["handler"]
    for state in ("acknowledged", "admissibility"):
        case_transition(case, state, actor=handler)
    admissibility_decide(case, actor=handler, admissible=True, criteria={}, reasons="In scope.")
    case_transition(case, "company_response", actor=handler)
    case_message_post(case, actor=users["company_a"], body="No dialogue.", visibility="all")
    case_transition(case, "adjudication", actor=handler)
    outcome_decide(case, actor=handler, finding="founded", reasoning="Founded.", binding=False)
    return remedy_plan_start(
        case,
        actor=handler,
        items=[RemedyPlanItem("Reinstate the workers", "Buyer A", dt.date(2030, 1, 1))],
    )


def test_a_member_declares_a_conflict_on_the_page_and_can_then_not_be_assigned(world):
    case, users, _extras = world
    member = users["member"]
    declared = page(member).post(
        reverse("cases:conflicts"), {"case": case.pk, "description": "I know the manager."}
    )
    assert declared.status_code == 302
    assert ConflictOfInterest.objects.filter(user=member, case=case).exists()
    refused = page(users["handler"]).post(
        reverse("cases:detail", args=[case.pk]),
        {"action": "assign", "user": member.pk, "role": "committee_member"},
    )
    assert refused.status_code == 400
    assert "declared a conflict of interest" in refused.content.decode()
    assert not case.assignments.filter(user=member).exists()
    # Neither a company nor a case, or both: refused with a message.
    both = page(member).post(reverse("cases:conflicts"), {"description": "x"})
    assert both.status_code == 400 and "either a company or a case" in both.content.decode()


def test_a_conflict_declared_through_the_api_blocks_assignment_through_the_api(world):
    case, users, _extras = world
    member = api(users["member"])
    declared = member.post(
        "/api/v1/conflicts/", {"company": "buyer-a", "description": "Former employee."}
    )
    assert declared.status_code == 201 and declared.json()["company"] == "buyer-a"
    assert member.get("/api/v1/conflicts/").json()[0]["description"] == "Former employee."
    reference = case.complaint.reference
    refused = api(users["handler"]).post(
        f"/api/v1/cases/{reference}/assignments/",
        {"username": "member", "role": "committee_member"},
        format="json",
    )
    assert refused.status_code == 409 and "Buyer A" in refused.json()["detail"]
    outsider = api(users["handler"]).post(
        f"/api/v1/cases/{reference}/assignments/",
        {"username": "other_handler", "role": "handler"},
        format="json",
    )
    assert outsider.status_code == 400  # not a person of this mechanism
    assert api(users["company_a"]).post("/api/v1/conflicts/", {}).status_code == 403


def test_declaring_a_conflict_takes_an_assigned_person_off_the_case_in_the_history(world):
    case, users, _extras = world
    mediator = users["mediator"]
    assert page(mediator).get(reverse("cases:detail", args=[case.pk])).status_code == 200
    page(mediator).post(
        reverse("cases:conflicts"), {"company": case.companies.get().pk, "description": "Shares."}
    )
    assert not case.assignments.filter(user=mediator).exists()
    assert page(mediator).get(reverse("cases:detail", args=[case.pk])).status_code == 403
    recusal = CaseEvent.objects.get(case=case, kind="recusal")
    assert recusal.actor == mediator and recusal.from_state == recusal.to_state == case.state
    case.refresh_from_db()
    entries = [(e.sequence, e.previous_hash, e.hash, e.content()) for e in case.events.all()]
    assert verify_chain(entries, head=case.head_hash) == []


def test_remedy_items_and_the_follow_up_check_through_the_page(world):
    case, users, _extras = world
    to_monitoring(case, users)
    handler = page(users["handler"])
    url = reverse("cases:detail", args=[case.pk])
    item = case.remedy_items.get()
    no_evidence = handler.post(url, {"action": "item", "item": item.pk, "status": "done"})
    assert no_evidence.status_code == 400
    item.refresh_from_db()
    assert item.status == "planned"
    done = handler.post(
        url,
        {"action": "item", "item": item.pk, "status": "done", "evidence": "Signed letters."},
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and item.completed_on == dt.date.today()
    added = handler.post(url, {"action": "remedy", "items": "Back pay | Buyer A | 2030-03-01"})
    assert added.status_code == 302 and case.remedy_items.count() == 2
    checked = handler.post(
        url,
        {"action": "check", "findings": "All twelve are back at work.", "next_check_on": ""},
    )
    assert checked.status_code == 302
    case.refresh_from_db()
    assert case.follow_up_check_on is None
    assert case.events.filter(kind="follow_up_check").exists()
    update = case.complaint.messages.filter(kind=Message.Kind.UPDATE).latest("created_at", "pk")
    assert "All twelve are back at work." in update.body
    # The company sees the plan on its page, and the complainant's name still not.
    company_page = page(users["company_a"]).get(url).content.decode()
    assert "Reinstate the workers" in company_page and NAME not in company_page


def test_remedy_items_and_follow_up_checks_through_the_api(world):
    case, users, _extras = world
    reference = case.complaint.reference
    handler = api(users["handler"])
    early = handler.post(
        f"/api/v1/cases/{reference}/follow-up-checks/", {"findings": "x"}, format="json"
    )
    assert early.status_code == 409
    early_plan = handler.post(
        f"/api/v1/cases/{reference}/remedy-items/",
        {"items": [{"description": "Pay", "owner": "Buyer A", "due_on": "2030-01-01"}]},
        format="json",
    )
    assert early_plan.status_code == 409
    to_monitoring(case, users)
    items = handler.get(f"/api/v1/cases/{reference}/remedy-items/").json()
    assert [item["status"] for item in items] == ["planned"]
    url = f"/api/v1/cases/{reference}/remedy-items/{items[0]['id']}/"
    assert handler.patch(url, {"status": "done"}, format="json").status_code == 400
    assert (
        handler.patch(url, {"status": "done", "evidence": "Letters."}, format="json").json()[
            "status"
        ]
        == "done"
    )
    waiver = handler.post(
        f"/api/v1/cases/{reference}/remedy-items/",
        {
            "items": [
                {
                    "description": "The complainant waives all claims before the courts",
                    "owner": "Buyer A",
                    "due_on": "2030-01-01",
                }
            ]
        },
        format="json",
    )
    assert waiver.status_code == 400
    checked = handler.post(
        f"/api/v1/cases/{reference}/follow-up-checks/",
        {"findings": "Half reinstated.", "next_check_on": "2031-01-01"},
        format="json",
    )
    assert checked.status_code == 201
    case.refresh_from_db()
    assert case.follow_up_check_on == dt.date(2031, 1, 1)
    company = api(users["company_a"])
    assert company.get(f"/api/v1/cases/{reference}/remedy-items/").status_code == 200
    assert company.patch(url, {"status": "planned"}, format="json").status_code == 404


def test_referral_through_the_api_with_the_complainants_consent_by_receipt(world):
    case, users, extras = world
    reference = case.complaint.reference
    handler = api(users["handler"])
    proposed = handler.post(
        f"/api/v1/cases/{reference}/referrals/",
        {"to_mechanism": "other", "reason": "The NCP can mediate."},
        format="json",
    )
    assert proposed.status_code == 201
    again = handler.post(
        f"/api/v1/cases/{reference}/referrals/",
        {"to_mechanism": "other", "reason": "Again."},
        format="json",
    )
    assert again.status_code == 409
    complainant = APIClient()
    complainant.credentials(HTTP_X_RECEIPT=extras["receipts"]["complainant"])
    pending = complainant.get("/api/v1/follow-up/").json()["referrals"]
    assert [each["id"] for each in pending] == [proposed.json()["id"]]
    stranger = APIClient()
    stranger.credentials(HTTP_X_RECEIPT=extras["receipts"]["complainant_other"])
    url = f"/api/v1/follow-up/referrals/{proposed.json()['id']}/"
    assert stranger.post(url, {"answer": "accept"}, format="json").status_code == 404
    accepted = complainant.post(url, {"answer": "accept"}, format="json")
    assert accepted.status_code == 200 and accepted.json()["referrals"] == []
    case.refresh_from_db()
    assert case.state == "referred"
    assert case.referrals.get().mechanism.slug == "other"
    assert complainant.post(url, {"answer": "decline"}, format="json").status_code == 409
    assert ReferralProposal.objects.get().status == "accepted"


def test_withdrawing_and_reporting_retaliation_through_the_api_act_on_the_case(world):
    case, _users, extras = world
    complainant = APIClient()
    complainant.credentials(HTTP_X_RECEIPT=extras["receipts"]["complainant"])
    reported = complainant.post(
        "/api/v1/follow-up/messages/",
        {"kind": "retaliation", "body": "The supervisor threatened me."},
        format="json",
    )
    assert reported.status_code == 201
    case.refresh_from_db()
    assert case.urgent_since is not None
    withdrawn = complainant.post(
        "/api/v1/follow-up/messages/",
        {"kind": "withdrawal", "body": "I found another job."},
        format="json",
    )
    assert withdrawn.status_code == 201
    case.refresh_from_db()
    assert case.state == "withdrawn"


def test_the_company_portal_lists_only_its_cases_and_asks_for_its_response(world):
    case, users, _extras = world
    handler = users["handler"]
    for state in ("acknowledged", "admissibility"):
        case_transition(case, state, actor=handler)
    admissibility_decide(case, actor=handler, admissible=True, criteria={}, reasons="In scope.")
    case_transition(case, "company_response", actor=handler)
    company = page(users["company_a"])
    portal = company.get(reverse("cases:company")).content.decode()
    assert case.complaint.reference in portal
    assert "Your response, by" in portal and NAME not in portal
    assert company.get(reverse("cases:list"))["Location"] == reverse("cases:company")
    detail = company.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "asks for your company" in detail and "response by" in detail
    company.post(
        reverse("cases:detail", args=[case.pk]),
        {"action": "message", "body": "We will meet the workers.", "visibility": "all"},
    )
    assert "Your response, by" not in company.get(reverse("cases:company")).content.decode()
    other = page(users["company_b"]).get(reverse("cases:company")).content.decode()
    assert case.complaint.reference not in other
    assert page(users["handler"]).get(reverse("cases:company")).status_code == 403
    case.complaint.consent_identity_to_company = True
    case.complaint.save()
    assert NAME in company.get(reverse("cases:company")).content.decode()


def test_the_api_lists_each_case_with_what_the_callers_side_may_see(world):
    case, users, extras = world
    listed = api(users["company_a"]).get("/api/v1/cases/").json()
    assert {each["reference"] for each in listed} == {
        case.complaint.reference,
        extras["rep_case"].complaint.reference,
    }
    assert all(each["complainant"]["identified"] is False for each in listed)
    assert all(each["allowed_transitions"] == [] for each in listed)
    assert api(users["company_b"]).get("/api/v1/cases/").json() == []
    mine = api(users["handler"]).get("/api/v1/cases/?state=received&mechanism=committee").json()
    assert {each["reference"] for each in mine} >= {case.complaint.reference}
