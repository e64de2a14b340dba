"""What members of a sector agreement promise, plan and are assessed on; joint projects."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from remedyhub.common.models import BaseModel
from remedyhub.registry.models import Company, SectorAgreement


class Commitment(BaseModel):
    """Something every member must do by a deadline the rule sets (``deadlines.py``)."""

    class Rule(models.TextChoices):
        AFTER_JOINING = "after_joining", _("Within a number of months of joining")
        FIXED_DATE = "fixed_date", _("By a fixed date")
        YEARLY = "yearly", _("Every year, a number of months into the year")

    agreement = models.ForeignKey(
        SectorAgreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    rule = models.CharField(_("deadline rule"), max_length=16, choices=Rule.choices)
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["agreement", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "code"], name="commitment_code_once"),
            models.CheckConstraint(
                condition=Q(rule="fixed_date", due_on__isnull=False)
                | (~Q(rule="fixed_date") & Q(months__isnull=False)),
                name="commitment_rule_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CommitmentFulfilment(BaseModel):
    """A member met a commitment on a day (a yearly commitment once per year)."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="fulfilments",
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    # The year a yearly commitment was met for; 0 for a commitment met once.
    year = models.PositiveSmallIntegerField(_("year"), default=0)
    fulfilled_on = models.DateField(_("met on"))
    evidence = models.CharField(_("evidence"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("commitment met")
        verbose_name_plural = _("commitments met")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "company", "year"], name="fulfilment_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.company}: {self.commitment}"


class AssessmentFramework(BaseModel):
    """How the agreement assesses its members: weighted criteria and a pass mark."""

    agreement = models.ForeignKey(
        SectorAgreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="frameworks",
    )
    name = models.CharField(_("name"), max_length=255)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (percent)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    first_year = models.PositiveSmallIntegerField(_("used from year"))

    class Meta:
        verbose_name = _("assessment framework")
        verbose_name_plural = _("assessment frameworks")
        ordering = ["agreement", "-first_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__gte=1, pass_mark__lte=100), name="framework_pass_mark_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(BaseModel):
    framework = models.ForeignKey(
        AssessmentFramework,
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=255)
    weight = models.PositiveSmallIntegerField(_("weight"), validators=[MinValueValidator(1)])
    max_score = models.PositiveSmallIntegerField(
        _("highest score"), default=4, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["framework", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="criterion_code_once"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="criterion_weight_positive"),
            models.CheckConstraint(condition=Q(max_score__gte=1), name="criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class ActionPlan(BaseModel):
    """A member's plan for one year."""

    agreement = models.ForeignKey(
        SectorAgreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="action_plans",
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="action_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    submitted_on = models.DateField(_("submitted on"))
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["agreement", "-year", "company"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "company", "year"], name="actionplan_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.year}"


class Assessment(BaseModel):
    """The agreement's assessment of one member for one year, scored by its framework."""

    agreement = models.ForeignKey(
        SectorAgreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    framework = models.ForeignKey(
        AssessmentFramework,
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    assessed_on = models.DateField(_("assessed on"))
    # {criterion code: whole score}; the percentage and the verdict are derived (scoring.py).
    scores = models.JSONField(_("scores"), default=dict)
    percent = models.DecimalField(_("score (percent)"), max_digits=4, decimal_places=1)
    passed = models.BooleanField(_("passed"))
    notes = models.TextField(_("notes"), blank=True)
    # Set when a failing member was referred to the agreement's complaints mechanism.
    referral_complaint = models.ForeignKey(
        "intake.Complaint",
        verbose_name=_("referral to the complaints mechanism"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["agreement", "-year", "company"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "company", "year"], name="assessment_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.year}"


class Project(BaseModel):
    """A joint project of the agreement's parties."""

    agreement = models.ForeignKey(
        SectorAgreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    companies = models.ManyToManyField(
        Company, verbose_name=_("participating companies"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")
        ordering = ["agreement", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "slug"], name="project_slug_once"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Indicator(BaseModel):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["project", "pk"]

    def __str__(self) -> str:
        return self.name


class Measurement(BaseModel):
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="measurement_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.measured_on}: {self.value}"
