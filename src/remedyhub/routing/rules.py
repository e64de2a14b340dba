"""Rules of procedure as data: the stages a case passes, each with its time limit.

The defaults follow the target design (acknowledge in 7 days, admissibility in 3 months,
dialogue 6 months, decision 3 months after dialogue, follow-up 6 to 12 months after the remedy
plan); a mechanism's published version may set others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from remedyhub.common.timeutils import add_months, add_working_days


class Stage(models.TextChoices):
    """The states of a case; rules of procedure set a time limit for each (ARCHITECTURE)."""

    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ADMISSIBILITY = "admissibility", _("Admissibility being assessed")
    ADMITTED = "admitted", _("Admitted")
    NOT_ADMISSIBLE = "not_admissible", _("Not admissible")
    COMPANY_RESPONSE = "company_response", _("Waiting for the company's response")
    DIALOGUE = "dialogue", _("Dialogue or mediation")
    AGREEMENT = "agreement", _("Agreement reached")
    ADJUDICATION = "adjudication", _("Being decided by the committee")
    DECIDED = "decided", _("Decided")
    REMEDY_MONITORING = "remedy_monitoring", _("Remedy being carried out and monitored")
    CLOSED = "closed", _("Closed")
    REFERRED = "referred", _("Referred to another mechanism")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ON_HOLD = "on_hold", _("On hold")


UNITS = ("days", "months")
DAY_KINDS = ("calendar", "working")


@dataclass(frozen=True)
class StageLimit:
    state: str
    limit: int
    unit: str = "days"
    day_kind: str = "calendar"

    def deadline(self, start: dt.date) -> dt.date:
        if self.unit == "months":
            return add_months(start, self.limit)
        if self.day_kind == "working":
            return add_working_days(start, self.limit)
        return start + dt.timedelta(days=self.limit)

    @property
    def label(self) -> str:
        return str(Stage(self.state).label) if self.state in Stage.values else self.state

    def describe(self) -> str:
        if self.unit == "months":
            return ngettext("%(count)d month", "%(count)d months", self.limit) % {
                "count": self.limit
            }
        if self.day_kind == "working":
            return ngettext("%(count)d working day", "%(count)d working days", self.limit) % {
                "count": self.limit
            }
        return ngettext("%(count)d day", "%(count)d days", self.limit) % {"count": self.limit}


DEFAULT_STAGES: list[dict[str, Any]] = [
    {"state": "received", "limit": 7, "unit": "days", "day_kind": "calendar"},
    {"state": "acknowledged", "limit": 10, "unit": "days", "day_kind": "working"},
    {"state": "admissibility", "limit": 3, "unit": "months"},
    {"state": "admitted", "limit": 10, "unit": "days", "day_kind": "working"},
    {"state": "company_response", "limit": 42, "unit": "days", "day_kind": "calendar"},
    {"state": "dialogue", "limit": 6, "unit": "months"},
    {"state": "adjudication", "limit": 3, "unit": "months"},
    {"state": "agreement", "limit": 1, "unit": "months"},
    {"state": "decided", "limit": 1, "unit": "months"},
    {"state": "remedy_monitoring", "limit": 12, "unit": "months"},
]

DEFAULT_OUTCOMES = [
    "agreement",
    "founded",
    "partly_founded",
    "unfounded",
    "not_admissible",
    "referred",
    "withdrawn",
]
OUTCOME_LABELS = {
    "agreement": _("Agreement between the parties"),
    "founded": _("Complaint founded"),
    "partly_founded": _("Complaint partly founded"),
    "unfounded": _("Complaint unfounded"),
    "not_admissible": _("Not admissible"),
    "referred": _("Referred to another mechanism"),
    "withdrawn": _("Withdrawn by the complainant"),
}


class InvalidStages(ValueError):
    pass


def parse_stages(raw: list[dict[str, Any]]) -> dict[str, StageLimit]:
    """Stage limits by state, checked: a positive whole limit, a known unit and day kind."""
    stages: dict[str, StageLimit] = {}
    for item in raw:
        try:
            stage = StageLimit(
                state=str(item["state"]),
                limit=int(item["limit"]),
                unit=str(item.get("unit", "days")),
                day_kind=str(item.get("day_kind", "calendar")),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise InvalidStages(f"bad stage {item!r}") from error
        if (
            stage.limit <= 0
            or stage.unit not in UNITS
            or stage.day_kind not in DAY_KINDS
            or stage.state not in Stage.values
        ):
            raise InvalidStages(f"bad stage {item!r}")
        if stage.state in stages:
            raise InvalidStages(f"stage {stage.state!r} appears twice")
        stages[stage.state] = stage
    return stages
