"""The wizard in a real browser: sign up, a client, six steps, finalise, the PDF; JavaScript on and off."""

import datetime as dt
import re
from urllib.parse import urlparse

import holidays
import pytest
from babel.dates import format_date
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect
from pypdf import PdfReader

from composer.models import Client, Notice, Profile

from ..factories import PASSWORD, make_notice, make_user

HTML_LANG = {"en": "en", "zh-hans": "zh-Hans", "vi": "vi"}
STEPS = ["commitment", "cause", "plan", "remedies", "style", "review"]

# One run per interface language; the client, the sender and the notice are written in that language too.
CASES = {
    "en": {
        "client": {
            "name": "Bluebird Retail Inc.",
            "contact_person": "Laura Collins",
            "contact_title": "Marketing Director",
            "honorific": "ms",
            "email": "laura@bluebird.example",
            "phone": "+1 415 555 0142",
            "address": "200 Market Street\nSan Francisco, CA 94105",
            "country": "US",
            "language": "en",
            "notes": "Prefers email before noon.",
        },
        "profile": {"name": "Emily Carter", "title": "Project Manager", "organization": "Northwind Studio Ltd"},
        "profile_extra": {"city": "Boston", "name_en": "Emily Carter"},
        "title": "Spring campaign website",
        "reference": "SOW-118",
        "needed_for": "the spring sale launch",
        "explanation": "A database migration failed and had to be rebuilt.",
        "milestone": "Migration rerun on staging",
        "measures": "We now rehearse every migration on a copy first.",
        "channel": "letter",
        # How the letter names the contact: the inside address of a US letter carries the full name.
        "addressed": "Laura Collins",
        "other": "vi",
        # What the review asks for when the notice switches to the other language.
        "translations": {
            "commitment.title": "Website chiến dịch mùa xuân",
            "commitment.needed_for": "đợt ra mắt khuyến mãi mùa xuân",
            "cause.explanation": "Một lần chuyển đổi cơ sở dữ liệu bị lỗi và phải làm lại.",
            "plan.milestones[0].description": "Chạy lại việc chuyển đổi dữ liệu trên máy thử nghiệm",
            "plan.measures": "Từ nay chúng tôi chạy thử mỗi lần chuyển đổi trên một bản sao trước.",
            "sender.title": "Quản lý dự án",
            "recipient.title": "Giám đốc Marketing",
        },
    },
    "zh-hans": {
        "client": {
            "name": "上海明远贸易有限公司",
            "contact_person": "王建国",
            "contact_title": "采购经理",
            "honorific": "mr",
            "email": "wang@mingyuan.example",
            "phone": "021-6288 1234",
            "address": "上海市静安区南京西路1266号",
            "country": "CN",
            "language": "zh-hans",
            "notes": "请先电话联系。",
        },
        "profile": {"name": "Chen Siyuan", "title": "外贸部经理", "organization": "Haichen Trading"},
        "profile_extra": {"city": "宁波", "name_zh": "陈思远", "organization_zh": "宁波海晨进出口有限公司"},
        "title": "第二批不锈钢保温杯",
        "reference": "PO-2026-0457",
        "needed_for": "元旦促销备货",
        "explanation": "杯盖注塑件的供应商模具出现故障，交货推迟了九天。",
        "milestone": "杯盖到厂并完成来料检验",
        "measures": "我们已为杯盖增加第二家合格供应商。",
        "channel": "letter",
        # A Chinese 函 from an organisation to a company is addressed to the company.
        "addressed": "上海明远贸易有限公司：",
        "other": "en",
        "translations": {
            "commitment.title": "Second batch of stainless steel travel mugs",
            "commitment.needed_for": "the New Year promotion stock",
            "cause.explanation": "The mould at our lid supplier broke down, which held up delivery by nine days.",
            "plan.milestones[0].description": "Lids at our factory and inspected",
            "plan.measures": "We have added a second approved supplier for the lids.",
            "sender.title": "Export Sales Manager",
            "recipient.title": "Purchasing Manager",
        },
    },
    "vi": {
        "client": {
            "name": "Công ty Cổ phần Thương mại Hoa Sen",
            "contact_person": "Nguyễn Thu Hà",
            "contact_title": "Giám đốc Kinh doanh",
            "honorific": "ms",
            "email": "ha@hoasen.example",
            "phone": "028 3822 1234",
            "address": "12 Nguyễn Huệ, Quận 1, TP. Hồ Chí Minh",
            "country": "VN",
            "language": "vi",
            "notes": "Gửi bản PDF qua email.",
        },
        "profile": {"name": "Tran Minh Duc", "title": "Quản lý dự án", "organization": "Vela Digital"},
        "profile_extra": {"city": "Hà Nội", "name_vi": "Trần Minh Đức", "organization_vi": "Công ty TNHH Vela Digital"},
        "title": "Website thương mại điện tử",
        "reference": "HĐ-2026/118",
        "needed_for": "đợt khuyến mãi Tết",
        "explanation": "Cổng thanh toán đã đổi API nên chúng tôi phải làm lại phần tích hợp.",
        "milestone": "Tích hợp API mới",
        "measures": "Kiểm thử tự động cho cổng thanh toán.",
        # A formal Vietnamese email greets the contact by pronoun and given name: Kính gửi bà Hà.
        "channel": "email",
        "addressed": "Kính gửi bà Hà,",
        # Printed, it is a công văn to the company, naming the contact beneath.
        "printed": "Kính gửi: Công ty Cổ phần Thương mại Hoa Sen",
        "other": "zh-hans",
        "translations": {
            "commitment.title": "电子商务网站",
            "commitment.needed_for": "春节促销活动",
            "cause.explanation": "支付网关更改了接口，我们必须重新做对接。",
            "plan.milestones[0].description": "完成新接口对接",
            "plan.measures": "我们会为支付网关增加自动化测试。",
            "sender.title": "项目经理",
            "recipient.title": "销售总监",
        },
    },
}


def written_date(date, language):
    """A date as the notice writes it inside a sentence."""
    if language == "vi":
        return date.strftime("%d/%m/%Y")
    if language == "zh-hans":
        return format_date(date, "long", locale="zh_Hans")
    return format_date(date, "MMMM d", locale="en_US")  # the year only where it is not this one


def deadlines():
    """Original deadline in 10 days, a milestone in 20, the new deadline 40 days out moved to a working day.

    The new deadline avoids weekends and the public holidays of all three clients' countries, so
    the coach has nothing to say about it whichever day the tests run.
    """
    today = timezone.localdate()
    new = today + dt.timedelta(days=40)
    days_off = [holidays.country_holidays(country, years=[new.year, new.year + 1]) for country in ("US", "CN", "VN")]
    while new.weekday() >= 5 or any(new in calendar for calendar in days_off):
        new += dt.timedelta(days=1)
    return today + dt.timedelta(days=10), new, today + dt.timedelta(days=20)


def compact(text):
    return re.sub(r"\s+", "", text)


def path_is(path):
    return lambda url: urlparse(url).path == path


def path_matches(pattern):
    return lambda url: re.fullmatch(pattern, urlparse(url).path) is not None


def check_page(page, language, javascript):
    """The interface is in `language`, and the enhancement class is there only with JavaScript."""
    html = page.locator("html")
    expect(html).to_have_attribute("lang", HTML_LANG[language])
    expect(page.locator("#ui-language")).to_have_value(language)
    if javascript:
        expect(html).to_have_class(re.compile(r"\bjs\b"))
    else:
        expect(html).not_to_have_class(re.compile(r"\bjs\b"))


def check_step(page, notice_id, name):
    assert urlparse(page.url).path == f"/notices/{notice_id}/step/{name}/"
    number = STEPS.index(name) + 1
    expect(page.locator("nav.steps li.current .num")).to_have_text(str(number))
    expect(page.locator("nav.steps li.current [aria-current=step]")).to_have_count(1)


def step_button(page, action):
    """The step form's button for `action` (not the hidden default button that Enter presses)."""
    return page.locator(f"form.step-form button[name=action][value='{action}']:not([aria-hidden=true])")


def move(page, notice_id, action, target):
    """Press Next/Back in the step form and wait for the target step's page."""
    step_button(page, action).click()
    page.wait_for_url(path_is(f"/notices/{notice_id}/step/{target}/"))
    check_step(page, notice_id, target)


def add_row(page, javascript, row_selector):
    """Press the step's "add" button; with JavaScript the row comes in by htmx, without a page load."""
    if javascript:
        page.evaluate("window.__sameDocument = 'yes'")
    step_button(page, "add").click()
    expect(page.locator(row_selector)).to_be_visible()
    if javascript:
        assert page.evaluate("window.__sameDocument") == "yes", "the add button reloaded the page"


def switch_interface_language(page, language, javascript):
    select = page.locator("#ui-language")
    switch = page.locator("form.langswitch button[type=submit]")
    if javascript:
        expect(switch).to_be_hidden()
        with page.expect_navigation():
            select.select_option(language)
    else:
        expect(switch).to_be_visible()
        select.select_option(language)
        with page.expect_navigation():
            switch.click()
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[language])


def log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(path_is("/"))
    expect(page.locator("header .account .who")).to_have_text(username)


def choose_review_language(page, language, javascript):
    """Pick the notice language above the review: htmx sends it on change, without JavaScript a button does."""
    select = page.locator(".review-controls select[name=language]")
    apply = page.locator(".review-controls button[type=submit]")
    if javascript:
        expect(apply).to_be_hidden()
        select.select_option(language)
    else:
        expect(apply).to_be_visible()
        select.select_option(language)
        with page.expect_navigation():
            apply.click()


def letter_in(page):
    return page.frame_locator("iframe.letter-frame").locator("article.letter")


RUNS = [
    pytest.param(language, javascript, id=f"{language}-{'js' if javascript else 'nojs'}")
    for language in ("en", "zh-hans", "vi")
    for javascript in (True, False)
]


@pytest.mark.browser
@pytest.mark.parametrize(("language", "javascript"), RUNS)
def test_a_notice_from_sign_up_to_the_pdf(new_context, screenshots, language, javascript):
    case = CASES[language]
    original, new, milestone = deadlines()
    shoot_steps = language == "en" and javascript
    username = f"user-{language}-{'js' if javascript else 'nojs'}"
    page = new_context(javascript).new_page()
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))

    def shot(name):
        page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)

    # The interface language, chosen before signing up, is kept by the language cookie.
    page.goto("/accounts/signup/")
    switch_interface_language(page, language, javascript)
    check_page(page, language, javascript)
    assert urlparse(page.url).path == "/accounts/signup/"

    # Sign up, then tell who signs the notices.
    page.fill("#id_username", username)
    page.fill("#id_email", f"{username}@northwind.example")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(path_is("/profile/"))
    check_page(page, language, javascript)
    expect(page.locator(".messages .message.success")).to_have_count(1)
    for name, value in (case["profile"] | case["profile_extra"]).items():
        page.fill(f"#id_{name}", value)
    page.select_option("#id_language", language)
    with page.expect_navigation():
        page.locator("main form.card button[type=submit]").click()
    expect(page.locator(".messages .message.success")).to_have_count(1)
    expect(page.locator("#id_name")).to_have_value(case["profile"]["name"])
    assert Profile.objects.get(user__username=username).name == case["profile"]["name"]

    # A client, through the client form.
    page.locator("header nav a[href='/clients/']").click()
    page.wait_for_url(path_is("/clients/"))
    page.locator("main a[href='/clients/new/']").click()
    page.wait_for_url(path_is("/clients/new/"))
    check_page(page, language, javascript)
    client_data = case["client"]
    for name, value in client_data.items():
        if name in ("honorific", "language", "country"):
            page.select_option(f"#id_{name}", value)
        else:
            page.fill(f"#id_{name}", value)
    page.locator("main form.card button[type=submit]").click()
    page.wait_for_url(path_matches(r"/clients/\d+/"))
    client_id = int(urlparse(page.url).path.split("/")[2])
    client = Client.objects.get(pk=client_id)
    assert (client.name, client.contact_person, client.language) == (
        client_data["name"],
        client_data["contact_person"],
        language,
    )
    expect(page.locator("main h1")).to_have_text(client_data["name"])
    expect(page.locator("dl.facts")).to_contain_text(client_data["contact_person"])

    # A notice from the client's page.
    page.locator(f"main form[action='/notices/new/']:has(input[name=client][value='{client_id}']) button").click()
    page.wait_for_url(path_matches(r"/notices/\d+/step/commitment/"))
    notice_id = int(urlparse(page.url).path.split("/")[2])
    notice = Notice.objects.get(pk=notice_id)
    assert (notice.client_id, notice.language) == (client_id, language)

    # 1. Commitment.
    check_step(page, notice_id, "commitment")
    check_page(page, language, javascript)
    expect(page.locator(".wizard-head .eyebrow")).to_contain_text(client_data["name"])
    expect(page.locator("#id_client")).to_have_value(str(client_id))
    page.select_option("#id_subkind", "project")
    page.fill("#id_title", case["title"])
    page.fill("#id_reference", case["reference"])
    page.fill("#id_original_deadline", original.isoformat())
    page.fill("#id_needed_for", case["needed_for"])
    if shoot_steps:
        shot("1-commitment")
    move(page, notice_id, "next", "cause")

    # 2. Cause.
    check_page(page, language, javascript)
    page.check("input[name=category][value=technical]")
    page.check("input[name=responsibility][value=ours]")
    page.fill("#id_explanation", case["explanation"])
    if shoot_steps:
        shot("2-cause")
    move(page, notice_id, "next", "plan")

    # 3. New date and plan, with one milestone added by the add button.
    check_page(page, language, javascript)
    expect(page.locator("input[name='m-TOTAL_FORMS']")).to_have_value("0")
    page.fill("#id_new_deadline", new.isoformat())
    page.fill("#id_measures", case["measures"])
    page.select_option("#id_cadence", "weekly")
    page.select_option("#id_weekday", "2")
    add_row(page, javascript, "#id_m-0-date")
    expect(page.locator("input[name='m-TOTAL_FORMS']")).to_have_value("1")
    expect(page.locator("#id_new_deadline")).to_have_value(new.isoformat())
    expect(page.locator("form.step-form .errorlist")).to_have_count(0)
    page.fill("#id_m-0-date", milestone.isoformat())
    page.fill("#id_m-0-description", case["milestone"])
    if shoot_steps:
        shot("3-plan")
    move(page, notice_id, "next", "remedies")

    # 4. Remedies: a 10 % discount added by the add button.
    check_page(page, language, javascript)
    add_row(page, javascript, "#id_r-0-kind")
    page.select_option("#id_r-0-kind", "discount")
    page.fill("#id_r-0-percent", "10")
    if shoot_steps:
        shot("4-remedies")

    # Back once: the plan keeps its answers, and the remedy is kept too.
    move(page, notice_id, "back", "plan")
    expect(page.locator("#id_new_deadline")).to_have_value(new.isoformat())
    expect(page.locator("#id_m-0-date")).to_have_value(milestone.isoformat())
    expect(page.locator("#id_m-0-description")).to_have_value(case["milestone"])
    expect(page.locator("#id_measures")).to_have_value(case["measures"])
    expect(page.locator("#id_cadence")).to_have_value("weekly")
    expect(page.locator("#id_weekday")).to_have_value("2")
    move(page, notice_id, "next", "remedies")
    expect(page.locator("#id_r-0-kind")).to_have_value("discount")
    expect(page.locator("#id_r-0-percent")).to_have_value(re.compile(r"^10(\.0)?$"))
    move(page, notice_id, "next", "style")

    # 5. Language, tone and channel: the notice language is the client's.
    check_page(page, language, javascript)
    expect(page.locator("#id_language")).to_have_value(language)
    page.check("input[name=tone][value=formal]")
    page.check(f"input[name=channel][value={case['channel']}]")
    if shoot_steps:
        shot("5-style")
    move(page, notice_id, "next", "review")

    # 6. Review: the letter shows the new date as the notice language writes it.
    check_page(page, language, javascript)
    frame = page.locator("iframe.letter-frame")
    expect(frame).to_have_attribute("src", re.compile(rf"^/notices/{notice_id}/preview/\?language={language}\b"))
    letter = letter_in(page)
    expect(letter).to_contain_text(written_date(new, language))
    expect(letter).to_contain_text(written_date(original, language))
    expect(letter).to_contain_text(case["addressed"])
    expect(page.locator(".review-controls select[name=language]")).to_have_value(language)
    expect(page.locator(".coach .finding").first).to_be_visible()
    assert page.locator(".coach .finding").count() >= 5
    expect(page.locator("details.edit summary")).to_be_visible()
    expect(page.locator("form.finalise button[type=submit]")).to_be_visible()
    if javascript:
        if shoot_steps:
            shot("6-review")
        elif language in ("zh-hans", "vi"):
            shot(f"review-{language}")

    # Another notice language in the review select changes the letter in the frame; then back again.
    # The other language lacks the user's words: the review asks for exactly those, beside the originals.
    other = case["other"]
    choose_review_language(page, other, javascript)
    panel = page.locator("form.translations")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text(case["explanation"])
    asked = sorted(
        name.removeprefix("text:") for name in panel.locator("textarea").evaluate_all("els => els.map(e => e.name)")
    )
    assert asked == sorted(case["translations"]), asked
    for path, text in case["translations"].items():
        panel.locator(f'textarea[name="text:{path}"]').fill(text)
    with page.expect_navigation():
        panel.locator("button[type=submit]").click()
    expect(page.locator("form.translations")).to_have_count(0)
    if javascript:
        page.evaluate("window.__sameDocument = 'yes'")
    for shown in (other, language):
        if shown != other:
            choose_review_language(page, shown, javascript)
        expect(page.locator(".review-controls select[name=language]")).to_have_value(shown)
        expect(page.locator("iframe.letter-frame")).to_have_attribute("src", re.compile(rf"language={shown}\b"))
        expect(letter_in(page)).to_contain_text(written_date(new, shown))
    expect(letter_in(page)).to_contain_text(case["explanation"][1:12])
    if javascript:
        assert page.evaluate("window.__sameDocument") == "yes", "the review select reloaded the page"

    # Finalise: a confirmation naming what the coach still flags, then the notice page in the notice's language.
    page.locator("form.finalise button[type=submit]").click()
    page.wait_for_url(path_is(f"/notices/{notice_id}/finalise/"))
    check_page(page, language, javascript)
    page.locator(f"main form[action='/notices/{notice_id}/finalise/'] button[type=submit]").click()
    page.wait_for_url(path_is(f"/notices/{notice_id}/"))
    check_page(page, language, javascript)
    expect(page.locator("main h1 .status-badge.final")).to_be_visible()
    expect(letter_in(page)).to_contain_text(written_date(new, language))
    expect(page.locator(f"main a[href='/notices/{notice_id}/send/']").first).to_be_visible()
    for fmt in ("pdf", "eml", "txt", "html", "chat"):
        expect(page.locator(f".downloads a[href='/notices/{notice_id}/download/{fmt}/']")).to_be_visible()
    if shoot_steps:
        shot("7-notice")
    notice.refresh_from_db()
    assert (notice.status, notice.language) == (Notice.Status.FINAL, language)

    # The PDF, a printed letter whatever the channel: the reader as the letter addresses them, and the new date.
    with page.expect_download(timeout=60_000) as download_info:
        page.locator(f".notice-main-actions a[href='/notices/{notice_id}/download/pdf/']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(f"-{language}.pdf")
    reader = PdfReader(download.path())
    text = compact("\n".join(p.extract_text() for p in reader.pages))
    assert compact(case.get("printed", case["addressed"])) in text
    assert compact(written_date(new, language)) in text
    assert script_errors == []


def open_step_in_two_tabs(context, username, notice, name):
    first = context.new_page()
    log_in(first, username)
    url = f"/notices/{notice.pk}/step/{name}/"
    first.goto(url)
    second = context.new_page()
    second.goto(url)
    return first, second


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_step_saved_in_another_tab_asks_before_overwriting(new_context, javascript):
    user = make_user("twotabs")
    notice = make_notice(user)
    first, second = open_step_in_two_tabs(new_context(javascript), "twotabs", notice, "cause")

    first.fill("#id_explanation", "The first tab's explanation.")
    step_button(first, "save").click()
    expect(first.locator(".messages .message.success")).to_have_count(1)
    notice.refresh_from_db()
    assert notice.answers["cause"]["explanation"] == {"en": "The first tab's explanation."}

    second.fill("#id_explanation", "The second tab's explanation.")
    step_button(second, "next").click()
    warning = second.locator("form.step-form .alert.warning")
    expect(warning).to_be_visible()
    # With JavaScript the click's autosave shows the alert first; the Next it queued then answers with
    # the form again. A person reads before clicking: wait until both have answered.
    second.wait_for_load_state("networkidle")
    keep_mine = warning.locator("button[name=overwrite]")
    expect(keep_mine).to_be_visible()
    expect(warning.locator(f"a[href='/notices/{notice.pk}/step/cause/']")).to_be_visible()
    assert urlparse(second.url).path == f"/notices/{notice.pk}/step/cause/"
    expect(second.locator("#id_explanation")).to_have_value("The second tab's explanation.")
    notice.refresh_from_db()
    assert notice.answers["cause"]["explanation"] == {"en": "The first tab's explanation."}

    keep_mine.click()
    second.wait_for_url(path_is(f"/notices/{notice.pk}/step/plan/"))
    notice.refresh_from_db()
    assert notice.answers["cause"]["explanation"] == {"en": "The second tab's explanation."}


@pytest.mark.browser
def test_a_new_deadline_before_the_original_is_refused_in_place(new_context):
    user = make_user("planner")
    notice = make_notice(user)
    stored = notice.answers["plan"]["new_deadline"]
    original = dt.date.fromisoformat(notice.answers["commitment"]["original_deadline"])
    page = new_context(javascript=True).new_page()
    log_in(page, "planner")
    page.goto(f"/notices/{notice.pk}/step/plan/")
    expect(page.locator("form.step-form .errorlist")).to_have_count(0)

    page.evaluate("window.__sameDocument = 'yes'")
    page.fill("#id_new_deadline", (original - dt.timedelta(days=3)).isoformat())
    step_button(page, "next").click()
    error = page.locator("form.step-form .field.has-error:has(#id_new_deadline) .errorlist")
    expect(error).to_be_visible()
    expect(error).to_contain_text(date_format(original))
    assert page.evaluate("window.__sameDocument") == "yes", "the error came with a full page load"
    assert urlparse(page.url).path == f"/notices/{notice.pk}/step/plan/"
    expect(page.locator("#id_new_deadline")).to_have_value((original - dt.timedelta(days=3)).isoformat())
    notice.refresh_from_db()
    assert (notice.answers["plan"]["new_deadline"], notice.step) == (stored, 6)
