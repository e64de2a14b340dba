"""Users and their affiliations: a person acts for a mechanism or for a company, never both."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from remedyhub.common.models import BaseModel
from remedyhub.registry.models import Company
from remedyhub.routing.models import Mechanism


class User(AbstractUser):
    """A person with a log-in. Reporters never need one: their receipt code is their key."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Affiliation(BaseModel):
    class Role(models.TextChoices):
        HANDLER = "handler", _("Case handler")
        COMMITTEE_MEMBER = "committee_member", _("Committee member")
        COMPANY = "company", _("Company representative")

    MECHANISM_ROLES = (Role.HANDLER, Role.COMMITTEE_MEMBER)

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="affiliations"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    mechanism = models.ForeignKey(
        Mechanism,
        verbose_name=_("mechanism"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="affiliations",
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="affiliations",
    )

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            # Role separation (UNGP 31 a): mechanism roles name a mechanism and no company,
            # the company role names a company and no mechanism.
            models.CheckConstraint(
                condition=(
                    Q(role="company", company__isnull=False, mechanism__isnull=True)
                    | Q(
                        role__in=["handler", "committee_member"],
                        mechanism__isnull=False,
                        company__isnull=True,
                    )
                ),
                name="affiliation_role_matches_organisation",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "mechanism", "company"], name="affiliation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.mechanism or self.company}"

    def clean(self) -> None:
        if self.role == self.Role.COMPANY and (not self.company_id or self.mechanism_id):
            raise ValidationError(_("A company representative is affiliated with one company."))
        if self.role in self.MECHANISM_ROLES and (not self.mechanism_id or self.company_id):
            raise ValidationError(_("A handler or committee member acts for one mechanism."))
        others = Affiliation.objects.filter(user_id=self.user_id).exclude(pk=self.pk)
        mixed = (
            others.filter(role__in=self.MECHANISM_ROLES)
            if self.role == self.Role.COMPANY
            else others.filter(role=self.Role.COMPANY)
        )
        if self.user_id and mixed.exists():
            raise ValidationError(
                _(
                    "Nobody may act for a company and for a mechanism: "
                    "that is a conflict of interest."
                )
            )


class ApiToken(BaseModel):
    """A partner organisation's key to the API. Only its SHA-256 is stored; it is shown once."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("first characters"), max_length=8, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.organisation})"
