"""Counting tries per client, per account and for the whole site, without keeping addresses.

A client is known only by an HMAC of its address under a key derived from ``SECRET_KEY`` and
the day, so the counters (in the database cache: every worker process sees the same counts)
hold no address, and a copy of the database without the secret key cannot be turned back into
one. Each counter lives for one window (minutes) and then expires.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

CACHE_ALIAS = "throttle"
SITE = "site"


def _day_key(purpose: str) -> bytes:
    day = int(time.time() // 86400)
    return hmac.new(
        settings.SECRET_KEY.encode(), f"throttle:{purpose}:{day}".encode(), hashlib.sha256
    ).digest()


def client_key(request: HttpRequest) -> str:
    """Who is asking, as a keyed hash of the address: never the address itself."""
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(_day_key("client"), address.encode(), hashlib.sha256).hexdigest()[:32]


def name_key(name: str) -> str:
    """An account name as a keyed hash, so that counters do not list who tried to log in."""
    normalised = name.strip().casefold()
    return hmac.new(_day_key("name"), normalised.encode(), hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits for one key in a fixed window of ``window`` seconds."""

    scope: str
    count: int
    window: int

    def _key(self, who: str) -> str:
        return f"{self.scope}:{who}:{int(time.time() // self.window)}"

    def allows(self, who: str) -> bool:
        return int(caches[CACHE_ALIAS].get(self._key(who), 0)) < self.count

    def hit(self, who: str) -> None:
        cache = caches[CACHE_ALIAS]
        key = self._key(who)
        if not cache.add(key, 1, self.window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, self.window)
