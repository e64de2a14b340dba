"""Good practices, the members-only network (rooms, posts, shared documents) and events."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from remedyhub.cases.models import Case
from remedyhub.common.fields import EncryptedTextField
from remedyhub.common.models import BaseModel
from remedyhub.common.outbox import QueuedEmail
from remedyhub.registry.models import Company


class GoodPractice(BaseModel):
    """How a company prevented harm or provided remedy, in its own words."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="good_practices"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("what happened and what the company did"))
    themes = models.JSONField(_("themes"), default=list, blank=True)  # intake.taxonomy.Issue codes
    steps = models.TextField(_("steps taken, one per line"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Only a closed case, and only with both parties' consent (community.services).
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]


class CaseLinkConsent(BaseModel):
    """A party's consent to have a closed case named in a company's good practice."""

    class Party(models.TextChoices):
        COMPLAINANT = "complainant", _("Complainant")
        COMPANY = "company", _("Company")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )
    party = models.CharField(_("party"), max_length=16, choices=Party.choices)
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent to name a case")
        verbose_name_plural = _("consents to name a case")
        constraints = [
            models.CheckConstraint(
                condition=Q(party="complainant", company__isnull=True)
                | Q(party="company", company__isnull=False),
                name="consent_company_only_for_company_party",
            ),
            models.UniqueConstraint(
                fields=["case", "party", "company"], name="one_consent_per_party"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.party}"


class Room(BaseModel):
    """A members-only discussion space with a confidentiality rule shown on every page."""

    class Rule(models.TextChoices):
        CHATHAM_HOUSE = "chatham_house", _("Chatham House Rule")
        MEMBERS_ONLY = "members_only", _("Confidential to members")

    RULE_TEXTS = {
        Rule.CHATHAM_HOUSE: _(
            "You may use what is said and shared here, but you may not reveal who said it or "
            "which organisation they belong to."
        ),
        Rule.MEMBERS_ONLY: _(
            "What is said and shared here stays with the members of this room: do not pass it "
            "on outside the room."
        ),
    }

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("purpose"), blank=True)
    rule = models.CharField(
        _("confidentiality rule"), max_length=16, choices=Rule.choices, default=Rule.MEMBERS_ONLY
    )

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def rule_text(self) -> str:
        return str(self.RULE_TEXTS[self.Rule(self.rule)])


class RoomMembership(BaseModel):
    class Role(models.TextChoices):
        COMPANY = "company", _("Company")
        SECRETARIAT = "secretariat", _("Agreement secretariat")
        EXPERT = "expert", _("Expert")

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="room_memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("room membership")
        verbose_name_plural = _("room memberships")
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="one_membership")]

    def __str__(self) -> str:
        return f"{self.user} in {self.room}"


class Post(BaseModel):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = EncryptedTextField(_("message"))

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.room} #{self.pk}"


class SharedDocument(BaseModel):
    """A file shared in a room; encrypted under MEDIA_ROOT/community/ (community.files)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="documents")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    storage_name = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    content_type = models.CharField(_("content type"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    original_name = EncryptedTextField(_("file name"))

    class Meta:
        verbose_name = _("shared document")
        verbose_name_plural = _("shared documents")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Event(BaseModel):
    class Kind(models.TextChoices):
        WEBINAR = "webinar", _("Webinar")
        TRAINING = "training", _("Training")
        MEETING = "meeting", _("Meeting")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    # The organiser's time zone: times are stored in UTC and shown in this zone.
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Amsterdam")
    location = models.CharField(_("location"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    registration_open = models.BooleanField(_("registration open"), default=True)
    published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Registration(BaseModel):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = EncryptedTextField(_("name"), blank=True, default="")
    email = EncryptedTextField(_("e-mail"), blank=True, default="")
    # Keyed digest of the lower-cased address: finds a duplicate without storing it in clear.
    email_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # SHA-256 of the token in the cancellation link of a registration without an account.
    cancel_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # The page's language at registration: the e-mails about it are written in it.
    language = models.CharField(_("language"), max_length=8, blank=True, default="")

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False) & ~Q(status="cancelled"),
                name="one_active_registration_per_user",
            ),
            models.UniqueConstraint(
                fields=["event", "email_digest"],
                condition=~Q(email_digest="") & ~Q(status="cancelled"),
                name="one_active_registration_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} #{self.pk}"


class EventNotification(QueuedEmail):
    """An e-mail about a registration, kept until sent (as cases.Notification is)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="notifications"
    )
    # The body carries a guest's cancellation token, which is never kept: it is emptied once
    # the e-mail is sent or given up (notifications.event_mail_send).
    holds_token = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("event notification")
        verbose_name_plural = _("event notifications")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.subject}"


class EventMaterial(BaseModel):
    """Slides, recordings, notes: a link or a file, shown once the event has ended."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    storage_name = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    content_type = models.CharField(_("content type"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)

    class Meta:
        verbose_name = _("event material")
        verbose_name_plural = _("event materials")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title
