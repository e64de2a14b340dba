import pytest
from django.urls import reverse

from remedyhub.accounts.models import Affiliation, User
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.intake.models import Complaint, Message
from remedyhub.intake.services import complaint_submit
from remedyhub.registry.tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

ENTRY = {
    "channel": "phone",
    "language": "bn",
    "description": "Caller says the dormitory gates are locked at night.",
    "issues": ["forced_labour"],
    "country": "BD",
    "site_name": "Example Knit",
    "reporter_type": "affected_person",
    "on_behalf_of_others": "no",
    "anonymous": "yes",
}


@pytest.fixture
def staff(client):
    user = User.objects.create_user("secretariat", password="x" * 20, is_staff=True)
    verified_login(client, user)
    return user


def test_staff_enter_a_phone_call_once_and_read_out_the_code(client, staff):
    url = reverse("intake:staff-entry")
    token = client.get(url).context["form"]["submission"].value()
    response = client.post(url, {**ENTRY, "submission": token})
    assert response.status_code == 200
    assert response.context["receipt"]
    client.post(url, {**ENTRY, "submission": token})  # a double click
    complaint = Complaint.objects.get()
    assert complaint.channel == "phone" and complaint.language == "bn"
    assert complaint.entered_by == staff


def test_staff_entry_shows_errors_and_keeps_the_rest(client, staff):
    response = client.post(
        reverse("intake:staff-entry"), {**ENTRY, "country": "", "submission": "abc"}
    )
    assert response.status_code == 400
    assert 'id="id_country_error"' in response.content.decode()
    assert "dormitory gates" in response.content.decode()
    assert not Complaint.objects.exists()


def test_the_inbox_lists_complaints_and_a_handler_answers_the_reporter(client, staff):
    complaint = complaint_submit(
        data={"description": "A web complaint about pollution.", "country": "IN"},
        seed="web:inbox",
        channel="web",
        language="en",
    ).complaint
    inbox = client.get(reverse("intake:inbox"))
    assert complaint.reference in inbox.content.decode()
    detail = reverse("intake:staff-complaint", args=[complaint.reference])
    assert "pollution" in client.get(detail).content.decode()
    client.post(detail, {"body": "Can you tell us the name of the river?"})
    message = complaint.messages.get(sender=Message.Sender.MECHANISM, author=staff)
    assert message.body == "Can you tell us the name of the river?"


@pytest.mark.parametrize("kind", ["anonymous", "company"])
def test_others_cannot_read_complaints(client, kind):
    complaint = complaint_submit(
        data={"description": "Something confidential happened.", "country": "IN"},
        seed="web:private",
        channel="web",
        language="en",
    ).complaint
    if kind == "company":
        user = User.objects.create_user("buyer", password="x" * 20)
        Affiliation.objects.create(user=user, role="company", company=CompanyFactory())
        verified_login(client, user)
    for url in (
        reverse("intake:inbox"),
        reverse("intake:staff-entry"),
        reverse("intake:staff-complaint", args=[complaint.reference]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"confidential" not in response.content


def test_a_handler_of_another_mechanism_reads_only_the_complaints_routed_to_hers(client):
    from remedyhub.cases.services import case_route
    from remedyhub.routing.models import Mechanism, RulesOfProcedure
    from remedyhub.routing.rules import DEFAULT_STAGES

    secretariat = Mechanism.objects.create(
        name="Secretariat", slug="secretariat", kind="other", is_default=True
    )
    channel = Mechanism.objects.create(name="Own channel", slug="channel", kind="ncp")
    for mechanism in (secretariat, channel):
        RulesOfProcedure.objects.create(
            mechanism=mechanism, version=1, in_force_from="2020-01-01", stages=DEFAULT_STAGES
        )
    desk = User.objects.create_user("desk", password="x" * 20)
    Affiliation.objects.create(user=desk, role="handler", mechanism=secretariat)
    outsider = User.objects.create_user("outsider", password="x" * 20)
    Affiliation.objects.create(user=outsider, role="handler", mechanism=channel)

    def file(seed, text):
        return complaint_submit(
            data={"description": text, "country": "IN"}, seed=seed, channel="web", language="en"
        ).complaint

    unrouted = file("web:unrouted", "Not yet routed: confidential.")
    elsewhere = file("web:elsewhere", "Routed to the secretariat: confidential.")
    hers = file("web:hers", "Routed to her channel.")
    case_route(complaint=elsewhere, mechanism=secretariat, reason="Test.", actor=desk)
    case_route(complaint=hers, mechanism=channel, reason="Test.", actor=outsider)

    verified_login(client, outsider)
    inbox = client.get(reverse("intake:inbox")).content.decode()
    assert hers.reference in inbox
    assert unrouted.reference not in inbox and elsewhere.reference not in inbox
    assert client.get(reverse("intake:staff-complaint", args=[hers.reference])).status_code == 200
    for complaint in (unrouted, elsewhere):
        response = client.get(reverse("intake:staff-complaint", args=[complaint.reference]))
        assert response.status_code == 403 and b"confidential" not in response.content
    assert client.get(reverse("intake:staff-entry")).status_code == 403
    assert client.get(reverse("cases:route", args=[unrouted.reference])).status_code == 403

    # The secretariat's own handlers read everything, before and after routing.
    verified_login(client, desk)
    inbox = client.get(reverse("intake:inbox")).content.decode()
    assert all(c.reference in inbox for c in (unrouted, elsewhere, hers))
