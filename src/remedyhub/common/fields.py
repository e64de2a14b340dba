"""Model fields that keep personal data and free text encrypted in the database."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldError
from django.db import models
from django.db.models import Lookup

from remedyhub.common import crypto


class EncryptedTextField(models.TextField):
    """Text stored as AES-GCM ciphertext; the database never sees the plain value.

    The ciphertext is bound to ``app_label.Model.field``, so it cannot be moved to another
    column. Only ``isnull`` can be queried: equality or search on ciphertext would be
    meaningless, and silently wrong results are worse than an error.
    """

    description = "Encrypted text"

    def context(self) -> str:
        return f"{self.model._meta.label}.{self.name}"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None:
            return None
        return crypto.decrypt_text(value, context=self.context())

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return crypto.encrypt_text(str(value), context=self.context())

    def get_lookup(self, lookup_name: str) -> type[Lookup] | None:
        if lookup_name != "isnull":
            raise FieldError(f"{self.context()} is encrypted; only 'isnull' can be queried.")
        return super().get_lookup(lookup_name)
