import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from remedyhub.accounts.models import Affiliation, User
from remedyhub.cases.deadlines import deadlines_check
from remedyhub.cases.models import Case, Notification
from remedyhub.cases.notifications import notifications_send
from remedyhub.cases.services import case_route, case_transition
from remedyhub.common.outbox import MAX_ATTEMPTS
from remedyhub.intake.services import complaint_submit
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import DEFAULT_STAGES

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Quillfeather locks the exits every night."


@pytest.fixture
def routed(django_capture_on_commit_callbacks):
    mechanism = Mechanism.objects.create(name="Committee", slug="committee", kind="other")
    RulesOfProcedure.objects.create(
        mechanism=mechanism, version=1, in_force_from=dt.date(2020, 1, 1), stages=DEFAULT_STAGES
    )
    handler = User.objects.create_user("handler", email="handler@example.org", password="x" * 20)
    Affiliation.objects.create(user=handler, role="handler", mechanism=mechanism)
    complaint = complaint_submit(
        data={
            "description": SECRET_TEXT,
            "country": "BD",
            "contact_email": "reporter@example.org",
        },
        seed="web:notify",
        channel="web",
        language="en",
    ).complaint
    with django_capture_on_commit_callbacks(execute=True):
        case = case_route(complaint=complaint, mechanism=mechanism, reason="Test.", actor=handler)
    return case, handler


def test_each_step_mails_the_parties_without_the_complaints_content(
    routed, django_capture_on_commit_callbacks
):
    case, handler = routed
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case, "acknowledged", actor=handler)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["handler@example.org", "reporter@example.org"]
    for message in mail.outbox:
        assert SECRET_TEXT not in message.body and "Quillfeather" not in message.subject
    assert Notification.objects.filter(status="sent").count() == 4  # routing and this step


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_failing_mail_server_neither_blocks_nor_undoes_the_step_and_is_retried(
    routed, settings, django_capture_on_commit_callbacks
):
    case, handler = routed
    settings.EMAIL_BACKEND = "remedyhub.cases.tests.test_notifications_and_deadlines.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case, "acknowledged", actor=handler)
    case.refresh_from_db()
    assert case.state == "acknowledged"
    pending = Notification.objects.filter(status="pending")
    assert pending.count() == 2 and {n.attempts for n in pending} == {1}
    assert {n.last_error for n in pending} == {"ConnectionRefusedError"}
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    for _attempt in range(MAX_ATTEMPTS - 1):
        notifications_send(now=later)
        later += dt.timedelta(days=1)
    assert Notification.objects.filter(status="failed").count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_day_8_without_acknowledgement_is_a_breach_and_reminds_once_a_day(routed):
    case, _handler = routed
    filed = case.complaint.created_at.date()
    assert case.deadline == filed + dt.timedelta(days=7)
    assert deadlines_check(today=filed + dt.timedelta(days=7)).overdue == []
    mail.outbox.clear()
    report = deadlines_check(today=filed + dt.timedelta(days=8))
    assert report.overdue == [case] and report.acknowledgement_breaches == [case]
    assert report.reminders == 1
    assert any("overdue" in message.subject for message in mail.outbox)
    again = deadlines_check(today=filed + dt.timedelta(days=8))
    assert again.reminders == 0


def test_feedback_to_the_complainant_is_due_three_months_after_the_last_update(routed):
    case, _handler = routed
    case.refresh_from_db()
    routed_on = case.feedback_due_on
    assert routed_on is not None
    assert deadlines_check(today=routed_on - dt.timedelta(days=1)).feedback_due == []
    assert deadlines_check(today=routed_on).feedback_due == [case]


def test_the_command_prints_the_pass_and_schedules_the_worker(routed, settings):
    case, _handler = routed
    Case.objects.filter(pk=case.pk).update(deadline=dt.date(2020, 1, 1))
    out = io.StringIO()
    call_command("deadlines_check", stdout=out)
    assert f"overdue: {case.complaint.reference}" in out.getvalue()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    call_command("deadlines_check", "--schedule", stdout=out)
    assert "queued" in out.getvalue()
    assert len(default_task_backend.results) == 1
