"""Events: registration with capacity and waiting list, cancellation, materials after the
event, the iCalendar feed and the public API."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from remedyhub.accounts.models import User
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.community.models import Registration
from remedyhub.community.services import (
    RegistrationRefused,
    event_material_add,
    event_register,
    registration_cancel,
)

pytestmark = pytest.mark.django_db


def register(event, name):
    return event_register(event=event, name=name, email=f"{name}@example.org").registration


def test_past_capacity_goes_to_the_waiting_list_and_the_first_waiting_moves_up(make_event):
    event = make_event(capacity=2)
    first, second = register(event, "ann"), register(event, "bob")
    third, fourth = register(event, "cy"), register(event, "di")
    assert [r.status for r in (first, second, third, fourth)] == [
        "registered",
        "registered",
        "waiting",
        "waiting",
    ]
    promoted = registration_cancel(registration=second)
    assert promoted == third
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, fourth.status) == ("registered", "waiting")
    # Cancelling from the waiting list frees no place.
    assert registration_cancel(registration=fourth) is None


def test_capacity_is_never_exceeded(make_event):
    event = make_event(capacity=3, waiting_list=False)
    taken = 0
    for number in range(10):
        try:
            register(event, f"person{number}")
            taken += 1
        except RegistrationRefused:
            pass
    assert taken == 3
    assert event.registrations.filter(status="registered").count() == 3


def test_duplicates_are_refused_by_e_mail_whatever_its_case(make_event):
    event = make_event()
    event_register(event=event, name="Ann", email="ann@example.org")
    with pytest.raises(RegistrationRefused, match="already registered"):
        event_register(event=event, name="Ann B.", email=" ANN@example.org ")
    # The address is not stored in clear.
    stored = Registration.objects.values_list("email_digest", flat=True).get()
    assert "ann" not in stored


def test_the_form_keeps_what_was_typed_when_the_event_is_full(client, make_event):
    event = make_event(capacity=1, waiting_list=False)
    register(event, "first")
    url = reverse("community:event", args=[event.slug])
    response = client.post(url, {"name": "Zora Late", "email": "zora@example.org"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "This event is full and has no waiting list" in page
    assert 'value="Zora Late"' in page and 'value="zora@example.org"' in page
    assert event.registrations.count() == 1


def test_a_duplicate_on_the_page_gets_a_clear_message(client, make_event):
    event = make_event()
    url = reverse("community:event", args=[event.slug])
    data = {"name": "Ann", "email": "ann@example.org"}
    first = client.post(url, data)
    assert "Keep this link to cancel" in first.content.decode()
    again = client.post(url, data).content.decode()
    assert "You are already registered" in again and 'value="ann@example.org"' in again


def test_the_waiting_list_is_announced_with_the_position(client, make_event):
    event = make_event(capacity=1)
    register(event, "first")
    user = User.objects.create_user("member", password="x" * 20)
    verified_login(client, user)
    url = reverse("community:event", args=[event.slug])
    page = client.post(url, follow=True).content.decode()
    assert "You are on the waiting list, number 1" in page
    client.post(reverse("community:event-cancel", args=[event.slug]))
    assert event.registrations.get(user=user).status == "cancelled"


def test_the_cancellation_link_cancels_once(client, make_event):
    event = make_event(capacity=1)
    result = event_register(event=event, name="Ann", email="ann@example.org")
    waiting = register(event, "bob")
    url = reverse("community:event-cancel-link", args=[result.cancel_token])
    assert client.get(url).status_code == 200
    client.post(url)
    waiting.refresh_from_db()
    assert waiting.status == "registered"
    assert client.get(url).status_code == 404
    assert client.get(reverse("community:event-cancel-link", args=["forged"])).status_code == 404


def test_closed_or_past_events_take_no_registration(make_event):
    with pytest.raises(RegistrationRefused, match="closed"):
        register(make_event(registration_open=False), "ann")
    start = timezone.now() - dt.timedelta(days=2)
    past = make_event(slug="past", starts_at=start, ends_at=start + dt.timedelta(hours=1))
    with pytest.raises(RegistrationRefused, match="closed"):
        register(past, "ann")


def test_materials_are_shown_only_after_the_event(client, make_event):
    event = make_event()
    event_material_add(event=event, title="Slides of the webinar", url="https://example.org/s")
    pdf = event_material_add(event=event, title="Notes", name="notes.pdf", data=b"%PDF-1.4 x")
    url = reverse("community:event", args=[event.slug])
    file_url = reverse("community:event-material", args=[event.slug, pdf.storage_name])
    assert "Slides of the webinar" not in client.get(url).content.decode()
    assert client.get(file_url).status_code == 404
    event.starts_at -= dt.timedelta(days=30)
    event.ends_at -= dt.timedelta(days=30)
    event.save()
    assert "Slides of the webinar" in client.get(url).content.decode()
    download = client.get(file_url)
    assert download.status_code == 200 and download.content == b"%PDF-1.4 x"
    assert download["Content-Disposition"].startswith("attachment")


def test_the_calendar_feed_and_one_event(client, make_event):
    event = make_event()
    feed = client.get(reverse("community:event-feed"))
    assert feed["Content-Type"].startswith("text/calendar")
    assert reverse("community:event-feed") == "/en/events/feed.ics"
    calendar = Calendar.from_ical(feed.content)
    entries = calendar.walk("VEVENT")
    assert [str(entry["summary"]) for entry in entries] == ["Remedy in practice"]
    assert entries[0].decoded("dtstart") == event.starts_at.replace(microsecond=0)
    assert b"meet.example.org" not in feed.content
    one = client.get(reverse("community:event-ics", args=[event.slug]))
    assert b"BEGIN:VEVENT" in one.content and b"remedy-in-practice" in one.content


def test_the_api_lists_published_events_without_the_online_link(client, make_event):
    event = make_event()
    make_event(slug="hidden", title="Hidden", published=False)
    register(event, "ann")
    listing = client.get("/api/v1/events/").json()
    assert [item["title"] for item in listing["results"]] == ["Remedy in practice"]
    detail = client.get(f"/api/v1/events/{event.pk}/").json()
    assert detail["places_left"] == 1 and detail["online"] is True
    assert "meet.example.org" not in str(detail)
    assert detail["calendar"].endswith(f"/en/events/{event.slug}.ics")
