"""Phone numbers to E.164 and the language of a complaint's text."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from remedyhub.intake.contact import detect_language, normalise_phone


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("01712-345678", "BD", "+8801712345678"),
        ("01712 345678", "bd", "+8801712345678"),
        ("+880 1712 345678", "BD", "+8801712345678"),
        ("+880 1712 345678", "NL", "+8801712345678"),
        ("+880 1712 345678", "", "+8801712345678"),
        ("00880 1712 345678", "NL", "+8801712345678"),
        ("06 12345678", "NL", "+31612345678"),
        ("0300 1234567", "PK", "+923001234567"),
        ("98765 43210", "IN", "+919876543210"),
        ("012 345 678", "KH", "+85512345678"),
        ("+44 7911 123456", "BD", "+447911123456"),
    ],
)
def test_local_and_international_numbers_become_e164(raw, country, expected):
    assert normalise_phone(raw, country) == expected


@pytest.mark.parametrize(
    ("raw", "country"),
    [
        ("06 12345678", "BD"),
        ("12345", "BD"),
        ("01712-34567", "BD"),
        ("call me", "BD"),
        ("+880 1712 345678 5555", "BD"),
    ],
)
def test_a_number_that_is_not_valid_for_the_country_is_refused_naming_it(raw, country):
    with pytest.raises(ValidationError) as caught:
        normalise_phone(raw, country)
    assert caught.value.code == "invalid_phone"
    assert caught.value.messages == [
        "This is not a valid phone number in Bangladesh. A number from another country must "
        "start with + and the country code."
    ]


def test_the_error_names_the_country_in_the_readers_language():
    with translation.override("fr"), pytest.raises(ValidationError) as caught:
        normalise_phone("12345", "DE")
    assert "Allemagne" in caught.value.messages[0]


@pytest.mark.parametrize("country", ["", "XX"])
def test_a_local_number_without_a_known_country_asks_for_the_country_code(country):
    with pytest.raises(ValidationError) as caught:
        normalise_phone("01712-345678", country)
    assert caught.value.messages == [
        "This is not a valid phone number. Start it with + and the country code."
    ]


def test_the_number_itself_is_kept_out_of_the_error_message():
    with pytest.raises(ValidationError) as caught:
        normalise_phone("01712-34567", "BD")
    assert "34567" not in caught.value.messages[0]


@pytest.mark.parametrize("raw", ["", "   "])
def test_an_empty_number_is_asked_for(raw):
    with pytest.raises(ValidationError) as caught:
        normalise_phone(raw, "BD")
    assert caught.value.messages == ["Enter a phone number."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("আমাদের তিন মাসের বেতন দেওয়া হয়নি এবং সুপারভাইজার আমাদের গালি দেয়।", "bn"),
        ("De lonen zijn al drie maanden niet betaald en de opzichter schreeuwt tegen ons.", "nl"),
        ("Wages have not been paid for three months and the supervisor shouts at us.", "en"),
        ("Não recebemos o salário há três meses.", "pt"),
        ("Maaşlarımız üç aydır ödenmedi.", "tr"),  # noqa: RUF001
        ("हमें तीन महीने से वेतन नहीं मिला है।", "hi"),
        ("ہمیں تین مہینے سے تنخواہ نہیں ملی۔", "ur"),  # noqa: RUF001
        ("எங்களுக்கு மூன்று மாதமாக சம்பளம் கொடுக்கப்படவில்லை.", "ta"),
        ("工资三个月没发了，主管还打人。", "zh"),  # noqa: RUF001
        ("Tiền lương chưa được trả trong ba tháng.", "vi"),
        ("Hatujalipwa mishahara kwa miezi mitatu.", "sw"),
    ],
)
def test_the_language_of_a_complaint_is_detected(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["ok", "", "  ", "123 456 !!!", "hi 5"])
def test_too_little_text_gives_no_language(text):
    assert detect_language(text) is None


@pytest.mark.parametrize("text", ["hotel", "taxi", "hotel taxi radio", "ok ok ok"])
def test_words_shared_by_many_languages_give_no_language(text):
    assert detect_language(text) is None
