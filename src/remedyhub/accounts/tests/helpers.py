"""Logging staff in for tests: with a confirmed authenticator, as the real two-step log-in does."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def current_code(device, offset=0):
    """The code the user's app shows now (offset in steps of 30 seconds)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0 - offset * device.step):06d}"


def verified_login(client, user):
    """``force_login`` plus the verified second factor, as after password and TOTP code."""
    device = authenticator(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def browser_log_in(page, base_url, user, password):
    """The real two-step log-in in a browser page: password, then the authenticator's code."""
    device = authenticator(user)
    page.goto(base_url + "/en/account/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.fill("input[name=code]", current_code(device))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
