"""E-mails kept in the database until they are sent: queued in the transaction of the step that
causes them, sent and retried by the worker, so a failing mail server delays an e-mail and never
blocks or undoes the step. Cases and the helpdesk each keep their own table of this shape."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from remedyhub.common.fields import EncryptedTextField
from remedyhub.common.models import BaseModel

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_RETRY = dt.timedelta(minutes=1)


class QueuedEmail(BaseModel):
    """One e-mail to one address; the address and the text are encrypted."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed for good")

    email = EncryptedTextField()
    subject = models.CharField(max_length=200)
    body = EncryptedTextField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True


def queued_emails_send(
    model: type[QueuedEmail], *, now: dt.datetime | None = None, limit: int = 200
) -> dict[str, int]:
    """Send the e-mails of ``model`` that are due; a failure waits twice as long each time, and
    the e-mail is given up after 6 tries."""
    now = now or timezone.now()
    counts = {"sent": 0, "retry": 0, "failed": 0}
    due = list(
        model.objects.filter(  # type: ignore[attr-defined]
            status=QueuedEmail.Status.PENDING, next_attempt_at__lte=now
        ).order_by("next_attempt_at")[:limit]
    )
    for email in due:
        email.attempts += 1
        try:
            send_mail(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.email])
        except Exception as error:  # any failure of the mail server: retry later
            email.last_error = type(error).__name__[:200]
            if email.attempts >= MAX_ATTEMPTS:
                email.status = QueuedEmail.Status.FAILED
                counts["failed"] += 1
                logger.error("e-mail given up", extra={"model": model.__name__, "id": email.pk})
            else:
                email.next_attempt_at = now + FIRST_RETRY * 2 ** (email.attempts - 1)
                counts["retry"] += 1
        else:
            email.status = QueuedEmail.Status.SENT
            email.sent_at = now
            counts["sent"] += 1
        email.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at", "last_error"])
    return counts
