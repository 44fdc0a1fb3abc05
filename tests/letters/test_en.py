"""The English writer: whole sentences of the letters it writes, US and British, for each kind of case."""

import copy
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from composer.answers import parse_case
from composer.exports.text import plain_text
from composer.letters import compose

SHIPMENT = {
    "language": "en",
    "kind": "deliverable",
    "subkind": "shipment",
    "sender": {
        "kind": "organization",
        "name": "Denise Alvarez",
        "title": "Director of Customer Operations",
        "organization": "Harbor Point Packaging Co.",
        "email": "dalvarez@harborpointpack.example",
        "phone": "(414) 555-0187",
        "address": "2400 South Kinnickinnic Avenue\nMilwaukee, WI 53207",
    },
    "recipient": {
        "kind": "company",
        "name": "Kevin Tran",
        "title": "Vice President of Operations",
        "honorific": "mr",
        "organization": "Trailhead Coffee Roasters, Inc.",
        "address": "1520 Fourth Avenue South\nSeattle, WA 98134",
        "country": "US",
    },
    "commitment": {
        "title": "Printed coffee bags",
        "reference": "PO #TR-5521",
        "original_deadline": "2027-06-04",
        "needed_for": "the fall blend filling run",
        "needed_by": "2027-06-24",
    },
    "cause": {
        "category": "supplier",
        "responsibility": "outside",
        "explanation": "The laminate film for your bags failed our seal-strength test when it arrived, and our film "
        "supplier cannot ship a replacement roll until June 8.",
    },
    "plan": {
        "new_deadline": "2027-06-17",
        "milestones": [
            {"date": "2027-06-09", "description": "Replacement film tested and approved"},
            {"date": "2027-06-14", "description": "Printing and lamination complete"},
            {"date": "2027-06-16", "description": "Bags packed and loaded for delivery"},
        ],
        "measures": "We have approved a second supplier for every laminate we use, so one late roll cannot hold up "
        "an order again.",
        "updates": {"cadence": "weekly", "weekday": [0, 3]},
    },
    "remedies": [
        {"kind": "discount", "percent": 8, "description": "the printing charge on this order"},
        {"kind": "priority", "description": "a dedicated press line as soon as the film is approved"},
    ],
    "tone": "formal",
    "channel": "letter",
    "letter": {"en_variant": "US"},
    "notice_date": "2027-05-27",
}

RENT = {
    "language": "en",
    "kind": "payment",
    "subkind": "rent",
    "sender": {
        "kind": "individual",
        "name": "Tom Reilly",
        "email": "tom.reilly@example.com",
        "phone": "07700 900733",
        "address": "Flat 3, 14 Elm Grove\nBristol BS6 5RQ",
    },
    "recipient": {"kind": "person", "name": "Graham Hughes", "honorific": "mr", "country": "GB"},
    "commitment": {
        "title": "March rent",
        "original_deadline": "2027-03-01",
        "amount": {"value": "1450", "currency": "GBP"},
    },
    "cause": {
        "category": "third_party",
        "responsibility": "outside",
        "explanation": "My largest client has moved its payment run to mid-March, so the invoice I was relying on "
        "for the rent won't be paid until the 12th.",
    },
    "plan": {
        "new_deadline": "2027-03-15",
        "measures": "I've opened a separate account for the rent so that from now on it's always a month ahead.",
    },
    "remedies": [{"kind": "partial_payment", "amount": "600", "date": "2027-03-01"}, {"kind": "late_fee_accepted"}],
    "tone": "warm",
    "channel": "email",
    "letter": {"en_variant": "GB"},
    "notice_date": "2027-02-22",
}

LOAN = {
    "language": "en",
    "kind": "payment",
    "subkind": "loan",
    "sender": {
        "kind": "organization",
        "name": "Luis Moreno",
        "title": "Owner",
        "organization": "Moreno Family Bakery LLC",
        "email": "luis@morenobakery.example",
        "phone": "(210) 555-0163",
    },
    "recipient": {
        "kind": "bank",
        "name": "Angela Reyes",
        "title": "Relationship Manager",
        "honorific": "ms",
        "organization": "Alamo Community Bank",
        "country": "US",
    },
    "commitment": {
        "title": "May loan installment",
        "reference": "Loan no. 40-118236",
        "original_deadline": "2027-05-14",
        "amount": {"value": "4200", "currency": "USD"},
    },
    "cause": {
        "category": "external_event",
        "responsibility": "outside",
        "explanation": "A burst water main in front of our shop closed us for nine days in April, and we lost most "
        "of that month's wholesale orders.",
    },
    "plan": {
        "new_deadline": "2027-06-15",
        "measures": "We have taken out business interruption insurance and now keep one month of loan payments in a "
        "separate reserve account.",
    },
    "remedies": [
        {"kind": "partial_payment", "amount": "1500", "date": "2027-05-14"},
        {
            "kind": "instalments",
            "schedule": [{"date": "2027-05-28", "amount": "1350"}, {"date": "2027-06-15", "amount": "1350"}],
        },
        {"kind": "late_fee_accepted"},
    ],
    "tone": "formal",
    "channel": "email",
    "letter": {"en_variant": "US"},
    "notice_date": "2027-05-06",
}

KITCHEN = {
    "language": "en",
    "kind": "deliverable",
    "subkind": "service",
    "sender": {"kind": "individual", "name": "Mike", "title": "Kitchen fitter", "phone": "07700 900582"},
    "recipient": {"kind": "person", "name": "Sarah", "country": "GB", "address_as": {"en": "Sarah"}},
    "commitment": {"title": "Worktop fitting", "original_deadline": "2027-05-06"},
    "cause": {
        "category": "supplier",
        "responsibility": "outside",
        "explanation": "The stone supplier's cutting machine has broken down, so your worktops won't be ready in time.",
    },
    "plan": {"new_deadline": "2027-05-13"},
    "remedies": [{"kind": "discount", "percent": 10}],
    "tone": "warm",
    "channel": "chat",
    "letter": {"en_variant": "GB"},
    "notice_date": "2027-04-29",
}


def write(base, **changes):
    data = copy.deepcopy(base)
    for path, value in changes.items():
        target = data
        *parents, last = path.split(".")
        for key in parents:
            target = target.setdefault(key, {})
        if value is None:
            target.pop(last, None)
        else:
            target[last] = value
    return compose(parse_case(data, language="en", today=dt.date(2027, 1, 4)))


def body(letter):
    return "\n".join([b.text for b in letter.blocks] + [i for b in letter.blocks for i in b.items])


def sentences(letter):
    return re.split(r"(?<=[.?!])\s+", body(letter))


class TestUsLetter:
    def test_it_has_the_us_business_layout(self):
        letter = write(SHIPMENT)
        assert letter.letterhead == (
            "Harbor Point Packaging Co.",
            "2400 South Kinnickinnic Avenue · Milwaukee, WI 53207",
            "(414) 555-0187 · dalvarez@harborpointpack.example",
        )
        assert letter.date_line == "May 27, 2027"
        assert letter.inside_address[:3] == (
            "Mr. Kevin Tran",
            "Vice President of Operations",
            "Trailhead Coffee Roasters, Inc.",
        )
        assert letter.subject_label == "Subject:"
        assert letter.subject == (
            "Notice of delay – Printed coffee bags (PO #TR-5521), revised delivery date June 17, 2027"
        )
        assert letter.salutation == "Dear Mr. Tran:"
        assert letter.closing == ("Sincerely,",)
        assert letter.signature[0] == "Denise Alvarez"

    def test_it_opens_with_the_news_and_whether_the_need_is_still_met(self):
        opening = write(SHIPMENT).blocks[0].text
        assert opening == (
            "The printed coffee bags on PO #TR-5521 will not reach you on June 4 as scheduled. "
            "The new delivery date is Thursday, June 17. "
            "That still leaves a week before the fall blend filling run on June 24, "
            "but we know it takes away most of the margin you had planned for."
        )

    def test_the_users_cause_comes_first_then_owning_the_date(self):
        cause = write(SHIPMENT).blocks[1].text
        assert cause.startswith("The laminate film for your bags failed our seal-strength test")
        assert cause.endswith(
            "The cause was outside our control, but the date we gave you was our responsibility, "
            "and we apologize for missing it."
        )

    def test_three_milestones_are_a_list(self):
        block = write(SHIPMENT).blocks[2]
        assert block.text == "The schedule from here:"
        assert block.items == (
            "Wednesday, June 9: replacement film tested and approved",
            "Monday, June 14: printing and lamination complete",
            "Wednesday, June 16: bags packed and loaded for delivery",
        )

    def test_the_offer_is_whole_sentences(self):
        offer = write(SHIPMENT).blocks[4].text
        assert offer == (
            "As a gesture of goodwill, we will take 8% off the printing charge on this order. "
            "We are also giving your order priority, with a dedicated press line as soon as the film is approved."
        )

    def test_updates_are_a_rule_and_a_holiday_is_said_once(self):
        closing = write(SHIPMENT).blocks[-1].text
        assert closing.startswith(
            "We will send you a short progress update every Monday and Thursday until delivery. "
            "Monday, May 31, is Memorial Day, so the first update will come on Thursday, June 3."
        )
        assert "discuss" in closing

    def test_an_organisation_writes_we_and_never_i(self):
        text = plain_text(write(SHIPMENT))
        assert not re.search(r"\bI\b|\bmy\b", text)
        for stock in ("I am writing", "any inconvenience", "we are committed", "compensation", "force majeure"):
            assert stock not in text

    def test_the_reference_is_printed_once_in_the_body(self):
        assert body(write(SHIPMENT)).count("PO #TR-5521") == 1

    def test_a_new_date_after_the_need_says_so_plainly(self):
        letter = write(SHIPMENT, **{"commitment.needed_by": "2027-06-15"})
        assert (
            "That is two days after the fall blend filling run on June 15, and we understand how much this "
            "affects your plans." in body(letter)
        )
        assert (
            "If it would help to talk about what we could deliver before June 15, please call us at "
            "(414) 555-0187." in body(letter)
        )

    def test_a_late_notice_apologises_for_telling_them_late(self):
        letter = write(SHIPMENT, notice_date="2027-06-07", **{"plan.milestones": []})
        assert (
            sentences(letter)[0] == "We have missed the June 4 delivery date for the printed coffee bags on "
            "PO #TR-5521."
        )
        assert "we apologize, both for the delay and for not telling you sooner." in body(letter)


class TestBritishEmailFromAnIndividual:
    def test_it_greets_with_the_courtesy_title_and_no_full_stop(self):
        letter = write(RENT)
        assert letter.salutation == "Dear Mr Hughes,"
        assert letter.subject == "March rent – £600 on 1 March, the rest by 15 March"
        assert letter.closing == ("Best wishes,", "Tom")
        assert letter.signature == ("Tom Reilly", "07700 900733 · tom.reilly@example.com")
        assert letter.letterhead == () and letter.date_position == "none"

    def test_the_request_is_the_schedule_in_pounds(self):
        assert write(RENT).blocks[0].text == (
            "Unfortunately, I won’t be able to pay the March rent of £1,450 in full on 1 March. "
            "I can pay £600 on the day and the remaining £850 by Monday 15 March, "
            "and I’d be grateful if you could agree to that."
        )

    def test_an_individual_writes_i_throughout(self):
        letter = write(RENT)
        assert not re.search(r"\b(we|our|us)\b", plain_text(letter) + letter.chat, re.I)
        assert "That isn’t your problem, though, and I’m very sorry to be asking." in body(letter)

    def test_a_late_fee_as_the_agreement_sets_it(self):
        assert "If the tenancy agreement sets a charge for late rent, I’ll of course pay it with the balance." in (
            body(write(RENT))
        )

    def test_british_spelling_and_dates(self):
        letter = write(RENT, tone="formal", **{"letter.en_variant": "GB"})
        text = body(letter)
        assert "apologise" in text and "apologize" not in text
        assert "15 March" in text and "March 15" not in text
        letter = write(LOAN, **{"letter.en_variant": "GB"})
        assert "in two instalments of $1,350, on 28 May and 15 June" in body(letter)
        assert letter.salutation == "Dear Ms Reyes,"

    def test_a_printed_letter_to_nobody_by_name_closes_yours_faithfully(self):
        letter = write(RENT, channel="letter", tone="formal", **{"recipient.name": None, "recipient.honorific": None})
        assert letter.salutation == "Dear Sir or Madam,"
        assert letter.closing == ("Yours faithfully,",)
        assert letter.date_line == "22 February 2027"


class TestPaymentToABank:
    def test_it_asks_the_bank_for_a_schedule_in_american_spelling(self):
        letter = write(LOAN)
        assert letter.salutation == "Dear Ms. Reyes,"
        assert letter.subject == "Revised payment schedule – May loan installment (Loan no. 40-118236)"
        assert letter.blocks[0].text == (
            "We will not be able to pay the May installment of $4,200 on loan no. 40-118236 in full when it "
            "falls due on May 14. We would like to ask the bank to accept $1,500 on the due date and the remaining "
            "$2,700 in two installments of $1,350, on May 28 and June 15."
        )

    def test_the_late_fee_and_the_safeguard_make_one_paragraph(self):
        assert write(LOAN).blocks[2].text == (
            "We understand that the late-payment interest set by the loan agreement applies to the deferred amount, "
            "and we will pay it with the final installment. So that this does not happen again, we have taken out "
            "business interruption insurance and now keep one month of loan payments in a separate reserve account."
        )

    def test_it_asks_for_confirmation(self):
        assert (
            write(LOAN)
            .blocks[-1]
            .text.startswith("We would be grateful if you could confirm whether the bank can agree to this schedule.")
        )

    def test_money_as_a_letter_writes_it(self):
        whole = write(LOAN, **{"commitment.amount": {"value": "4200.00", "currency": "USD"}})
        assert "$4,200 " in body(whole) and "4,200.00" not in body(whole)
        cents = write(LOAN, **{"commitment.amount": {"value": "4200.50", "currency": "USD"}})
        assert "$4,200.50" in body(cents)
        vnd = write(LOAN, **{"commitment.amount": {"value": "25000000", "currency": "VND"}, "remedies": []})
        assert "of VND 25,000,000 on loan" in body(vnd)
        rmb = write(LOAN, **{"commitment.amount": {"value": "18600", "currency": "CNY"}, "remedies": []})
        assert "RMB 18,600" in body(rmb)

    def test_without_a_staged_payment_it_asks_for_time(self):
        letter = write(LOAN, remedies=[{"kind": "guarantee", "description": "a charge over our delivery van"}])
        assert letter.blocks[0].text == (
            "We will not be able to pay the May installment of $4,200 on loan no. 40-118236 when it falls due "
            "on May 14. We would be grateful if the bank could allow us until Tuesday, June 15, to pay it."
        )
        assert "As security, we can offer a charge over our delivery van." in body(letter)


class TestChat:
    def test_a_chat_notice_is_the_message_itself(self):
        letter = write(KITCHEN)
        assert letter.salutation == "" and letter.closing == () and letter.signature == ()
        assert letter.subject == "Worktop fitting – new date 13 May"
        assert [b.text for b in letter.blocks] == [letter.chat]
        assert letter.chat == (
            "Hi Sarah, I’m sorry – the worktop fitting won’t be done by Thursday 6th as planned. "
            "The stone supplier’s cutting machine has broken down, so your worktops won’t be ready in time. "
            "The new date is Thursday 13th. To make up for it, I’ll take 10% off the price of this job. "
            "Let me know if that works, or if you want to talk it through."
        )

    def test_every_notice_carries_a_short_chat_without_years_or_references(self):
        for case in (SHIPMENT, RENT, LOAN):
            chat = write(case).chat
            assert len(chat) <= 450
            assert not re.search(r"\b20\d\d\b", chat)
            assert "#TR-5521" not in chat and "40-118236" not in chat

    def test_the_payment_chat_asks_plainly(self):
        assert write(RENT).chat == (
            "Hi Mr Hughes, I’m sorry – I can’t pay the full March rent on Monday 1st. My largest client has moved "
            "its payment run to mid-March, so the invoice I was relying on for the rent won’t be paid until the "
            "12th. I can send £600 on the day and the other £850 by 15 March. Let me know if that works, or if you "
            "want to talk it through."
        )

    def test_an_organisation_is_sorry_as_we(self):
        assert write(SHIPMENT).chat.startswith(
            "Hello Mr. Tran, we’re sorry – the printed coffee bags won’t reach you on Friday the 4th as planned."
        )


class TestWordsAndNames:
    def test_a_title_mid_sentence_takes_an_article_and_a_small_letter(self):
        letter = write(SHIPMENT, **{"commitment.title": "Backyard patio and planting", "commitment.reference": ""})
        assert sentences(letter)[0] == "The backyard patio and planting will not reach you on June 4 as scheduled."

    def test_a_name_is_kept_as_written(self):
        letter = write(SHIPMENT, **{"commitment.title": {"keep": "Pip and the Paper Moon"}})
        assert (
            sentences(letter)[0] == "Pip and the Paper Moon on PO #TR-5521 will not reach you on June 4 as scheduled."
        )

    def test_a_title_with_a_part_is_set_off_by_commas(self):
        letter = write(SHIPMENT, **{"commitment.title": "Patient booking app, release 2", "subkind": "project"})
        assert sentences(letter)[0] == (
            "The patient booking app, release 2, on PO #TR-5521 will not be ready on June 4 as scheduled."
        )

    def test_first_names_and_family_names(self):
        assert write(SHIPMENT, **{"recipient.address_as": {"en": "Kevin"}}).salutation == "Dear Kevin,"
        vietnamese = {"recipient.name": "Nguyễn Hữu Phước", "recipient.country": "VN"}
        assert write(SHIPMENT, **vietnamese).salutation == "Dear Mr. Phước:"
        chinese = {"recipient.name": "Wang Lei", "recipient.country": "CN"}
        assert write(SHIPMENT, **chinese).salutation == "Dear Mr. Wang:"
        assert write(SHIPMENT, **{"recipient.name": "Ludwig van Beethoven"}).salutation == "Dear Mr. van Beethoven:"

    def test_the_other_tones(self):
        warm = write(SHIPMENT, tone="warm", channel="email")
        assert (
            sentences(warm)[0] == "Unfortunately, the printed coffee bags on PO #TR-5521 won’t reach you on "
            "June 4 as planned."
        )
        assert warm.closing == ("Warm regards,",)
        concise = write(SHIPMENT, tone="concise", channel="email")
        assert "We apologize for the delay." in body(concise)
        assert len(body(concise)) < len(body(write(SHIPMENT, channel="email")))

    def test_recipient_dependency_never_blames_the_reader(self):
        letter = write(
            SHIPMENT,
            **{"cause.category": "recipient_dependency", "cause.responsibility": "outside", "cause.explanation": ""},
        )
        assert (
            "Production depended on materials and approvals that took longer to come together than planned. "
            "We should have allowed more room in the schedule for this, and we apologize." in body(letter)
        )
        assert "outside our control" not in body(letter)

    def test_a_partial_delivery_on_the_original_date_is_part_of_the_news(self):
        letter = write(
            SHIPMENT,
            remedies=[
                {"kind": "partial_delivery", "description": "the 3,000 bags already printed", "date": "2027-06-04"}
            ],
        )
        assert sentences(letter)[1] == (
            "We can still deliver the 3,000 bags already printed that day, and the rest will follow by Thursday, "
            "June 17."
        )

    def test_a_service_done_in_part_first(self):
        early = {"kind": "partial_delivery", "description": "the base units fitted", "date": "2027-05-06"}
        letter = write(KITCHEN, channel="email", remedies=[early])
        assert sentences(letter)[1] == (
            "I can still get the base units fitted that day, and the rest will follow by Thursday 13 May."
        )
        later = dict(early, date="2027-05-10", description="the ground floor")
        letter = write(KITCHEN, channel="email", remedies=[later])
        assert "On Monday 10 May, I can already take care of the ground floor." in body(letter)

    def test_a_phrase_typed_with_a_capital_goes_on_in_lower_case_inside_a_sentence(self):
        partial = {"kind": "partial_delivery", "description": "The 3,000 bags already printed", "date": "2027-06-04"}
        letter = write(SHIPMENT, remedies=[partial])
        assert "We can still deliver the 3,000 bags already printed that day" in body(letter)
        assert "deliver The " not in body(letter) + letter.chat
        named = dict(partial, description="Acme Pro bags")
        assert "Acme Pro bags" in body(write(SHIPMENT, remedies=[named]))

    def test_a_letter_to_nobody_by_name_is_not_contracted(self):
        letter = write(SHIPMENT, tone="concise", **{"recipient.name": None, "recipient.honorific": None})
        assert letter.salutation == "Dear Sir or Madam:"
        assert "won’t" not in body(letter) and "will not reach you" in body(letter)

    def test_updates_every_other_day_skip_the_weekend(self):
        letter = write(SHIPMENT, **{"plan.updates": {"cadence": "every_n_days", "days": 2}})
        assert "We will send you a short progress update every other working day until delivery" in body(letter)
        assert "weekend" not in body(letter) and "folded" not in body(letter)


class TestFollowUps:
    def test_a_progress_update(self):
        letter = write(SHIPMENT, letter_type="progress", notice_date="2027-06-10", channel="email")
        assert letter.subject == "Progress update – Printed coffee bags (PO #TR-5521): on track for June 17"
        assert letter.blocks[0].text == (
            "Here is a short update on the printed coffee bags on PO #TR-5521: we are on track to deliver on "
            "Thursday, June 17."
        )
        assert letter.blocks[1].text == "The replacement film was tested and approved on June 9, as planned."
        assert letter.blocks[2].items == (
            "Monday, June 14: printing and lamination complete",
            "Wednesday, June 16: bags packed and loaded for delivery",
        )
        assert letter.blocks[-1].text.startswith("Our next update will follow on Monday, June 14.")

    def test_a_completion_notice_thanks_them(self):
        letter = write(RENT, letter_type="completion", notice_date="2027-03-15")
        assert letter.subject == "March rent – paid in full"
        assert letter.blocks[0].text == (
            "I’ve now paid the March rent of £1,450 in full. Thank you for giving me the extra time."
        )
        assert letter.chat.startswith("Hi Mr Hughes, I’ve now paid the March rent in full")


REFERENCES = Path(__file__).resolve().parents[2] / "docs" / "letters" / "en"


@pytest.mark.parametrize(
    ("stem", "channel"), [("us-packaging-supplier", "letter"), ("gb-tenant-rent", "email"), ("us-bakery-loan", "email")]
)
def test_the_frame_matches_the_hand_written_reference(stem, channel):
    """Letterhead, date, address, greeting, closing and signature as the reference letters have them."""
    reference = (REFERENCES / f"{stem}.{channel}.txt").read_text(encoding="utf-8").splitlines()
    letter = compose(parse_case(json.loads((REFERENCES / f"{stem}.json").read_text(encoding="utf-8"))))
    frame = [*letter.letterhead, letter.date_line, *letter.inside_address, letter.salutation]
    frame += [*letter.closing, *letter.signature]
    assert [line for line in frame if line and line not in reference] == []


def test_the_reference_list_and_update_sentences_are_the_writers():
    reference = (REFERENCES / "us-packaging-supplier.letter.txt").read_text(encoding="utf-8")
    letter = compose(parse_case(json.loads((REFERENCES / "us-packaging-supplier.json").read_text(encoding="utf-8"))))
    assert f"Subject: {letter.subject}" in reference
    for item in letter.blocks[2].items:
        assert f"– {item}" in reference
    assert "Monday, May 31, is Memorial Day, so the first update will come on Thursday, June 3." in body(letter)
    assert "Monday, May 31, is Memorial Day, so the first update will come on Thursday, June 3." in reference


class TestNaturalPhrasing:
    def test_two_milestones_are_one_sentence_not_colons(self):
        milestones = [
            {"date": "2027-06-09", "description": "Replacement film tested and approved"},
            {"date": "2027-06-15", "description": "Full sync test"},
        ]
        letter = write(SHIPMENT, **{"plan.milestones": milestones})
        assert (
            "By Wednesday, June 9, the replacement film will be tested and approved, and the full sync test is "
            "scheduled for Tuesday, June 15." in body(letter)
        )
        assert "checkpoint" not in body(letter)

    def test_one_milestone_made_ready(self):
        letter = write(SHIPMENT, **{"plan.milestones": [{"date": "2027-06-14", "description": "first proofs"}]})
        assert "By Monday, June 14, the first proofs will be ready." in body(letter)

    def test_a_free_extra_is_an_action(self):
        sink = {"kind": "free_extra", "description": "the sink fitted temporarily so the kitchen is usable"}
        assert (
            "I’ll fit the sink temporarily so the kitchen is usable, free of charge."
            in write(KITCHEN, remedies=[sink]).chat
        )
        spots = {"kind": "free_extra", "description": "two extra spot illustrations, for the title page"}
        assert "we will add two extra spot illustrations at no charge, for the title page." in body(
            write(SHIPMENT, remedies=[spots])
        )
        sofa = {"kind": "free_extra", "description": "a showroom sofa on loan until yours arrives"}
        assert "lend you a showroom sofa until yours arrives" in body(write(SHIPMENT, remedies=[sofa]))

    def test_a_name_in_chinese_characters_gets_a_neutral_greeting(self):
        letter = write(SHIPMENT, **{"recipient.name": "张蔚然", "recipient.honorific": "ms", "recipient.country": "CN"})
        assert letter.salutation == "Dear Madam:"
        assert letter.inside_address[0] == "张蔚然"
        assert letter.chat.startswith("Hello, we’re sorry")
        assert "张" not in letter.chat

    def test_a_western_name_in_china_keeps_its_order(self):
        letter = write(SHIPMENT, **{"recipient.name": "Klaus Weber", "recipient.country": "CN"})
        assert letter.salutation == "Dear Mr. Weber:"

    def test_our_part_already_owned_is_not_restated(self):
        explanation = "Our supplier's line was down, and because we had no back-up supplier, we missed the run."
        letter = write(SHIPMENT, **{"cause.responsibility": "shared", "cause.explanation": explanation})
        assert "we missed the run. We take responsibility for that, and we apologize." in body(letter)
        assert "Not all of this" not in body(letter)

    def test_a_partial_delivery_that_meets_the_need_is_said_with_the_impact(self):
        partial = {"kind": "partial_delivery", "description": "the first 2,000 bags", "date": "2027-06-10"}
        letter = write(SHIPMENT, remedies=[partial], **{"commitment.needed_by": "2027-06-15"})
        assert letter.blocks[0].text.endswith(
            "That is two days after the fall blend filling run on June 15, but on Thursday, June 10, we can "
            "already deliver the first 2,000 bags."
        )
        assert body(letter).count("2,000 bags") == 1

    def test_loan_wording_and_a_small_no(self):
        letter = write(LOAN, **{"commitment.title": "March car loan payment", "commitment.reference": "Loan No. 77"})
        assert "the March car payment of $4,200 on loan no. 77" in body(letter)
        chat = write(LOAN, remedies=[], **{"commitment.title": "March car loan payment"}).chat
        assert chat.startswith(
            "Hello Ms. Reyes, we’re sorry – we can’t make the March car loan payment on Friday the 14th."
        )

    def test_named_holidays_moving_two_updates(self):
        letter = write(
            SHIPMENT,
            notice_date="2026-12-07",
            **{
                "commitment.original_deadline": "2026-12-11",
                "commitment.needed_by": None,
                "plan.new_deadline": "2027-01-08",
                "plan.milestones": [],
                "plan.updates": {"cadence": "weekly", "weekday": 4},
                "letter.en_variant": "GB",
            },
        )
        assert (
            "Christmas Day and New Year’s Day both fall on a Friday, so those updates will come a day early, on "
            "Thursday 24 December and Thursday 31 December." in body(letter)
        )
