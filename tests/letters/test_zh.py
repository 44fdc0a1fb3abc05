"""The Chinese writer: whole sentences of its letters, emails and WeChat messages, checked as a reader would."""

import copy
import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from composer.answers import parse_case
from composer.exports.text import body_text
from composer.letters import zh
from composer.letters.zh import Dates, every, greeting_name, money

REFERENCES = Path(__file__).parents[2] / "docs" / "letters" / "zh"


def case(name, **changes):
    """A reference case, with dotted-path changes (`None` removes a field)."""
    data = json.loads((REFERENCES / f"{name}.json").read_text(encoding="utf-8"))
    for path, value in changes.items():
        node = data
        *parents, last = path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = copy.deepcopy(value)
    return data


def write(name, **changes):
    return zh.write(parse_case(case(name, **changes), language="zh-hans"))


def body(letter):
    return "".join(b.text + "".join(b.items) for b in letter.blocks)


def paragraphs(letter):
    return [b.text for b in letter.blocks]


def sentences(text):
    return [s + "。" for s in text.split("。") if s]


def reference_sentences(name, suffix):
    return set(sentences((REFERENCES / f"{name}.{suffix}.txt").read_text(encoding="utf-8").replace("\u3000", "")))


INVOICE = "zh-invoice-instalments"
LOAN = "zh-loan-bank"
CABINET = "zh-cabinet-service"


class TestInvoiceLetterFromOneCompanyToAnother:
    def test_it_is_a_letter_to_the_company(self):
        letter = write(INVOICE)
        assert letter.title == "关于2027年2月货款延期支付的申请函"
        assert letter.subject == letter.title
        assert letter.salutation == "四川川粮食品有限公司："
        assert letter.greeting == ""
        assert letter.closing == ("此致", "敬礼！")
        assert letter.signature == (
            "成都味道里餐饮管理有限公司（盖章）",
            "财务经理\u3000刘敏",
            "联系电话：028-8555 3120",
            "电子邮箱：liumin@weidaoli.example",
        )
        assert (letter.date_line, letter.date_position) == ("2027年3月4日", "bottom")

    def test_the_opening_states_the_amount_and_asks_for_the_new_date(self):
        assert paragraphs(write(INVOICE))[0] == (
            "我司应付贵司的2027年2月货款（发票号：CL-2027-0215）共计人民币186,400元，按约定应于2027年3月10日支付。"
            "我司目前无法按期全额付款，恳请贵司同意将付款期限延至4月9日。"
        )

    def test_the_cause_is_the_users_own_sentence_and_owned(self):
        assert paragraphs(write(INVOICE))[1] == (
            "之所以无法按期支付，是因为我司入驻的两家商场将2月营业款的结算推迟到了3月下旬。"
            "我司没有为此预留足够的备用资金，责任在我司。给贵司的资金安排带来不便，我司深表歉意。"
        )

    def test_the_payments_are_one_sentence_with_the_rest_and_the_fee_as_the_contract_says(self):
        assert paragraphs(write(INVOICE))[2] == (
            "为尽量减少对贵司的影响，我司拟按以下安排付款：3月10日先支付人民币60,000元，"
            "余款人民币126,400元分两期付清，3月26日、4月9日各支付人民币63,200元。"
            "延期期间的违约金，我司愿按合同约定承担。"
        )

    def test_it_shares_sentences_with_the_hand_written_letter(self):
        shared = set(sentences(body(write(INVOICE)))) & reference_sentences(INVOICE, "letter")
        assert len(shared) >= 5

    def test_the_reference_is_printed_once(self):
        assert body(write(INVOICE)).count("CL-2027-0215") == 1

    def test_a_warm_email_asks_for_time_in_plain_words(self):
        letter = write(INVOICE, tone="warm", channel="email")
        assert letter.subject == "【成都味道里餐饮管理有限公司】2027年2月货款延期至4月9日支付的申请"
        assert letter.salutation == "郑总监，您好！"
        assert paragraphs(letter)[0] == (
            "2027年2月货款（发票号：CL-2027-0215）人民币186,400元原定3月10日支付，"
            "我们这次没法按时付清了，想请贵公司宽限到4月9日。"
        )
        assert "具体安排是：3月10日我们先支付人民币60,000元，" in body(letter)
        assert letter.closing == ("顺祝商祺！",)


class TestLoanEmailFromAnIndividualToTheBank:
    def test_the_bank_is_asked_in_its_own_words(self):
        letter = write(LOAN)
        assert letter.subject == "关于调整借款合同QX2025-0318本期还款计划的申请"
        assert letter.salutation == "韦经理，您好！"
        assert paragraphs(letter)[0] == (
            "我是志勇水果店的黄志勇。我在贵行有一笔贷款（借款合同编号：QX2025-0318）。"
            "4月份应还本息共计人民币23,500元，还款日为2027年4月20日。"
            "我无法按时足额还款，恳请贵行同意调整本期还款计划，将还款日延至5月20日。"
        )

    def test_a_partial_payment_says_when_the_rest_follows(self):
        assert paragraphs(write(LOAN))[2] == (
            "具体安排是：4月20日我先偿还人民币8,500元，其余人民币15,000元于5月20日前还清。"
            "逾期部分的罚息，我愿按借款合同约定承担。"
        )

    def test_an_individual_says_i_throughout(self):
        letter = write(LOAN)
        text = body(letter) + letter.chat
        assert not re.search("我们|我司|我方", text)
        assert "贵行" in body(letter)
        assert letter.closing == ("此致", "敬礼！")
        assert letter.signature == ("黄志勇 | 店主 | 志勇水果店 | 138 7712 4063 | huangzy@mail.example",)

    def test_the_measures_and_the_invitation_close_it(self):
        letter = write(LOAN)
        assert paragraphs(letter)[3:] == [
            "水果店已于4月10日重新开业，我还请了一位店员，以后就算我临时有事，店也能照常营业。",
            "如需补充材料或办理相关手续，请随时与我联系。恳请贵行予以考虑。",
        ]

    def test_as_a_letter_it_is_addressed_to_the_branch_and_signed_by_the_borrower(self):
        letter = write(LOAN, channel="letter")
        assert letter.title == "关于调整本期还款计划的申请函"
        assert letter.salutation == "南宁青秀农商银行金湖支行："
        assert letter.signature[:2] == ("志勇水果店", "借款人：黄志勇")

    def test_four_unequal_instalments(self):
        schedule = [
            {"date": "2027-04-20", "amount": "5000"},
            {"date": "2027-04-30", "amount": "6000"},
            {"date": "2027-05-10", "amount": "6000"},
            {"date": "2027-05-20", "amount": "6500"},
        ]
        letter = write(LOAN, remedies=[{"kind": "instalments", "schedule": schedule}])
        assert (
            "全部款项分四期还清，4月20日偿还人民币5,000元，4月30日偿还人民币6,000元，"
            "5月10日偿还人民币6,000元，5月20日偿还人民币6,500元。"
        ) in body(letter)


class TestServiceEmailFromACompanyToAHomeowner:
    def test_the_voice_is_we_and_the_reader_you(self):
        letter = write(CABINET)
        text = body(letter) + letter.chat
        assert not re.search(r"我(?![们司方])|我司|贵司|贵公司", text)
        assert letter.salutation == "周女士，您好！"
        assert letter.closing == ("祝好！",)

    def test_the_news_says_the_new_date_still_meets_the_move_in(self):
        assert paragraphs(write(CABINET))[0] == (
            "原定5月15日为您完成的全屋定制柜体安装，需要推迟到5月25日，实在抱歉。"
            "这个时间离您5月30日入住还有五天，时间上来得及。"
        )

    def test_the_cause_is_owned_in_one_breath(self):
        assert paragraphs(write(CABINET))[1] == (
            "推迟是因为柜门用的进口岩板在海关查验时被耽搁了，预计5月18日才能到厂。"
            "我们没有盯紧供应商的交期，责任在我们，给您添麻烦了。"
        )

    def test_updates_are_a_rule_with_the_weekends_said_once(self):
        assert paragraphs(write(CABINET))[-1] == (
            "从5月13日起，我们每三天给您发一份进度简报。遇上周末就并到下一次一起说。"
            "如果这个时间对您的安排有影响，请随时联系我们，我们来想办法。"
        )

    def test_the_chat_is_short_and_carries_the_one_offer(self):
        chat = write(CABINET).chat
        assert chat == (
            "周女士您好，实在抱歉，全屋定制柜体安装要从5月15日推迟到25日完成了。"
            "柜门用的进口岩板在海关查验时被耽搁了，预计5月18日才能到厂。离您5月30日入住还有五天，来得及。"
            "衣柜、书柜等不用岩板的柜体，5月20日我们先给您装好。有什么问题随时跟我们说。"
        )
        assert len(chat) <= 200

    def test_a_chat_channel_notice_is_the_message_itself(self):
        letter = write(CABINET, channel="chat")
        assert [b.text for b in letter.blocks] == [letter.chat]
        assert (letter.salutation, letter.closing, letter.signature) == ("", (), ())
        assert letter.subject

    def test_a_formal_letter_to_a_person_greets_her_and_keeps_the_contract_number(self):
        letter = write(CABINET, channel="letter", tone="formal")
        assert letter.title == "关于“全屋定制柜体安装”延期的致歉函"
        assert (letter.salutation, letter.greeting) == ("尊敬的周女士：", "您好！")
        assert paragraphs(letter)[0].startswith(
            "我司为您提供的“全屋定制柜体安装”（合同编号：MY-2027-0412），原定于2027年5月15日完成，现需推迟至5月25日。"
        )
        assert "为便于您提前安排，我司将于5月20日先行安装衣柜、书柜等不用岩板的柜体。" in body(letter)
        text = body_text(letter)
        assert "\u3000\u3000此致\n敬礼！" in text
        assert text.rstrip().endswith("2027年5月10日")


class TestSharedCases:
    def printing(self, **changes):
        return zh.write(parse_case(PRINTING | changes, language="zh-hans"))

    def test_a_partial_delivery_with_its_own_verb_and_a_free_extra(self):
        letter = self.printing()
        assert (
            "为便于贵司提前安排，我司将用厂内现存的少量同款纸张先行印制500册样册，于3月14日送达贵司。"
            "为表歉意，本批画册免收运费。"
        ) in body(letter)

    def test_two_milestones_are_a_sentence_not_a_list(self):
        letter = self.printing()
        assert "按目前的安排，3月16日特种纸到厂，3月20日完成全部5,000册的印刷和装订。" in body(letter)
        assert all(not b.items for b in letter.blocks)

    def test_weekly_updates_until_delivery(self):
        assert "自3月12日起，我司将于每周五向贵司书面通报一次进度，直至全部交货。" in body(self.printing())

    def test_the_chat_greets_the_name_the_user_gave(self):
        chat = self.printing().chat
        assert chat.startswith("李总您好，实在抱歉，《2027品牌年鉴》画册要从3月12日推迟到24日交货了。特种纸供应商")
        assert "HT-2027-036" not in chat and "2027年" not in chat


PRINTING = {
    "language": "zh-hans",
    "kind": "deliverable",
    "subkind": "shipment",
    "sender": {
        "kind": "organization",
        "name": "周建华",
        "title": "业务经理",
        "organization": "东莞鸿图印务有限公司",
        "email": "zhoujh@hongtu-print.example",
        "phone": "139 2588 0716",
    },
    "recipient": {
        "kind": "company",
        "name": "李思源",
        "title": "市场总监",
        "organization": "上海青木文化传播有限公司",
        "country": "CN",
        "address_as": {"zh-hans": "李总"},
    },
    "commitment": {
        "title": "《2027品牌年鉴》画册",
        "reference": "HT-2027-036",
        "original_deadline": "2027-03-12",
        "needed_for": "3月26日的品牌发布会",
    },
    "cause": {"category": "supplier", "responsibility": "ours", "explanation": "特种纸供应商未能按约定时间交货。"},
    "plan": {
        "new_deadline": "2027-03-24",
        "milestones": [
            {"date": "2027-03-16", "description": "特种纸到厂"},
            {"date": "2027-03-20", "description": "完成全部5,000册的印刷和装订"},
        ],
        "measures": "我司已安排专人每日跟进供应商发货。",
        "updates": {"cadence": "weekly", "weekday": 4},
    },
    "remedies": [
        {"kind": "partial_delivery", "description": "用厂内现存的少量同款纸张先行印制500册样册", "date": "2027-03-14"},
        {"kind": "free_extra", "description": "本批画册免收运费"},
    ],
    "tone": "formal",
    "channel": "letter",
    "notice_date": "2027-03-08",
}


class TestWhoSpeaksToWhom:
    def test_an_individual_writes_i_to_a_company(self):
        letter = write(
            CABINET,
            **{
                "sender.kind": "individual",
                "sender.organization": None,
                "plan.measures": "",
                "recipient.kind": "company",
                "recipient.organization": "北京星河童书出版有限公司",
                "tone": "formal",
                "channel": "letter",
            },
        )
        assert letter.salutation == "北京星河童书出版有限公司："
        assert not re.search("我们|我司", body(letter))
        assert "贵司" in body(letter)

    def test_greeting_names(self):
        def party(**kw):
            return parse_case(case(CABINET, **{f"recipient.{k}": v for k, v in kw.items()}), language="zh-hans")

        assert greeting_name(party(address_as={"zh-hans": "李总"}).recipient) == "李总"
        assert greeting_name(party(address_as=None, name="王芳", title="采购经理").recipient) == "王经理"
        assert greeting_name(party(address_as=None, name="欧阳明", title="市场总监").recipient) == "欧阳总监"
        assert greeting_name(party(address_as=None, name="Emma Clarke", honorific="ms").recipient) == "Clarke女士"
        assert greeting_name(party(address_as=None, name="陈立", honorific="mr").recipient) == "陈先生"

    def test_a_warm_email_to_a_company_says_gui_gongsi(self):
        letter = write(
            CABINET,
            **{"recipient.kind": "company", "recipient.organization": "上海锦程文化传播有限公司"},
        )
        assert "贵公司" in body(letter) and "您" not in body(letter)


class TestDatesMoneyAndNumbers:
    def test_money_as_a_letter_writes_it(self):
        assert money(Decimal("18600"), "CNY") == "人民币18,600元"
        assert money(Decimal("18600.5"), "CNY") == "人民币18,600.50元"
        assert money(Decimal("1500"), "GBP") == "1,500英镑"
        assert money(Decimal("120000000"), "VND") == "1.2亿越南盾"
        assert money(Decimal("25000000"), "VND") == "2,500万越南盾"
        assert money(Decimal("8450"), "USD") == "8,450美元"

    def test_a_run_of_dates_drops_the_repeated_year_and_month(self):
        dates = Dates(2026)
        assert (
            dates.run([dt.date(2026, 12, 4), dt.date(2026, 12, 7), dt.date(2026, 12, 10)]) == "2026年12月4日、7日、10日"
        )
        assert dates(dt.date(2027, 1, 5)) == "2027年1月5日"
        assert dates(dt.date(2027, 1, 8)) == "1月8日"

    def test_small_numbers_in_words(self):
        assert [every(n) for n in (1, 2, 3, 7, 14, 12)] == ["每天", "每两天", "每三天", "每周", "每两周", "每12天"]

    def test_a_discount_is_a_fee_reduction_never_jiuzhe(self):
        letter = write(CABINET, tone="formal", remedies=[{"kind": "discount", "percent": 10, "description": "安装费"}])
        assert "为表歉意，安装费我们将减免10%。" in body(letter)
        assert "折" not in body(letter)

    def test_a_weekly_update_moved_for_a_holiday_is_said_once(self):
        autumn = {
            "commitment.original_deadline": "2027-09-24",
            "commitment.needed_by": None,
            "commitment.needed_for": "",
            "plan.new_deadline": "2027-10-08",
            "plan.milestones": [],
            "plan.updates": {"cadence": "weekly", "weekday": 4},
            "remedies": [],
        }
        letter = write(CABINET, notice_date="2027-09-20", **autumn)
        assert "从9月24日起，我们每周五都会给您发一份进度简报。10月1日正赶上国庆节，那一次提前到9月30日发。" in body(
            letter
        )
        formal = write(CABINET, tone="formal", notice_date="2027-09-20", **autumn)
        assert "其中10月1日恰逢国庆节，当次通报提前至9月30日。" in body(formal)


class TestNewsThatHurts:
    def test_a_new_date_after_the_need_is_said_plainly(self):
        letter = write(CABINET, tone="formal", **{"plan.new_deadline": "2027-06-02", "plan.milestones": []})
        assert "需要说明的是，调整后的完成时间已晚于您5月30日入住的时间，会影响您的原定安排。" in body(letter)

    def test_a_late_notice_apologises_for_being_late_too(self):
        letter = write(CABINET, tone="formal", channel="email", notice_date="2027-05-17")
        assert "原定于2027年5月15日完成，至今未能完成，需推迟至5月25日。" in body(letter)
        assert "给您带来的不便，我们深表歉意。未能及早告知，在此一并致歉。" in body(letter)
        assert write(CABINET, notice_date="2027-05-17").chat.startswith("周女士您好，实在抱歉，现在才跟您说，")

    def test_the_readers_part_is_never_blamed(self):
        letter = write(
            CABINET,
            tone="formal",
            **{"cause.category": "recipient_dependency", "cause.explanation": "", "cause.responsibility": "shared"},
        )
        assert (
            "此次延误，是因为部分前期资料的确认时间比计划晚，后续工作相应顺延。"
            "我们本应更早与您核对时间安排，及早调整计划，这是我们的疏忽。"
        ) in body(letter)

    def test_no_legal_words_and_no_english(self):
        for letter in (write(INVOICE), write(LOAN), write(CABINET)):
            text = body(letter) + letter.chat + letter.subject
            for word in ("不可抗力", "赔偿", "我方", "贵方", "九折"):
                assert word not in text
            names = ("CL-2027-0215", "QX2025-0318", "MY-2027-0412")
            assert not re.search(r"[A-Za-z]{2,}", re.sub("|".join(names), "", text))


class TestFollowUps:
    def test_a_progress_update_reports_what_is_done_and_what_comes(self):
        letter = write(CABINET, letter_type="progress", notice_date="2027-05-20")
        assert paragraphs(letter)[0] == (
            "全屋定制柜体安装目前按计划推进，将于5月25日完成。接下来，预计5月22日柜体和柜门全部完工。"
        )
        assert write(INVOICE, letter_type="progress", notice_date="2027-03-20").blocks[0].text == (
            "2027年2月货款（发票号：CL-2027-0215）的支付正在按调整后的安排进行，将于2027年4月9日前全部付清。"
            "我司已按约定于3月10日支付人民币60,000元。接下来，我司将于3月26日、4月9日各支付人民币63,200元。"
        )

    def test_a_completion_notice_thanks_and_says_what_changed(self):
        letter = write(CABINET, letter_type="completion", notice_date="2027-05-26")
        assert paragraphs(letter) == [
            "全屋定制柜体安装已全部完成。感谢您在此期间的理解与耐心。",
            "这次延误之后，我们也做了调整。岩板一到厂就安排加工；今后进口板材我们都会提前一个月下单。",
            "今后如有需要，欢迎随时联系我们。",
        ]
        assert letter.chat == "周女士您好，全屋定制柜体安装已经全部完成了，这段时间让您久等了，谢谢您的耐心！"


@pytest.mark.parametrize("tone", ["formal", "warm", "concise"])
@pytest.mark.parametrize("channel", ["letter", "email", "chat"])
@pytest.mark.parametrize("name", [INVOICE, LOAN, CABINET])
def test_every_tone_and_channel_keeps_the_rules(name, tone, channel):
    letter = write(name, tone=tone, channel=channel)
    text = body(letter)
    assert len(letter.chat) <= 200
    assert not re.search(r"\d{4}年", letter.chat)
    assert "）（" not in text
    assert re.search("歉|抱歉|不好意思", text)
    assert re.search("联系|商量|意见|说", text)


class TestTheUsersWordsBecomeSentences:
    def test_a_partial_delivery_written_as_a_clause_takes_its_date_inside(self):
        remedies = [{"kind": "partial_delivery", "description": "第一批柜体，先行上门安装", "date": "2027-05-20"}]
        letter = write(CABINET, tone="formal", remedies=remedies)
        assert "为便于您提前安排，第一批柜体将于5月20日先行上门安装。" in body(letter)

    def test_a_partial_delivery_of_finished_goods_is_arranged(self):
        remedies = [{"kind": "partial_delivery", "description": "已完成的3,000套礼盒", "date": "2027-03-14"}]
        letter = zh.write(parse_case(PRINTING | {"remedies": remedies}, language="zh-hans"))
        assert "为便于贵司提前安排，我司将于3月14日先行发出已完成的3,000套礼盒。" in body(letter)

    def test_a_free_extra_written_as_a_clause_is_not_given_away_twice(self):
        remedies = [{"kind": "free_extra", "description": "交货前借给您一套样品柜临时使用"}]
        letter = write(CABINET, remedies=remedies)
        assert "为表歉意，交货前借给您一套样品柜临时使用，不另收费。" in body(letter)
        assert letter.chat.endswith("另外交货前借给您一套样品柜临时使用，不收费。有什么问题随时跟我们说。")

    def test_a_free_extra_that_is_an_action_says_free(self):
        remedies = [{"kind": "free_extra", "description": "为阳台加装一组灯带"}]
        assert "为表歉意，我们会免费为阳台加装一组灯带。" in body(write(CABINET, remedies=remedies))

    def test_a_guarantee_as_an_action_or_as_a_document(self):
        pledge = write(INVOICE, remedies=[{"kind": "guarantee", "description": "以店内设备办理抵押"}])
        assert "为保证按期支付，我司愿以店内设备办理抵押。" in body(pledge)
        letter = write(INVOICE, remedies=[{"kind": "guarantee", "description": "由开户银行出具的付款保函"}])
        assert "为保证按期支付，我司可以提供由开户银行出具的付款保函。" in body(letter)

    def test_a_need_the_user_wrote_with_you_in_it_is_not_doubled(self):
        letter = write(CABINET, **{"commitment.needed_for": "您家搬进新居", "commitment.needed_by": "2027-05-22"})
        assert "需要说明的是" not in body(letter)
        assert "坦白说，这个时间已经赶不上5月22日您家搬进新居了。" in body(letter)
        assert "这样会赶不上5月22日您家搬进新居了。" in letter.chat

    def test_a_milestone_without_a_verb_gets_one(self):
        milestones = [{"date": "2027-05-22", "description": "全部柜门的打样"}]
        assert "按目前的安排，5月22日完成全部柜门的打样。" in body(write(CABINET, **{"plan.milestones": milestones}))

    def test_three_milestones_are_a_numbered_list(self):
        milestones = [
            {"date": "2027-05-18", "description": "岩板到厂"},
            {"date": "2027-05-21", "description": "柜门加工完成"},
            {"date": "2027-05-24", "description": "现场安装"},
        ]
        letter = write(CABINET, **{"plan.milestones": milestones})
        listed = next(b for b in letter.blocks if b.items)
        assert listed.text == "具体安排如下："
        assert listed.items == ("5月18日，岩板到厂；", "5月21日，柜门加工完成；", "5月24日，现场安装。")


class TestPrivateLoansAndHolidays:
    def test_a_loan_from_a_friend_has_no_bank_words(self):
        letter = write(
            LOAN,
            tone="warm",
            channel="letter",
            **{
                "recipient.kind": "person",
                "recipient.organization": None,
                "recipient.title": None,
                "recipient.name": "刘涛",
                "recipient.address_as": {"zh-hans": "涛哥"},
                "commitment.title": "装修借款",
            },
        )
        assert letter.title == "关于装修借款延期偿还的申请函"
        assert "逾期部分的利息，我愿按约定承担。" in body(letter)
        assert not re.search("贵行|罚息|借款合同", body(letter))
        assert letter.salutation == "涛哥："
        assert "本该4月20日还，我这次没法按时还清了。" in letter.chat
        assert "想跟您商量一下：4月20日我先还8,500元，剩下的15,000元5月20日前还清，您看可以吗？" in letter.chat

    def test_a_holiday_named_in_another_language_is_named_in_chinese(self):
        assert zh.holiday_name("Tết Dương lịch") == "元旦"
        assert zh.holiday_name("Mùng bốn Tết Nguyên Đán") == "春节"
        assert zh.holiday_name("Thanksgiving Day") == "感恩节"
        assert zh.holiday_name("春节（补假）") == "春节"
        assert zh.holiday_name("Ngày Văn hóa Việt Nam") == "当地公众假期"
