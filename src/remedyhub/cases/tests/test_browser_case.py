"""One complaint's whole life in a real Chromium, without JavaScript: the reporter files it,
a handler routes it and moves it through every stage, the company answers, and the reporter
reads each update on her follow-up page with her receipt code."""

import datetime as dt
import re

import pytest

from remedyhub.accounts.models import Affiliation, User
from remedyhub.accounts.tests.helpers import browser_log_in
from remedyhub.cases.models import Case
from remedyhub.intake.models import Complaint
from remedyhub.registry.tests.factories import CompanyFactory, FacilityFactory, SupplyLinkFactory
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import DEFAULT_STAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECEIPT = re.compile(r"\d{4} \d{4} \d{4} \d{4}")
PASSWORD = "a-long-test-password-2026"


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


@pytest.fixture
def setting():
    company = CompanyFactory(name="Example Buyer B.V.")
    facility = FacilityFactory(name="Sunrise Knit Composite Ltd", country="BD")
    SupplyLinkFactory(company=company, facility=facility, first_seen=dt.date(2024, 6, 30))
    channel = Mechanism.objects.create(
        name="Example Buyer speak-up line",
        slug="speak-up",
        kind="company_channel",
        company=company,
        binding_decisions=False,
    )
    RulesOfProcedure.objects.create(
        mechanism=channel, version=1, in_force_from=dt.date(2020, 1, 1), stages=DEFAULT_STAGES
    )
    handler = User.objects.create_user("handler", password=PASSWORD)
    Affiliation.objects.create(user=handler, role="handler", mechanism=channel)
    # She also staffs the platform's secretariat, which routes new complaints.
    secretariat = Mechanism.objects.create(
        name="Secretariat", slug="secretariat", kind="other", is_default=True
    )
    Affiliation.objects.create(user=handler, role="handler", mechanism=secretariat)
    buyer = User.objects.create_user("buyer", password=PASSWORD)
    Affiliation.objects.create(user=buyer, role="company", company=company)
    return facility


def file_complaint(page, base, facility):
    page.goto(base + "/en/report/")
    submit(page, "main form button[type=submit]")
    page.fill("#id_description", "Our wages for March were never paid.")
    page.check("input[value=wages]")
    submit(page, "button[value=next]")
    page.select_option("#id_country", "BD")
    page.fill("#id_site_name", "sunrise knit")
    submit(page, "button[value=search]")
    page.check(f"input[name=facility][value='{facility.public_id}']")
    submit(page, "button[value=next]")
    for _step in ("when", "affected"):
        submit(page, "button[value=next]")
    page.check("input[name=reporter_type][value=affected_person]")
    page.check("input[name=on_behalf_of_others][value=no]")
    submit(page, "button[value=next]")
    submit(page, "button[value=next]")  # anonymous
    submit(page, "button[value=next]")  # no files
    submit(page, "button[value=send]")
    code = RECEIPT.search(page.inner_text(".receipt-code")).group(0)
    page.check("#kept")
    submit(page, "main form button[type=submit]")
    return code


def log_in(page, base, username):
    browser_log_in(page, base, User.objects.get(username=username), PASSWORD)


def reporter_reads(reporter, base, code, expected):
    reporter.goto(base + "/en/follow-up/")
    reporter.fill("#id_receipt", code)
    submit(reporter, "main form button[type=submit]")
    assert expected in reporter.content(), expected


def test_a_complaint_from_filing_to_closure(live_server, browser, setting):
    base = live_server.url
    reporter = browser.new_context(java_script_enabled=False).new_page()
    staff = browser.new_context(java_script_enabled=False).new_page()
    company = browser.new_context(java_script_enabled=False).new_page()
    code = file_complaint(reporter, base, setting)

    log_in(staff, base, "handler")
    reference = Complaint.objects.get().reference
    staff.goto(f"{base}/en/cases/route/{reference}/")
    assert "Example Buyer speak-up line" in staff.content()
    assert "runs this grievance channel" in staff.content()
    submit(staff, "main form button[type=submit]")  # the suggested option and its reason
    reporter_reads(reporter, base, code, "Your complaint has gone to Example Buyer speak-up line")

    def step(state, reason="", expect=""):
        staff.select_option("#id_to_state", state)
        if reason:
            staff.fill("#id_reason", reason)
        submit(staff, "button:has-text('Record this step')")
        assert Case.objects.get().state == state
        if expect:
            reporter_reads(reporter, base, code, expect)

    step("acknowledged", expect="has confirmed that it received your complaint")
    step("admissibility", expect="is checking whether it can deal with your complaint")
    staff.check("input[name=admissible][value=yes]")
    staff.check("input[name=criteria][value=within_mandate]")
    staff.fill("#id_reasons", "A buyer is identified and the facts are specific.")
    submit(staff, "button[value=admissibility]")
    assert Case.objects.get().state == "admitted"
    reporter_reads(reporter, base, code, "will deal with your complaint")
    step("company_response", expect="has asked the company to respond")

    log_in(company, base, "buyer")
    company.goto(f"{base}/en/cases/company/")  # the company portal lists the case
    assert "Your response, by" in company.content()
    submit(company, f"a:has-text('{reference}')")
    assert "Our wages for March were never paid." in company.content()
    company.fill("#id_body", "We will pay the March wages with the next payroll.")
    submit(company, "main form button[type=submit]")
    reporter_reads(reporter, base, code, "We will pay the March wages with the next payroll.")

    step("dialogue", expect="has started a dialogue between you and the company")
    step("agreement", expect="You and the company have reached an agreement.")
    staff.fill("#id_items", "Pay the March wages | Example Buyer B.V. supplier | 2027-01-31")
    submit(staff, "button[value=remedy]")
    assert Case.objects.get().state == "remedy_monitoring"
    assert Case.objects.get().remedy_items.count() == 1
    reporter_reads(reporter, base, code, "The remedy is being carried out")
    item = Case.objects.get().remedy_items.get()
    staff.select_option(f"#id_item{item.pk}_status", "done")
    staff.fill(f"#id_item{item.pk}_evidence", "Payslips of March, signed by the workers.")
    submit(staff, "button[value=item]")
    item.refresh_from_db()
    assert item.status == "done" and item.evidence.startswith("Payslips")
    staff.fill("#id_findings", "All wages were paid; the workers confirmed it to us.")
    submit(staff, "button[value=check]")
    reporter_reads(reporter, base, code, "All wages were paid; the workers confirmed it to us.")
    step(
        "closed",
        reason="All wages were paid; the workers confirmed.",
        expect="Your case is closed.",
    )
    # Opened, then eight steps and the follow-up check, each an event of the chain.
    assert Case.objects.get().events.count() == 10
