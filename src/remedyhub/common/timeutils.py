"""Aware date and time helpers: deadlines in calendar months and in working days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from dateutil.relativedelta import relativedelta
from django.utils import timezone

SATURDAY = 5


def now() -> dt.datetime:
    """The current time, always aware (UTC)."""
    return timezone.now()


def aware(value: dt.datetime, tz: dt.tzinfo | None = None) -> dt.datetime:
    """``value`` as an aware datetime; a naive one is read in ``tz`` (default: UTC)."""
    if timezone.is_aware(value):
        return value
    return value.replace(tzinfo=tz or dt.UTC)


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    result: dt.date = start + relativedelta(months=months)
    return result


def is_working_day(day: dt.date, holidays: Collection[dt.date] = ()) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def add_working_days(start: dt.date, days: int, holidays: Collection[dt.date] = ()) -> dt.date:
    """The date ``days`` working days after ``start`` (before it when negative).

    ``start`` itself never counts, so a time limit of 5 working days from a Friday ends on the
    next Friday. Zero days returns ``start`` unchanged, even when it is not a working day.
    """
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    day = start
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date, holidays: Collection[dt.date] = ()) -> int:
    """How many working days ``add_working_days`` steps from ``start`` to reach ``end``.

    Forwards it counts the working days after ``start`` up to and including ``end``; backwards
    (``end`` before ``start``) those from ``end`` up to but excluding ``start``, negated.
    """
    if end >= start:
        first, last, sign = start + dt.timedelta(days=1), end, 1
    else:
        first, last, sign = end, start - dt.timedelta(days=1), -1
    count = 0
    day = first
    while day <= last:
        if is_working_day(day, holidays):
            count += 1
        day += dt.timedelta(days=1)
    return sign * count
