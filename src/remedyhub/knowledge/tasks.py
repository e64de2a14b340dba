"""Background work of the helpdesk on the database task queue (``manage.py db_worker``)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

HELPDESK_INTERVAL = dt.timedelta(hours=1)


@task()
def send_helpdesk_mail() -> dict[str, int]:
    from remedyhub.knowledge.services import helpdesk_mail_send

    return helpdesk_mail_send()


@task()
def helpdesk_pass(reschedule: bool = True) -> int:
    """One reminders pass; then it books the next one an hour later."""
    from remedyhub.knowledge.services import helpdesk_check

    report = helpdesk_check()
    if reschedule:
        helpdesk_pass.using(run_after=timezone.now() + HELPDESK_INTERVAL).enqueue()
    return report.reminders
