"""Key rotation: re-encrypt every stored value and file under the active key.

Rotation in three steps (docs/security.md):

1. put a new key first in the key file (``manage.py keys_rotate --new-key`` does it), so new
   values use it while old ones still decrypt with the key named in them;
2. ``manage.py keys_rotate`` re-encrypts what is still under another key, in batches, each in a
   transaction of its own, so that a stop halfway loses nothing and a second run goes on;
3. when ``keys_rotate --status`` shows nothing left under the old key, remove that key.

Text columns are found by their field class, in any installed app. Apps that keep encrypted
files register a :class:`FileStore` in their ``AppConfig.ready``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction
from django.db.models.functions import Cast

from remedyhub.common import crypto
from remedyhub.common.fields import EncryptedTextField

BATCH_SIZE = 500


@dataclass(frozen=True)
class FileStore:
    """Encrypted files kept outside the database: how to list them and rewrite one.

    ``files`` yields ``(label, key id)`` for each file; ``reencrypt(label)`` seals it again under
    the active key, replacing it atomically.
    """

    name: str
    files: Callable[[], Iterator[tuple[str, str | None]]]
    reencrypt: Callable[[str], None]


FILE_STORES: list[FileStore] = []


def register_file_store(store: FileStore) -> None:
    if all(existing.name != store.name for existing in FILE_STORES):
        FILE_STORES.append(store)


def encrypted_columns() -> Iterator[tuple[type[models.Model], EncryptedTextField]]:
    """Every encrypted column of every installed model that has a table (models declared only
    for tests, or not migrated yet, have none)."""
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.db_table not in tables:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield model, field


def _raw_values(model: type[models.Model], field: EncryptedTextField) -> Iterator[tuple[Any, str]]:
    """``(pk, stored value)`` pairs; cast to plain text so that nothing is decrypted."""
    rows = (
        model._default_manager.exclude(**{f"{field.attname}__isnull": True})
        .annotate(raw=Cast(field.attname, models.TextField()))
        .values_list("pk", "raw")
        .order_by("pk")
    )
    for pk, raw in rows.iterator():
        yield pk, str(raw)


def key_usage() -> dict[str, Counter[str | None]]:
    """How many values and files each key id seals, per column or file store."""
    usage: dict[str, Counter[str | None]] = {}
    for model, field in encrypted_columns():
        counter: Counter[str | None] = Counter(
            crypto.Keyring.key_id_of(raw) for _, raw in _raw_values(model, field)
        )
        usage[f"{model._meta.label}.{field.name}"] = counter
    for store in FILE_STORES:
        usage[store.name] = Counter(key_id for _, key_id in store.files())
    return usage


def reencrypt_all() -> dict[str, int]:
    """Re-encrypt every value and file not under the active key; returns how many per place."""
    active = crypto.keyring().active_id
    done: dict[str, int] = {}
    for model, field in encrypted_columns():
        stale = [pk for pk, raw in _raw_values(model, field) if not _is_active(raw)]
        for start in range(0, len(stale), BATCH_SIZE):
            with transaction.atomic():
                rows = model._default_manager.select_for_update().filter(
                    pk__in=stale[start : start + BATCH_SIZE]
                )
                for obj in rows.only("pk", field.attname):
                    # Reading decrypts with the old key, saving encrypts with the active one.
                    model._default_manager.filter(pk=obj.pk).update(
                        **{field.attname: getattr(obj, field.attname)}
                    )
        done[f"{model._meta.label}.{field.name}"] = len(stale)
    for store in FILE_STORES:
        stale_files = [label for label, key_id in store.files() if key_id != active]
        for label in stale_files:
            store.reencrypt(label)
        done[store.name] = len(stale_files)
    return done


def _is_active(raw: str) -> bool:
    return crypto.Keyring.key_id_of(raw) == crypto.keyring().active_id
