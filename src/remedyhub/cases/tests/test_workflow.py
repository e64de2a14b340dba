"""The transition table, tried exhaustively: every allowed move works, every other is refused."""

import datetime as dt
import itertools
import secrets

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from remedyhub.accounts.models import Affiliation, User
from remedyhub.cases import workflow
from remedyhub.cases.models import Case, CaseEvent, CaseMessage
from remedyhub.cases.services import (
    InvalidTransition,
    ReasonRequired,
    case_open,
    case_transition,
)
from remedyhub.intake.models import Complaint
from remedyhub.registry.tests.factories import CompanyFactory
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import Stage

pytestmark = pytest.mark.django_db

STATES = list(Stage.values)
HELD_FROM = "dialogue"


def complaint():
    return Complaint.objects.create(
        submission_key=secrets.token_hex(32),
        receipt_digest=secrets.token_hex(32),
        reference=f"RH-2026-{secrets.randbelow(10**6):06d}",
        channel="web",
        language="en",
        description="Test complaint about unpaid overtime.",
        country="BD",
    )


def case_in(state, mechanism, handler):
    case = case_open(complaint=complaint(), mechanism=mechanism, actor=handler)
    Case.objects.filter(pk=case.pk).update(
        state=state, held_from=HELD_FROM if state == Stage.ON_HOLD else ""
    )
    if state == Stage.COMPANY_RESPONSE:
        # The company has answered (R9 blocks the next step until it has, or its time is up).
        CaseMessage.objects.create(
            case=case, side="company", visibility="all", body="Our response."
        )
    return Case.objects.get(pk=case.pk)


PAIRS = list(itertools.product(STATES, STATES))


@pytest.mark.parametrize(("state", "target"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_every_pair_of_states(mechanism, handler, state, target):
    case = case_in(state, mechanism, handler)
    allowed = workflow.is_allowed(state, target, held_from=case.held_from)
    if not allowed:
        with pytest.raises(InvalidTransition):
            case_transition(case, target, actor=handler, reason="because")
        assert Case.objects.get(pk=case.pk).state == state
        return
    event = case_transition(case, target, actor=handler, reason="because")
    case.refresh_from_db()
    assert case.state == target
    assert (event.from_state, event.to_state) == (state, target)
    assert case.event_count == 2 and case.head_hash == event.hash


def test_the_table_holds_the_main_path_and_nothing_leaves_a_closed_case():
    path = [
        "received", "acknowledged", "admissibility", "admitted", "company_response",
        "dialogue", "agreement", "remedy_monitoring", "closed",
    ]  # fmt: skip
    for state, target in itertools.pairwise(path):
        assert workflow.is_allowed(state, target)
    assert workflow.allowed_targets("closed") == frozenset()
    assert workflow.allowed_targets("on_hold", held_from="dialogue") == {
        "dialogue",
        "withdrawn",
        "referred",
    }


@pytest.mark.parametrize("target", sorted(workflow.REASON_REQUIRED))
def test_moves_that_need_a_reason_refuse_without_one(mechanism, handler, target):
    source = next(
        state
        for state in STATES
        if workflow.is_allowed(state, target, held_from=HELD_FROM) and state != Stage.ON_HOLD
    )
    case = case_in(source, mechanism, handler)
    with pytest.raises(ReasonRequired):
        case_transition(case, target, actor=handler, reason="   ")
    assert Case.objects.get(pk=case.pk).state == source


def test_only_the_mechanisms_handlers_and_staff_move_a_case(mechanism, handler):
    case = case_in(Stage.RECEIVED, mechanism, handler)
    other = Mechanism.objects.create(name="Other", slug="other", kind="ncp")
    outsider = User.objects.create_user("outsider", password="x" * 20)
    Affiliation.objects.create(user=outsider, role="handler", mechanism=other)
    company = User.objects.create_user("company", password="x" * 20)
    Affiliation.objects.create(user=company, role="company", company=CompanyFactory())
    for user in (outsider, company):
        with pytest.raises(PermissionDenied):
            case_transition(case, Stage.ACKNOWLEDGED, actor=user)
    staff = User.objects.create_user("staff", password="x" * 20, is_staff=True)
    case_transition(case, Stage.ACKNOWLEDGED, actor=staff)


def test_each_stage_gets_the_deadline_of_the_rules_in_force_when_filed(mechanism, handler):
    case = case_open(complaint=complaint(), mechanism=mechanism, actor=handler)
    filed = case.complaint.created_at.date()
    assert case.deadline == filed + dt.timedelta(days=7)
    RulesOfProcedure.objects.create(
        mechanism=mechanism,
        version=2,
        in_force_from=filed - dt.timedelta(days=0) + dt.timedelta(days=1),
        stages=[{"state": "acknowledged", "limit": 1, "unit": "days"}],
    )
    now = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
    case_transition(case, Stage.ACKNOWLEDGED, actor=handler, now=now)
    case.refresh_from_db()
    assert case.rules.version == 1  # a later version changes nothing for this case
    assert case.deadline == dt.date(2026, 12, 15)  # 10 working days


def test_a_complaint_has_one_open_case_and_a_referral_opens_the_next(mechanism, handler):
    case = case_open(complaint=complaint(), mechanism=mechanism, actor=handler)
    with pytest.raises(Exception):  # noqa: B017 - the database refuses a second one
        case_open(complaint=case.complaint, mechanism=mechanism, actor=handler)
    case_transition(case, Stage.REFERRED, actor=handler, reason="The NCP is competent.")
    second = case_open(complaint=case.complaint, mechanism=mechanism, actor=handler)
    assert second.state == Stage.RECEIVED


def history(mechanism, handler):
    case = case_open(complaint=complaint(), mechanism=mechanism, actor=handler)
    for target in ("acknowledged", "admissibility", "admitted"):
        case_transition(case, target, actor=handler)
    return case


def run_audit():
    try:
        call_command("audit_verify")
    except CommandError as error:
        return str(error)
    return "ok"


def test_audit_verify_passes_an_intact_history(mechanism, handler, capsys):
    history(mechanism, handler)
    assert run_audit() == "ok"
    assert "intact" in capsys.readouterr().out


def test_audit_verify_catches_an_edited_event(mechanism, handler, capsys):
    case = history(mechanism, handler)
    CaseEvent.objects.filter(case=case, sequence=3).update(to_state="decided")
    assert "problem" in run_audit()
    assert "edited" in capsys.readouterr().out


def test_audit_verify_catches_a_deleted_event(mechanism, handler, capsys):
    case = history(mechanism, handler)
    CaseEvent.objects.filter(case=case, sequence=2).delete()
    assert "problem" in run_audit()
    assert case.complaint.reference in capsys.readouterr().out


def test_audit_verify_catches_reordered_events(mechanism, handler, capsys):
    case = history(mechanism, handler)
    second, third = CaseEvent.objects.filter(case=case, sequence__in=[2, 3]).order_by("sequence")
    CaseEvent.objects.filter(pk=second.pk).update(sequence=99)
    CaseEvent.objects.filter(pk=third.pk).update(sequence=2)
    CaseEvent.objects.filter(pk=second.pk).update(sequence=3)
    assert "problem" in run_audit()


def test_audit_verify_catches_removed_newest_events(mechanism, handler, capsys):
    case = history(mechanism, handler)
    CaseEvent.objects.filter(case=case, sequence=4).delete()
    assert "problem" in run_audit()
    assert "newest entries are missing" in capsys.readouterr().out


def test_the_case_waits_for_the_companys_response_or_its_deadline(mechanism, handler):
    case = case_open(complaint=complaint(), mechanism=mechanism, actor=handler)
    now = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
    for state in ("acknowledged", "admissibility", "admitted", "company_response"):
        case_transition(case, state, actor=handler, now=now)
    case.refresh_from_db()
    assert case.deadline == dt.date(2027, 1, 12)  # 42 days to respond
    with pytest.raises(InvalidTransition):
        case_transition(case, "dialogue", actor=handler, now=now + dt.timedelta(days=3))
    late = dt.datetime(2027, 1, 13, 9, tzinfo=dt.UTC)
    case_transition(case, "adjudication", actor=handler, now=late)  # its time ran out
    assert Case.objects.get(pk=case.pk).state == "adjudication"


def test_a_company_response_opens_the_dialogue(mechanism, handler):
    case = case_in("admitted", mechanism, handler)
    case_transition(case, "company_response", actor=handler)
    CaseMessage.objects.create(case=case, side="company", visibility="all", body="We reply.")
    case_transition(case, "dialogue", actor=handler)
    assert Case.objects.get(pk=case.pk).state == "dialogue"
