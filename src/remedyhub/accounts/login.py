"""Two-step log-in for every account: the password, then a code from an authenticator app (TOTP).

``login()`` is called only after the code, so a person who knows only the password is not
logged in at all and reaches no staff, company or admin page. Whoever has no authenticator yet
is shown a QR code (made on the server, no JavaScript) and the secret as text, and is logged in
once a first code from it is correct.

Tries are counted per client (a keyed hash of the address) and per account name, whether or not
that account exists; every refusal says the same thing, so the page tells nobody which names
exist. django-otp also slows down wrong codes for each authenticator (1, 2, 4... seconds).
"""

from __future__ import annotations

import base64
import time
from typing import Any

import django_otp
import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from remedyhub.accounts.models import User
from remedyhub.common.throttle import Limit, client_key, name_key

PENDING_SESSION_KEY = "login_pending"
WINDOW_SECONDS = 15 * 60
LOGIN_BY_CLIENT = Limit("login-client", 20, WINDOW_SECONDS)
LOGIN_BY_NAME = Limit("login-name", 10, WINDOW_SECONDS)
CODES_BY_USER = Limit("login-code", 10, WINDOW_SECONDS)


class PasswordForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    password = forms.CharField(
        label=gettext_lazy("Password"), strip=False, max_length=4096, widget=forms.PasswordInput
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        help_text=gettext_lazy("Six digits; a new code every 30 seconds."),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


def _refused() -> str:
    return _(
        "Log-in failed: the user name, password or code is wrong, or there were too many "
        "tries. Check them, or wait 15 minutes and try again."
    )


def _safe_next(request: HttpRequest, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _pending_user(request: HttpRequest) -> User | None:
    """The account whose password was just given, if that was a few minutes ago at most."""
    pending = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(pending, dict):
        return None
    if time.time() - float(pending.get("since", 0)) > settings.LOGIN_PENDING_SECONDS:
        del request.session[PENDING_SESSION_KEY]
        return None
    user = User.objects.filter(pk=int(pending.get("user", 0)), is_active=True).first()
    if user is None or not constant_time_compare(
        user.get_session_auth_hash(), str(pending.get("hash", ""))
    ):
        return None  # the password changed meanwhile
    return user


def _expired(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Please log in again: the log-in took too long."))
    return redirect("accounts:login")


def _complete(request: HttpRequest, user: User, device: TOTPDevice) -> HttpResponse:
    target = request.session.get(PENDING_SESSION_KEY, {}).get("next", "")
    del request.session[PENDING_SESSION_KEY]
    auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    django_otp.login(request, device)
    return redirect(target or resolve_url(settings.LOGIN_REDIRECT_URL))


def _verify(device: TOTPDevice, code: str) -> bool:
    """One code against one authenticator, row-locked so that a code works only once."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        return bool(locked.verify_token(code))


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_password(request: HttpRequest) -> HttpResponse:
    target = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if request.user.is_authenticated:
        return redirect(target or resolve_url(settings.LOGIN_REDIRECT_URL))
    form = PasswordForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        client, name = client_key(request), name_key(form.cleaned_data["username"])
        user = None
        if LOGIN_BY_CLIENT.allows(client) and LOGIN_BY_NAME.allows(name):
            user = authenticate(
                request,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
            if user is None:
                LOGIN_BY_CLIENT.hit(client)
                LOGIN_BY_NAME.hit(name)
                status = 400
        else:
            status = 429
        if user is not None:
            request.session.cycle_key()
            request.session[PENDING_SESSION_KEY] = {
                "user": user.pk,
                "since": time.time(),
                "hash": user.get_session_auth_hash(),
                "next": target,
            }
            confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            return redirect("accounts:login-code" if confirmed else "accounts:login-enrol")
        form.add_error(None, _refused())
    elif request.method == "POST":
        status = 400
    return render(request, "registration/login.html", {"form": form, "next": target}, status=status)


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return _expired(request)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return redirect("accounts:login-enrol")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        who = str(user.pk)
        if CODES_BY_USER.allows(who) and _verify(device, form.cleaned_data["code"]):
            return _complete(request, user, device)
        CODES_BY_USER.hit(who)
        form.add_error(None, _refused())
        status = 400
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/login_code.html", {"form": form}, status=status)


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_enrol(request: HttpRequest) -> HttpResponse:
    """First log-in: add an authenticator. Its secret stays the same until it is confirmed."""
    user = _pending_user(request)
    if user is None:
        return _expired(request)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:login-code")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        who = str(user.pk)
        if CODES_BY_USER.allows(who) and _verify(device, form.cleaned_data["code"]):
            TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
            device.refresh_from_db()
            return _complete(request, user, device)
        CODES_BY_USER.hit(who)
        form.add_error(None, _refused())
        status = 400
    elif request.method == "POST":
        status = 400
    secret = base64.b32encode(device.bin_key).decode()
    qr_code = segno.make(device.config_url, error="m").svg_data_uri(
        scale=5, border=2, dark="#000", light="#fff"
    )
    context: dict[str, Any] = {
        "form": form,
        "secret": _grouped(secret),
        "qr_code": qr_code,
        "username": user.get_username(),
    }
    return render(request, "accounts/login_enrol.html", context, status=status)
