"""Playwright (sync API) with Debian's Chromium against pytest-django's live server.

The whole folder is skipped, with the reason, when Chromium is not installed (PORTAL_CHROMIUM names
another binary). Never run ``playwright install``: the browser is the system's.
"""

import os

import pytest

from tests.browser.support import AXE_JS, CHROMIUM, CHROMIUM_ARGS, DESKTOP

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread with
# a running loop unless told that this is intended (the tests build their data in the same thread).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt install chromium, or set PORTAL_CHROMIUM)")
    if not AXE_JS.exists():
        pytest.skip(f"browser tests need axe-core at {AXE_JS} (run `npm ci`)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """``new_page(viewport=..., bypass_csp=...)`` opens a page in a fresh context (own cookies)."""
    contexts = []

    def open_page(viewport=DESKTOP, *, bypass_csp=True):
        # axe is injected as an inline <script>, which the site's CSP forbids: bypass the CSP for those pages.
        context = browser.new_context(viewport=viewport, locale="zh-CN", bypass_csp=bypass_csp)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
