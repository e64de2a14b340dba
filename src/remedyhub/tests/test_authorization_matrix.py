"""Every page and API endpoint against every role: allowed or refused, and what each sees.

Rows are the URL patterns of the site; columns are the roles of issue 6: anonymous, a reporter
with her receipt, a reporter with another complaint's receipt, a representative of the company
the case concerns (A) and of another company (B), a handler of the case's mechanism (M) and of
another mechanism, a committee member of M with a declared conflict of interest, and an
administrator. A cell says ``ok`` (the page answers, with the content the role may see) or
``no`` (refused: 401, 403, 404, or a redirect to a log-in or receipt page, and none of the
complaint's words in the answer).

The pages and API endpoints of a case are checked cell by cell in
``cases/tests/test_permission_matrix.py``; this matrix lists them as covered there, and fails when a
new URL pattern appears in neither, so that no page escapes the matrix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from remedyhub.accounts.models import Affiliation, User
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.cases.models import ConflictOfInterest
from remedyhub.cases.services import case_route
from remedyhub.intake.files import CleanFile
from remedyhub.intake.models import Attachment
from remedyhub.intake.services import attachment_store, complaint_submit
from remedyhub.registry.tests.factories import (
    CompanyFactory,
    FacilityFactory,
    SectorAgreementFactory,
    SupplyLinkFactory,
)
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import DEFAULT_STAGES

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "reporter",
    "other_reporter",
    "company_a",
    "company_b",
    "handler",
    "other_handler",
    "conflicted",
    "admin",
]
WORDS = "Quarrelsome supervisor Zebulon"  # in the complaint under test only
OTHER_WORDS = "Unrelated complaint about canteen food"
NAME = "Marisol Quenby"
AGREEMENT = "agreement-g"

# Case pages and endpoints: role by role in cases/tests/test_permission_matrix.py.
COVERED_BY_CASE_MATRIX = {
    "cases:list",
    "cases:company",
    "cases:detail",
    "cases:route",
    "cases:refer",
    "cases:conflicts",
    "cases:referral-answer",
    "cases:retaliation",
    "cases:withdraw",
    "api:case-list",
    "api:case-detail",
    "api:case-routing",
    "api:case-transition",
    "api:case-messages",
    "api:case-decisions",
    "api:case-assignments",
    "api:case-referrals",
    "api:case-remedy-items",
    "api:case-remedy-item",
    "api:case-follow-up-checks",
    "api:conflicts",
    "api:follow-up-message",
    "api:follow-up-referral",
}
# Actions that create or change data, tested with their own cases elsewhere; listed here so the
# completeness check knows them.
COVERED_ELSEWHERE = {
    "accounts:logout": "accounts/tests",
    "accounts:login-code": "accounts/tests/test_login.py (the second step of a log-in)",
    "accounts:login-enrol": "accounts/tests/test_login.py (the first log-in of an account)",
    "registry:upload-confirm": "registry/tests/test_upload.py",
    "registry:review-decide": "registry/tests/test_upload.py",
    "intake:follow-up-close": "intake/tests/test_follow_up.py",
    "api:complaint-create": "api/tests/test_complaints.py (public by design)",
    "community:practice": "community/tests/test_practices.py (drafts for their company only)",
    "community:practice-edit": "community/tests/test_practices.py",
    "community:room": "community/tests/test_network.py (members only, 404 for others)",
    "community:document": "community/tests/test_network.py (members only, 404 for others)",
    "community:event": "community/tests/test_events.py (public; registration)",
    "community:event-ics": "community/tests/test_events.py (public)",
    "community:event-cancel": "community/tests/test_events.py (own registration only)",
    "community:event-cancel-link": "community/tests/test_events.py (the link's token only)",
    "community:event-material": "community/tests/test_events.py (public once the event ended)",
    "api:event-detail": "community/tests/test_events.py (public by design)",
    "knowledge:question": "knowledge/tests/test_helpdesk.py (the asker and her question's experts)",
    "knowledge:question-file": "knowledge/tests/test_helpdesk.py (as the question page)",
}
HELPDESK_ASKERS = frozenset({"company_a", "company_b"})  # company representatives


@dataclass
class World:
    clients: dict[str, Client]
    reference: str
    other_reference: str
    receipt: str
    other_receipt: str
    file: str
    facility: str
    mechanism: str


@pytest.fixture
def world(settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    company_a = CompanyFactory(name="Buyer A", slug="buyer-a")
    company_b = CompanyFactory(name="Buyer B", slug="buyer-b")
    facility = FacilityFactory(country="BD")
    SupplyLinkFactory(company=company_a, facility=facility, first_seen=dt.date(2024, 1, 1))
    SectorAgreementFactory(name="Agreement G", slug=AGREEMENT)
    mechanism = Mechanism.objects.create(name="Committee M", slug="m", kind="other")
    other = Mechanism.objects.create(name="Other", slug="other", kind="ncp")
    for each in (mechanism, other):
        RulesOfProcedure.objects.create(
            mechanism=each, version=1, in_force_from=dt.date(2020, 1, 1), stages=DEFAULT_STAGES
        )
    users: dict[str, Any] = {}
    for name, affiliation in {
        "company_a": {"role": "company", "company": company_a},
        "company_b": {"role": "company", "company": company_b},
        "handler": {"role": "handler", "mechanism": mechanism},
        "other_handler": {"role": "handler", "mechanism": other},
        "conflicted": {"role": "committee_member", "mechanism": mechanism},
    }.items():
        users[name] = User.objects.create_user(name, password="x" * 20)
        Affiliation.objects.create(user=users[name], **affiliation)
    users["admin"] = User.objects.create_superuser("admin", password="x" * 20)
    ConflictOfInterest.objects.create(user=users["conflicted"], company=company_a)

    mine = complaint_submit(
        data={
            "description": WORDS,
            "country": "BD",
            "facility": facility,
            "anonymous": False,
            "reporter_name": NAME,
        },
        seed="web:matrix-mine",
        channel="web",
        language="en",
    )
    theirs = complaint_submit(
        data={"description": OTHER_WORDS, "country": "BD"},
        seed="web:matrix-theirs",
        channel="web",
        language="en",
    )
    attachment = attachment_store(
        CleanFile(
            kind="pdf",
            content_type="application/pdf",
            data=b"%PDF-1.4 " + WORDS.encode(),
            original_name="evidence.pdf",
            extension="pdf",
        ),
        complaint=mine.complaint,
    )
    case_route(
        complaint=mine.complaint,
        mechanism=mechanism,
        reason="Test.",
        actor=users["handler"],
        company_ids=(company_a.pk,),
    )

    clients = {role: Client() for role in ROLES}
    for role, user in users.items():
        verified_login(clients[role], user)
    clients["reporter"].post(reverse("intake:follow-up"), {"receipt": mine.receipt})
    clients["other_reporter"].post(reverse("intake:follow-up"), {"receipt": theirs.receipt})
    return World(
        clients=clients,
        reference=mine.complaint.reference or "",
        other_reference=theirs.complaint.reference or "",
        receipt=mine.receipt,
        other_receipt=theirs.receipt,
        file=str(attachment.storage_name),
        facility=facility.public_id,
        mechanism=mechanism.slug,
    )


@dataclass(frozen=True)
class Row:
    name: str
    request: Callable[[Client, World], Any]
    allowed: frozenset[str]
    # Words that the readers of this complaint must see (the check that "ok" shows the thing).
    shows: str = ""
    # Allowed roles that read this complaint; the others see none of its words.
    readers: frozenset[str] | None = None


def get(name: str, *args: Callable[[World], str] | str, query: str = "") -> Callable:
    def call(client: Client, world: World) -> Any:
        values = [arg(world) if callable(arg) else arg for arg in args]
        return client.get(reverse(name, args=values) + query)

    return call


EVERYONE = frozenset(ROLES)
ACCOUNTS = frozenset(ROLES) - {"anonymous", "reporter", "other_reporter"}
REPORTER = frozenset({"reporter"})
REPORTERS = frozenset({"reporter", "other_reporter"})  # each reads her own complaint
READERS = frozenset({"handler", "admin"})  # of a complaint routed to M
COMPANIES = frozenset({"company_a", "company_b"})

ROWS = [
    Row("healthz", get("healthz"), EVERYONE),
    Row("home", get("home"), EVERYONE),
    Row("how-it-works", get("how-it-works"), EVERYONE),
    Row("for-companies", get("for-companies"), EVERYONE),
    Row("accounts:login", get("accounts:login"), EVERYONE),
    Row("accounts:dashboard", get("accounts:dashboard"), ACCOUNTS),
    Row("routing:list", get("routing:list"), EVERYONE, "Committee M"),
    Row("routing:detail", get("routing:detail", lambda w: w.mechanism), EVERYONE, "Committee M"),
    Row("registry:search", get("registry:search", query="?q=garments"), EVERYONE),
    Row("registry:facility", get("registry:facility", lambda w: w.facility), EVERYONE, "Buyer A"),
    Row("registry:export", get("registry:export"), EVERYONE),
    Row("registry:upload", get("registry:upload"), frozenset({"company_a", "company_b", "admin"})),
    Row("registry:review", get("registry:review"), ACCOUNTS),
    Row("intake:start", get("intake:start"), EVERYONE),
    Row("intake:step", get("intake:step", "what"), frozenset()),  # within a report only
    Row("intake:done", get("intake:done"), frozenset()),  # only right after sending a report
    Row("intake:follow-up", get("intake:follow-up"), EVERYONE),
    Row(
        "intake:follow-up-case",
        get("intake:follow-up-case"),
        REPORTERS,
        "Committee M",
        readers=REPORTER,
    ),
    Row("intake:follow-up-file", get("intake:follow-up-file", lambda w: w.file), REPORTER),
    Row("intake:inbox", get("intake:inbox"), READERS | {"other_handler"}),
    Row("intake:staff-entry", get("intake:staff-entry"), frozenset({"admin"})),
    Row(
        "intake:staff-complaint",
        get("intake:staff-complaint", lambda w: w.reference),
        READERS,
        WORDS,
    ),
    Row("intake:staff-file", get("intake:staff-file", lambda w: w.file), READERS),
    Row("cases:my-data", get("cases:my-data"), REPORTERS, NAME, readers=REPORTER),
    Row(
        "cases:erase",
        lambda client, world: client.post(reverse("cases:erase"), {}),
        REPORTERS,  # unconfirmed: sent back to her complaint with a message
    ),
    Row("api:mechanism-list", get("api:mechanism-list"), EVERYONE, "Committee M"),
    Row("api:mechanism-detail", get("api:mechanism-detail", lambda w: w.mechanism), EVERYONE),
    Row("api:facility-search", get("api:facility-search", query="?q=garments"), EVERYONE),
    Row("api:facility-detail", get("api:facility-detail", lambda w: w.facility), EVERYONE),
    Row(
        "api:supplier-list-upload",
        lambda client, world: client.post("/api/v1/supplier-lists/", {}),
        frozenset({"company_a", "company_b", "admin"}),
    ),
    Row(
        "api:follow-up",
        # The receipt is the credential: whoever holds this one reads this complaint only.
        lambda client, world: client.get(
            reverse("api:follow-up"),
            HTTP_X_RECEIPT=world.receipt if client is world.clients["reporter"] else "",
        ),
        REPORTER,
        "Committee M",
    ),
    Row("risk:check", get("risk:check", query="?sectors=garments_textile&countries=BD"), EVERYONE),
    Row("community:practices", get("community:practices"), EVERYONE),
    Row("community:practice-new", get("community:practice-new"), COMPANIES),
    Row("community:rooms", get("community:rooms"), ACCOUNTS),
    Row("community:events", get("community:events"), EVERYONE),
    Row("community:event-feed", get("community:event-feed"), EVERYONE),
    Row("api:event-list", get("api:event-list"), EVERYONE),
    Row("agreements:list", get("agreements:list"), EVERYONE, "Agreement G"),
    Row("agreements:detail", get("agreements:detail", AGREEMENT), EVERYONE, "Agreement G"),
    Row("agreements:dashboard", get("agreements:dashboard", AGREEMENT), EVERYONE, "Agreement G"),
    Row("agreements:locations", get("agreements:locations", AGREEMENT), EVERYONE, "Agreement G"),
    Row("agreements:export-json", get("agreements:export-json", AGREEMENT), EVERYONE),
    Row("agreements:export-csv", get("agreements:export-csv", AGREEMENT, "members"), EVERYONE),
    Row("api:agreement-list", get("api:agreement-list"), EVERYONE, "Agreement G"),
    Row("api:agreement-detail", get("api:agreement-detail", AGREEMENT), EVERYONE),
    Row("api:agreement-locations", get("api:agreement-locations", AGREEMENT), EVERYONE),
    Row("knowledge:list", get("knowledge:list"), EVERYONE),
    Row("knowledge:faq", get("knowledge:faq"), EVERYONE),
    Row("knowledge:suggest", get("knowledge:suggest", query="?q=wages"), EVERYONE),
    # No published article in this world: 404 for all (articles: knowledge/tests).
    Row("knowledge:article", get("knowledge:article", "no-such-article"), frozenset()),
    Row("knowledge:helpdesk", get("knowledge:helpdesk"), HELPDESK_ASKERS | {"admin"}),
    Row("knowledge:ask", get("knowledge:ask"), HELPDESK_ASKERS),
    Row("knowledge:queue", get("knowledge:queue"), frozenset({"admin"})),  # staff are experts
    Row("api:article-list", get("api:article-list"), EVERYONE),
    Row("api:article-detail", get("api:article-detail", "no-such-article"), frozenset()),
    Row("api:faq-list", get("api:faq-list"), EVERYONE),
    Row("api:schema", get("api:schema"), EVERYONE),
    Row("api:docs", get("api:docs"), EVERYONE),
    Row("admin", lambda client, world: client.get(reverse("admin:index")), frozenset({"admin"})),
]


def _allowed(response: Any) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return False
    if response.status_code == 400:
        # A form that reached validation was allowed (erasure unconfirmed; an empty upload).
        is_json = response.get("Content-Type", "").startswith("application/json")
        return b"csrfmiddlewaretoken" in response.content or (
            is_json and b"receipt" not in response.content.lower()
        )
    if response.status_code in (301, 302):
        target = response["Location"].split("?")[0]
        return "login" not in target and target not in {
            reverse("intake:follow-up"),
            reverse("intake:start"),
        }
    return 200 <= response.status_code < 300


def test_each_role_is_allowed_or_refused_as_the_matrix_says(world):
    """All rows in one test, on one world: each cell is checked, and every wrong cell is
    reported together, as ``page: roles wrongly allowed / roles wrongly refused``."""
    wrong = []
    for row in ROWS:
        allowed_roles = set()
        readers = row.allowed if row.readers is None else row.readers
        for role in ROLES:
            response = row.request(world.clients[role], world)
            allowed = _allowed(response)
            if allowed:
                allowed_roles.add(role)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if not allowed or role not in readers:
                # Refused, or allowed without being a reader of this complaint: none of its words.
                if WORDS.encode() in body or NAME.encode() in body:
                    wrong.append(f"{row.name}: {role} reads the complaint")
            elif row.shows and row.shows.encode() not in body:
                wrong.append(f"{row.name}: {role} does not see {row.shows!r}")
        if allowed_roles != row.allowed:
            wrong.append(
                f"{row.name}: wrongly allowed {sorted(allowed_roles - row.allowed)}, "
                f"wrongly refused {sorted(row.allowed - allowed_roles)}"
            )
    assert wrong == []


def test_the_other_reporter_reads_her_own_complaint_not_this_one(world):
    client = world.clients["other_reporter"]
    page = client.get(reverse("intake:follow-up-case")).content.decode()
    assert world.other_reference in page and world.reference not in page
    data = client.get(reverse("cases:my-data")).content
    assert OTHER_WORDS.encode() in data and NAME.encode() not in data
    answer = client.get(reverse("api:follow-up"), HTTP_X_RECEIPT=world.other_receipt)
    assert world.other_reference in answer.json()["reference"]
    assert WORDS.encode() not in answer.content


def test_a_handler_of_another_mechanism_lists_none_of_this_mechanisms_complaints(world):
    inbox = world.clients["other_handler"].get(reverse("intake:inbox")).content.decode()
    assert world.reference not in inbox and world.other_reference not in inbox
    inbox = world.clients["handler"].get(reverse("intake:inbox")).content.decode()
    assert world.reference in inbox and world.other_reference not in inbox


def _url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    names.add("admin")
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_pattern_is_in_a_matrix():
    covered = {row.name for row in ROWS} | COVERED_BY_CASE_MATRIX | set(COVERED_ELSEWHERE)
    assert _url_names() - covered == set()
    assert Attachment  # the file rows above are real attachments
