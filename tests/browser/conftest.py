"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright's sync API keeps an asyncio loop running in the main thread, and Django refuses
ORM calls from a thread with a running loop; the tests only use the ORM for set-up and
checks between browser actions, so the async-safety check is turned off for them.
"""

import os
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 15_000
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for the browser tests of this package (closed after them)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)."
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, live_server, transactional_db):
    """Make a browser context (a separate cookie jar), with JavaScript on or off; closed after the test."""
    contexts = []

    def make(javascript=True):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=VIEWPORT,
            java_script_enabled=javascript,
            accept_downloads=True,
            locale="en-US",
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshots():
    """The folder the documentation screenshots are written to."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
