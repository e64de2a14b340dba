"""Who may see what of a case (R3, R9, R14, R19): one place for pages and API alike.

Sides: ``mechanism`` (staff, the mechanism's handlers, people assigned to the case),
``company`` (representatives of a company the case concerns), or nothing. A company sees the
case and the messages meant for it, and the complainant's identity only with her consent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from remedyhub.accounts.models import Affiliation
from remedyhub.cases.models import Case, CaseAssignment, CaseMessage

MECHANISM = "mechanism"
COMPANY = "company"

VISIBLE_TO: dict[str, set[str]] = {
    MECHANISM: {v.value for v in CaseMessage.Visibility},
    COMPANY: {CaseMessage.Visibility.ALL.value, CaseMessage.Visibility.COMPANY.value},
    "complainant": {CaseMessage.Visibility.ALL.value, CaseMessage.Visibility.COMPLAINANT.value},
}


def side_of(user: Any, case: Case) -> str | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_staff:
        return MECHANISM
    if Affiliation.objects.filter(
        user=user, role=Affiliation.Role.HANDLER, mechanism=case.mechanism_id
    ).exists():
        return MECHANISM
    if CaseAssignment.objects.filter(case=case, user=user).exists():
        return MECHANISM
    if Affiliation.objects.filter(
        user=user, role=Affiliation.Role.COMPANY, company__in=case.companies.all()
    ).exists():
        return COMPANY
    return None


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """Every case the user may open, on any side."""
    cases = Case.objects.select_related("complaint", "mechanism")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return cases.none()
    if user.is_staff:
        return cases
    return cases.filter(
        Q(mechanism__affiliations__user=user, mechanism__affiliations__role="handler")
        | Q(assignments__user=user)
        | Q(companies__affiliations__user=user, companies__affiliations__role="company")
    ).distinct()


def messages_for(case: Case, side: str) -> QuerySet[CaseMessage]:
    return case.messages.filter(visibility__in=sorted(VISIBLE_TO[side]))


@dataclass(frozen=True)
class Complainant:
    """How the complainant appears to a side: her identity, or a stable pseudonym."""

    label: str
    name: str
    phone: str
    email: str
    messaging: str
    identified: bool


def complainant_for(case: Case, side: str) -> Complainant:
    complaint = case.complaint
    shown = side == MECHANISM or (side == COMPANY and complaint.consent_identity_to_company)
    if shown and not complaint.anonymous:
        return Complainant(
            label=complaint.reporter_name,
            name=complaint.reporter_name,
            phone=complaint.contact_phone,
            email=complaint.contact_email,
            messaging=complaint.contact_other,
            identified=True,
        )
    pseudonym = hashlib.sha256(f"complainant:{complaint.pk}".encode()).hexdigest()[:6].upper()
    return Complainant(
        label=_("Complainant %(code)s") % {"code": pseudonym},
        name="",
        phone="",
        email="",
        messaging="",
        identified=False,
    )
