"""Companies, facilities, supplier lists and the links between them; sector agreements."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from remedyhub.common.countries import CountryField
from remedyhub.common.models import BaseModel
from remedyhub.registry.identifiers import new_facility_id
from remedyhub.registry.normalise import facility_match_key
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
    processing_type = models.CharField(_("processing type"), max_length=120, blank=True)
    product_type = models.CharField(_("product type"), max_length=255, blank=True)
    parent_company = models.CharField(_("parent company"), max_length=255, blank=True)
    number_of_workers = models.CharField(_("number of workers"), max_length=32, blank=True)
    os_id = models.CharField(
        _("Open Supply Hub id"), max_length=32, unique=True, null=True, blank=True
    )
    # Normalised country, name and address, hashed: equal keys are the same site (exact match).
    match_key = models.CharField(
        _("match key"), max_length=40, db_index=True, editable=False, default=""
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        help_text=_(
            "A duplicate keeps its id, which then leads to the facility it was merged into."
        ),
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
        indexes = [models.Index(fields=["updated_at"], name="facility_updated_at")]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Derived, not a side effect: the key is a pure function of the row's own fields.
        self.match_key = facility_match_key(self.country, self.name, self.address)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "match_key"}
        super().save(*args, **kwargs)


class Contributor(BaseModel):
    """Who uploads supplier lists: a brand (whose rows become supply links) or another source."""

    class Type(models.TextChoices):
        BRAND = "brand", _("Brand or retailer")
        SECTOR_AGREEMENT = "sector_agreement", _("Sector agreement or multi-stakeholder initiative")
        SUPPLIER = "supplier", _("Supplier or manufacturing group")
        AUDITOR = "auditor", _("Auditor or certification body")
        CIVIL_SOCIETY = "civil_society", _("Union or civil society organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=32, choices=Type.choices, default=Type.BRAND)
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributors",
        help_text=_("For a brand: the company whose supply links its lists describe."),
    )

    class Meta:
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SupplierList(BaseModel):
    """One upload of a supplier list."""

    contributor = models.ForeignKey(
        Contributor,
        verbose_name=_("contributor"),
        on_delete=models.PROTECT,
        related_name="supplier_lists",
    )
    list_date = models.DateField(_("date of the list"))
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    summary = models.JSONField(_("import summary"), default=dict, blank=True)

    class Meta:
        verbose_name = _("supplier list")
        verbose_name_plural = _("supplier lists")
        ordering = ["-list_date", "-id"]

    def __str__(self) -> str:
        return f"{self.contributor} {self.list_date:%Y-%m-%d}"


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
    ended_on = models.DateField(
        _("ended on"),
        null=True,
        blank=True,
        help_text=_("Date of the first list that no longer named the facility."),
    )
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
            # One open period per pair; ended periods stay as history.
            models.UniqueConstraint(
                fields=["company", "facility"],
                condition=Q(ended_on__isnull=True),
                name="supplylink_one_open_period",
            ),
            models.CheckConstraint(
                condition=Q(last_seen__gte=models.F("first_seen")),
                name="supplylink_seen_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} → {self.facility}"


class SectorAgreement(BaseModel):
    """A covenant of companies, unions, NGOs and government for one or more sectors."""

    class Scope(models.TextChoices):
        NATIONAL = "national", _("National")
        EUROPEAN = "european", _("European")

    class Status(models.TextChoices):
        PREPARATION = "preparation", _("In preparation")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    name = models.CharField(_("name"), max_length=255)
    # The English name is ``name``; Dutch and French are optional and fall back to it.
    name_nl = models.CharField(_("name in Dutch"), max_length=255, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=255, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    sectors = models.JSONField(_("sectors"), default=list)
    countries = models.JSONField(
        _("countries"),
        default=list,
        blank=True,
        help_text=_("ISO codes of the countries whose companies can sign (empty: any)."),
    )
    summary = models.TextField(_("summary"), blank=True)
    secretariat = models.CharField(_("secretariat"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
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

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("An agreement cannot end before it starts.")})
        if self.successor_id and self.successor_id == self.pk:
            raise ValidationError({"successor": _("An agreement cannot succeed itself.")})

    def name_in(self, language: str) -> tuple[str, bool]:
        """The name in a language and whether it is a translation; English when missing."""
        translated = {"nl": self.name_nl, "fr": self.name_fr}.get(language[:2], "")
        if language[:2] == "en":
            return self.name, True
        return (translated, True) if translated else (self.name, False)


class AgreementParty(BaseModel):
    """A signatory of an agreement other than its member companies, or a company in a role."""

    class Role(models.TextChoices):
        COMPANY = "company", _("Company")
        BUSINESS_ASSOCIATION = "business_association", _("Business association")
        UNION = "union", _("Trade union")
        NGO = "ngo", _("Non-governmental organisation")
        GOVERNMENT = "government", _("Government")

    agreement = models.ForeignKey(
        SectorAgreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="parties",
    )
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    country = CountryField(_("country"), blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("party to an agreement")
        verbose_name_plural = _("parties to agreements")
        ordering = ["agreement", "role", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "name"], name="agreementparty_once"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="agreementparty_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Membership(BaseModel):
    """A company is a member of an agreement from one date until another (open when None).

    A company may leave and rejoin: each period is its own row and periods of one company in
    one agreement never overlap (``registry.services.membership_check``), so that routing finds
    at most one membership valid on the day of a harm.
    """

    class Route(models.TextChoices):
        DIRECT = "direct", _("Directly")
        PARTNER = "partner", _("Through a partner initiative")

    class EndReason(models.TextChoices):
        ENDED = "ended", _("Ended")
        TAKEN_OVER = "taken_over", _("Taken over")
        EXPELLED = "expelled", _("Expelled")
        MOVED = "moved", _("Moved to the successor agreement")

    agreement = models.ForeignKey(
        SectorAgreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="memberships"
    )
    route = models.CharField(
        _("joined"), max_length=16, choices=Route.choices, default=Route.DIRECT
    )
    partner_initiative = models.CharField(_("partner initiative"), max_length=255, blank=True)
    valid_from = models.DateField(_("member from"))
    valid_until = models.DateField(_("member until"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason the membership ended"), max_length=16, choices=EndReason.choices, blank=True
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["agreement", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="membership_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(route="partner") | ~Q(partner_initiative=""),
                name="membership_partner_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} in {self.agreement}"

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def clean(self) -> None:
        # The same checks as the service, so the admin refuses what the service refuses.
        from remedyhub.registry.services import MembershipRefused, membership_check

        if self.valid_from is None:
            return  # the field's own error says it is required
        try:
            membership_check(self)
        except MembershipRefused as refusal:
            raise ValidationError(refusal.errors) from refusal


class MatchDecision(BaseModel):
    """How a contributor's row became a facility, so that no re-upload asks the question again."""

    class Method(models.TextChoices):
        OS_ID = "os_id", _("Same Open Supply Hub id")
        EXACT = "exact", _("Exact match of name and address")
        AUTOMATIC = "automatic", _("Automatic match with a high score")
        CONFIRMED = "confirmed", _("Match confirmed by a person")
        NEW = "new", _("New facility")
        NEW_BY_PERSON = "new_by_person", _("New facility: a person rejected the candidates")
        PENDING = "pending", _("Waiting for a person")

    contributor = models.ForeignKey(
        Contributor,
        verbose_name=_("contributor"),
        on_delete=models.PROTECT,
        related_name="match_decisions",
    )
    row_key = models.CharField(_("row key"), max_length=40)
    name = models.CharField(_("name as listed"), max_length=255)
    address = models.CharField(_("address as listed"), max_length=500)
    country = CountryField(_("country"))
    row_data = models.JSONField(_("other columns"), default=dict, blank=True)
    facility = models.ForeignKey(
        Facility,
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="match_decisions",
    )
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    score = models.FloatField(_("score"), null=True, blank=True)
    candidates = models.JSONField(_("candidates"), default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    first_list = models.ForeignKey(
        SupplierList, on_delete=models.PROTECT, related_name="+", verbose_name=_("first list")
    )
    last_list = models.ForeignKey(
        SupplierList, on_delete=models.PROTECT, related_name="+", verbose_name=_("last list")
    )

    class Meta:
        verbose_name = _("match decision")
        verbose_name_plural = _("match decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["contributor", "row_key"], name="matchdecision_one_per_row"
            ),
            models.CheckConstraint(
                condition=Q(method="pending") | Q(facility__isnull=False),
                name="matchdecision_decided_has_facility",
            ),
        ]
        indexes = [models.Index(fields=["method"], name="matchdecision_method")]

    def __str__(self) -> str:
        return f"{self.name} ({self.country}): {self.get_method_display()}"
