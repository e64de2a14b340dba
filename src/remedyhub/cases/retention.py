"""Retention and erasure of personal data once a complaint's cases have ended.

Each mechanism sets how many days personal data stays after its case ends
(``Mechanism.retention_days``). The daily purge erases it for every complaint whose cases have
all ended that long ago. A complainant may also ask for erasure herself, through her receipt, once
no case of hers is open: while a mechanism is still handling it, the complaint cannot be handled
without her words (she can withdraw first).

Erasure keeps the figures (country, issues, dates, counts, states, outcomes, mechanism) and the
case history's structure: each event's reason is erased but its digest stays, so that
``audit_verify`` still proves the history was not otherwise changed, and an ``erased`` event is
added to every case of the complaint.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from remedyhub.cases import workflow
from remedyhub.cases.models import (
    Case,
    CaseEvent,
    CaseMessage,
    Decision,
    Notification,
    ReferralProposal,
    RemedyItem,
    reason_digest,
)
from remedyhub.cases.services import case_note
from remedyhub.intake.models import Complaint
from remedyhub.intake.services import complaint_personal_data_erase

logger = logging.getLogger(__name__)

ERASED = "erased"


@dataclass(frozen=True)
class PurgeReport:
    erased: int
    waiting: int


def may_erase_now(complaint: Complaint) -> bool:
    """Erasure at the complainant's request: only when no mechanism is handling her complaint."""
    if complaint.cases.exclude(state__in=sorted(workflow.TERMINAL)).exists():
        return False
    # A complaint waiting to be routed is being handled too, unless she withdrew it.
    return complaint.status == Complaint.Status.WITHDRAWN or complaint.cases.exists()


def complaint_erase(complaint: Complaint, *, actor: Any = None, now: Any = None) -> Complaint:
    """Erase a complaint's personal data and that of its cases, in one transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        complaint = complaint_personal_data_erase(complaint, now=now)
        cases = list(Case.objects.select_for_update().filter(complaint=complaint).order_by("pk"))
        for case in cases:
            for event in CaseEvent.objects.filter(case=case, erased_reason_digest=""):
                if event.reason:
                    CaseEvent.objects.filter(pk=event.pk).update(
                        erased_reason_digest=reason_digest(event.reason), reason=""
                    )
            CaseMessage.objects.filter(case=case).delete()
            Notification.objects.filter(case=case).delete()
            for decision in Decision.objects.filter(case=case):
                decision.reasoning = ""
                decision.save(update_fields=["reasoning", "updated_at"])
            RemedyItem.objects.filter(case=case).update(description="", owner="", evidence="")
            ReferralProposal.objects.filter(case=case).update(reason="")
            case_note(case, kind=ERASED, actor=actor, now=now)
    logger.info("personal data erased", extra={"complaint_id": complaint.pk})
    return complaint


def retention_purge(*, now: dt.datetime | None = None) -> PurgeReport:
    """Erase the personal data of every complaint whose cases ended longer ago than the
    mechanism's retention period (the longest, when it passed through several)."""
    now = now or timezone.now()
    candidates = (
        Complaint.objects.filter(erased_at__isnull=True, cases__isnull=False)
        .exclude(cases__state__in=sorted(workflow.OPEN))
        .distinct()
        .prefetch_related("cases__mechanism")
    )
    erased = waiting = 0
    for complaint in candidates.iterator(chunk_size=200):
        cases = list(complaint.cases.all())
        last_end = max(case.stage_started_at for case in cases)
        keep_days = max(case.mechanism.retention_days for case in cases)
        if last_end + dt.timedelta(days=keep_days) <= now:
            complaint_erase(complaint, now=now)
            erased += 1
        else:
            waiting += 1
    return PurgeReport(erased=erased, waiting=waiting)
