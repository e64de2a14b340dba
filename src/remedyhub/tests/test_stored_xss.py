"""Stored XSS: a script in any free-text field comes back escaped on every page that shows it.

Every field a reporter, a company, a supplier list or a handler can fill gets a payload carrying
its own marker. Each page is read by the role that sees the most of it; the raw payload of any
field must not appear, and the page must show at least one payload escaped, so that a page that
silently stopped showing the fields cannot pass.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from remedyhub.accounts.models import Affiliation, User
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.cases.models import ReferralProposal
from remedyhub.cases.services import (
    admissibility_decide,
    case_message_post,
    case_route,
    case_transition,
)
from remedyhub.intake.services import complaint_submit, reporter_message
from remedyhub.intake.tests.helpers import GOOD_ANSWERS, fill_all, step_url
from remedyhub.registry.tests.factories import CompanyFactory, FacilityFactory, SupplyLinkFactory
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import DEFAULT_STAGES

pytestmark = pytest.mark.django_db

FIELDS = [
    "description",
    "site_name",
    "site_address",
    "reporter_name",
    "organisation",
    "represented_people",
    "contact_other",
    "reporter_message",
    "case_message",
    "company_message",
    "reason",
    "admissibility",
    "referral",
    "facility",
    "company",
    "mechanism",
]


def payload(field: str) -> str:
    return f"<script>alert('xss-{field}')</script><img src=x onerror=\"xss-{field}\">"


def login(client: Client, user: User) -> Client:
    verified_login(client, user)
    return client


@pytest.fixture
def world():
    company = CompanyFactory(name=payload("company"))
    facility = FacilityFactory(country="BD", name=payload("facility"))
    SupplyLinkFactory(company=company, facility=facility, first_seen=dt.date(2024, 1, 1))
    mechanism = Mechanism.objects.create(
        name=payload("mechanism"), slug="committee", kind="other", description=payload("mechanism")
    )
    other = Mechanism.objects.create(name="Other", slug="other", kind="ncp")
    RulesOfProcedure.objects.create(
        mechanism=mechanism, version=1, in_force_from=dt.date(2020, 1, 1), stages=DEFAULT_STAGES
    )
    handler = User.objects.create_user("handler", password="x" * 20)
    Affiliation.objects.create(user=handler, role="handler", mechanism=mechanism)
    # She also works at the secretariat, which reads complaints before routing.
    secretariat = Mechanism.objects.create(
        name="Secretariat", slug="secretariat", kind="other", is_default=True
    )
    Affiliation.objects.create(user=handler, role="handler", mechanism=secretariat)
    buyer = User.objects.create_user("buyer", password="x" * 20)
    Affiliation.objects.create(user=buyer, role="company", company=company)
    submission = complaint_submit(
        data={
            "description": payload("description"),
            "country": "BD",
            "facility": facility,
            "site_name": payload("site_name"),
            "site_address": payload("site_address"),
            "anonymous": False,
            "reporter_name": payload("reporter_name"),
            "organisation": payload("organisation"),
            "on_behalf_of_others": True,
            "represented_people": payload("represented_people"),
            "contact_other": payload("contact_other"),
            "consent_identity_to_company": True,
        },
        seed="web:xss",
        channel="web",
        language="en",
    )
    complaint = submission.complaint
    reporter_message(complaint, body=payload("reporter_message"))
    case = case_route(
        complaint=complaint,
        mechanism=mechanism,
        reason=payload("reason"),
        actor=handler,
        company_ids=(company.pk,),
    )
    case_transition(case, "acknowledged", actor=handler, reason=payload("reason"))
    case_transition(case, "admissibility", actor=handler)
    admissibility_decide(
        case,
        actor=handler,
        admissible=False,
        criteria={},
        reasons=payload("admissibility"),
    )
    case_message_post(case, actor=handler, body=payload("case_message"), visibility="all")
    case_message_post(case, actor=buyer, body=payload("company_message"), visibility="all")
    ReferralProposal.objects.create(
        case=case, to_mechanism=other, reason=payload("referral"), proposed_by=handler
    )
    return {
        "case": case,
        "complaint": complaint,
        "receipt": submission.receipt,
        "facility": facility,
        "mechanism": mechanism,
        "handler": handler,
        "buyer": buyer,
    }


def assert_escaped(html: str, page: str = "", *, shows_fields: bool = True) -> list[str]:
    """No raw payload of any field; returns the fields shown escaped."""
    raw = [
        field for field in FIELDS if payload(field) in html or f"'xss-{field}')</script>" in html
    ]
    assert raw == [], f"{page}: unescaped {raw}"
    shown = [field for field in FIELDS if escape(payload(field)) in html]
    assert shown or not shows_fields, (
        f"{page} shows none of the fields: the check would prove nothing"
    )
    return shown


def test_staff_pages_escape_every_field(client, world):
    login(client, world["handler"])
    complaint, case = world["complaint"], world["case"]
    pages = {
        "case": reverse("cases:detail", args=[case.pk]),
        "case list": reverse("cases:list"),
        "route": reverse("cases:route", args=[complaint.reference]),
        "inbox": reverse("intake:inbox"),
        "complaint": reverse("intake:staff-complaint", args=[complaint.reference]),
    }
    shown: set[str] = set()
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        lists = name in {"case list", "inbox"}  # lists show references, not free text
        shown |= set(assert_escaped(response.content.decode(), name, shows_fields=not lists))
    # Between them, the staff pages show every field a case holds.
    expected = set(FIELDS) - {"referral"}
    assert expected <= shown, expected - shown


def test_the_company_portal_escapes_what_it_shows(client, world):
    login(client, world["buyer"])
    response = client.get(reverse("cases:detail", args=[world["case"].pk]))
    assert response.status_code == 200
    shown = assert_escaped(response.content.decode())
    assert {"description", "company_message", "case_message"} <= set(shown)


def test_the_reporter_pages_escape_what_she_and_the_mechanism_wrote(client, world):
    client.post(reverse("intake:follow-up"), {"receipt": world["receipt"]})
    response = client.get(reverse("intake:follow-up-case"))
    shown = assert_escaped(response.content.decode())
    assert {"reporter_message", "admissibility"} <= set(shown)


def test_the_summary_before_sending_escapes_her_answers(client):
    answers = {
        **GOOD_ANSWERS,
        "what": {**GOOD_ANSWERS["what"], "description": payload("description")},
        "where": {"country": "BD", "site_name": payload("site_name"), "site_address": "x"},
    }
    fill_all(client, answers)
    shown = assert_escaped(client.get(step_url("check")).content.decode())
    assert {"description", "site_name"} <= set(shown)


def test_public_registry_and_mechanism_pages_escape_names(client, world):
    facility, mechanism = world["facility"], world["mechanism"]
    pages = [
        reverse("registry:facility", args=[facility.public_id]),
        reverse("registry:search") + "?q=alert+xss&country=BD",
        reverse("routing:detail", args=[mechanism.slug]),
        reverse("routing:list"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content.decode(), url)
