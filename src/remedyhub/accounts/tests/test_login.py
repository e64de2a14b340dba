"""The two-step log-in, enrolment of an authenticator, throttling, and sessions that end."""

import base64
import re
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from remedyhub.accounts import login
from remedyhub.accounts.models import Affiliation
from remedyhub.accounts.tests.helpers import authenticator, current_code, verified_login

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase 1"
LOGIN = "/en/account/login/"
CODE = "/en/account/login/code/"
ENROL = "/en/account/login/authenticator/"


@pytest.fixture
def handler(django_user_model):
    from remedyhub.routing.models import Mechanism

    user = django_user_model.objects.create_user(username="hanna", password=PASSWORD)
    mechanism = Mechanism.objects.create(name="Test committee", slug="test-committee")
    Affiliation.objects.create(user=user, role="handler", mechanism=mechanism)
    return user


def password_step(client, username="hanna", password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_first_log_in_enrols_an_authenticator_from_the_qr_code_and_secret(client, handler):
    response = password_step(client)
    assert response.status_code == 302 and response["Location"] == ENROL
    # Only the password: not logged in, no staff page, no admin.
    assert client.get("/en/account/")["Location"].startswith(LOGIN)
    assert client.get("/en/cases/").status_code == 302
    assert client.get("/en/admin/", follow=True).redirect_chain[-1][0].startswith(LOGIN)

    page = client.get(ENROL)
    html = page.content.decode()
    assert page["Cache-Control"].count("no-store") == 1
    assert "<script" not in html
    qr = re.search(r'<img class="qr-code" src="(data:image/svg\+xml[^"]+)"', html)
    assert qr, "a QR code made on the server, as an image"
    assert "<svg" in unquote(qr.group(1))
    shown = re.search(r'<code class="totp-secret">([A-Z2-7 ]+)</code>', html).group(1)
    secret = base64.b32decode(shown.replace(" ", ""))
    device = TOTPDevice.objects.get(user=handler)
    assert secret == device.bin_key and not device.confirmed
    assert client.get(ENROL).content.decode().count(shown) == 1, "same secret on reload"

    # What an authenticator app computes from the secret it was given.
    code = f"{totp(secret):06d}"
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    refused = client.post(ENROL, {"code": wrong})
    assert refused.status_code == 400
    assert "the user name, password or code is wrong" in refused.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)

    done = client.post(ENROL, {"code": code})
    assert done.status_code == 302 and done["Location"] == "/en/account/"
    device.refresh_from_db()
    assert device.confirmed
    assert "Welcome, hanna" in client.get("/en/account/").content.decode()
    assert client.get("/en/cases/").status_code == 200


def test_later_log_ins_ask_for_the_code_and_a_code_works_only_once(client, handler):
    device = authenticator(handler)
    code = current_code(device)
    assert password_step(client, next="/en/cases/")["Location"] == CODE
    assert client.get(ENROL)["Location"] == CODE, "no second authenticator by the back door"
    response = client.post(CODE, {"code": code})
    assert response["Location"] == "/en/cases/"
    client.post("/en/account/logout/")

    password_step(client)
    replayed = client.post(CODE, {"code": code})
    assert replayed.status_code == 400
    assert client.get("/en/account/").status_code == 302


def test_a_next_address_on_another_site_is_ignored(client, handler):
    device = authenticator(handler)
    password_step(client, next="https://evil.example/steal")
    response = client.post(CODE, {"code": current_code(device)})
    assert response["Location"] == "/en/account/"


def test_the_code_step_needs_a_recent_password_step(client, handler, settings):
    device = authenticator(handler)
    assert client.post(CODE, {"code": current_code(device)})["Location"] == LOGIN
    password_step(client)
    settings.LOGIN_PENDING_SECONDS = -1
    assert client.post(CODE, {"code": current_code(device)})["Location"] == LOGIN
    assert client.get("/en/account/").status_code == 302


def test_a_session_with_only_the_password_is_no_log_in(client, handler):
    """force_login is what a password-only login() elsewhere would leave behind."""
    client.force_login(handler)
    assert client.get("/en/account/")["Location"].startswith(LOGIN)
    assert client.get("/api/v1/cases/NOPE/").status_code in {401, 403}
    assert "_auth_user_id" not in client.session


def test_the_admin_has_no_password_only_log_in(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password=PASSWORD)
    response = client.get("/en/admin/login/?next=/en/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    client.force_login(admin)
    assert client.get("/en/admin/").status_code == 302
    verified_login(client, admin)
    assert client.get("/en/admin/").status_code == 200


def test_wrong_passwords_are_throttled_per_account_with_one_answer(client, handler):
    answers = set()
    for _attempt in range(login.LOGIN_BY_NAME.count):
        response = password_step(client, password="not the password")
        answers.add(response.content.decode().split("csrfmiddlewaretoken")[1][80:])
    blocked = password_step(client)  # even the right password waits now
    assert blocked.status_code == 429
    assert "/code/" not in blocked.get("Location", "")
    assert len(answers) == 1
    # A name that does not exist is counted and answered the same way: no enumeration.
    for _attempt in range(login.LOGIN_BY_NAME.count):
        password_step(client, username="nobody-here")
    unknown = password_step(client, username="nobody-here")
    assert unknown.status_code == 429
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')

    def page(response, name):
        return token.sub("", response.content.decode()).replace(name, "NAME")

    assert page(unknown, "nobody-here") == page(blocked, "hanna")


def test_wrong_passwords_are_throttled_per_client_across_accounts(client, handler):
    for attempt in range(login.LOGIN_BY_CLIENT.count):
        password_step(client, username=f"guess{attempt}", password="wrong")
    assert password_step(client).status_code == 429
    other_client = client.__class__(REMOTE_ADDR="198.51.100.7")
    assert password_step(other_client)["Location"] == ENROL


def test_wrong_codes_are_throttled(client, handler):
    device = authenticator(handler)
    password_step(client)
    for _attempt in range(login.CODES_BY_USER.count):
        client.post(CODE, {"code": "000000"})
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    assert client.post(CODE, {"code": current_code(device)}).status_code == 400
    assert client.get("/en/account/").status_code == 302


def test_idle_sessions_end_after_half_an_hour():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_each_request_pushes_the_idle_expiry_on(client, handler):
    import datetime as dt

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    verified_login(client, handler)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + dt.timedelta(minutes=1)
    )
    assert client.get("/en/account/").status_code == 200
    stored = Session.objects.get(session_key=client.session.session_key)
    assert stored.expire_date > timezone.now() + dt.timedelta(minutes=29)
    Session.objects.all().update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert client.get("/en/account/").status_code == 302, "an idle session has ended"


@pytest.mark.parametrize(
    ("password", "refused"),
    [
        ("short1!", True),
        ("password1234", True),  # common
        ("Vandersteen12", True),  # too like the person's name
        ("Tide pool lantern 47", False),
    ],
)
def test_password_rules(handler, password, refused):
    handler.first_name, handler.last_name = "Hannelore", "Vandersteen"
    if refused:
        with pytest.raises(ValidationError):
            validate_password(password, user=handler)
    else:
        validate_password(password, user=handler)
    assert settings.AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"]["min_length"] == 12


def test_argon2_hashes_passwords_outside_the_tests():
    import subprocess
    import sys

    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])",
        ],
        env={"DJANGO_ENV": "development", "DJANGO_SETTINGS_MODULE": "remedyhub.conf.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"
