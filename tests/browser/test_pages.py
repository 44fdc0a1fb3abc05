"""Known defects seen in the browser, kept as strict expected failures until they are fixed."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from ..factories import finalise, make_notice, make_user
from .test_wizard import log_in


@pytest.mark.browser
def test_pages_raise_no_content_security_policy_violations(new_context):
    user = make_user("csp")
    notice = make_notice(user)
    page = new_context(javascript=True).new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    log_in(page, "csp")
    page.goto(f"/notices/{notice.pk}/step/plan/")
    expect(page.locator("form.step-form")).to_be_visible()
    assert violations == []


@pytest.mark.browser
def test_the_finalised_line_ends_with_one_full_stop(new_context):
    user = make_user("stops")
    notice = finalise(make_notice(user))
    notice.finalised = dt.datetime(2026, 11, 22, 21, 40, tzinfo=dt.UTC)
    notice.save()
    page = new_context(javascript=True).new_page()
    log_in(page, "stops")
    page.goto(f"/notices/{notice.pk}/")
    line = page.locator("main .page-head p.muted")
    expect(line).to_contain_text("2026")
    assert not line.inner_text().strip().endswith("..")
