import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from remedyhub.common.countries import country_choices, country_name, validate_country_code


def test_country_names_follow_the_reader_language():
    assert country_name("BD", "en") == "Bangladesh"
    assert country_name("DE", "nl") == "Duitsland"
    assert country_name("DE", "fr") == "Allemagne"
    with translation.override("nl"):
        assert country_name("CN") == "China"


def test_choices_cover_every_iso_country_sorted_by_name():
    choices = country_choices("en")
    assert len(choices) == 249
    names = [name.casefold() for _code, name in choices]
    assert names == sorted(names)


@pytest.mark.parametrize("code", ["XX", "bd", "BGD", ""])
def test_codes_outside_iso_3166_alpha_2_are_rejected(code):
    with pytest.raises(ValidationError):
        validate_country_code(code)
