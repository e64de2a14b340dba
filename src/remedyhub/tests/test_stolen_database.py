"""A stolen database or backup: raw bytes of the database and of the stored files.

The attacker of these tests holds a copy of the SQLite file (with its write-ahead log), or every
row PostgreSQL returns, and the attachment folder, but not the keys. None of a complaint's
distinctive words, contact details, messages, reasons or file bytes may appear in them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from remedyhub.accounts.models import Affiliation, User
from remedyhub.cases.models import CaseMessage
from remedyhub.cases.services import case_message_post, case_open, case_transition
from remedyhub.intake.models import Attachment, Complaint, Message
from remedyhub.intake.services import attachment_read, attachments_dir
from remedyhub.intake.tests.helpers import GOOD_ANSWERS, fill_all, step_url
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import DEFAULT_STAGES

pytestmark = pytest.mark.django_db(transaction=True)

SECRETS = {
    "description": "Zanzibarquill locks the exits every night",
    "name": "Shirin Quokkasdottir",
    "email": "shirin.quokka@example.org",
    "phone": "1712345678",
    "site": "Vexillumtree Knitwear",
    "reporter message": "Marzipanoctave came to my house",
    "case message": "Quetzalprism offered money to stay silent",
    "reason": "Obsidianwharf admitted the locked doors",
    "file text": "Heliotropebanjo payroll",
}


def _pdf_with(text: str) -> bytes:
    stream = b"BT /F1 12 Tf 72 712 Td (" + text.encode() + b") Tj ET"
    return (
        b"%%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"3 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n" % (len(stream), stream)
    )


def _file_a_complaint_and_handle_it(client) -> bytes:
    answers = {
        **GOOD_ANSWERS,
        "where": {"country": "BD", "site_name": SECRETS["site"], "site_address": "Gazipur"},
        "what": {**GOOD_ANSWERS["what"], "description": SECRETS["description"] + "."},
        "identity": {
            "anonymous": "no",
            "reporter_name": SECRETS["name"],
            "contact_phone": "01712-345678",
            "contact_email": SECRETS["email"],
        },
    }
    fill_all(client, answers)
    upload = SimpleUploadedFile("payroll.pdf", _pdf_with(SECRETS["file text"]))
    response = client.post(step_url("files"), {"files": [upload], "action": "upload"})
    assert response.status_code == 302
    client.post(step_url("files"), {"action": "next"})
    client.post(step_url("check"), {"action": "send"})
    complaint = Complaint.objects.get()
    Message.objects.create(
        complaint=complaint, sender=Message.Sender.REPORTER, body=SECRETS["reporter message"]
    )

    mechanism = Mechanism.objects.create(name="Committee", slug="committee", kind="other")
    RulesOfProcedure.objects.create(
        mechanism=mechanism, version=1, in_force_from=dt.date(2020, 1, 1), stages=DEFAULT_STAGES
    )
    handler = User.objects.create_user("handler", password="x" * 20)
    Affiliation.objects.create(user=handler, role="handler", mechanism=mechanism)
    case = case_open(complaint=complaint, mechanism=mechanism, actor=handler)
    case_transition(case, "acknowledged", actor=handler, reason=SECRETS["reason"])
    case_message_post(
        case, actor=handler, body=SECRETS["case message"], visibility=CaseMessage.Visibility.ALL
    )
    # The values are really there, readable by the application with its keys.
    complaint.refresh_from_db()
    assert SECRETS["name"] == complaint.reporter_name
    return attachment_read(Attachment.objects.get())


def _leaks(blob: bytes, file_bytes: bytes) -> list[str]:
    found = [label for label, secret in SECRETS.items() if secret.encode() in blob]
    # Any 32-byte window of the stored file would betray it; check a spread of them.
    windows = [file_bytes[i : i + 32] for i in range(0, max(len(file_bytes) - 32, 1), 97)]
    if any(window in blob for window in windows):
        found.append("file bytes")
    return found


def test_a_stolen_database_file_and_attachment_folder_reveal_nothing(client):
    file_bytes = _file_a_complaint_and_handle_it(client)
    assert SECRETS["file text"].encode() in file_bytes

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(FULL)")
        path = Path(connection.settings_dict["NAME"])
        stolen = b"".join(
            candidate.read_bytes()
            for candidate in (path, path.with_name(path.name + "-wal"))
            if candidate.exists()
        )
        assert len(stolen) > 50_000  # really the database, not an empty file
    else:
        stolen = _every_postgresql_row()
        assert len(stolen) > 5_000
    # The check can fail: the plain values of the demo tables themselves would show up.
    assert b"acknowledged" in stolen

    assert _leaks(stolen, file_bytes) == []
    stored_files = b"".join(path.read_bytes() for path in attachments_dir().iterdir())
    assert stored_files
    assert _leaks(stored_files, file_bytes) == []


def _every_postgresql_row() -> bytes:
    """What ``pg_dump --data-only`` would give: every row of every table, as text."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            with cursor.cursor.copy(f"COPY {quoted} TO STDOUT") as copy:
                chunks.extend(bytes(block) for block in copy)
    return b"".join(chunks)
