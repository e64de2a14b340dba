"""Background work of the community app on the database task queue (``manage.py db_worker``).

Community has no periodic pass of its own, and the lower apps' passes may not import it. So the
send task books itself again while e-mails wait for a retry; and every new e-mail's task sends
whatever else is due, so one whose task could not be queued goes out with the next one."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_event_mail() -> dict[str, int]:
    from remedyhub.community.notifications import event_mail_next_attempt, event_mail_send

    counts = event_mail_send()
    if counts["retry"]:
        next_attempt = event_mail_next_attempt()
        backend = send_event_mail.get_backend()
        if next_attempt is not None and backend.supports_defer:
            try:
                send_event_mail.using(run_after=next_attempt).enqueue()
            except Exception:
                logger.warning("could not book the retry of event e-mail", exc_info=True)
    return counts
