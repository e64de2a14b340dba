"""Events as iCalendar (RFC 5545), for calendar applications."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from remedyhub.community.models import Event


def calendar(events: Iterable[Event], *, base_url: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Remedy Hub//Events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Remedy Hub")
    stamp = timezone.now()
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}@remedyhub")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.starts_at)
        entry.add("dtend", event.ends_at)
        entry.add("summary", event.title)
        entry.add("description", event.description)
        page = base_url.rstrip("/") + reverse("community:event", args=[event.slug])
        entry.add("url", page)
        # The online link is for registered participants: the public feed names no link.
        location = event.location or (gettext("Online") if event.online_url else "")
        if location:
            entry.add("location", location)
        entry.add("categories", [event.kind])
        cal.add_component(entry)
    return cal.to_ical()
