"""The error summary in a real browser: shown at the top, focused on load, its links focus the field."""

import pytest
from playwright.sync_api import expect

from ..factories import make_user
from .test_wizard import log_in


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False])
def test_the_error_summary_is_focused_and_links_to_the_fields(new_context, javascript):
    make_user("summary")
    page = new_context(javascript=javascript).new_page()
    log_in(page, "summary")
    page.goto("/profile/")
    page.fill("#id_name", "")
    page.fill("#id_email", "")
    page.click("form.card button[type=submit]")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary.locator("a[href='#id_name']")).to_be_visible()
    expect(page.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    if javascript:
        expect(summary).to_be_focused()
        summary.locator("a[href='#id_email']").click()
        expect(page.locator("#id_email")).to_be_focused()
