"""ISO 3166-1 countries: codes from pycountry, names in the reader's language from Babel (CLDR)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pycountry
from babel import Locale, UnknownLocaleError
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


@lru_cache(maxsize=16)
def _territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language.replace("-", "_")).territories)
    except (UnknownLocaleError, ValueError):
        return dict(Locale("en").territories)


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in ``language`` (default: the active one), falling back to ISO's."""
    names = _territories(language or get_language() or "en")
    if code in names:
        return names[code]
    country = pycountry.countries.get(alpha_2=code)
    return country.name if country else code


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by the name as the reader sees it."""
    return sorted(
        ((code, country_name(code, language)) for code in country_codes()),
        key=lambda pair: pair[1].casefold(),
    )


def validate_country_code(value: str) -> None:
    if value not in country_codes():
        raise ValidationError(
            _("%(value)s is not an ISO 3166-1 country code."), params={"value": value}
        )


class CountryField(models.CharField):
    """An ISO 3166-1 alpha-2 code.

    The list of countries is checked by a validator and offered by the form field rather than
    frozen into ``choices``, so that a new pycountry release does not change the migrations.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 2)
        super().__init__(*args, **kwargs)
        self.validators.append(validate_country_code)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def formfield(
        self,
        form_class: Any = None,
        choices_form_class: Any = None,
        **kwargs: Any,
    ) -> Any:
        from django import forms

        kwargs.setdefault("choices", lambda: [("", "---------"), *country_choices()])
        # Skip CharField.formfield: a choice field takes no max_length.
        return super(models.CharField, self).formfield(
            form_class=form_class or forms.TypedChoiceField,
            choices_form_class=choices_form_class,
            **kwargs,
        )
