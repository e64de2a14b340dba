"""Writes of the community app: good practices, consent to name a case, rooms, events."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from remedyhub.cases.models import Case
from remedyhub.cases.services import may_handle
from remedyhub.community import files, notifications
from remedyhub.community.models import (
    CaseLinkConsent,
    Event,
    EventMaterial,
    GoodPractice,
    Post,
    Registration,
    Room,
    SharedDocument,
)
from remedyhub.intake.files import MAX_FILE_BYTES, UploadRejected, clean_upload
from remedyhub.registry.models import Company
from remedyhub.routing.rules import Stage


class CaseLinkRefused(Exception):
    """The case cannot be named in this good practice; the message reveals nothing of it."""


class RegistrationRefused(Exception):
    """A registration that cannot be taken (duplicate, full, closed); the message says why."""


def _unique_slug(model: Any, text: str, *, exclude: int | None = None) -> str:
    base = slugify(text)[:70] or "item"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exclude(pk=exclude).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


# Good practices ----------------------------------------------------------------------------


def case_link_consent_record(
    *, case: Case, party: str, actor: Any, company: Company | None = None
) -> CaseLinkConsent:
    """A handler of the case's mechanism records that a party agreed to have it named."""
    if not may_handle(actor, case.mechanism):
        raise PermissionError("only the case's mechanism records consent")
    consent, _created = CaseLinkConsent.objects.get_or_create(
        case=case,
        party=party,
        company=company if party == CaseLinkConsent.Party.COMPANY else None,
        defaults={"recorded_by": actor},
    )
    return consent


def _case_linkable(*, case: Case, company: Company) -> bool:
    if case.state != Stage.CLOSED or not case.companies.filter(pk=company.pk).exists():
        return False
    consents = CaseLinkConsent.objects.filter(case=case)
    return (
        consents.filter(party=CaseLinkConsent.Party.COMPLAINANT).exists()
        and consents.filter(party=CaseLinkConsent.Party.COMPANY, company=company).exists()
    )


def good_practice_save(
    *,
    company: Company,
    author: Any,
    title: str,
    body: str,
    summary: str = "",
    themes: list[str] | None = None,
    steps: str = "",
    case_reference: str = "",
    publish: bool = False,
    practice: GoodPractice | None = None,
) -> GoodPractice:
    """Create or update a company's good practice; publish it when asked.

    A case is linked only when it is closed, concerns this company, and both the complainant
    and the company consented; otherwise :class:`CaseLinkRefused`, with one message whatever
    the reason, so that a guessed reference tells nothing about the case."""
    case = None
    if case_reference.strip():
        case = (
            Case.objects.filter(complaint__reference=case_reference.strip().upper())
            .order_by("-created_at")
            .first()
        )
        if case is None or not _case_linkable(case=case, company=company):
            raise CaseLinkRefused(
                _(
                    "This case cannot be named: only a closed case of your company can be, "
                    "and only after the complainant and your company have both consented "
                    "through the mechanism that handled it."
                )
            )
    with transaction.atomic():
        if practice is None:
            practice = GoodPractice(company=company, author=author)
            practice.slug = _unique_slug(GoodPractice, title)
        practice.title = title
        practice.summary = summary
        practice.body = body
        practice.themes = list(themes or [])
        practice.steps = steps
        practice.case = case
        if publish and practice.status != GoodPractice.Status.PUBLISHED:
            practice.status = GoodPractice.Status.PUBLISHED
            practice.published_at = timezone.now()
        elif not publish:
            practice.status = GoodPractice.Status.DRAFT
        practice.save()
    return practice


# Rooms -------------------------------------------------------------------------------------


def room_post_create(*, room: Room, author: Any, body: str) -> Post:
    return Post.objects.create(room=room, author=author, body=body)


def shared_document_store(
    *, room: Room, user: Any, title: str, name: str, size: int, read: Any
) -> SharedDocument:
    """Check a file by its content (size first, before reading it), then store it encrypted.

    Raises :class:`UploadRejected` with a message naming the file."""
    if size > MAX_FILE_BYTES:
        # Refused before the bytes are read, in the words clean_upload uses.
        limit = _("%(size)s MB") % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        raise UploadRejected(
            _("“%(name)s” is larger than %(limit)s.") % {"name": name.strip()[:100], "limit": limit}
        )
    clean = clean_upload(name, read())
    document = SharedDocument(
        room=room,
        uploaded_by=user,
        title=title or clean.original_name,
        content_type=clean.content_type,
        size=len(clean.data),
        original_name=clean.original_name,
    )
    files.stored_write(document.storage_name, clean.data)
    try:
        document.save()
    except Exception:
        files.stored_delete(document.storage_name)
        raise
    return document


# Events ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    cancel_token: str  # only for a registration without an account; shown once


def email_digest(email: str) -> str:
    return salted_hmac(
        "remedyhub.community.registration.email", email.strip().casefold(), algorithm="sha256"
    ).hexdigest()


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def event_register(
    *,
    event: Event,
    user: Any = None,
    name: str = "",
    email: str = "",
    language: str = "",
    base_url: str = "",
) -> RegistrationResult:
    """Register for an event: a place while there is one, else the waiting list (if the event
    keeps one), else :class:`RegistrationRefused`. The event's row is locked while places are
    counted, so two people never take the last place.

    The confirmation (or waiting-list) e-mail is queued in the same transaction, in ``language``
    (the active one by default); ``base_url`` (the site's address) lets it carry links."""
    signed_in = user is not None and user.is_authenticated
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if not locked.registration_open or locked.ends_at <= timezone.now():
            raise RegistrationRefused(_("Registration for this event is closed."))
        active = locked.registrations.exclude(status=Registration.Status.CANCELLED)
        digest = "" if signed_in else email_digest(email)
        duplicate = active.filter(user=user) if signed_in else active.filter(email_digest=digest)
        if duplicate.exists():
            raise RegistrationRefused(
                _("You are already registered for this event (or on its waiting list).")
            )
        taken = active.filter(status=Registration.Status.REGISTERED).count()
        if locked.capacity is None or taken < locked.capacity:
            status = Registration.Status.REGISTERED
        elif locked.waiting_list:
            status = Registration.Status.WAITING
        else:
            raise RegistrationRefused(
                _("This event is full and has no waiting list. Nothing was registered.")
            )
        token = "" if signed_in else secrets.token_urlsafe(24)
        try:
            registration = Registration.objects.create(
                event=locked,
                user=user if signed_in else None,
                name="" if signed_in else name.strip(),
                email="" if signed_in else email.strip(),
                email_digest=digest,
                cancel_digest=token_digest(token) if token else "",
                status=status,
                language=(language or get_language() or "")[:8],
            )
        except IntegrityError as error:  # a double submit racing this one
            raise RegistrationRefused(
                _("You are already registered for this event (or on its waiting list).")
            ) from error
        notifications.queue_registered(registration, token=token, base_url=base_url)
    return RegistrationResult(registration=registration, cancel_token=token)


def registration_cancel(*, registration: Registration, base_url: str = "") -> Registration | None:
    """Cancel; when a place comes free, the first on the waiting list (in order) gets it.
    Returns the promoted registration, if any. Both hear of it by e-mail (queued in the same
    transaction)."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            return None
        freed = current.status == Registration.Status.REGISTERED
        current.status = Registration.Status.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at", "updated_at"])
        registration.status = current.status
        notifications.queue_cancelled(current)
        if not freed:
            return None
        taken = event.registrations.filter(status=Registration.Status.REGISTERED).count()
        if event.capacity is not None and taken >= event.capacity:
            return None
        waiting = (
            event.registrations.filter(status=Registration.Status.WAITING)
            .order_by("created_at", "pk")
            .first()
        )
        if waiting is None:
            return None
        waiting.status = Registration.Status.REGISTERED
        waiting.save(update_fields=["status", "updated_at"])
        notifications.queue_promoted(waiting, base_url=base_url)
        return waiting


def event_material_add(
    *, event: Event, title: str, url: str = "", name: str = "", data: bytes | None = None
) -> EventMaterial:
    """A link, or a file checked like any upload (photo or PDF) and stored encrypted."""
    material = EventMaterial(event=event, title=title, url=url)
    if data is not None:
        clean = clean_upload(name or title, data)
        material.storage_name = uuid.uuid4()
        material.content_type = clean.content_type
        material.size = len(clean.data)
        files.stored_write(material.storage_name, clean.data)
    material.save()
    return material


__all__ = [
    "CaseLinkRefused",
    "RegistrationRefused",
    "UploadRejected",
    "case_link_consent_record",
    "event_material_add",
    "event_register",
    "good_practice_save",
    "registration_cancel",
    "room_post_create",
    "shared_document_store",
]
