"""The issue taxonomy of DOMAIN.md: codes are identifiers, labels are what a reporter reads."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Issue(models.TextChoices):
    # Labour
    CHILD_LABOUR = "child_labour", _("Children are made to work")
    FORCED_LABOUR = "forced_labour", _("People are forced to work or cannot leave")
    DISCRIMINATION = "discrimination", _("Unfair treatment because of who someone is")
    HARASSMENT_GBV = "harassment_gbv", _("Harassment, violence or sexual abuse")
    FREEDOM_OF_ASSOCIATION = (
        "freedom_of_association",
        _("Workers are stopped from joining or forming a union"),
    )
    HEALTH_AND_SAFETY = "health_and_safety", _("Danger to health or safety")
    WAGES = "wages", _("Wages too low, late or not paid")
    WORKING_HOURS = "working_hours", _("Too many hours or no rest days")
    EMPLOYMENT_STATUS = "employment_status", _("No contract or insecure work")
    UNFAIR_DISMISSAL = "unfair_dismissal", _("Fired unfairly")
    # Human rights
    LAND_RIGHTS = "land_rights", _("Land taken or used without fair agreement")
    INDIGENOUS_RIGHTS = "indigenous_rights", _("Rights of indigenous peoples ignored")
    HUMAN_RIGHTS_DEFENDERS = (
        "human_rights_defenders",
        _("People who speak up are threatened or attacked"),
    )
    SECURITY_FORCES = "security_forces", _("Violence by guards, police or army")
    # Environment
    POLLUTION = "pollution", _("Pollution of air, soil or water")
    HAZARDOUS_CHEMICALS = "hazardous_chemicals", _("Dangerous chemicals")
    WATER = "water", _("Water taken or made unusable")
    CLIMATE = "climate", _("Harm to the climate")
    DEFORESTATION_BIODIVERSITY = (
        "deforestation_biodiversity",
        _("Forests cut or nature destroyed"),
    )
    WASTE = "waste", _("Waste dumped or burned")
    # Integrity and other
    PRIVACY_SURVEILLANCE = "privacy_surveillance", _("Spying on people or misusing their data")
    BRIBERY_CORRUPTION = "bribery_corruption", _("Bribes or corruption")
    CONSUMER_INTERESTS = "consumer_interests", _("Harm to consumers")
    DISCLOSURE = "disclosure", _("False or hidden information")
    ANIMAL_WELFARE = "animal_welfare", _("Cruelty to animals")
    TAXATION = "taxation", _("Tax avoidance")
    COMPETITION = "competition", _("Unfair competition")
    OTHER = "other", pgettext_lazy("issue", "Something else")


ISSUE_GROUPS: list[tuple[str, Any, list[Issue]]] = [
    (
        "labour",
        _("Work and workers"),
        [
            Issue.CHILD_LABOUR,
            Issue.FORCED_LABOUR,
            Issue.DISCRIMINATION,
            Issue.HARASSMENT_GBV,
            Issue.FREEDOM_OF_ASSOCIATION,
            Issue.HEALTH_AND_SAFETY,
            Issue.WAGES,
            Issue.WORKING_HOURS,
            Issue.EMPLOYMENT_STATUS,
            Issue.UNFAIR_DISMISSAL,
        ],
    ),
    (
        "human_rights",
        _("Land, communities and rights"),
        [
            Issue.LAND_RIGHTS,
            Issue.INDIGENOUS_RIGHTS,
            Issue.HUMAN_RIGHTS_DEFENDERS,
            Issue.SECURITY_FORCES,
        ],
    ),
    (
        "environment",
        _("Environment"),
        [
            Issue.POLLUTION,
            Issue.HAZARDOUS_CHEMICALS,
            Issue.WATER,
            Issue.CLIMATE,
            Issue.DEFORESTATION_BIODIVERSITY,
            Issue.WASTE,
        ],
    ),
    (
        "integrity",
        _("Honesty and other matters"),
        [
            Issue.PRIVACY_SURVEILLANCE,
            Issue.BRIBERY_CORRUPTION,
            Issue.CONSUMER_INTERESTS,
            Issue.DISCLOSURE,
            Issue.ANIMAL_WELFARE,
            Issue.TAXATION,
            Issue.COMPETITION,
            Issue.OTHER,
        ],
    ),
]


class AffectedGroup(models.TextChoices):
    WOMEN = "women", _("Women")
    CHILDREN = "children", _("Children (under 18)")
    MIGRANT_WORKERS = "migrant_workers", _("Migrant workers")
    HOME_WORKERS = "home_workers", _("Home workers")
    INDIGENOUS_PEOPLES = "indigenous_peoples", _("Indigenous peoples")
    DISABILITY = "disability", _("People with a disability")
    COMMUNITY = "community", _("People living nearby")


class ReporterType(models.TextChoices):
    AFFECTED_PERSON = "affected_person", _("I am affected myself")
    COMMUNITY_MEMBER = "community_member", _("I live or work nearby")
    UNION = "union", _("A trade union")
    NGO = "ngo", _("A civil society organisation (NGO)")
    OTHER = "other", pgettext_lazy("reporter", "Someone else")
