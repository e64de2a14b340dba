"""Rotating the encryption key: every value and file moves to the new key, nothing is lost."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from remedyhub.common import crypto
from remedyhub.common.rotation import key_usage
from remedyhub.intake.models import Attachment, Complaint
from remedyhub.intake.services import attachment_read, attachments_dir
from remedyhub.intake.tests.helpers import GOOD_ANSWERS, fill_all, step_url
from remedyhub.tests.test_stolen_database import _pdf_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def key_file(settings, tmp_path):
    path = tmp_path / "keys" / "test.keys"
    path.parent.mkdir()
    path.write_text(crypto.new_key_line("old") + "\n")
    settings.ENCRYPTION_KEYS = ""
    settings.ENCRYPTION_KEY_FILE = str(path)
    crypto.keyring.cache_clear()
    yield path
    crypto.keyring.cache_clear()


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("keys_rotate", *args, stdout=out)
    return out.getvalue()


def _stored_key_ids() -> set[str | None]:
    return {key_id for counter in key_usage().values() for key_id in counter}


def test_a_new_key_takes_over_every_value_and_file_and_the_old_key_can_go(client, key_file):
    answers = {**GOOD_ANSWERS, "identity": {"anonymous": "no", "reporter_name": "Amena Rahman"}}
    fill_all(client, answers)
    client.post(
        step_url("files"),
        {"files": [io.BytesIO(_pdf_with("Kept payroll"))], "action": "upload"},
    )
    client.post(step_url("check"), {"action": "send"})
    complaint = Complaint.objects.get()
    original = attachment_read(Attachment.objects.get())
    assert _stored_key_ids() == {"old"}
    assert "under key old" in _run("--status")

    output = _run("--new-key")

    new_id = key_file.read_text().splitlines()[0].split()[0]
    assert new_id != "old" and "old" in key_file.read_text()
    assert f"under the active key {new_id}" in output
    assert _stored_key_ids() == {new_id}

    # Without the old key everything still reads: it was really re-encrypted.
    key_file.write_text(key_file.read_text().splitlines()[0] + "\n")
    crypto.keyring.cache_clear()
    complaint = Complaint.objects.get()
    assert complaint.reporter_name == "Amena Rahman"
    assert complaint.description == GOOD_ANSWERS["what"]["description"]
    assert attachment_read(Attachment.objects.get()) == original
    assert not list(Path(attachments_dir()).glob("*.part"))


def test_a_run_with_nothing_to_do_changes_nothing(client, key_file):
    fill_all(client)
    client.post(step_url("check"), {"action": "send"})
    before = Complaint.objects.values_list("description", flat=True).get()
    output = _run()
    assert "0 value(s) and file(s) re-encrypted under key old" in output
    assert Complaint.objects.values_list("description", flat=True).get() == before


def test_keys_from_the_environment_get_the_new_pair_printed(client, settings):
    settings.ENCRYPTION_KEYS = crypto.new_key_line("envold").replace(" ", ":")
    crypto.keyring.cache_clear()
    try:
        output = _run("--new-key")
    finally:
        crypto.keyring.cache_clear()
    assert "put this pair first" in output
    pair = output.strip().splitlines()[-1]
    crypto.parse_keys([tuple(pair.split(":", 1))], source="printed")  # a valid key
