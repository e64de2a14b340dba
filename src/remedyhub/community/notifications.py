"""E-mails about event registrations: queued in the transaction of the step that causes them
(registration, waiting list, a place come free, cancellation), sent and retried by the worker
(``common.outbox``). Each is written in the language of the page the person registered on.

A confirmed participant's e-mail carries the online link, as the event's page shows it to
registered people only; a waiting one's does not. A guest's cancellation link exists only
while its token is at hand (at registration): the token is never stored, so later e-mails point
to the first one."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from remedyhub.common.outbox import QueuedEmail, queued_emails_send
from remedyhub.community.models import Event, EventNotification, Registration
from remedyhub.community.selectors import waiting_position

logger = logging.getLogger(__name__)


def _address(registration: Registration) -> str:
    if registration.user_id:
        return str(registration.user.email or "")  # type: ignore[union-attr]
    return str(registration.email or "")


def _link(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path if base_url else ""


def _when(event: Event) -> str:
    zone = ZoneInfo(event.timezone)
    return _("When: %(start)s to %(end)s (time zone %(zone)s).") % {
        "start": formats.date_format(timezone.localtime(event.starts_at, zone), "DATETIME_FORMAT"),
        "end": formats.date_format(timezone.localtime(event.ends_at, zone), "DATETIME_FORMAT"),
        "zone": event.timezone,
    }


def _where(event: Event) -> list[str]:
    lines = []
    if event.location:
        lines.append(_("Where: %(location)s") % {"location": event.location})
    if event.online_url:
        lines.append(
            _("Online: %(url)s (keep this link to yourself: it is for participants only)")
            % {"url": event.online_url}
        )
    return lines


def _cancel_line(registration: Registration, *, token: str, base_url: str) -> str:
    event = registration.event
    if registration.user_id:
        page = _link(base_url, reverse("community:event", kwargs={"slug": event.slug}))
        if page:
            return _("To cancel, open the event's page while logged in: %(url)s") % {"url": page}
        return _("To cancel, open the event's page while logged in.")
    if token and base_url:
        url = _link(base_url, reverse("community:event-cancel-link", kwargs={"token": token}))
        return _("To cancel, open this link: %(url)s") % {"url": url}
    # The token is never stored: only the e-mail sent at registration could carry it.
    return _("To cancel, use the cancellation link you were given when you registered.")


def _queue(registration: Registration, *, subject: str, lines: list[str], token: str = "") -> None:
    email = _address(registration)
    if not email:
        return
    body = "\n\n".join(line for line in lines if line) + "\n"
    EventNotification.objects.create(
        registration=registration,
        email=email,
        subject=subject[:200],
        body=body,
        holds_token=bool(token) and token in body,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(_enqueue_send)


def _language(registration: Registration) -> str:
    return registration.language or settings.LANGUAGE_CODE


def queue_registered(registration: Registration, *, token: str = "", base_url: str = "") -> None:
    """At registration: confirmed, or on the waiting list with its position."""
    event = registration.event
    with override(_language(registration)):
        if registration.status == Registration.Status.WAITING:
            subject = _("Waiting list: %(title)s") % {"title": event.title}
            lines = [
                _(
                    "The event %(title)s is full. You are on the waiting list, number "
                    "%(position)s. We will write to you when a place comes free for you."
                )
                % {"title": event.title, "position": waiting_position(registration)},
                _when(event),
            ]
        else:
            subject = _("You are registered: %(title)s") % {"title": event.title}
            lines = [
                _("You are registered for %(title)s.") % {"title": event.title},
                _when(event),
                *_where(event),
            ]
        lines.append(_cancel_line(registration, token=token, base_url=base_url))
        _queue(registration, subject=subject, lines=lines, token=token)


def queue_promoted(registration: Registration, *, base_url: str = "") -> None:
    """A place came free and the first on the waiting list has it now."""
    event = registration.event
    with override(_language(registration)):
        _queue(
            registration,
            subject=_("You now have a place: %(title)s") % {"title": event.title},
            lines=[
                _(
                    "A place came free: you are no longer on the waiting list but registered "
                    "for %(title)s."
                )
                % {"title": event.title},
                _when(event),
                *_where(event),
                _(
                    "If you can no longer come, please cancel so that the next person gets "
                    "the place."
                ),
                _cancel_line(registration, token="", base_url=base_url),
            ],
        )


def queue_cancelled(registration: Registration) -> None:
    event = registration.event
    with override(_language(registration)):
        _queue(
            registration,
            subject=_("Registration cancelled: %(title)s") % {"title": event.title},
            lines=[
                _("Your registration for %(title)s is cancelled.") % {"title": event.title},
                _("If you did not ask for this, you can register again on the event's page."),
            ],
        )


def _enqueue_send() -> None:
    from remedyhub.community.tasks import send_event_mail

    try:
        send_event_mail.enqueue()
    except Exception:
        logger.warning("could not queue event e-mail", exc_info=True)


def event_mail_send(*, now: dt.datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Send the event e-mails that are due (retried, then given up: ``common.outbox``); then
    empty the ones done with that carried a guest's cancellation token, so it is not kept."""
    counts = queued_emails_send(EventNotification, now=now, limit=limit)
    EventNotification.objects.filter(holds_token=True).exclude(
        status=QueuedEmail.Status.PENDING
    ).update(body="", holds_token=False)
    return counts


def event_mail_next_attempt() -> dt.datetime | None:
    """When the earliest e-mail still waiting is due (a retry), if any."""
    pending = EventNotification.objects.filter(status=QueuedEmail.Status.PENDING)
    return pending.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
