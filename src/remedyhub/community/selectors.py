"""Reads of the community app: who may see and edit what; events and their places."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from remedyhub.accounts.models import Affiliation
from remedyhub.community.models import Event, EventMaterial, GoodPractice, Registration, Room
from remedyhub.registry.models import Company


def companies_of(user: Any) -> QuerySet[Company]:
    """The companies a user represents."""
    if not getattr(user, "is_authenticated", False):
        return Company.objects.none()
    return Company.objects.filter(
        affiliations__user=user, affiliations__role=Affiliation.Role.COMPANY
    ).distinct()


def good_practices_visible_to(user: Any) -> QuerySet[GoodPractice]:
    """Published practices for everyone; a company's drafts for its own representatives."""
    published = Q(status=GoodPractice.Status.PUBLISHED)
    mine = Q(company__in=companies_of(user))
    return GoodPractice.objects.filter(published | mine).select_related("company", "case")


def may_edit_practice(user: Any, practice: GoodPractice) -> bool:
    return companies_of(user).filter(pk=practice.company_id).exists()


def rooms_of(user: Any) -> QuerySet[Room]:
    if not getattr(user, "is_authenticated", False):
        return Room.objects.none()
    return Room.objects.filter(memberships__user=user).distinct()


def room_for_member(user: Any, slug: str) -> Room | None:
    """The room, only for its members: to anyone else it does not exist."""
    return rooms_of(user).filter(slug=slug).first()


def events_upcoming() -> QuerySet[Event]:
    return Event.objects.filter(published=True, ends_at__gt=timezone.now()).order_by("starts_at")


def events_past() -> QuerySet[Event]:
    return Event.objects.filter(published=True, ends_at__lte=timezone.now()).order_by("-starts_at")


def event_has_ended(event: Event) -> bool:
    return event.ends_at <= timezone.now()


def places_left(event: Event) -> int | None:
    """None when the event has no limit."""
    if event.capacity is None:
        return None
    taken = event.registrations.filter(status=Registration.Status.REGISTERED).count()
    return max(event.capacity - taken, 0)


def materials_visible(event: Event) -> QuerySet[EventMaterial]:
    """Materials are published once the event has ended."""
    if not event_has_ended(event):
        return EventMaterial.objects.none()
    return event.materials.all()


def registration_of(event: Event, user: Any) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        event.registrations.filter(user=user).exclude(status=Registration.Status.CANCELLED).first()
    )


def waiting_position(registration: Registration) -> int:
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            status=Registration.Status.WAITING,
        )
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, pk__lte=registration.pk)
        )
        .count()
    )
