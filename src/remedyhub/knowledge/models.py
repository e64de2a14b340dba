"""The knowledge base (articles in three languages, FAQ) and the helpdesk (questions to experts).

A helpdesk question is a company's data: it lives here, apart from complaints, and its free
text, answer and attachment are encrypted at rest like a complaint's.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from remedyhub.common.fields import EncryptedTextField
from remedyhub.common.models import BaseModel
from remedyhub.common.outbox import QueuedEmail
from remedyhub.intake.taxonomy import Issue
from remedyhub.registry.models import Company
from remedyhub.registry.taxonomy import Sector

LANGUAGES = ("en", "nl", "fr")
SOURCE_LANGUAGE = "en"
LANGUAGE_CHOICES = [("en", "English"), ("nl", "Nederlands"), ("fr", "Français")]
CHAPTERS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI")
STEPS = (1, 2, 3, 4, 5, 6)


class Article(BaseModel):
    """One article; its words live in its translations, its tags here (shared by all)."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    steps = models.JSONField(_("due-diligence steps"), default=list, blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    chapters = models.JSONField(_("OECD Guidelines chapters"), default=list, blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    related = models.ManyToManyField(
        "self", verbose_name=_("related articles"), symmetrical=False, blank=True
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class ArticleTranslation(BaseModel):
    """The article in one language, with its own editorial status (draft, review, published)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text (Markdown)"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Published translations appear from this moment (empty: at once)."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A change to a published text is a revision: a draft of its own that goes through review
    # while the published text stays as it is, and replaces it when published.
    revision_of = models.OneToOneField(
        "self",
        verbose_name=_("revision of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revision",
    )

    class Meta:
        verbose_name = _("article translation")
        verbose_name_plural = _("article translations")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"],
                condition=models.Q(revision_of__isnull=True),
                name="article_language_once",
            ),
            models.CheckConstraint(
                condition=models.Q(revision_of__isnull=True) | ~models.Q(status="published"),
                name="revision_is_never_published",
            ),
        ]

    def __str__(self) -> str:
        if self.revision_of_id:
            return f"{self.article.slug} ({self.language}, {_('revision')})"
        return f"{self.article.slug} ({self.language})"

    def is_live(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and (
            self.publish_at is None or self.publish_at <= now
        )


class FaqEntry(BaseModel):
    """A public question and answer, often from a helpdesk question whose asker consented.

    The public wording is the expert's: it names no company or person.
    """

    question_en = models.TextField(_("question (English)"))
    answer_en = models.TextField(_("answer (English)"))
    question_nl = models.TextField(_("question (Dutch)"), blank=True)
    answer_nl = models.TextField(_("answer (Dutch)"), blank=True)
    question_fr = models.TextField(_("question (French)"), blank=True)
    answer_fr = models.TextField(_("answer (French)"), blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    articles = models.ManyToManyField(
        Article, verbose_name=_("linked articles"), blank=True, related_name="faq_entries"
    )
    source_question = models.OneToOneField(
        "Question",
        verbose_name=_("from helpdesk question"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="faq_entry",
    )
    is_published = models.BooleanField(_("published"), default=True)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.question_en[:80]

    def text(self, language: str) -> tuple[str, str, str]:
        """Question and answer in ``language``, or in English; and the language given."""
        question = getattr(self, f"question_{language}", "") if language in LANGUAGES else ""
        answer = getattr(self, f"answer_{language}", "") if language in LANGUAGES else ""
        if question and answer:
            return question, answer, language
        return self.question_en, self.answer_en, SOURCE_LANGUAGE


class ExpertGroup(BaseModel):
    """Experts who answer helpdesk questions (SER, RVO, an agreement's secretariat)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("experts"),
        blank=True,
        related_name="expert_groups",
    )
    themes = models.JSONField(_("themes it answers"), default=list, blank=True)
    sectors = models.JSONField(_("sectors it answers"), default=list, blank=True)
    response_days = models.PositiveSmallIntegerField(_("days to answer"), default=10)
    is_default = models.BooleanField(
        _("default group"), default=False, help_text=_("Receives questions no other group takes.")
    )

    class Meta:
        verbose_name = _("expert group")
        verbose_name_plural = _("expert groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Question(BaseModel):
    """A company's question to the helpdesk."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")

    class Size(models.TextChoices):
        MICRO = "micro", _("Fewer than 10 people")
        SMALL = "small", _("10 to 49 people")
        MEDIUM = "medium", _("50 to 249 people")
        LARGE = "large", _("250 people or more")

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="helpdesk_questions",
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField(_("topic"), max_length=32, choices=Issue.choices)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    country = models.CharField(_("country"), max_length=2)
    company_size = models.CharField(_("company size"), max_length=8, choices=Size.choices)
    language = models.CharField(_("language"), max_length=8, default="en")
    text = EncryptedTextField(_("question"))
    consent_to_publish = models.BooleanField(_("may be published as FAQ"), default=False)
    group = models.ForeignKey(
        ExpertGroup, verbose_name=_("expert group"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("answer due"))
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.OPEN)
    reminded_before = models.BooleanField(default=False)
    reminded_on = models.DateField(null=True, blank=True)
    attachment_name = models.CharField(_("attachment"), max_length=120, blank=True)
    attachment_type = models.CharField(max_length=60, blank=True)
    attachment_data = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("helpdesk question")
        verbose_name_plural = _("helpdesk questions")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["group", "state", "deadline"])]

    def __str__(self) -> str:
        return f"Q{self.pk}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.state == self.State.OPEN and self.deadline < (today or timezone.localdate())


class Answer(BaseModel):
    question = models.OneToOneField(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answer"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("expert"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = EncryptedTextField(_("answer"))
    articles = models.ManyToManyField(Article, verbose_name=_("articles"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")


class Handover(BaseModel):
    """A question passed from one expert group to another, with the reason."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="handovers")
    from_group = models.ForeignKey(ExpertGroup, on_delete=models.PROTECT, related_name="+")
    to_group = models.ForeignKey(ExpertGroup, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["created_at", "pk"]


class HelpdeskNotification(QueuedEmail):
    """An e-mail about a helpdesk question, kept until sent (as cases.Notification is)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notifications")

    class Meta:
        verbose_name = _("helpdesk notification")
        verbose_name_plural = _("helpdesk notifications")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
