"""Reads of cases: the integrity of their history."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from remedyhub.cases.models import Case
from remedyhub.common.audit import verify_chain


@dataclass(frozen=True)
class AuditFinding:
    case_id: int
    reference: str
    position: int
    message: str


def audit_findings() -> Iterator[AuditFinding]:
    """Every break in every case's event chain (edited, removed, reordered, truncated)."""
    for case in Case.objects.select_related("complaint").order_by("pk").iterator():
        events = case.events.order_by("pk")
        entries = (
            (event.sequence, event.previous_hash, event.hash, event.content()) for event in events
        )
        for problem in verify_chain(entries, head=case.head_hash):
            yield AuditFinding(
                case.pk, case.complaint.reference or "", problem.position, problem.message
            )
