"""Files shared in rooms and published as event materials: checked like complaint files
(intake.files), encrypted on disk under MEDIA_ROOT/community/, read only through views that
check access."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from remedyhub.common import crypto


def files_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "community"


def _path(storage_name: uuid.UUID | str) -> Path:
    return files_dir() / str(uuid.UUID(str(storage_name)))


def _context(storage_name: uuid.UUID | str) -> str:
    return f"community.file:{storage_name}"


def stored_write(storage_name: uuid.UUID, data: bytes) -> None:
    path = _path(storage_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".part")
    temporary.write_bytes(crypto.encrypt_bytes(data, context=_context(storage_name)))
    temporary.replace(path)


def stored_read(storage_name: uuid.UUID) -> bytes:
    return crypto.decrypt_bytes(_path(storage_name).read_bytes(), context=_context(storage_name))


def stored_delete(storage_name: uuid.UUID) -> None:
    _path(storage_name).unlink(missing_ok=True)


def stored_files() -> Iterator[tuple[str, str | None]]:
    """Every stored file with the id of the key that seals it (for key rotation)."""
    yield from crypto.sealed_files(files_dir())


def stored_reencrypt(storage_name: str) -> None:
    data = stored_read(uuid.UUID(storage_name))
    stored_write(uuid.UUID(storage_name), data)
