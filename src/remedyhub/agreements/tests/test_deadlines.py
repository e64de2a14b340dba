"""Commitment deadlines: the rules, and which members are flagged as overdue."""

import datetime as dt

import pytest

from remedyhub.agreements import deadlines
from remedyhub.agreements.deadlines import CommitmentRule, Rule, Status
from remedyhub.agreements.models import Commitment
from remedyhub.agreements.selectors import commitment_states
from remedyhub.agreements.services import commitment_fulfil
from remedyhub.agreements.tests.factories import CommitmentFactory
from remedyhub.registry.services import membership_create
from remedyhub.registry.tests.factories import CompanyFactory, SectorAgreementFactory

D = dt.date
WITHIN_A_YEAR = CommitmentRule(Rule.AFTER_JOINING, months=12)


def test_within_a_year_of_joining_falls_on_the_anniversary():
    assert deadlines.deadline(WITHIN_A_YEAR, joined_on=D(2024, 3, 15)) == D(2025, 3, 15)
    # No 29 February next year: the month's last day.
    assert deadlines.deadline(WITHIN_A_YEAR, joined_on=D(2024, 2, 29)) == D(2025, 2, 28)


def test_a_fixed_date_gives_late_joiners_the_rules_months():
    rule = CommitmentRule(Rule.FIXED_DATE, due_on=D(2020, 12, 31), months=6)
    assert deadlines.deadline(rule, joined_on=D(2018, 1, 1)) == D(2020, 12, 31)
    assert deadlines.deadline(rule, joined_on=D(2021, 3, 1)) == D(2021, 9, 1)


def test_a_yearly_commitment_falls_due_months_into_each_year():
    rule = CommitmentRule(Rule.YEARLY, months=3)
    assert deadlines.deadline(rule, joined_on=D(2019, 5, 1), year=2022) == D(2022, 4, 1)


@pytest.mark.parametrize(
    ("met_on", "today", "left_on", "expected"),
    [
        (D(2025, 3, 15), D(2026, 1, 1), None, Status.MET),
        (D(2025, 3, 16), D(2026, 1, 1), None, Status.MET_LATE),
        (None, D(2025, 3, 15), None, Status.DUE),
        (None, D(2025, 3, 16), None, Status.OVERDUE),
        (None, D(2026, 1, 1), D(2025, 1, 1), Status.NOT_YET),
    ],
)
def test_status_on_a_day(met_on, today, left_on, expected):
    due = D(2025, 3, 15)
    assert deadlines.status(due, met_on=met_on, today=today, left_on=left_on) == expected


@pytest.mark.django_db
def test_members_who_missed_the_deadline_are_flagged_overdue_and_others_not():
    agreement = SectorAgreementFactory(starts_on=D(2020, 1, 1))
    commitment = CommitmentFactory(agreement=agreement)
    on_time, late, missing, recent = (CompanyFactory() for _ in range(4))
    for company in (on_time, late, missing):
        membership_create(agreement=agreement, company=company, valid_from=D(2024, 1, 1))
    membership_create(agreement=agreement, company=recent, valid_from=D(2025, 9, 1))
    commitment_fulfil(commitment=commitment, company=on_time, fulfilled_on=D(2024, 6, 1))
    commitment_fulfil(commitment=commitment, company=late, fulfilled_on=D(2025, 2, 1))

    states = {s.company: s for s in commitment_states(agreement, today=D(2026, 1, 1))}
    assert states[on_time].status == Status.MET
    assert states[late].status == Status.MET_LATE
    assert states[missing].status == Status.OVERDUE and states[missing].overdue
    assert states[missing].due_on == D(2025, 1, 1)
    assert states[recent].status == Status.DUE


@pytest.mark.django_db
def test_a_deadline_counts_from_the_start_of_the_current_period_in_the_successor():
    from remedyhub.registry.services import membership_move

    national = SectorAgreementFactory(starts_on=D(2016, 1, 1), ends_on=D(2023, 12, 31))
    european = SectorAgreementFactory(starts_on=D(2024, 1, 1))
    CommitmentFactory(agreement=european, rule=Commitment.Rule.AFTER_JOINING, months=12)
    company = CompanyFactory()
    old = membership_create(
        agreement=national, company=company, valid_from=D(2017, 1, 1), valid_until=D(2023, 12, 31)
    )
    membership_move(membership=old, to=european, on=D(2024, 1, 1))
    (state,) = commitment_states(european, today=D(2024, 6, 1))
    assert state.due_on == D(2025, 1, 1) and state.status == Status.DUE
