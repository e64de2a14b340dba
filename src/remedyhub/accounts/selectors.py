"""Reads about users: what a person may do."""

from __future__ import annotations

from typing import Any

from remedyhub.accounts.models import Affiliation


def is_secretariat(user: Any) -> bool:
    """Staff and case handlers: the platform's secretariat, who read complaints before routing."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    return Affiliation.objects.filter(user=user, role=Affiliation.Role.HANDLER).exists()
