"""E-mails about cases: queued with the step that causes them, sent and retried by the worker.

An e-mail never carries the content of a complaint: it says that there is news and where to
read it (the follow-up page with the receipt code, or the handler's case page).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from remedyhub.accounts.models import Affiliation
from remedyhub.cases.models import Case, Notification
from remedyhub.common.outbox import queued_emails_send

logger = logging.getLogger(__name__)


def _queue(case: Case, *, kind: str, email: str, language: str, subject: str, body: str) -> None:
    if not email:
        return
    Notification.objects.create(
        case=case,
        recipient_kind=kind,
        email=email,
        language=language,
        subject=subject,
        body=body,
        next_attempt_at=timezone.now(),
    )


def queue_step_notifications(case: Case, state_label: str) -> None:
    """E-mails to every party with an address: the complainant (if she gave one) and handlers."""
    complaint = case.complaint
    with override(complaint.language):
        _queue(
            case,
            kind="complainant",
            email=complaint.contact_email,
            language=complaint.language,
            subject=_("News about your complaint"),
            body=_(
                "There is news about your complaint. Open the follow-up page of Remedy Hub "
                "and enter your receipt code to read it."
            ),
        )
    # The companies concerned and the handlers hear of each step too (R15); naming no one.
    with override(settings.LANGUAGE_CODE):
        subject = _("Case %(reference)s: %(state)s") % {
            "reference": complaint.reference,
            "state": state_label,
        }
        body = _("Case %(reference)s is now: %(state)s.") % {
            "reference": complaint.reference,
            "state": state_label,
        }
    _queue_for_staff(case, "company", subject, body)
    _queue_for_staff(case, "handler", subject, body)


def _queue_for_staff(case: Case, kind: str, subject: str, body: str) -> None:
    """One e-mail to each active handler of the case's mechanism, or each representative of
    the companies it concerns, in the site's language."""
    if kind == "company":
        people = Affiliation.objects.filter(
            company__in=case.companies.all(), role=Affiliation.Role.COMPANY
        )
    else:
        people = Affiliation.objects.filter(mechanism=case.mechanism, role=Affiliation.Role.HANDLER)
    for affiliation in people.filter(user__is_active=True).select_related("user"):
        _queue(
            case,
            kind=kind,
            email=affiliation.user.email,
            language=settings.LANGUAGE_CODE,
            subject=subject,
            body=body,
        )


def queue_urgent(case: Case, subject: str, body: str) -> None:
    """An e-mail to the mechanism's handlers that cannot wait for the next step."""
    _queue_for_staff(case, "handler", subject, body)


def queue_reminder(case: Case) -> None:
    reference = case.complaint.reference
    with override(settings.LANGUAGE_CODE):
        subject = _("Reminder: case %(reference)s is overdue") % {"reference": reference}
        body = _("The deadline of the current stage of case %(reference)s was %(date)s.") % {
            "reference": reference,
            "date": case.deadline,
        }
    _queue_for_staff(case, "handler", subject, body)


def notifications_send(*, now: dt.datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Send the case e-mails that are due (retried, then given up: ``common.outbox``)."""
    return queued_emails_send(Notification, now=now, limit=limit)


def send_soon() -> None:
    """After the current transaction commits, ask the worker to send; never fails the caller."""

    def enqueue() -> None:
        from remedyhub.cases.tasks import send_notifications

        try:
            send_notifications.enqueue()
        except Exception:
            # The notification rows stay pending; the next deadlines pass sends them.
            logger.warning("could not queue the sending of notifications", exc_info=True)

    transaction.on_commit(enqueue)
