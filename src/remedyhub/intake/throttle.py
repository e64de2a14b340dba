"""Slowing down people who guess receipt codes, without keeping their IP address.

A client is known only by a keyed hash of its address with a key that lives in memory and
changes every day, and only in the cache (memory by default), never in the database or the logs.
Limits hold per client and, against guessing from many addresses, for the whole site.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from functools import lru_cache

from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 15 * 60
CLIENT_FAILURES = 5
SITE_FAILURES = 500


@lru_cache(maxsize=2)
def _day_key(day: int) -> bytes:
    return secrets.token_bytes(32)


def client_key(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    day = int(time.time() // 86400)
    return hmac.new(_day_key(day), address.encode(), hashlib.sha256).hexdigest()[:32]


def _window() -> int:
    return int(time.time() // WINDOW_SECONDS)


def _keys(client: str) -> tuple[str, str]:
    window = _window()
    return f"receipt-fail:{client}:{window}", f"receipt-fail:site:{window}"


def allow_receipt_try(client: str) -> bool:
    client_failures, site_failures = _keys(client)
    return (
        cache.get(client_failures, 0) < CLIENT_FAILURES
        and cache.get(site_failures, 0) < SITE_FAILURES
    )


def record_receipt_failure(client: str) -> None:
    for key in _keys(client):
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW_SECONDS)
