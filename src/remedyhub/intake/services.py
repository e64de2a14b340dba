"""Writes of the intake: submitting a complaint, files, and what the reporter does afterwards."""

from __future__ import annotations

import hmac
import logging
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from remedyhub.common import crypto
from remedyhub.intake import receipts
from remedyhub.intake.contact import detect_language
from remedyhub.intake.files import CleanFile
from remedyhub.intake.models import Attachment, Complaint, Draft, Message

logger = logging.getLogger(__name__)

# Fields of Complaint a submission may set; everything else is the platform's to decide.
COMPLAINT_FIELDS = (
    "description",
    "issues",
    "country",
    "site_name",
    "site_address",
    "facility",
    "occurred_from",
    "occurred_to",
    "ongoing",
    "affected_count",
    "affected_groups",
    "reporter_type",
    "on_behalf_of_others",
    "represented_people",
    "organisation",
    "anonymous",
    "reporter_name",
    "contact_phone",
    "contact_email",
    "contact_other",
    "consent_identity_to_company",
)


@dataclass(frozen=True)
class Submission:
    complaint: Complaint
    receipt: str
    created: bool


class ComplaintWithdrawn(Exception):
    """The reporter withdrew this complaint; nothing more can be added to it."""


def attachments_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "attachments"


def _attachment_path(storage_name: Any) -> Path:
    return attachments_dir() / str(storage_name)


def _attachment_context(storage_name: Any) -> str:
    return f"intake.Attachment:{storage_name}"


def attachment_store(clean: CleanFile, **links: Any) -> Attachment:
    """Encrypt a cleaned file to disk and record it; the row points to the file, never back."""
    attachment = Attachment(
        kind=clean.kind,
        content_type=clean.content_type,
        size=len(clean.data),
        original_name=clean.original_name,
        **links,
    )
    path = _attachment_path(attachment.storage_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    sealed = crypto.encrypt_bytes(clean.data, context=_attachment_context(attachment.storage_name))
    temporary = path.with_suffix(".part")
    temporary.write_bytes(sealed)
    temporary.replace(path)
    try:
        attachment.save()
    except Exception:
        path.unlink(missing_ok=True)
        raise
    return attachment


def attachment_read(attachment: Attachment) -> bytes:
    sealed = _attachment_path(attachment.storage_name).read_bytes()
    return crypto.decrypt_bytes(sealed, context=_attachment_context(attachment.storage_name))


def attachment_files() -> Iterator[tuple[str, str | None]]:
    """Every stored attachment file with the id of the key that seals it (for key rotation)."""
    yield from crypto.sealed_files(attachments_dir())


def attachment_reencrypt(storage_name: str) -> None:
    """Seal one attachment file again under the active key, replacing it atomically."""
    path = _attachment_path(storage_name)
    context = _attachment_context(storage_name)
    data = crypto.decrypt_bytes(path.read_bytes(), context=context)
    temporary = path.with_suffix(".part")
    temporary.write_bytes(crypto.encrypt_bytes(data, context=context))
    temporary.replace(path)


def attachment_delete(attachment: Attachment) -> None:
    path = _attachment_path(attachment.storage_name)
    attachment.delete()
    transaction.on_commit(lambda: path.unlink(missing_ok=True))


def complaint_submit(
    *,
    data: dict[str, Any],
    seed: str,
    channel: str,
    language: str,
    files: Sequence[CleanFile] = (),
    draft: Draft | None = None,
    entered_by: Any = None,
    partner_organisation: str = "",
) -> Submission:
    """Store a complaint completely, or not at all, exactly once per ``seed``.

    ``seed`` names the submission (the draft's token, or a partner's Idempotency-Key with its
    account): the same seed always gives the same complaint and the same receipt code, so a
    double tap or a retry after a dropped connection cannot make a second complaint, and a
    reporter whose first answer was lost still gets her code.
    """
    key = receipts.submission_key(seed)
    receipt = receipts.derive(seed)
    existing = Complaint.objects.filter(submission_key=key).first()
    if existing is not None:
        return Submission(existing, receipt, created=False)

    values = {name: data[name] for name in COMPLAINT_FIELDS if name in data}
    if values.get("anonymous", True):
        # An anonymous complaint carries no identity, whatever else was typed.
        values.update(reporter_name="", consent_identity_to_company=False)
    digest = receipts.digest(receipt)  # slow on purpose; outside the transaction
    detected = detect_language(values.get("description", "")) or ""
    stored_files: list[Attachment] = []
    try:
        with transaction.atomic():
            complaint = Complaint.objects.create(
                submission_key=key,
                receipt_digest=digest,
                channel=channel,
                language=language,
                detected_language=detected,
                entered_by=entered_by,
                partner_organisation=partner_organisation,
                **values,
            )
            complaint.reference = f"RH-{complaint.created_at.year}-{complaint.pk:06d}"
            complaint.save(update_fields=["reference"])
            if draft is not None:
                draft.attachments.update(complaint=complaint, draft=None)
                draft.complaint = complaint
                draft.save(update_fields=["complaint", "updated_at"])
            for clean in files:
                stored_files.append(attachment_store(clean, complaint=complaint))
            _acknowledge(complaint)
    except IntegrityError:
        _forget_files(stored_files)
        existing = Complaint.objects.filter(submission_key=key).first()
        if existing is None:
            raise
        return Submission(existing, receipt, created=False)
    except BaseException:
        _forget_files(stored_files)
        raise
    logger.info("complaint stored", extra={"reference": complaint.reference, "channel": channel})
    return Submission(complaint, receipt, created=True)


def _acknowledge(complaint: Complaint) -> None:
    """The acknowledgement the reporter finds on her follow-up page (R4: at once, not in 7 days)."""
    with override(complaint.language):
        body = _(
            "We have received your complaint %(reference)s. We will check which organisation can "
            "deal with it and tell you here. You can add information or files at any time."
        ) % {"reference": complaint.reference}
    Message.objects.create(
        complaint=complaint,
        sender=Message.Sender.MECHANISM,
        kind=Message.Kind.ACKNOWLEDGEMENT,
        body=body,
    )


def complaint_find(code: str) -> Complaint | None:
    """The complaint a receipt code opens, or None, in the same time whatever was typed.

    Every try pays for one Argon2 digest, a malformed code too, and one indexed look-up. The
    database compares digests, not codes: a digest is keyed with the receipt key, so how long a
    comparison takes says nothing about how close a guess was. The final comparison is
    constant-time as well.
    """
    digits = receipts.parse(code)
    digest = receipts.digest(digits or "0" * receipts.DIGITS)
    complaint = Complaint.objects.filter(receipt_digest=digest).first()
    if digits is None or complaint is None:
        return None
    if not hmac.compare_digest(complaint.receipt_digest, digest):
        return None
    return complaint


def reporter_message(
    complaint: Complaint,
    *,
    body: str,
    kind: str = Message.Kind.MESSAGE,
    files: Iterable[CleanFile] = (),
) -> Message:
    """A reply, a meeting request (R10) or a withdrawal from the reporter, with any files."""
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
            if complaint.status == Complaint.Status.WITHDRAWN:
                raise ComplaintWithdrawn
            message = Message.objects.create(
                complaint=complaint, sender=Message.Sender.REPORTER, kind=kind, body=body
            )
            for clean in files:
                stored.append(attachment_store(clean, complaint=complaint, message=message))
            if kind == Message.Kind.WITHDRAWAL:
                complaint.status = Complaint.Status.WITHDRAWN
                complaint.withdrawn_at = timezone.now()
                complaint.save(update_fields=["status", "withdrawn_at", "updated_at"])
    except BaseException:
        _forget_files(stored)
        raise
    return message


def _forget_files(attachments: Iterable[Attachment]) -> None:
    """Remove the files of rows whose transaction rolled back."""
    for attachment in attachments:
        _attachment_path(attachment.storage_name).unlink(missing_ok=True)


# What a complaint keeps after erasure: the figures for statistics, nothing that tells who or
# what in the complainant's words.
ERASED_FIELDS = (
    "description",
    "site_name",
    "site_address",
    "represented_people",
    "organisation",
    "reporter_name",
    "contact_phone",
    "contact_email",
    "contact_other",
)


def complaint_personal_data_erase(complaint: Complaint, *, now: Any = None) -> Complaint:
    """Erase what the complainant wrote and who she is; keep country, issues, dates and counts.

    The receipt stops opening the complaint; messages, files and any draft are deleted (the files
    from disk once the transaction commits). Runs inside the caller's transaction.
    """
    now = now or timezone.now()
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    for name in ERASED_FIELDS:
        setattr(complaint, name, "")
    complaint.partner_organisation = ""
    complaint.anonymous = True
    complaint.consent_identity_to_company = False
    # Unique and never a digest of any code, so no receipt can open the complaint again.
    complaint.receipt_digest = f"erased-{uuid.uuid4().hex}"
    complaint.erased_at = now
    complaint.save()
    for attachment in Attachment.objects.filter(complaint=complaint):
        attachment_delete(attachment)
    Message.objects.filter(complaint=complaint).delete()
    Draft.objects.filter(complaint=complaint).delete()
    return complaint


def drafts_purge(*, now: Any = None) -> int:
    """Delete expired drafts and the files attached to them; returns how many drafts went.

    A sent complaint keeps its files (they were moved to it); a draft whose complaint was sent
    but whose reporter never confirmed keeping her code only loses the draft, and with it the
    last way to show the code.
    """
    now = now or timezone.now()
    expired = Draft.objects.filter(expires_at__lte=now)
    paths = [
        _attachment_path(name)
        for name in Attachment.objects.filter(
            draft__in=expired, complaint__isnull=True
        ).values_list("storage_name", flat=True)
    ]
    with transaction.atomic():
        Attachment.objects.filter(draft__in=expired, complaint__isnull=True).delete()
        _total, by_model = expired.delete()
    for path in paths:
        path.unlink(missing_ok=True)
    return int(by_model.get(Draft._meta.label, 0))
