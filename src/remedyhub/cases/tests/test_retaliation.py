import pytest
from django.core import mail
from django.urls import reverse

from remedyhub.accounts.models import Affiliation, User
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.cases.models import Case, Notification
from remedyhub.cases.services import case_route
from remedyhub.intake.models import Message
from remedyhub.intake.services import complaint_submit
from remedyhub.registry.tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def test_a_retaliation_report_makes_the_case_urgent_and_tells_the_handlers_at_once(
    client, mechanism, handler, django_capture_on_commit_callbacks
):
    handler.email = "handler@example.org"
    handler.save()
    company = CompanyFactory()
    buyer = User.objects.create_user("buyer", email="buyer@example.org", password="x" * 20)
    Affiliation.objects.create(user=buyer, role="company", company=company)
    submission = complaint_submit(
        data={"description": "Forced overtime in the dye house.", "country": "BD"},
        seed="web:retaliation",
        channel="web",
        language="en",
    )
    case = case_route(
        complaint=submission.complaint,
        mechanism=mechanism,
        reason="Test.",
        actor=handler,
        company_ids=(company.pk,),
    )
    assert Notification.objects.filter(recipient_kind="company").exists()
    client.post(reverse("intake:follow-up"), {"receipt": submission.receipt})
    page = client.get(reverse("intake:follow-up-case")).content.decode()
    assert "threatened or punished" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cases:retaliation"), {"body": "My supervisor said I will be fired."})
    case.refresh_from_db()
    assert case.urgent_since is not None
    assert submission.complaint.messages.filter(kind=Message.Kind.RETALIATION).count() == 1
    urgent = [m for m in mail.outbox if m.subject.startswith("URGENT")]
    assert [m.to for m in urgent] == [["handler@example.org"]]
    assert "fired" not in urgent[0].body  # the e-mail never carries the report itself
    verified_login(client, handler)
    listing = client.get(reverse("cases:list")).content.decode()
    assert "urgent" in listing


def test_only_the_followed_complaint_can_be_reported_on(client):
    assert client.post(reverse("cases:retaliation"), {"body": "x"}).status_code == 404
    assert not Case.objects.exists()


def test_withdrawing_on_the_follow_up_page_ends_the_open_case(client, mechanism, handler):
    submission = complaint_submit(
        data={"description": "Unpaid maternity leave at the plant.", "country": "BD"},
        seed="web:withdraw",
        channel="web",
        language="en",
    )
    case = case_route(
        complaint=submission.complaint, mechanism=mechanism, reason="Test.", actor=handler
    )
    client.post(reverse("intake:follow-up"), {"receipt": submission.receipt})
    page = client.get(reverse("intake:follow-up-case")).content.decode()
    assert reverse("cases:withdraw") in page
    client.post(reverse("cases:withdraw"), {"reason": "Settled with the manager."})
    case.refresh_from_db()
    assert case.state == "received"  # not confirmed: nothing happens
    client.post(reverse("cases:withdraw"), {"confirm": "on", "reason": "Settled."})
    case.refresh_from_db()
    submission.complaint.refresh_from_db()
    assert case.state == "withdrawn" and submission.complaint.status == "withdrawn"
    assert case.events.last().reason == "Settled."
