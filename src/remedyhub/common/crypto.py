"""Authenticated encryption of personal data and free text, with keys kept outside the database.

A stored value reads ``v1:<key id>:<base64 of nonce + ciphertext>``. The key id lets keys rotate:
new values use the first (active) key, old values still decrypt with the key named in them.
AES-256-GCM binds each value to its context (model and field) as associated data, so a ciphertext
copied into another column does not decrypt.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FORMAT_VERSION = "v1"
NONCE_BYTES = 12
KEY_BYTES = 32
KEY_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class DecryptionError(Exception):
    """A stored value could not be decrypted: unknown key, wrong context or tampering."""


@dataclass(frozen=True)
class Keyring:
    active_id: str
    keys: dict[str, bytes]

    def encrypt(self, plaintext: bytes, *, context: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self.keys[self.active_id]).encrypt(nonce, plaintext, context.encode())
        payload = base64.b64encode(nonce + sealed).decode("ascii")
        return f"{FORMAT_VERSION}:{self.active_id}:{payload}"

    def decrypt(self, token: str, *, context: str) -> bytes:
        try:
            version, key_id, payload = token.split(":", 2)
        except ValueError:
            raise DecryptionError("not an encrypted value") from None
        if version != FORMAT_VERSION:
            raise DecryptionError(f"unknown format {version!r}")
        if key_id not in self.keys:
            raise DecryptionError(f"unknown key id {key_id!r}")
        try:
            raw = base64.b64decode(payload, validate=True)
        except binascii.Error:
            raise DecryptionError("damaged value") from None
        nonce, sealed = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
        try:
            return AESGCM(self.keys[key_id]).decrypt(nonce, sealed, context.encode())
        except InvalidTag:
            raise DecryptionError("value was altered or belongs to another field") from None

    @staticmethod
    def key_id_of(token: str) -> str | None:
        parts = token.split(":", 2)
        return parts[1] if len(parts) == 3 and parts[0] == FORMAT_VERSION else None


def new_key_line(key_id: str | None = None) -> str:
    """A fresh key as one ``keyid base64key`` line for a key file."""
    key_id = key_id or f"k{secrets.token_hex(4)}"
    return f"{key_id} {base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()}"


def parse_keys(pairs: list[tuple[str, str]], *, source: str) -> Keyring:
    keys: dict[str, bytes] = {}
    for key_id, encoded in pairs:
        if not KEY_ID_PATTERN.match(key_id):
            raise ImproperlyConfigured(
                f"{source}: key id {key_id!r} must be 1-32 of A-Z a-z 0-9 _ -"
            )
        try:
            key = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise ImproperlyConfigured(f"{source}: key {key_id!r} is not valid base64") from None
        if len(key) != KEY_BYTES:
            raise ImproperlyConfigured(f"{source}: key {key_id!r} must be {KEY_BYTES} bytes")
        if key_id in keys:
            raise ImproperlyConfigured(f"{source}: key id {key_id!r} appears twice")
        keys[key_id] = key
    if not keys:
        raise ImproperlyConfigured(f"{source}: no key found")
    return Keyring(active_id=pairs[0][0], keys=keys)


def _read_key_file(path: Path) -> Keyring:
    pairs = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key_id, _, encoded = line.partition(" ")
            pairs.append((key_id, encoded.strip()))
    return parse_keys(pairs, source=str(path))


@lru_cache(maxsize=1)
def keyring() -> Keyring:
    """The configured keys: from the environment, else the key file.

    Outside production a missing key file is created (mode 0600) so that a developer needs no
    setup; in production settings have already refused to start without a key source.
    """
    if settings.ENCRYPTION_KEYS:
        pairs = [tuple(item.strip().split(":", 1)) for item in settings.ENCRYPTION_KEYS.split(",")]
        if any(len(pair) != 2 for pair in pairs):
            raise ImproperlyConfigured("REMEDYHUB_ENCRYPTION_KEYS must read 'keyid:base64key,...'")
        return parse_keys(pairs, source="REMEDYHUB_ENCRYPTION_KEYS")  # type: ignore[arg-type]
    path = Path(settings.ENCRYPTION_KEY_FILE)
    if not path.exists():
        if settings.IS_PRODUCTION:
            raise ImproperlyConfigured(f"Encryption key file {path} does not exist.")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process created it first; read theirs
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(new_key_line("dev1") + "\n")
    return _read_key_file(path)


def encrypt_text(value: str, *, context: str) -> str:
    return keyring().encrypt(value.encode("utf-8"), context=context)


def decrypt_text(token: str, *, context: str) -> str:
    return keyring().decrypt(token, context=context).decode("utf-8")


# Files are binary and can be megabytes, so they are not base64-encoded like text tokens:
# b"RHF1" + key id length (one byte) + key id (ASCII) + nonce + AES-GCM ciphertext and tag.
FILE_MAGIC = b"RHF1"
_TAG_BYTES = 16


def encrypt_bytes(data: bytes, *, context: str) -> bytes:
    """Seal a file's bytes with the active key, bound to ``context`` (for example the model)."""
    ring = keyring()
    key_id = ring.active_id.encode("ascii")
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(ring.keys[ring.active_id]).encrypt(nonce, data, context.encode())
    return FILE_MAGIC + bytes([len(key_id)]) + key_id + nonce + sealed


def file_key_id(blob: bytes) -> str | None:
    """The key id named in the header of bytes sealed by :func:`encrypt_bytes`."""
    header = len(FILE_MAGIC) + 1
    if len(blob) < header or not blob.startswith(FILE_MAGIC):
        return None
    try:
        return blob[header : header + blob[len(FILE_MAGIC)]].decode("ascii")
    except UnicodeDecodeError:
        return None


def sealed_files(directory: Path) -> Iterator[tuple[str, str | None]]:
    """Every sealed file in ``directory`` (not the ``.part`` files of a write in progress), with
    the id of the key that seals it: what key rotation needs to know of a folder."""
    if not directory.is_dir():
        return
    for path in sorted(directory.iterdir()):
        if path.is_file() and not path.name.endswith(".part"):
            with path.open("rb") as handle:
                yield path.name, file_key_id(handle.read(64))


def key_file_prepend(path: Path, line: str) -> None:
    """Make ``line`` the first (active) key of the key file, keeping the others after it."""
    old = path.read_text() if path.exists() else ""
    temporary = path.with_suffix(".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(line + "\n" + old)
    temporary.replace(path)
    keyring.cache_clear()


def decrypt_bytes(blob: bytes, *, context: str) -> bytes:
    """Open bytes sealed by :func:`encrypt_bytes` with the key named in them."""
    header = len(FILE_MAGIC) + 1
    if len(blob) < header or not blob.startswith(FILE_MAGIC):
        raise DecryptionError("not an encrypted file")
    id_length = blob[len(FILE_MAGIC)]
    body = header + id_length
    if len(blob) < body + NONCE_BYTES + _TAG_BYTES:
        raise DecryptionError("damaged file")
    try:
        key_id = blob[header:body].decode("ascii")
    except UnicodeDecodeError:
        raise DecryptionError("damaged file") from None
    ring = keyring()
    if key_id not in ring.keys:
        raise DecryptionError(f"unknown key id {key_id!r}")
    nonce, sealed = blob[body : body + NONCE_BYTES], blob[body + NONCE_BYTES :]
    try:
        return AESGCM(ring.keys[key_id]).decrypt(nonce, sealed, context.encode())
    except InvalidTag:
        raise DecryptionError("file was altered or belongs to another record") from None
