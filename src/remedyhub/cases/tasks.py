"""Background work on the database-backed task queue (``manage.py db_worker``)."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

DEADLINE_INTERVAL = dt.timedelta(hours=1)
RETENTION_INTERVAL = dt.timedelta(days=1)


@task()
def send_notifications() -> dict[str, int]:
    from remedyhub.cases.notifications import notifications_send

    return notifications_send()


@task()
def deadlines_pass(reschedule: bool = True) -> int:
    """One deadlines pass; then it books the next one, so the worker keeps the clock."""
    from remedyhub.cases.deadlines import deadlines_check

    report = deadlines_check()
    if reschedule:
        deadlines_pass.using(run_after=timezone.now() + DEADLINE_INTERVAL).enqueue()
    return len(report.overdue)


@task()
def retention_pass(reschedule: bool = True) -> int:
    """One retention purge; then it books the next one, a day later."""
    from remedyhub.cases.retention import retention_purge

    report = retention_purge()
    if reschedule:
        retention_pass.using(run_after=timezone.now() + RETENTION_INTERVAL).enqueue()
    return report.erased
