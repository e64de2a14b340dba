"""Grievance mechanisms: who they are, what they cover, and how they work."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from remedyhub.common.models import BaseModel
from remedyhub.registry.models import Company, SectorAgreement


class Mechanism(BaseModel):
    class Kind(models.TextChoices):
        COMPANY_CHANNEL = "company_channel", _("Company's own grievance channel")
        AGREEMENT_COMMITTEE = "agreement_committee", _("Sector agreement's complaints committee")
        NCP = "ncp", _("National Contact Point for the OECD Guidelines")
        PRODUCING_COUNTRY = "producing_country", _("Mechanism in the producing country")
        OTHER = "other", _("Other mechanism")

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    agreement = models.ForeignKey(
        SectorAgreement,
        verbose_name=_("sector agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mechanisms",
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mechanisms",
    )
    # Scope: empty means "any". Codes: ISO 3166-1 countries, registry sectors, ISO 639-1.
    sectors = models.JSONField(_("sectors covered"), default=list, blank=True)
    countries = models.JSONField(_("producing countries covered"), default=list, blank=True)
    home_countries = models.JSONField(
        _("home countries of companies covered"), default=list, blank=True
    )
    languages = models.JSONField(_("languages accepted"), default=list, blank=True)
    accepts_anonymous = models.BooleanField(_("accepts anonymous complaints"), default=True)
    binding_decisions = models.BooleanField(_("can give binding decisions"), default=False)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # How long the personal data of a case stays after it ends; then the retention purge erases
    # it and keeps only the figures (issue #6). Two years by default, as many committees keep.
    retention_days = models.PositiveIntegerField(
        _("days personal data is kept after a case ends"),
        default=730,
        help_text=_(
            "After this many days from closure, withdrawal or referral, the complainant's words, "
            "identity, contact details, messages and files are erased; the figures remain."
        ),
    )
    # The platform's own secretariat: takes a complaint no other mechanism can (one at most).
    is_default = models.BooleanField(_("takes complaints no other mechanism can"), default=False)

    class Meta:
        verbose_name = _("mechanism")
        verbose_name_plural = _("mechanisms")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="agreement_committee") | Q(agreement__isnull=False),
                name="mechanism_committee_has_agreement",
            ),
            models.CheckConstraint(
                condition=~Q(kind="company_channel") | Q(company__isnull=False),
                name="mechanism_channel_has_company",
            ),
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_mechanism"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == self.Kind.AGREEMENT_COMMITTEE and not self.agreement_id:
            raise ValidationError({"agreement": _("A committee belongs to a sector agreement.")})
        if self.kind == self.Kind.COMPANY_CHANNEL and not self.company_id:
            raise ValidationError({"company": _("A company channel belongs to a company.")})


class RulesOfProcedure(BaseModel):
    """One published version of a mechanism's rules: its stages, time limits and outcomes.

    A case keeps the version in force on the day it was filed (R6); publishing a new version
    changes nothing for open cases.
    """

    class DayKind(models.TextChoices):
        CALENDAR = "calendar", _("calendar days")
        WORKING = "working", _("working days")

    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("mechanism"), on_delete=models.PROTECT, related_name="rules"
    )
    version = models.PositiveIntegerField(_("version"))
    in_force_from = models.DateField(_("in force from"))
    # [{"state": "acknowledged", "limit": 7, "unit": "days"|"months", "day_kind": "calendar"}]
    stages = models.JSONField(_("stages and time limits"), default=list)
    outcome_types = models.JSONField(_("outcome types"), default=list, blank=True)
    text = models.TextField(_("rules of procedure"), blank=True)

    class Meta:
        verbose_name = _("rules of procedure")
        verbose_name_plural = _("rules of procedure")
        ordering = ["mechanism", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["mechanism", "version"], name="rules_version_unique"),
            models.UniqueConstraint(
                fields=["mechanism", "in_force_from"], name="rules_one_version_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mechanism} v{self.version}"

    def clean(self) -> None:
        from remedyhub.routing.rules import InvalidStages, parse_stages

        try:
            parse_stages(self.stages)
        except InvalidStages as error:
            raise ValidationError(
                {"stages": _("Each stage needs a state and a positive limit in days or months.")}
            ) from error
