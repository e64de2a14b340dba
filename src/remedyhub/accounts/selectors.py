"""Reads about users: what a person may do."""

from __future__ import annotations

from typing import Any

from remedyhub.accounts.models import Affiliation


def is_secretariat(user: Any) -> bool:
    """Staff and the handlers of the platform's own (default) mechanism: the secretariat, who
    read every complaint before it is routed, and route it.

    A handler of another mechanism is not: she reads only the complaints routed to hers
    (:func:`may_read_complaint`), so that a company's own channel never reads a complaint that
    went to a sector committee.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    return Affiliation.objects.filter(
        user=user, role=Affiliation.Role.HANDLER, mechanism__is_default=True
    ).exists()


def handled_complaints_filter(user: Any) -> dict[str, Any]:
    """Lookup for the complaints with a case at a mechanism the user handles."""
    return {
        "cases__mechanism__affiliations__user": user,
        "cases__mechanism__affiliations__role": Affiliation.Role.HANDLER,
    }


def may_read_complaint(user: Any, complaint: Any) -> bool:
    """The secretariat, or a handler of a mechanism the complaint was routed to."""
    if is_secretariat(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return Affiliation.objects.filter(
        user=user, role=Affiliation.Role.HANDLER, mechanism__cases__complaint=complaint
    ).exists()


def is_handler(user: Any) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        user.is_staff
        or Affiliation.objects.filter(user=user, role=Affiliation.Role.HANDLER).exists()
    )
