"""E-mails about event registrations: queued with the step, in the registrant's language, sent
after the commit (and never when the step is undone), retried when the mail server fails."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.translation import gettext

from remedyhub.accounts.models import User
from remedyhub.common.rotation import encrypted_columns
from remedyhub.community.models import EventNotification, Registration
from remedyhub.community.services import (
    RegistrationRefused,
    event_register,
    registration_cancel,
    token_digest,
)

pytestmark = pytest.mark.django_db

SITE = "https://hub.example.org/"


def test_registration_is_confirmed_in_the_registrants_language(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event(timezone="Asia/Dhaka", location="Gulshan community hall")
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        event_register(event=event, name="Ann", email="ann@example.org", base_url=SITE)
    assert Registration.objects.get().language == "nl"
    [message] = mail.outbox
    assert message.to == ["ann@example.org"]
    # Written under the registration's language (no Dutch catalogue entry yet: the lead
    # translates), with the event's own time zone, its place and, being registered, the link.
    assert "Remedy in practice" in message.subject
    assert "Asia/Dhaka" in message.body and "Gulshan community hall" in message.body
    assert "https://meet.example.org/remedy" in message.body
    # A guest's e-mail carries the cancellation link of her token, under her language's path.
    assert "https://hub.example.org/nl/" in message.body


def test_dates_are_written_the_way_of_the_registrants_language(make_event):
    starts = dt.datetime(2036, 2, 10, 9, 0, tzinfo=dt.UTC)
    event = make_event(starts_at=starts, ends_at=starts + dt.timedelta(hours=2), timezone="UTC")
    registration = event_register(
        event=event, name="Ann", email="ann@example.org", language="fr"
    ).registration
    body = EventNotification.objects.get(registration=registration).body
    assert "10 février 2036" in body and "February" not in body


def test_the_waiting_list_mail_gives_the_position_and_no_online_link(make_event):
    event = make_event(capacity=1)
    event_register(event=event, name="Ann", email="ann@example.org")
    event_register(event=event, name="Bob", email="bob@example.org")
    waiting = event_register(event=event, name="Cy", email="cy@example.org").registration
    assert waiting.status == "waiting"
    notification = EventNotification.objects.get(registration=waiting)
    assert notification.subject.startswith("Waiting list")
    assert "waiting list, number 2" in notification.body
    assert "meet.example.org" not in notification.body


def test_cancelling_promotes_the_first_waiting_and_tells_her(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    member = User.objects.create_user("member", password="x" * 20, email="member@example.org")
    mine = event_register(event=event, user=member, language="en").registration
    waiting = event_register(
        event=event, name="Bea", email="bea@example.org", language="fr"
    ).registration
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = registration_cancel(registration=mine, base_url=SITE)
    assert promoted == waiting
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"member@example.org", "bea@example.org"}
    assert by_address["member@example.org"].subject.startswith("Registration cancelled")
    place = by_address["bea@example.org"]  # she registered in French, and is written to so
    with translation.override("fr"):
        subject = gettext("You now have a place: %(title)s") % {"title": event.title}
        given_link = gettext(
            "To cancel, use the cancellation link you were given when you registered."
        )
    assert place.subject == subject and subject.startswith("Vous avez")
    assert "https://meet.example.org/remedy" in place.body
    # Her token is not stored: the e-mail points to the link she got at registration.
    assert given_link in place.body
    assert "/cancel/" not in place.body and "/annuler/" not in place.body
    assert EventNotification.objects.filter(status="sent").count() == 4


def test_a_member_is_told_to_cancel_on_the_event_page(make_event):
    event = make_event()
    member = User.objects.create_user("member", password="x" * 20, email="member@example.org")
    registration = event_register(event=event, user=member, base_url=SITE).registration
    body = EventNotification.objects.get(registration=registration).body
    assert "logged in: https://hub.example.org/en/" in body
    assert "/cancel/" not in body


def test_a_guests_mail_carries_her_cancellation_link_which_is_not_kept(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event()
    result = event_register(event=event, name="Ann", email="ann@example.org", base_url=SITE)
    body = EventNotification.objects.get().body
    assert result.cancel_token and result.cancel_token in body
    # The address and the text are encrypted at rest, and key rotation finds both columns.
    raw = EventNotification.objects.annotate(
        raw_email=Cast("email", TextField()), raw_body=Cast("body", TextField())
    ).values_list("raw_email", "raw_body")
    assert all(
        "ann@example.org" not in value and result.cancel_token not in value for value in raw.get()
    )
    columns = {field.name for model, field in encrypted_columns() if model is EventNotification}
    assert columns == {"email", "body"}
    # Once sent, the token is gone from the database; the link still works.
    with django_capture_on_commit_callbacks(execute=True):
        event_register(event=event, name="Bob", email="bob@example.org", base_url=SITE)
    assert [message.to for message in mail.outbox] == [["ann@example.org"], ["bob@example.org"]]
    assert result.cancel_token in mail.outbox[0].body
    assert set(EventNotification.objects.values_list("body", "holds_token")) == {("", False)}
    assert Registration.objects.filter(cancel_digest=token_digest(result.cancel_token)).exists()


def test_nothing_is_queued_or_sent_when_the_step_is_undone(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        event_register(event=event, name="Ann", email="ann@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RegistrationRefused):
            event_register(event=event, name="Ann", email="ANN@example.org")
        with pytest.raises(RuntimeError), transaction.atomic():
            event_register(event=event, name="Bob", email="bob@example.org")
            raise RuntimeError("the surrounding step fails")
    assert callbacks == []
    assert mail.outbox == []
    assert EventNotification.objects.count() == 1
    assert Registration.objects.count() == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError


def test_a_failing_mail_server_only_delays_the_email(
    make_event, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "remedyhub.community.tests.test_event_mail.BrokenBackend"
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        result = event_register(event=event, name="Ann", email="ann@example.org")
    assert result.registration.status == "registered"
    notification = EventNotification.objects.get()
    assert notification.status == "pending" and notification.attempts == 1
    assert notification.last_error == "ConnectionRefusedError"


def test_the_send_task_books_itself_again_while_an_email_waits_for_a_retry(make_event, settings):
    """Community has no periodic pass: the task itself brings the retry back."""
    from django_tasks import task_backends

    from remedyhub.community.tasks import send_event_mail

    event_register(event=make_event(), name="Ann", email="ann@example.org")
    settings.EMAIL_BACKEND = "remedyhub.community.tests.test_event_mail.BrokenBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    assert send_event_mail.call() == {"sent": 0, "retry": 1, "failed": 0}
    [booked] = task_backends["default"].results  # type: ignore[attr-defined]
    notification = EventNotification.objects.get()
    assert booked.task.run_after == notification.next_attempt_at
