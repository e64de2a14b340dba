"""Cases: a complaint in the hands of one mechanism, and the append-only history of it."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from remedyhub.cases.workflow import TERMINAL
from remedyhub.common.audit import GENESIS
from remedyhub.common.fields import EncryptedTextField
from remedyhub.common.models import BaseModel
from remedyhub.common.outbox import QueuedEmail
from remedyhub.intake.models import Complaint
from remedyhub.registry.models import Company
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import Stage


class Case(BaseModel):
    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="cases"
    )
    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("mechanism"), on_delete=models.PROTECT, related_name="cases"
    )
    # The version in force when the complaint was filed; later versions change nothing (R6).
    rules = models.ForeignKey(
        RulesOfProcedure,
        verbose_name=_("rules of procedure"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    state = models.CharField(
        _("state"), max_length=24, choices=Stage.choices, default=Stage.RECEIVED
    )
    held_from = models.CharField(_("on hold from"), max_length=24, blank=True)
    stage_started_at = models.DateTimeField(_("stage started at"))
    deadline = models.DateField(_("deadline of the stage"), null=True, blank=True)
    referred_from = models.ForeignKey(
        "self",
        verbose_name=_("referred from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    # Hash of the newest event: removing the newest events cannot go unnoticed.
    head_hash = models.CharField(max_length=64, default=GENESIS, editable=False)
    # R5: the complainant hears from the mechanism at least every 3 months.
    feedback_due_on = models.DateField(_("next feedback to the complainant due"), null=True)
    reminded_on = models.DateField(_("last reminder sent"), null=True, blank=True)
    # The companies the case concerns (the site's buyers behind the chosen route, R19); their
    # users see the case, without the complainant's identity unless she consented (R3).
    companies = models.ManyToManyField(
        Company, verbose_name=_("companies concerned"), blank=True, related_name="cases"
    )
    # R3: set when the complainant reports threats or punishment; such cases come first.
    urgent_since = models.DateTimeField(_("urgent since"), null=True, blank=True)
    # R11: a follow-up check 6 to 12 months after the remedy plan.
    follow_up_check_on = models.DateField(_("follow-up check due"), null=True, blank=True)
    event_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]
        constraints = [
            # A complaint is with one mechanism at a time; referral ends one case, opens another.
            models.UniqueConstraint(
                fields=["complaint"],
                condition=~Q(state__in=sorted(TERMINAL)),
                name="one_open_case_per_complaint",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint.reference} · {self.mechanism}"


def reason_digest(reason: str) -> str:
    return hashlib.sha256(reason.encode()).hexdigest()


class CaseEvent(models.Model):
    """One step in a case's history. Never updated or deleted; each hash covers the one before."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    sequence = models.PositiveIntegerField()
    kind = models.CharField(max_length=24)
    from_state = models.CharField(max_length=24, blank=True)
    to_state = models.CharField(max_length=24, blank=True)
    reason = EncryptedTextField(blank=True, default="")
    # Set when the reason was erased (retention, the complainant's request): the digest the hash
    # covers, so that the chain stays verifiable without the erased words.
    erased_reason_digest = models.CharField(max_length=64, blank=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    occurred_at = models.DateTimeField()
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["case", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["case", "sequence"], name="case_event_sequence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.sequence} {self.kind} {self.from_state}->{self.to_state}"

    def content(self) -> dict[str, object]:
        """What the hash covers: the reason by its digest, which outlives an erased reason."""
        return {
            "case": self.case_id,
            "sequence": self.sequence,
            "kind": self.kind,
            "from": self.from_state,
            "to": self.to_state,
            "reason": self.erased_reason_digest or reason_digest(self.reason),
            "actor": self.actor_id,
            "at": self.occurred_at.isoformat(),
        }


class Notification(QueuedEmail):
    """An e-mail to one party about one step, kept until it is sent.

    Written in the same transaction as the step, sent afterwards by the worker: a mail server
    that fails delays the e-mail (it is retried) and never blocks or undoes the step.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    recipient_kind = models.CharField(max_length=16)
    language = models.CharField(max_length=8)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.recipient_kind} · {self.subject}"


class Decision(BaseModel):
    """A reasoned decision in a case: on admissibility, or on the merits (R8, R10, R11)."""

    class Kind(models.TextChoices):
        ADMISSIBILITY = "admissibility", _("Admissibility")
        OUTCOME = "outcome", _("Outcome")

    class Finding(models.TextChoices):
        FOUNDED = "founded", _("Complaint founded")
        PARTLY_FOUNDED = "partly_founded", _("Complaint partly founded")
        UNFOUNDED = "unfounded", _("Complaint unfounded")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    admissible = models.BooleanField(_("admissible"), null=True, blank=True)
    criteria = models.JSONField(_("criteria"), default=dict, blank=True)
    finding = models.CharField(_("finding"), max_length=16, choices=Finding.choices, blank=True)
    binding = models.BooleanField(_("binding"), default=False)
    reasoning = EncryptedTextField(_("reasoning"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.case}"


class RemedyItem(BaseModel):
    """One thing to be put right: what, who, by when, and the evidence that it was (R11)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        NOT_DONE = "not_done", _("not done")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="remedy_items")
    description = models.TextField(_("what"))
    owner = models.CharField(_("who"), max_length=255)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    evidence = models.TextField(_("evidence"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("remedy item")
        verbose_name_plural = _("remedy items")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:60]


class ConflictOfInterest(BaseModel):
    """A person's declared tie to a company, or to one case: she may not be assigned to the
    company's cases, or to that case (R14)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts"
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conflicts",
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conflicts",
    )
    description = models.TextField(_("nature of the tie"), blank=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["user", "company"], name="conflict_unique"),
            models.UniqueConstraint(fields=["user", "case"], name="conflict_case_unique"),
            models.CheckConstraint(
                condition=Q(company__isnull=False, case__isnull=True)
                | Q(company__isnull=True, case__isnull=False),
                name="conflict_names_company_or_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.company or self.case}"


class CaseAssignment(BaseModel):
    class Role(models.TextChoices):
        HANDLER = "handler", _("Case handler")
        COMMITTEE_MEMBER = "committee_member", _("Committee member")
        MEDIATOR = "mediator", _("Mediator")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_assignments"
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class CaseMessage(BaseModel):
    """A message inside a case, with who may read it (R9: both sides see the same, unless)."""

    class Visibility(models.TextChoices):
        ALL = "all", _("All parties")
        MECHANISM = "mechanism", _("The mechanism only")
        COMPLAINANT = "complainant", _("The mechanism and the complainant")
        COMPANY = "company", _("The mechanism and the company")

    class Side(models.TextChoices):
        MECHANISM = "mechanism", _("Mechanism")
        COMPANY = "company", _("Company")
        COMPLAINANT = "complainant", _("Complainant")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    side = models.CharField(_("from"), max_length=16, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    visibility = models.CharField(_("who may read it"), max_length=16, choices=Visibility.choices)
    body = EncryptedTextField(_("message"))
    # A reason is required to keep a document from one side (R9).
    confidential_reason = models.CharField(_("why it is not shared"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("case message")
        verbose_name_plural = _("case messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_side_display()} · {self.get_visibility_display()}"


class ReferralProposal(BaseModel):
    """A mechanism proposes to pass the complaint on; only the complainant's consent does it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("waiting for the complainant")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referral_proposals")
    to_mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, related_name="referrals_proposed"
    )
    reason = models.TextField(_("why"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("referral proposal")
        verbose_name_plural = _("referral proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="proposed"), name="one_open_referral_proposal"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.to_mechanism}"
