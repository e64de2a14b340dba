"""Fixtures shared by every app's tests: English at the start of each test, a real Chromium
for page tests."""

import os
import shutil
import warnings

import pytest
from hypothesis import settings as hypothesis_settings

# Property-based tests (hypothesis, schemathesis) draw the same examples on every run, so that
# CI is repeatable and a red run means a change, not a lucky draw. To explore new examples:
# REMEDYHUB_HYPOTHESIS=explore make pytest (random seeds; a failure prints its reproduction).
hypothesis_settings.register_profile("repeatable", derandomize=True, print_blob=True)
hypothesis_settings.register_profile("explore", derandomize=False, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("REMEDYHUB_HYPOTHESIS", "repeatable"))

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# .ci/run sets this: in CI a missing browser is a failure, not a skip.
BROWSER_REQUIRED = os.environ.get("REMEDYHUB_REQUIRE_BROWSER") == "1"


@pytest.fixture(autouse=True)
def _source_language():
    """Every test starts in English. A request through the test client leaves its page's
    language active in the thread (LocaleMiddleware), which would otherwise leak into the next
    test that this worker runs and make its messages depend on the order of tests."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        message = "BROWSER TESTS NOT RUN: no Chromium found (apt-get install chromium)"
        if BROWSER_REQUIRED:
            pytest.fail(message + "; REMEDYHUB_REQUIRE_BROWSER=1 requires them")
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the
    # live server thread are unaffected, but Django's check must be told.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def scripted_page(browser):
    context = browser.new_context(java_script_enabled=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, logged in with both factors as the admin site requires."""
    from remedyhub.accounts.tests.helpers import verified_login

    verified_login(client, admin_user)
    return client


@pytest.fixture(autouse=True)
def _fresh_throttle_counters(request):
    """Throttling counters live in a database cache table that flush() does not empty: a test
    that commits (transactional_db, live_server) clears them before its database goes away."""
    committing = {"transactional_db", "live_server"} & set(request.fixturenames)
    if committing:
        request.getfixturevalue("transactional_db")
    yield
    if committing:
        from django.core.cache import caches

        from remedyhub.common.throttle import CACHE_ALIAS

        caches[CACHE_ALIAS].clear()
