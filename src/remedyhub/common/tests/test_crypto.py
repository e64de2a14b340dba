import base64

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from remedyhub.common import crypto


def make_keyring(*ids: str) -> crypto.Keyring:
    pairs = [(key_id, crypto.new_key_line(key_id).split(" ")[1]) for key_id in ids]
    return crypto.parse_keys(pairs, source="test")


@given(st.text())
def test_any_text_survives_a_round_trip(text):
    ring = make_keyring("a")
    token = ring.encrypt(text.encode(), context="intake.Complaint.text")
    assert ring.decrypt(token, context="intake.Complaint.text").decode() == text


def test_the_same_text_encrypts_differently_each_time():
    ring = make_keyring("a")
    first = ring.encrypt(b"wages unpaid", context="c")
    second = ring.encrypt(b"wages unpaid", context="c")
    assert first != second
    assert b"wages" not in base64.b64decode(first.split(":")[2])


def test_a_value_moved_to_another_field_does_not_decrypt():
    ring = make_keyring("a")
    token = ring.encrypt(b"Fatima, line 4", context="intake.Reporter.name")
    with pytest.raises(crypto.DecryptionError):
        ring.decrypt(token, context="intake.Complaint.text")


def test_a_tampered_value_is_rejected():
    ring = make_keyring("a")
    version, key_id, payload = ring.encrypt(b"secret", context="c").split(":")
    raw = bytearray(base64.b64decode(payload))
    raw[-1] ^= 1
    tampered = f"{version}:{key_id}:{base64.b64encode(bytes(raw)).decode()}"
    with pytest.raises(crypto.DecryptionError):
        ring.decrypt(tampered, context="c")


def test_rotation_encrypts_with_the_new_key_and_still_reads_the_old_one():
    old_ring = make_keyring("old")
    old_token = old_ring.encrypt(b"filed in 2025", context="c")
    rotated = crypto.Keyring(
        active_id="new", keys={**old_ring.keys, "new": make_keyring("new").keys["new"]}
    )
    assert rotated.decrypt(old_token, context="c") == b"filed in 2025"
    assert crypto.Keyring.key_id_of(rotated.encrypt(b"x", context="c")) == "new"


def test_a_value_under_an_unknown_key_names_the_problem():
    token = make_keyring("gone").encrypt(b"x", context="c")
    with pytest.raises(crypto.DecryptionError, match="unknown key id 'gone'"):
        make_keyring("other").decrypt(token, context="c")


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ([("k1", "not base64!")], "not valid base64"),
        ([("k1", base64.b64encode(b"short").decode())], "must be 32 bytes"),
        ([("bad id", base64.b64encode(bytes(32)).decode())], "key id"),
        ([("k1", base64.b64encode(bytes(32)).decode())] * 2, "appears twice"),
        ([], "no key found"),
    ],
)
def test_bad_key_configuration_is_refused_with_a_reason(pairs, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        crypto.parse_keys(pairs, source="test")


def test_keys_from_the_environment_setting_take_precedence(settings):
    line = crypto.new_key_line("envkey")
    settings.ENCRYPTION_KEYS = line.replace(" ", ":")
    crypto.keyring.cache_clear()
    try:
        assert crypto.keyring().active_id == "envkey"
    finally:
        crypto.keyring.cache_clear()


def test_a_missing_key_file_is_created_private_outside_production(settings, tmp_path):
    settings.ENCRYPTION_KEYS = ""
    settings.ENCRYPTION_KEY_FILE = str(tmp_path / "keys" / "dev.keys")
    crypto.keyring.cache_clear()
    try:
        ring = crypto.keyring()
        assert (tmp_path / "keys" / "dev.keys").stat().st_mode & 0o777 == 0o600
        assert ring.active_id == "dev1"
    finally:
        crypto.keyring.cache_clear()
