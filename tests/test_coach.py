from dataclasses import replace

import pytest
from django.utils import translation

from composer.coach import MISSING, OK, WARNING, blame_phrases, check
from composer.letters import Block, compose

from .cases import PAYMENT, answers


def findings(a, letter=None):
    letter = letter or compose(a)
    return {f.rule: f for f in check(a, letter)}


def statuses(found):
    return {rule: f.status for rule, f in found.items()}


@pytest.mark.parametrize("language", ["en", "zh-hans", "vi"])
def test_a_good_notice_passes_every_rule(language):
    a = answers(language=language, **{"plan.updates": {"cadence": "weekly", "weekday": 2}})
    found = findings(a)
    assert {f"C{i}" for i in range(1, 11)} <= set(found)
    assert {rule for rule, status in statuses(found).items() if status != OK} == set()


def test_every_finding_links_to_a_wizard_step():
    for f in check(answers(), compose(answers())):
        assert f.step in {"commitment", "cause", "plan", "remedies", "style", "review"}
        assert f.message


def test_a_late_urgent_notice_is_flagged_early_and_suggests_a_call():
    found = findings(answers(notice_date="2026-12-17", **{"plan.milestones": [], "plan.updates": None}))
    assert found["C1"].status == WARNING and "2 days ago" in found["C1"].message
    assert found["C2"].status == WARNING and "call them first" in found["C2"].message


def test_a_deadline_two_days_away_suggests_a_call():
    assert findings(answers(notice_date="2026-12-13"))["C2"].status == WARNING
    assert findings(answers(notice_date="2026-12-12"))["C2"].status == OK


def test_a_long_explanation_is_flagged():
    found = findings(answers(**{"cause.explanation": "word " * 70}))
    assert found["C3"].status == WARNING and found["C3"].step == "cause"


def test_a_long_chinese_explanation_is_counted_in_characters():
    a = answers(language="zh-hans", **{"cause.explanation": "由于供应商的交货时间比原定计划推迟，" * 7})
    assert findings(a)["C3"].status == WARNING
    short = answers(language="zh-hans", **{"cause.explanation": "供应商交货推迟了九天。"})
    assert findings(short)["C3"].status == OK


def test_edits_without_an_apology_or_an_invitation_are_caught():
    a = answers()
    letter = compose(a)
    edited = replace(letter, blocks=(Block("The website will be ready on January 12, 2027."),))
    found = findings(a, letter=edited)
    assert found["C4"].status == MISSING
    assert found["C10"].status == MISSING
    assert found["C5"].status == WARNING


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "This was due to force majeure and is not our fault."),
        ("zh-hans", "此次延误属于不可抗力，责任不在我方。"),
        ("vi", "Đây là trường hợp bất khả kháng, không phải lỗi của chúng tôi."),
    ],
)
def test_blame_shifting_is_caught_in_each_language(language, text):
    found = findings(answers(language=language, **{"cause.explanation": text}))
    assert found["C6"].status == WARNING
    assert found["C6"].step == "cause"


def test_blame_phrases_are_listed():
    assert blame_phrases("Beyond our control; we offer compensation.") == ["beyond our control", "compensation"]
    assert blame_phrases("由于贵方资料迟到，我方不承担赔偿。") == ["由于贵方", "赔偿"]
    assert blame_phrases("Do Quý khách gửi tài liệu chậm.") == ["do quý khách"]
    assert blame_phrases("We are sorry for the delay.") == []


def test_missing_measures_and_remedies_are_pointed_at_their_steps():
    found = findings(answers(remedies=[], **{"plan.measures": None}))
    assert found["C8"].status == MISSING and found["C8"].step == "plan"
    assert found["C9"].status == WARNING and found["C9"].step == "remedies"
    assert "discount" in found["C9"].message
    payment = findings(answers(PAYMENT, remedies=[]))
    assert "instalment plan" in payment["C9"].message


def test_without_the_recipients_need_the_coach_asks_for_it():
    found = findings(answers(**{"commitment.needed_for": None}))
    assert found["C5"].status == WARNING and found["C5"].step == "commitment"


@pytest.mark.parametrize("language", ["en", "zh-hans", "vi"])
@pytest.mark.parametrize("needed_by", [None, "2027-01-20", "2027-01-05"], ids=["undated", "in-time", "too-late"])
def test_a_chat_names_what_they_need_it_for_and_the_coach_sees_it(language, needed_by):
    changes = {"channel": "chat", "commitment.needed_by": needed_by}
    a = answers(language=language, **changes)
    letter = compose(a)
    need = {"en": "the spring sale launch", "zh-hans": "春季促销上线", "vi": "đợt ra mắt khuyến mãi mùa xuân"}[language]
    assert need in letter.chat
    assert "impact" in letter.roles
    assert findings(a, letter)["C5"].status == OK


@pytest.mark.parametrize("language", ["en", "zh-hans", "vi"])
def test_a_payment_chat_says_what_the_money_was_for(language):
    need = {"en": "your month-end payroll", "zh-hans": "下月的原料采购", "vi": "kế hoạch nhập hàng tháng tới"}[language]
    a = answers(PAYMENT, language=language, channel="chat", **{"commitment.needed_for": need})
    letter = compose(a)
    said = {
        "en": "We know you were counting on it for your month-end payroll.",
        "zh-hans": "我们知道这笔钱关系到您下月的原料采购，实在过意不去。",
        "vi": "Chúng tôi hiểu chị cần khoản tiền này cho kế hoạch nhập hàng tháng tới.",
    }[language]
    assert said in letter.chat
    assert findings(a, letter)["C5"].status == OK


def test_a_new_deadline_on_a_weekend_or_holiday_is_flagged():
    weekend = findings(answers(**{"plan.new_deadline": "2027-01-10"}))
    assert weekend["C7"].status == WARNING and "weekend" in weekend["C7"].message
    holiday = findings(answers(**{"plan.new_deadline": "2027-01-18"}))  # Martin Luther King Jr. Day
    assert "Martin Luther King" in holiday["C7"].message


def test_update_days_moved_for_holidays_are_reported():
    found = findings(answers())
    assert found["A2"].status == OK
    assert "December 25, 2026 (Christmas Day) → December 24, 2026" in found["A2"].message
    assert "January 1, 2027 (New Year's Day) → December 31, 2026" in found["A2"].message


def test_an_unexplained_cause_and_an_undated_plan_are_pointed_out():
    found = findings(answers(**{"cause.explanation": None, "plan.milestones": [], "plan.updates": None}))
    assert found["P1"].status == WARNING and found["P1"].step == "cause"
    assert found["P2"].status == WARNING and "Nothing is dated" in found["P2"].message


def test_text_that_reads_as_another_language_is_flagged():
    a = answers(language="vi", **{"commitment.title": {"vi": "Website ban hang mua xuan"}})
    found = findings(a)
    assert found["L1"].status == WARNING and found["L1"].step == "commitment"
    assert "diacritics" in found["L1"].message
    assert "L1" not in findings(answers(language="vi"))


def test_the_recipients_country_decides_the_holidays():
    # 2027-02-08 is a Tết holiday in Vietnam and a Monday in the United States.
    vn = answers(**{"plan.new_deadline": "2027-02-08", "recipient.country": "VN"})
    us = answers(**{"plan.new_deadline": "2027-02-08", "recipient.country": "US"})
    assert findings(vn)["C7"].status == WARNING
    assert findings(us)["C7"].status == OK


def test_a_chinese_make_up_working_day_is_not_a_weekend():
    # Sunday 2026-01-04 is a working day in China (调休).
    a = answers(
        language="zh-hans",
        notice_date="2025-12-20",
        **{
            "commitment.original_deadline": "2025-12-30",
            "plan.new_deadline": "2026-01-04",
            "plan.milestones": [],
            "plan.updates": None,
            "recipient.country": "CN",
            "remedies": [],
        },
    )
    assert findings(replace(a))["C7"].status == OK


def test_messages_follow_the_interface_language():
    cn = answers(**{"plan.new_deadline": "2027-01-01", "recipient.country": "CN"})
    vn = answers(**{"plan.new_deadline": "2027-01-01", "recipient.country": "VN"})
    with translation.override("zh-hans"):
        zh = findings(cn)
    with translation.override("vi"):
        vi = findings(vn)
    assert "2027年1月1日" in zh["C7"].message and "元旦" in zh["C7"].message
    assert "01/01/2027" in vi["C7"].message and "Tết Dương lịch" in vi["C7"].message
