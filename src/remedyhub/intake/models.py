"""Complaints as they come in, their files, the reporter's drafts and the follow-up messages.

Everything a reporter writes or that could identify her is an ``EncryptedTextField``; what stays
in plain form is what routing and statistics need (country, issues, counts, dates, choices).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from remedyhub.common.countries import CountryField
from remedyhub.common.fields import EncryptedTextField
from remedyhub.common.models import BaseModel
from remedyhub.intake.taxonomy import ReporterType
from remedyhub.registry.models import Facility


class Complaint(BaseModel):
    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        API = "api", _("Partner organisation (API)")
        PHONE = "phone", _("Phone call")
        LETTER = "letter", _("Letter")
        IN_PERSON = "in_person", _("In person")
        EMAIL = "email", _("E-mail")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Set in the same transaction as the insert, from the primary key: RH-2026-000042.
    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True)  # noqa: DJ001
    # SHA-256 of what makes two submissions "the same" (the draft, or the client's
    # Idempotency-Key); a retry finds the complaint already stored instead of adding one.
    submission_key = models.CharField(max_length=64, unique=True, editable=False)
    # Argon2id of the receipt code with the installation's receipt key; never the code itself.
    receipt_digest = models.CharField(max_length=64, unique=True, editable=False)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    language = models.CharField(_("language chosen"), max_length=8)
    detected_language = models.CharField(_("language of the text"), max_length=8, blank=True)

    description = EncryptedTextField(_("what happened"))
    issues = models.JSONField(_("issues"), default=list, blank=True)
    country = CountryField(_("country"))
    site_name = EncryptedTextField(_("name of the site, as told"), blank=True, default="")
    site_address = EncryptedTextField(_("address of the site, as told"), blank=True, default="")
    facility = models.ForeignKey(
        Facility,
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    occurred_from = models.DateField(_("from"), null=True, blank=True)
    occurred_to = models.DateField(_("until"), null=True, blank=True)
    ongoing = models.BooleanField(_("still going on"), default=False)
    affected_count = models.PositiveIntegerField(_("people affected"), null=True, blank=True)
    affected_groups = models.JSONField(_("groups affected"), default=list, blank=True)

    reporter_type = models.CharField(
        _("reporter"), max_length=32, choices=ReporterType.choices, blank=True
    )
    on_behalf_of_others = models.BooleanField(_("on behalf of others"), default=False)
    represented_people = EncryptedTextField(_("people represented"), blank=True, default="")
    organisation = EncryptedTextField(_("organisation"), blank=True, default="")
    anonymous = models.BooleanField(_("anonymous"), default=True)
    reporter_name = EncryptedTextField(_("name"), blank=True, default="")
    contact_phone = EncryptedTextField(_("phone"), blank=True, default="")
    contact_email = EncryptedTextField(_("e-mail"), blank=True, default="")
    contact_other = EncryptedTextField(_("messaging app"), blank=True, default="")
    consent_identity_to_company = models.BooleanField(
        _("the company may see who I am"), default=False
    )

    # Who typed it in: staff for a phone call or letter, a partner organisation's account for
    # the API. Never the reporter of a web complaint, who has no account.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    partner_organisation = models.CharField(_("partner organisation"), max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # Set when the personal data was erased (retention after the case ended, or at the
    # complainant's request); what is left are the figures: country, issues, dates, counts.
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(consent_identity_to_company=False),
                name="complaint_anonymous_gives_no_identity",
            ),
        ]

    def __str__(self) -> str:
        return self.reference or f"complaint {self.pk}"


class Attachment(BaseModel):
    """A file, encrypted on disk under ``MEDIA_ROOT/attachments/``; images without metadata."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Photo")
        PDF = "pdf", _("PDF document")
        AUDIO = "audio", _("Sound recording")

    storage_name = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    draft = models.ForeignKey(
        "Draft", on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments"
    )
    message = models.ForeignKey(
        "Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    content_type = models.CharField(_("content type"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    original_name = EncryptedTextField(_("file name"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.storage_name}"


class Draft(BaseModel):
    """A reporter's answers between steps, found by a random token in her cookie.

    Not Django's session: session data is stored in plain form, and a draft holds the whole
    complaint. The token itself is never stored, only its SHA-256.
    """

    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    data = EncryptedTextField(default="{}")
    complaint = models.OneToOneField(
        Complaint, on_delete=models.CASCADE, null=True, blank=True, related_name="draft"
    )
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")

    def __str__(self) -> str:
        return f"draft {self.pk}"


class Message(BaseModel):
    """What the reporter and the mechanism say to each other after filing."""

    class Sender(models.TextChoices):
        REPORTER = "reporter", _("You")
        MECHANISM = "mechanism", _("Remedy Hub")

    class Kind(models.TextChoices):
        MESSAGE = "message", _("Message")
        MEETING_REQUEST = "meeting_request", _("Request for a meeting with the company")
        WITHDRAWAL = "withdrawal", _("Withdrawal")
        ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
        UPDATE = "update", _("Progress of your complaint")
        RETALIATION = "retaliation", _("Report of threats or punishment for complaining")

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.CharField(_("from"), max_length=16, choices=Sender.choices)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.MESSAGE)
    body = EncryptedTextField(_("message"), blank=True, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.complaint}"
