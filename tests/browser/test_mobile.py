"""Every page fits a phone: no horizontal scrolling at 360 and 390 px wide; screenshots at 390 px."""

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from composer.models import ExportJob

from ..factories import finalise, make_client, make_notice, make_user
from .conftest import TIMEOUT_MS
from .test_wizard import log_in

# Elements that reach past the right edge of the viewport, outside any box that scrolls or clips
# on its own (a wide table in a scrolling box is fine; the page itself scrolling sideways is not).
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let inside = false;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") { inside = true; break; }
    }
    if (!inside) found.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(box.right)}`);
  }
  return found.slice(0, 5);
}"""
# Text cut off by its own box (overflow hidden or an ellipsis), as long e-mail addresses were.
# (Visually hidden text is meant to be clipped; boxes that scroll cut nothing off.)
CUT_OFF = """() => [...document.querySelectorAll("main *")]
  .filter(el => el.children.length === 0 && el.textContent.trim() && !el.closest(".visually-hidden")
    && ["hidden", "clip"].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
  .map(el => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 40)}`)"""

LONG_EMAIL = "accounts-payable.department.international@bluebird-retail-holdings.example"
LONG_ADDRESS = "Unit 1204, Tower B, Bluebird International Commerce Centre, 1688 Huangpujiangbinxilu Road, Shanghai"


def phone(new_context, width, language="en", live_server=None):
    context = new_context()
    if language != "en":
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 740})
    return page


def assert_fits(page, width, name):
    page.wait_for_load_state("load")
    assert page.evaluate("getComputedStyle(document.documentElement).overflowX") == "visible", name
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, (
        f"{name}: the page is {scroll_width} px wide at {width} px: {page.evaluate(STICKING_OUT)}"
    )
    assert page.evaluate(STICKING_OUT) == [], name
    assert page.evaluate(CUT_OFF) == [], name


def shoot(page, screenshots, width, language, name):
    if (width, language) == (390, "en"):
        page.screenshot(path=str(screenshots / f"mobile-{name}-390.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.parametrize(("width", "language"), [(360, "en"), (390, "en"), (360, "vi"), (360, "zh-hans")])
def test_every_page_fits_a_phone(new_context, live_server, screenshots, width, language):
    user = make_user("phone", address="88 Nguyễn Huệ, Quận 1, Thành phố Hồ Chí Minh")
    client = make_client(user, email=LONG_EMAIL, address=LONG_ADDRESS, phone="+1 415 555 0100")
    draft = make_notice(user, client)
    final = finalise(make_notice(user, client, title="Q3 shipment of ceramic tableware for the autumn catalogue"))
    make_notice(user, make_client(user, name="Công ty TNHH Thương mại Sao Mai", language="vi"))
    job = ExportJob.objects.create(
        owner=user, notice_ids=[draft.pk, final.pk], total=2, done=1, state="running", heartbeat=timezone.now()
    )
    page = phone(new_context, width, language, live_server)

    for name, url in [("landing", "/"), ("login", "/accounts/login/"), ("signup", "/accounts/signup/")]:
        page.goto(url)
        assert_fits(page, width, name)
        shoot(page, screenshots, width, language, name)

    log_in(page, "phone")
    pages = [
        ("library", "/"),
        ("clients", "/clients/"),
        ("client", f"/clients/{client.pk}/"),
        ("client-edit", f"/clients/{client.pk}/edit/"),
        ("profile", "/profile/"),
        *[
            (f"step-{step}", f"/notices/{draft.pk}/step/{step}/")
            for step in ("commitment", "cause", "plan", "remedies", "style")
        ],
        ("review", f"/notices/{draft.pk}/step/review/"),
        ("notice", f"/notices/{final.pk}/"),
        ("insights", "/insights/"),
        ("account-data", "/account/data/"),
        ("export", f"/exports/{job.pk}/"),
    ]
    for name, url in pages:
        page.goto(url)
        assert_fits(page, width, name)
        if name == "client":
            expect(page.locator("main .facts")).to_contain_text(LONG_EMAIL)
        if name == "review":
            frame = page.locator("iframe.letter-frame")
            expect(frame).to_be_visible()
            box = frame.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"review: the letter is {box}"
            letter = page.frame_locator("iframe.letter-frame").locator("body")
            expect(letter).to_contain_text("Spring campaign website", timeout=TIMEOUT_MS)
            inner = frame.evaluate("f => f.contentDocument.documentElement.scrollWidth - f.clientWidth")
            assert inner <= 1, f"review: the letter scrolls sideways by {inner} px"
        shoot(page, screenshots, width, language, name)


@pytest.mark.browser
def test_the_library_is_a_list_of_cards_on_a_phone(new_context):
    user = make_user("cards")
    make_notice(user)
    finalise(make_notice(user, title="Q3 shipment of ceramic tableware"))
    page = phone(new_context, 390)
    log_in(page, "cards")
    row = page.locator("main table tbody tr").first
    expect(row).to_be_visible()
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    labels = row.locator("td[data-label]")
    assert labels.count() >= 2
    label = labels.nth(1).evaluate("td => getComputedStyle(td, '::before').content")
    assert label.strip('"') == labels.nth(1).get_attribute("data-label")


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_notice_actions_are_on_the_first_screen(new_context, width):
    user = make_user("actions")
    notice = finalise(make_notice(user))
    page = phone(new_context, width)
    log_in(page, "actions")
    page.goto(f"/notices/{notice.pk}/")
    bar = page.locator("main .notice-main-actions")
    expect(bar).to_be_visible()
    assert bar.bounding_box()["y"] < 740
    expect(bar.get_by_role("link", name="PDF")).to_be_visible()


@pytest.mark.browser
def test_on_a_phone_the_filters_fold_away_and_the_notices_come_first(new_context):
    user = make_user("folded")
    for n in range(3):
        finalise(make_notice(user, title=f"Shipment {n + 1} of ceramic tableware"))
    page = phone(new_context, 390)
    log_in(page, "folded")
    first = page.locator("main table tbody tr").first
    expect(first).to_be_visible()
    assert first.bounding_box()["y"] < 700, "the first notice should be on the first screen"
    status = page.locator("#id_status")
    expect(status).to_be_hidden()
    expect(page.locator("#id_q")).to_be_visible()
    page.locator(".more-filters > summary").click()
    expect(status).to_be_visible()
    # A page opened with a filter in use keeps the filters open, with their count on the summary.
    page.goto("/?language=en&status=final")
    expect(page.locator("#id_language")).to_be_visible()
    expect(page.locator(".more-filters .filter-count")).to_have_text("2")
    # On a wide screen they are simply there, without a summary to open.
    wide = phone(new_context, 1280)
    log_in(wide, "folded")
    expect(wide.locator("#id_status")).to_be_visible()
    expect(wide.locator(".more-filters > summary")).to_be_hidden()
