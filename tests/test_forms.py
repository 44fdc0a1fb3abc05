"""Onboarding and forms: required profile fields, review links, the first run, the country and currency
pickers, amounts as each language writes them, the error summary, one message per problem, far-off dates,
and the sender's contact details in every letter's PDF."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import translation
from pypdf import PdfReader

from composer.answers import parse_case
from composer.exports.pdf import render_pdf
from composer.forms import ClientForm
from composer.letters import compose
from composer.letters.schedule import recipient_country
from composer.models import Client, Notice, Profile
from composer.wizard.forms import PlanForm, RemedyForm, currency_choices, parse_local_amount

from .cases import case
from .factories import complete_answers, day, make_client, make_notice, make_user
from .test_wizard_views import COMMITMENT, PLAN, post_step

pytestmark = pytest.mark.django_db


def page(response):
    return response.content.decode()


class TestProfile:
    def test_it_requires_a_name_and_an_email(self, browser):
        response = browser.post("/profile/", {"name": "", "email": "", "language": "en"})
        html = page(response)
        assert response.status_code == 200
        assert set(response.context["form"].errors) == {"name", "email"}
        assert "data-error-summary" in html
        assert 'href="#id_name"' in html and 'href="#id_email"' in html
        assert html.count('aria-invalid="true"') == 2

    def test_the_organisation_is_optional(self, browser, owner):
        data = {"name": "Emily Carter", "email": "emily@example.com", "language": "en"}
        assert browser.post("/profile/", data).status_code == 302
        assert Profile.objects.get(user=owner).organization == ""

    def test_job_titles_per_language_sit_beside_the_names(self, browser):
        html = page(browser.get("/profile/"))
        table = html[html.index('class="per-language-grid"') :]
        for suffix in ("zh", "vi", "en"):
            row = table[table.index(f'id="id_name_{suffix}"') :]
            row = row[: row.index("</tr>")]
            assert f'id="id_organization_{suffix}"' in row and f'id="id_title_{suffix}"' in row

    def test_it_saves_titles_per_language(self, browser, owner):
        data = {"name": "Trần Minh Đức", "email": "duc@vela.example", "language": "vi", "title_vi": "Quản lý dự án"}
        data |= {"title_en": "Project Manager", "title_zh": "项目经理"}
        assert browser.post("/profile/", data).status_code == 302
        sender = Profile.objects.get(user=owner).sender("vi")
        assert sender["title"] == {"vi": "Quản lý dự án", "en": "Project Manager", "zh-hans": "项目经理"}


class TestReviewLinks:
    def test_a_missing_sender_name_links_to_the_profile(self, browser, owner):
        Profile.objects.filter(user=owner).update(name="", organization="")
        notice = make_notice(owner)
        html = page(browser.get(f"/notices/{notice.pk}/step/review/"))
        assert 'href="/profile/#id_name"' in html
        assert "<code>" not in html and "sender.name" not in html
        assert "Add the name that signs your notices" in html

    def test_a_bad_sender_email_links_to_the_profile_field(self, browser, owner):
        Profile.objects.filter(user=owner).update(email="not-an-address")
        notice = make_notice(owner)
        assert 'href="/profile/#id_email"' in page(browser.get(f"/notices/{notice.pk}/step/review/"))

    def test_a_bad_recipient_detail_links_to_the_client(self, browser, owner):
        client = make_client(owner, email="nowhere")
        notice = make_notice(owner, client)
        html = page(browser.get(f"/notices/{notice.pk}/step/review/"))
        assert f'href="/clients/{client.pk}/edit/#id_email"' in html
        assert "recipient.email" not in html


class TestFirstRun:
    def test_a_new_user_is_shown_what_to_do_next(self, client):
        user = make_user("newcomer", name="", email="")
        client.force_login(user)
        html = page(client.get("/"))
        assert "No notices match" not in html and 'role="search"' not in html
        assert 'href="/profile/"' in html and 'href="/clients/new/"' in html
        assert "Write your first notice" in html and html.count('class="done"') == 0

    def test_the_steps_done_are_ticked(self, browser, owner):
        make_client(owner)
        html = page(browser.get("/"))
        assert html.count('class="done"') == 2
        assert "Write your first notice" in html

    def test_with_a_notice_the_library_is_shown(self, browser, owner):
        make_notice(owner)
        html = page(browser.get("/"))
        assert 'role="search"' in html and "first-run" not in html


class TestCountry:
    def form(self, country, **data):
        base = {"name": "Công ty An Phát", "honorific": "none", "language": "vi", "country": country}
        return ClientForm(base | data)

    @pytest.mark.parametrize("typed", ["VN", "vn", "Vietnam", "Việt Nam", "越南"])
    def test_vietnam_is_vn(self, typed):
        form = self.form(typed)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["country"] == "VN"

    def test_an_unknown_country_is_refused(self):
        form = self.form("Atlantis")
        assert not form.is_valid() and "country" in form.errors

    @pytest.mark.parametrize(("language", "name"), [("vi", "Việt Nam"), ("zh-hans", "越南"), ("en", "Vietnam")])
    def test_names_are_localised(self, language, name):
        with translation.override(language):
            choices = dict(ClientForm().fields["country"].choices)
        assert choices["VN"] == name

    def test_the_list_is_sorted_by_the_interface_language(self):
        with translation.override("vi"):
            names = [name for code, name in ClientForm().fields["country"].choices if code]
        # Vietnamese dictionary order: Đ after D and before E, whatever the code points say.
        assert names.index("Dominica") < names.index("Đức") < names.index("Ecuador")
        assert names.index("Úc") < names.index("Việt Nam")

    def test_chinese_names_are_in_pinyin_order_and_every_one_has_its_key(self):
        from composer.collation import pinyin_keys

        with translation.override("zh-hans"):
            names = [name for code, name in ClientForm().fields["country"].choices if code]
            listed = currency_choices("zh-hans")[2][1]
            currencies = [name.rsplit(" (", 1)[0] for code, name in listed if not name.startswith(code)]
        assert names.index("阿根廷") < names.index("澳大利亚") < names.index("巴西") < names.index("越南")
        assert names.index("越南") < names.index("中国")
        assert set(names) | set(currencies) <= set(pinyin_keys())
        assert currencies.index("阿根廷比索") < currencies.index("巴西雷亚尔") < currencies.index("泰铢")

    @pytest.mark.parametrize("language", ["en", "vi", "zh-hans"])
    def test_no_two_countries_share_a_name(self, language):
        with translation.override(language):
            names = [name for code, name in ClientForm().fields["country"].choices if code]
        assert len(names) == len(set(names))

    @pytest.mark.parametrize(
        ("typed", "code"),
        [("Hoa Kỳ", "US"), ("冰岛", "IS"), ("Iceland", "IS"), ("萨摩亚", "WS"), ("Niger", "NE")],
    )
    def test_names_as_the_list_shows_them_are_understood(self, typed, code):
        form = self.form(typed)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["country"] == code

    def test_accents_do_not_move_a_name_out_of_its_letter(self):
        with translation.override("en"):
            names = [name for code, name in ClientForm().fields["country"].choices if code]
        assert names.index("Afghanistan") < names.index("Åland Islands") < names.index("Albania")

    def test_the_code_is_stored_and_drives_the_holidays(self, browser, owner):
        data = {"name": "An Phát", "honorific": "none", "language": "vi", "country": "Vietnam"}
        assert browser.post("/clients/new/", data).status_code == 302
        client = Client.objects.get(name="An Phát")
        assert Client.objects.filter(country="VN").exists()
        assert client.recipient()["country"] == "VN"
        notice = Notice.objects.create(owner=owner, client=client, language="en", answers=complete_answers())
        answers = parse_case(notice.case(), language="en")
        assert recipient_country(answers) == "VN"
        with translation.override("vi"):
            assert "Việt Nam" in page(browser.get(f"/clients/{client.pk}/", headers={"accept-language": "vi"}))

    def test_the_client_page_shows_the_country(self, browser, owner):
        client = make_client(owner, country="GB")
        assert "United Kingdom" in page(browser.get(f"/clients/{client.pk}/"))

    def test_the_form_shows_a_select_that_works_without_javascript(self, browser, owner):
        client = make_client(owner, country="VN")
        html = page(browser.get(f"/clients/{client.pk}/edit/"))
        assert '<select name="country"' in html and '<option value="VN" selected>Vietnam</option>' in html


class TestCurrencies:
    def codes(self, language="en"):
        choices = currency_choices(language)
        return [code for _label, group in choices[1:] for code, _name in group]

    def test_only_current_currencies(self):
        codes = self.codes()
        for obsolete in ("ADP", "AFA", "XXX", "XTS", "DEM", "FRF"):
            assert obsolete not in codes
        assert {"VND", "CNY", "USD", "EUR", "GBP", "JPY"} <= set(codes)

    def test_common_ones_first(self):
        assert self.codes()[:5] == ["CNY", "VND", "USD", "EUR", "GBP"]

    @pytest.mark.parametrize(
        ("language", "code", "name"),
        [("vi", "VND", "Đồng Việt Nam"), ("zh-hans", "CNY", "人民币"), ("en", "GBP", "British Pound")],
    )
    def test_names_are_localised(self, language, code, name):
        labels = {c: label for _g, group in currency_choices(language)[1:] for c, label in group}
        assert labels[code] == f"{name} ({code})"

    def test_a_stored_obsolete_currency_stays_selectable(self):
        codes = [c for _g, group in currency_choices("en", keep="DEM")[1:] for c, _n in group]
        assert "DEM" in codes


AMOUNTS = [
    ("vi", "85.000.000", "85000000"),
    ("vi", "85 000 000", "85000000"),
    ("vi", "1.234,5", "1234.5"),
    ("vi", "1.500", "1500"),
    ("vi", "8,5 triệu", "8500000"),
    ("vi", "85 triệu", "85000000"),
    ("vi", "1,2 tỷ", "1200000000"),
    ("vi", "25.000.000 đồng", "25000000"),
    ("en", "85,000,000", "85000000"),
    ("en", "85.000.000", "85000000"),
    ("en", "1,234.50", "1234.5"),
    ("en", "1,500", "1500"),
    ("en", "1.5", "1.5"),
    ("en", "85\u00a0000\u00a0000", "85000000"),
    ("zh-hans", "85,000,000", "85000000"),
    ("zh-hans", "8.5 万", "85000"),
    ("zh-hans", "1.2亿", "120000000"),
    ("zh-hans", "18600", "18600"),
]
REFUSED = [
    ("en", "1.500", "can be read two ways"),
    ("vi", "85,000", "can be read two ways"),
    ("en", "1,23,456", "do not group the digits by three"),
    ("en", "1.234.5", "do not group the digits by three"),
    ("en", "ten thousand", "in figures"),
    ("vi", "5 cái", "in figures"),
    ("en", "-5", "in figures"),
]


@pytest.mark.parametrize(("language", "typed", "amount"), AMOUNTS)
def test_amounts_are_read_as_each_language_writes_them(language, typed, amount):
    assert parse_local_amount(typed, language) == Decimal(amount)
    assert f"{parse_local_amount(typed, language):f}" == amount


@pytest.mark.parametrize(("language", "typed", "message"), REFUSED)
def test_unclear_amounts_are_refused_with_a_reason(language, typed, message):
    with pytest.raises(ValueError, match=message):
        parse_local_amount(typed, language)


class TestWizardForms:
    def test_a_vietnamese_amount_reaches_the_answers_as_digits(self, browser, owner):
        notice = make_notice(owner, step=1)
        data = COMMITMENT | {
            "client": notice.client_id,
            "subkind": "invoice",
            "amount": "85.000.000",
            "currency": "VND",
        }
        browser.cookies["django_language"] = "vi"
        response = post_step(browser, notice, "commitment", data)
        assert response.status_code == 302, page(response)[:500]
        notice.refresh_from_db()
        assert notice.answers["commitment"]["amount"] == {"value": "85000000", "currency": "VND"}

    def test_errors_get_a_summary_linking_to_each_field(self, browser, owner):
        notice = make_notice(owner, step=1)
        data = COMMITMENT | {"client": notice.client_id, "subkind": "invoice", "amount": "ten", "title": ""}
        html = page(post_step(browser, notice, "commitment", data))
        summary = html[html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))]
        assert 'href="#id_amount"' in summary and 'href="#id_title"' in summary and 'href="#id_currency"' in summary
        assert 'aria-invalid="true"' in html[html.index('id="id_amount"') - 200 : html.index('id="id_amount"') + 50]

    def test_a_discount_over_100_percent_gets_one_message(self):
        form = RemedyForm({"kind": "discount", "percent": "250"}, kind="deliverable")
        assert not form.is_valid()
        assert form.errors == {"percent": ["A percentage is at most 100."]}

    def test_a_discount_over_100_percent_in_the_wizard(self, browser, owner):
        notice = make_notice(owner, step=4)
        data = {"r-TOTAL_FORMS": "1", "r-INITIAL_FORMS": "0", "r-0-kind": "discount", "r-0-percent": "250"}
        html = page(post_step(browser, notice, "remedies", data))
        assert html.count("A percentage is at most 100.") == 2  # beside the field and in the summary
        assert "needs this detail" not in html

    def test_a_new_date_more_than_a_year_out_is_a_warning(self, owner):
        notice = make_notice(owner, step=3)
        far = (dt.date.fromisoformat(day(10)) + dt.timedelta(days=5 * 365)).isoformat()
        form = PlanForm(PLAN | {"new_deadline": far, "m-TOTAL_FORMS": "0"}, notice=notice)
        assert form.is_valid(), form.errors
        assert len(form.warnings) == 1 and "more than a year" in str(form.warnings[0])

    def test_a_near_date_gives_no_warning(self, owner):
        notice = make_notice(owner, step=3)
        form = PlanForm(PLAN, notice=notice)
        assert form.is_valid(), form.errors
        assert form.warnings == []

    def test_the_warning_is_shown_after_saving(self, browser, owner):
        notice = make_notice(owner, step=3)
        far = (dt.date.fromisoformat(day(10)) + dt.timedelta(days=2 * 365)).isoformat()
        response = post_step(browser, notice, "plan", PLAN | {"new_deadline": far, "m-TOTAL_FORMS": "0"})
        assert response.status_code == 302
        assert "more than a year" in page(browser.get(response.url))
        html = page(browser.get(f"/notices/{notice.pk}/step/plan/"))
        assert "more than a year" in html and "data-error-summary" not in html


def pdf_text(letter):
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(letter))).pages)


@pytest.mark.parametrize("language", ["zh-hans", "vi", "en"])
def test_the_letter_pdf_carries_the_senders_contact_details(language):
    answers = parse_case(case(channel="letter"), language=language)
    text = pdf_text(compose(answers, language))
    assert "+1 555 0100" in text and "emily@northwind.example" in text
    assert "12 Harbor Street" in text


def test_a_cong_van_closes_with_the_issuers_contact_details():
    data = case(channel="letter", **{"recipient.country": "VN", "letter": {"vi_national_header": True}})
    letter = compose(parse_case(data, language="vi"), "vi")
    assert letter.official
    text = pdf_text(letter)
    assert "Địa chỉ: 12 Harbor Street, Boston, MA 02110" in text
    assert "ĐT: +1 555 0100; Email: emily@northwind.example" in text


def test_a_chinese_letter_has_its_address_in_the_letterhead():
    text = pdf_text(compose(parse_case(case(channel="letter"), language="zh-hans"), "zh-hans"))
    head = text.split("关于", 1)[0]
    assert "Northwind Studio Ltd" in head and "地址：12 Harbor Street" in head
