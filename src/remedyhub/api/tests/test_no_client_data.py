"""No reporter's IP address or browser string is stored or logged: a full reporting flow, then
every table of the database and every line of the log output are searched for them.
"""

import io
import logging
import re
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from remedyhub.common.logfilters import ClientDataFilter
from remedyhub.intake.models import Complaint, Message
from remedyhub.intake.tests.conftest import jpeg_with_gps
from remedyhub.intake.tests.helpers import fill_all, step_url

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.199"
FORWARDED = "198.51.100.243"
AGENT = "RemedyHubProbe/7.7 (distinctive-agent-q8f3k2)"
AGENT_TOKEN = "distinctive-agent-q8f3k2"
NEEDLES = [ADDRESS, FORWARDED, AGENT_TOKEN]
CLIENT = {
    "REMOTE_ADDR": ADDRESS,
    "HTTP_USER_AGENT": AGENT,
    "HTTP_X_FORWARDED_FOR": f"{FORWARDED}, {ADDRESS}",
}
RECEIPT = re.compile(r"\d{4} \d{4} \d{4} \d{4}")


@pytest.fixture
def log_output():
    """What the site's configured log handler writes (the same handler, filters and format)."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "stderr")
    assert any(isinstance(f, ClientDataFilter) for f in handler.filters)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def every_value_in_the_database():
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (names from introspection)
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview):
                        value = value.tobytes()
                    if isinstance(value, bytes):
                        value = value.decode("latin-1")
                    yield table, str(value)


def web_reporting_flow():
    client = Client(**CLIENT)
    fill_all(client)
    photo = SimpleUploadedFile("site.jpg", jpeg_with_gps(), content_type="image/jpeg")
    client.post(step_url("files"), {"files": [photo], "action": "upload"})
    assert client.post(step_url("check"), {"action": "send"}).status_code == 302
    done = client.get("/en/report/done/").content.decode()
    code = RECEIPT.search(done).group(0)
    client.post("/en/report/done/", {"kept": "yes"})
    # A mistyped code first, then the right one; a reply, a meeting request, a withdrawal.
    assert client.post("/en/follow-up/", {"receipt": "1111 2222 3333 4444"}).status_code == 400
    assert client.post("/en/follow-up/", {"receipt": code}).status_code == 302
    case = "/en/follow-up/complaint/"
    client.post(case, {"action": "reply", "body": "The exit is still locked."})
    client.post(case, {"action": "reply", "meeting": "on"})
    client.post(case, {"action": "withdraw", "confirm": "on", "reason": "Moved away."})
    client.post("/en/follow-up/close/")
    return code


def api_reporting_flow():
    api = APIClient(**CLIENT)
    body = {"description": "Night shifts are unpaid since May.", "country": "BD"}
    created = api.post(
        "/api/v1/complaints/", body, format="json", HTTP_IDEMPOTENCY_KEY="probe-key-0123456789"
    )
    assert created.status_code == 201
    receipt = created.json()["receipt"]
    assert api.get("/api/v1/follow-up/", HTTP_X_RECEIPT="0" * 16).status_code == 404
    assert api.get("/api/v1/follow-up/", HTTP_X_RECEIPT=receipt).status_code == 200
    answer = api.post(
        "/api/v1/follow-up/messages/", {"body": "More news."}, format="json", HTTP_X_RECEIPT=receipt
    )
    assert answer.status_code == 201


def test_a_full_reporting_flow_leaves_no_address_or_browser_string(log_output):
    web_reporting_flow()
    api_reporting_flow()
    # Requests whose logged lines would hold the address and agent if nothing removed them:
    # a page that does not exist, named after them, and a log-in attempt.
    visitor = Client(**CLIENT)
    assert visitor.get(f"/en/{ADDRESS}/{quote(AGENT)}/").status_code == 404
    visitor.post("/en/account/login/", {"username": AGENT, "password": "wrong password"})

    assert Complaint.objects.count() == 2
    assert Message.objects.filter(kind=Message.Kind.WITHDRAWAL).exists()
    hits = [
        (table, needle)
        for table, value in every_value_in_the_database()
        for needle in NEEDLES
        if needle in value
    ]
    assert hits == []

    logged = log_output.getvalue()
    assert "Not Found" in logged and "[client]" in logged, "the log capture works"
    assert [needle for needle in NEEDLES if needle in logged] == []


def test_the_filter_drops_the_request_django_attaches_to_its_records(rf):
    request = rf.get("/en/", REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Failed for %s", (AGENT,), None
    )
    record.request = request
    assert ClientDataFilter().filter(record)
    assert record.request is None
    assert record.getMessage() == "Failed for [client]"
