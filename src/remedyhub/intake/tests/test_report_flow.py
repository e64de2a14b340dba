import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from remedyhub.intake import receipts
from remedyhub.intake.models import Attachment, Complaint, Draft, Message
from remedyhub.intake.services import attachment_read, attachments_dir
from remedyhub.intake.tests.helpers import GOOD_ANSWERS, answer, fill_all, start, step_url
from remedyhub.registry.tests.factories import FacilityFactory

pytestmark = pytest.mark.django_db

RECEIPT = re.compile(r"\b(\d{4} \d{4} \d{4} \d{4})\b")


def send(client):
    return client.post(step_url("check"), {"action": "send"})


def receipt_of(response) -> str:
    match = RECEIPT.search(response.content.decode())
    assert match, "no receipt code on the page"
    return match.group(1)


def test_a_complete_anonymous_report_is_stored_once_and_gives_a_receipt(client):
    fill_all(client)
    assert send(client)["Location"] == reverse("intake:done")
    # A double tap and a resubmitted form: still one complaint.
    send(client)
    send(client)
    assert Complaint.objects.count() == 1
    complaint = Complaint.objects.get()
    assert complaint.reference == f"RH-{complaint.created_at.year}-{complaint.pk:06d}"
    assert complaint.channel == "web"
    assert complaint.country == "BD"
    assert complaint.issues == ["health_and_safety", "working_hours"]
    assert complaint.affected_count == 120
    assert complaint.ongoing is True
    assert complaint.anonymous is True and complaint.reporter_name == ""
    assert complaint.detected_language == "en"
    assert complaint.messages.filter(kind=Message.Kind.ACKNOWLEDGEMENT).count() == 1

    done = client.get(reverse("intake:done"))
    code = receipt_of(done)
    assert complaint.receipt_digest == receipts.digest(code.replace(" ", ""))
    assert complaint.reference in done.content.decode()

    # Once kept, the code is gone from this device and is never shown again.
    kept = client.post(reverse("intake:done"), {"kept": "yes"})
    assert kept["Location"] == reverse("intake:follow-up")
    assert not Draft.objects.exists()
    assert client.get(reverse("intake:done"))["Location"] == reverse("intake:start")


def test_the_receipt_page_insists_the_code_was_kept(client):
    fill_all(client)
    send(client)
    response = client.post(reverse("intake:done"), {})
    assert response.status_code == 400
    assert "tick the box" in response.content.decode()
    assert Draft.objects.exists()


def test_the_stored_complaint_holds_no_readable_text(client):
    answers = {
        **GOOD_ANSWERS,
        "identity": {
            "anonymous": "no",
            "reporter_name": "Shirin Quokkasdottir",
            "contact_phone": "01712-345678",
            "contact_email": "shirin@example.org",
        },
    }
    answers["what"] = {"description": "Zanzibarquill locks the exits every night."}
    fill_all(client, answers)
    send(client)
    complaint = Complaint.objects.get()
    assert complaint.contact_phone == "+8801712345678"
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM intake_complaint")
        raw = repr(cursor.fetchall())
    for secret in ("Zanzibarquill", "Quokkasdottir", "shirin@example.org", "1712345678"):
        assert secret not in raw


def test_back_and_forth_keeps_every_answer(client):
    start(client)
    answer(client, "what", GOOD_ANSWERS["what"])
    answer(client, "where", {"country": "BD", "site_name": "Half typed"}, action="back")
    page = client.get(step_url("what")).content.decode()
    assert "locks the fire exit" in page
    assert 'value="health_and_safety"' in page and "checked" in page
    page = client.get(step_url("where")).content.decode()
    assert 'value="Half typed"' in page


def test_the_where_step_offers_registry_candidates(client):
    facility = FacilityFactory(name="Sunrise Knit Composite Ltd", address="Konabari, Gazipur")
    start(client)
    answer(client, "where", {"country": "BD", "site_name": "sunrise knit"}, action="search")
    page = client.get(step_url("where")).content.decode()
    assert facility.public_id in page
    response = answer(
        client,
        "where",
        {"country": "BD", "site_name": "sunrise knit", "facility": facility.public_id},
    )
    assert response.status_code == 302
    fill_all(client, {k: v for k, v in GOOD_ANSWERS.items() if k != "where"})
    send(client)
    assert Complaint.objects.get().facility == facility


FIELD_FAILURES = [
    ("what", {"description": "short"}, "description"),
    ("what", {"description": "x" * 20_001}, "description"),
    ("what", {"issues_labour": ["bogus"]}, "issues_labour"),
    ("where", {"country": "BD", "site_name": "s" * 301}, "site_name"),
    ("where", {"country": "BD", "site_address": "a" * 301}, "site_address"),
    ("where", {"country": "BD", "facility": "RHF-BOGUS"}, "facility"),
    ("where", {"country": ""}, "country"),
    ("where", {"country": "XX"}, "country"),
    ("when", {"occurred_from": "2999-01-01"}, "occurred_from"),
    ("when", {"occurred_from": "2026-02-01", "occurred_to": "2026-01-01"}, "occurred_to"),
    ("when", {"occurred_from": "not a date"}, "occurred_from"),
    ("when", {"occurred_to": "2026-01-01", "ongoing": "on"}, "ongoing"),
    ("affected", {"affected_count": "0"}, "affected_count"),
    ("affected", {"affected_count": "many"}, "affected_count"),
    ("affected", {"affected_groups": ["aliens"]}, "affected_groups"),
    ("reporter", {"on_behalf_of_others": "no"}, "reporter_type"),
    ("reporter", {"reporter_type": "affected_person"}, "on_behalf_of_others"),
    ("identity", {"anonymous": "maybe"}, "anonymous"),
    ("identity", {"anonymous": "yes", "contact_other": "m" * 201}, "contact_other"),
    ("reporter", {"reporter_type": "union", "on_behalf_of_others": "no"}, "organisation"),
    ("reporter", {"reporter_type": "ngo", "on_behalf_of_others": "yes"}, "represented_people"),
    ("identity", {"anonymous": "no"}, "reporter_name"),
    (
        "identity",
        {"anonymous": "yes", "consent_identity_to_company": "on"},
        "consent_identity_to_company",
    ),
    ("identity", {"anonymous": "yes", "contact_phone": "12"}, "contact_phone"),
    ("identity", {"anonymous": "yes", "contact_email": "not-an-address"}, "contact_email"),
]


KEPT = {
    "what": {"description": "Kept text that I typed 123"},
    "where": {"site_name": "Kept site 123"},
    "when": {},
    "affected": {},
    "reporter": {"represented_people": "Kept people 123"},
    "identity": {"contact_other": "Kept messenger 123"},
}


@pytest.mark.parametrize(("step", "values", "field"), FIELD_FAILURES)
def test_invalid_input_is_shown_next_to_the_field_and_keeps_the_rest(client, step, values, field):
    start(client)
    answer(client, "where", GOOD_ANSWERS["where"])
    kept = {name: value for name, value in KEPT[step].items() if name != field}
    response = answer(client, step, {**kept, **values})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert 'aria-invalid="true"' in page
    for value in kept.values():
        assert value in page
    assert Complaint.objects.count() == 0


def test_messages_are_in_the_reporters_language(client):
    start(client)
    with translation.override("nl"):
        url = step_url("what")
    assert url.startswith("/nl/")
    response = client.post(url, {"description": "kort", "action": "next"})
    assert response.status_code == 200
    assert "ten minste 10 tekens" in response.content.decode()


def test_files_are_cleaned_encrypted_and_attached(client, gps_photo):
    start(client)
    for step, values in GOOD_ANSWERS.items():
        answer(client, step, values)
    photo = SimpleUploadedFile("IMG_0001.jpg", gps_photo, content_type="image/jpeg")
    response = client.post(step_url("files"), {"files": [photo], "action": "upload"})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    clean = attachment_read(attachment)
    assert b"Exif" not in clean and b"ExampleCam" not in clean
    on_disk = (attachments_dir() / str(attachment.storage_name)).read_bytes()
    assert gps_photo[:200] not in on_disk and clean not in on_disk
    client.post(step_url("files"), {"action": "next"})
    send(client)
    attachment.refresh_from_db()
    assert attachment.complaint == Complaint.objects.get() and attachment.draft is None


def test_a_false_extension_is_refused_with_a_message_and_nothing_stored(client):
    start(client)
    fake = SimpleUploadedFile(
        "photo.jpg", b"MZ\x90\x00 this is a program", content_type="image/jpeg"
    )
    response = client.post(step_url("files"), {"files": [fake], "action": "upload"})
    assert response.status_code == 400
    assert "photo.jpg" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_oversized_file_is_refused_with_its_limit(client):
    start(client)
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024))
    response = client.post(step_url("files"), {"files": [big], "action": "upload"})
    assert response.status_code == 400
    assert "scan.pdf" in response.content.decode() and "10 MB" in response.content.decode()
    assert not Attachment.objects.exists()


def test_sending_with_steps_missing_is_refused(client):
    start(client)
    answer(client, "what", GOOD_ANSWERS["what"])
    response = send(client)
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_steps_without_a_draft_lead_to_the_start(client):
    response = client.get(step_url("what"))
    assert response["Location"] == reverse("intake:start")


def test_reporter_pages_are_not_cached(client):
    start(client)
    assert "no-store" in client.get(step_url("what"))["Cache-Control"]


def test_expired_drafts_and_their_files_are_purged(client, gps_photo):
    start(client)
    photo = SimpleUploadedFile("IMG_0001.jpg", gps_photo, content_type="image/jpeg")
    client.post(step_url("files"), {"files": [photo], "action": "upload"})
    attachment = Attachment.objects.get()
    path = attachments_dir() / str(attachment.storage_name)
    assert path.exists()
    sent = Client()
    fill_all(sent)
    sent.post(step_url("check"), {"action": "send"})
    Draft.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    out = io.StringIO()
    call_command("intake_purge", stdout=out)
    assert "2 expired draft(s) deleted" in out.getvalue()
    assert not Draft.objects.exists() and not Attachment.objects.exists()
    assert not path.exists()
    assert Complaint.objects.count() == 1  # a sent complaint stays


def test_a_busy_database_tells_the_reporter_nothing_was_sent_and_keeps_her_answers(
    client, monkeypatch
):
    fill_all(client)
    from django.db import OperationalError

    from remedyhub.intake import services

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "_acknowledge", locked)
    response = send(client)
    assert response.status_code == 503
    assert "was not sent" in response.content.decode()
    assert not Complaint.objects.exists()
    monkeypatch.undo()
    assert send(client)["Location"] == reverse("intake:done")
    assert Complaint.objects.count() == 1
