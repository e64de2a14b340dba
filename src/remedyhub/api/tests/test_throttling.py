"""Throttling of anonymous complaints and of receipt look-ups, on the web and over the API.

The limits are lowered for the tests (the same Limit class, smaller numbers); the counters are
the real ones, in the database cache, keyed by a hash of the client's address.
"""

import pytest
from django.db import connection
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from remedyhub.accounts.models import User
from remedyhub.accounts.tokens import api_token_create
from remedyhub.common.throttle import Limit
from remedyhub.intake import throttle
from remedyhub.intake.models import Complaint, Draft
from remedyhub.intake.tests.helpers import fill_all, step_url

pytestmark = pytest.mark.django_db

URL = "/api/v1/complaints/"
BODY = {"description": "Wages for March were never paid to anyone.", "country": "BD"}
ADDRESS, OTHER_ADDRESS = "203.0.113.77", "198.51.100.23"


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(throttle, "SUBMISSIONS_BY_CLIENT", Limit("submission", 2, 3600))
    monkeypatch.setattr(throttle, "SUBMISSIONS_BY_SITE", Limit("submission", 3, 3600))


def web_submit(address):
    client = Client(REMOTE_ADDR=address)
    fill_all(client)
    return client, client.post(step_url("check"), {"action": "send"})


def cache_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value FROM remedyhub_throttle")
        return cursor.fetchall()


def test_the_web_form_stops_a_flood_from_one_client_then_from_all(small_limits):
    for _attempt in range(2):
        assert web_submit(ADDRESS)[1].status_code == 302
    _client, blocked = web_submit(ADDRESS)
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "3600"
    assert "Too many complaints were sent in a short time" in blocked.content.decode()
    assert Complaint.objects.count() == 2
    assert Draft.objects.filter(complaint__isnull=True).count() == 1, "her answers are kept"

    assert web_submit(OTHER_ADDRESS)[1].status_code == 302  # another client still may
    assert web_submit("192.0.2.1")[1].status_code == 429  # until the site-wide limit
    rows = cache_rows()
    assert rows and not any(ADDRESS in key or OTHER_ADDRESS in key for key, _value in rows)


def test_the_refusal_is_translated(small_limits):
    for _attempt in range(2):
        web_submit(ADDRESS)
    client = Client(REMOTE_ADDR=ADDRESS)
    fill_all(client)
    with translation.override("nl"):
        url = step_url("check")
    page = client.post(url, {"action": "send"})
    assert page.status_code == 429
    assert "Er zijn in korte tijd te veel klachten verstuurd" in page.content.decode()


def test_anonymous_api_submissions_are_limited_but_partners_are_not(small_limits):
    api = APIClient(REMOTE_ADDR=ADDRESS)
    for _attempt in range(2):
        assert api.post(URL, BODY, format="json").status_code == 201
    blocked = api.post(URL, BODY, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert Complaint.objects.count() == 2

    user = User.objects.create_user("partner", password="a long passphrase 1")
    _token, key = api_token_create(user=user, organisation="Example Federation")
    partner = APIClient(REMOTE_ADDR=ADDRESS)
    partner.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert partner.post(URL, BODY, format="json").status_code == 201


def test_receipt_guessing_over_the_api_is_stopped_with_one_answer():
    api = APIClient(REMOTE_ADDR=ADDRESS)
    answers = set()
    for attempt in range(throttle.CLIENT_FAILURES):
        response = api.get("/api/v1/follow-up/", HTTP_X_RECEIPT=f"1234 5678 0000 {attempt:04d}")
        assert response.status_code == 404
        answers.add(response.content)
    assert len(answers) == 1, "every wrong code gets the same answer"
    blocked = api.post("/api/v1/follow-up/messages/", {"body": "x"}, HTTP_X_RECEIPT="1" * 16)
    assert blocked.status_code == 429
    other = APIClient(REMOTE_ADDR=OTHER_ADDRESS)
    assert other.get("/api/v1/follow-up/", HTTP_X_RECEIPT="1" * 16).status_code == 404


def test_receipt_guessing_from_many_addresses_meets_the_site_limit(monkeypatch):
    monkeypatch.setattr(throttle, "RECEIPT_BY_SITE", Limit("receipt-fail", 3, 900))
    for number in range(3):
        client = Client(REMOTE_ADDR=f"192.0.2.{number}")
        assert client.post("/en/follow-up/", {"receipt": "1" * 16}).status_code == 400
    late = Client(REMOTE_ADDR="192.0.2.200").post("/en/follow-up/", {"receipt": "1" * 16})
    assert late.status_code == 429
    assert "Too many tries" in late.content.decode()
