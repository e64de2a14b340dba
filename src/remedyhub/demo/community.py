"""Demo data of the expertise centre: the public risk lists (read from RISK_DATA_DIR when it is
there), a good practice, a room with a post and a document, and two events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from remedyhub.accounts.models import User
from remedyhub.community.models import (
    Event,
    EventMaterial,
    GoodPractice,
    Post,
    Registration,
    Room,
    RoomMembership,
    SharedDocument,
)
from remedyhub.community.services import (
    email_digest,
    event_material_add,
    event_register,
    good_practice_save,
    room_post_create,
    shared_document_store,
)
from remedyhub.registry.models import Company
from remedyhub.risk.services import risk_goods_import, risk_ratings_import
from remedyhub.risk.sources import DOL_FILE, ITUC_FILE, read_dol, read_ituc

DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
    b"% Demo: purchasing practices and living wages, notes of the room\ntrailer << >>\n%%EOF\n"
)


def _load_risk_data() -> dict[str, int]:
    folder = Path(settings.RISK_DATA_DIR)
    dol, ituc = folder / DOL_FILE, folder / ITUC_FILE
    if not (dol.is_file() and ituc.is_file()):
        return {f"risk entries (NOT LOADED: no {DOL_FILE} and {ITUC_FILE} in {folder})": 0}
    goods = risk_goods_import(rows=read_dol(dol), file_name=dol.name)
    ratings = risk_ratings_import(rows=read_ituc(ituc), file_name=ituc.name)
    return {
        "risk entries (DOL goods)": sum(dataset.row_count for dataset in goods),
        "risk entries (ITUC ratings)": sum(dataset.row_count for dataset in ratings),
    }


def _load_good_practice(company: Company, author: User) -> None:
    practice = GoodPractice.objects.filter(
        slug="unlocked-fire-exits-and-a-safety-committee"
    ).first()
    good_practice_save(
        practice=practice,
        company=company,
        author=author,
        title="Unlocked fire exits and a safety committee",
        summary="After workers reported locked exits, a supplier and its buyer fixed them and "
        "set up an elected safety committee.",
        body="Workers at a knitting supplier reported that fire exits were locked during night "
        "shifts. We visited unannounced with the supplier's management and a local union, "
        "had the exits opened the same day, and paid for new panic bars.\n\n"
        "Workers now elect a safety committee that inspects the exits every week and reports to "
        "us directly.",
        themes=["health_and_safety"],
        steps="Unannounced visit with the union\nExits opened the same day\nPanic bars paid by "
        "the buyer\nElected safety committee with weekly checks",
        publish=True,
    )


def _load_room(users: list[User]) -> None:
    room, _ = Room.objects.update_or_create(
        slug="living-wage-circle",
        defaults={
            "name": "Living wage circle",
            "description": "Companies of the textile agreement and experts compare how they "
            "close the gap to a living wage.",
            "rule": Room.Rule.CHATHAM_HOUSE,
        },
    )
    roles = [RoomMembership.Role.COMPANY, RoomMembership.Role.COMPANY, RoomMembership.Role.EXPERT]
    for user, role in zip(users, roles, strict=False):
        RoomMembership.objects.get_or_create(room=room, user=user, defaults={"role": role})
    if not Post.objects.filter(room=room).exists():
        room_post_create(
            room=room,
            author=users[0],
            body="We priced the labour minutes of our best-selling jumper: paying a living wage "
            "adds 0.31 EUR. Has anyone agreed such a ring-fenced labour cost with suppliers?",
        )
    if not SharedDocument.objects.filter(room=room).exists():
        shared_document_store(
            room=room,
            user=users[0],
            title="Notes on purchasing practices",
            name="purchasing-notes.pdf",
            size=len(DEMO_PDF),
            read=lambda: DEMO_PDF,
        )


def _load_events(users: list[User]) -> None:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    past_start = now - dt.timedelta(days=14)
    past, _ = Event.objects.update_or_create(
        slug="remedy-in-practice-webinar",
        defaults={
            "kind": Event.Kind.WEBINAR,
            "title": "Remedy in practice: what a fair remedy plan contains",
            "description": "Mechanisms and companies explain how they agreed remedy plans, "
            "and how they checked six months later that the remedy was received.",
            "starts_at": past_start,
            "ends_at": past_start + dt.timedelta(hours=1, minutes=30),
            "timezone": "Europe/Amsterdam",
            "online_url": "https://meet.example.org/remedy-in-practice",
            "capacity": 100,
        },
    )
    if not past.materials.exists():
        event_material_add(
            event=past, title="Recording of the webinar", url="https://example.org/recording"
        )
        event_material_add(event=past, title="Slides", name="slides.pdf", data=DEMO_PDF)
    upcoming_start = now + dt.timedelta(days=21)
    upcoming, _ = Event.objects.update_or_create(
        slug="responsible-purchasing-training",
        defaults={
            "kind": Event.Kind.TRAINING,
            "title": "Training: responsible purchasing practices",
            "description": "A half-day training for buyers: prices, lead times and order changes "
            "that let suppliers pay living wages and respect working hours.",
            "starts_at": upcoming_start,
            "ends_at": upcoming_start + dt.timedelta(hours=4),
            "timezone": "Asia/Dhaka",
            "location": "Dhaka, Gulshan 2 (venue shared with registered participants)",
            "capacity": 2,
            "waiting_list": True,
        },
    )
    active = upcoming.registrations.exclude(status=Registration.Status.CANCELLED)
    for user in users[:2]:
        if not active.filter(user=user).exists():
            event_register(event=upcoming, user=user)
    visitor = "visitor@demo.invalid"
    if not active.filter(email_digest=email_digest(visitor)).exists():
        event_register(event=upcoming, name="Demo Visitor", email=visitor)  # the waiting list


def community_demo_load() -> dict[str, int]:
    counts = _load_risk_data()
    users = list(User.objects.filter(username__in=["company", "company2", "committee"]))
    users.sort(key=lambda user: ["company", "company2", "committee"].index(user.username))
    company = Company.objects.filter(slug="noordkust-fashion").first()
    if company is not None and users:
        _load_good_practice(company, users[0])
        _load_room(users)
        _load_events(users)
    counts.update(
        {
            "good practices": GoodPractice.objects.count(),
            "rooms": Room.objects.count(),
            "events": Event.objects.count(),
            "event materials": EventMaterial.objects.count(),
        }
    )
    return counts
