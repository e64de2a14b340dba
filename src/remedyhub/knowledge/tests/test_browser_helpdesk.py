"""The expertise centre in a real Chromium: a company runs the risk check for garments from
Bangladesh and Pakistan and reads the article it recommends; she asks (articles are suggested
as she types, and she opens one), an expert answers and publishes the answer as FAQ with the
company's consent, the company reads the answer, and the public search finds the FAQ in English
and in Dutch."""

from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import override

from remedyhub.accounts.models import Affiliation, User
from remedyhub.accounts.tests.helpers import browser_log_in
from remedyhub.knowledge.models import ExpertGroup, FaqEntry, Question
from remedyhub.knowledge.services import articles_load
from remedyhub.registry.tests.factories import CompanyFactory
from remedyhub.risk.tests.conftest import risk_files  # noqa: F401 (a fixture)

from .conftest import FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-2026"
QUESTION = "An audit found children working at our supplier in Dhaka. What should we do now?"


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def log_in(page, base, username):
    browser_log_in(page, base, User.objects.get(username=username), PASSWORD)


def serious(page):
    violations = Axe().run(page).response["violations"]
    return [v["id"] for v in violations if v["impact"] in ("serious", "critical")]


@pytest.fixture
def setting(risk_files):  # noqa: F811 (the fixture imported above)
    call_command("risk_import", stdout=StringIO())
    articles_load(folder=FIXTURES)
    company = CompanyFactory(name="Kestrel Garments BV")
    asker = User.objects.create_user("asker", email="asker@example.org", password=PASSWORD)
    Affiliation.objects.create(user=asker, role="company", company=company)
    expert = User.objects.create_user("expert", email="expert@example.org", password=PASSWORD)
    group = ExpertGroup.objects.create(
        name="SER helpdesk", slug="ser", sectors=["garments_textile"]
    )
    group.members.add(expert)


def test_a_company_question_becomes_a_public_faq(live_server, browser, setting):
    base = live_server.url
    company_context = browser.new_context(java_script_enabled=True)
    company = company_context.new_page()
    log_in(company, base, "asker")
    company.goto(base + reverse("risk:check"))
    company.check("input[name=sectors][value=garments_textile]")
    company.select_option("#id_countries", ["BD", "PK"])
    submit(company, "main form button[type=submit]")
    risks = company.inner_text("main")
    assert "Bangladesh" in risks and "Pakistan" in risks and "edition 2022" in risks
    submit(company, ".risk-reading a:text('Remediating child labour')")  # suggested reading
    assert "When children are found working" in company.content()
    assert serious(company) == []
    company.goto(base + "/en/helpdesk/ask/")
    assert serious(company) == []
    company.select_option("#id_topic", "child_labour")
    company.select_option("#id_sector", "garments_textile")
    company.select_option("#id_country", "BD")
    company.select_option("#id_company_size", "medium")
    company.fill("#id_text", QUESTION)  # the script asks for suggestions as she types
    suggestion = company.locator("#suggestions a", has_text="Remediating child labour")
    suggestion.wait_for()
    with company_context.expect_page() as opened:
        suggestion.click()
    article = opened.value
    article.wait_for_load_state()
    assert "When children are found working" in article.content()
    article.close()
    company.check("#id_consent_to_publish")
    submit(company, "button[value=send]")
    question = Question.objects.get()
    assert "SER helpdesk" in company.content()

    expert = browser.new_context(java_script_enabled=False).new_page()
    log_in(expert, base, "expert")
    expert.goto(base + "/en/helpdesk/queue/")
    submit(expert, f"a[href$='/helpdesk/{question.pk}/']")
    expert.fill("#id_text", "Do not end the contract at once: agree a remediation plan.")
    submit(expert, "button[value=answer]")
    expert.fill("#id_question_en", "Children work at our supplier: what should we do?")
    expert.fill("#id_answer_en", "Agree a remediation plan: school, and the lost income paid.")
    expert.fill("#id_question_nl", "Kinderen werken bij onze leverancier: wat moeten we doen?")
    expert.fill("#id_answer_nl", "Spreek een herstelplan af: school, en het gemiste inkomen.")
    submit(expert, "button[value=publish]")
    assert FaqEntry.objects.count() == 1

    company.goto(f"{base}/en/helpdesk/{question.pk}/")
    assert "agree a remediation plan" in company.content()

    public = browser.new_context(java_script_enabled=False).new_page()
    public.goto(base + reverse("knowledge:list") + "?q=children+supplier")
    assert "Children work at our supplier" in public.content()
    assert "Kestrel" not in public.content()
    with override("nl"):
        dutch = reverse("knowledge:list")
    public.goto(base + dutch + "?q=kinderen+leverancier")
    assert "Kinderen werken bij onze leverancier" in public.content()
    company.goto(base + dutch + "?q=kinderen+leverancier")  # axe needs script to run
    assert serious(company) == []
    company_context.close()
