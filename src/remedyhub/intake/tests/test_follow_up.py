import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from remedyhub.intake import throttle
from remedyhub.intake.models import Complaint, Message
from remedyhub.intake.services import complaint_submit

pytestmark = pytest.mark.django_db

VALUES = {"description": "Wages for March were never paid to the packing team.", "country": "BD"}


@pytest.fixture
def filed():
    submission = complaint_submit(data=VALUES, seed="test:one", channel="web", language="en")
    return submission.complaint, submission.receipt


def open_with(client, code):
    return client.post(reverse("intake:follow-up"), {"receipt": code})


def test_the_receipt_opens_status_deadline_and_messages(client, filed):
    complaint, code = filed
    response = open_with(client, f"{code[:4]} {code[4:8]}-{code[8:12]}.{code[12:]}")
    assert response["Location"] == reverse("intake:follow-up-case")
    page = client.get(response["Location"]).content.decode()
    assert complaint.reference in page
    assert "Received" in page
    assert "We have received your complaint" in page  # the acknowledgement
    assert "at the latest on" in page


def test_a_wrong_receipt_gets_the_same_answer_as_any_other(client, filed):
    first = open_with(client, "0000 0000 0000 0001")
    second = open_with(client, "9999 9999 9999 9999")
    assert first.status_code == second.status_code == 400

    def page(response, code):
        return response.content.decode().replace(code, "").split("csrfmiddlewaretoken")[0]

    assert page(first, "0000 0000 0000 0001") == page(second, "9999 9999 9999 9999")
    assert "does not open a complaint" in first.content.decode()


def test_repeated_wrong_tries_are_stopped_for_a_while(client, filed):
    _complaint, code = filed
    for attempt in range(throttle.CLIENT_FAILURES):
        assert open_with(client, f"1234 5678 0000 {attempt:04d}").status_code == 400
    blocked = open_with(client, code)  # even the right code waits now
    assert blocked.status_code == 429
    assert "wait 15 minutes" in blocked.content.decode()


def test_the_reporter_replies_with_a_file_asks_for_a_meeting_and_withdraws(
    client, filed, gps_photo
):
    complaint, code = filed
    open_with(client, code)
    case = reverse("intake:follow-up-case")
    photo = SimpleUploadedFile("evidence.jpg", gps_photo, content_type="image/jpeg")
    response = client.post(
        case, {"action": "reply", "body": "Here is the notice board.", "files": [photo]}
    )
    assert response.status_code == 302
    reply = complaint.messages.get(sender=Message.Sender.REPORTER)
    assert reply.body == "Here is the notice board."
    attachment = reply.attachments.get()
    download = client.get(reverse("intake:follow-up-file", args=[attachment.storage_name]))
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"ExampleCam" not in download.content

    client.post(case, {"action": "reply", "meeting": "on"})
    assert complaint.messages.filter(kind=Message.Kind.MEETING_REQUEST).exists()

    refused = client.post(case, {"action": "withdraw"})
    assert refused.status_code == 400
    client.post(case, {"action": "withdraw", "confirm": "on", "reason": "Solved with the manager."})
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.WITHDRAWN
    before = complaint.messages.count()
    after = client.post(case, {"action": "reply", "body": "One more thing"})
    assert after.status_code == 400
    assert complaint.messages.count() == before


def test_an_empty_reply_is_refused(client, filed):
    _complaint, code = filed
    open_with(client, code)
    response = client.post(reverse("intake:follow-up-case"), {"action": "reply", "body": "  "})
    assert response.status_code == 400
    assert 'id="id_body_error"' in response.content.decode()


def test_the_follow_up_needs_the_receipt_first(client, filed):
    assert client.get(reverse("intake:follow-up-case"))["Location"] == reverse("intake:follow-up")


def test_another_reporters_file_is_not_reachable(client, filed, gps_photo):
    _complaint, code = filed
    other = complaint_submit(data=VALUES, seed="test:two", channel="web", language="en")
    from remedyhub.intake.files import clean_upload
    from remedyhub.intake.services import attachment_store

    theirs = attachment_store(clean_upload("a.jpg", gps_photo), complaint=other.complaint)
    open_with(client, code)
    response = client.get(reverse("intake:follow-up-file", args=[theirs.storage_name]))
    assert response.status_code == 404


def test_submitting_the_same_seed_twice_gives_one_complaint_and_the_same_receipt():
    first = complaint_submit(data=VALUES, seed="web:same", channel="web", language="en")
    second = complaint_submit(data=VALUES, seed="web:same", channel="web", language="en")
    assert first.created and not second.created
    assert first.complaint.pk == second.complaint.pk and first.receipt == second.receipt
    assert Complaint.objects.count() == 1


def test_a_failed_submission_leaves_nothing_behind(monkeypatch, gps_photo):
    from remedyhub.intake import services
    from remedyhub.intake.files import clean_upload

    def broken(complaint):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_acknowledge", broken)
    with pytest.raises(RuntimeError):
        complaint_submit(
            data=VALUES,
            seed="web:x",
            channel="web",
            language="en",
            files=[clean_upload("a.jpg", gps_photo)],
        )
    assert Complaint.objects.count() == 0
    assert not list(services.attachments_dir().glob("*"))


def test_receipt_codes_are_not_stored(filed):
    _complaint, code = filed
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM intake_complaint")
        raw = repr(cursor.fetchall())
    assert code not in raw
