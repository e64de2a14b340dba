"""Stable public facility identifiers with a check character, e.g. ``RHF-7K3M9QD2-Z``.

Crockford's base32 (no I, L, O, U, so nothing is misread over a phone line) for eight random
characters, and his mod-37 check symbol, which catches any single mistyped character and any
swap of two adjacent ones.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = ALPHABET + "*~$=U"
PREFIX = "RHF"
BODY_LENGTH = 8
_READ_AS = {"O": "0", "I": "1", "L": "1"}


def check_symbol(body: str) -> str:
    value = 0
    for char in body:
        value = value * 32 + ALPHABET.index(char)
    return CHECK_ALPHABET[value % 37]


def new_facility_id() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return f"{PREFIX}-{body}-{check_symbol(body)}"


def normalise_facility_id(text: str) -> str | None:
    """The canonical form of a typed id (any case, spaces, O for 0), or None when it is invalid."""
    compact = "".join(text.split()).upper().replace("-", "")
    if compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    if len(compact) != BODY_LENGTH + 1:
        return None
    body = "".join(_READ_AS.get(char, char) for char in compact[:BODY_LENGTH])
    check = compact[BODY_LENGTH]
    if any(char not in ALPHABET for char in body) or check_symbol(body) != check:
        return None
    return f"{PREFIX}-{body}-{check}"
