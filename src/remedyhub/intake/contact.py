"""Reading how a reporter can be reached: phone numbers to E.164, and the language they wrote in."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from remedyhub.common.countries import country_name

# Languages of the workers, managers and buyers that supply-chain complaints come from. Indonesian
# and Malay are close enough that short texts may fall below the confidence needed.
DETECTED_LANGUAGES = (
    "ENGLISH",
    "DUTCH",
    "FRENCH",
    "SPANISH",
    "PORTUGUESE",
    "GERMAN",
    "ITALIAN",
    "TURKISH",
    "BENGALI",
    "HINDI",
    "URDU",
    "TAMIL",
    "CHINESE",
    "VIETNAMESE",
    "INDONESIAN",
    "MALAY",
    "THAI",
    "ARABIC",
    "SWAHILI",
)
MIN_LETTERS = 3
MIN_CONFIDENCE = 0.5


def normalise_phone(raw: str, country: str) -> str:
    """The number in E.164 (``+8801712345678``).

    A number without ``+`` is read as a local number of ``country`` (the complaint's, ISO alpha-2);
    one with ``+`` and a country code is accepted whatever ``country`` is, since migrant workers
    often keep the phone of their home country.
    """
    if not raw.strip():
        raise ValidationError(_("Enter a phone number."), code="required")
    region: str | None = country.upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        region = None
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        # The number itself stays out of the message: error messages end up in logs.
        if region is None:
            raise ValidationError(
                _("This is not a valid phone number. Start it with + and the country code."),
                code="invalid_phone",
            )
        raise ValidationError(
            _(
                "This is not a valid phone number in %(country)s. A number from another "
                "country must start with + and the country code."
            ),
            code="invalid_phone",
            params={"country": country_name(region)},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    # Measured on this 2-core machine with the 19 languages above, Python 3.11, lingua 2.1.1:
    # the default (high accuracy) mode loads its models on the first detection, taking 3.2 s
    # and growing the process from 48 MB to 280 MB RSS; low accuracy mode takes 0.2 s and
    # stays at 48 MB. Importing lingua and building the detector cost under 0.01 s and 4 MB
    # either way. 230 MB in every web worker is too much for what a hint to staff is worth;
    # low accuracy mode is weaker on texts of a few words, which the confidence bar covers.
    languages = [getattr(Language, name) for name in DETECTED_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None when unsure."""
    if sum(char.isalpha() for char in text) < MIN_LETTERS:
        return None
    values = _detector().compute_language_confidence_values(text)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()
