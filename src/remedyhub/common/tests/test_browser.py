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
]
HOME_PAGE_BUDGET_BYTES = 60 * 1024

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_serious_accessibility_violations(live_server, scripted_page, path):
    from axe_playwright_python.sync_playwright import Axe

    page = scripted_page
    page.goto(live_server.url + path)
    assert page.locator("script").count() == 0, "public pages must not depend on JavaScript"
    result = Axe().run(page)
    serious = [
        (violation["id"], violation["impact"], len(violation["nodes"]))
        for violation in result.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []


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
