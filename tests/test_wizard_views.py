"""The wizard, step by step, through Django's test client."""

import io

import pytest
from django.utils.html import escape
from pypdf import PdfReader

from composer.models import Client, Notice

from .factories import day, make_client, make_notice, make_user, version, weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_(owner):
    return make_client(owner)


def body(response):
    """The bytes of a download, rendered now (HttpResponse) or served from storage (FileResponse)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def post_step(browser, notice, name, data, action="next", htmx=False):
    notice.refresh_from_db()
    headers = {"HX-Request": "true"} if htmx else {}
    return browser.post(
        f"/notices/{notice.pk}/step/{name}/", {"version": notice.version, "action": action, **data}, headers=headers
    )


COMMITMENT = {
    "subkind": "project",
    "title": "Spring campaign website",
    "original_deadline": day(10),
    "needed_for": "the spring sale",
}
CAUSE = {"category": "technical", "responsibility": "ours", "explanation": "A migration failed."}
PLAN = {
    "new_deadline": weekday(40),
    "measures": "Rehearse migrations.",
    "cadence": "weekly",
    "weekday": "2",
    "days": "7",
    "m-TOTAL_FORMS": "1",
    "m-INITIAL_FORMS": "0",
    "m-0-date": weekday(20),
    "m-0-description": "Migration rerun",
}
REMEDIES = {"r-TOTAL_FORMS": "1", "r-INITIAL_FORMS": "0", "r-0-kind": "discount", "r-0-percent": "10"}
STYLE = {"language": "en", "tone": "formal", "channel": "email", "vi_national_header": "auto", "en_variant": "US"}
CONFIRM = {"confirm": "1"}


def new_notice(browser, client_):
    response = browser.post("/notices/new/", {"client": client_.pk})
    assert response.status_code == 302
    return Notice.objects.get()


def test_it_walks_every_step_and_saves_each(browser, client_):
    notice = new_notice(browser, client_)
    assert browser.get(f"/notices/{notice.pk}/step/commitment/").status_code == 200
    for name, data, following in [
        ("commitment", COMMITMENT | {"client": client_.pk}, "cause"),
        ("cause", CAUSE, "plan"),
        ("plan", PLAN, "remedies"),
        ("remedies", REMEDIES, "style"),
        ("style", STYLE, "review"),
    ]:
        response = post_step(browser, notice, name, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response.url == f"/notices/{notice.pk}/step/{following}/"
    notice.refresh_from_db()
    assert notice.step == 6
    assert notice.answers["plan"]["milestones"] == [{"date": weekday(20), "description": {"en": "Migration rerun"}}]
    assert notice.answers["remedies"] == [{"kind": "discount", "percent": "10"}]
    review = browser.get(f"/notices/{notice.pk}/step/review/")
    assert review.status_code == 200
    assert [f.rule for f in review.context["findings"]][:3] == ["C1", "C2", "C3"]


def test_a_later_step_cannot_be_reached_before_the_earlier_ones(browser, client_):
    notice = new_notice(browser, client_)
    response = browser.get(f"/notices/{notice.pk}/step/plan/")
    assert response.status_code == 302 and response.url.endswith("/step/commitment/")


def test_back_keeps_the_answers(browser, owner, client_):
    notice = make_notice(owner, client_, step=3)
    response = post_step(browser, notice, "plan", PLAN | {"measures": "Changed measure."}, action="back")
    assert response.url.endswith("/step/cause/")
    page = browser.get(f"/notices/{notice.pk}/step/plan/").content.decode()
    assert "Changed measure." in page and "Migration rerun" in page


def test_a_new_client_can_be_created_inline(browser, owner):
    notice = Notice.objects.create(owner=owner)
    response = post_step(browser, notice, "commitment", COMMITMENT | {"new_client": "Acme Pty Ltd"})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.client.name == "Acme Pty Ltd" and notice.client.owner == owner


@pytest.mark.parametrize(
    ("name", "data", "field", "message"),
    [
        ("commitment", COMMITMENT | {"original_deadline": "2027-02-30"}, "original_deadline", "real date"),
        ("commitment", COMMITMENT | {"title": "x" * 201}, "title", "at most 200"),
        ("commitment", COMMITMENT | {"title": "two\nlines"}, "title", "single line"),
        ("commitment", COMMITMENT | {"subkind": "invoice"}, "amount", "amount due"),
        (
            "commitment",
            COMMITMENT | {"subkind": "invoice", "amount": "12.5", "currency": "VND"},
            "amount",
            "decimal places",
        ),
        ("commitment", COMMITMENT | {"subkind": "invoice", "amount": "ten", "currency": "USD"}, "amount", "in figures"),
        (
            "commitment",
            COMMITMENT | {"subkind": "invoice", "amount": "12.345", "currency": "VND"},
            "amount",
            "can be read two ways",
        ),
        ("plan", PLAN | {"new_deadline": day(5)}, "new_deadline", "after the original one"),
        ("plan", PLAN | {"cadence": "every_n_days", "days": ""}, "days", "How many days"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(browser, owner, client_, name, data, field, message):
    notice = make_notice(owner, client_, step=6)
    before = notice.answers
    response = post_step(browser, notice, name, data | {"client": client_.pk})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    notice.refresh_from_db()
    assert notice.answers == before


def test_a_milestone_outside_the_window_is_refused(browser, owner, client_):
    notice = make_notice(owner, client_)
    response = post_step(browser, notice, "plan", PLAN | {"m-0-date": day(200)})
    assert response.status_code == 200
    assert "between today" in str(response.context["form"].milestones.forms[0].errors)


def test_rows_are_added_and_removed_without_javascript(browser, owner, client_):
    notice = make_notice(owner, client_)
    added = post_step(browser, notice, "plan", PLAN, action="add")
    assert added.status_code == 200
    assert len(added.context["form"].milestones.forms) == 2
    removed = post_step(browser, notice, "plan", PLAN, action="remove-0")
    assert len(removed.context["form"].milestones.forms) == 0
    remedies = post_step(browser, notice, "remedies", REMEDIES, action="add")
    assert len(remedies.context["form"].remedies.forms) == 2


def test_htmx_gets_the_form_partial_and_a_client_redirect(browser, owner, client_):
    notice = make_notice(owner, client_)
    invalid = post_step(browser, notice, "plan", PLAN | {"new_deadline": day(5)}, htmx=True)
    body = invalid.content.decode()
    assert body.lstrip().startswith("<form") and "<html" not in body
    assert "after the original one" in body
    ok = post_step(browser, notice, "plan", PLAN, htmx=True)
    assert ok.status_code == 200 and ok["HX-Redirect"] == f"/notices/{notice.pk}/step/remedies/"


def test_the_plan_step_lists_update_dates_and_weekend_warnings(browser, owner, client_):
    notice = make_notice(owner, client_)
    response = post_step(browser, notice, "plan", PLAN | {"cadence": "weekly", "weekday": "5"}, action="validate")
    schedule = response.context["schedule"]
    # Saturday updates come on the working day before.
    assert schedule["dates"] and all(d.weekday() < 5 for d in schedule["dates"])
    assert {w.what for w in schedule["warnings"]} == {"update_moved"}
    assert all(w.date.weekday() == 5 and w.moved_to < w.date for w in schedule["warnings"])
    assert "the update comes the working day before" in response.content.decode()


def test_a_stale_version_is_not_silently_overwritten(browser, owner, client_):
    notice = make_notice(owner, client_)
    stale_version = notice.version
    post_step(browser, notice, "cause", CAUSE | {"explanation": "From the first tab."}, action="save")
    response = browser.post(
        f"/notices/{notice.pk}/step/cause/",
        {"version": stale_version, "action": "save", **CAUSE, "explanation": "From the second tab."},
    )
    assert response.status_code == 200 and response.context["conflict"]
    assert "another tab" in response.content.decode()
    notice.refresh_from_db()
    assert notice.answers["cause"]["explanation"] == {"en": "From the first tab."}
    # The conflict page keeps what was typed and carries the newer version: "Keep mine" saves over that one only.
    assert (
        'value="From the second tab."' in response.content.decode()
        or "From the second tab." in response.content.decode()
    )
    assert f'name="version" value="{notice.version}"' in response.content.decode()
    again = {"action": "save", **CAUSE, "explanation": "From the second tab.", "overwrite": "1"}
    assert browser.post(f"/notices/{notice.pk}/step/cause/", again | {"version": stale_version}).context["conflict"]
    kept = browser.post(f"/notices/{notice.pk}/step/cause/", again | {"version": notice.version})
    assert kept.status_code == 302
    notice.refresh_from_db()
    assert notice.answers["cause"]["explanation"] == {"en": "From the second tab."}


class TestReview:
    def test_the_preview_follows_language_tone_and_channel(self, browser, owner, client_):
        notice = make_notice(owner, client_)
        zh = browser.get(f"/notices/{notice.pk}/preview/?language=zh-hans&channel=letter").content.decode()
        assert "此致" in zh and "敬礼！" in zh
        vi = browser.get(f"/notices/{notice.pk}/preview/?language=vi&tone=warm").content.decode()
        assert 'lang="vi"' in vi
        partial = browser.get(f"/notices/{notice.pk}/step/review/?language=vi", headers={"HX-Request": "true"})
        assert partial.content.decode().lstrip().startswith('<div id="preview"')

    def test_the_preview_allows_no_scripts(self, browser, owner, client_):
        notice = make_notice(owner, client_)
        csp = browser.get(f"/notices/{notice.pk}/preview/")["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp

    def test_edits_are_kept_per_language(self, browser, owner, client_):
        notice = make_notice(owner, client_)
        browser.post(
            f"/notices/{notice.pk}/edit/",
            version(notice) | {"language": "en", "text": "My own words.\n\n- first item", "action": "save"},
        )
        notice.refresh_from_db()
        assert notice.edits["en"]["text"] == "My own words.\n\n- first item"
        page = browser.get(f"/notices/{notice.pk}/preview/?language=en").content.decode()
        assert "My own words." in page and "first item" in page
        vi = browser.get(f"/notices/{notice.pk}/preview/?language=vi").content.decode()
        assert "My own words." not in vi

    def test_changed_answers_ask_before_dropping_an_edit(self, browser, owner, client_):
        notice = make_notice(owner, client_)
        browser.post(
            f"/notices/{notice.pk}/edit/",
            version(notice) | {"language": "en", "text": "My own words.", "action": "save"},
        )
        post_step(browser, notice, "cause", CAUSE | {"explanation": "Another cause."})
        review = browser.get(f"/notices/{notice.pk}/step/review/")
        assert review.context["stale"]
        assert "My own words." in browser.get(f"/notices/{notice.pk}/preview/").content.decode()
        refused = browser.post(f"/notices/{notice.pk}/finalise/", version(notice) | CONFIRM)
        notice.refresh_from_db()
        assert notice.is_draft and refused.status_code == 302
        browser.post(f"/notices/{notice.pk}/edit/", version(notice) | {"language": "en", "text": "x", "action": "keep"})
        assert not browser.get(f"/notices/{notice.pk}/step/review/").context["stale"]
        browser.post(
            f"/notices/{notice.pk}/edit/", version(notice) | {"language": "en", "text": "x", "action": "recompose"}
        )
        notice.refresh_from_db()
        assert notice.edits == {}

    def test_a_call_script_is_offered_when_the_deadline_is_close(self, browser, owner, client_):
        notice = make_notice(owner, client_)
        assert not browser.get(f"/notices/{notice.pk}/step/review/").context["call_script"]
        notice.answers["commitment"]["original_deadline"] = day(1)
        notice.save()
        page = browser.get(f"/notices/{notice.pk}/step/review/")
        assert page.context["call_script"]
        assert "Talking points" in page.content.decode()


class TestFinalNotice:
    def finalised(self, browser, owner, client_):
        notice = make_notice(owner, client_)
        response = browser.post(f"/notices/{notice.pk}/finalise/", version(notice) | CONFIRM)
        assert response.status_code == 302 and response.url == f"/notices/{notice.pk}/"
        notice.refresh_from_db()
        return notice

    def test_finalise_freezes_the_notice(self, browser, owner, client_):
        notice = self.finalised(browser, owner, client_)
        assert notice.status == "final" and notice.frozen["case"]["recipient"]["name"] == "Laura Collins"
        Client.objects.filter(pk=client_.pk).update(contact_person="Someone Else")
        assert "Dear Ms. Collins," in body(browser.get(f"/notices/{notice.pk}/download/txt/")).decode()
        assert browser.get(f"/notices/{notice.pk}/step/cause/").status_code == 302

    @pytest.mark.parametrize(
        ("fmt", "content_type"),
        [
            ("html", "text/html"),
            ("txt", "text/plain"),
            ("eml", "message/rfc822"),
            ("pdf", "application/pdf"),
            ("chat", "text/plain"),
        ],
    )
    def test_every_download_works(self, browser, owner, client_, fmt, content_type):
        notice = self.finalised(browser, owner, client_)
        response = browser.get(f"/notices/{notice.pk}/download/{fmt}/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith(content_type)
        assert "attachment; filename*=UTF-8''spring-campaign-website-en" in response["Content-Disposition"]
        if fmt == "pdf":
            text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(body(response))).pages)
            assert "Dear Ms. Collins:" in text

    def test_the_notice_page_offers_copy_and_mailto(self, browser, owner, client_):
        notice = self.finalised(browser, owner, client_)
        page = browser.get(f"/notices/{notice.pk}/").content.decode()
        assert 'href="mailto:laura%40bluebird.example?subject=Spring%20campaign%20website' in page
        assert "data-copy=" in page

    def test_an_unknown_format_is_404(self, browser, owner, client_):
        notice = self.finalised(browser, owner, client_)
        assert browser.get(f"/notices/{notice.pk}/download/docx/").status_code == 404

    def test_an_incomplete_notice_has_no_downloads(self, browser, owner, client_):
        notice = Notice.objects.create(owner=owner, client=client_)
        assert browser.get(f"/notices/{notice.pk}/download/pdf/").status_code == 404


def test_the_review_selectors_save_language_tone_and_channel(browser, owner, client_):
    notice = make_notice(owner, client_)
    partial = browser.post(
        f"/notices/{notice.pk}/step/review/",
        version(notice) | {"language": "vi", "tone": "warm", "channel": "letter"},
        headers={"HX-Request": "true"},
    )
    assert partial.content.decode().lstrip().startswith('<div id="preview"')
    notice.refresh_from_db()
    assert (notice.language, notice.answers["tone"], notice.answers["channel"]) == ("vi", "warm", "letter")
    no_js = browser.post(
        f"/notices/{notice.pk}/step/review/", version(notice) | {"language": "zh-hans", "tone": "shouty"}
    )
    assert no_js.status_code == 302
    notice.refresh_from_db()
    assert (notice.language, notice.answers["tone"]) == ("zh-hans", "warm")


def test_enter_in_a_field_moves_on_rather_than_back(browser, owner, client_):
    notice = make_notice(owner, client_)
    page = browser.get(f"/notices/{notice.pk}/step/cause/").content.decode()
    form = page[page.index('<form method="post" class="card step-form"') :]
    first_submit = form[form.index('type="submit"') - 20 : form.index('type="submit"') + 60]
    assert 'value="next"' in first_submit


GARBAGE = [
    {},
    {"action": "remove-x", "m-TOTAL_FORMS": "x", "r-TOTAL_FORMS": "-1"},
    {"action": "add", "m-TOTAL_FORMS": "999999", "r-TOTAL_FORMS": "999999", "m-INITIAL_FORMS": "y"},
    {"action": "next", "version": "not a number", "new_deadline": "99999-01-01", "original_deadline": "0000-00-00"},
    {
        "action": "next",
        "client": "999999",
        "subkind": "spaceship",
        "currency": "ZZZ",
        "amount": "1e9",
        "weekday": "9",
        "days": "-3",
    },
    {
        "action": "save",
        "r-TOTAL_FORMS": "1",
        "r-INITIAL_FORMS": "0",
        "r-0-kind": "instalments",
        "r-0-schedule": "tomorrow lots",
    },
    {"action": "save", "r-TOTAL_FORMS": "1", "r-INITIAL_FORMS": "0", "r-0-kind": "discount", "r-0-percent": "NaN"},
    {"action": "next", "title": "\x00\x01", "explanation": "x" * 100_000, "category": ["a", "b"]},
]


@pytest.mark.parametrize("name", ["commitment", "cause", "plan", "remedies", "style", "review"])
@pytest.mark.parametrize("data", GARBAGE)
def test_garbage_input_never_gives_a_500(browser, owner, client_, name, data):
    notice = make_notice(owner, client_)
    response = browser.post(f"/notices/{notice.pk}/step/{name}/", data)
    assert response.status_code in (200, 302)
    notice.refresh_from_db()
    assert notice.answers["cause"]["explanation"]["en"] == "A database migration failed."


class TestAnswersPerLanguage:
    """Switching the notice language never reinterprets what was typed: the review asks for what is missing."""

    def walk(self, browser, client_):
        notice = new_notice(browser, client_)
        for name, data in [
            ("commitment", COMMITMENT | {"client": client_.pk}),
            ("cause", CAUSE),
            ("plan", PLAN),
            ("remedies", REMEDIES),
            ("style", STYLE),
        ]:
            assert post_step(browser, notice, name, data).status_code == 302
        notice.refresh_from_db()
        return notice

    def test_switching_language_asks_for_the_missing_answers_beside_the_originals(self, browser, client_):
        notice = self.walk(browser, client_)
        assert notice.answers["cause"]["explanation"] == {"en": "A migration failed."}
        browser.post(f"/notices/{notice.pk}/step/review/", version(notice) | {"language": "vi"})
        notice.refresh_from_db()
        assert notice.language == "vi"
        page = browser.get(f"/notices/{notice.pk}/step/review/")
        paths = [path for path, _label, _originals, _typed in page.context["missing_texts"]]
        assert sorted(paths) == sorted(
            [
                "commitment.title",
                "commitment.needed_for",
                "cause.explanation",
                "plan.measures",
                "plan.milestones[0].description",
            ]
        )
        html = page.content.decode()
        assert "A migration failed." in html and 'name="text:cause.explanation"' in html
        assert page.context["letter"] is None  # nothing is composed with English text in a Vietnamese notice

        translations = {
            "text:commitment.title": "",
            "keep:commitment.title": "1",
            "text:commitment.needed_for": "đợt khuyến mãi mùa xuân",
            "text:cause.explanation": "Một lần chuyển đổi dữ liệu bị lỗi.",
            "text:plan.measures": "Chúng tôi sẽ chạy thử mỗi lần chuyển đổi trên bản sao trước.",
            "text:plan.milestones[0].description": "Chạy lại việc chuyển đổi dữ liệu",
            "language": "vi",
        }
        response = browser.post(f"/notices/{notice.pk}/translate/", version(notice) | translations)
        assert response.status_code == 302
        notice.refresh_from_db()
        assert notice.answers["cause"]["explanation"] == {
            "en": "A migration failed.",
            "vi": "Một lần chuyển đổi dữ liệu bị lỗi.",
        }
        assert notice.answers["commitment"]["title"] == {"keep": "Spring campaign website"}
        preview = browser.get(f"/notices/{notice.pk}/preview/").content.decode()
        assert "lần chuyển đổi dữ liệu bị lỗi" in preview and "A migration failed" not in preview
        english = browser.get(f"/notices/{notice.pk}/preview/?language=en").content.decode()
        assert "A migration failed." in english

    def test_an_answer_edited_in_one_language_drops_its_stale_versions(self, browser, client_):
        notice = self.walk(browser, client_)
        notice.answers["cause"]["explanation"] = {"en": "A migration failed.", "vi": "Một lần chuyển đổi bị lỗi."}
        notice.save()
        post_step(browser, notice, "cause", CAUSE, action="save")
        notice.refresh_from_db()
        assert notice.answers["cause"]["explanation"]["vi"] == "Một lần chuyển đổi bị lỗi."  # unchanged: kept
        post_step(browser, notice, "cause", CAUSE | {"explanation": "The migration script failed."}, action="save")
        notice.refresh_from_db()
        assert notice.answers["cause"]["explanation"] == {"en": "The migration script failed."}

    def test_a_step_shows_the_answer_in_the_notice_language(self, browser, client_):
        notice = self.walk(browser, client_)
        notice.answers["cause"]["explanation"] = {"en": "A migration failed.", "vi": "Một lần chuyển đổi bị lỗi."}
        notice.language = "vi"
        notice.save()
        form = browser.get(f"/notices/{notice.pk}/step/cause/").context["form"]
        assert form.initial["explanation"] == "Một lần chuyển đổi bị lỗi."

    def test_who_speaks_to_whom_and_the_greeting_are_asked_in_the_style_step(self, browser, client_):
        notice = self.walk(browser, client_)
        style = STYLE | {"sender_kind": "individual", "recipient_kind": "person", "address_as": "Laura"}
        assert post_step(browser, notice, "style", style).status_code == 302
        notice.refresh_from_db()
        assert notice.answers["voice"] == {"sender": "individual", "recipient": "person"}
        assert notice.answers["address_as"] == {"en": "Laura"}
        preview = browser.get(f"/notices/{notice.pk}/preview/").content.decode()
        assert "Dear Laura," in preview or "Hi Laura," in preview
        assert " we " not in preview.split("<body", 1)[1].lower().replace("\n", " ")

    def test_a_translation_cannot_write_outside_the_answers(self, browser, client_):
        notice = self.walk(browser, client_)
        before = dict(notice.answers)
        browser.post(
            f"/notices/{notice.pk}/translate/",
            version(notice)
            | {
                "text:owner": "x",
                "text:plan.milestones[abc].description": "x",
                "text:../../etc": "x",
                "language": "vi",
            },
        )
        notice.refresh_from_db()
        assert notice.answers == before


def test_the_steps_ask_for_the_date_of_the_need_a_second_weekday_and_a_discounts_base(browser, client_):
    notice = new_notice(browser, client_)
    steps = [
        ("commitment", COMMITMENT | {"client": client_.pk, "needed_by": weekday(45)}),
        ("cause", CAUSE),
        ("plan", PLAN | {"weekday": "0", "weekday2": "3"}),
        ("remedies", REMEDIES | {"r-0-description": "the design work"}),
    ]
    for name, data in steps:
        assert post_step(browser, notice, name, data).status_code == 302
    notice.refresh_from_db()
    assert notice.answers["commitment"]["needed_by"] == weekday(45)
    assert notice.answers["plan"]["updates"] == {"cadence": "weekly", "weekday": [0, 3]}
    assert notice.answers["remedies"] == [
        {"kind": "discount", "percent": "10", "description": {"en": "the design work"}}
    ]
    assert browser.get(f"/notices/{notice.pk}/step/plan/").context["form"].initial["weekday2"] == 3


def test_a_late_fee_may_be_the_one_the_contract_sets(browser, owner):
    from .factories import complete_answers

    client_ = make_client(owner)
    answers = complete_answers(kind="payment", subkind="invoice", remedies=[])
    answers["commitment"]["amount"] = {"value": "8450", "currency": "USD"}
    notice = make_notice(owner, client_, answers=answers)
    fee = {"r-TOTAL_FORMS": "1", "r-INITIAL_FORMS": "0", "r-0-kind": "late_fee_accepted"}
    assert post_step(browser, notice, "remedies", fee, action="save").status_code == 302
    notice.refresh_from_db()
    assert notice.answers["remedies"] == [{"kind": "late_fee_accepted"}]
    both = fee | {"r-0-amount": "85", "r-0-percent": "2"}
    response = post_step(browser, notice, "remedies", both, action="save")
    assert response.status_code == 200 and "or neither" in response.content.decode()


@pytest.mark.parametrize("bad", ["abc", "1.0", "²", "-1", "9" * 40])
def test_ids_that_are_not_plain_digits_never_give_a_500(browser, owner, client_, bad):
    assert browser.post("/notices/new/", {"client": bad}).status_code == 404
    notice = make_notice(owner, client_)
    assert browser.post(f"/notices/{notice.pk}/duplicate/", {"client": bad}).status_code == 404
    for data in (
        PLAN | {"m-TOTAL_FORMS": bad},
        PLAN | {f"m-{bad}-date": weekday(20)},
        PLAN | {"action": f"remove-{bad}"},
    ):
        response = post_step(browser, notice, "plan", data, action=data.get("action", "validate"))
        assert response.status_code in (200, 302)
    assert (
        browser.post(
            f"/notices/{notice.pk}/translate/", version(notice) | {f"text:plan.milestones[{bad}].description": "x"}
        ).status_code
        == 302
    )


class TestEveryWriteIsACompareAndSwap:
    """A page saved from an older version of the draft writes nothing, and what was typed is kept on screen."""

    @pytest.fixture
    def stale(self, browser, owner, client_):
        notice = make_notice(owner, client_)
        old = version(notice)
        post_step(browser, notice, "cause", CAUSE | {"explanation": "Saved from the other tab."}, action="save")
        notice.refresh_from_db()
        return notice, old

    def test_a_wording_edit_from_an_older_page(self, browser, stale):
        notice, old = stale
        page = browser.post(
            f"/notices/{notice.pk}/edit/",
            old | {"language": "en", "text": "Words typed in the old tab.", "action": "save"},
        )
        assert page.status_code == 200 and page.context["conflict"]
        html = page.content.decode()
        assert "changed in another tab" in html and "Words typed in the old tab." in html
        assert f'name="version" value="{notice.version}"' in html
        assert Notice.objects.get(pk=notice.pk).edits == {}
        saved = browser.post(
            f"/notices/{notice.pk}/edit/",
            version(notice) | {"language": "en", "text": "Words typed in the old tab.", "action": "save"},
        )
        assert saved.status_code == 302
        assert Notice.objects.get(pk=notice.pk).edits["en"]["text"] == "Words typed in the old tab."

    def test_finalise_from_an_older_page(self, browser, stale):
        notice, old = stale
        response = browser.post(f"/notices/{notice.pk}/finalise/", old | CONFIRM, follow=True)
        assert response.redirect_chain[-1][0] == f"/notices/{notice.pk}/step/review/"
        assert "changed in another tab" in response.content.decode()
        assert Notice.objects.get(pk=notice.pk).is_draft
        assert not browser.post(f"/notices/{notice.pk}/finalise/", CONFIRM).url.endswith(f"/notices/{notice.pk}/")
        final = browser.post(f"/notices/{notice.pk}/finalise/", version(notice) | CONFIRM)
        assert final.url == f"/notices/{notice.pk}/"
        frozen = Notice.objects.get(pk=notice.pk).frozen["case"]
        assert frozen["cause"]["explanation"] == {"en": "Saved from the other tab."}

    def test_translations_from_an_older_page(self, browser, stale):
        notice, old = stale
        browser.post(f"/notices/{notice.pk}/step/review/", version(notice) | {"language": "vi"})
        page = browser.post(
            f"/notices/{notice.pk}/translate/",
            old | {"language": "vi", "text:cause.explanation": "Máy chủ bị hỏng ổ đĩa."},
        )
        assert page.context["conflict"]
        assert "Máy chủ bị hỏng ổ đĩa.</textarea>" in page.content.decode()
        assert "vi" not in Notice.objects.get(pk=notice.pk).answers["cause"]["explanation"]

    def test_language_tone_and_channel_from_an_older_page(self, browser, stale):
        notice, old = stale
        refresh = browser.post(
            f"/notices/{notice.pk}/step/review/", old | {"tone": "warm"}, headers={"HX-Request": "true"}
        )
        assert refresh.headers["HX-Refresh"] == "true"
        assert Notice.objects.get(pk=notice.pk).answers.get("tone") != "warm"
        page = browser.get(f"/notices/{notice.pk}/step/review/")
        assert "changed in another tab" in page.content.decode()
        browser.post(f"/notices/{notice.pk}/step/review/", version(notice) | {"tone": "warm"})
        assert Notice.objects.get(pk=notice.pk).answers["tone"] == "warm"

    def test_the_review_controls_carry_the_version_the_preview_was_shown_with(self, browser, stale):
        notice, _old = stale
        html = browser.get(f"/notices/{notice.pk}/step/review/").content.decode()
        assert f'name="version" value="{notice.version}" form="review-controls"' in html
        partial = browser.post(
            f"/notices/{notice.pk}/step/review/", version(notice) | {"tone": "warm"}, headers={"HX-Request": "true"}
        ).content.decode()
        assert f'name="version" value="{notice.version + 1}" form="review-controls"' in partial


class TestFinaliseConfirmation:
    def test_finalise_asks_first_and_names_what_still_fails(self, browser, owner, client_):
        notice = make_notice(owner, client_)
        notice.answers["plan"]["measures"] = ""
        notice.answers["remedies"] = []
        notice.save()
        page = browser.post(f"/notices/{notice.pk}/finalise/", version(notice))
        assert page.status_code == 200
        findings = page.context["findings"]
        assert findings and all(f.status != "ok" for f in findings)
        assert any(f.status == "missing" for f in findings) and page.context["failing"]
        html = page.content.decode()
        for f in findings:
            assert escape(f.message) in html
            assert f'href="/notices/{notice.pk}/step/{f.step}/"' in html
        assert "Finalise anyway" in html and 'name="confirm" value="1"' in html
        assert f'name="version" value="{notice.version}"' in html
        assert Notice.objects.get(pk=notice.pk).is_draft
        final = browser.post(f"/notices/{notice.pk}/finalise/", version(notice) | CONFIRM)
        assert final.url == f"/notices/{notice.pk}/" and not Notice.objects.get(pk=notice.pk).is_draft

    def test_a_clean_notice_is_confirmed_without_warnings(self, browser, owner, client_):
        notice = make_notice(owner, client_)
        page = browser.post(f"/notices/{notice.pk}/finalise/", version(notice))
        if not page.context["findings"]:
            assert "finds nothing to fix" in page.content.decode()
        assert Notice.objects.get(pk=notice.pk).is_draft

    def test_the_confirmation_checks_ownership(self, browser, owner, client_):
        notice = make_notice(owner, client_)
        browser.force_login(make_user("stranger"))
        assert browser.post(f"/notices/{notice.pk}/finalise/", version(notice)).status_code == 404
