"""A newcomer in a real Chromium, not logged in: from the home page to both agreements'
dashboards, with no serious accessibility violation (axe-core) and charts that render
without script."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_newcomer_reaches_both_dashboards_and_they_pass_axe(live_server, scripted_page):
    from axe_playwright_python.sync_playwright import Axe

    from remedyhub.demo.services import demo_data_load

    demo_data_load()
    page = scripted_page
    page.goto(live_server.url + "/en/")
    page.get_by_role("link", name="For companies").first.click()  # the newcomer's way in
    page.get_by_role("link", name="Sector agreements").first.click()
    page.get_by_role("link", name=re.compile(r"^Progress\W+European")).click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "European Garment and Textile Agreement (demo)"
    )
    for path in ("/en/agreements/european-textile/progress/", "/nl/convenanten/textile/voortgang/"):
        page.goto(live_server.url + path)
        assert page.locator("script").count() == 0
        charts = page.locator("figure.chart svg[role=img]")
        assert charts.count() >= 4
        assert charts.first.bounding_box()["width"] > 100
        assert page.locator("figure.chart table").count() == charts.count()
        serious = [
            (violation["id"], violation["impact"], len(violation["nodes"]))
            for violation in Axe().run(page).response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert serious == [], path
