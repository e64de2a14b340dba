"""One pass over the deadlines: overdue cases, reminders, feedback due, and pending e-mails."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from remedyhub.cases import workflow
from remedyhub.cases.models import Case, RemedyItem
from remedyhub.cases.notifications import notifications_send, queue_reminder
from remedyhub.routing.rules import Stage


@dataclass
class DeadlineReport:
    overdue: list[Case] = field(default_factory=list)
    acknowledgement_breaches: list[Case] = field(default_factory=list)
    feedback_due: list[Case] = field(default_factory=list)
    overdue_remedies: list[RemedyItem] = field(default_factory=list)
    follow_up_checks_due: list[Case] = field(default_factory=list)
    reminders: int = 0
    mail: dict[str, int] = field(default_factory=dict)


def open_cases() -> QuerySet[Case]:
    return Case.objects.exclude(state__in=sorted(workflow.TERMINAL)).select_related(
        "complaint", "mechanism"
    )


def deadlines_check(*, today: dt.date | None = None) -> DeadlineReport:
    """Flag what is late, remind handlers once a day per late case, send pending e-mails."""
    today = today or timezone.localdate()
    report = DeadlineReport()
    for case in open_cases().filter(deadline__lt=today).order_by("deadline"):
        report.overdue.append(case)
        if case.state == Stage.RECEIVED:
            report.acknowledgement_breaches.append(case)  # R4: no acknowledgement in time
        if case.reminded_on != today:
            with transaction.atomic():
                queue_reminder(case)
                Case.objects.filter(pk=case.pk).update(reminded_on=today)
            report.reminders += 1
    report.feedback_due = list(open_cases().filter(feedback_due_on__lte=today))
    # R11: remedy items past their date and not done are flagged; follow-up checks come due.
    report.overdue_remedies = list(
        RemedyItem.objects.filter(due_on__lt=today)
        .exclude(status=RemedyItem.Status.DONE)
        .select_related("case__complaint")
    )
    report.follow_up_checks_due = list(open_cases().filter(follow_up_check_on__lte=today))
    report.mail = notifications_send()
    return report
