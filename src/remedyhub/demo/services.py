"""Load the demo data set: idempotent, deterministic, and every name invented.

Running it twice leaves the same rows: each object is found by a natural key (a slug, a
user name, a fixed facility id) and updated in place.
"""

from __future__ import annotations

import base64
import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from remedyhub.accounts.models import Affiliation, User
from remedyhub.demo.agreements import load_agreements
from remedyhub.demo.community import community_demo_load
from remedyhub.demo.knowledge import EXPERT_PASSWORD, knowledge_demo_load
from remedyhub.registry.identifiers import ALPHABET, PREFIX, check_symbol
from remedyhub.registry.models import (
    Company,
    Contributor,
    Facility,
    Membership,
    SectorAgreement,
    SupplierList,
    SupplyLink,
)
from remedyhub.registry.taxonomy import Sector
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import DEFAULT_OUTCOMES, DEFAULT_STAGES

SEED = 2026
LIST_DATE = dt.date(2026, 6, 30)

# Demo-only passwords. They are printed by `make run` and must never reach production:
# demo_data refuses to run there.
DEMO_PASSWORDS = {
    "admin": "demo-admin-2026",
    "handler": "demo-handler-2026",
    "committee": "demo-committee-2026",
    "company": "demo-company-2026",
    "company2": "demo-company2-2026",
}

# One demo-only authenticator secret for every demo user, so that one entry in an authenticator
# app (or `manage.py demo_code`) logs any of them in. Never used outside the demo.
DEMO_TOTP_KEY = b"remedyhub-demo-only!"  # 20 bytes, as authenticator apps expect


def demo_totp_secret() -> str:
    """The demo secret as an authenticator app takes it (base32)."""
    return base64.b32encode(DEMO_TOTP_KEY).decode()


def demo_totp_code() -> str:
    """The code the demo authenticator shows now."""
    return f"{totp(DEMO_TOTP_KEY):06d}"


COMPANIES = [
    # slug, name, home country, sector, agreement slug
    ("noordkust-fashion", "Noordkust Fashion B.V.", "NL", Sector.GARMENTS_TEXTILE, "textile"),
    ("lindqvist-apparel", "Lindqvist Apparel AB", "SE", Sector.GARMENTS_TEXTILE, "textile"),
    ("maison-durand", "Maison Durand Textiles SA", "FR", Sector.GARMENTS_TEXTILE, "textile"),
    ("rheinstein-naturstein", "Rheinstein Naturstein GmbH", "DE", Sector.NATURAL_STONE, "stone"),
    ("van-der-berg-tuinsteen", "Van der Berg Tuinsteen B.V.", "NL", Sector.NATURAL_STONE, "stone"),
    ("atelier-scheldeweg", "Atelier Scheldeweg NV", "BE", Sector.GARMENTS_TEXTILE, None),
]

# Real cities; every facility name below is invented.
CITIES = {
    Sector.GARMENTS_TEXTILE: {
        "BD": ["Gazipur", "Savar", "Narayanganj", "Chattogram"],
        "IN": ["Tiruppur", "Bengaluru", "Ludhiana"],
        "VN": ["Binh Duong", "Dong Nai", "Hai Phong"],
        "TR": ["Denizli", "Bursa", "Istanbul"],
        "PK": ["Faisalabad", "Lahore", "Karachi"],
        "KH": ["Phnom Penh", "Kampong Speu"],
    },
    Sector.NATURAL_STONE: {
        "IN": ["Jodhpur", "Khammam", "Budaun"],
        "CN": ["Xiamen", "Shuitou", "Laizhou"],
        "VN": ["Thanh Hoa", "Binh Dinh"],
        "TR": ["Afyon", "Denizli"],
    },
}
NAME_PARTS = {
    Sector.GARMENTS_TEXTILE: (
        [
            "Golden Thread",
            "Riverbank",
            "Sunrise",
            "Blue Loom",
            "Green Field",
            "Evergreen",
            "Silver Needle",
            "Lotus",
            "Harbour",
            "Morning Star",
            "Crescent",
            "Northwind",
        ],
        ["Garments", "Apparel", "Knitwear", "Textiles", "Fashions", "Denim"],
        {
            "BD": "Ltd",
            "IN": "Pvt Ltd",
            "VN": "Co., Ltd",
            "TR": "A.S.",
            "PK": "(Pvt) Ltd",
            "KH": "Co., Ltd",
        },
    ),
    Sector.NATURAL_STONE: (
        [
            "Granite Ridge",
            "Red Quarry",
            "Stonegate",
            "Marble Crest",
            "Hillside",
            "Rockline",
            "Jade Mountain",
            "Sandstone Valley",
        ],
        ["Stone", "Granite", "Quarries", "Marble Works", "Pavers"],
        {"IN": "Pvt Ltd", "CN": "Co., Ltd", "VN": "JSC", "TR": "Ltd. Sti."},
    ),
}
FACILITIES_PER_SECTOR = {Sector.GARMENTS_TEXTILE: 40, Sector.NATURAL_STONE: 20}


@dataclass
class DemoSummary:
    counts: dict[str, int] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)
    receipts: dict[str, str] = field(default_factory=dict)


def _facility_id(rng: random.Random) -> str:
    body = "".join(rng.choice(ALPHABET) for _ in range(8))
    return f"{PREFIX}-{body}-{check_symbol(body)}"


def _facility_rows(sector: Sector, rng: random.Random) -> list[dict[str, object]]:
    firsts, seconds, legal_forms = NAME_PARTS[sector]
    countries = sorted(CITIES[sector])
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    while len(rows) < FACILITIES_PER_SECTOR[sector]:
        country = countries[len(rows) % len(countries)]
        name = f"{rng.choice(firsts)} {rng.choice(seconds)} {legal_forms[country]}"
        if (name, country) in {(row["name"], row["country"]) for row in rows}:
            continue
        public_id = _facility_id(rng)
        if public_id in seen:
            continue
        seen.add(public_id)
        city = rng.choice(CITIES[sector][country])
        rows.append(
            {
                "public_id": public_id,
                "name": name,
                "country": country,
                "city": city,
                "address": f"Plot {rng.randint(1, 240)}, {rng.choice(['Road', 'Zone', 'Estate'])} "
                f"{rng.randint(1, 30)}, {city}",
                "sector": sector.value,
                "facility_type": "Quarry"
                if sector == Sector.NATURAL_STONE and rng.random() < 0.4
                else "Final product assembly"
                if sector == Sector.GARMENTS_TEXTILE
                else "Processing",
                "number_of_workers": rng.choice(["50-100", "100-500", "500-1000", "1000-5000"]),
            }
        )
    return rows


def _load_agreements_and_mechanisms() -> dict[str, SectorAgreement]:
    textile, _ = SectorAgreement.objects.update_or_create(
        slug="textile",
        defaults={
            "name": "Sustainable Garments and Textile Agreement (demo)",
            "scope": SectorAgreement.Scope.NATIONAL,
            "sectors": [Sector.GARMENTS_TEXTILE.value],
            "starts_on": dt.date(2016, 7, 4),
        },
    )
    stone, _ = SectorAgreement.objects.update_or_create(
        slug="stone",
        defaults={
            "name": "Natural Stone Agreement (demo)",
            "scope": SectorAgreement.Scope.NATIONAL,
            "sectors": [Sector.NATURAL_STONE.value],
            "starts_on": dt.date(2017, 11, 1),
        },
    )
    Mechanism.objects.update_or_create(
        slug="textile-committee",
        defaults={
            "name": "Complaints Committee of the Textile Agreement (demo)",
            "kind": Mechanism.Kind.AGREEMENT_COMMITTEE,
            "agreement": textile,
            "description": "Handles complaints about production sites of the agreement's members; "
            "mediates and can give binding decisions.",
            "sectors": [Sector.GARMENTS_TEXTILE.value],
            "languages": ["en", "nl", "fr", "bn", "hi", "vi", "tr", "ur", "km"],
            "accepts_anonymous": True,
            "binding_decisions": True,
        },
    )
    Mechanism.objects.update_or_create(
        slug="stone-committee",
        defaults={
            "name": "Complaints Committee of the Natural Stone Agreement (demo)",
            "kind": Mechanism.Kind.AGREEMENT_COMMITTEE,
            "agreement": stone,
            "description": "Handles complaints about quarries and stone processing sites that "
            "supply the agreement's members.",
            "sectors": [Sector.NATURAL_STONE.value],
            "languages": ["en", "nl", "hi", "zh", "vi", "tr"],
            "accepts_anonymous": True,
            "binding_decisions": True,
        },
    )
    Mechanism.objects.update_or_create(
        slug="ncp-nl",
        defaults={
            "name": "National Contact Point Netherlands (demo)",
            "kind": Mechanism.Kind.NCP,
            "description": "Offers mediation on the OECD Guidelines for Multinational Enterprises "
            "for companies based in the Netherlands.",
            "home_countries": ["NL"],
            "languages": ["en", "nl"],
            "accepts_anonymous": False,
            "binding_decisions": False,
        },
    )
    Mechanism.objects.update_or_create(
        slug="remedy-hub-secretariat",
        defaults={
            "name": "Remedy Hub secretariat (demo)",
            "kind": Mechanism.Kind.OTHER,
            "description": "Takes complaints that no other mechanism can take yet, looks for the "
            "site and its buyers, and passes the complaint on.",
            "languages": ["en", "nl", "fr", "es", "bn"],
            "accepts_anonymous": True,
            "binding_decisions": False,
            "is_default": True,
        },
    )
    for mechanism in Mechanism.objects.all():
        RulesOfProcedure.objects.update_or_create(
            mechanism=mechanism,
            version=1,
            defaults={
                "in_force_from": dt.date(2024, 1, 1),
                "stages": DEFAULT_STAGES,
                "outcome_types": DEFAULT_OUTCOMES,
            },
        )
    return {"textile": textile, "stone": stone}


def _load_registry(agreements: dict[str, SectorAgreement]) -> dict[str, Company]:
    rng = random.Random(SEED)  # noqa: S311 - reproducible demo data, not security
    facilities: dict[Sector, list[Facility]] = {}
    for sector in FACILITIES_PER_SECTOR:
        facilities[sector] = []
        for row in _facility_rows(sector, rng):
            public_id = row.pop("public_id")
            facility, _ = Facility.objects.update_or_create(public_id=public_id, defaults=row)
            facilities[sector].append(facility)

    companies: dict[str, Company] = {}
    for index, (slug, name, home, sector, agreement_slug) in enumerate(COMPANIES):
        company, _ = Company.objects.update_or_create(
            slug=slug, defaults={"name": name, "home_country": home}
        )
        companies[slug] = company
        if agreement_slug:
            agreement = agreements[agreement_slug]
            Membership.objects.update_or_create(
                agreement=agreement,
                company=company,
                defaults={"valid_from": agreement.starts_on + dt.timedelta(days=30 * (index + 1))},
            )
        contributor, _ = Contributor.objects.update_or_create(
            name=name, defaults={"type": Contributor.Type.BRAND, "company": company}
        )
        supplier_list, _ = SupplierList.objects.update_or_create(
            contributor=contributor,
            list_date=LIST_DATE,
            defaults={"file_name": f"{slug}-suppliers-2026.csv"},
        )
        pool = facilities[sector]
        buyers = [row for row in COMPANIES if row[3] == sector]
        position = next(i for i, row in enumerate(buyers) if row[0] == slug)
        # Every site gets one buyer in turn; then some extra, overlapping picks, because on
        # real lists several companies share a site.
        own = pool[position :: len(buyers)]
        extra = rng.sample([f for f in pool if f not in own], k=3)
        for facility in own + extra:
            SupplyLink.objects.update_or_create(
                company=company,
                facility=facility,
                defaults={
                    "tier": 1 if facility.facility_type != "Quarry" else 2,
                    "products": "Stone slabs" if sector == Sector.NATURAL_STONE else "Apparel",
                    "first_seen": dt.date(2023 + rng.randint(0, 2), rng.randint(1, 12), 1),
                    "last_seen": LIST_DATE,
                    "source_list": supplier_list,
                },
            )
    return companies


def _load_users(companies: dict[str, Company]) -> dict[str, str]:
    mechanisms = {mechanism.slug: mechanism for mechanism in Mechanism.objects.all()}
    plan = [
        ("admin", None, None, None),
        ("handler", Affiliation.Role.HANDLER, "textile-committee", None),
        ("committee", Affiliation.Role.COMMITTEE_MEMBER, "textile-committee", None),
        ("company", Affiliation.Role.COMPANY, None, "noordkust-fashion"),
        ("company2", Affiliation.Role.COMPANY, None, "lindqvist-apparel"),
    ]
    for username, role, mechanism_slug, company_slug in plan:
        user, _ = User.objects.get_or_create(username=username)
        user.email = f"{username}@demo.invalid"
        user.is_staff = username in {"admin", "handler"}
        user.is_superuser = username == "admin"
        user.set_password(DEMO_PASSWORDS[username])
        user.save()
        TOTPDevice.objects.update_or_create(
            user=user,
            name="demo",
            defaults={"key": DEMO_TOTP_KEY.hex(), "confirmed": True},
        )
        if role:
            Affiliation.objects.get_or_create(
                user=user,
                role=role,
                mechanism=mechanisms.get(mechanism_slug or ""),
                company=companies.get(company_slug or ""),
            )
    return dict(DEMO_PASSWORDS)


DEMO_COMPLAINTS = [
    (
        "web",
        "en",
        {
            "description": "The fire exit on the second floor is locked during the night shift. "
            "Last week there was smoke and we could not get out.",
            "issues": ["health_and_safety", "working_hours"],
            "country": "BD",
            "site_name": "Konabari knit factory",
            "site_address": "Gazipur",
            "affected_count": 300,
            "affected_groups": ["women"],
            "reporter_type": "affected_person",
            "ongoing": True,
        },
    ),
    (
        "phone",
        "en",
        {
            "description": "Forty packing workers were dismissed the day after they joined the "
            "union. Wages for the last month were not paid.",
            "issues": ["freedom_of_association", "unfair_dismissal", "wages"],
            "country": "IN",
            "site_name": "Tiruppur garment unit",
            "affected_count": 40,
            "reporter_type": "union",
            "organisation": "Example Garment Workers Union",
            "on_behalf_of_others": True,
            "represented_people": "40 packing workers of the finishing section",
            "anonymous": False,
            "reporter_name": "Demo Organiser",
            "contact_email": "organiser@example.org",
        },
    ),
]


def _load_complaints() -> dict[str, str]:
    """Invented complaints; the same seeds give the same complaints on every run."""
    from remedyhub.intake import receipts
    from remedyhub.intake.services import complaint_submit

    codes = {}
    everything = [*DEMO_COMPLAINTS, *_state_complaints()]
    for number, (channel, language, values) in enumerate(everything, start=1):
        submission = complaint_submit(
            data=values, seed=f"demo:{number}", channel=channel, language=language
        )
        codes[str(submission.complaint.reference)] = receipts.display(submission.receipt)
    return codes


_TO_ADMITTED = ["acknowledged", "admissibility", "admitted"]
_TO_DIALOGUE = [*_TO_ADMITTED, "company_response", "dialogue"]
# One demo case in every state, so that a newcomer sees the whole life of a case.
DEMO_STATE_PATHS: dict[str, list[str]] = {
    "received": [],
    "acknowledged": ["acknowledged"],
    "admissibility": ["acknowledged", "admissibility"],
    "admitted": _TO_ADMITTED,
    "not_admissible": ["acknowledged", "admissibility", "not_admissible"],
    "company_response": [*_TO_ADMITTED, "company_response"],
    "dialogue": _TO_DIALOGUE,
    "agreement": [*_TO_DIALOGUE, "agreement"],
    "adjudication": [*_TO_DIALOGUE, "adjudication"],
    "decided": [*_TO_DIALOGUE, "adjudication", "decided"],
    "remedy_monitoring": [*_TO_DIALOGUE, "agreement", "remedy_monitoring"],
    "closed": [*_TO_DIALOGUE, "agreement", "remedy_monitoring", "closed"],
    "referred": ["acknowledged", "referred"],
    "withdrawn": ["acknowledged", "admissibility", "withdrawn"],
    "on_hold": [*_TO_ADMITTED, "company_response", "on_hold"],
}
DEMO_STATE_ISSUES = [
    ("wages", "Overtime on Sundays has not been paid since March."),
    ("health_and_safety", "The fire exit on the second floor is locked during night shifts."),
    ("harassment_gbv", "A line supervisor shouts at and touches women workers."),
    ("freedom_of_association", "Workers who joined the union were moved to the worst lines."),
    ("working_hours", "We work 14 hours a day in the peak season, seven days a week."),
]
DEMO_REASON = "Demo: recorded to show this step."


def _load_cases() -> int:
    """Route each demo complaint as a handler would, once, and move it along its path."""
    from remedyhub.cases.models import Case, CaseMessage
    from remedyhub.cases.services import case_route
    from remedyhub.intake.models import Complaint
    from remedyhub.routing.selectors import routing_options

    admin = User.objects.get(username="admin")
    paths = {1: DEMO_STATE_PATHS["dialogue"], 2: DEMO_STATE_PATHS["admissibility"]}
    paths.update(dict(enumerate(DEMO_STATE_PATHS.values(), start=3)))
    for number, path in paths.items():
        complaint = Complaint.objects.get(submission_key=_submission_key(number))
        if complaint.cases.exists():
            continue
        options = routing_options(
            country=complaint.country,
            facility=complaint.facility,
            harm_on=complaint.created_at.date(),
            anonymous=complaint.anonymous,
        )
        chosen = options[0]
        case = case_route(
            complaint=complaint,
            mechanism=Mechanism.objects.get(pk=chosen.mechanism_id),
            reason=chosen.reason,
            actor=admin,
            company_ids=chosen.company_ids,
        )
        for state in path:
            if case.state == "company_response" and state in {"dialogue", "adjudication"}:
                CaseMessage.objects.create(
                    case=case,
                    side=CaseMessage.Side.COMPANY,
                    visibility=CaseMessage.Visibility.ALL,
                    body="Demo: the company's response to the complaint.",
                )
            _demo_step(case, state, admin, last=state == path[-1])
            case.refresh_from_db()
    _demo_people()
    return Case.objects.count()


def _demo_step(case: Any, state: str, admin: User, *, last: bool) -> None:
    """One step as a handler takes it: decisions with their reasons, the remedy plan with its
    items (one overdue, one done with evidence) and, before closing, the follow-up check."""
    from remedyhub.cases.services import (
        RemedyPlanItem,
        admissibility_decide,
        case_transition,
        follow_up_check_record,
        outcome_decide,
        remedy_item_update,
        remedy_plan_start,
    )
    from remedyhub.cases.workflow import needs_reason

    today = dt.date.today()
    if state in {"admitted", "not_admissible"}:
        admissibility_decide(
            case,
            actor=admin,
            admissible=state == "admitted",
            criteria={},
            reasons=DEMO_REASON,
        )
    elif state == "decided":
        outcome_decide(case, actor=admin, finding="founded", reasoning=DEMO_REASON, binding=False)
    elif state == "remedy_monitoring":
        items = remedy_plan_start(
            case,
            actor=admin,
            items=[
                RemedyPlanItem(
                    "Pay the overtime owed since March", "the supplier", today + dt.timedelta(60)
                ),
                RemedyPlanItem(
                    "Unlock the fire exit and train the night shift",
                    "the supplier",
                    today - dt.timedelta(20),
                ),
                RemedyPlanItem(
                    "Add the site to the buyer's audit plan", "the buyer", today + dt.timedelta(90)
                ),
            ],
        )
        remedy_item_update(
            items[2], actor=admin, status="done", evidence="Demo: the audit plan of 2026."
        )
        if not last:
            follow_up_check_record(
                case,
                actor=admin,
                findings="Demo: the follow-up check found the plan carried out.",
            )
    else:
        case_transition(case, state, actor=admin, reason=DEMO_REASON if needs_reason(state) else "")


def _demo_people() -> None:
    """The committee member sits on the dialogue case, and has declared a tie to another
    company, so the conflicts page and the refusal to assign have something to show."""
    from remedyhub.cases.models import Case
    from remedyhub.cases.services import case_assign, conflict_declare

    admin = User.objects.get(username="admin")
    member = User.objects.get(username="committee")
    other = Company.objects.filter(slug="lindqvist-apparel").first()
    if other is not None:
        conflict_declare(
            user=member, company=other, description="Demo: worked for Lindqvist Apparel until 2023."
        )
    dialogue = (
        Case.objects.filter(state="dialogue", mechanism__affiliations__user=member)
        .order_by("pk")
        .first()
    )
    if dialogue is not None and not (
        other is not None and dialogue.companies.filter(pk=other.pk).exists()
    ):
        case_assign(dialogue, user=member, role="committee_member", actor=admin)


def _state_complaints() -> list[tuple[str, str, dict[str, object]]]:
    """One complaint per state, at a site on a textile agreement member's list."""
    link = (
        SupplyLink.objects.filter(company__slug="noordkust-fashion")
        .select_related("facility")
        .order_by("facility__public_id")
        .first()
    )
    facility = link.facility if link else None
    complaints = []
    for number, state in enumerate(DEMO_STATE_PATHS):
        issue, text = DEMO_STATE_ISSUES[number % len(DEMO_STATE_ISSUES)]
        complaints.append(
            (
                "web",
                "en",
                {
                    "description": f"{text} (Demo case in the state '{state}'.)",
                    "issues": [issue],
                    "country": facility.country if facility else "BD",
                    "facility": facility,
                    "reporter_type": "affected_person",
                },
            )
        )
    return complaints


def _submission_key(number: int) -> str:
    from remedyhub.intake import receipts

    return receipts.submission_key(f"demo:{number}")


@transaction.atomic
def demo_data_load() -> DemoSummary:
    agreements = _load_agreements_and_mechanisms()
    companies = _load_registry(agreements)
    passwords = _load_users(companies)
    load_agreements()  # agreements' monitoring; before routing, which follows memberships
    codes = _load_complaints()
    case_count = _load_cases()
    knowledge_counts = knowledge_demo_load(totp_key=DEMO_TOTP_KEY)
    counts = {
        "mechanisms": Mechanism.objects.count(),
        "agreements": SectorAgreement.objects.count(),
        "companies": Company.objects.count(),
        "facilities": Facility.objects.count(),
        "countries": Facility.objects.values("country").distinct().count(),
        "supply links": SupplyLink.objects.count(),
        "users": User.objects.count(),
        "complaints": len(codes),
        "cases": case_count,
        **knowledge_counts,
    }
    counts.update(community_demo_load())
    passwords["expert"] = EXPERT_PASSWORD
    return DemoSummary(counts=counts, passwords=passwords, receipts=codes)
