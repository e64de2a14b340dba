"""Encrypting uploaded files: the binary RHF1 format of encrypt_bytes and decrypt_bytes."""

import os

import pytest

from remedyhub.common import crypto

CONTEXT = "intake.Attachment.data"


@pytest.fixture
def use_keys(settings):
    """Configure keys as ``REMEDYHUB_ENCRYPTION_KEYS`` would, the first one active."""

    def configure(*lines):
        settings.ENCRYPTION_KEYS = ",".join(line.replace(" ", ":") for line in lines)
        crypto.keyring.cache_clear()

    yield configure
    crypto.keyring.cache_clear()


@pytest.fixture
def one_key(use_keys):
    use_keys(crypto.new_key_line("k1"))


@pytest.mark.usefixtures("one_key")
@pytest.mark.parametrize("data", [b"", b"%PDF-1.7\n", os.urandom(100_000)])
def test_bytes_survive_a_round_trip(data):
    blob = crypto.encrypt_bytes(data, context=CONTEXT)
    assert crypto.decrypt_bytes(blob, context=CONTEXT) == data


@pytest.mark.usefixtures("one_key")
def test_the_blob_names_its_key_and_hides_the_content():
    data = b"\xff\xd8\xff photo of the payslip " * 10
    blob = crypto.encrypt_bytes(data, context=CONTEXT)
    assert blob.startswith(b"RHF1\x02k1")
    assert len(blob) == 4 + 1 + 2 + 12 + len(data) + 16
    assert b"payslip" not in blob
    assert crypto.encrypt_bytes(data, context=CONTEXT) != blob


@pytest.mark.usefixtures("one_key")
def test_a_file_moved_to_another_context_does_not_decrypt():
    blob = crypto.encrypt_bytes(b"voice note", context=CONTEXT)
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_bytes(blob, context="intake.Complaint.text")


@pytest.mark.usefixtures("one_key")
@pytest.mark.parametrize("position", [0, 4, 5, 8, 20, -1])
def test_a_tampered_byte_is_rejected(position):
    blob = bytearray(crypto.encrypt_bytes(b"voice note", context=CONTEXT))
    blob[position] ^= 1
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_bytes(bytes(blob), context=CONTEXT)


@pytest.mark.usefixtures("one_key")
@pytest.mark.parametrize(
    "blob",
    [b"", b"RHF1", b"RHF1\x02k1", b"RHF1\x02k1" + bytes(27), b"RHF1\x02\xff\xfe" + bytes(40)],
)
def test_truncated_or_foreign_blobs_are_rejected(blob):
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_bytes(blob, context=CONTEXT)


@pytest.mark.usefixtures("one_key")
def test_a_text_token_is_not_mistaken_for_a_file():
    token = crypto.encrypt_text("wages", context=CONTEXT)
    with pytest.raises(crypto.DecryptionError, match="not an encrypted file"):
        crypto.decrypt_bytes(token.encode(), context=CONTEXT)


def test_rotation_encrypts_with_the_new_key_and_still_reads_the_old_one(use_keys):
    old, new = crypto.new_key_line("old"), crypto.new_key_line("new")
    use_keys(old)
    old_blob = crypto.encrypt_bytes(b"filed in 2025", context=CONTEXT)
    use_keys(new, old)
    assert crypto.decrypt_bytes(old_blob, context=CONTEXT) == b"filed in 2025"
    assert crypto.encrypt_bytes(b"x", context=CONTEXT).startswith(b"RHF1\x03new")


def test_a_file_under_an_unknown_key_names_the_problem(use_keys):
    use_keys(crypto.new_key_line("gone"))
    blob = crypto.encrypt_bytes(b"x", context=CONTEXT)
    use_keys(crypto.new_key_line("other"))
    with pytest.raises(crypto.DecryptionError, match="unknown key id 'gone'"):
        crypto.decrypt_bytes(blob, context=CONTEXT)
