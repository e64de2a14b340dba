"""Companies, facilities, supplier lists and the links between them; sector agreements."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from remedyhub.common.countries import CountryField
from remedyhub.common.models import BaseModel
from remedyhub.registry.identifiers import new_facility_id
from remedyhub.registry.taxonomy import Sector


class Company(BaseModel):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    home_country = CountryField(_("home country"))
    chamber_of_commerce_number = models.CharField(
        _("chamber of commerce number"), max_length=32, blank=True
    )
    lei = models.CharField(_("legal entity identifier (LEI)"), max_length=20, blank=True)
    grievance_channel_url = models.URLField(_("own grievance channel"), blank=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Facility(BaseModel):
    """One real production site, whatever the spellings on the lists that name it."""

    public_id = models.CharField(
        _("public id"), max_length=16, unique=True, default=new_facility_id, editable=False
    )
    name = models.CharField(_("name"), max_length=255)
    other_names = models.JSONField(_("other names"), default=list, blank=True)
    address = models.CharField(_("address"), max_length=500)
    city = models.CharField(_("city"), max_length=120, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    country = CountryField(_("country"), db_index=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices, blank=True)
    facility_type = models.CharField(_("facility type"), max_length=120, blank=True)
    number_of_workers = models.CharField(_("number of workers"), max_length=32, blank=True)
    os_id = models.CharField(
        _("Open Supply Hub id"), max_length=32, unique=True, null=True, blank=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    moved_to = models.ForeignKey(
        "self",
        verbose_name=_("moved to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="moved_from",
    )

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["country", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


class SupplierList(BaseModel):
    """One upload of a supplier list, by a company or by a sector agreement for its members."""

    contributor_name = models.CharField(_("contributor"), max_length=255)
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supplier_lists",
    )
    list_date = models.DateField(_("date of the list"))
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("supplier list")
        verbose_name_plural = _("supplier lists")
        ordering = ["-list_date"]

    def __str__(self) -> str:
        return f"{self.contributor_name} {self.list_date:%Y-%m-%d}"


class SupplyLink(BaseModel):
    """A company sources from a facility, as far as the lists tell, between two dates."""

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="supply_links"
    )
    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.PROTECT, related_name="supply_links"
    )
    tier = models.PositiveSmallIntegerField(_("tier"), default=1)
    products = models.CharField(_("products"), max_length=255, blank=True)
    first_seen = models.DateField(_("first seen"))
    last_seen = models.DateField(_("last seen"))
    source_list = models.ForeignKey(
        SupplierList,
        verbose_name=_("source list"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="links",
    )

    class Meta:
        verbose_name = _("supply link")
        verbose_name_plural = _("supply links")
        constraints = [
            models.UniqueConstraint(fields=["company", "facility"], name="supplylink_unique_pair"),
            models.CheckConstraint(
                condition=Q(last_seen__gte=models.F("first_seen")),
                name="supplylink_seen_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} → {self.facility}"


class SectorAgreement(BaseModel):
    class Scope(models.TextChoices):
        NATIONAL = "national", _("National")
        EUROPEAN = "european", _("European")

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    sectors = models.JSONField(_("sectors"), default=list)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
    )

    class Meta:
        verbose_name = _("sector agreement")
        verbose_name_plural = _("sector agreements")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(BaseModel):
    """A company is a member of an agreement from one date until another (open when None)."""

    agreement = models.ForeignKey(
        SectorAgreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="memberships"
    )
    valid_from = models.DateField(_("member from"))
    valid_until = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["agreement", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} in {self.agreement}"

    def clean(self) -> None:
        if self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("A membership cannot end before it starts.")})
