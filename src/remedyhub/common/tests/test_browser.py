"""The public pages in a real Chromium: accessibility (axe-core), weight, and keyboard use.

Pages are used with JavaScript off, as on many cheap phones and for anyone who disables it.
axe-core itself is JavaScript and hangs in a page where scripts are off, so the scan runs with
scripts on, on pages that are shown to carry no script of their own.
"""

import pytest

PAGES = [
    "/en/",
    "/nl/",
    "/fr/",
    "/en/how-it-works/",
    "/en/account/login/",
    "/en/facilities/",
    "/fr/sites/?q=gazipur",
    "/en/for-companies/",
    "/en/knowledge/",
    "/en/knowledge/faq/",
    "/en/risk-check/",
    "/nl/risicocheck/?sectors=garments_textile&countries=XX",  # an error summary
    "/en/events/",
    "/en/good-practices/",
    "/fr/accords/",
]
HOME_PAGE_BUDGET_BYTES = 60 * 1024

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_serious_accessibility_violations(live_server, scripted_page, path):
    from axe_playwright_python.sync_playwright import Axe

    page = scripted_page
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == 200
    assert page.locator("script").count() == 0, "public pages must not depend on JavaScript"
    result = Axe().run(page)
    serious = [
        (violation["id"], violation["impact"], len(violation["nodes"]))
        for violation in result.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.django_db(transaction=True)
def test_knowledge_pages_with_articles_have_no_serious_accessibility_violations(
    live_server, scripted_page
):
    from axe_playwright_python.sync_playwright import Axe

    from remedyhub.knowledge.services import articles_load
    from remedyhub.knowledge.tests.conftest import FIXTURES

    articles_load(folder=FIXTURES)
    page = scripted_page
    for path in (
        "/en/knowledge/child-labour-remediation/",
        "/fr/base-de-connaissances/child-labour-remediation/",  # shown in English, with a note
        "/nl/kennisbank/?q=leefbaar+loon&sector=garments_textile",
    ):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        assert page.locator("script").count() == 0, path
        violations = Axe().run(page).response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == [], path


def test_the_home_page_weighs_under_60_kb_with_everything_it_loads(live_server, page):
    sizes = {}

    def record(response):
        sizes[response.url] = len(response.body())

    page.on("response", record)
    page.goto(live_server.url + "/en/", wait_until="networkidle")
    assert any(url.endswith("site.css") for url in sizes), "the stylesheet should load"
    assert all(url.startswith(live_server.url) for url in sizes), "nothing from other sites"
    assert sum(sizes.values()) < HOME_PAGE_BUDGET_BYTES, sizes


def test_the_first_tab_reaches_a_visible_skip_link_to_the_content(live_server, page):
    page.goto(live_server.url + "/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(),"
        " document.activeElement.getBoundingClientRect().top]"
    )
    assert focused[0] == "Skip to main content"
    assert focused[1] >= 0, "the skip link must move into view when focused"
    page.keyboard.press("Enter")
    # Following the link is asynchronous in the browser: wait for it (fails after 5 s).
    page.wait_for_url("**/en/#main", timeout=5000)
    assert page.url.endswith("#main")


def test_switching_language_works_without_javascript(live_server, page):
    page.goto(live_server.url + "/en/how-it-works/")
    page.click("a[hreflang=fr]")
    assert page.url == live_server.url + "/fr/comment-ca-marche/"
    assert page.get_attribute("html", "lang") == "fr"
