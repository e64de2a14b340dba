"""A company user, in a real Chromium, runs the risk check for garments from Bangladesh and
Pakistan, reads the risks with their sources and the complaint figures, and joins the waiting
list of a full event. Every page passes axe without serious or critical violations."""

import datetime as dt
import itertools

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.utils import timezone

from remedyhub.accounts.models import Affiliation, User
from remedyhub.accounts.tests.helpers import browser_log_in
from remedyhub.community.models import Event
from remedyhub.community.services import event_register
from remedyhub.intake.models import Complaint
from remedyhub.registry.tests.factories import CompanyFactory, FacilityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-2026"


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def no_serious_violations(page):
    result = Axe().run(page)
    serious = [
        (violation["id"], violation["impact"], len(violation["nodes"]))
        for violation in result.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == [], page.url


@pytest.fixture
def setting(risk_files):
    call_command("risk_import", stdout=open("/dev/null", "w"))  # noqa: SIM115
    user = User.objects.create_user("buyer", password=PASSWORD)
    Affiliation.objects.create(user=user, role="company", company=CompanyFactory())
    keys = itertools.count()
    for _ in range(6):
        key = f"{next(keys):064d}"
        Complaint.objects.create(
            submission_key=key,
            receipt_digest=key,
            channel="web",
            language="en",
            description="Not shown",
            country="BD",
            issues=["forced_labour"],
            facility=FacilityFactory(country="BD"),
        )
    start = timezone.now() + dt.timedelta(days=10)
    event = Event.objects.create(
        kind="training",
        title="Responsible purchasing",
        slug="responsible-purchasing",
        description="Prices and lead times.",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        capacity=1,
    )
    event_register(event=event, name="First", email="first@example.org")
    return user


def test_a_company_runs_the_risk_check_and_joins_a_waiting_list(
    live_server, scripted_page, setting
):
    page, base = scripted_page, live_server.url
    browser_log_in(page, base, setting, PASSWORD)

    page.goto(base + "/en/")
    submit(page, "nav a:text('For companies')")
    submit(page, "main a:text('Risk check')")
    page.check("input[name=sectors][value=garments_textile]")
    page.select_option("#id_countries", ["BD", "PK"])
    submit(page, "main form button[type=submit]")
    text = page.inner_text("main")
    for expected in (
        "Child labour",
        "Forced labour",
        "Freedom of association and collective bargaining",
        "Garments",
        "Bangladesh",
        "Pakistan",
        "edition 2022",
        "edition 2025",
        "Rating 5: No guarantee of rights",
        "Complaints filed with Remedy Hub",
        "fewer than 5",
    ):
        assert expected in text, expected
    assert page.locator("a[href='https://www.ituc-csi.org/global-rights-index']").count() >= 2
    figures = page.locator("#complaint-figures ~ table tr", has_text="Forced labour")
    assert figures.inner_text().split("\t")[1:] == ["6", "fewer than 5"]
    no_serious_violations(page)

    # An unknown country typed into the address: a clear message, the choice kept.
    page.goto(page.url + "&countries=ZZ")
    assert "Unknown country: ZZ" in page.inner_text("main")
    assert page.locator("input[value=garments_textile]").is_checked()

    page.goto(base + "/en/events/")
    submit(page, "main a:text('Responsible purchasing')")
    submit(page, "main form button[type=submit]")
    assert "You are on the waiting list, number 1" in page.inner_text("main")
    no_serious_violations(page)
