"""Accessibility in a real browser: axe-core over every page in the three interface languages, the
skip link, visible focus, charts without controls inside, and no Content-Security-Policy errors."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from composer.models import ExportJob

from ..factories import finalise, make_client, make_notice, make_user
from .test_wizard import log_in

LANGUAGES = ["en", "zh-hans", "vi"]
STEPS = ["commitment", "cause", "plan", "remedies", "style", "review"]


def every_page(user):
    """Every page of the app a signed-in user sees, with data in it."""
    client = make_client(user, phone="+1 415 555 0100", address="200 Market Street\nSan Francisco, CA 94105")
    draft = make_notice(user, client)
    final = finalise(make_notice(user, client, title="Q3 shipment of ceramic tableware"))
    make_notice(user, make_client(user, name="Công ty TNHH Thương mại Sao Mai", language="vi"))
    job = ExportJob.objects.create(
        owner=user, notice_ids=[draft.pk, final.pk], total=2, done=1, state="running", heartbeat=timezone.now()
    )
    return [
        ("library", "/"),
        ("clients", "/clients/"),
        ("client", f"/clients/{client.pk}/"),
        ("client-edit", f"/clients/{client.pk}/edit/"),
        ("profile", "/profile/"),
        *[(f"step-{step}", f"/notices/{draft.pk}/step/{step}/") for step in STEPS],
        ("notice", f"/notices/{final.pk}/"),
        ("insights", "/insights/"),
        ("account-data", "/account/data/"),
        ("export", f"/exports/{job.pk}/"),
    ]


def in_language(new_context, live_server, language):
    context = new_context(javascript=True)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if m.type in ("error", "warning") or "Security" in m.text else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page, problems


FIRST_FOCUSABLE = """() => {
  const el = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]")]
    .find(el => el.tabIndex >= 0 && !el.disabled && getComputedStyle(el).visibility !== "hidden");
  return el ? el.className || el.tagName : null;
}"""


def violations(results):
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(
            " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
            for node in v["nodes"][:4]
        )
        for v in results.response["violations"]
    ]


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_on_any_page(new_context, live_server, language):
    axe = Axe()
    user = make_user(f"axe-{language}")
    make_user(f"empty-{language}")
    pages = every_page(user)
    page, problems = in_language(new_context, live_server, language)
    found = {}

    def check(name, url):
        page.goto(url)
        page.wait_for_load_state("load")
        expect(page.locator("html")).to_have_attribute("lang", {"zh-hans": "zh-Hans"}.get(language, language))
        found[name] = violations(axe.run(page))
        if page.evaluate(FIRST_FOCUSABLE) != "skip-link":
            found[name].append(f"the first focusable element is {page.evaluate(FIRST_FOCUSABLE)}")

    for name, url in [
        ("landing", "/"),
        ("login", "/accounts/login/"),
        ("signup", "/accounts/signup/"),
        ("password-reset", "/accounts/password/reset/"),
    ]:
        check(name, url)
    log_in(page, f"empty-{language}")
    check("library-empty", "/")
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(page, f"axe-{language}")
    for name, url in pages:
        check(name, url)
    assert {name: v for name, v in found.items() if v} == {}
    csp = [p for p in problems if "Content Security Policy" in p or "Content-Security-Policy" in p]
    assert csp == []


@pytest.mark.browser
def test_the_skip_link_comes_first_and_leads_to_the_content(new_context):
    user = make_user("skipper")
    notice = make_notice(user)
    page = new_context(javascript=True).new_page()
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_class("skip-link")
    expect(skip).to_be_visible()
    log_in(page, "skipper")
    page.goto(f"/notices/{notice.pk}/step/cause/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("href", "#content")
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_id("content")
    # The next Tab lands inside the content, not in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('content').contains(document.activeElement)")


# The outline of the focused element and the colour behind it, as [r, g, b] lists.
FOCUS_RING = """el => {
  const style = getComputedStyle(el);
  const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
  let back = el.parentElement, colour = [255, 255, 255];
  while (back) {
    const b = rgb(getComputedStyle(back).backgroundColor);
    if (b.length === 3 || (b.length === 4 && b[3] > 0)) { colour = b.slice(0, 3); break; }
    back = back.parentElement;
  }
  return {style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: rgb(style.outlineColor), back: colour};
}"""


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.browser
def test_every_control_shows_a_focus_ring_of_three_to_one(new_context):
    user = make_user("focus")
    notice = make_notice(user)
    page = new_context(javascript=True).new_page()
    log_in(page, "focus")
    page.goto(f"/notices/{notice.pk}/step/cause/")
    expect(page.locator("form.step-form")).to_be_visible()
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        ring = page.evaluate("document.activeElement === document.body ? null : 1")
        if ring is None:
            continue
        element = page.locator(":focus")
        kind = element.evaluate("el => el.tagName.toLowerCase() + (el.type ? ':' + el.type : '')")
        ring = element.evaluate(FOCUS_RING)
        assert ring["style"] not in ("none", "") and ring["width"] >= 2, (kind, ring)
        assert contrast(ring["colour"], ring["back"]) >= 3, (kind, ring)
        seen.add(kind)
    assert {"a", "button:submit", "input:radio", "textarea:textarea"} <= seen, seen


@pytest.mark.browser
def test_the_insights_charts_hold_no_controls(new_context):
    user = make_user("charts")
    make_notice(user)
    finalise(make_notice(user, title="Q3 shipment"))
    page = new_context(javascript=True).new_page()
    log_in(page, "charts")
    page.goto("/insights/")
    expect(page.locator("svg.hbars").first).to_be_visible()
    expect(page.locator("svg a, svg button, svg [tabindex], svg input")).to_have_count(0)
    for svg in page.locator("main svg").all():
        expect(svg).to_have_attribute("role", "img")
    expect(page.locator(".chart-links a").first).to_be_visible()
