"""Receipt codes: the reporter's only key to her complaint.

A code is 16 digits (about 53 bits), read out and written down like a phone number:
``4821 0937 5512 6604``. The database keeps only an Argon2id digest whose salt is derived from
the installation's receipt key, kept outside the database. The digest is deterministic, so a
code finds its complaint by an indexed look-up, and a stolen database without the key gives an
attacker nothing to test guesses against.

A code is derived with HMAC-SHA256 from a 256-bit token drawn with ``secrets`` (the reporter's
draft token, or a partner's idempotency key) and the receipt key, so a retried submission gets
the same code back without the code ever being stored.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from functools import lru_cache
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DIGITS = 16
KEY_BYTES = 32
# OWASP's Argon2id minimum (19 MiB, 2 passes); about 20 ms a digest on this machine's cores.
ARGON2_TIME_COST = 2
ARGON2_MEMORY_KIB = 19 * 1024
_NOT_DIGITS = re.compile(r"\D")


@lru_cache(maxsize=1)
def receipt_key() -> bytes:
    """The receipt key from the environment, else from its file (created outside production)."""
    if settings.RECEIPT_KEY:
        return _decode(settings.RECEIPT_KEY, source="REMEDYHUB_RECEIPT_KEY")
    path = Path(settings.RECEIPT_KEY_FILE)
    if not path.exists():
        if settings.IS_PRODUCTION:
            raise ImproperlyConfigured(f"Receipt key file {path} does not exist.")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process created it first; read theirs
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(base64.b64encode(os.urandom(KEY_BYTES)).decode() + "\n")
    return _decode(path.read_text().strip(), source=str(path))


def _decode(encoded: str, *, source: str) -> bytes:
    try:
        key = base64.b64decode(encoded, validate=True)
    except binascii.Error:
        raise ImproperlyConfigured(f"{source}: the receipt key is not valid base64") from None
    if len(key) != KEY_BYTES:
        raise ImproperlyConfigured(f"{source}: the receipt key must be {KEY_BYTES} bytes")
    return key


def derive(seed: str) -> str:
    """The 16-digit code for a submission seed (which holds at least 128 random bits)."""
    mac = hmac.new(receipt_key(), b"receipt-code\x00" + seed.encode(), hashlib.sha256).digest()
    # 256 bits reduced modulo 10**16: the bias is below 2**-200.
    return f"{int.from_bytes(mac, 'big') % 10**DIGITS:0{DIGITS}d}"


def display(code: str) -> str:
    """``4821093755126604`` as ``4821 0937 5512 6604``."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def parse(raw: str) -> str | None:
    """The digits of what a person typed (spaces, dashes and dots allowed), or None."""
    digits = _NOT_DIGITS.sub("", raw or "")
    if len(digits) != DIGITS or len(raw) > 40:
        return None
    return digits


def digest(code: str) -> str:
    """Argon2id of the code, salted with a value derived from the receipt key (hex)."""
    salt = hmac.new(receipt_key(), b"receipt-salt", hashlib.sha256).digest()[:16]
    raw = hash_secret_raw(
        secret=code.encode(),
        salt=salt,
        time_cost=ARGON2_TIME_COST,
        memory_cost=ARGON2_MEMORY_KIB,
        parallelism=1,
        hash_len=32,
        type=Type.ID,
    )
    return raw.hex()


def submission_key(seed: str) -> str:
    """What makes two submissions the same one: SHA-256 of the seed."""
    return hashlib.sha256(b"submission\x00" + seed.encode()).hexdigest()
