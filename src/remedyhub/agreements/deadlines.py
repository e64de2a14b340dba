"""When a commitment falls due for one member, and whether it is met, due or overdue."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from remedyhub.common.timeutils import add_months


class Rule(enum.StrEnum):
    AFTER_JOINING = "after_joining"  # within N months of the day the company joined
    FIXED_DATE = "fixed_date"  # by one date for every member
    YEARLY = "yearly"  # every year, N months after the year's start (an action plan)


class Status(enum.StrEnum):
    MET = "met"
    MET_LATE = "met_late"
    DUE = "due"
    OVERDUE = "overdue"
    NOT_YET = "not_yet"  # the member left before the deadline came


@dataclass(frozen=True)
class CommitmentRule:
    rule: Rule
    months: int | None = None
    due_on: dt.date | None = None


def deadline(rule: CommitmentRule, *, joined_on: dt.date, year: int | None = None) -> dt.date:
    """The day the commitment falls due for a member who joined on ``joined_on``.

    "Publish the list of production locations within a year of joining" is
    ``CommitmentRule(Rule.AFTER_JOINING, months=12)``: due on the anniversary of joining (the
    month's end when that day does not exist).
    """
    if rule.rule == Rule.AFTER_JOINING:
        if rule.months is None:
            raise ValueError("after_joining needs months")
        return add_months(joined_on, rule.months)
    if rule.rule == Rule.FIXED_DATE:
        if rule.due_on is None:
            raise ValueError("fixed_date needs due_on")
        # A member who joins after the fixed date has as long as the rule's months, or none.
        return max(rule.due_on, add_months(joined_on, rule.months or 0))
    if rule.months is None:
        raise ValueError("yearly needs months")
    return add_months(dt.date(year or joined_on.year, 1, 1), rule.months)


def status(
    due: dt.date, *, met_on: dt.date | None, today: dt.date, left_on: dt.date | None = None
) -> Status:
    if met_on is not None:
        return Status.MET if met_on <= due else Status.MET_LATE
    if left_on is not None and left_on < due:
        return Status.NOT_YET
    return Status.OVERDUE if today > due else Status.DUE
