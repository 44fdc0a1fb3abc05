"""The interface font: WOFF2 files split by unicode-range, loaded only for the characters a page shows."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

FONTS = Path(settings.BASE_DIR) / "static" / "fonts"
FONTS_CSS = Path(settings.BASE_DIR) / "static" / "css" / "fonts.css"
FAMILY = "Delaynote UI"
CJK_FILE = re.compile(r"/fonts/(ui-sc-[\w-]+)\.[0-9a-f]{12}\.woff2$")


def font_requests(page):
    """The interface font files the page asks for, by name without the hash: collected as it loads."""
    names = []
    page.on("request", lambda r: names.append(r.url.rsplit("/", 1)[1].split(".")[0]) if "/fonts/ui-" in r.url else None)
    return names


def open_in(new_context, live_server, language, url):
    context = new_context()
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page = context.new_page()
    requested = font_requests(page)
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    return page, requested


def rendered_families(page, selector):
    """The font families Chromium really drew the text of `selector` with (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return {font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


def fonts_check(page, selector, weight=400):
    return page.evaluate(
        "([selector, font]) => document.fonts.check(font, document.querySelector(selector).textContent)",
        [selector, f'{weight} 15px "{FAMILY}"'],
    )


def test_fonts_css_names_every_interface_font_file_and_only_those():
    css = FONTS_CSS.read_text(encoding="utf-8")
    named = set(re.findall(r'url\("\.\./fonts/([^"]+)"\)', css))
    shipped = {path.name for path in FONTS.glob("ui-*.woff2")}
    assert named == shipped
    assert {name.split(".")[0] for name in shipped} >= {
        "ui-latin-400",
        "ui-latin-700",
        "ui-sc-names-400",
        "ui-sc-1-400",
    }
    assert css.count("@font-face") == len(shipped) == css.count("unicode-range:")
    # A Latin page must never match a Chinese file: their ranges hold no Latin or general punctuation.
    for block in css.split("@font-face")[1:]:
        if "ui-sc-" in block:
            ranges = re.search(r"unicode-range: ([^;]+);", block)[1]
            assert all(int(r.split("-")[0][2:], 16) >= 0x3000 for r in ranges.split(",")), block[:120]


def test_hashed_font_files_are_served_cacheable_for_good():
    from whitenoise.middleware import WhiteNoiseMiddleware

    whitenoise = WhiteNoiseMiddleware(lambda request: None)
    name = next(FONTS.glob("ui-latin-400.*.woff2")).name
    assert whitenoise.immutable_file_test("", f"/static/fonts/{name}")
    assert not whitenoise.immutable_file_test("", "/static/css/app.css")


@pytest.mark.browser
def test_an_english_page_loads_no_chinese_text_font(new_context, live_server):
    page, requested = open_in(new_context, live_server, "en", "/accounts/login/")
    expect(page.locator("main h1")).to_be_visible()
    assert "ui-latin-400" in requested
    # Only the tiny file for 中文 in the footer and the language menu; no file of Chinese text.
    assert [name for name in requested if name.startswith("ui-sc-")] in ([], ["ui-sc-names-400"])
    assert next(FONTS.glob("ui-sc-names-400.*.woff2")).stat().st_size < 4_000
    assert rendered_families(page, "main h1") == {FAMILY}


@pytest.mark.browser
def test_a_chinese_page_uses_the_interface_font(new_context, live_server):
    page, requested = open_in(new_context, live_server, "zh-hans", "/")
    heading = page.locator("main h1")
    expect(heading).to_contain_text("期限")
    assert "ui-sc-1-400" in requested and "ui-sc-1-700" in requested
    every_chinese_file = {path.name.split(".")[0] for path in FONTS.glob("ui-sc-*.woff2")}
    assert len(set(requested) & every_chinese_file) < len(every_chinese_file) / 2, requested
    assert rendered_families(page, "main h1") == {FAMILY}
    assert rendered_families(page, "main .lead") == {FAMILY}
    assert fonts_check(page, "main h1", 700)
    assert fonts_check(page, "main .lead")


@pytest.mark.browser
def test_a_vietnamese_page_uses_the_interface_font(new_context, live_server):
    page, requested = open_in(new_context, live_server, "vi", "/")
    lead = page.locator("main .lead")
    expect(lead).to_contain_text("Tiếng Việt")
    assert re.search(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơư]", lead.inner_text())
    assert rendered_families(page, "main .lead") == {FAMILY}
    assert rendered_families(page, "main h1") == {FAMILY}
    assert fonts_check(page, "main .lead")
    assert fonts_check(page, "main h1", 700)


@pytest.mark.browser
def test_a_chinese_letter_in_the_app_is_drawn_with_the_shipped_font(new_context, live_server):
    from tests.factories import finalise, make_client, make_notice, make_user

    from .test_wizard import log_in

    owner = make_user("writer")
    client = make_client(owner, name="华远贸易有限公司", contact_person="王芳", language="zh-hans", country="CN")
    notice = finalise(make_notice(owner, client, language="zh-hans"))
    page = new_context().new_page()
    log_in(page, "writer")
    requested = font_requests(page)
    page.goto(f"/notices/{notice.pk}/preview/")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    expect(page.locator("article.letter")).to_contain_text("春季促销网站")
    assert any(name.startswith("ui-sc-") for name in requested)
    assert rendered_families(page, "article.letter") == {FAMILY}


def test_a_downloaded_page_names_only_system_fonts(client, db):
    from tests.factories import finalise, make_client, make_notice, make_user

    owner = make_user("writer")
    notice = finalise(make_notice(owner, make_client(owner, language="zh-hans"), language="zh-hans"))
    client.force_login(owner)
    page = client.get(f"/notices/{notice.pk}/download/html/")
    html = b"".join(page.streaming_content).decode() if page.streaming else page.content.decode()
    assert FAMILY not in html and "/static/" not in html
    preview = client.get(f"/notices/{notice.pk}/preview/").content.decode()
    assert '<link rel="stylesheet" href="/static/css/fonts.' in preview and f'"{FAMILY}"' in preview
