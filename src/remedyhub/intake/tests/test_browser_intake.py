"""A reporter files in a real Chromium, with and without JavaScript, and follows up.

Also: every page of the way passes axe-core with no serious or critical violation and weighs
under 60 KB with everything it loads.
"""

import io
import re

import pytest
from PIL import Image

from remedyhub.intake.models import Attachment, Complaint, Message
from remedyhub.intake.services import attachment_read
from remedyhub.intake.tests.conftest import jpeg_with_gps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_BUDGET_BYTES = 60 * 1024
RECEIPT = re.compile(r"\d{4} \d{4} \d{4} \d{4}")


def submit(page, selector):
    """Click a button that sends a form, and wait for the answer page to load.

    Reading the page right after a click could still see the old one on a busy machine.
    """
    with page.expect_navigation():
        page.click(selector)


def continue_(page):
    submit(page, "button[value=next]")


def file_a_complaint(page, base, photo_path, on_each_page=lambda page: None):
    page.goto(base + "/en/report/")
    on_each_page(page)
    submit(page, "form button[type=submit]")
    # What happened
    on_each_page(page)
    page.fill("#id_description", "They lock the fire exit during the night shift.")
    page.check("input[value=health_and_safety]")
    continue_(page)
    # Where
    on_each_page(page)
    page.select_option("#id_country", "BD")
    page.fill("#id_site_name", "Example Garments")
    continue_(page)
    for _step in ("when", "affected"):
        on_each_page(page)
        continue_(page)
    # About you
    on_each_page(page)
    page.check("input[name=reporter_type][value=affected_person]")
    page.check("input[name=on_behalf_of_others][value=no]")
    continue_(page)
    # Name and contact: anonymous is the default
    on_each_page(page)
    assert page.is_checked("input[name=anonymous][value=yes]")
    continue_(page)
    # Files
    on_each_page(page)
    page.set_input_files("#id_files", str(photo_path))
    submit(page, "button[value=upload]")
    assert "IMG_2041" in page.content()
    continue_(page)
    # Check and send
    on_each_page(page)
    submit(page, "button[value=send]")
    on_each_page(page)
    code = RECEIPT.search(page.inner_text(".receipt-code")).group(0)
    page.check("#kept")
    submit(page, "main form button[type=submit]")
    # Follow-up
    on_each_page(page)
    page.fill("#id_receipt", code)
    submit(page, "main form button[type=submit]")
    on_each_page(page)
    assert "Received" in page.content()
    page.fill("#id_body", "The exit was locked again yesterday.")
    submit(page, "button[value=reply]")
    assert "Sent. Thank you." in page.content()
    return code


@pytest.fixture
def photo_path(tmp_path):
    path = tmp_path / "IMG_2041.jpg"
    path.write_bytes(jpeg_with_gps())
    return path


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_an_anonymous_reporter_files_with_a_photo_and_replies(
    live_server, browser, photo_path, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    try:
        file_a_complaint(page, live_server.url, photo_path)
    finally:
        context.close()
    complaint = Complaint.objects.get()
    assert complaint.anonymous and complaint.country == "BD"
    reply = complaint.messages.get(sender=Message.Sender.REPORTER)
    assert reply.body == "The exit was locked again yesterday."
    stored = attachment_read(Attachment.objects.get(complaint=complaint))
    image = Image.open(io.BytesIO(stored))
    assert not image.getexif()
    assert "exif" not in image.info
    assert b"ExampleCam" not in stored and b"GPS" not in stored


def test_every_page_of_the_way_is_accessible_and_light(live_server, scripted_page, photo_path):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    findings = {}
    weights = {}
    stylesheet = {}

    def record(response):
        if response.url.endswith(".css"):
            stylesheet[response.url] = len(response.body())

    scripted_page.on("response", record)

    def check(page, label=""):
        path = page.url.replace(live_server.url, "") + label
        assert page.locator("script").count() == 0, path
        result = axe.run(page)
        findings[path] = [
            (violation["id"], violation["impact"])
            for violation in result.response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        # The HTML plus everything it loads (one stylesheet, cached after the first page but
        # counted on every page, as a first visit would load it).
        weights[path] = len(page.content().encode()) + sum(stylesheet.values())

    file_a_complaint(scripted_page, live_server.url, photo_path, on_each_page=check)
    # Pages with errors too: an empty first step, and a wrong receipt code.
    page = scripted_page
    page.goto(live_server.url + "/en/report/")
    submit(page, "form button[type=submit]")
    continue_(page)
    assert page.locator("#id_description_error").count() == 1
    check(page, " (with an error)")
    page.goto(live_server.url + "/en/follow-up/")
    page.fill("#id_receipt", "1234")
    submit(page, "main form button[type=submit]")
    assert page.locator("#id_receipt_error").count() == 1
    check(page, " (with an error)")
    assert len(findings) >= 12
    assert {path: found for path, found in findings.items() if found} == {}
    assert max(weights.values()) < PAGE_BUDGET_BYTES, weights
