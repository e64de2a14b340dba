"""Retention: personal data goes when its time is over, or when the complainant asks; the
figures and a verifiable history remain."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.cases.models import Case, CaseEvent, CaseMessage, Decision, RemedyItem
from remedyhub.cases.retention import complaint_erase, retention_purge
from remedyhub.cases.selectors import audit_findings
from remedyhub.cases.services import case_message_post, case_route, case_transition
from remedyhub.intake.files import CleanFile
from remedyhub.intake.models import Attachment, Complaint, Message
from remedyhub.intake.services import (
    attachment_store,
    attachments_dir,
    complaint_find,
    complaint_submit,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _file(mechanism, handler, *, seed="web:retention", identified=True):
    data = {"description": "Kolmogorov shouted at Rahima in the cutting room.", "country": "BD"}
    data["issues"] = ["harassment"]
    if identified:
        data |= {"anonymous": False, "reporter_name": "Rahima Begum", "contact_phone": "+88017"}
    submission = complaint_submit(data=data, seed=seed, channel="web", language="en")
    complaint = submission.complaint
    attachment_store(
        CleanFile(
            kind="pdf",
            content_type="application/pdf",
            data=b"%PDF-1.4 proof",
            original_name="proof.pdf",
            extension="pdf",
        ),
        complaint=complaint,
    )
    case = case_route(complaint=complaint, mechanism=mechanism, reason="Test.", actor=handler)
    case_transition(case, "acknowledged", actor=handler)
    case_message_post(case, actor=handler, body="Rahima, we called you.", visibility="all")
    return submission, case


def _close(case, handler, *, days_ago):
    case_transition(
        case,
        "withdrawn",
        actor=handler,
        reason="Rahima's employer paid.",
        now=NOW - dt.timedelta(days=days_ago),
    )


def test_the_purge_erases_what_outlived_its_retention_and_keeps_figures_and_history(
    mechanism, handler, django_capture_on_commit_callbacks
):
    mechanism.retention_days = 365
    mechanism.save()
    old, old_case = _file(mechanism, handler, seed="web:old")
    recent, recent_case = _file(mechanism, handler, seed="web:recent")
    still_open, _open_case = _file(mechanism, handler, seed="web:open")
    _close(old_case, handler, days_ago=366)
    _close(recent_case, handler, days_ago=364)
    files_before = sorted(attachments_dir().iterdir())
    assert len(files_before) == 3

    with django_capture_on_commit_callbacks(execute=True):
        report = retention_purge(now=NOW)

    assert (report.erased, report.waiting) == (1, 1)
    complaint = Complaint.objects.get(pk=old.complaint.pk)
    assert complaint.erased_at is not None
    assert complaint.description == complaint.reporter_name == complaint.contact_phone == ""
    assert complaint.anonymous is True
    # The figures stay.
    assert (complaint.country, complaint.issues) == ("BD", ["harassment"])
    assert Case.objects.get(pk=old_case.pk).state == "withdrawn"
    # Words, messages and files are gone, from the database and the disk.
    assert not Attachment.objects.filter(complaint=complaint).exists()
    assert not Message.objects.filter(complaint=complaint).exists()
    assert not CaseMessage.objects.filter(case=old_case).exists()
    assert len(list(attachments_dir().iterdir())) == 2
    events = list(CaseEvent.objects.filter(case=old_case).order_by("sequence"))
    assert all(event.reason == "" for event in events)
    assert events[-1].kind == "erased"
    assert complaint_find(old.receipt) is None
    # The history still verifies; the others are untouched.
    assert list(audit_findings()) == []
    assert Complaint.objects.get(pk=recent.complaint.pk).reporter_name == "Rahima Begum"
    assert Complaint.objects.get(pk=still_open.complaint.pk).erased_at is None
    # A second pass finds nothing new.
    assert retention_purge(now=NOW).erased == 0


def test_an_erased_history_still_betrays_an_edit(mechanism, handler):
    _submission, case = _file(mechanism, handler)
    _close(case, handler, days_ago=1)
    complaint_erase(case.complaint)
    assert list(audit_findings()) == []
    closing = CaseEvent.objects.exclude(kind="erased").get(case=case, to_state="withdrawn")
    CaseEvent.objects.filter(pk=closing.pk).update(to_state="closed")
    assert [finding.message for finding in audit_findings()] == [
        "content does not match its hash (edited)"
    ]


def test_decisions_and_remedy_plans_lose_their_words_not_their_outcome(mechanism, handler):
    _submission, case = _file(mechanism, handler)
    Decision.objects.create(
        case=case,
        kind="adjudication",
        finding="founded",
        reasoning="Rahima was right.",
        decided_by=handler,
    )
    RemedyItem.objects.create(
        case=case,
        description="Pay Rahima back wages",
        owner="Factory",
        due_on=NOW.date(),
        evidence="Bank slip of Rahima",
    )
    _close(case, handler, days_ago=1)
    complaint_erase(case.complaint)
    decision = Decision.objects.get(case=case)
    assert (decision.finding, decision.reasoning) == ("founded", "")
    item = RemedyItem.objects.get(case=case)
    assert (item.description, item.evidence, item.owner) == ("", "", "")


def test_the_command_reports_what_it_did(mechanism, handler, capsys):
    mechanism.retention_days = 0
    mechanism.save()
    _submission, case = _file(mechanism, handler)
    _close(case, handler, days_ago=0)
    call_command("retention_purge")
    assert "1 complaint(s) erased; 0 ended" in capsys.readouterr().out


def test_the_complainant_downloads_her_data_and_erases_it_once_nothing_is_open(
    client, mechanism, handler
):
    submission, case = _file(mechanism, handler)
    client.post(reverse("intake:follow-up"), {"receipt": submission.receipt})
    page = client.get(reverse("intake:follow-up-case")).content.decode()
    assert reverse("cases:my-data") in page and reverse("cases:erase") in page

    download = client.get(reverse("cases:my-data"))
    assert download["Content-Disposition"].startswith("attachment;")
    assert "no-store" in download["Cache-Control"]
    data = json.loads(download.content)
    assert data["name"] == "Rahima Begum"
    assert data["what_happened"].startswith("Kolmogorov")
    assert data["files"][0]["name"] == "proof.pdf"
    assert data["handled_by"][0]["personal_data_kept_days_after_the_end"] == 730

    # Unconfirmed, or while the case is open: refused, nothing lost.
    client.post(reverse("cases:erase"), {})
    refused = client.post(reverse("cases:erase"), {"confirm": "on"}, follow=True)
    assert "still being handled" in refused.content.decode()
    assert Complaint.objects.get().reporter_name == "Rahima Begum"

    _close(case, handler, days_ago=0)
    done = client.post(reverse("cases:erase"), {"confirm": "on"}, follow=True)
    assert "Your personal data is erased" in done.content.decode()
    assert Complaint.objects.get().reporter_name == ""
    # The session is gone and the code opens nothing.
    assert client.get(reverse("cases:my-data")).status_code == 404
    again = client.post(reverse("intake:follow-up"), {"receipt": submission.receipt})
    assert again.status_code == 400


def test_a_complaint_waiting_to_be_routed_cannot_be_erased_unless_withdrawn(client):
    submission = complaint_submit(
        data={"description": "Waiting.", "country": "BD"},
        seed="web:wait",
        channel="web",
        language="en",
    )
    client.post(reverse("intake:follow-up"), {"receipt": submission.receipt})
    client.post(reverse("cases:erase"), {"confirm": "on"})
    assert Complaint.objects.get().erased_at is None
    client.post(reverse("cases:withdraw"), {"confirm": "on", "reason": ""})
    client.post(reverse("cases:erase"), {"confirm": "on"})
    assert Complaint.objects.get().erased_at is not None


def test_nobody_without_the_receipt_reaches_her_data(client, mechanism, handler):
    _file(mechanism, handler)
    assert client.get(reverse("cases:my-data")).status_code == 404
    assert client.post(reverse("cases:erase"), {"confirm": "on"}).status_code == 404
    verified_login(client, handler)
    assert client.get(reverse("cases:my-data")).status_code == 404
