"""Reads of the intake: a draft turned into complaint values, and where a complaint stands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from remedyhub.common.timeutils import add_months
from remedyhub.intake.models import Complaint
from remedyhub.registry.selectors import facility_resolve

FIRST_DECISION_MONTHS = 3  # admissibility within 3 months (ARCHITECTURE: default time limits)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def draft_complaint_values(steps: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The answers of the reporting steps as Complaint field values."""
    what = steps.get("what", {})
    where = steps.get("where", {})
    when = steps.get("when", {})
    affected = steps.get("affected", {})
    reporter = steps.get("reporter", {})
    identity = steps.get("identity", {})
    facility = facility_resolve(where["facility"]) if where.get("facility") else None
    anonymous = identity.get("anonymous", "yes") != "no"
    return {
        "description": what.get("description", ""),
        "issues": list(what.get("issues", [])),
        "country": where.get("country", ""),
        "site_name": where.get("site_name", ""),
        "site_address": where.get("site_address", ""),
        "facility": facility,
        "occurred_from": _date(when.get("occurred_from")),
        "occurred_to": _date(when.get("occurred_to")),
        "ongoing": bool(when.get("ongoing")),
        "affected_count": affected.get("affected_count"),
        "affected_groups": list(affected.get("affected_groups", [])),
        "reporter_type": reporter.get("reporter_type", ""),
        "on_behalf_of_others": reporter.get("on_behalf_of_others") == "yes",
        "represented_people": reporter.get("represented_people", ""),
        "organisation": reporter.get("organisation", ""),
        "anonymous": anonymous,
        "reporter_name": "" if anonymous else identity.get("reporter_name", ""),
        "contact_phone": identity.get("contact_phone", ""),
        "contact_email": identity.get("contact_email", ""),
        "contact_other": identity.get("contact_other", ""),
        "consent_identity_to_company": (not anonymous)
        and bool(identity.get("consent_identity_to_company")),
    }


@dataclass(frozen=True)
class Progress:
    status: str
    explanation: str
    next_step: str
    deadline: dt.date | None


def complaint_progress(complaint: Complaint) -> Progress:
    """Where the complaint stands, in plain words, and by when the next step is due."""
    filed = complaint.created_at.date()
    if complaint.status == Complaint.Status.WITHDRAWN:
        return Progress(
            status=_("Withdrawn"),
            explanation=_("You withdrew this complaint. It will not be handled further."),
            next_step="",
            deadline=None,
        )
    # The newest case, through the reverse relation: intake does not import the cases app.
    case = complaint.cases.select_related("mechanism").order_by("-created_at", "-pk").first()
    if case is not None:
        return Progress(
            status=case.get_state_display(),
            explanation=_("Your complaint is handled by %(mechanism)s.")
            % {"mechanism": case.mechanism.name},
            next_step=_("The current step should be finished by") if case.deadline else "",
            deadline=case.deadline,
        )
    return Progress(
        status=_("Received"),
        explanation=_(
            "Your complaint has arrived. We are finding out which companies buy from the place "
            "you described and which organisation can handle your complaint."
        ),
        next_step=_("We tell you which organisation will handle your complaint, at the latest on"),
        deadline=add_months(filed, FIRST_DECISION_MONTHS),
    )
