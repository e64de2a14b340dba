"""The two-step log-in in Chromium: enrolment from the page's secret, the admin and the API
documentation under the Content-Security-Policy with no violation reported by the browser."""

import base64

import pytest
from django_otp.oath import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long passphrase 1"


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def test_enrol_log_in_and_browse_without_csp_violations(
    live_server, scripted_page, django_user_model
):
    from axe_playwright_python.sync_playwright import Axe

    django_user_model.objects.create_superuser("root", password=PASSWORD)
    page = scripted_page
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    base = live_server.url
    page.goto(base + "/en/admin/")
    assert page.url.startswith(base + "/en/account/login/")
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", PASSWORD)
    submit(page, "main form button[type=submit]")
    assert page.url == base + "/en/account/login/authenticator/"

    # The QR code is an image the browser could decode; the page has no script of its own.
    assert page.evaluate("document.querySelector('img.qr-code').naturalWidth") > 0
    assert page.locator("script").count() == 0
    serious = [
        violation["id"]
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []

    secret = base64.b32decode(page.inner_text(".totp-secret").replace(" ", ""))
    page.fill("input[name=code]", f"{totp(secret):06d}")
    submit(page, "main form button[type=submit]")
    assert page.url == base + "/en/admin/"
    assert page.locator("#site-name").count() == 1

    page.goto(base + "/en/admin/accounts/user/")
    assert "root" in page.content()
    page.goto(base + "/api/v1/docs/")
    page.wait_for_selector(".opblock", timeout=15_000)
    assert violations == []
