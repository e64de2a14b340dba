import datetime as dt

import pytest
from django.urls import reverse

from remedyhub.accounts.models import Affiliation, User
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.cases.models import Case
from remedyhub.intake.models import Message
from remedyhub.intake.services import complaint_submit
from remedyhub.registry.tests.factories import (
    CompanyFactory,
    FacilityFactory,
    MembershipFactory,
    SupplyLinkFactory,
)
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import DEFAULT_STAGES

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    facility = FacilityFactory(country="BD")
    buyer = CompanyFactory(name="Example Buyer B.V.")
    SupplyLinkFactory(company=buyer, facility=facility, first_seen=dt.date(2024, 6, 30))
    membership = MembershipFactory(company=buyer, valid_from=dt.date(2022, 1, 1))
    committee = Mechanism.objects.create(
        name="Textile committee",
        slug="textile",
        kind="agreement_committee",
        agreement=membership.agreement,
    )
    RulesOfProcedure.objects.create(
        mechanism=committee, version=1, in_force_from=dt.date(2020, 1, 1), stages=DEFAULT_STAGES
    )
    submission = complaint_submit(
        data={
            "description": "Night shifts without overtime pay.",
            "country": "BD",
            "facility": facility,
        },
        seed="web:cases-pages",
        channel="web",
        language="en",
    )
    handler = User.objects.create_user("handler", password="x" * 20)
    Affiliation.objects.create(user=handler, role="handler", mechanism=committee)
    # She also works at the platform's secretariat, which routes complaints.
    secretariat = Mechanism.objects.create(
        name="Secretariat", slug="secretariat", kind="other", is_default=True
    )
    Affiliation.objects.create(user=handler, role="handler", mechanism=secretariat)
    return submission, committee, handler


def test_a_handler_routes_with_the_reason_and_the_reporter_reads_where_and_why(client, setting):
    submission, committee, handler = setting
    complaint = submission.complaint
    verified_login(client, handler)
    url = reverse("cases:route", args=[complaint.reference])
    page = client.get(url).content.decode()
    assert "Textile committee" in page
    assert "a member of Example Agreement" in page
    reason = "The site is on the supplier list of Example Buyer B.V."
    response = client.post(url, {"mechanism": committee.pk, "reason": reason})
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    update = complaint.messages.get(kind=Message.Kind.UPDATE)
    assert "Textile committee" in update.body and reason in update.body
    assert case.deadline is not None


def test_the_case_page_moves_the_case_and_the_follow_up_shows_it(client, setting):
    submission, committee, handler = setting
    verified_login(client, handler)
    client.post(
        reverse("cases:route", args=[submission.complaint.reference]),
        {"mechanism": committee.pk, "reason": "Member of the agreement."},
    )
    case = Case.objects.get()
    detail = reverse("cases:detail", args=[case.pk])
    assert client.post(detail, {"to_state": "acknowledged"}).status_code == 302
    refused = client.post(detail, {"to_state": "closed", "reason": "x"})
    assert refused.status_code == 400
    no_reason = client.post(detail, {"to_state": "withdrawn"})
    assert no_reason.status_code == 400 and 'id="id_reason_error"' in no_reason.content.decode()
    client.logout()
    client.post(reverse("intake:follow-up"), {"receipt": submission.receipt})
    page = client.get(reverse("intake:follow-up-case")).content.decode()
    assert "Acknowledged" in page
    assert "Textile committee has confirmed that it received your complaint." in page


@pytest.mark.parametrize("who", ["company", "other_handler"])
def test_others_cannot_route_or_move_cases(client, setting, who):
    submission, committee, handler = setting
    verified_login(client, handler)
    client.post(
        reverse("cases:route", args=[submission.complaint.reference]),
        {"mechanism": committee.pk, "reason": "Member of the agreement."},
    )
    case = Case.objects.get()
    user = User.objects.create_user(who, password="x" * 20)
    if who == "company":
        Affiliation.objects.create(user=user, role="company", company=CompanyFactory())
    else:
        other = Mechanism.objects.create(name="Other", slug="other", kind="ncp")
        Affiliation.objects.create(user=user, role="handler", mechanism=other)
    verified_login(client, user)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 403
    assert (
        client.post(
            reverse("cases:detail", args=[case.pk]), {"to_state": "acknowledged"}
        ).status_code
        == 403
    )
    if who == "company":
        assert (
            client.get(reverse("cases:route", args=[submission.complaint.reference])).status_code
            == 403
        )
    assert b"Night shifts" not in client.get(reverse("cases:list")).content


def test_the_case_list_filters_by_mechanism_state_and_overdue(client, setting):
    submission, committee, handler = setting
    verified_login(client, handler)
    client.post(
        reverse("cases:route", args=[submission.complaint.reference]),
        {"mechanism": committee.pk, "reason": "Member of the agreement."},
    )
    reference = submission.complaint.reference
    url = reverse("cases:list")
    assert reference in client.get(url, {"mechanism": committee.pk}).content.decode()
    other = Mechanism.objects.create(name="Other", slug="other", kind="ncp")
    assert reference not in client.get(url, {"mechanism": other.pk}).content.decode()
    assert reference in client.get(url, {"state": "received"}).content.decode()
    assert reference not in client.get(url, {"state": "dialogue"}).content.decode()
    assert reference not in client.get(url, {"overdue": "1"}).content.decode()
    Case.objects.update(deadline=dt.date(2020, 1, 1))
    assert reference in client.get(url, {"overdue": "1"}).content.decode()


def test_the_admin_shows_cases_without_letting_anyone_edit_them(client, setting):
    submission, committee, handler = setting
    verified_login(client, handler)
    client.post(
        reverse("cases:route", args=[submission.complaint.reference]),
        {"mechanism": committee.pk, "reason": "Member of the agreement."},
    )
    admin = User.objects.create_superuser("root", password="x" * 20)
    verified_login(client, admin)
    case = Case.objects.get()
    page = client.get(reverse("admin:cases_case_change", args=[case.pk]))
    assert page.status_code == 200
    client.post(reverse("admin:cases_case_change", args=[case.pk]), {"state": "closed"})
    case.refresh_from_db()
    assert case.state == "received"
    assert client.get(reverse("admin:cases_conflictofinterest_add")).status_code == 200
