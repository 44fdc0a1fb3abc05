import re

import pytest

from composer.letters import compose

from .cases import PAYMENT, answers

ENGLISH_LEAKS = re.compile(r"\b(the|we|our|you|your|and|delay|payment)\b", re.IGNORECASE)


def text_of(letter):
    return letter.all_text()


class TestEnglish:
    def test_a_us_letter_follows_us_conventions(self):
        letter = compose(answers())
        assert letter.date_line == "December 8, 2026"
        assert letter.date_position == "top"
        assert letter.salutation == "Dear Ms. Collins,"
        assert letter.closing == ("Sincerely,",)
        assert (
            letter.subject
            == "Notice of delay: Spring campaign website (ref. SOW-118) – revised delivery date January 12, 2027"
        )
        assert letter.letterhead[0] == "Northwind Studio Ltd"
        assert letter.inside_address[:3] == ("Ms. Laura Collins", "Marketing Director", "Bluebird Retail Inc.")
        body = letter.body_text
        assert "by the agreed date of December 15, 2026" in body
        assert "counting on it for the spring sale launch" in body
        assert "The new delivery date is January 12, 2027" in body
        assert "December 23, 2026: New payment API integrated" in body
        assert "a discount of 10% on Spring campaign website" in body
        assert (
            "every Friday (December 11, 2026, December 18, 2026, December 25, 2026, January 1, 2027, and January 8, 2027)"
            in body
        )

    def test_a_gb_letter_follows_gb_conventions(self):
        letter = compose(answers(**{"letter": {"en_variant": "GB"}}))
        assert letter.date_line == "8 December 2026"
        assert letter.salutation == "Dear Ms Collins,"
        assert letter.closing == ("Yours sincerely,",)
        assert "15 December 2026" in letter.body_text

    def test_without_a_name_it_writes_to_sir_or_madam(self):
        letter = compose(answers(**{"recipient.name": None, "letter": {"en_variant": "GB"}}))
        assert letter.salutation == "Dear Sir or Madam,"
        assert letter.closing == ("Yours faithfully,",)

    def test_an_email_has_no_letterhead_address_or_date(self):
        letter = compose(answers(channel="email"))
        assert letter.letterhead == () and letter.inside_address == () and letter.date_position == "none"
        assert letter.closing == ("Kind regards,",)
        assert "Tel.: +1 555 0100" in letter.signature

    def test_a_late_notice_apologises_for_the_late_notice(self):
        letter = compose(answers(notice_date="2026-12-18", **{"plan.milestones": [], "plan.updates": None}))
        assert "which was due on December 15, 2026 and has not yet been delivered" in letter.body_text
        assert "for not informing you before the deadline" in letter.body_text

    @pytest.mark.parametrize(
        ("tone", "phrase"),
        [("formal", "As a gesture of goodwill"), ("warm", "I am truly sorry"), ("concise", "We offer:")],
    )
    def test_the_tone_changes_the_wording(self, tone, phrase):
        assert phrase in compose(answers(tone=tone)).body_text

    def test_a_concise_notice_is_shorter(self):
        assert len(compose(answers(tone="concise")).body_text) < len(compose(answers(tone="formal")).body_text)

    def test_the_cause_never_reads_as_force_majeure(self):
        for category in ("external_event", "supplier", "third_party"):
            body = compose(answers(**{"cause.category": category, "cause.responsibility": "outside"})).body_text
            assert "force majeure" not in body.lower() and "compensation" not in body.lower()
            assert "we take responsibility for the new schedule" in body

    def test_a_payment_notice_is_a_request(self):
        letter = compose(answers(PAYMENT, language="en", tone="formal", channel="letter"))
        body = letter.body_text
        assert letter.subject == "Request for a revised payment date – Hóa đơn số 0001234"
        assert "for ₫25,000,000, due on March 5, 2027" in body
        assert "We respectfully ask you to agree to a new payment date of April 9, 2027" in body
        assert "a partial payment of ₫10,000,000 by March 5, 2027" in body
        assert "the balance in 2 instalments: ₫7,500,000 on March 26, 2027; ₫7,500,000 on April 9, 2027" in body

    def test_usd_money_is_formatted_by_babel(self):
        data = {"commitment.amount": {"value": "1234.5", "currency": "USD"}, "remedies": []}
        assert "$1,234.50" in compose(answers(PAYMENT, language="en", **data)).body_text
        gb = compose(answers(PAYMENT, language="en", letter={"en_variant": "GB"}, **data))
        assert "US$1,234.50" in gb.body_text

    def test_every_n_days_lists_the_update_dates(self):
        letter = compose(answers(**{"plan.updates": {"cadence": "every_n_days", "days": 10}}))
        assert "every 10 days (December 18, 2026, December 28, 2026, and January 7, 2027)" in letter.body_text

    def test_many_updates_are_given_as_a_range(self):
        letter = compose(answers(**{"plan.updates": {"cadence": "every_n_days", "days": 2}}))
        assert "every 2 days, from December 10, 2026 to January 11, 2027" in letter.body_text

    def test_no_cadence_means_no_update_sentence(self):
        assert "progress report" not in compose(answers(**{"plan.updates": {"cadence": "none"}})).body_text

    @pytest.mark.parametrize(
        ("kind", "params", "phrase"),
        [
            ("free_extra", {"description": "two extra landing pages"}, "free of charge: two extra landing pages"),
            (
                "partial_delivery",
                {"description": "the home page", "date": "2026-12-18"},
                "a partial delivery by December 18, 2026: the home page",
            ),
            ("priority", {"description": "a second developer"}, "priority handling: a second developer"),
        ],
    )
    def test_each_deliverable_remedy_is_written_out(self, kind, params, phrase):
        assert phrase in compose(answers(remedies=[{"kind": kind, **params}])).body_text

    @pytest.mark.parametrize(
        ("remedy", "phrase"),
        [
            ({"kind": "late_fee_accepted", "amount": "500000"}, "we accept the late fee of ₫500,000"),
            ({"kind": "late_fee_accepted", "percent": 1.5}, "we accept a late fee of 1.5% of the amount due"),
            ({"kind": "guarantee", "description": "a post-dated cheque"}, "as a guarantee: a post-dated cheque"),
        ],
    )
    def test_each_payment_remedy_is_written_out(self, remedy, phrase):
        assert phrase in compose(answers(PAYMENT, language="en", remedies=[remedy])).body_text

    def test_the_chat_version_is_short(self):
        letter = compose(answers(channel="chat"))
        assert letter.chat.startswith("Hello Ms. Collins,")
        assert "The new date is January 12, 2027" in letter.chat
        assert len(letter.chat) <= 500


class TestChinese:
    def test_a_letter_follows_the_han_layout(self):
        letter = compose(answers(), "zh-hans")
        assert letter.title.startswith("关于“Spring campaign website”")
        assert letter.salutation.startswith("尊敬的") and letter.salutation.endswith("：")
        assert letter.greeting == "您好！"
        assert letter.closing == ("此致", "敬礼！")
        assert letter.date_position == "bottom"
        assert letter.date_line == "2026年12月8日"
        assert letter.signature[0] == "Northwind Studio Ltd"

    def test_dates_weekdays_and_lists_are_chinese(self):
        body = compose(answers(), "zh-hans").body_text
        assert "2026年12月15日" in body and "2027年1月12日" in body
        assert "星期五" in body
        assert "2026年12月11日、2026年12月18日" in body
        assert "10%" in body and "九折" not in body

    def test_it_addresses_by_surname_and_title(self):
        letter = compose(
            answers(**{"recipient.name": "王芳", "recipient.title": "采购经理", "recipient.honorific": "ms"}), "zh-hans"
        )
        assert letter.salutation == "尊敬的王经理："
        email = compose(
            answers(
                channel="email", **{"recipient.name": "欧阳明", "recipient.title": "", "recipient.honorific": "mr"}
            ),
            "zh-hans",
        )
        assert email.salutation == "欧阳先生，您好！"

    def test_the_body_is_chinese_and_polite(self):
        body = compose(answers(), "zh-hans").body_text
        assert "您" in body and "你" not in body.replace("您", "")
        assert "歉" in body
        assert not ENGLISH_LEAKS.search(
            body.replace("Spring campaign website", "")
            .replace("SOW-118", "")
            .replace("The payment provider changed its API on December 1.", "")
            .replace("New payment API integrated", "")
            .replace("Automated tests now cover the payment integration.", "")
            .replace("the spring sale launch", "")
        )
        assert "不可抗力" not in body and "赔偿" not in body

    def test_an_email_subject_carries_the_company(self):
        letter = compose(answers(channel="email"), "zh-hans")
        assert letter.subject.startswith("【Northwind Studio Ltd】")
        assert letter.closing == ("顺祝商祺！",)
        assert letter.signature == (
            "Emily Carter | Project Manager | Northwind Studio Ltd | +1 555 0100 | emily@northwind.example",
        )

    def test_a_payment_request_in_chinese(self):
        letter = compose(
            answers(PAYMENT, **{"commitment.amount": {"value": "12345.6", "currency": "CNY"}, "remedies": []}),
            "zh-hans",
        )
        assert "¥12,345.60" in letter.body_text
        assert "2027年4月9日" in letter.body_text

    def test_the_chat_version_fits_wechat(self):
        letter = compose(answers(channel="chat"), "zh-hans")
        assert len(letter.chat) <= 300
        assert "2027年1月12日" in letter.chat


class TestVietnamese:
    def test_an_official_letter_has_the_national_header(self):
        letter = compose(answers(PAYMENT, channel="letter", letter={"number": "15/CV-SM"}))
        assert letter.official.motto == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
        assert letter.official.issuer == "CÔNG TY TNHH SAO MAI"
        assert letter.official.number == "Số: 15/CV-SM"
        assert letter.official.about.startswith("V/v ")
        assert letter.official.date_line == "Hà Nội, ngày 26 tháng 02 năm 2027"
        assert letter.addressee_line == "Kính gửi: Công ty Cổ phần Minh Long"
        assert letter.closing == ("Trân trọng./.",)
        assert letter.signature == ("GIÁM ĐỐC", "Nguyễn Văn Nam")
        assert letter.copies[0] == "Nơi nhận:"

    def test_the_date_line_pads_day_and_early_months_only(self):
        letter = compose(
            answers(
                PAYMENT,
                channel="letter",
                notice_date="2027-03-05",
                **{"plan.new_deadline": "2027-04-09", "remedies": []},
            )
        )
        assert letter.official.date_line.endswith("ngày 05 tháng 3 năm 2027")

    def test_the_header_is_off_for_foreign_recipients_and_email(self):
        foreign = compose(answers(PAYMENT, channel="letter", **{"recipient.country": "SG"}))
        assert foreign.official is None and foreign.date_line == "Hà Nội, ngày 26 tháng 02 năm 2027"
        assert compose(answers(PAYMENT)).official is None

    def test_an_email_addresses_the_person_and_prefixes_the_company(self):
        letter = compose(answers(PAYMENT, tone="warm"))
        assert letter.salutation == "Kính gửi chị Hoa,"
        assert letter.subject.startswith("[Công ty TNHH Sao Mai] ")
        assert letter.closing[0].startswith("Trân trọng")

    def test_money_and_dates_are_vietnamese(self):
        body = compose(answers(PAYMENT)).body_text
        assert "25.000.000\u00a0đồng" in body
        assert "10.000.000\u00a0đồng" in body
        assert "05/03/2027" in body and "09/04/2027" in body
        assert "bạn" not in body.split() and "mình" not in body.split()
        assert "bất khả kháng" not in body and "bồi thường" not in body

    def test_weekdays_are_lower_case_mid_sentence(self):
        body = compose(answers(), "vi").body_text
        assert "thứ Sáu" in body and "Thứ Sáu" not in body

    def test_the_chat_version_fits_zalo(self):
        letter = compose(answers(PAYMENT, channel="chat"))
        assert len(letter.chat) <= 500
        assert "09/04/2027" in letter.chat


@pytest.mark.parametrize("language", ["zh-hans", "vi", "en"])
@pytest.mark.parametrize("channel", ["letter", "email", "chat"])
def test_composition_does_not_depend_on_the_active_language(language, channel):
    from django.utils import translation

    with translation.override("en"):
        a = compose(answers(channel=channel), language)
    with translation.override("vi"):
        b = compose(answers(channel=channel), language)
    assert a == b
    assert a.language == language
