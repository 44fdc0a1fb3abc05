import datetime as dt
from decimal import Decimal

import pytest

from composer.answers import CaseError, parse_case

from .cases import PAYMENT, case


def problems(data):
    with pytest.raises(CaseError) as info:
        parse_case(data)
    return {p.path: p.message for p in info.value.problems}


def test_it_parses_a_deliverable_case():
    a = parse_case(case())
    assert a.kind == "deliverable"
    assert a.commitment.original_deadline == dt.date(2026, 12, 15)
    assert a.plan.new_deadline == dt.date(2027, 1, 12)
    assert a.plan.milestones[0].description == "New payment API integrated"
    assert a.remedies[0].percent == Decimal(10)
    assert a.slip_days == 28
    assert not a.is_late


def test_it_parses_a_payment_case_with_money():
    a = parse_case(case(PAYMENT))
    assert a.commitment.amount.value == Decimal("25000000")
    assert a.currency == "VND"
    assert [i.amount for i in a.remedies[1].schedule] == [Decimal("7500000"), Decimal("7500000")]


def test_it_rejects_a_new_deadline_not_after_the_original():
    found = problems(case(**{"plan.new_deadline": "2026-12-15", "plan.milestones": []}))
    assert "must be after the original deadline" in found["plan.new_deadline"]


def test_it_rejects_milestones_outside_the_window():
    data = case(
        **{
            "plan.milestones": [
                {"date": "2027-02-01", "description": "Late"},
                {"date": "2026-12-01", "description": "Early"},
            ]
        }
    )
    found = problems(data)
    assert "between the notice date" in found["plan.milestones[0].date"]
    assert "between the notice date" in found["plan.milestones[1].date"]


@pytest.mark.parametrize("percent", [0, -5, 100.5, "abc", True])
def test_it_rejects_a_percent_outside_0_100(percent):
    found = problems(case(remedies=[{"kind": "discount", "percent": percent}]))
    assert "remedies[0].percent" in found


def test_it_accepts_a_percent_of_100():
    assert parse_case(case(remedies=[{"kind": "discount", "percent": 100}])).remedies[0].percent == 100


@pytest.mark.parametrize("value", ["0", "-100", "12,5", "1e5", 12.5, "99999999999999999"])
def test_it_rejects_bad_amounts(value):
    found = problems(case(PAYMENT, **{"commitment.amount.value": value}))
    assert "commitment.amount.value" in found


def test_it_rejects_decimals_a_currency_does_not_have():
    found = problems(case(PAYMENT, **{"commitment.amount.value": "25000000.50"}))
    assert "VND" in found["commitment.amount.value"]


def test_it_rejects_an_unknown_currency():
    found = problems(case(PAYMENT, **{"commitment.amount.currency": "XYZ"}))
    assert "not a known currency" in found["commitment.amount.currency"]


def test_it_rejects_unknown_category_remedy_and_field():
    data = case(**{"cause.category": "bad_luck", "cause.mood": "sad"})
    data["remedies"] = [{"kind": "instalments", "schedule": []}]
    found = problems(data)
    assert "must be one of" in found["cause.category"]
    assert "not a known field" in found["cause.mood"]
    assert "partial_payment" not in found["remedies[0].kind"] and "discount" in found["remedies[0].kind"]


def test_it_rejects_over_long_text():
    found = problems(case(**{"cause.explanation": "x" * 601, "commitment.title": "t" * 201}))
    assert "too long" in found["cause.explanation"]
    assert "too long" in found["commitment.title"]


@pytest.mark.parametrize(
    "bad", ["line\nbreak", "tab\there", "nul\x00", "bell\x07", "sep\u2028", "rlo\u202eexe", "zw\u200bsp"]
)
def test_it_refuses_control_characters_in_single_line_fields(bad):
    found = problems(case(**{"recipient.name": bad}))
    assert "control characters" in found["recipient.name"]


def test_it_keeps_line_breaks_in_multiline_fields():
    a = parse_case(case(**{"cause.explanation": "First line.\r\nSecond line."}))
    assert a.cause.explanation == "First line.\nSecond line."


@pytest.mark.parametrize("date", ["2027-02-30", "2027-13-01", "12/01/2027", "2027-1-5"])
def test_it_rejects_an_impossible_date(date):
    found = problems(case(**{"plan.new_deadline": date}))
    assert "plan.new_deadline" in found


def test_it_needs_an_amount_for_a_payment():
    found = problems(case(PAYMENT, **{"commitment.amount": None}))
    assert found["commitment.amount"] == "is required."


def test_it_rejects_instalments_above_the_amount_due():
    data = case(PAYMENT)
    data["remedies"] = [{"kind": "instalments", "schedule": [{"date": "2027-03-26", "amount": "30000000"}]}]
    assert "more than the amount due" in problems(data)["remedies[0].schedule"]


def test_it_reports_every_problem_at_once():
    data = case(**{"language": "fr", "tone": "angry", "channel": "fax", "recipient.country": "XX"})
    found = problems(data)
    assert {"language", "tone", "channel", "recipient.country"} <= set(found)


def test_it_rejects_a_case_that_is_not_an_object():
    assert "(case)" in problems([1, 2])


def test_a_deliverable_case_cannot_take_payment_remedies():
    data = case(remedies=[{"kind": "partial_payment", "amount": "100", "date": "2026-12-20"}])
    assert "remedies[0].kind" in problems(data)


def test_late_fee_takes_an_amount_a_percent_or_the_contracts_fee():
    data = case(PAYMENT)
    data["remedies"] = [{"kind": "late_fee_accepted", "amount": "100000", "percent": 2}]
    assert "not both" in problems(data)["remedies[0]"]
    data["remedies"] = [{"kind": "late_fee_accepted", "percent": 2}]
    assert parse_case(data).remedies[0].percent == 2
    data["remedies"] = [{"kind": "late_fee_accepted"}]
    fee = parse_case(data).remedies[0]
    assert (fee.amount, fee.percent) == (None, None)


class TestTextsPerLanguage:
    def test_a_text_is_taken_in_the_notices_language(self):
        assert parse_case(case(), language="zh-hans").cause.explanation == "支付服务商在12月1日更改了接口。"
        assert parse_case(case(), language="vi").commitment.title == "Website chiến dịch mùa xuân"
        assert parse_case(case()).commitment.needed_for == "the spring sale launch"

    def test_a_field_without_text_in_the_language_is_named(self):
        data = case(**{"cause.explanation": "The payment provider changed its API on December 1."})
        with pytest.raises(CaseError) as info:
            parse_case(data, language="vi")
        assert [(p.path, p.message, p.code) for p in info.value.problems] == [
            ("cause.explanation", "has no text in Tiếng Việt.", "missing_text")
        ]

    def test_a_plain_string_clearly_in_another_language_counts_as_that_language(self):
        data = case(**{"cause.explanation": "杯盖注塑件的供应商模具出现故障。"})
        assert "cause.explanation" in problems(data)
        assert parse_case(data, language="zh-hans").cause.explanation == "杯盖注塑件的供应商模具出现故障。"
        data = case(**{"commitment.needed_for": "đợt khuyến mãi Tết"})
        assert problems(data)["commitment.needed_for"] == "has no text in English."

    def test_english_and_vietnamese_without_diacritics_are_told_apart(self):
        english = case(**{"language": "vi", "cause.explanation": "The payment provider changed its API on December 1."})
        assert "cause.explanation" in {p.path for p in _problems(english, "vi")}
        typed = case(**{"language": "vi", "commitment.title": "Website ban hang"})
        assert parse_case(typed, language="vi").commitment.title == "Website ban hang"

    def test_an_entry_in_the_wrong_language_is_refused(self):
        data = case(**{"cause.explanation": {"vi": "The payment provider changed its API on December 1."}})
        assert problems(data)["cause.explanation.vi"] == "is written in English, not in Tiếng Việt."

    def test_a_name_to_keep_fits_every_language(self):
        data = case(**{"commitment.title": {"keep": "Pip and the Paper Moon"}})
        for language in ("zh-hans", "vi", "en"):
            a = parse_case(data, language=language)
            assert (a.commitment.title, a.commitment.title_is_name) == ("Pip and the Paper Moon", True)

    def test_text_without_words_fits_every_language(self):
        data = case(**{"plan.milestones": [{"date": "2026-12-23", "description": "v2.1"}]})
        assert parse_case(data, language="zh-hans").plan.milestones[0].description == "v2.1"

    def test_names_may_be_given_per_language(self):
        data = case(**{"recipient.name": {"zh-hans": "刘建国", "en": "Liu Jianguo"}})
        assert parse_case(data).recipient.name == "Liu Jianguo"
        assert parse_case(data, language="zh-hans").recipient.name == "刘建国"
        assert parse_case(data, language="vi").recipient.name == "Liu Jianguo"


def _problems(data, language):
    with pytest.raises(CaseError) as info:
        parse_case(data, language=language)
    return info.value.problems


def test_who_speaks_to_whom_has_defaults_and_choices():
    a = parse_case(case())
    assert (a.sender.kind, a.recipient.kind) == ("organization", "company")
    data = case(**{"sender.kind": "individual", "recipient.kind": "bank", "recipient.address_as": {"en": "Laura"}})
    a = parse_case(data)
    assert (a.sender.kind, a.recipient.kind, a.recipient.address_as) == ("individual", "bank", "Laura")
    assert parse_case(data, language="vi").recipient.address_as == ""
    assert "recipient.kind" in problems(case(**{"recipient.kind": "government"}))


def test_updates_may_fall_on_several_weekdays():
    a = parse_case(case(**{"plan.updates": {"cadence": "weekly", "weekday": [3, 0, 3]}}))
    assert a.plan.updates.weekdays == (0, 3)
    assert "plan.updates.weekday" in problems(case(**{"plan.updates": {"cadence": "weekly", "weekday": [7]}}))


def test_needed_by_is_a_date():
    assert parse_case(case(**{"commitment.needed_by": "2027-01-20"})).commitment.needed_by == dt.date(2027, 1, 20)
    assert "commitment.needed_by" in problems(case(**{"commitment.needed_by": "soon"}))


def test_notice_date_defaults_to_today():
    data = case(**{"notice_date": None})
    data["plan"]["milestones"] = []
    data["commitment"]["original_deadline"] = "2099-01-01"
    data["plan"]["new_deadline"] = "2099-02-01"
    a = parse_case(data, today=dt.date(2098, 12, 1))
    assert a.notice_date == dt.date(2098, 12, 1)
