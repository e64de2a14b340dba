"""The themes of the risk check, what the public lists say about them, and what to do."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from remedyhub.intake.taxonomy import Issue


class Theme(models.TextChoices):
    # Codes are those of the issue taxonomy, so that complaint figures line up with risks.
    CHILD_LABOUR = Issue.CHILD_LABOUR.value, _("Child labour")
    FORCED_LABOUR = Issue.FORCED_LABOUR.value, _("Forced labour")
    FREEDOM_OF_ASSOCIATION = (
        Issue.FREEDOM_OF_ASSOCIATION.value,
        _("Freedom of association and collective bargaining"),
    )


ACTIONS: dict[str, list[Any]] = {
    Theme.CHILD_LABOUR: [
        _(
            "Map your supply chain down to the production sites of these goods, including "
            "subcontractors and home workers."
        ),
        _(
            "Ask suppliers how they check workers' ages at hiring, and verify it with "
            "unannounced visits and interviews held away from managers."
        ),
        _(
            "If you find children at work, do not simply end the order: agree with the supplier "
            "and a local organisation on schooling, an income for the family and decent work "
            "for older children."
        ),
        _(
            "Pay prices and set delivery times that let suppliers pay adult wages without "
            "turning to children."
        ),
    ],
    Theme.FORCED_LABOUR: [
        _(
            "Check that no worker paid recruitment fees, and repay fees that were paid; "
            "prefer suppliers who recruit directly or through ethical agencies."
        ),
        _(
            "Make sure workers keep their own identity papers, can leave their job and the "
            "dormitory freely, and are not bound by debts or withheld wages."
        ),
        _(
            "Give workers a channel they trust, in their language, to report coercion without "
            "fear of reprisals, and point them to Remedy Hub."
        ),
        _(
            "Where state-imposed forced labour is reported, do not rely on audits: find "
            "another source for the good or region."
        ),
    ],
    Theme.FREEDOM_OF_ASSOCIATION: [
        _(
            "Tell suppliers in writing that workers may join and form unions, and that "
            "retaliation against union members ends the business relationship only as a last "
            "resort after remediation."
        ),
        _(
            "Where the law restricts unions, support other ways for workers to elect their own "
            "representatives and bargain with management."
        ),
        _(
            "Meet the unions and labour rights organisations of the country and ask them about "
            "your suppliers."
        ),
        _(
            "Take dismissals of union members seriously: ask for reinstatement and back pay, "
            "and follow up."
        ),
    ],
}

# ITUC's own descriptions of its ratings.
ITUC_RATINGS: dict[str, Any] = {
    "1": _("Sporadic violations of rights"),
    "2": _("Repeated violations of rights"),
    "3": _("Regular violations of rights"),
    "4": _("Systematic violations of rights"),
    "5": _("No guarantee of rights"),
    "5+": _("No guarantee of rights due to the breakdown of the rule of law"),
}
ITUC_LEVELS = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "5+": 6}
