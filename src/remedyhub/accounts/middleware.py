"""No half log-ins: an account that has not passed the TOTP step is treated as logged out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse


class RequireVerifiedMiddleware:
    """After ``OTPMiddleware``: ends any session whose user was not verified by a TOTP code.

    The log-in pages only call ``login()`` after the code, so this catches other ways in: the
    password-only ``login()`` of a third-party view, a session from before two factors were
    required. Partner API tokens do not use the session and are not affected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified():
            logout(request)
        return self.get_response(request)
