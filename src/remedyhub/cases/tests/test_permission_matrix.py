"""The permission matrix of issue 5, item 5: every case page and every case API endpoint
(reads and each action) for every role. Each cell says allow or deny; an allowed action must
have its effect, a denied one must leave no trace, and a read shows only what the side may see.

The world is built once per module inside a transaction that is rolled back at the end; each
cell runs in a savepoint inside it (pytest-django's ``db``), so cells cannot see each other.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.accounts.tokens import api_token_create
from remedyhub.cases.models import Case, CaseMessage, ConflictOfInterest
from remedyhub.cases.services import (
    RemedyPlanItem,
    admissibility_decide,
    case_message_post,
    case_transition,
    outcome_decide,
    referral_propose,
    remedy_plan_start,
)
from remedyhub.cases.tests.matrix_world import (
    EMAIL,
    FOR_COMPANY,
    FOR_COMPLAINANT,
    NAME,
    SECRET,
    build_world,
)
from remedyhub.intake.models import Complaint
from remedyhub.routing.models import Mechanism

ROLES = (
    "anonymous",
    "complainant",  # holds the case's receipt
    "complainant_other",  # holds another case's receipt
    "representative",  # a union that filed for others, with its receipt (acts on its own case)
    "company_a",  # linked to the case
    "company_b",  # not linked
    "handler",  # of the case's mechanism
    "other_handler",  # of another mechanism
    "conflicted",  # committee member of the mechanism with a declared conflict
    "mediator",  # assigned to the case as mediator
    "admin",  # staff
)
RECEIPT_ROLES = {"complainant", "complainant_other", "representative"}
HANDLERS = {"handler", "admin"}
MECHANISM_SIDE = HANDLERS | {"mediator"}
PARTIES = MECHANISM_SIDE | {"company_a"}
COMPLAINANT = {"complainant", "representative"}
# Only the secretariat (staff, the default mechanism's handlers) reads and routes a complaint
# before it has a case; a handler of M or of another mechanism does not.
SECRETARIAT = {"admin"}
DECLARERS = {"handler", "other_handler", "conflicted", "mediator", "admin"}


class World:
    """Keys of what ``build_world`` made; objects are read afresh in each cell."""

    def __init__(self):
        main, users, extras = build_world()
        self.main_pk = main.pk
        self.rep_pk = extras["rep_case"].pk
        self.unrouted_pk = extras["unrouted"].pk
        self.mechanism_pk = extras["mechanism"].pk
        self.company_b_pk = extras["company_b"].pk
        self.user_pks = {name: user.pk for name, user in users.items()}
        self.receipts = extras["receipts"]

    def reload(self):
        from remedyhub.accounts.models import User

        self.users = {u.username: u for u in User.objects.filter(pk__in=self.user_pks.values())}
        self.main = Case.objects.get(pk=self.main_pk)
        self.rep_case = Case.objects.get(pk=self.rep_pk)
        self.unrouted = Complaint.objects.get(pk=self.unrouted_pk)
        self.mechanism = Mechanism.objects.get(pk=self.mechanism_pk)
        self.company_b_id = self.company_b_pk
        return self

    def case_for(self, role):
        """The case a role acts on: a representative on the complaint she filed."""
        return self.rep_case if role == "representative" else self.main

    def refresh(self, obj):
        return type(obj).objects.get(pk=obj.pk)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield World()
        transaction.set_rollback(True)


@pytest.fixture
def world(built, db):
    from django.core.cache import cache

    cache.clear()  # receipt tries are counted in the cache
    return built.reload()


def _handler(world):
    return world.users["handler"]


def to_state(world, case, *path):
    for state in path:
        case_transition(case, state, actor=_handler(world), reason="Matrix setup.")


def to_admissibility(world, case):
    to_state(world, case, "acknowledged", "admissibility")


def to_adjudication(world, case):
    to_admissibility(world, case)
    admissibility_decide(
        case, actor=_handler(world), admissible=True, criteria={}, reasons="In mandate."
    )
    to_state(world, case, "company_response")
    case_message_post(
        case,
        actor=world.users["company_a"],
        body="We refuse dialogue.",
        visibility=CaseMessage.Visibility.ALL,
    )
    to_state(world, case, "adjudication")


def to_decided(world, case):
    to_adjudication(world, case)
    outcome_decide(
        case, actor=_handler(world), finding="founded", reasoning="Founded.", binding=False
    )


def to_monitoring(world, case):
    to_decided(world, case)
    remedy_plan_start(
        case,
        actor=_handler(world),
        items=[RemedyPlanItem("Reinstate the workers", "Buyer A", dt.date(2030, 1, 1))],
    )


def propose(world, case):
    to_state(world, case, "acknowledged")
    return referral_propose(
        case,
        to_mechanism=Mechanism.objects.get(slug="other"),
        reason="NCP fits.",
        actor=_handler(world),
    )


@dataclass(frozen=True)
class Cell:
    """One row of the matrix: a request, who may make it, and how to see that it took effect."""

    name: str
    api: bool
    allowed: frozenset
    request: Callable  # (client, world, role, ctx) -> response
    prepare: Callable | None = None  # (world, case) -> ctx
    effect: Callable | None = None  # (world, case, ctx) -> bool; None for reads
    shows: Callable | None = None  # (world, role, body) -> None; what a read shows
    # A list answers everyone it lets in; "allow" means the case is in it, "deny" that it is not.
    listing: bool = False
    # Acts on the complaint the caller's receipt opens (no case in the request): another
    # receipt's holder acts on her own complaint, and the effect check shows the case untouched.
    own_complaint: bool = False


def page(name, allowed, request, **more):
    return Cell(name, False, frozenset(allowed), request, **more)


def endpoint(name, allowed, request, **more):
    return Cell(name, True, frozenset(allowed), request, **more)


def detail_url(world, role):
    return reverse("cases:detail", args=[world.case_for(role).pk])


def api_url(world, role, tail=""):
    return f"/api/v1/cases/{world.case_for(role).complaint.reference}/{tail}"


def case_post(action, **data):
    return lambda client, world, role, ctx: client.post(
        detail_url(world, role), {"action": action, **data}
    )


def state_is(state):
    return lambda world, case, ctx: world.refresh(case).state == state


def shows_case_as_side(world, role, body):
    """The mechanism side reads the name and its own notes; the company reads neither."""
    assert world.case_for(role).complaint.reference in body
    assert (NAME in body) is (role in MECHANISM_SIDE)
    assert (SECRET in body) is (role in MECHANISM_SIDE)
    assert (FOR_COMPANY in body) is (role in PARTIES)
    assert (FOR_COMPLAINANT in body) is (role in MECHANISM_SIDE)
    if role == "company_a":
        assert EMAIL not in body


def remedy_items(text="Pay the wages owed | Buyer A | 2030-06-30"):
    return {"items": text}


def _assert(condition):
    assert condition


def _no_identity(body):
    assert NAME not in body and EMAIL not in body


def _side_shows(world, role, body):
    """Through the API as on the page: the name only for the mechanism side."""
    assert (NAME in body) is (role in MECHANISM_SIDE)
    assert (EMAIL in body) is (role in MECHANISM_SIDE)


def _messages_show(world, role, body):
    """Visibility levels: the mechanism-only note reaches the mechanism side, the note for the
    company the mechanism and the company, the note for the complainant never the company."""
    assert (SECRET in body) is (role in MECHANISM_SIDE)
    assert (FOR_COMPANY in body) is (role in PARTIES)
    assert (FOR_COMPLAINANT in body) is (role in MECHANISM_SIDE)


def _follow_up_shows(world, role, body):
    """The complainant reads what is meant for all and for her, never the company's note."""
    if role == "complainant":
        assert FOR_COMPLAINANT in body
    assert FOR_COMPANY not in body and SECRET not in body


CELLS = [
    # --- pages ---------------------------------------------------------------------------
    page(
        # Company representatives are sent on to their portal.
        "page GET case list",
        PARTIES,
        lambda c, w, r, x: c.get(reverse("cases:list"), follow=True),
        shows=lambda w, r, body: _no_identity(body) if r == "company_a" else None,
        listing=True,
    ),
    page(
        "page GET company portal",
        {"company_a"},
        lambda c, w, r, x: c.get(reverse("cases:company"), follow=True),
        shows=lambda w, r, body: (_no_identity(body), _assert("Complainant " in body)),
        listing=True,
    ),
    page(
        "page GET case",
        PARTIES,
        lambda c, w, r, x: c.get(detail_url(w, r)),
        shows=shows_case_as_side,
    ),
    page(
        "page POST case step",
        HANDLERS,
        case_post("step", to_state="acknowledged"),
        effect=state_is("acknowledged"),
    ),
    page(
        "page POST case message",
        PARTIES,
        case_post("message", body="A word in the case.", visibility="all"),
        effect=lambda w, case, x: any(m.body == "A word in the case." for m in case.messages.all()),
    ),
    page(
        "page POST assign",
        HANDLERS,
        lambda c, w, r, x: c.post(
            detail_url(w, r),
            {"action": "assign", "user": w.users["member"].pk, "role": "committee_member"},
        ),
        effect=lambda w, case, x: case.assignments.filter(user=w.users["member"]).exists(),
    ),
    page(
        "page POST admissibility",
        HANDLERS,
        case_post("admissibility", admissible="yes", reasons="Within the mandate."),
        prepare=to_admissibility,
        effect=state_is("admitted"),
    ),
    page(
        "page POST outcome",
        HANDLERS,
        case_post("outcome", finding="founded", reasoning="The dismissals were unlawful."),
        prepare=to_adjudication,
        effect=state_is("decided"),
    ),
    page(
        "page POST remedy plan",
        HANDLERS,
        case_post("remedy", **remedy_items()),
        prepare=to_decided,
        effect=state_is("remedy_monitoring"),
    ),
    page(
        "page POST remedy item",
        HANDLERS,
        lambda c, w, r, x: c.post(
            detail_url(w, r),
            {
                "action": "item",
                "item": w.case_for(r).remedy_items.get().pk,
                "status": "in_progress",
                "evidence": "",
            },
        ),
        prepare=to_monitoring,
        effect=lambda w, case, x: case.remedy_items.get().status == "in_progress",
    ),
    page(
        "page POST follow-up check",
        HANDLERS,
        case_post("check", findings="Two of twelve reinstated so far."),
        prepare=to_monitoring,
        effect=lambda w, case, x: case.events.filter(kind="follow_up_check").exists(),
    ),
    page(
        "page POST refer",
        HANDLERS,
        lambda c, w, r, x: c.post(
            reverse("cases:refer", args=[w.case_for(r).pk]),
            {"to_mechanism": Mechanism.objects.get(slug="other").pk, "reason": "NCP fits."},
        ),
        effect=lambda w, case, x: case.referral_proposals.exists(),
    ),
    page(
        "page GET route",
        SECRETARIAT,
        lambda c, w, r, x: c.get(reverse("cases:route", args=[w.unrouted.reference])),
    ),
    page(
        "page POST route",
        SECRETARIAT,
        lambda c, w, r, x: c.post(
            reverse("cases:route", args=[w.unrouted.reference]),
            {"mechanism": w.mechanism.pk, "reason": "Own channel of Buyer A."},
        ),
        effect=lambda w, case, x: w.unrouted.cases.exists(),
    ),
    page(
        "page GET conflicts",
        DECLARERS,
        lambda c, w, r, x: c.get(reverse("cases:conflicts")),
    ),
    page(
        "page POST conflict",
        DECLARERS,
        lambda c, w, r, x: c.post(
            reverse("cases:conflicts"),
            {"company": w.company_b_id, "description": "My brother works there."},
        ),
        effect=lambda w, case, x: ConflictOfInterest.objects.filter(
            company_id=w.company_b_id
        ).exists(),
    ),
    page(
        "page GET follow-up",
        COMPLAINANT,
        lambda c, w, r, x: c.get(reverse("intake:follow-up-case"), follow=True),
        shows=_follow_up_shows,
        listing=True,
    ),
    page(
        "page POST referral answer",
        COMPLAINANT,
        lambda c, w, r, x: c.post(
            reverse("cases:referral-answer", args=[x.pk]), {"answer": "decline"}
        ),
        prepare=propose,
        effect=lambda w, case, proposal: w.refresh(proposal).status == "declined",
    ),
    page(
        "page POST retaliation",
        COMPLAINANT,
        lambda c, w, r, x: c.post(reverse("cases:retaliation"), {"body": "They threatened me."}),
        effect=lambda w, case, x: w.refresh(case).urgent_since is not None,
        own_complaint=True,
    ),
    page(
        "page POST withdraw",
        COMPLAINANT,
        lambda c, w, r, x: c.post(reverse("cases:withdraw"), {"confirm": "on"}),
        effect=state_is("withdrawn"),
        own_complaint=True,
    ),
    # --- API -----------------------------------------------------------------------------
    endpoint(
        "API GET cases",
        PARTIES,
        lambda c, w, r, x: c.get("/api/v1/cases/"),
        shows=_side_shows,
        listing=True,
    ),
    endpoint(
        "API GET case",
        PARTIES,
        lambda c, w, r, x: c.get(api_url(w, r)),
        shows=lambda w, r, body: (
            _side_shows(w, r, body),
            _assert(('"allowed_transitions":[]' not in body) is (r in HANDLERS)),
        ),
    ),
    endpoint("API GET routing", HANDLERS, lambda c, w, r, x: c.get(api_url(w, r, "routing/"))),
    endpoint(
        "API POST routing",
        SECRETARIAT,
        lambda c, w, r, x: c.post(
            f"/api/v1/cases/{w.unrouted.reference}/routing/",
            {"mechanism_id": w.mechanism.pk, "reason": "Own channel of Buyer A."},
            format="json",
        ),
        effect=lambda w, case, x: w.unrouted.cases.exists(),
    ),
    endpoint(
        "API POST transition",
        HANDLERS,
        lambda c, w, r, x: c.post(
            api_url(w, r, "transitions/"), {"to_state": "acknowledged"}, format="json"
        ),
        effect=state_is("acknowledged"),
    ),
    endpoint(
        "API GET messages",
        PARTIES,
        lambda c, w, r, x: c.get(api_url(w, r, "messages/")),
        shows=lambda w, r, body: _messages_show(w, r, body),
    ),
    endpoint(
        "API POST message",
        PARTIES,
        lambda c, w, r, x: c.post(
            api_url(w, r, "messages/"),
            {"body": "A word in the case.", "visibility": "all"},
            format="json",
        ),
        effect=lambda w, case, x: any(m.body == "A word in the case." for m in case.messages.all()),
    ),
    endpoint(
        "API POST decision",
        HANDLERS,
        lambda c, w, r, x: c.post(
            api_url(w, r, "decisions/"),
            {"kind": "admissibility", "admissible": True, "reasoning": "Within the mandate."},
            format="json",
        ),
        prepare=to_admissibility,
        effect=state_is("admitted"),
    ),
    endpoint(
        "API GET assignments",
        MECHANISM_SIDE,
        lambda c, w, r, x: c.get(api_url(w, r, "assignments/")),
        shows=lambda w, r, body: _assert("mediator" in body),
    ),
    endpoint(
        "API POST assignment",
        HANDLERS,
        lambda c, w, r, x: c.post(
            api_url(w, r, "assignments/"),
            {"username": "member", "role": "committee_member"},
            format="json",
        ),
        effect=lambda w, case, x: case.assignments.filter(user=w.users["member"]).exists(),
    ),
    endpoint("API GET referrals", HANDLERS, lambda c, w, r, x: c.get(api_url(w, r, "referrals/"))),
    endpoint(
        "API POST referral",
        HANDLERS,
        lambda c, w, r, x: c.post(
            api_url(w, r, "referrals/"),
            {"to_mechanism": "other", "reason": "NCP fits."},
            format="json",
        ),
        effect=lambda w, case, x: case.referral_proposals.exists(),
    ),
    endpoint(
        "API GET remedy items",
        PARTIES,
        lambda c, w, r, x: c.get(api_url(w, r, "remedy-items/")),
        prepare=to_monitoring,
        shows=lambda w, r, body: _assert("Reinstate the workers" in body),
    ),
    endpoint(
        "API POST remedy plan",
        HANDLERS,
        lambda c, w, r, x: c.post(
            api_url(w, r, "remedy-items/"),
            {
                "items": [
                    {"description": "Pay the wages", "owner": "Buyer A", "due_on": "2030-06-30"}
                ]
            },
            format="json",
        ),
        prepare=to_decided,
        effect=state_is("remedy_monitoring"),
    ),
    endpoint(
        "API PATCH remedy item",
        HANDLERS,
        lambda c, w, r, x: c.patch(
            api_url(w, r, f"remedy-items/{w.case_for(r).remedy_items.get().pk}/"),
            {"status": "done", "evidence": "Signed reinstatement letters."},
            format="json",
        ),
        prepare=to_monitoring,
        effect=lambda w, case, x: case.remedy_items.get().status == "done",
    ),
    endpoint(
        "API POST follow-up check",
        HANDLERS,
        lambda c, w, r, x: c.post(
            api_url(w, r, "follow-up-checks/"),
            {"findings": "Two of twelve reinstated so far."},
            format="json",
        ),
        prepare=to_monitoring,
        effect=lambda w, case, x: case.events.filter(kind="follow_up_check").exists(),
    ),
    endpoint("API GET conflicts", DECLARERS, lambda c, w, r, x: c.get("/api/v1/conflicts/")),
    endpoint(
        "API POST conflict",
        DECLARERS,
        lambda c, w, r, x: c.post(
            "/api/v1/conflicts/",
            {"company": "buyer-b", "description": "My brother works there."},
            format="json",
        ),
        effect=lambda w, case, x: ConflictOfInterest.objects.filter(
            company_id=w.company_b_id
        ).exists(),
    ),
    endpoint(
        "API GET follow-up",
        COMPLAINANT,
        lambda c, w, r, x: c.get("/api/v1/follow-up/"),
        shows=_follow_up_shows,
        listing=True,
    ),
    endpoint(
        "API POST follow-up message",
        COMPLAINANT,
        lambda c, w, r, x: c.post(
            "/api/v1/follow-up/messages/", {"body": "Any news?"}, format="json"
        ),
        effect=lambda w, case, x: any(m.body == "Any news?" for m in case.complaint.messages.all()),
        own_complaint=True,
    ),
    endpoint(
        "API POST follow-up referral answer",
        COMPLAINANT,
        lambda c, w, r, x: c.post(
            f"/api/v1/follow-up/referrals/{x.pk}/", {"answer": "decline"}, format="json"
        ),
        prepare=propose,
        effect=lambda w, case, proposal: w.refresh(proposal).status == "declined",
    ),
]


def _client(world, role, api):
    if api:
        client = APIClient()
        if role in RECEIPT_ROLES:
            client.credentials(HTTP_X_RECEIPT=world.receipts[role])
        elif role != "anonymous":
            _token, key = api_token_create(user=world.users[role], organisation="matrix")
            client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client
    client = Client()
    if role in RECEIPT_ROLES:
        opened = client.post(reverse("intake:follow-up"), {"receipt": world.receipts[role]})
        assert opened.status_code == 302
    elif role != "anonymous":
        verified_login(client, world.users[role])
    return client


def _denied(cell, response):
    if cell.api:
        # The receipt endpoints answer a call without a receipt 400, naming the header.
        no_receipt = response.status_code == 400 and b"X-Receipt" in response.content
        return response.status_code in (401, 403, 404) or no_receipt
    if response.status_code in (403, 404):
        return True
    # A page that needs a log-in or a receipt sends the visitor to open one.
    location = response.get("Location", "")
    return response.status_code == 302 and (
        "login" in location or location.endswith(reverse("intake:follow-up"))
    )


MATRIX = [(cell, role) for cell in CELLS for role in ROLES]


@pytest.mark.parametrize(
    ("cell", "role"), MATRIX, ids=[f"{cell.name} · {role}" for cell, role in MATRIX]
)
def test_permission_matrix(world, cell, role):
    case = world.case_for(role)
    ctx = cell.prepare(world, case) if cell.prepare else None
    client = _client(world, role, cell.api)
    if cell.effect:
        assert cell.effect(world, case, ctx) is False, "the effect is there before the request"
    response = cell.request(client, world, role, ctx)
    allowed = role in cell.allowed
    body = response.content.decode()
    if cell.listing:
        assert (case.complaint.reference in body) is allowed, response.status_code
    elif allowed:
        assert response.status_code in (200, 201, 302), body[:500]
        assert not _denied(cell, response)
    elif not (cell.own_complaint and role in RECEIPT_ROLES):
        assert _denied(cell, response), (response.status_code, response.get("Location"))
    if cell.effect:
        assert cell.effect(world, case, ctx) is allowed
    if allowed and cell.shows:
        cell.shows(world, role, body)
    if role not in MECHANISM_SIDE:
        # Whatever the answer, nobody outside the mechanism reads its own notes, and nobody
        # but the mechanism and the complainant herself reads her name or what is for her; a
        # note for the company reaches nobody outside the parties.
        assert SECRET not in body
        if role != "complainant":
            assert NAME not in body and EMAIL not in body and FOR_COMPLAINANT not in body
        if role not in PARTIES:
            assert FOR_COMPANY not in body


def test_the_matrix_covers_every_case_page_and_endpoint():
    """A new case page or case endpoint without its rows in the matrix fails here."""
    from remedyhub.api.urls import urlpatterns as api_patterns
    from remedyhub.cases.urls import urlpatterns as case_patterns

    assert {pattern.name for pattern in case_patterns} == {
        "list",
        "company",
        "detail",
        "refer",
        "route",
        "conflicts",
        "referral-answer",
        "retaliation",
        "withdraw",
        # The complainant's own data: in the site-wide matrix (tests/test_authorization_matrix).
        "my-data",
        "erase",
    }
    assert {
        pattern.name
        for pattern in api_patterns
        if pattern.name.startswith(("case", "follow-up", "conflicts"))
    } == {
        "case-list",
        "case-detail",
        "case-routing",
        "case-transition",
        "case-messages",
        "case-decisions",
        "case-assignments",
        "case-referrals",
        "case-remedy-items",
        "case-remedy-item",
        "case-follow-up-checks",
        "conflicts",
        "follow-up",
        "follow-up-message",
        "follow-up-referral",
    }
    assert len(ROLES) == 11
    assert len(MATRIX) == len(CELLS) * len(ROLES)
