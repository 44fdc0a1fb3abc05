"""The Vietnamese writer: exact sentences a native recipient would read, for several kinds of case."""

import copy
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from composer.answers import parse_case
from composer.letters import compose
from composer.letters.vi import amount_text, chat_amount, full_date, write

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "letters" / "vi"
CASES = sorted((Path(__file__).parent / "cases").glob("*.json"))
NBSP = "\u00a0"

WEBSITE = {
    "language": "vi",
    "kind": "deliverable",
    "subkind": "project",
    "sender": {
        "kind": "organization",
        "name": "Trần Minh Đức",
        "title": "Quản lý dự án",
        "organization": "Công ty TNHH Vela Digital",
        "email": "duc@vela.example",
        "phone": "0901 234 567",
        "city": "TP. Hồ Chí Minh",
    },
    "recipient": {
        "kind": "company",
        "name": "Trần Thu Hà",
        "title": "Giám đốc Kinh doanh",
        "honorific": "ms",
        "organization": "Công ty Cổ phần Thương mại An Phát",
        "email": "ha@anphat.example",
        "country": "VN",
    },
    "commitment": {
        "title": "Website thương mại điện tử",
        "reference": "HĐ-2026/118",
        "original_deadline": "2026-12-15",
        "needed_for": "đợt khuyến mãi Tết",
    },
    "cause": {
        "category": "third_party",
        "responsibility": "shared",
        "explanation": "Cổng thanh toán đã đổi API ngày 01/12.",
    },
    "plan": {
        "new_deadline": "2027-01-10",
        "milestones": [{"date": "2026-12-23", "description": "Tích hợp API mới"}],
        "measures": "Kiểm thử tự động cho cổng thanh toán.",
        "updates": {"cadence": "weekly", "weekday": 4},
    },
    "remedies": [{"kind": "discount", "percent": 10}],
    "tone": "formal",
    "channel": "letter",
    "letter": {"vi_national_header": True, "number": "125/CV-VELA"},
    "notice_date": "2026-12-08",
}

BAKERY = {
    "language": "vi",
    "kind": "payment",
    "subkind": "loan",
    "sender": {
        "kind": "individual",
        "name": "Trần Thị Hoa",
        "title": "Chủ hộ kinh doanh",
        "organization": "Hoa Bakery",
        "email": "hoabakery@mail.example",
        "phone": "0905 318 246",
        "city": "Đà Nẵng",
    },
    "recipient": {
        "kind": "bank",
        "name": "Lê Minh Quân",
        "title": "Chuyên viên khách hàng cá nhân",
        "organization": "Ngân hàng TMCP Sài Gòn Thương Tín – Chi nhánh Đà Nẵng",
        "address_as": {"vi": "anh Quân"},
        "country": "VN",
    },
    "commitment": {
        "title": "Kỳ trả nợ tháng 3/2027",
        "reference": "2026/DN/0455",
        "original_deadline": "2027-03-25",
        "amount": {"value": "18500000", "currency": "VND"},
    },
    "cause": {
        "category": "external_event",
        "responsibility": "outside",
        "explanation": "Hai tháng qua, khu phố nơi tiệm bánh của tôi kinh doanh sửa đường, khách khó ghé mua nên "
        "doanh thu giảm mạnh.",
    },
    "plan": {
        "new_deadline": "2027-04-10",
        "measures": "Tôi đã nhận thêm đơn đặt bánh giao tận nơi, doanh thu đang dần phục hồi.",
    },
    "remedies": [{"kind": "partial_payment", "amount": "8500000", "date": "2027-03-25"}, {"kind": "late_fee_accepted"}],
    "tone": "formal",
    "channel": "email",
    "notice_date": "2027-03-18",
}


def answers(case, **changes):
    data = copy.deepcopy(case)
    for path, value in changes.items():
        target = data
        *parents, key = path.split("__")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[key] = value
    return parse_case(data, language="vi")


def body(letter):
    return "\n".join([b.text for b in letter.blocks] + [i for b in letter.blocks for i in b.items])


def sentences(letter):
    return [s for text in body(letter).split("\n") for s in re.split(r"(?<=[.!?])\s+", text) if s]


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


# Formats.


def test_money_as_a_vietnamese_letter_writes_it():
    from decimal import Decimal

    assert amount_text(Decimal("25000000"), "VND") == f"25.000.000{NBSP}đồng"
    assert amount_text(Decimal("1500"), "GBP") == f"1.500{NBSP}bảng Anh"
    assert amount_text(Decimal("12480.50"), "USD") == f"12.480,50{NBSP}đô la Mỹ"
    assert chat_amount(Decimal("8500000"), "VND") == f"8,5{NBSP}triệu"
    assert chat_amount(Decimal("1450000000"), "VND") == f"1,45{NBSP}tỷ"
    assert chat_amount(Decimal("10000"), "USD") == f"10.000{NBSP}USD"


def test_dates_in_prose_and_on_the_decree_30_line():
    import datetime as dt

    assert full_date(dt.date(2027, 1, 10)) == "10/01/2027"
    letter = write(answers(WEBSITE, notice_date="2027-01-05", letter_type="progress"))
    assert letter.official.date_line == "TP. Hồ Chí Minh, ngày 05 tháng 01 năm 2027"
    letter = write(answers(WEBSITE))
    assert letter.official.date_line == "TP. Hồ Chí Minh, ngày 08 tháng 12 năm 2026"


# The công văn.


def test_cong_van_layout():
    letter = write(answers(WEBSITE))
    header = letter.official
    assert header.issuer == "CÔNG TY TNHH VELA DIGITAL"
    assert header.number == "Số: 125/CV-VELA"
    assert header.about == "V/v điều chỉnh thời hạn bàn giao website thương mại điện tử"
    assert header.motto == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    assert letter.addressee_line == (
        "Kính gửi: Công ty Cổ phần Thương mại An Phát\n(Bà Trần Thu Hà – Giám đốc Kinh doanh)"
    )
    assert letter.salutation == ""
    assert letter.closing == ("Trân trọng./.",)
    assert letter.signature == ("QUẢN LÝ DỰ ÁN", "Trần Minh Đức")
    assert letter.copies == ("Nơi nhận:", "- Như trên;", "- Lưu: VT.")
    assert letter.date_position == "none"


def test_cong_van_body_in_the_order_of_the_news():
    said = sentences(write(answers(WEBSITE)))
    assert said[:3] == [
        "Công ty TNHH Vela Digital xin thông báo: website thương mại điện tử theo Hợp đồng số HĐ-2026/118 "
        "sẽ không kịp bàn giao vào ngày 15/12/2026 như đã thỏa thuận.",
        "Thời hạn bàn giao mới là ngày 10/01/2027.",
        "Chúng tôi hiểu việc này làm rút ngắn thời gian Quý Công ty chuẩn bị cho đợt khuyến mãi Tết.",
    ]
    assert "Nguyên nhân là cổng thanh toán đã đổi API ngày 01/12." in said
    assert (
        "Thay đổi này đến từ phía đối tác, nhưng lẽ ra chúng tôi phải theo dõi sát hơn và có phương án từ đầu." in said
    )
    assert "Chúng tôi thành thật xin lỗi Quý Công ty về sự chậm trễ này." in said
    assert "Ngày 23/12, chúng tôi sẽ hoàn thành việc tích hợp API mới." in said
    assert "Để sự việc không lặp lại, chúng tôi sẽ bổ sung kiểm thử tự động cho cổng thanh toán." in said
    assert "Để phần nào bù lại thời gian chờ đợi của Quý Công ty, chúng tôi xin giảm 10% giá trị Hợp đồng." in said
    assert "Rất mong Quý Công ty thông cảm và tiếp tục hợp tác cùng chúng tôi." in said


def test_weekly_updates_are_a_rule_with_the_holiday_said_once():
    said = sentences(write(answers(WEBSITE)))
    assert "Chúng tôi sẽ gửi Quý Công ty báo cáo tiến độ vào thứ Sáu hằng tuần, bắt đầu từ ngày 11/12." in said
    assert "Riêng tuần có Tết Dương lịch, lần cập nhật sẽ được gửi sớm hơn, vào thứ Năm 31/12." in said
    assert "18/12" not in body(write(answers(WEBSITE)))


def test_two_weekdays_and_updates_every_few_days():
    said = sentences(write(answers(WEBSITE, plan__updates={"cadence": "weekly", "weekday": [0, 3]})))
    assert (
        "Chúng tôi sẽ gửi Quý Công ty báo cáo tiến độ vào thứ Hai và thứ Năm hằng tuần, bắt đầu từ ngày 10/12." in said
    )
    said = sentences(write(answers(WEBSITE, plan__updates={"cadence": "every_n_days", "days": 2})))
    assert "Chúng tôi sẽ gửi Quý Công ty báo cáo tiến độ hai ngày một lần, bắt đầu từ thứ Năm 10/12." in said
    assert "Những lần rơi vào cuối tuần hoặc ngày lễ sẽ được gộp vào lần kế tiếp." in said


def test_the_official_contact_is_named_in_the_invitation():
    said = sentences(write(answers(WEBSITE, sender__honorific="mr")))
    assert (
        "Mọi ý kiến về kế hoạch trên, Quý Công ty vui lòng trao đổi trực tiếp với ông Trần Minh Đức, "
        "Quản lý dự án (điện thoại: 0901 234 567, email: duc@vela.example)." in said
    )


def test_no_national_header_for_a_foreign_recipient_or_a_foreign_company():
    letter = write(answers(WEBSITE, letter={}, recipient__country="SG"))
    assert letter.official is None
    assert letter.date_position == "top"
    assert letter.date_line == "TP. Hồ Chí Minh, ngày 08 tháng 12 năm 2026"
    assert letter.salutation == "Kính gửi bà Hà,"
    assert letter.subject_label == "V/v:"
    letter = write(answers(WEBSITE, letter={}, sender__organization="Foshan Jinggong Machinery Co., Ltd."))
    assert letter.official is None
    letter = write(answers(WEBSITE, letter={}))
    assert letter.official is not None


# Email.


def test_bank_email_speaks_as_tôi_and_asks_the_bank():
    letter = write(answers(BAKERY))
    assert letter.subject == "Đề nghị điều chỉnh kỳ trả nợ tháng 3/2027 – Hợp đồng tín dụng số 2026/DN/0455"
    assert letter.salutation == "Kính gửi anh Quân,"
    said = sentences(letter)
    assert said[:4] == [
        "Tôi là Trần Thị Hoa, chủ hộ kinh doanh Hoa Bakery, hiện có khoản vay theo Hợp đồng tín dụng số "
        "2026/DN/0455 tại Quý Ngân hàng, do anh phụ trách.",
        f"Kỳ trả nợ tháng 3/2027, số tiền 18.500.000{NBSP}đồng, đến hạn vào ngày 25/03/2027.",
        "Tôi chưa thể trả đủ vào ngày này và kính đề nghị Quý Ngân hàng xem xét cho tôi gia hạn đến ngày 10/04/2027.",
        "Hai tháng qua, khu phố nơi tiệm bánh của tôi kinh doanh sửa đường, khách khó ghé mua nên doanh thu giảm mạnh.",
    ]
    assert (
        f"Cụ thể, tôi sẽ trả trước 8.500.000{NBSP}đồng vào đúng ngày 25/03 và 10.000.000{NBSP}đồng còn lại "
        "vào ngày 10/04." in said
    )
    assert "Tôi xin chịu lãi phạt chậm trả theo hợp đồng tín dụng." in said
    assert "Tôi thành thật xin lỗi Quý Ngân hàng về việc chậm trả nợ." in said
    assert "Kính mong Quý Ngân hàng xem xét và chấp thuận đề nghị trên." in said
    assert letter.closing == ("Trân trọng,",)
    assert letter.signature == (
        "Trần Thị Hoa",
        "Chủ hộ kinh doanh Hoa Bakery",
        "ĐT: 0905 318 246",
        "Email: hoabakery@mail.example",
    )
    assert "chúng tôi" not in body(letter).lower()


def test_email_subject_carries_the_short_company_name():
    letter = write(answers(WEBSITE, channel="email"))
    assert letter.subject == (
        "[Vela Digital] Điều chỉnh thời hạn bàn giao website thương mại điện tử (HĐ-2026/118) sang 10/01/2027"
    )
    assert letter.salutation == "Kính gửi bà Hà,"
    assert letter.official is None and letter.date_position == "none"
    assert letter.signature[-2:] == ("ĐT: 0901 234 567", "Email: duc@vela.example")


def test_the_users_quý_khách_becomes_the_reader():
    case = load(ROOT / "examples" / "vi-service-illness-email.json")
    letter = write(parse_case(case, language="vi"))
    text = body(letter)
    assert "Quý khách" not in text
    assert "Lý do là kế toán viên phụ trách hồ sơ của Quý Công ty nghỉ ốm đột xuất một tuần." in text
    assert "Ngày 18/01, chúng tôi sẽ gửi bản nháp để Quý Công ty xem trước." in text
    assert letter.salutation == "Kính gửi anh Khang,"


# Who speaks to whom.


@pytest.mark.parametrize(
    ("recipient", "tone", "channel", "greeting"),
    [
        ({"name": "Nguyễn Thị Lan", "honorific": "ms"}, "formal", "letter", "Kính gửi bà Lan,"),
        ({"name": "Nguyễn Thị Lan", "honorific": "ms"}, "warm", "email", "Chào chị Lan,"),
        ({"name": "Nguyễn Thị Lan"}, "formal", "email", "Kính gửi chị Lan,"),
        ({"name": "Phạm Văn Bình"}, "concise", "email", "Kính gửi anh Bình,"),
        ({"name": "Đỗ Minh Châu"}, "formal", "email", "Kính gửi anh/chị Châu,"),
        (
            {"name": "Raymond Ortiz", "honorific": "mr", "country": "US"},
            "formal",
            "letter",
            "Kính gửi ông Raymond Ortiz,",
        ),
        (
            {"name": "Võ Thanh Tùng", "honorific": "mr", "address_as": {"vi": "anh Tùng"}},
            "formal",
            "letter",
            "Kính gửi anh Tùng,",
        ),
    ],
)
def test_greeting_of_a_person(recipient, tone, channel, greeting):
    letter = write(answers(WEBSITE, recipient={"kind": "person", **recipient}, tone=tone, channel=channel, letter={}))
    assert letter.salutation == greeting
    assert not re.search("Quý Công ty|Quý Ngân hàng|Quý khách", body(letter))


def test_an_individual_says_tôi_and_an_organisation_chúng_tôi():
    individual = write(
        answers(WEBSITE, sender={"kind": "individual", "name": "Đinh Công Minh", "phone": "0977 345 618"})
    )
    text = body(individual).lower()
    assert "chúng tôi" not in text and "tôi xin thông báo" in text
    organisation = write(answers(WEBSITE))
    assert not re.search(r"(?<!chúng )\btôi\b", body(organisation).lower())


def test_a_bank_named_as_a_company_is_still_quý_ngân_hàng():
    case = load(ROOT / "examples" / "vi-loan-instalments.json")
    letter = write(parse_case(case, language="vi"))
    assert letter.blocks[0].text.startswith(
        "Công ty TNHH Nội thất Gỗ Việt hiện có khoản vay theo HĐTD 2025/0931 tại Quý Ngân hàng."
    )
    said = sentences(letter)
    assert (
        f"Cụ thể, chúng tôi đề nghị được trả thành hai đợt, mỗi đợt 120.000.000{NBSP}đồng, vào ngày 25/03 và "
        "26/04." in said
    )
    assert (
        "Để bảo đảm cho đề nghị này, chúng tôi xin thế chấp bổ sung lô hàng tồn kho trị giá 300.000.000 đồng." in said
    )


# The need, the cause, the offers.


def test_the_new_date_meets_or_misses_the_need():
    met = sentences(write(answers(WEBSITE, commitment__needed_by="2027-01-25")))
    assert "Thời hạn bàn giao mới là ngày 10/01/2027, vẫn kịp cho đợt khuyến mãi Tết vào ngày 25/01/2027." in met
    missed = sentences(write(answers(WEBSITE, commitment__needed_by="2027-01-05")))
    assert (
        "Chúng tôi biết thời hạn này không còn kịp cho đợt khuyến mãi Tết vào ngày 05/01/2027 và hiểu điều đó "
        "ảnh hưởng lớn đến kế hoạch của Quý Công ty." in missed
    )
    action = sentences(write(answers(WEBSITE, commitment__needed_for="chuyển trụ sở trước ngày 01/02/2027")))
    assert (
        "Chúng tôi hiểu việc này làm rút ngắn thời gian chuẩn bị để Quý Công ty chuyển trụ sở trước ngày "
        "01/02/2027." in action
    )


def test_a_cause_without_explanation_gets_one_short_sentence():
    said = sentences(write(answers(WEBSITE, cause={"category": "supplier", "responsibility": "ours"})))
    assert "Nguyên nhân là nhà cung cấp của chúng tôi giao hàng chậm so với lịch đã thống nhất." in said
    assert "Kiểm soát tiến độ của nhà cung cấp là trách nhiệm của chúng tôi." in said


def test_late_notice_apologises_for_being_late_too():
    said = sentences(write(answers(WEBSITE, notice_date="2026-12-17", plan__milestones=[])))
    assert said[0].endswith("đã không kịp bàn giao vào ngày 15/12/2026 như đã thỏa thuận.")
    assert "Chúng tôi thành thật xin lỗi Quý Công ty về sự chậm trễ này, cũng như vì đã không báo sớm hơn." in said


def test_remedies_are_whole_sentences():
    remedies = [
        {"kind": "discount", "percent": 5, "description": "phần nội thất rời"},
        {"kind": "free_extra", "description": "một tuần hỗ trợ vận hành sau khi ra mắt"},
        {"kind": "partial_delivery", "description": "trang chủ và danh mục sản phẩm", "date": "2026-12-28"},
    ]
    said = sentences(write(answers(WEBSITE, remedies=remedies)))
    assert (
        "Để phần nào bù lại thời gian chờ đợi của Quý Công ty, chúng tôi xin giảm 5% giá trị phần nội thất rời "
        "và tặng Quý Công ty thêm một tuần hỗ trợ vận hành sau khi ra mắt." in said
    )
    assert (
        "Để Quý Công ty không phải chờ đến khi xong toàn bộ, ngày 28/12 chúng tôi sẽ bàn giao trước trang chủ và "
        "danh mục sản phẩm." in said
    )


def test_a_milestone_and_a_partial_delivery_of_the_same_thing_are_said_once():
    plan = {
        "new_deadline": "2027-01-10",
        "milestones": [
            {"date": "2026-12-21", "description": "Hoàn thiện trang danh mục sản phẩm"},
            {"date": "2027-01-05", "description": "Kiểm thử thanh toán"},
        ],
    }
    remedies = [
        {"kind": "partial_delivery", "description": "trang danh mục sản phẩm, để chạy quảng cáo", "date": "2026-12-22"}
    ]
    letter = write(answers(WEBSITE, plan=plan, remedies=remedies))
    items = [i for b in letter.blocks for i in b.items]
    assert items == [
        "Ngày 21/12: hoàn thiện trang danh mục sản phẩm, bàn giao trước từ ngày 22/12, để chạy quảng cáo;",
        "Ngày 05/01/2027: kiểm thử thanh toán;",
        "Ngày 10/01/2027: bàn giao toàn bộ website thương mại điện tử.",
    ]
    assert body(letter).count("trang danh mục sản phẩm") == 1


@pytest.mark.parametrize(
    "milestone, said",
    [
        ("Màng ép nhũ về đến xưởng", "Ngày 23/12, màng ép nhũ sẽ về đến xưởng."),
        ("Bản vẽ thi công được duyệt", "Ngày 23/12, bản vẽ thi công sẽ được duyệt."),
        ("Lô linh kiện cập cảng Hải Phòng", "Ngày 23/12, lô linh kiện sẽ cập cảng Hải Phòng."),
        ("Báo cáo về thị trường", "Ngày 23/12, chúng tôi sẽ hoàn thành báo cáo về thị trường."),
        ("Giao hàng đến kho Bình Dương", "Ngày 23/12, chúng tôi sẽ giao hàng đến kho Bình Dương."),
    ],
)
def test_a_milestone_that_happens_to_something_keeps_its_own_subject(milestone, said):
    plan = {"new_deadline": "2027-01-10", "milestones": [{"date": "2026-12-23", "description": milestone}]}
    assert said in sentences(write(answers(WEBSITE, plan=plan)))
    progress = write(answers(WEBSITE, plan=plan, letter_type="progress", notice_date="2026-12-24"))
    assert said.replace(" sẽ ", " đã ") in sentences(progress)


THREE_INSTALMENTS = {
    "kind": "instalments",
    "schedule": [
        {"date": "2027-03-25", "amount": "6000000"},
        {"date": "2027-04-01", "amount": "6000000"},
        {"date": "2027-04-10", "amount": "6500000"},
    ],
}


def test_progress_counts_the_instalments_paid():
    case = copy.deepcopy(BAKERY)
    case["remedies"] = [THREE_INSTALMENTS]
    case.update(letter_type="progress", notice_date="2027-04-02")
    said = sentences(write(parse_case(case, language="vi")))
    assert (
        f"Tôi đã trả hai đợt đầu (ngày 25/03 và 01/04), tổng cộng 12.000.000{NBSP}đồng; 6.500.000{NBSP}đồng "
        "còn lại sẽ được trả vào ngày 10/04." in said
    )


def test_three_instalments_are_a_list():
    case = copy.deepcopy(BAKERY)
    case["remedies"] = [THREE_INSTALMENTS]
    letter = write(parse_case(case, language="vi"))
    listed = next(b for b in letter.blocks if b.items)
    assert listed.text == "Cụ thể, tôi đề nghị được trả thành ba đợt:"
    assert listed.items == (
        f"Đợt 1: ngày 25/03, 6.000.000{NBSP}đồng;",
        f"Đợt 2: ngày 01/04, 6.000.000{NBSP}đồng;",
        f"Đợt 3: ngày 10/04, 6.500.000{NBSP}đồng.",
    )


# Chat.


def test_chat_for_a_landlady():
    letter = compose(parse_case(load(DOCS / "rent-tenant.json"), language="vi"))
    assert letter.chat == (
        "Chị Lan ơi, em Tùng bên Quán cà phê Mộc đây ạ. Tháng 3 quán phải đóng cửa hai tuần vì tòa nhà sửa "
        "đường ống nước, doanh thu giảm nhiều nên tiền thuê mặt bằng tháng 4 em chưa lo đủ 15"
        f"{NBSP}triệu để đóng vào ngày 5/4. Em xin gửi trước 7{NBSP}triệu đúng ngày 5/4, 8{NBSP}triệu còn lại em "
        "trả nốt vào thứ Ba 20/4, phí trả chậm em xin chịu theo hợp đồng. Em thành thật xin lỗi chị. Chị xem "
        "giúp em được không, có gì chị cứ gọi em nhé."
    )
    assert [b.text for b in letter.blocks] == [letter.chat]
    assert letter.salutation == "" and letter.closing == () and letter.signature == ()
    assert letter.subject


def test_chat_from_a_company_in_a_formal_case():
    letter = write(answers(WEBSITE))
    assert letter.chat.startswith(
        "Chào chị Hà, Vela Digital xin lỗi chị, cổng thanh toán đã đổi API ngày 01/12 nên chúng tôi xin phép dời "
        "ngày bàn giao website thương mại điện tử từ 15/12 sang Chủ nhật 10/1."
    )
    warm = write(answers(WEBSITE, tone="warm"))
    assert warm.chat.startswith("Chị Hà ơi, em Đức bên Vela Digital đây ạ. Em xin lỗi chị,")
    assert "Bên em xin giảm 10% giá trị hợp đồng, coi như lời xin lỗi của em ạ." in warm.chat


@pytest.mark.parametrize("path", CASES + sorted(DOCS.glob("*.json")), ids=lambda p: p.stem)
def test_every_chat_is_short_and_has_no_year_or_reference(path):
    case = parse_case(load(path), language="vi")
    for letter_type in ("delay", "progress", "completion"):
        letter = write(replace(case, letter_type=letter_type))
        assert len(letter.chat) <= 450
        assert not re.search(r"\b20\d\d\b", letter.chat)
        if case.commitment.reference:
            assert case.commitment.reference not in letter.chat


# Follow-ups.


def test_progress_update():
    letter = write(answers(WEBSITE, letter_type="progress", notice_date="2026-12-24"))
    assert letter.official.about == "V/v cập nhật tiến độ website thương mại điện tử"
    assert [b.text for b in letter.blocks] == [
        "Chúng tôi xin cập nhật tiến độ website thương mại điện tử theo Hợp đồng số HĐ-2026/118: công việc "
        "đang đúng tiến độ, dự kiến bàn giao đúng ngày 10/01/2027.",
        "Ngày 23/12, chúng tôi đã hoàn thành việc tích hợp API mới.",
        "Lần cập nhật tiếp theo, chúng tôi sẽ gửi vào thứ Sáu 25/12. Nếu cần thêm thông tin, Quý Công ty vui lòng "
        "liên hệ chúng tôi theo số 0901 234 567.",
    ]


def test_completion_notice():
    letter = write(answers(WEBSITE, letter_type="completion", notice_date="2027-01-08", channel="email"))
    assert letter.subject == "[Vela Digital] Hoàn tất bàn giao website thương mại điện tử (HĐ-2026/118)"
    said = sentences(letter)
    assert (
        "Chúng tôi xin thông báo đã bàn giao website thương mại điện tử theo Hợp đồng số HĐ-2026/118 vào ngày "
        "08/01/2027." in said
    )
    assert "Chúng tôi mong tiếp tục được đồng hành cùng Quý Công ty trong những dự án tới." in said
    loan = write(replace(parse_case(BAKERY, language="vi"), letter_type="completion"))
    assert loan.subject == "Hoàn tất kỳ trả nợ tháng 3/2027 – Hợp đồng tín dụng số 2026/DN/0455"


# What a native reader would never accept.

FORBIDDEN = (
    "bất khả kháng",
    "bồi thường",
    "rất tiếc phải thông báo",
    "cam kết chịu trách nhiệm",
    "Quý khách",
    "Subject",
    "Dear",
)


@pytest.mark.parametrize("path", CASES + sorted(DOCS.glob("*.json")), ids=lambda p: p.stem)
@pytest.mark.parametrize("channel", ["letter", "email", "chat"])
def test_no_translationese_and_one_voice(path, channel):
    case = replace(parse_case(load(path), language="vi"), channel=channel)
    letter = write(case)
    text = "\n".join([body(letter), letter.chat, letter.salutation, *letter.closing])
    for phrase in FORBIDDEN:
        assert not re.search(rf"\b{phrase}\b", text), phrase
    lowered = body(letter).lower()
    if case.sender.kind == "individual":
        assert "chúng tôi" not in lowered
    else:
        assert not re.search(r"(?<!chúng )\btôi\b", lowered)
    assert not re.search(r"\d{1,2}/\d{1,2}/(\d{4})[,;] (?:và )?\d{1,2}/\d{1,2}/\1", text)
    assert not re.search(r"\d,00\b", text)


def test_the_writer_never_calls_anyone_bạn_or_mình():
    source = (ROOT / "composer" / "letters" / "vi.py").read_text(encoding="utf-8")
    assert not re.search(r"\b(bạn|mình)\b", source)


def test_reference_letters_are_in_the_docs():
    assert {p.name for p in DOCS.glob("*.txt")} >= {
        "website-congvan.letter.txt",
        "accounting-illness.email.txt",
        "rent-tenant.chat.txt",
    }


def test_a_cause_that_already_owns_the_fault_gets_no_second_sentence():
    supplier = {
        "category": "supplier",
        "responsibility": "shared",
        "explanation": "Nhà cung cấp màng ép nhũ gặp sự cố; vì chưa có nhà cung cấp dự phòng nên chúng tôi bị lỡ lịch in.",
    }
    said = sentences(write(answers(WEBSITE, cause=supplier)))
    assert not any("dự phòng sớm hơn" in s for s in said)
    assert "Chúng tôi thành thật xin lỗi Quý Công ty về sự chậm trễ này." in said
    planning = {"category": "time_management", "responsibility": "ours", "explanation": ""}
    planning["explanation"] = "Tôi nhận cùng lúc hai dự án và sắp xếp thời gian không hợp lý."
    text = body(write(answers(WEBSITE, cause=planning)))
    assert "thiếu sót" not in text and "Trách nhiệm này" not in text


def test_a_private_debt_owns_no_fault_and_follows_what_was_agreed():
    loan = answers(
        BAKERY,
        cause={"category": "other", "responsibility": "ours", "explanation": "Tôi có một khoản chi đột xuất."},
        recipient={"kind": "person", "name": "Đào Văn Hải", "honorific": "mr", "address_as": {"vi": "anh Hải"}},
    )
    said = sentences(write(loan))
    assert "Tôi xin chịu lãi phạt chậm trả như đã thỏa thuận." in said
    assert not any(s.startswith(("Trách nhiệm", "Đây là thiếu sót")) for s in said)


def test_measures_follow_the_list_of_milestones():
    milestones = [
        {"date": "2026-12-18", "description": "Tích hợp API mới"},
        {"date": "2027-01-05", "description": "Kiểm thử toàn bộ luồng thanh toán"},
    ]
    letter = write(answers(WEBSITE, plan__milestones=milestones))
    listed = next(i for i, b in enumerate(letter.blocks) if b.items)
    assert letter.blocks[listed].text == "Kế hoạch mới cụ thể như sau:"
    assert letter.blocks[listed + 1].text == (
        "Để sự việc không lặp lại, chúng tôi sẽ bổ sung kiểm thử tự động cho cổng thanh toán."
    )


def test_a_long_cause_is_its_own_sentence_in_the_chat():
    cause = {
        "category": "supplier",
        "responsibility": "outside",
        "explanation": "Lô vải nhập khẩu về cảng chậm mười ngày nên xưởng phải dừng bọc ghế.",
    }
    chat = write(answers(WEBSITE, tone="warm", cause=cause)).chat
    assert chat.startswith(
        "Chị Hà ơi, em Đức bên Vela Digital đây ạ. Em xin lỗi chị. "
        "Lô vải nhập khẩu về cảng chậm mười ngày nên xưởng phải dừng bọc ghế. Bên em xin phép dời"
    )
    assert ", vì vậy" not in chat


def test_a_payment_held_up_by_papers_is_not_short_of_money():
    papers = {
        "category": "other",
        "responsibility": "outside",
        "explanation": "Ngân hàng cần thêm chứng từ hải quan để duyệt lệnh chuyển tiền",
    }
    letter = write(answers(BAKERY, cause=papers, channel="chat"))
    assert "chưa thu xếp đủ" not in letter.chat and "chưa lo đủ" not in letter.chat
    assert "kỳ trả nợ tháng 3 tôi chưa trả được đúng hạn 25/3." in letter.chat
    said = sentences(write(answers(BAKERY, cause=papers)))
    assert (
        "Tôi chưa thể trả đúng hạn và kính đề nghị Quý Ngân hàng xem xét cho tôi gia hạn đến ngày 10/04/2027." in said
    )


def test_a_chat_whose_cause_says_the_consequence_does_not_say_it_twice():
    cause = {
        "category": "illness",
        "responsibility": "outside",
        "explanation": "Tôi nằm viện hai tuần nên không đủ tiền trả đúng hạn.",
    }
    chat = write(answers(BAKERY, cause=cause)).chat
    assert "Kỳ trả nợ tháng 3 đến hạn ngày 25/3, nhưng tôi nằm viện hai tuần nên không đủ tiền trả đúng hạn." in chat
    assert "chưa thu xếp đủ" not in chat


def test_subject_names_an_english_reference_in_vietnamese():
    letter = write(answers(WEBSITE, commitment__reference="Contract GL-2027-03", letter={"vi_national_header": False}))
    assert letter.subject.endswith("(Hợp đồng số GL-2027-03) sang 10/01/2027")
    assert letter.salutation == "Kính gửi bà Hà,"
    warm = write(answers(WEBSITE, tone="warm", recipient__kind="person", letter={"vi_national_header": False}))
    assert warm.salutation.startswith("Kính gửi")
    assert write(answers(WEBSITE, tone="warm", recipient__kind="person", channel="email")).salutation == "Chào chị Hà,"


def test_a_payment_now_and_instalments_for_the_rest_are_one_plan():
    from tests.cases import PAYMENT
    from tests.cases import answers as case_answers

    letter = compose(case_answers(PAYMENT, channel="email"))
    body = letter.body_text.replace("\xa0", " ")
    assert (
        "Cụ thể, chúng tôi sẽ thanh toán trước 10.000.000 đồng vào đúng ngày 05/03; 15.000.000 đồng còn lại "
        "chúng tôi đề nghị được thanh toán thành hai đợt, mỗi đợt 7.500.000 đồng, vào ngày 26/03 và 09/04."
    ) in body
    assert body.count("Cụ thể") == 1
    assert "15 triệu còn lại chia hai đợt: 7,5 triệu ngày 26/3 và 7,5 triệu ngày 9/4" in letter.chat.replace(
        "\xa0", " "
    )
