"""Public risk lists as imported: one dataset per source and edition, and its entries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from remedyhub.common.models import BaseModel


class RiskDataset(BaseModel):
    """One edition of one public list. Importing the same edition again replaces it."""

    class Source(models.TextChoices):
        DOL_GOODS = (
            "dol_goods",
            _("US Department of Labor, List of Goods Produced by Child Labor or Forced Labor"),
        )
        ITUC_INDEX = "ituc_index", _("ITUC Global Rights Index")

    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    edition_year = models.PositiveSmallIntegerField(_("edition"))
    url = models.URLField(_("source address"))
    imported_at = models.DateTimeField(_("imported at"))
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    row_count = models.PositiveIntegerField(_("entries"), default=0)

    class Meta:
        verbose_name = _("risk dataset")
        verbose_name_plural = _("risk datasets")
        ordering = ["source", "-edition_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "edition_year"], name="one_dataset_per_edition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} ({self.edition_year})"


class GoodRisk(models.Model):
    """A good produced in a country with child or forced labour (DOL list); for a downstream
    entry, a good made there with inputs from ``input_country`` produced that way."""

    dataset = models.ForeignKey(RiskDataset, on_delete=models.CASCADE, related_name="goods")
    good = models.CharField(_("good"), max_length=200)
    country = models.CharField(_("country"), max_length=2, db_index=True)
    dol_sector = models.CharField(_("sector in the source"), max_length=40, blank=True)
    # Codes of registry.taxonomy.Sector; a good may belong to more than one (cotton).
    sectors = models.JSONField(_("sectors"), default=list)
    child_labour = models.BooleanField(_("child labour"), default=False)
    forced_labour = models.BooleanField(_("forced labour"), default=False)
    forced_child_labour = models.BooleanField(_("forced child labour"), default=False)
    input_country = models.CharField(_("country of the inputs"), max_length=2, blank=True)
    source_url = models.URLField(_("source address"))

    class Meta:
        verbose_name = _("good at risk")
        verbose_name_plural = _("goods at risk")
        ordering = ["country", "good"]

    def __str__(self) -> str:
        return f"{self.good} ({self.country})"


class CountryRating(models.Model):
    """A country's ITUC rating, kept as published: ``1`` to ``5``, or ``5+``."""

    dataset = models.ForeignKey(RiskDataset, on_delete=models.CASCADE, related_name="ratings")
    country = models.CharField(_("country"), max_length=2, db_index=True)
    rating = models.CharField(_("rating"), max_length=3)
    source_url = models.URLField(_("source address"))

    class Meta:
        verbose_name = _("country rating")
        verbose_name_plural = _("country ratings")
        ordering = ["country"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "country"], name="one_rating_per_country")
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.rating}"
