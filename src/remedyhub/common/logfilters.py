"""Log records never carry a reporter's IP address or browser string.

Django's ``django.request`` logger attaches the whole request to its records (``record.request``,
with ``REMOTE_ADDR`` and ``HTTP_USER_AGENT`` in its META); a handler that mails or ships records
would send them on. ``ClientDataFilter``, on every handler of the site, removes that attribute
and replaces in the formatted message, arguments and traceback every value that identifies the
client of the request being served (address, forwarded-for chain, user agent), which
``remember_client`` records at the start of each request.
"""

from __future__ import annotations

import contextvars
import logging
from typing import Any

from django.core.signals import request_finished, request_started
from django.dispatch import receiver

REDACTED = "[client]"
CLIENT_KEYS = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CLIENT_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
)
_client_values: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "remedyhub_client_values", default=()
)


def client_values(environ: Any) -> tuple[str, ...]:
    """The identifying strings of one request, longest first, each part of a list too."""
    values: set[str] = set()
    for key in CLIENT_KEYS:
        value = str(environ.get(key) or "").strip()
        if not value:
            continue
        values.add(value)
        values.update(part.strip() for part in value.split(",") if len(part.strip()) >= 3)
    return tuple(sorted(values, key=len, reverse=True))


@receiver(request_started, dispatch_uid="remedyhub-remember-client")
def remember_client(sender: Any, environ: Any = None, **kwargs: Any) -> None:
    _client_values.set(client_values(environ or {}))


@receiver(request_finished, dispatch_uid="remedyhub-forget-client")
def forget_client(sender: Any, **kwargs: Any) -> None:
    _client_values.set(())


def scrub(text: str, values: tuple[str, ...]) -> str:
    for value in values:
        text = text.replace(value, REDACTED)
    return text


class ClientDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        values = _client_values.get()
        if request is not None:
            meta = getattr(request, "META", None)
            if isinstance(meta, dict):
                values = tuple(sorted({*values, *client_values(meta)}, key=len, reverse=True))
            record.request = None
        if not values:
            return True
        record.msg = scrub(record.getMessage(), values)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text, values)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info, values)
        return True
