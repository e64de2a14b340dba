"""The security headers of representative pages, as a snapshot: any change must be deliberate."""

import json
import re

import pytest
from django.test import Client

from remedyhub.accounts.models import Affiliation
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.common.middleware import CONTENT_SECURITY_POLICY
from remedyhub.common.tests.test_settings import production, start_django
from remedyhub.intake.tests.helpers import fill_all, step_url
from remedyhub.routing.models import Mechanism

pytestmark = pytest.mark.django_db

SNAPSHOT_HEADERS = [
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
    "Cache-Control",
    "Strict-Transport-Security",
]
NEVER_CACHE = "max-age=0, must-revalidate, no-cache, no-store, private"
EXPECTED = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def directives(value):
    return ", ".join(sorted(part.strip() for part in value.split(",")))


def snapshot(response):
    headers = {name: response.headers.get(name) for name in SNAPSHOT_HEADERS}
    headers["Cache-Control"] = directives(headers["Cache-Control"] or "")
    return headers


def expected(cache_control, **changes):
    return {
        **EXPECTED,
        "Cache-Control": cache_control,
        "Strict-Transport-Security": None,
        **changes,
    }


@pytest.fixture
def handler(django_user_model):
    user = django_user_model.objects.create_user(username="h", password="a long passphrase 1")
    mechanism = Mechanism.objects.create(name="Committee", slug="committee")
    Affiliation.objects.create(user=user, role="handler", mechanism=mechanism)
    return user


def test_public_pages(client):
    assert EXPECTED["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    for url in ["/en/", "/en/how-it-works/", "/en/facilities/", "/en/mechanisms/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert snapshot(response) == expected("no-store"), url


def test_reporter_pages(client):
    assert snapshot(client.get("/en/report/")) == expected(NEVER_CACHE)
    fill_all(client)
    assert snapshot(client.get(step_url("check"))) == expected(NEVER_CACHE)
    client.post(step_url("check"), {"action": "send"})
    receipt = client.get("/en/report/done/")
    assert "receipt-code" in receipt.content.decode()
    assert snapshot(receipt) == expected(NEVER_CACHE)
    assert snapshot(client.get("/en/follow-up/")) == expected(NEVER_CACHE)


def test_staff_pages(client, handler):
    for url in ["/en/account/login/"]:
        assert snapshot(client.get(url)) == expected(NEVER_CACHE), url
    verified_login(client, handler)
    for url in ["/en/account/", "/en/cases/", "/en/complaints/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert snapshot(response)["Cache-Control"] in {"no-store", NEVER_CACHE}, url
        assert snapshot(response) == expected(snapshot(response)["Cache-Control"]), url


def test_api_answers(client):
    response = client.get("/api/v1/mechanisms/")
    assert response.status_code == 200
    assert snapshot(response) == expected("no-store")
    refused = client.get("/api/v1/follow-up/", headers={"x-receipt": "1234"})
    assert refused.status_code == 404
    assert snapshot(refused) == expected("no-store")
    docs = client.get("/api/v1/docs/")
    assert snapshot(docs) == expected("no-store")
    assert "<style" not in docs.content.decode()
    assert "<script>" not in docs.content.decode()


def test_static_files_stay_cacheable_but_not_sniffable(settings):
    settings.WHITENOISE_USE_FINDERS = True
    response = Client().get("/static/remedyhub/site.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert response["X-Content-Type-Options"] == "nosniff"


PRODUCTION_PROBE = """
import json
import re
from django.conf import settings
from django.test import Client
response = Client().get("/healthz", secure=True, headers={"host": "remedyhub.example"})
print(json.dumps({
    "status": response.status_code,
    "hsts": response.headers.get("Strict-Transport-Security"),
    "csp": response.headers.get("Content-Security-Policy"),
    "secure": [
        settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT
    ],
}))
"""


def test_production_adds_hsts_and_secure_cookies(tmp_path):
    env = production(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    result = start_django(PRODUCTION_PROBE, **env)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["status"] == 200
    assert out["hsts"] == "max-age=31536000; includeSubDomains"
    assert out["csp"] == CONTENT_SECURITY_POLICY
    assert out["secure"] == [True, True, True]


def test_a_form_post_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/follow-up/", {"receipt": "1234 5678 1234 5678"})
    assert response.status_code == 403


def test_no_template_has_inline_script_style_or_event_handlers():
    """What the CSP would block in a browser, found before it gets there."""
    from pathlib import Path

    inline = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")|<style\b"
        r"|\sstyle=|\son[a-z]+=|javascript:",
        re.IGNORECASE,
    )
    templates = Path(__file__).resolve().parents[2] / "templates"
    found = [
        (str(path.relative_to(templates)), match.group(0))
        for path in templates.rglob("*.html")
        for match in inline.finditer(path.read_text())
    ]
    assert found == []
