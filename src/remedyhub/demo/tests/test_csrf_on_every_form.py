"""Every form that posts carries a CSRF token: the pages of every URL pattern, crawled per role.

The demo data gives every page something to show (a case in every state, complaints, files,
supplier lists). Each role follows the links it sees, at most a few pages per URL pattern, and
every ``<form method="post">`` on every page must hold a ``csrfmiddlewaretoken`` field. The test
then checks that every page pattern of the site was reached, so a new page cannot slip by.
"""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from remedyhub.accounts.models import User
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.demo.services import demo_data_load
from remedyhub.intake.tests.helpers import fill_all, step_url

pytestmark = pytest.mark.django_db

PAGES_PER_PATTERN = 2
ADMIN_PAGES = 20
# Case pages show different forms in each state of the workflow: every demo case is visited.
ALL_OF = {"cases:detail", "cases:route", "intake:staff-complaint"}
# Patterns that answer no HTML page of their own (files, exports, POST-only endpoints whose
# forms are rendered, and checked, on other pages) or the admin's own pages.
NOT_PAGES = {
    "healthz",
    "accounts:logout",
    "registry:export",
    "registry:upload-confirm",
    "registry:review-decide",
    "intake:follow-up-close",
    "intake:follow-up-file",
    "intake:staff-file",
    "cases:refer",
    "cases:referral-answer",
    "cases:retaliation",
    "cases:withdraw",
    "cases:my-data",  # a JSON download
    "cases:erase",  # a POST target of the follow-up page's erase form
    "community:document",  # a file
    "community:event-material",  # a file
    "community:event-feed",  # iCalendar
    "community:event-ics",  # iCalendar
    "community:event-cancel",  # a POST target of the event page's cancel form
    "community:event-cancel-link",  # reached only through the link shown once after registering
    "agreements:export-json",  # downloads
    "agreements:export-csv",
    "knowledge:suggest",  # an HTML fragment fetched by the helpdesk form's script
    "knowledge:question-file",
}


class Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []  # {"method", "action", "csrf"}
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            self._open = {
                "method": (attributes.get("method") or "get").lower(),
                "action": attributes.get("action") or "",
                "csrf": False,
            }
            self.forms.append(self._open)
        elif (
            tag == "input"
            and self._open is not None
            and attributes.get("name") == "csrfmiddlewaretoken"
            and attributes.get("value")
        ):
            self._open["csrf"] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def page_patterns() -> set[str]:
    names: set[str] = set()

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in {"admin", "api"}:
                    continue
                walk(pattern, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), None)
    return names


def route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client, starts, seen_routes, post_forms, failures, only_english=True):
    queue = deque(starts)
    visited: set[str] = set()
    per_route: dict[str, int] = {}
    while queue:
        url = urldefrag(queue.popleft())[0]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url in visited:
            continue
        if only_english and not (parts.path.startswith("/en/") or parts.path == "/en"):
            continue
        route = route_of(parts.path)
        if route is None or route.startswith("api:") or route in NOT_PAGES:
            continue
        bucket = "admin" if route.startswith("admin:") else route
        limit = {"admin": ADMIN_PAGES}.get(bucket, 100 if bucket in ALL_OF else PAGES_PER_PATTERN)
        if per_route.get(bucket, 0) >= limit:
            continue
        visited.add(url)
        per_route[bucket] = per_route.get(bucket, 0) + 1
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        seen_routes.add(route)
        parser = Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            if form["method"] == "post":
                post_forms.append((url, form["action"]))
                if not form["csrf"]:
                    failures.append((url, form["action"]))
        queue.extend(parser.links)


def test_every_post_form_on_every_page_carries_a_csrf_token(client, django_user_model):
    summary = demo_data_load()
    seen: set[str] = set()
    post_forms: list[tuple[str, str]] = []
    failures: list[tuple[str, str]] = []

    # Anonymous visitor, then a reporter through every step of the form and her follow-up.
    crawl(client, ["/en/", "/en/how-it-works/", "/en/account/login/"], seen, post_forms, failures)
    reporter = client.__class__()
    fill_all(reporter)
    steps = [step_url(step) for step in ("what", "where", "when", "affected", "reporter")]
    steps += [step_url(step) for step in ("identity", "files", "check")]
    crawl(reporter, ["/en/report/", *steps], seen, post_forms, failures)
    reporter.post(step_url("check"), {"action": "send"})
    crawl(reporter, ["/en/report/done/"], seen, post_forms, failures)
    follower = client.__class__()
    follower.post("/en/follow-up/", {"receipt": next(iter(summary.receipts.values()))})
    crawl(follower, ["/en/follow-up/complaint/"], seen, post_forms, failures)

    # The log-in steps themselves, before a code is given.
    stepper = client.__class__()
    stepper.post("/en/account/login/", {"username": "handler", "password": "demo-handler-2026"})
    crawl(stepper, ["/en/account/login/code/"], seen, post_forms, failures)
    newcomer = django_user_model.objects.create_user("newcomer", password="a long passphrase 1")
    enrolling = client.__class__()
    enrolling.post(
        "/en/account/login/", {"username": newcomer.username, "password": "a long passphrase 1"}
    )
    crawl(enrolling, ["/en/account/login/authenticator/"], seen, post_forms, failures)

    # Every staff role, logged in with both factors.
    for username in ["handler", "committee", "company", "company2", "admin", "expert"]:
        staff = client.__class__()
        verified_login(staff, User.objects.get(username=username))
        starts = ["/en/account/", "/en/cases/", "/en/complaints/", "/en/complaints/new/"]
        starts += ["/en/facilities/upload/", "/en/facilities/review/", "/en/cases/retaliation/"]
        if username == "admin":
            starts.append("/en/admin/")
        crawl(staff, starts, seen, post_forms, failures)

    assert failures == []
    missing = page_patterns() - NOT_PAGES - seen
    assert missing == set(), "pages never reached by the crawl"
    print(f"{len(seen)} page patterns, {len(post_forms)} POST forms checked")
    assert len(post_forms) > 50
    assert any(route.startswith("admin:") for route in seen if route)
