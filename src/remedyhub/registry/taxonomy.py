"""Sectors used by the registry, mechanisms and agreements (codes are identifiers)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    GARMENTS_TEXTILE = "garments_textile", _("Garments and textile")
    NATURAL_STONE = "natural_stone", _("Natural stone")
    FOOD = "food", _("Food products")
    AGRICULTURE = "agriculture", _("Agriculture")
    METALS = "metals", _("Metals and mining")
    ELECTRONICS = "electronics", _("Electronics")
    OTHER = "other", _("Other")
