import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from remedyhub.accounts.models import User
from remedyhub.intake.models import Complaint, Message
from remedyhub.intake.tests.conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db

URL = "/api/v1/complaints/"
BODY = {
    "description": "Forty workers were dismissed after they joined the union.",
    "country": "bd",
    "site_name": "Example Knit",
    "issues": ["unfair_dismissal", "freedom_of_association"],
    "reporter_type": "union",
    "on_behalf_of_others": True,
    "represented_people": "40 machine operators",
    "organisation": "Example Garment Workers Federation",
}


@pytest.fixture
def api():
    cache.clear()  # receipt-failure counters
    yield APIClient()
    cache.clear()


def test_an_anonymous_submission_answers_with_reference_receipt_and_follow_up(api):
    response = api.post(URL, BODY, format="json", HTTP_IDEMPOTENCY_KEY="k" * 32)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"].startswith("RH-")
    assert len(body["receipt"].replace(" ", "")) == 16
    assert body["follow_up_url"].endswith(reverse("intake:follow-up"))
    complaint = Complaint.objects.get()
    assert complaint.channel == "api" and complaint.country == "BD"
    assert complaint.on_behalf_of_others and complaint.represented_people == "40 machine operators"


def test_a_retry_with_the_same_key_gives_the_same_complaint(api):
    first = api.post(URL, BODY, format="json", HTTP_IDEMPOTENCY_KEY="retry-key-0123456789")
    second = api.post(URL, BODY, format="json", HTTP_IDEMPOTENCY_KEY="retry-key-0123456789")
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Complaint.objects.count() == 1
    third = api.post(URL, BODY, format="json", HTTP_IDEMPOTENCY_KEY="another-key-0123456789")
    assert third.json()["reference"] != first.json()["reference"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"description": ""}, "description"),
        ({"country": "Narnia"}, "country"),
        ({"issues": ["bad_code"]}, "issues"),
        ({"occurred_from": "2999-01-01"}, "occurred_from"),
        ({"affected_count": 0}, "affected_count"),
        ({"facility_id": "RHF-NOTHING"}, "facility_id"),
        ({"anonymous": False}, "contact"),
        ({"contact": {"phone": "12"}}, "contact"),
        ({"consent_identity_to_company": True}, "consent_identity_to_company"),
        ({"on_behalf_of_others": True, "represented_people": ""}, "represented_people"),
    ],
)
def test_bad_fields_get_400_with_the_field_named(api, change, field):
    response = api.post(URL, {**BODY, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Complaint.objects.count() == 0


def test_a_short_idempotency_key_is_refused(api):
    response = api.post(URL, BODY, format="json", HTTP_IDEMPOTENCY_KEY="1")
    assert response.status_code == 400


def test_multipart_with_a_photo_stores_it_without_metadata(api):
    photo = io.BytesIO(jpeg_with_gps())
    photo.name = "p.jpg"
    data = {**BODY, "files": [photo], "contact": '{"messaging": "Signal"}'}
    response = api.post(URL, data, format="multipart")
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get()
    assert complaint.issues == BODY["issues"]
    assert complaint.contact_other == "Signal"
    from remedyhub.intake.services import attachment_read

    assert b"ExampleCam" not in attachment_read(complaint.attachments.get())


def test_a_partner_token_records_the_organisation(api, capsys):
    User.objects.create_user("ngo", password="x" * 20)
    call_command("create_api_token", "ngo", "--organisation", "Example Rights Watch")
    key = capsys.readouterr().out.strip()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.post(URL, BODY, format="json")
    assert response.status_code == 201
    complaint = Complaint.objects.get()
    assert complaint.partner_organisation == "Example Rights Watch"
    assert complaint.entered_by.username == "ngo"
    api.credentials(HTTP_AUTHORIZATION="Token rh_wrong")
    assert api.post(URL, BODY, format="json").status_code == 401


def test_follow_up_by_receipt_header(api):
    receipt = api.post(URL, BODY, format="json").json()["receipt"]
    status = api.get("/api/v1/follow-up/", HTTP_X_RECEIPT=receipt)
    assert status.status_code == 200
    assert status.json()["status"] == "received"
    assert status.json()["messages"][0]["kind"] == "acknowledgement"
    posted = api.post(
        "/api/v1/follow-up/messages/",
        {"body": "The dismissals continue.", "kind": "meeting_request"},
        format="json",
        HTTP_X_RECEIPT=receipt,
    )
    assert posted.status_code == 201
    assert Message.objects.filter(kind="meeting_request").count() == 1
    assert api.get("/api/v1/follow-up/", HTTP_X_RECEIPT="1111 2222 3333 4444").status_code == 404
    missing = api.get("/api/v1/follow-up/")
    assert missing.status_code == 400 and "X-Receipt" in missing.json()


def test_a_busy_database_answers_503_and_a_retry_stores_once(api, monkeypatch):
    from django.db import OperationalError

    from remedyhub.intake import services

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "_acknowledge", locked)
    busy = api.post(URL, BODY, format="json", HTTP_IDEMPOTENCY_KEY="busy-key-0123456789")
    assert busy.status_code == 503 and busy["Retry-After"] == "2"
    assert Complaint.objects.count() == 0
    monkeypatch.undo()
    stored = api.post(URL, BODY, format="json", HTTP_IDEMPOTENCY_KEY="busy-key-0123456789")
    assert stored.status_code == 201 and Complaint.objects.count() == 1
