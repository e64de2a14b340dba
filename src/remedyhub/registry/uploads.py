"""Uploaded supplier lists kept between the preview and the confirmation, for a day at most.

Lists are business data, not personal data, but they are still only reachable through the
session of the person who uploaded them: the token is random and never shown to anyone else.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 60 * 60
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _directory() -> Path:
    directory = Path(settings.VAR_DIR) / "uploads"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def upload_keep(data: bytes) -> str:
    directory = _directory()
    cutoff = time.time() - MAX_AGE_SECONDS
    for old in directory.glob("*.upload"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    (directory / f"{token}.upload").write_bytes(data)
    return token


def upload_read(token: str) -> bytes | None:
    if not _TOKEN.match(token or ""):
        return None
    path = _directory() / f"{token}.upload"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def upload_discard(token: str) -> None:
    if _TOKEN.match(token or ""):
        (_directory() / f"{token}.upload").unlink(missing_ok=True)
