"""Every interface string is translated in every language (DOMAIN R13)."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]

# Named Python placeholders, Django template variables, and bare %s / %d (not the escape %%).
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{\{ ?[a-z_.]+ ?\}\}|(?<!%)%[sd]")
# A path converter in a URL pattern, such as <slug:step> or <uuid:storage_name>.
CONVERTER = re.compile(r"<[a-z_]+:[a-z_]+>")


def catalogue(language):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle, locale=language)


def messages_of(language):
    return [message for message in catalogue(language) if message.id]


def forms(message):
    """Each translated form with the source text it must match: (msgid, msgstr) pairs."""
    if isinstance(message.id, str):
        return [(message.id, message.string)]
    singular, plural = message.id[0], message.id[1]
    return [
        (singular if number == 0 else plural, string)
        for number, string in enumerate(message.string)
    ]


def is_url_path(msgid):
    return msgid.endswith("/") and " " not in msgid


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    messages = messages_of(language)
    assert len(messages) > 50
    untranslated = [
        message.id
        for message in messages
        if not message.string or (isinstance(message.string, tuple) and not all(message.string))
    ]
    fuzzy = [message.id for message in messages if message.fuzzy]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_the_catalogue_has_two_plural_forms(language):
    catalog = catalogue(language)
    assert catalog.num_plurals == 2
    for message in catalog:
        if message.id and not isinstance(message.id, str):
            assert len(message.string) == 2, (language, message.id)


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_placeholders_survive_translation(language):
    lost = []
    for message in messages_of(language):
        for source, translation in forms(message):
            if not translation:
                continue
            for placeholder in PLACEHOLDER.findall(source):
                if placeholder not in translation:
                    lost.append((source, translation, placeholder))
    assert lost == []


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_url_paths_stay_usable_paths(language):
    url_messages = [
        message
        for message in messages_of(language)
        if isinstance(message.id, str) and is_url_path(message.id)
    ]
    assert url_messages
    broken = []
    for message in url_messages:
        translation = message.string
        if not translation:
            continue
        if (
            not translation.endswith("/")
            or not translation.isascii()
            or " " in translation
            or sorted(CONVERTER.findall(translation)) != sorted(CONVERTER.findall(message.id))
        ):
            broken.append((message.id, translation))
    assert broken == []


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_url_paths_keep_the_prefix_of_their_section(language):
    translated = {
        message.id: message.string
        for message in messages_of(language)
        if isinstance(message.id, str) and is_url_path(message.id)
    }
    inconsistent = []
    for msgid, translation in translated.items():
        section = msgid.split("/")[0] + "/"
        prefix = translated.get(section) if section != msgid else None
        if prefix and not translation.startswith(prefix):
            inconsistent.append((msgid, translation, prefix))
    assert inconsistent == []
