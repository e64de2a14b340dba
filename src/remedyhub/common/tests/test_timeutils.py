import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remedyhub.common.timeutils import (
    add_months,
    add_working_days,
    aware,
    is_working_day,
    working_days_between,
)

FRIDAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2026, 5, 15), 12, dt.date(2027, 5, 15)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
    ],
)
def test_adding_months_clamps_to_the_end_of_a_short_month(start, months, expected):
    assert add_months(start, months) == expected


def test_five_working_days_from_a_friday_end_on_the_next_friday():
    assert add_working_days(FRIDAY, 5) == dt.date(2026, 12, 4)


def test_holidays_do_not_count():
    christmas = {dt.date(2026, 12, 25), dt.date(2026, 12, 28)}
    assert add_working_days(dt.date(2026, 12, 24), 1, christmas) == dt.date(2026, 12, 29)


def test_zero_days_is_the_start_itself():
    saturday = dt.date(2026, 11, 28)
    assert add_working_days(saturday, 0) == saturday


def test_negative_days_count_backwards():
    assert add_working_days(dt.date(2026, 11, 30), -1) == FRIDAY


@given(
    start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    days=st.integers(min_value=-400, max_value=400),
    holidays=st.sets(st.dates(min_value=dt.date(1999, 1, 1), max_value=dt.date(2102, 1, 1))),
)
def test_working_days_between_undoes_adding_them(start, days, holidays):
    end = add_working_days(start, days, holidays)
    assert working_days_between(start, end, holidays) == days
    if days:
        assert is_working_day(end, holidays)


def test_a_naive_time_is_read_as_utc_and_an_aware_one_kept():
    naive = dt.datetime(2026, 11, 25, 12, 0)
    assert aware(naive).utcoffset() == dt.timedelta(0)
    plus_six = dt.timezone(dt.timedelta(hours=6))
    dhaka_noon = dt.datetime(2026, 11, 25, 12, 0, tzinfo=plus_six)
    assert aware(dhaka_noon) is dhaka_noon
