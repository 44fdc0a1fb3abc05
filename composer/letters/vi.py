"""Vietnamese notices: the công văn of Decree 30/2020, the thư / email, and the Zalo message.

`write(answers)` decides once who speaks (tôi / chúng tôi / em) and whom it addresses (Quý Công ty,
Quý Ngân hàng, anh Minh, chị Hà…), then writes each paragraph in that voice.
"""

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise

from babel.numbers import format_decimal

from .formats import vietnamese_date_line, weekday_name
from .letter import Block, Letter, OfficialHeader
from .schedule import update_plan

NBSP = "\u00a0"
CHAT_LIMIT = 450
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
COPIES = ("Nơi nhận:", "- Như trên;", "- Lưu: VT.")

NUMBER_WORDS = {1: "một", 2: "hai", 3: "ba", 4: "bốn", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}
CURRENCY_NAMES = {
    "VND": "đồng",
    "USD": "đô la Mỹ",
    "EUR": "euro",
    "GBP": "bảng Anh",
    "CNY": "nhân dân tệ",
    "JPY": "yên Nhật",
    "KRW": "won Hàn Quốc",
    "SGD": "đô la Singapore",
    "AUD": "đô la Úc",
    "CAD": "đô la Canada",
    "HKD": "đô la Hồng Kông",
    "TWD": "Đài tệ",
    "THB": "baht Thái",
    "CHF": "franc Thụy Sĩ",
}

# How an organisation is called in the body, by the first words of its name (a company otherwise).
READER_BY_NAME = (
    ("ngân hàng", "Quý Ngân hàng"),
    ("trường", "Quý Trường"),
    ("bệnh viện", "Quý Bệnh viện"),
    ("hợp tác xã", "Quý Hợp tác xã"),
    ("văn phòng", "Quý Văn phòng"),
)
LEGAL_FORMS = (
    "công ty trách nhiệm hữu hạn một thành viên",
    "công ty trách nhiệm hữu hạn",
    "công ty tnhh mtv",
    "công ty tnhh",
    "công ty cổ phần",
    "công ty cp",
    "công ty hợp danh",
    "doanh nghiệp tư nhân",
    "công ty",
    "ngân hàng tmcp",
)
SENIOR_TITLES = ("giám đốc", "chủ tịch", "tổng", "trưởng", "phó", "hiệu trưởng", "viện trưởng")
KIN_PRONOUNS = ("anh", "chị", "ông", "bà", "cô", "chú", "bác", "thầy", "em", "anh/chị", "ông/bà")
# Whom a younger speaker calls "em" (or "cháu") in a friendly message.
YOUNGER_TO = {"anh": "em", "chị": "em", "thầy": "em", "cô": "cháu", "chú": "cháu", "bác": "cháu"}
SURNAMES = {
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô",
    "dương", "lý", "đinh", "trương", "đoàn", "lâm", "mai", "trịnh", "cao", "lương", "tạ", "hà", "tô", "châu",
    "quách", "thái", "vương", "kiều", "la", "triệu", "đào", "lưu", "phùng", "chu", "tăng", "khúc", "từ",
    "nghiêm", "hứa", "tôn", "thân", "văn", "lại", "giang", "khổng", "mạc", "âu", "lục", "diệp", "doãn", "kim",
}  # fmt: skip

# Unaccented words that may open a user's sentence and can be lower-cased inside ours (brand names stay).
PLAIN_ASCII_STARTS = {
    "do", "trong", "sau", "khi", "hai", "ba", "cho", "con", "mai", "nay", "tuy", "theo", "xe", "kho", "kinh",
    "chi", "anh", "em", "ngay", "thi", "tin", "tai", "lo", "gia", "may", "in", "web", "website", "app", "file",
    "server", "email", "nha", "toan", "khach", "mot", "ban", "hang", "phan", "cong", "chung", "mang", "sim",
    "album", "video", "clip", "logo", "banner", "poster", "catalogue", "catalog", "menu", "slide", "demo", "tour",
    "show", "game", "layout", "mockup", "brochure", "profile", "combo", "voucher", "ebook", "blog", "sticker",
    "camera", "laptop", "model", "form", "data", "landing", "fanpage", "module", "plugin", "sofa", "container",
    "pallet", "robot", "chatbot", "podcast", "template", "bot", "tem", "set", "kit", "box", "qua", "giao", "xong",
    "mua", "ra", "thay", "xin",
}  # fmt: skip
# A need ("what they need it for") that starts with one of these is something to do, not an event.
NEED_VERBS = (
    "chuyển", "khai trương", "ra mắt", "tổ chức", "mở", "nộp", "trình", "báo cáo", "chuẩn bị", "bắt đầu", "đưa",
    "vận hành", "dùng", "sử dụng", "họp", "in", "phát hành", "bán", "trưng bày", "lắp", "thi công", "dọn",
    "hoàn thành", "tham dự", "tham gia", "quyết toán", "thanh toán", "trả", "đóng", "xuất", "nhập", "đón",
    "khởi công", "giới thiệu", "gửi", "phục vụ", "chạy", "nhận", "giao", "chi", "kịp",
)  # fmt: skip
# A milestone that opens with one of these already says the step is finished or handed over.
DONE_VERBS = (
    "hoàn thiện", "hoàn thành", "hoàn tất", "bàn giao", "giao", "gửi", "nộp", "chuyển", "trình", "nghiệm thu",
    "ký", "ra mắt", "đưa", "xong", "kết thúc", "phát hành", "thanh toán", "trả", "nhận", "bắt đầu", "khởi công",
    "họp", "cung cấp", "đăng", "công bố", "xuất", "chạy thử", "lắp đặt xong", "tích hợp xong",
)  # fmt: skip
# An offer or a guarantee that opens with one of these is a clause already ("thế chấp bổ sung …").
ACTION_VERBS = (
    "thế chấp", "bổ sung", "ký", "cung cấp", "nộp", "đặt cọc", "chuyển", "gửi", "cầm cố", "bảo lãnh",
    "phát hành", "lập", "ưu tiên", "bố trí", "dành", "cử", "xử lý", "sản xuất", "giao", "hỗ trợ", "miễn",
    "tặng", "làm", "thực hiện", "trực", "giữ", "giảm", "áp dụng", "kiểm tra", "theo dõi", "tăng", "thuê",
)  # fmt: skip
# Work a free extra may be ("lát sàn gỗ cho ban công"): done for the reader, free of charge.
WORK_VERBS = (
    "lát", "lắp", "lắp đặt", "sơn", "vệ sinh", "bảo dưỡng", "sửa", "thay", "vẽ", "thiết kế", "chụp", "in", "dịch",
    "viết", "tích hợp", "kiểm thử", "thi công", "may", "chỉnh sửa", "đo kiểm", "cài đặt", "triển khai", "đào tạo",
    "hướng dẫn", "dựng", "xây", "đóng gói", "vận chuyển", "nhập", "chạy", "viết lại", "rà soát", "kiểm toán",
)  # fmt: skip
# A measure that opens with a subject of its own stands as written.
SUBJECTS = ("chúng tôi", "tôi", "em", "công ty", "bên", "đội", "nhóm", "phòng", "xưởng", "chúng em", "cửa hàng")
# A measure that opens with one of these is a statement that takes a lead-in ("Để sự việc không lặp lại, …").
STATEMENT_STARTS = (
    "từ nay", "kể từ", "mỗi", "hiện", "ngoài ra", "sau", "trong", "toàn bộ", "các", "những", "tất cả",
    "quy trình", "hệ thống", "mọi", "hằng", "định kỳ",
)  # fmt: skip
# An explanation that opens with a time or a circumstance reads best as its own sentence.
SETTING_STARTS = (
    "cuối", "đầu", "giữa", "dịp", "tháng", "ngày", "tuần", "hôm", "sáng", "chiều", "tối", "gần đây", "vừa qua",
    "trong", "sau", "khi", "qua", "từ", "năm", "mùa", "hai", "ba",
)  # fmt: skip
# A cause that already says what it led to ("…nên không đủ tiền trả đúng hạn").
CONSEQUENCE = re.compile(r"đúng hạn|không kịp|chưa kịp|không đủ tiền|chưa đủ tiền|chưa thể|không thể")
# An explanation that already owns the sender's part needs no sentence of ours on top.
OWNED = re.compile(
    r"lẽ ra|(tôi|chúng tôi|bên em|em) (cũng )?đã không|lỗi của (tôi|chúng tôi)|sơ suất|thiếu sót|chủ quan"
    r"|(không|chưa) (hợp lý|chừa|lường|tính đến|kịp đánh giá)"
)
# Pairs of syllables too common to show that two sentences say the same thing.
COMMON_PAIRS = {
    ("chúng", "tôi"), ("của", "chúng"), ("của", "tôi"), ("cho", "những"), ("những", "trường"), ("trường", "hợp"),
    ("hợp", "như"), ("như", "vậy"), ("phải", "có"), ("sớm", "hơn"), ("từ", "đầu"), ("công", "việc"),
}  # fmt: skip
# A payment cause that leaves the sender short of money ("chưa thu xếp đủ tiền"), not merely late.
MONEY_CAUSES = {"time_management", "resources", "third_party", "supplier", "illness", "external_event"}
MONEY_WORDS = re.compile(
    r"(đủ|thiếu|hết) tiền|tiền (hàng|bán|công)|lương|thưởng|doanh thu|dòng tiền|khoản chi|viện phí|chi phí"
    r"|thu nhập|vốn|để dành"
)
# Work that a priority offer puts first ("ưu tiên sản xuất đơn hàng tiếp theo").
PRIORITY_WORK = ("sản xuất", "giao", "xử lý", "lắp đặt", "thi công", "thực hiện", "làm")
COST_WORDS = ("giá", "phí", "chi phí", "tiền", "giá trị", "học phí", "cước", "tổng")


# Text helpers.


def cap(text):
    return text[:1].upper() + text[1:] if text else text


def clause(text):
    """A user's sentence without its final full stop, to sit inside one of ours."""
    return text.strip().rstrip(".。!！;；").strip()


def sentence(text):
    text = text.strip()
    if text and text[-1] not in '.!?…)”"':
        text += "."
    return cap(text)


def join(texts):
    return " ".join(t for t in texts if t)


def starts_with(text, phrases):
    low = text.lower()
    return any(low == p or low.startswith(p + " ") or low.startswith(p + ",") for p in phrases)


def lower_first(text):
    """The user's sentence with a small first letter, or None when its first word is a name or an acronym."""
    words = text.split()
    if not words:
        return text
    first = words[0].strip(",.:;")
    if not first or first[0].islower() or not first[0].isalpha():
        return text
    if len(first) > 1 and not first[1:].islower():
        return None  # VNPay, API, HĐ
    following = words[1] if len(words) > 1 else ""
    if following[:1].isupper():
        return None  # Hà Nội, Vela Digital
    if first.isascii() and first.lower() not in PLAIN_ASCII_STARTS:
        return None  # Vietcombank, Shopee
    return text[0].lower() + text[1:]


def small(text):
    """lower_first, keeping the text as written when it must stay capitalised."""
    return lower_first(text) or text


def opens_with_comma(text):
    """Whether a sentence opens with a phrase of its own ("Ngày 20/11, …", "Với các dự án sau, …")."""
    return "," in " ".join(text.split()[:6])


def sets_the_scene(text):
    """Whether a sentence opens with a time or a circumstance ("Trong quá trình kiểm thử, …")."""
    return opens_with_comma(text) or starts_with(text, SETTING_STARTS)


def says_done(step):
    """Whether a milestone already says the step is finished ("hoàn thiện phòng họp", "vệ sinh xong…")."""
    return starts_with(step, DONE_VERBS) or " xong" in step


def finish(step):
    """Finishing a step: hoàn thành việc tích hợp API mới / hoàn thành bản nháp báo cáo."""
    return f"hoàn thành việc {step}" if starts_with(step, WORK_VERBS + ACTION_VERBS) else f"hoàn thành {step}"


# A milestone that happens to something rather than being done by us has its own subject before one of these
# ("màng ép nhũ về đến xưởng", "bản vẽ được duyệt"); "về" and "đến" alone are too often prepositions to count.
EVENT_VERBS = (
    "về đến", "về tới", "về kho", "về xưởng", "về cảng", "về nhà máy", "về công trường", "đến kho", "đến xưởng",
    "đến cảng", "đến công trường", "tới kho", "tới xưởng", "tới cảng", "được", "sẵn sàng", "có mặt", "cập cảng",
    "thông quan",
)  # fmt: skip


def event(step):
    """(subject, what happens) when a milestone is an event with a subject of its own, else None."""
    if starts_with(step, DONE_VERBS + WORK_VERBS + ACTION_VERBS) or re.search(r"\b(sẽ|đã|đang)\b", step):
        return None
    words = step.split()
    for i in range(1, len(words)):
        rest = " ".join(words[i:])
        if starts_with(rest, EVENT_VERBS):
            return " ".join(words[:i]), rest
    return None


def step_clause(step, we, tense):
    """A milestone as a clause with `tense` (sẽ / đã): "chúng tôi sẽ hoàn thành bản nháp", "bản vẽ đã được duyệt"."""
    happens = event(step)
    if happens:
        return f"{happens[0]} {tense} {happens[1]}"
    return f"{we} {tense} {step if says_done(step) else finish(step)}"


def is_cjk(text):
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def role_line(title, organization):
    """A title with its organisation: Chủ hộ kinh doanh Hoa Bakery; Chủ quán + Quán cà phê Mộc → Chủ Quán cà phê Mộc."""
    words = title.split()
    if words and organization.lower().startswith(words[-1].lower() + " "):
        title = " ".join(words[:-1])
    return join([title, organization])


def first_sentence(text):
    return re.split(r"(?<=[.!?])\s+", text.strip())[0]


def vietnamese_organization(name):
    """Whether an organisation is Vietnamese (it may then issue a công văn under the national motto)."""
    return bool(name) and (starts_with(name, LEGAL_FORMS) or not name.isascii())


def short_org(name):
    """The organisation's name without its legal form: Công ty TNHH Vela Digital → Vela Digital."""
    low = name.lower()
    for form in LEGAL_FORMS:
        if low.startswith(form + " "):
            name = name[len(form) :].strip() or name
            break
    return re.sub(r",?\s+(Co\.,? ?Ltd\.?|Ltd\.?|LLC|Inc\.?|JSC|Corp\.?|GmbH|Co\.)$", "", name) or name


def has_date(text):
    return bool(re.search(r"\d{1,2}/\d{1,2}|ngày \d|tháng \d", text))


def drop_years(text):
    """A title for a chat message: tháng 4/2027 → tháng 4, quý IV/2026 → quý IV, năm 2027 → ""."""
    text = re.sub(r"\b(\d{1,2})/(\d{1,2})/(19|20)\d{2}\b", r"\1/\2", text)
    text = re.sub(r"\b(\d{1,2}|[IV]{1,3})/(19|20)\d{2}\b", r"\1", text)
    return re.sub(r"\s*năm (19|20)\d{2}\b", "", text)


def overlaps(a, b):
    """Whether a milestone and a partial delivery name the same thing (they share three words in a row)."""
    wa, wb = a.lower().replace(",", " ").split(), b.lower().replace(",", " ").split()
    runs = {tuple(wa[i : i + 3]) for i in range(len(wa) - 2)}
    return any(tuple(wb[i : i + 3]) in runs for i in range(len(wb) - 2))


def purpose_of(remedy):
    """What a partial delivery says after its first comma (", để nhân viên chuyển vào")."""
    desc = clause(remedy.description)
    return "," + desc.split(",", 1)[1] if "," in desc else ""


# Dates and money as Vietnamese letters write them.


def full_date(d):
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def chat_date(d):
    return f"{d.day}/{d.month}"


def weekday(d):
    return weekday_name(d.weekday(), "vi")


def number_words(n):
    return NUMBER_WORDS.get(n, str(n))


def amount_text(value, currency):
    """25.000.000 đồng, 1.500 bảng Anh, 1.234,50 đô la Mỹ."""
    pattern = "#,##0" if value == value.to_integral() else "#,##0.00"
    return f"{format_decimal(value, format=pattern, locale='vi')}{NBSP}{CURRENCY_NAMES.get(currency, currency)}"


def chat_amount(value, currency):
    """Money as a message writes it: 15 triệu, 8,5 triệu, 1,45 tỷ, 10.000 USD, 1.500 bảng Anh."""
    if currency == "VND":
        for unit, word in ((Decimal(10) ** 9, "tỷ"), (Decimal(10) ** 6, "triệu")):
            scaled = value / unit
            if scaled >= 1 and scaled * 100 == (scaled * 100).to_integral():
                return f"{format_decimal(scaled, format='#,##0.##', locale='vi')}{NBSP}{word}"
    if currency == "USD":
        pattern = "#,##0" if value == value.to_integral() else "#,##0.00"
        return f"{format_decimal(value, format=pattern, locale='vi')}{NBSP}USD"
    return amount_text(value, currency)


def percent_text(value):
    return format_decimal(value, format="#,##0.##", locale="vi") + "%"


def holiday_phrase(name):
    """A holiday inside a sentence, in Vietnamese: ngày Giỗ Tổ Hùng Vương, Tết Dương lịch, lễ Giáng sinh."""
    observed = re.search(r"（补假）|\(observed\)|\(nghỉ bù\)", name)
    base = re.sub(r"\s*(（补假）|\(observed\)|\(nghỉ bù\))", "", name).strip()
    for foreign, vietnamese in FOREIGN_HOLIDAYS:
        if foreign in base:
            base = vietnamese
            break
    else:
        if is_cjk(base) or base.isascii():
            return "ngày nghỉ lễ"
    base = base.replace("Nguyên Đán", "Nguyên đán")
    if "Tết Nguyên đán" in base:
        base = "Tết Nguyên đán"
    base = base[0].lower() + base[1:] if starts_with(base, ("ngày", "mùng", "giao thừa")) else base
    if observed:
        return f"ngày nghỉ bù {base.removeprefix('ngày ')}"
    return base


# A reference that opens with its document's name in English: (pattern, the Vietnamese name).
REFERENCE_LABELS = (
    (r"(contract|agreement)\s*(no\.?|#)?\s*", "Hợp đồng"),
    (r"lease\s*(ref\.?|no\.?|#)?\s*", "Hợp đồng thuê"),
    (r"(loan|facility)\s*(ref\.?|no\.?|#)?\s*", "khoản vay"),
    (r"(invoice|inv\.?)\s*(no\.?|#)?\s*(?=\w)", "hóa đơn"),
    (r"(estimate|quote|quotation)\s*(no\.?|#)?\s*", "báo giá"),
)
# Holidays of the recipient's calendar that the holidays package names only in another language.
FOREIGN_HOLIDAYS = (
    ("元旦", "Tết Dương lịch"),
    ("除夕", "đêm giao thừa"),
    ("春节", "Tết Nguyên đán"),
    ("清明", "Tết Thanh minh"),
    ("劳动节", "ngày Quốc tế Lao động"),
    ("端午", "Tết Đoan ngọ"),
    ("中秋", "Tết Trung thu"),
    ("国庆", "Quốc khánh Trung Quốc"),
    ("New Year", "Tết Dương lịch"),
    ("Christmas", "lễ Giáng sinh"),
    ("Good Friday", "lễ Thứ Sáu Tuần Thánh"),
    ("Easter", "lễ Phục sinh"),
    ("Thanksgiving", "lễ Tạ ơn"),
    ("Independence Day", "Quốc khánh Hoa Kỳ"),
    ("Labor Day", "ngày Lao động Hoa Kỳ"),
    ("Memorial Day", "ngày Tưởng niệm Hoa Kỳ"),
    ("Veterans Day", "ngày Cựu chiến binh Hoa Kỳ"),
    ("Juneteenth", "ngày lễ Juneteenth"),
    ("Columbus Day", "ngày lễ Columbus"),
    ("Martin Luther King", "ngày lễ Martin Luther King"),
    ("Washington", "ngày lễ Tổng thống Hoa Kỳ"),
    ("Boxing Day", "ngày lễ sau Giáng sinh"),
    ("Bank Holiday", "kỳ nghỉ lễ ngân hàng Anh"),
    ("Bank holiday", "kỳ nghỉ lễ ngân hàng Anh"),
)


# Field words per subkind.


@dataclass(frozen=True)
class Field:
    verb: str  # what falls due: bàn giao, giao, hoàn thành, thanh toán, trả
    deadline: str  # thời hạn bàn giao …
    ref_noun: str  # the document its reference numbers
    ref_link: str  # how a title joins it: "theo Hợp đồng số …"
    update: str  # sending a progress update to {to}
    apology: str  # what the sender is sorry about


FIELDS = {
    "project": Field(
        "bàn giao", "thời hạn bàn giao", "Hợp đồng", "theo", "gửi {to} báo cáo tiến độ", "sự chậm trễ này"
    ),
    "shipment": Field(
        "giao",
        "thời hạn giao hàng",
        "đơn hàng",
        "thuộc",
        "cập nhật cho {to} tình hình sản xuất và giao hàng",
        "sự chậm trễ này",
    ),
    "service": Field(
        "hoàn thành", "thời hạn hoàn thành", "Hợp đồng", "theo", "gửi {to} báo cáo tiến độ", "sự chậm trễ này"
    ),
    "invoice": Field(
        "thanh toán",
        "hạn thanh toán",
        "hóa đơn",
        "theo",
        "cập nhật cho {to} tình hình thu xếp thanh toán",
        "việc thanh toán chậm",
    ),
    "rent": Field(
        "thanh toán",
        "hạn thanh toán",
        "Hợp đồng thuê",
        "theo",
        "cập nhật cho {to} tình hình thu xếp tiền thuê",
        "việc chậm thanh toán tiền thuê",
    ),
    "loan": Field(
        "trả",
        "kỳ trả nợ",
        "Hợp đồng tín dụng",
        "của",
        "cập nhật cho {to} tình hình thu xếp nguồn trả nợ",
        "việc chậm trả nợ",
    ),
}
FINAL_STEP = {"project": "bàn giao toàn bộ {title}", "shipment": "giao đủ {title}", "service": "hoàn thành {title}"}
DISCOUNT_BASE = {
    "project": "chi phí thực hiện {title}",
    "shipment": "giá trị {title}",
    "service": "phí dịch vụ cho {title}",
}
CHAT_DISCOUNT_BASE = {"project": "chi phí", "shipment": "giá trị đơn hàng", "service": "phí dịch vụ"}
ONWARD = {"project": "những dự án tới", "shipment": "những đơn hàng tới", "service": "thời gian tới"}

# A cause the user did not explain: (category, payment?) → a short sentence in the speaker's voice.
CAUSES = {
    ("time_management", False): "{we} đã ước tính chưa sát thời gian cần cho phần việc này.",
    ("resources", False): "nhân sự của {us} thời gian qua không đủ để giữ tiến độ ban đầu.",
    ("technical", False): "{we} gặp một sự cố kỹ thuật cần nhiều thời gian xử lý hơn dự kiến.",
    ("third_party", False): "một đối tác tham gia vào công việc đã chậm so với kế hoạch.",
    ("supplier", False): "nhà cung cấp của {us} giao hàng chậm so với lịch đã thống nhất.",
    ("recipient_dependency", False): "một số nội dung cần hai bên trao đổi và thống nhất thêm trước khi hoàn thiện.",
    ("scope_change", False): "khối lượng công việc tăng thêm so với phạm vi ban đầu.",
    ("illness", False): "{sick} bị ốm, phải nghỉ đột xuất.",
    ("external_event", False): "một sự việc ngoài dự kiến đã làm gián đoạn công việc.",
    ("other", False): "công việc phát sinh vướng mắc ngoài dự kiến.",
    ("time_management", True): "{we} đã cân đối dòng tiền chưa sát cho kỳ thanh toán này.",
    ("resources", True): "dòng tiền của {us} đang tạm thời thiếu hụt.",
    ("technical", True): "{we} gặp sự cố kỹ thuật ở khâu chuyển tiền.",
    ("third_party", True): "một khoản tiền khách hàng phải trả cho {us} bị chậm so với dự kiến.",
    ("supplier", True): "một khoản tiền đối tác phải trả cho {us} bị chậm so với dự kiến.",
    ("recipient_dependency", True): "hồ sơ thanh toán cần thêm thời gian để hai bên đối chiếu.",
    ("scope_change", True): "giá trị thanh toán có thay đổi và cần thêm thời gian đối chiếu.",
    ("illness", True): "{sick} bị ốm phải điều trị, công việc kinh doanh bị gián đoạn.",
    ("external_event", True): "hoạt động kinh doanh của {us} bị ảnh hưởng bởi một sự việc ngoài dự kiến.",
    ("other", True): "{we} có một khoản chi đột xuất.",
}
# Owning a cause that is ours, by category.
OURS = {
    "time_management": "Đây là thiếu sót của {us} trong khâu lập kế hoạch.",
    "resources": "Bố trí đủ người cho công việc là trách nhiệm của {us}.",
    "supplier": "Kiểm soát tiến độ của nhà cung cấp là trách nhiệm của {us}.",
    "third_party": "Theo sát tiến độ của đối tác là trách nhiệm của {us}.",
    "recipient_dependency": "Lẽ ra {we} phải báo sớm hơn để hai bên kịp điều chỉnh.",
    "illness": "Lẽ ra {we} phải chừa thời gian dự phòng cho những trường hợp như vậy.",
}
OURS_PAYMENT = {
    "time_management": "Đây là thiếu sót của {us} trong việc cân đối tài chính.",
    "resources": "Đây là thiếu sót của {us} trong việc cân đối tài chính.",
    "technical": "Đây là sơ suất của {us}.",
}
OURS_DEFAULT = "Đây là thiếu sót của {us}."
# Owning our part of a shared cause, by category.
SHARED = {
    "third_party": "Thay đổi này đến từ phía đối tác, nhưng lẽ ra {we} phải theo dõi sát hơn và có phương án từ đầu.",
    "supplier": "Việc chậm hàng đến từ nhà cung cấp, nhưng lẽ ra {we} phải có phương án dự phòng sớm hơn.",
    "recipient_dependency": "Lẽ ra {we} nên trao đổi sớm hơn để hai bên cùng điều chỉnh kịp thời.",
    "scope_change": "Lẽ ra {we} phải đánh giá lại tiến độ ngay khi phạm vi công việc thay đổi.",
    "illness": "Lẽ ra {we} phải bố trí sẵn người dự phòng cho những trường hợp như vậy.",
}
SHARED_DEFAULT = "Một phần nguyên nhân nằm ngoài tầm kiểm soát của {us}, nhưng lẽ ra {we} phải lường trước sớm hơn."


@dataclass(frozen=True)
class Voice:
    """Who speaks to whom, decided once per notice."""

    we: str  # tôi / chúng tôi / em / cháu
    us: str  # "của {us}": the speaker's side (tôi, chúng tôi, bên em)
    reader: str  # Quý Công ty / Quý Ngân hàng / anh / chị / ông / bà
    person: str  # the pronoun of the person greeted ("" when only the organisation is known)
    greeting: str  # anh Quân / bà Trang / Quý Công ty
    institution: bool  # the reader is an organisation


class Notice:
    def __init__(self, answers):
        self.a = answers
        self.c = answers.commitment
        self.s = answers.sender
        self.r = answers.recipient
        self.payment = answers.kind == "payment"
        self.field = FIELDS[answers.subkind]
        self.tone = answers.tone
        self.channel = answers.channel
        self.official = answers.channel == "letter" and self.is_official()
        self.voice = self.decide_voice(chat=False)
        self.bank = self.voice.reader == "Quý Ngân hàng"

    # Who speaks to whom.

    def is_official(self):
        option = self.a.letter.vi_national_header
        if option is not None:
            return option and bool(self.s.organization or self.s.name)
        return (
            self.s.kind == "organization"
            and vietnamese_organization(self.s.organization)
            and self.r.kind in ("company", "bank")
            and self.r.country in ("", "VN")
        )

    @staticmethod
    def gender(party):
        if party.honorific in ("mr", "ms"):
            return party.honorific
        middle = party.name.lower().split()[1:-1]
        if "thị" in middle:
            return "ms"
        if "văn" in middle:
            return "mr"
        return ""

    def vietnamese_name(self, name, country=None):
        words = name.split()
        if len(words) == 1:
            return not is_cjk(name) and (not name.isascii() or (country or self.r.country) in ("", "VN"))
        return bool(words) and words[0].lower() in SURNAMES

    def given_name(self, name, country=""):
        """The name a person goes by: Minh in Trần Minh Đức… Đức, Hannah in Hannah Price, 林晓雯 as written."""
        words = name.split()
        if not words or is_cjk(name):
            return name
        return words[-1] if self.vietnamese_name(name, country) else words[0]

    def person_name(self, formal):
        """The recipient as greeted: the user's own choice, else anh Minh / bà Trang / ông Raymond Ortiz."""
        r = self.r
        if r.address_as:
            return r.address_as
        if not r.name:
            return ""
        gender = self.gender(r)
        senior = {"mr": "ông", "ms": "bà"}.get(gender, "ông/bà")
        familiar = {"mr": "anh", "ms": "chị"}.get(gender, "anh/chị")
        if not self.vietnamese_name(r.name):
            return f"{senior} {r.name}" if formal else f"{familiar} {self.given_name(r.name)}"
        return f"{senior if formal else familiar} {self.given_name(r.name)}"

    def senior_reader(self):
        title = self.r.title.lower()
        return any(t in title for t in SENIOR_TITLES)

    def decide_voice(self, chat):
        a, r = self.a, self.r
        formal = a.tone == "formal" and not chat and (a.channel == "letter" or self.senior_reader())
        greeting = self.person_name(formal)
        first = greeting.split()[0].lower() if greeting else ""
        person = first if first in KIN_PRONOUNS else ""
        if greeting and not person:
            person = {"mr": "anh", "ms": "chị"}.get(self.gender(r), "anh/chị")
        institution = r.kind in ("company", "bank")
        if institution:
            reader = "Quý Ngân hàng" if r.kind == "bank" else "Quý Công ty"
            for start, name in READER_BY_NAME:
                if r.organization.lower().startswith(start):
                    reader = name
        else:
            reader = person or "anh/chị"
        organization = self.s.kind == "organization"
        we = us = "chúng tôi" if organization else "tôi"
        if chat:
            if a.tone != "formal" and person in YOUNGER_TO:
                we = YOUNGER_TO[person]
                us = f"bên {we}" if organization else we
            greeting = greeting or reader
        return Voice(we, us, reader, person, greeting, institution)

    @property
    def we(self):
        return self.voice.we

    @property
    def us(self):
        return self.voice.us

    @property
    def reader(self):
        return self.voice.reader

    @property
    def contact(self):
        """Whom a personal request goes to (call us, tell us): the person greeted, else the organisation."""
        return self.reader if self.official else self.voice.person or self.reader

    def fill(self, template, voice=None):
        voice = voice or self.voice
        sick = "tôi" if self.s.kind == "individual" else "nhân sự phụ trách chính"
        if voice.we != "tôi" and self.s.kind == "individual":
            sick = voice.we
        return template.format(we=voice.we, us=voice.us, sick=sick)

    def adapt(self, text, voice=None):
        """The user's words in this notice's voice: their "Quý khách" is our reader, their "tôi" our speaker."""
        voice = voice or self.voice
        reader = voice.reader if voice.institution and voice is self.voice else (voice.person or voice.reader)
        text = re.sub(r"\b[Qq]uý khách hàng\b|\b[Qq]uý khách\b", reader, text)
        if voice is not self.voice and voice.person:
            text = re.sub(r"\bQuý (Công ty|Ngân hàng)\b", f"bên {voice.person}", text)
        if voice.we in ("em", "cháu"):
            text = re.sub(r"\b[Cc]húng tôi\b", voice.us, text)
            text = re.sub(r"\btôi\b", voice.we, text)
            text = re.sub(r"\bTôi\b", cap(voice.we), text)
        elif voice.we == "tôi":
            text = re.sub(r"\bchúng tôi\b", "tôi", text)
            text = re.sub(r"\bChúng tôi\b", "Tôi", text)
        return text

    # Dates, money and the commitment inside sentences.

    def date(self, d):
        """A date after the opening's full ones: without the year when it is the notice's year."""
        return f"{d.day:02d}/{d.month:02d}" if d.year == self.a.notice_date.year else full_date(d)

    def money(self, value):
        return amount_text(value, self.a.currency)

    @property
    def title(self):
        title = self.c.title.strip()
        return title if self.c.title_is_name else small(title)

    @property
    def thing(self):
        """The title with its reference, as the body names it once."""
        title, ref = self.title, self.c.reference
        if not ref or ref.lower() in title.lower():
            return title
        return f"{title} {self.reference_phrase(title)}"

    def reference_phrase(self, title=""):
        """How the body names the reference: "theo Hợp đồng số HĐ-2026/118", "thuộc đơn hàng số PO-15"."""
        ref, noun, link = self.c.reference, self.field.ref_noun, self.field.ref_link
        for label, document in REFERENCE_LABELS:
            found = re.match(label, ref, re.IGNORECASE)
            if found and ref[found.end() :].strip():
                return f"{link} {document} số {ref[found.end() :].strip()}"
        if starts_with(title, (noun.lower(),)) or title.lower().endswith(noun.lower()):
            return f"số {ref}"
        if re.search(r"\bsố\b", ref) or starts_with(
            ref, ("hợp đồng", "đơn hàng", "hóa đơn", "khoản vay", "hđ", "hđtd")
        ):
            return f"{link} {ref}"
        if " " in ref or "#" in ref:
            return f"{link} {noun} {ref}"
        return f"{link} {noun} số {ref}"

    def need_is_action(self):
        return starts_with(self.c.needed_for, NEED_VERBS)

    def need_met(self):
        """True / False when the new date meets / misses the date of the need; None when none was given."""
        if not self.c.needed_by:
            return None
        return self.a.plan.new_deadline <= self.c.needed_by

    def need_clause(self, still, reader=None, chat=False):
        """vẫn kịp phục vụ đợt khuyến mãi Tết / không còn kịp để Quý Công ty chuyển trụ sở trước ngày 01/04."""
        voice = self.voice if reader is None else Voice("", "", reader, reader, reader, False)
        reader = reader or self.reader
        need, by = self.adapt(self.c.needed_for, voice), self.c.needed_by
        head = "vẫn kịp" if still else "không còn kịp"
        date = chat_date if chat else self.date
        ahead = self.need_is_action() or starts_with(need, ("việc",))
        when = f"{'trước' if ahead else 'vào'} ngày {date(by)}" if by and not has_date(need) else ""
        if not need:
            return f"{head} ngày {date(by)} mà {reader} cần"
        if self.need_is_action():
            return join([f"{head} để {reader} {need}", when])
        if starts_with(need, ("ngày", "hôm", "dịp")):
            return join([f"{head} {need}", f"({date(by)})" if when else ""])
        return join([f"{head} cho {need}", when])

    # The delay notice: a delivery.

    def blocks(self):
        if self.a.letter_type == "progress":
            return self.progress_blocks()
        if self.a.letter_type == "completion":
            return self.completion_blocks()
        if self.payment:
            return self.payment_blocks()
        return self.delivery_blocks()

    def delivery_blocks(self):
        impact = self.impact_sentence()
        blocks = [
            Block(
                join([self.delivery_opening(), self.new_date_sentence(), impact]),
                roles=frozenset({"opening", "new_date"} | ({"impact"} if impact else set())),
            ),
            self.cause_block(),
            *self.plan_blocks(),
        ]
        offers = self.offer_sentences()
        if offers:
            blocks.append(Block(join(offers), roles=frozenset({"remedies"})))
        blocks += self.closing_blocks()
        return blocks

    def delivery_opening(self):
        tense = "đã không kịp" if self.a.is_late else "sẽ không kịp"
        agreed = {"formal": "như đã thỏa thuận", "warm": "như đã hẹn", "concise": "như dự kiến"}[self.tone]
        core = f"{self.thing} {tense} {self.field.verb} vào ngày {full_date(self.c.original_deadline)} {agreed}."
        if self.tone == "formal":
            lead = self.s.organization if self.official and self.s.organization else cap(self.we)
            return f"{lead} xin thông báo: {core}"
        return cap(core)

    def new_date_sentence(self):
        text = f"{cap(self.field.deadline)} mới là ngày {full_date(self.a.plan.new_deadline)}"
        if self.need_met():
            return f"{text}, {self.need_clause(still=True)}."
        return text + "."

    def impact_sentence(self):
        need, met = self.c.needed_for, self.need_met()
        if met or (not need and met is None):
            return ""
        if met is False:
            hurt = (
                f"ảnh hưởng lớn đến kế hoạch của {self.reader}"
                if self.voice.institution
                else f"gây nhiều bất tiện cho {self.reader}"
            )
            return f"{cap(self.we)} biết thời hạn này {self.need_clause(still=False)} và hiểu điều đó {hurt}."
        verb = "biết" if self.tone == "warm" else "hiểu"
        if self.need_is_action():
            return f"{cap(self.we)} {verb} việc này làm rút ngắn thời gian chuẩn bị để {self.reader} {need}."
        return f"{cap(self.we)} {verb} việc này làm rút ngắn thời gian {self.reader} chuẩn bị cho {need}."

    def cause_block(self):
        texts = [self.cause_sentence(), self.responsibility_sentence(), self.apology_sentence()]
        return Block(join(texts), roles=frozenset({"cause", "responsibility", "apology"}))

    def cause_sentence(self):
        lead = "Lý do là" if self.tone == "warm" else "Nguyên nhân là"
        explanation = self.adapt(self.a.cause.explanation.strip())
        if not explanation:
            category = self.fill(CAUSES[self.a.cause.category, self.payment])
            return cap(category) if self.tone == "concise" else f"{lead} {category}"
        own_lead = starts_with(explanation, ("do", "vì", "bởi", "nguyên nhân", "lý do", "tại vì"))
        lowered = lower_first(explanation)
        if own_lead or sets_the_scene(explanation) or lowered is None or self.tone == "concise":
            return sentence(explanation)
        return sentence(f"{lead} {lowered}")

    def responsibility_sentence(self):
        cause = self.a.cause
        if OWNED.search(cause.explanation.lower()):
            return ""
        if not cause.explanation and cause.category == "time_management":
            return ""
        if cause.responsibility == "ours":
            if self.payment:
                text = self.fill(OURS_PAYMENT.get(cause.category, ""))
            else:
                text = self.fill(OURS.get(cause.category, OURS_DEFAULT))
        elif cause.responsibility == "shared" and self.tone != "concise":
            text = self.fill(SHARED.get(cause.category, SHARED_DEFAULT))
        elif cause.responsibility == "shared":
            text = self.fill("Một phần trách nhiệm thuộc về {us}.")
        else:
            return ""
        if self.repeats(text, cause.explanation, self.a.plan.measures):
            return ""
        return text

    @staticmethod
    def repeats(text, *others):
        """Whether a sentence of ours says again what the user's words already say (two syllables in a row)."""

        def pairs(words):
            syllables = re.findall(r"\w+", words.lower())
            return {p for p in pairwise(syllables) if p not in COMMON_PAIRS}

        said = set().union(*(pairs(o) for o in others))
        return bool(pairs(text) & said)

    def apology_sentence(self):
        to = self.contact if self.tone == "warm" else self.reader
        words = {"formal": "thành thật xin lỗi", "warm": "thật sự xin lỗi", "concise": "xin lỗi"}[self.tone]
        what = f"về {self.field.apology}"
        if self.a.cause.category == "recipient_dependency" and self.a.cause.responsibility == "outside":
            what = "vì sự thay đổi này"
        late = ", cũng như vì đã không báo sớm hơn" if self.a.is_late else ""
        return f"{cap(self.we)} {words} {to} {what}{late}."

    def plan_blocks(self):
        """The milestones, an early partial delivery and the measures, in one paragraph or around a list."""
        milestones = list(self.a.plan.milestones)
        partials = [r for r in self.a.remedies if r.kind == "partial_delivery"]
        merged = {}
        for remedy in partials:
            match = next(
                (
                    m
                    for m in milestones
                    if m not in merged
                    and 0 <= (remedy.date - m.date).days <= 3
                    and overlaps(m.description, remedy.description)
                ),
                None,
            )
            if match:
                merged[match] = remedy
        measures = self.measures_sentence()
        dated, roles = [], set()
        if len(milestones) == 1:
            dated.append((milestones[0].date, self.milestone_sentence(milestones[0], merged.get(milestones[0]))))
        dated += [(r.date, self.partial_delivery_sentence(r)) for r in partials if r not in merged.values()]
        texts = [text for _date, text in sorted(dated, key=lambda pair: pair[0])]
        roles |= {"milestones"} if milestones else set()
        roles |= {"remedies"} if partials else set()
        roles |= {"measures"} if measures else set()
        if len(milestones) >= 2:
            lead = join([*texts, "Kế hoạch mới cụ thể như sau:"])
            listed = Block(lead, self.milestone_items(milestones, merged), frozenset(roles - {"measures"}))
            return [listed] + ([Block(measures, roles=frozenset({"measures"}))] if measures else [])
        text = join([*texts, measures])
        return [Block(text, roles=frozenset(roles))] if text else []

    def milestone_items(self, milestones, merged):
        items = []
        for m in milestones:
            text = f"Ngày {self.date(m.date)}: {clause(self.adapt(small(m.description)))}"
            remedy = merged.get(m)
            if remedy:
                text += f", {self.field.verb} trước từ ngày {self.date(remedy.date)}{purpose_of(remedy)}"
            items.append(text + ";")
        final = FINAL_STEP[self.a.subkind].format(title=self.title)
        items.append(f"Ngày {self.date(self.a.plan.new_deadline)}: {final}.")
        return tuple(items)

    def milestone_sentence(self, m, remedy=None):
        desc = clause(self.adapt(small(m.description)))
        text = f"Ngày {self.date(m.date)}, {step_clause(desc, self.we, 'sẽ')}"
        if remedy:
            text += f" và {self.field.verb} trước phần này từ ngày {self.date(remedy.date)}{purpose_of(remedy)}"
        return text + "."

    def partial_delivery_sentence(self, remedy):
        desc = clause(self.adapt(small(remedy.description)))
        action = desc if starts_with(desc, DONE_VERBS) else f"{self.field.verb} trước {desc}"
        if remedy.date == self.c.original_deadline:
            return f"Để {self.reader} không phải chờ đến khi xong toàn bộ, đúng ngày {self.date(remedy.date)} {self.we} vẫn sẽ {action}."
        return f"Để {self.reader} không phải chờ đến khi xong toàn bộ, ngày {self.date(remedy.date)} {self.we} sẽ {action}."

    def measures_sentence(self):
        """What changes so it does not happen again, in the user's words (with a lead-in when they need one)."""
        measures = self.adapt(self.a.plan.measures.strip())
        if not measures:
            return ""
        lead = "Để các kỳ sau không bị chậm" if self.payment else "Để sự việc không lặp lại"
        lowered = lower_first(measures)
        if starts_with(measures, SUBJECTS) or lowered is None:
            return sentence(measures)
        lowered = clause(lowered)
        if starts_with(lowered, STATEMENT_STARTS):
            return f"{lead}, {lowered}."
        if opens_with_comma(measures) or re.search(r"\b(đã|sẽ|đang|được|bắt đầu|luôn)\b", lowered):
            return sentence(measures)
        if starts_with(lowered, ACTION_VERBS + DONE_VERBS):
            return f"{lead}, {self.we} sẽ {lowered}."
        return f"{lead}, {self.we} sẽ bổ sung {lowered}."

    def offer_sentences(self):
        offers = [self.offer(r) for r in self.a.remedies if r.kind in ("discount", "free_extra", "priority")]
        if not offers:
            return []
        lead = {
            "formal": f"Để phần nào bù lại thời gian chờ đợi của {self.reader}, {self.we} xin ",
            "warm": f"Như một lời xin lỗi, {self.we} xin ",
            "concise": f"{cap(self.we)} xin ",
        }[self.tone]
        if len(offers) == 2 and len(offers[0]) + len(offers[1]) < 120:
            return [f"{lead}{offers[0]} và {offers[1]}."]
        first, *rest = offers
        return [f"{lead}{first}.", *(f"{cap(self.we)} cũng xin {o}." for o in rest)]

    def offer(self, remedy, voice=None, chat=False):
        voice = voice or self.voice
        desc = clause(self.adapt(small(remedy.description), voice)) if remedy.description else ""
        if remedy.kind == "discount":
            if not desc:
                if chat:
                    desc = "giá trị hợp đồng" if self.c.reference else CHAT_DISCOUNT_BASE[self.a.subkind]
                elif self.c.reference:
                    desc = "giá trị đơn hàng" if self.a.subkind == "shipment" else "giá trị Hợp đồng"
                else:
                    desc = DISCOUNT_BASE[self.a.subkind].format(title=self.title)
            elif not starts_with(desc, COST_WORDS):
                desc = f"giá trị {desc}"
            return f"giảm {percent_text(remedy.percent)} {desc}"
        if remedy.kind == "free_extra":
            to = voice.person if chat and voice.person else voice.reader
            if starts_with(desc, ("cho mượn", "cho thuê")):
                return f"cho {to} {desc.removeprefix('cho ')}"
            if starts_with(desc, ("miễn phí", "tặng", "miễn", "cho")):
                return desc
            if starts_with(desc, ACTION_VERBS + WORK_VERBS):
                return f"{desc}, không tính phí"
            return f"tặng {to} thêm {re.sub(r'^thêm ', '', desc)}"
        if remedy.kind == "priority":
            prioritised = starts_with(desc, ("ưu tiên",)) or (
                starts_with(desc, ACTION_VERBS) and not starts_with(desc, PRIORITY_WORK)
            )
            return desc if prioritised else f"ưu tiên {desc}"
        return ""

    def closing_blocks(self):
        texts = [*self.updates_sentences(), self.invite_sentence()]
        roles = {"invite"} | ({"updates"} if len(texts) > 1 else set())
        blocks = [Block(join(texts), roles=frozenset(roles))]
        courtesy = self.courtesy_sentence()
        if courtesy:
            blocks.append(Block(courtesy))
        return blocks

    def updates_sentences(self):
        plan = update_plan(self.a, "vi")
        if not plan.dates:
            return []
        send = self.field.update.format(to=self.contact if self.payment else self.reader)
        if len(plan.dates) == 1:
            return [f"{cap(self.we)} sẽ {send} vào ngày {self.date(plan.dates[0])}."]
        if plan.cadence == "weekly" and any(w >= 5 for w in plan.weekdays):
            # Updates asked for on a weekend go out on the Friday before: the rule names the Friday.
            days = tuple(sorted({min(w, 4) for w in plan.weekdays}))
            moved = tuple(m for m in plan.moved if m[2] or m[1].weekday() != 4)
            plan = replace(plan, weekdays=days, moved=moved)
        if plan.cadence == "weekly":
            actual = {moved_to for _day, moved_to, _name in plan.moved}
            first = min([*(d for d in plan.dates if d not in actual), *(day for day, _actual, _name in plan.moved)])
            start = f"ngày {self.date(first)}"
        else:
            start = f"{weekday(plan.first)} {self.date(plan.first)}"
        texts = [f"{cap(self.we)} sẽ {send} {self.update_rule(plan)}, bắt đầu từ {start}."]
        return texts + self.update_exceptions(plan)

    @staticmethod
    def update_rule(plan):
        if plan.cadence == "weekly":
            return "vào " + " và ".join(weekday_name(w, "vi") for w in sorted(plan.weekdays)) + " hằng tuần"
        n = plan.days
        if n == 1:
            return "hằng ngày"
        if n % 7 == 0:
            return "hằng tuần" if n == 7 else f"{number_words(n // 7)} tuần một lần"
        if 28 <= n <= 31:
            return "mỗi tháng một lần"
        return f"{number_words(n)} ngày một lần"

    def update_exceptions(self, plan):
        """The days moved or skipped for a weekend or a holiday, said once."""
        texts = []
        moved = [m for m in plan.moved if plan.cadence == "weekly" or m[1] != plan.first]
        if len(moved) == 1 and moved[0][2]:
            day, actual, name = moved[0]
            if plan.cadence == "weekly":
                texts.append(
                    f"Riêng tuần có {holiday_phrase(name)}, lần cập nhật sẽ được gửi sớm hơn, "
                    f"vào {weekday(actual)} {self.date(actual)}."
                )
            else:
                texts.append(
                    f"Riêng ngày {self.date(day)} trùng {holiday_phrase(name)}, "
                    f"lần cập nhật đó sẽ chuyển lên {weekday(actual)} {self.date(actual)}."
                )
        elif 1 < len(moved) <= 3 and all(name for _day, _actual, name in moved):
            names = [holiday_phrase(name) for _day, _actual, name in moved]
            days_off = [actual for _day, actual, _name in moved]
            if len({d.weekday() for d in days_off}) == 1:
                actual = f"{weekday(days_off[0])} " + " và ".join(self.date(d) for d in days_off)
            else:
                actual = " và ".join(f"{weekday(d)} {self.date(d)}" for d in days_off)
            if len(set(names)) == len(names) and "ngày nghỉ lễ" not in names:
                days = " và ".join(
                    f"{name} ({self.date(day)})" for (day, _a, _n), name in zip(moved, names, strict=True)
                )
                texts.append(f"Riêng các tuần có {days}, lần cập nhật sẽ được gửi sớm hơn, vào {actual}.")
            else:
                days = " và ".join(self.date(day) for day, _actual, _name in moved)
                texts.append(f"Riêng các ngày {days} trùng ngày nghỉ lễ, lần cập nhật sẽ chuyển lên {actual}.")
        elif moved:
            texts.append("Lần cập nhật nào rơi vào ngày nghỉ sẽ chuyển lên ngày làm việc liền trước.")
        named = [(day, name) for day, name in plan.skipped if name]
        if len(plan.skipped) == 1 and named:
            day, name = named[0]
            texts.append(f"Lần cập nhật ngày {self.date(day)} trùng {holiday_phrase(name)} nên sẽ gộp vào lần kế tiếp.")
        elif named:
            texts.append("Những lần rơi vào cuối tuần hoặc ngày lễ sẽ được gộp vào lần kế tiếp.")
        elif plan.skipped:
            texts.append("Những lần rơi vào cuối tuần sẽ được gộp vào lần kế tiếp.")
        return texts

    def sender_contact(self):
        """The sender as named in a công văn: ông Nguyễn Văn Hậu, Giám đốc dự án / Quản lý dự án Trần Minh Đức."""
        s = self.s
        if not s.name:
            return ""
        pronoun = {"mr": "ông", "ms": "bà"}.get(self.gender(s), "")
        if pronoun:
            return f"{pronoun} {s.name}" + (f", {s.title}" if s.title else "")
        return join([s.title, s.name])

    def invite_sentence(self):
        s, contact = self.s, self.contact
        phone = f" theo số {s.phone}" if s.phone else ""
        if self.official:
            who = self.sender_contact()
            means = ", ".join(
                x for x in (f"điện thoại: {s.phone}" if s.phone else "", f"email: {s.email}" if s.email else "") if x
            )
            about = "đề nghị trên" if self.payment else "kế hoạch trên"
            target = f"trực tiếp với {who}" if who else f"với {self.we}"
            return f"Mọi ý kiến về {about}, {self.reader} vui lòng trao đổi {target}" + (
                f" ({means})." if means else "."
            )
        if self.payment:
            if self.bank:
                who = "" if contact == self.reader else f"{self.reader} "
                return (
                    f"Nếu {who}cần thêm giấy tờ để xem xét, {contact} vui lòng liên hệ {self.we}{phone} "
                    f"để {self.we} bổ sung ngay."
                )
            if self.tone == "warm":
                return f"Nếu lịch này chưa tiện, {contact} cứ gọi hoặc nhắn cho {self.we} để cùng tính cách khác."
            return f"Nếu lịch này chưa phù hợp, {contact} vui lòng phản hồi để hai bên cùng tìm phương án khác."
        if self.tone == "warm":
            how = f"gọi cho {self.we}{phone}" if s.phone else f"trao đổi với {self.we}"
            return f"Nếu lịch mới gây khó khăn gì, {contact} cứ {how} để cùng tìm cách xử lý."
        if self.tone == "concise":
            return f"Nếu cần trao đổi thêm, {contact} vui lòng liên hệ {self.we}{phone}."
        reply = "phản hồi email này" if self.channel == "email" else "phản hồi"
        call = f" hoặc gọi cho {self.we}{phone}" if s.phone else ""
        return f"Nếu có ý kiến về kế hoạch này, {contact} vui lòng {reply}{call}."

    def courtesy_sentence(self):
        if self.tone == "concise":
            return ""
        if self.payment:
            if self.tone == "warm":
                return f"Mong {self.contact} thông cảm và giúp đỡ."
            return f"Kính mong {self.reader} xem xét và chấp thuận đề nghị trên."
        if self.tone == "warm":
            return f"Mong {self.contact} thông cảm."
        if self.official:
            return f"Rất mong {self.reader} thông cảm và tiếp tục hợp tác cùng {self.we}."
        return f"Rất mong nhận được sự thông cảm của {self.reader}."

    # The delay notice: a payment the sender asks to move.

    def payment_blocks(self):
        blocks = [Block(join(self.payment_opening()), roles=frozenset({"opening", "new_date"})), self.cause_block()]
        blocks += self.payment_terms()
        measures = self.measures_sentence()
        if measures:
            confident = f"{cap(self.we)} cam kết {self.field.verb} đúng theo lịch này."
            blocks.append(Block(join([measures, confident]), roles=frozenset({"measures"})))
        return blocks + self.closing_blocks()

    def payment_opening(self):
        texts = []
        named = self.s.kind == "organization" and self.s.organization and not is_cjk(self.s.organization)
        speaker = self.s.organization if named else cap(self.we)
        if self.bank:
            phrase = self.reference_phrase().removeprefix(f"{self.field.ref_link} ") if self.c.reference else ""
            ref = (
                f" {phrase.removeprefix('khoản vay ')}"
                if phrase.startswith("khoản vay")
                else f" theo {phrase}"
                if phrase
                else ""
            )
            handled = f", do {self.voice.person} phụ trách" if self.voice.person and not self.official else ""
            if self.s.kind == "individual" and self.s.name:
                role = role_line(small(self.s.title), self.s.organization)
                speaker = f"Tôi là {self.s.name}, {role}," if role else f"Tôi là {self.s.name},"
            texts.append(f"{speaker} hiện có khoản vay{ref} tại {self.reader}{handled}.")
            due, speaker = cap(self.title), cap(self.we)
        else:
            due = cap(self.thing)
            if not self.official:
                speaker = cap(self.we)
        amount = f", số tiền {self.money(self.c.amount.value)}," if self.c.amount else ""
        texts.append(f"{due}{amount} đến hạn vào ngày {full_date(self.c.original_deadline)}.")
        pay, new = self.field.verb, full_date(self.a.plan.new_deadline)
        if self.a.is_late:
            cannot = f"{speaker} chưa {pay} được khoản này"
        elif self.short_of_money():
            cannot = f"{speaker} chưa thể {pay} đủ vào ngày này"
        else:
            cannot = f"{speaker} chưa thể {pay} đúng hạn"
        ask = {
            "formal": f"kính đề nghị {self.reader} xem xét cho {self.we} gia hạn đến ngày {new}",
            "warm": f"mong {self.reader} đồng ý cho {self.we} lùi đến ngày {new}",
            "concise": f"đề nghị được gia hạn đến ngày {new}",
        }[self.tone]
        texts.append(f"{cannot} và {ask}.")
        texts.append(self.payment_need())
        return texts

    def short_of_money(self):
        """Whether the cause leaves the sender short of money, rather than only held up (papers, a bug)."""
        cause = self.a.cause
        if cause.category in MONEY_CAUSES:
            return True
        return cause.category == "other" and (not cause.explanation or bool(MONEY_WORDS.search(cause.explanation)))

    def contract_word(self):
        """The document a late fee follows: a bank's credit contract, a lease, or what a private lender agreed."""
        if self.a.subkind == "loan":
            return "thỏa thuận" if self.r.kind == "person" else "hợp đồng tín dụng"
        return {"rent": "hợp đồng thuê"}.get(self.a.subkind, "hợp đồng")

    def payment_need(self):
        need, met = self.c.needed_for, self.need_met()
        if not need:
            return ""
        text = f"{cap(self.we)} hiểu {self.reader} cần khoản tiền này {'để' if self.need_is_action() else 'cho'} {need}"
        if met:
            return f"{text}; với lịch trên, khoản tiền vẫn về trước ngày {self.date(self.c.needed_by)}."
        if met is False:
            return f"{text} và biết lịch trên chậm hơn ngày {self.date(self.c.needed_by)} mà {self.reader} cần."
        return text + "."

    def payment_terms(self):
        texts, items = [], ()
        total = self.c.amount.value if self.c.amount else None
        pay, new = self.field.verb, self.date(self.a.plan.new_deadline)
        partial = next((r for r in self.a.remedies if r.kind == "partial_payment"), None)
        has_instalments = any(r.kind == "instalments" for r in self.a.remedies)
        upfront = partial.amount if partial else Decimal(0)
        for remedy in self.a.remedies:
            if remedy.kind == "partial_payment":
                if has_instalments:
                    continue  # said with the instalments that pay the rest
                on = "vào đúng ngày" if remedy.date == self.c.original_deadline else "vào ngày"
                rest = f"{self.money(total - remedy.amount)} còn lại" if total else "phần còn lại"
                texts.append(
                    f"Cụ thể, {self.we} sẽ {pay} trước {self.money(remedy.amount)} {on} {self.date(remedy.date)} "
                    f"và {rest} vào ngày {new}."
                )
            elif remedy.kind == "instalments":
                parts = [f"{self.money(i.amount)} vào ngày {self.date(i.date)}" for i in remedy.schedule]
                paid = sum((i.amount for i in remedy.schedule), Decimal(0)) + upfront
                rest = f"; phần còn lại {self.money(total - paid)} vào ngày {new}" if total and paid < total else ""
                count = number_words(len(parts))
                amounts = {i.amount for i in remedy.schedule}
                if partial:
                    on = "vào đúng ngày" if partial.date == self.c.original_deadline else "vào ngày"
                    remaining = f"{self.money(total - upfront)} còn lại" if total else "phần còn lại"
                    intro = (
                        f"Cụ thể, {self.we} sẽ {pay} trước {self.money(partial.amount)} {on} "
                        f"{self.date(partial.date)}; {remaining} {self.we} đề nghị được {pay} thành {count} đợt"
                    )
                else:
                    intro = f"Cụ thể, {self.we} đề nghị được {pay} thành {count} đợt"
                if len(parts) >= 2 and len(amounts) == 1:
                    dates = [self.date(i.date) for i in remedy.schedule]
                    when = f"{', '.join(dates[:-1])} và {dates[-1]}"
                    texts.append(
                        f"{intro}, mỗi đợt {self.money(amounts.pop())}, "
                        f"vào {'các ngày' if len(dates) > 2 else 'ngày'} {when}{rest}."
                    )
                elif len(parts) >= 3:
                    texts.insert(0, f"{intro}{rest}:")
                    last = len(parts)
                    items = tuple(
                        f"Đợt {n}: ngày {self.date(i.date)}, {self.money(i.amount)}{'.' if n == last else ';'}"
                        for n, i in enumerate(remedy.schedule, 1)
                    )
                elif len(parts) == 2:
                    texts.append(f"{intro}: {' và '.join(parts)}{rest}.")
                elif partial:
                    texts.append(f"{intro}: {parts[0]}{rest}.")
                else:
                    texts.append(f"Cụ thể, {self.we} sẽ {pay} {parts[0]}{rest}.")
            elif remedy.kind == "late_fee_accepted":
                texts.append(self.late_fee_sentence(remedy))
            elif remedy.kind == "guarantee":
                desc = clause(self.adapt(small(remedy.description)))
                action = desc if starts_with(desc, ACTION_VERBS) else f"cung cấp thêm {desc}"
                texts.append(f"Để bảo đảm cho đề nghị này, {self.we} xin {action}.")
        if not texts:
            return []
        roles = frozenset({"remedies"})
        if items:
            lead, *after = texts
            return [Block(lead, items, roles)] + ([Block(join(after), roles=roles)] if after else [])
        return [Block(join(texts), roles=roles)]

    def late_fee_sentence(self, remedy):
        fee = "lãi phạt chậm trả" if self.a.subkind == "loan" else "phí trả chậm"
        if remedy.amount is not None:
            return f"{cap(self.we)} xin chịu {fee} {self.money(remedy.amount)}."
        if remedy.percent is not None:
            return f"{cap(self.we)} xin chịu {fee} {percent_text(remedy.percent)} trên số tiền chậm {self.field.verb}."
        contract = self.contract_word()
        if contract == "thỏa thuận":
            return f"{cap(self.we)} xin chịu {fee} như đã thỏa thuận."
        return f"{cap(self.we)} xin chịu {fee} theo {contract}."

    # Follow-ups: a progress update and a completion notice.

    def progress_blocks(self):
        a, we = self.a, self.we
        new = full_date(a.plan.new_deadline)
        status = a.progress.status
        news = "tình hình" if self.payment else "tiến độ"
        if status == "slipping":
            risk = (
                f"{we} có thể không {self.field.verb} kịp khoản còn lại vào ngày {new} như đã cam kết"
                if self.payment
                else f"hiện {we} đang chậm so với kế hoạch, việc {self.field.verb} vào ngày {new} có nguy cơ không kịp"
            )
            confirm = update_plan(a, "vi").first
            when = f"chậm nhất {weekday(confirm)} {self.date(confirm)}" if confirm else "sớm nhất"
            first = (
                f"{cap(we)} xin cập nhật {news} {self.thing}: {risk}. "
                f"{cap(we)} thành thật xin lỗi {self.reader} vì sự chậm trễ này. {cap(we)} sẽ xác nhận lại {when} "
                f"và nếu cần điều chỉnh, {we} sẽ trao đổi với {self.contact} về mốc thời gian mới."
            )
        elif status == "done":
            ready = (
                f"{we} đã chuẩn bị xong khoản thanh toán và sẽ" if self.payment else f"công việc đã hoàn thành, {we} sẽ"
            )
            first = f"{cap(we)} xin cập nhật {news} {self.thing}: {ready} {self.field.verb} chậm nhất vào ngày {new}."
        elif self.payment:
            first = f"{cap(we)} xin cập nhật tình hình {self.thing}: {we} vẫn giữ đúng lịch {self.field.verb} vào ngày {new}."
        else:
            first = (
                f"{cap(we)} xin cập nhật tiến độ {self.thing}: công việc đang đúng tiến độ, "
                f"dự kiến {self.field.verb} đúng ngày {new}."
            )
        blocks = [Block(first, roles=frozenset({"opening", "new_date"}))]
        if a.progress.done:
            since = f"Kể từ lần cập nhật trước: {small(sentence(a.progress.done))}"
            blocks.append(Block(since, roles=frozenset({"milestones"})))
        done = [m for m in a.plan.milestones if m.date <= a.notice_date]
        coming = [m for m in a.plan.milestones if m.date > a.notice_date]
        texts, items = [], ()
        for r in a.remedies:
            if r.kind == "partial_payment" and r.date <= a.notice_date:
                texts.append(f"Ngày {self.date(r.date)}, {we} đã {self.field.verb} {self.money(r.amount)}.")
            if r.kind == "instalments":
                texts.append(self.instalments_so_far(r))
            if r.kind == "partial_delivery" and r.date <= a.notice_date:
                texts.append(
                    f"Ngày {self.date(r.date)}, {we} đã {self.field.verb} trước {clause(self.adapt(small(r.description)))}."
                )
        if len(done) == 1:
            texts.append(self.step_sentence(done[0], done=True))
        elif done:
            texts.append("Các phần việc đã hoàn thành:")
            last = len(done) - 1
            items = tuple(
                f"Ngày {self.date(m.date)}: {clause(self.adapt(small(m.description)))}{'.' if n == last else ';'}"
                for n, m in enumerate(done)
            )
        if texts:
            blocks.append(Block(join(texts), items, frozenset({"milestones"})))
        if coming:
            more = len(coming) - 1
            after = f" Sau đó còn {number_words(more)} mốc nữa trước ngày {self.field.verb}." if more else ""
            blocks.append(
                Block(
                    f"Bước tiếp theo: {small(self.step_sentence(coming[0], done=False))}{after}",
                    roles=frozenset({"milestones"}),
                )
            )
        phone = f" theo số {self.s.phone}" if self.s.phone else ""
        plan = update_plan(a, "vi")
        following = ""
        if plan.dates:
            following = f"Lần cập nhật tiếp theo, {we} sẽ gửi vào {weekday(plan.first)} {self.date(plan.first)}. "
        invite = f"{following}Nếu cần thêm thông tin, {self.contact} vui lòng liên hệ {we}{phone}."
        blocks.append(Block(invite, roles=frozenset({"invite", "updates"} if plan.dates else {"invite"})))
        return blocks

    def instalments_so_far(self, remedy):
        """The instalments paid by the notice date and those still to come, for a progress update."""
        paid = [i for i in remedy.schedule if i.date <= self.a.notice_date]
        coming = [i for i in remedy.schedule if i.date > self.a.notice_date]
        if not paid:
            return ""
        verb, we = self.field.verb, self.we
        total = self.money(sum((i.amount for i in paid), Decimal(0)))
        dates = " và ".join(self.date(i.date) for i in paid)
        count = "đợt đầu" if len(paid) == 1 else f"{number_words(len(paid))} đợt đầu"
        text = f"{cap(we)} đã {verb} {count} (ngày {dates}), tổng cộng {total}"
        if coming:
            rest = self.money(sum((i.amount for i in coming), Decimal(0)))
            when = " và ".join(self.date(i.date) for i in coming)
            # A slipping update has just said the rest is at risk: the date is what was planned, not a promise.
            will = "dự kiến" if self.a.progress.status == "slipping" else "sẽ được"
            text += f"; {rest} còn lại {will} {verb} vào ngày {when}"
        return text + "."

    def step_sentence(self, m, done):
        desc = clause(self.adapt(small(m.description)))
        return f"Ngày {self.date(m.date)}, {step_clause(desc, self.we, 'đã' if done else 'sẽ')}."

    def completion_blocks(self):
        a, we = self.a, self.we
        if self.payment:
            amount = f" {self.money(self.c.amount.value)}" if self.c.amount else ""
            first = f"{cap(we)} xin thông báo đã {self.field.verb} đủ{amount} cho {self.thing}, theo lịch đã được {self.reader} chấp thuận."
            thanks = f"Cảm ơn {self.reader} đã xem xét và tạo điều kiện cho {we} trong thời gian qua."
            keep = f"{cap(we)} sẽ thu xếp để các kỳ sau được {self.field.verb} đúng hạn."
            invite = f"Nhờ {self.contact} kiểm tra và xác nhận giúp khi khoản tiền được ghi nhận."
        else:
            first = f"{cap(we)} xin thông báo đã {self.field.verb} {self.thing} vào ngày {full_date(a.notice_date)}."
            thanks = f"Cảm ơn {self.reader} đã thông cảm và tạo điều kiện cho {we} trong thời gian điều chỉnh tiến độ."
            keep = f"{cap(we)} mong tiếp tục được đồng hành cùng {self.reader} trong {ONWARD[a.subkind]}."
            invite = f"Nếu có điểm nào cần điều chỉnh, {self.contact} vui lòng phản hồi để {we} xử lý ngay."
        blocks = [Block(join([first, thanks]), roles=frozenset({"opening"}))]
        measures = self.adapt(self.a.plan.measures.strip())
        if measures and self.payment:
            keep = join([sentence(measures), keep])
        elif measures:
            lowered = lower_first(measures)
            changed = f"Sau lần chậm trễ vừa qua, {we} đã thay đổi cách làm: {clause(lowered)}."
            if starts_with(measures, SUBJECTS) or lowered is None:
                changed = sentence(measures)
            blocks.append(Block(changed, roles=frozenset({"measures"})))
        blocks.append(
            Block(
                join([keep, invite]),
                roles=frozenset({"invite", "measures"} if self.payment and measures else {"invite"}),
            )
        )
        return blocks

    # Subject lines.

    def short_title(self, with_reference=True):
        """The title with its reference, for a subject line."""
        ref = self.c.reference
        if not with_reference or not ref or ref.lower() in self.title.lower():
            return self.title
        if self.a.subkind == "loan":
            phrase = self.reference_phrase(self.title)
            return (
                f"{self.title} {phrase}"
                if phrase.startswith("số ")
                else f"{self.title} – {cap(phrase.removeprefix('của '))}"
            )
        return f"{self.title} ({self.reference_label()})"

    def reference_label(self):
        """The reference as a subject line shows it: an English label in Vietnamese (Contract GL-1 → Hợp đồng số GL-1)."""
        ref = self.c.reference
        for label, document in REFERENCE_LABELS:
            found = re.match(label, ref, re.IGNORECASE)
            if found and ref[found.end() :].strip():
                return f"{cap(document)} số {ref[found.end() :].strip().lstrip('#')}"
        return ref

    def subject(self, dated=True, with_reference=True):
        a, title = self.a, self.short_title(with_reference)
        new = f" sang {full_date(a.plan.new_deadline)}" if dated else ""
        if a.letter_type == "progress":
            number = f" (lần {a.progress.sequence})" if a.progress.sequence else ""
            return (f"Cập nhật tình hình {title}" if self.payment else f"Cập nhật tiến độ {title}") + number
        if a.letter_type == "completion":
            if self.payment:
                done = title if re.search("thanh toán|kỳ trả nợ", title.lower()) else f"{self.field.verb} {title}"
                return f"Hoàn tất {done}"
            return f"Hoàn thành {title}" if a.subkind == "service" else f"Hoàn tất {self.field.verb} {title}"
        if a.subkind == "loan":
            due = f"kỳ trả nợ ngày {full_date(self.c.original_deadline)}"
            term = title if "kỳ trả nợ" in title.lower() else join([due, f"– {title}" if title else ""])
            return f"Đề nghị điều chỉnh {term}"
        if self.payment:
            what = title if "thanh toán" in title.lower() else f"thanh toán {title}"
            return f"Đề nghị gia hạn {what}" + (f" đến {full_date(a.plan.new_deadline)}" if dated else "")
        return f"Điều chỉnh {self.field.deadline} {title}{new}"

    def about(self):
        """The V/v line of a công văn: the subject without its date or reference."""
        subject = self.subject(dated=False, with_reference=False)
        return "V/v " + subject[:1].lower() + subject[1:]

    # Layout per channel.

    def salutation(self):
        greeting = self.voice.greeting or self.reader
        warm = (
            self.tone == "warm"
            and self.channel == "email"
            and not self.voice.institution
            and self.voice.person in ("anh", "chị", "em")
        )
        return f"{'Chào' if warm else 'Kính gửi'} {greeting},"

    def addressee_line(self):
        r = self.r
        pronoun = {"mr": "Ông", "ms": "Bà"}.get(self.gender(r), "")
        if r.address_as:
            first = r.address_as.split()[0].lower()
            pronoun = {"anh": "Ông", "ông": "Ông", "chú": "Ông", "chị": "Bà", "bà": "Bà", "cô": "Bà"}.get(
                first, pronoun
            )
        person = join([pronoun, r.name])
        if r.name and r.title:
            person += f" – {r.title}"
        if r.organization:
            return f"Kính gửi: {r.organization}" + (f"\n({person})" if r.name else "")
        return f"Kính gửi: {person or self.reader}"

    def date_line(self):
        line = vietnamese_date_line(self.a.notice_date)
        return f"{self.s.city}, {line}" if self.s.city and not is_cjk(self.s.city) else cap(line)

    def signature(self):
        s = self.s
        if self.official:
            return tuple(x for x in ((s.title or s.organization).upper(), s.name) if x)
        if s.kind == "individual":
            lines = [s.name, role_line(s.title, s.organization)]
        else:
            lines = [s.name, s.title, s.organization]
        lines += [f"ĐT: {s.phone}" if s.phone else "", f"Email: {s.email}" if s.email else ""]
        return tuple(x for x in lines if x)

    def letterhead(self):
        s = self.s
        contact = join([f"ĐT: {s.phone}" if s.phone else "", f"· Email: {s.email}" if s.email else ""]).lstrip("· ")
        return tuple(x for x in (s.organization or s.name, *s.address.splitlines(), contact) if x)

    def letter(self):
        a = self.a
        talk = Chat(self)
        chat = talk.text()
        common = {
            "language": "vi",
            "variant": "US",
            "channel": a.channel,
            "kind": a.kind,
            "sender": self.s,
            "recipient": self.r,
            "chat": chat,
            "subject": self.subject(),
        }
        if a.channel == "chat":
            blocks = tuple(Block(p, roles=talk.roles(chat)) for p in chat.split("\n") if p)
            return Letter(**common, salutation="", blocks=blocks, closing=(), signature=(), date_position="none")
        blocks = tuple(self.blocks())
        if a.channel == "email":
            if self.s.kind == "organization" and self.s.organization:
                common["subject"] = f"[{short_org(self.s.organization)}] {common['subject']}"
            return Letter(
                **common,
                salutation=self.salutation(),
                blocks=blocks,
                closing=("Trân trọng,",),
                signature=self.signature(),
                date_position="none",
            )
        if self.official:
            number = f"Số: {a.letter.number}" if a.letter.number else "Số:       /CV"
            issuer = self.s.organization.upper()
            if self.s.kind == "individual":
                number = f"Số: {a.letter.number}" if a.letter.number else ""
            return Letter(
                **common,
                salutation="",
                blocks=blocks,
                closing=("Trân trọng./.",),
                signature=self.signature(),
                official=OfficialHeader(issuer, number, self.about(), MOTTO, self.date_line()),
                date_position="none",
                addressee_line=self.addressee_line(),
                copies=COPIES,
            )
        return Letter(
            **common,
            salutation=self.salutation(),
            blocks=blocks,
            closing=("Trân trọng,",),
            signature=self.signature(),
            letterhead=self.letterhead(),
            date_line=self.date_line(),
            date_position="top",
            subject_label="V/v:",
        )


class Chat:
    """The Zalo message: first person, the reader's usual name, no years or references, the one offer."""

    ROLES = frozenset({"opening", "apology", "cause", "new_date", "remedies", "invite"})

    def __init__(self, notice):
        self.n = notice
        self.a = notice.a
        self.v = notice.decide_voice(chat=True)
        self.to = self.v.person or self.v.reader

    def text(self):
        versions = [drop_years(v) for v in self.versions()]
        for text in versions:
            if len(text) <= CHAT_LIMIT:
                return text
        return versions[-1][: CHAT_LIMIT - 1].rsplit(" ", 1)[0] + "…"

    def versions(self):
        greet = self.greeting()
        if self.a.letter_type == "progress":
            return [join([greet, self.progress()]), self.progress()]
        if self.a.letter_type == "completion":
            return [join([greet, self.completion()]), self.completion()]
        full, compact, bare = self.core(True), self.core(True, compact=True), self.core(False)
        offer, close, short_close = self.offer(), self.closing(), self.closing(short=True)
        return [
            join([greet, full, offer, close]),
            join([greet, full, offer, short_close]),
            join([greet, full, offer]),
            join([greet, full, short_close]),
            join([greet, full]),
            join([greet, compact, short_close]),
            join([greet, compact]),
            join([greet, bare, offer, short_close]),
            join([greet, bare, short_close]),
            bare,
        ]

    @property
    def we(self):
        return self.v.we

    @property
    def us(self):
        return self.v.us

    @property
    def company_speaks(self):
        """An organisation writing as chúng tôi opens with its own name."""
        return self.v.we == "chúng tôi" and bool(self.a.sender.organization)

    @property
    def lead(self):
        """Who opens the message's news: the company by name, or the speaker (after the greeting's comma)."""
        org = short_org(self.a.sender.organization)
        if self.company_speaks and not is_cjk(org):
            return org
        return self.we if self.greeting().endswith(",") else cap(self.we)

    def greeting(self):
        v, s = self.v, self.a.sender
        name = v.greeting
        hello = f"{cap(name)} ơi," if self.a.tone == "warm" and v.we in ("em", "cháu") else f"Chào {name},"
        if v.reader.startswith("Quý") and name == v.reader:
            hello = f"Kính gửi {name},"
        given = self.n.given_name(s.name, "VN") if s.name else ""
        org = short_org(s.organization) if s.organization and not is_cjk(s.organization) else ""
        if v.we in ("em", "cháu"):
            at = f" bên {org}" if org else ""
            return join([hello, f"{v.we} {given}{at} đây ạ." if given else ""])
        if v.we == "tôi" and s.name:
            role = role_line(small(s.title), s.organization)
            return f"{hello} tôi là {s.name}" + (f", {role}." if role else ".")
        return hello

    def cause(self):
        """The user's cause (its first sentence) in the message's voice."""
        explanation = self.a.cause.explanation.strip()
        if not explanation:
            return clause(self.n.fill(CAUSES[self.a.cause.category, self.n.payment], self.v))
        return clause(first_sentence(self.n.adapt(explanation, self.v)))

    def because(self):
        """The cause as the first half of "… nên …" (", vì vậy" when it has its own "nên")."""
        cause = small(self.cause())
        return f"{cause}, vì vậy" if " nên " in f" {cause} " else f"{cause} nên"

    def cause_stands_alone(self):
        """A cause that opens with a name or a setting, or says what it led to, is a sentence of its own."""
        cause = self.cause()
        return (
            lower_first(cause) is None
            or sets_the_scene(cause)
            or bool(CONSEQUENCE.search(cause))
            or self.cause_is_long()
        )

    def cause_is_long(self):
        """A cause with its own "nên" or ";" (or simply long) cannot take another "nên" after it."""
        cause = self.cause()
        return " nên " in f" {cause} " or ";" in cause or len(cause) > 110

    def core(self, with_cause, compact=False):
        """The news: sorry, the cause, what moves and to when. `compact` leaves the title out of a payment."""
        a, n, we, us = self.a, self.n, self.we, self.us
        orig, new = a.commitment.original_deadline, a.plan.new_deadline
        new_text = f"{weekday(new)} {chat_date(new)}"
        title = drop_years(n.title)
        if n.payment:
            # The cause opens the sentence; it stands alone when it is long or has its own "nên".
            alone = with_cause and (self.cause_is_long() or bool(CONSEQUENCE.search(self.cause())))
        else:
            alone = with_cause and self.cause_stands_alone()
        because = self.because() if with_cause and not alone else ""
        if n.payment:
            amount = f" {chat_amount(a.commitment.amount.value, a.currency)}" if a.commitment.amount else ""
            verb = "đóng" if a.subkind == "rent" and we in ("em", "cháu") else n.field.verb
            arrange = "lo" if self.friendly else "thu xếp"
            if compact:
                due = f"{us} chưa {arrange} đủ tiền để {verb} đúng hạn {chat_date(orig)}."
            elif n.short_of_money():
                due = f"{title} {us} chưa {arrange} đủ{amount} để {verb} vào ngày {chat_date(orig)}."
            else:
                due = f"{title} {us} chưa {verb} được đúng hạn {chat_date(orig)}."
            state = cap(join([because, due]))
            if alone and CONSEQUENCE.search(self.cause()):
                shown = self.plan_shows_amounts() or not amount
                due_on = f"{cap(title)}{'' if shown else f', số tiền{amount},'} đến hạn ngày {chat_date(orig)}"
                state = sentence(self.cause()) if compact else f"{due_on}, nhưng {small(self.cause())}."
            elif alone:
                state = f"{sentence(self.cause())} Vì vậy, {small(state)}"
            if self.company_speaks or self.greeting().endswith(","):
                state = f"{self.lead} xin báo với {self.to}: {small(state)}"
            return join([state, self.payment_plan(new_text), self.need(), f"{cap(we)} thành thật xin lỗi {self.to}."])
        late = " vì báo muộn" if a.is_late else ""
        move = f"{us} xin phép dời ngày {n.field.verb} {title} từ {chat_date(orig)} sang {new_text}"
        need = self.need()
        if alone:
            return f"{self.lead} xin lỗi {self.to}{late}. {sentence(self.cause())} {cap(move)}{need}."
        return f"{self.lead} xin lỗi {self.to}{late}, {join([because, move])}{need}."

    def need(self):
        """What the new date means for the reader's need, to follow the new date: ", vẫn kịp cho …" / ". Em biết …";
        for a payment, a sentence of its own on what the reader needs the money for."""
        n, we = self.n, self.we
        if self.a.letter_type != "delay":
            return ""
        if n.payment:
            need = clause(n.adapt(n.c.needed_for, self.v))
            verb = "biết" if self.friendly else "hiểu"
            link = "để" if n.need_is_action() else "cho"
            return f"{cap(we)} {verb} {self.to} cần khoản tiền này {link} {need}." if need else ""
        if n.need_met():
            return f", {n.need_clause(still=True, reader=self.to, chat=True)}"
        if n.need_met() is False:
            return f". {cap(we)} biết như vậy là {n.need_clause(still=False, reader=self.to, chat=True)}"
        need = clause(n.adapt(n.c.needed_for, self.v))
        if not need:
            return ""
        verb = "biết" if self.friendly else "hiểu"
        purpose = need if n.need_is_action() else f"chuẩn bị cho {need}"
        return f". {cap(we)} {verb} việc này sẽ khiến {self.to} có ít thời gian hơn để {purpose}"

    def roles(self, text):
        """The notice's roles the message plays: the impact only when the reader's need made it into the text."""
        need = clause(self.need().lstrip(",. "))
        return self.ROLES | ({"impact"} if need and need in text else set())

    def plan_shows_amounts(self):
        return any(r.kind in ("partial_payment", "instalments") for r in self.a.remedies)

    def payment_plan(self, new_text):
        a, we, us = self.a, self.we, self.us
        pay = "gửi" if we in ("em", "cháu") else self.n.field.verb
        rest_verb = "trả" if we in ("em", "cháu") or a.subkind == "loan" else "thanh toán"
        money = lambda value: chat_amount(value, a.currency)  # noqa: E731
        partial = next((r for r in a.remedies if r.kind == "partial_payment"), None)
        instalments = next((r for r in a.remedies if r.kind == "instalments"), None)
        if partial and instalments and a.commitment.amount:
            on = "đúng ngày" if partial.date == a.commitment.original_deadline else "ngày"
            rest = money(a.commitment.amount.value - partial.amount)
            parts = [f"{money(i.amount)} ngày {chat_date(i.date)}" for i in instalments.schedule]
            listed = f"{', '.join(parts[:-1])} và {parts[-1]}" if len(parts) > 1 else parts[0]
            plan = f"{cap(us)} xin {pay} trước {money(partial.amount)} {on} {chat_date(partial.date)}, "
            plan += f"{rest} còn lại chia {number_words(len(parts))} đợt: {listed}"
        elif partial and a.commitment.amount:
            on = "đúng ngày" if partial.date == a.commitment.original_deadline else "ngày"
            rest = money(a.commitment.amount.value - partial.amount)
            plan = f"{cap(us)} xin {pay} trước {money(partial.amount)} {on} {chat_date(partial.date)}, "
            plan += (
                f"{rest} còn lại {we} {rest_verb} nốt vào {new_text}"
                if self.friendly
                else f"{rest} còn lại vào {new_text}"
            )
        elif instalments:
            parts = [f"{money(i.amount)} ngày {chat_date(i.date)}" for i in instalments.schedule]
            amounts = {i.amount for i in instalments.schedule}
            count = number_words(len(instalments.schedule))
            if len(amounts) == 1 and len(parts) > 2:
                days = ", ".join(chat_date(i.date) for i in instalments.schedule[:-1])
                last = chat_date(instalments.schedule[-1].date)
                plan = f"{cap(us)} xin {rest_verb} thành {count} đợt, mỗi đợt {money(amounts.pop())}, "
                plan += f"vào các ngày {days} và {last}"
            else:
                listed = f"{', '.join(parts[:-1])} và {parts[-1]}" if len(parts) > 1 else parts[0]
                plan = f"{cap(us)} xin {rest_verb} thành {count} đợt: {listed}"
            paid = sum((i.amount for i in instalments.schedule), Decimal(0))
            if a.commitment.amount and paid < a.commitment.amount.value:
                plan += f", phần còn lại {money(a.commitment.amount.value - paid)} vào {new_text}"
        else:
            plan = f"{cap(us)} xin phép lùi đến {new_text}"
        fee = next((r for r in a.remedies if r.kind == "late_fee_accepted"), None)
        if fee:
            name = "lãi phạt" if a.subkind == "loan" else "phí trả chậm"
            size = money(fee.amount) if fee.amount is not None else ""
            size = percent_text(fee.percent) if fee.percent is not None else size
            terms = "như đã thỏa thuận" if self.n.contract_word() == "thỏa thuận" else "theo hợp đồng"
            if self.friendly:
                plan += f", {join([name, size])} {we} xin chịu" + ("" if size else f" {terms}")
            else:
                plan += f", và xin chịu {join([name, size])}" + ("" if size else f" {terms}")
        return plan + "."

    def offer(self):
        if self.n.payment or not self.a.remedies:
            return ""
        remedy = self.a.remedies[0]
        if remedy.kind == "partial_delivery":
            desc = clause(self.n.adapt(small(remedy.description), self.v))
            action = desc if starts_with(desc, DONE_VERBS) else f"{self.n.field.verb} trước {desc}"
            return f"Ngày {chat_date(remedy.date)} {self.us} sẽ {action}."
        text = self.n.offer(remedy, self.v, chat=True)
        if self.friendly:
            return f"{cap(self.us)} xin {text}, coi như lời xin lỗi của {self.we} ạ."
        return f"{cap(self.us)} xin {text} để phần nào bù lại thời gian {self.to} phải chờ."

    def closing(self, short=False):
        to, we = self.to, self.we
        if we not in ("em", "cháu"):
            ask = (
                "Nếu cần trao đổi thêm, xin vui lòng liên hệ"
                if to.startswith("Quý")
                else f"Có gì cần trao đổi, {to} cứ gọi cho"
            )
            return f"Rất mong {to} thông cảm." if short else f"Rất mong {to} thông cảm. {ask} {we}."
        if self.n.payment:
            return (
                f"Mong {to} thông cảm cho {we} ạ."
                if short
                else f"{cap(to)} xem giúp {we} được không, có gì {to} cứ gọi {we} nhé."
            )
        return f"Mong {to} thông cảm cho {we} ạ." if short else f"Mong {to} thông cảm, có gì {to} cứ nhắn {we} nhé."

    @property
    def friendly(self):
        return self.we in ("em", "cháu")

    def progress(self):
        a, n, we, us = self.a, self.n, self.we, self.us
        new = f"{weekday(a.plan.new_deadline)} {chat_date(a.plan.new_deadline)}"
        title = drop_years(n.title)
        lead = f"{self.lead} xin cập nhật với {self.to}:"
        status = a.progress.status
        if status == "slipping":
            confirm = update_plan(a, "vi").first
            then = (
                f"Chậm nhất {chat_date(confirm)} {us} sẽ xác nhận lại với {self.to}."
                if confirm
                else f"Khi xác nhận được, {us} sẽ báo {self.to} ngay."
            )
            risk = (
                f"{us} có thể không {n.field.verb} kịp phần còn lại vào {new}"
                if n.payment
                else f"{title} đang chậm hơn kế hoạch, {n.field.verb} vào {new} có thể không kịp"
            )
            news = f"{risk}. Thành thật xin lỗi {self.to}. {then}"
        elif status == "done":
            news = (
                f"{title} {us} đã chuẩn bị xong, chậm nhất {new} sẽ {n.field.verb}."
                if n.payment
                else f"{title} đã xong, chậm nhất {new} {us} sẽ {n.field.verb}."
            )
        elif n.payment:
            news = f"{title} {us} vẫn giữ đúng lịch {n.field.verb} vào {new}."
        else:
            news = f"{title} đang đúng tiến độ, {us} sẽ {n.field.verb} vào {new}."
        done = [m for m in a.plan.milestones if m.date <= a.notice_date]
        step = ""
        if done:
            m = done[-1]
            desc = clause(n.adapt(small(m.description), self.v))
            step = f"Ngày {chat_date(m.date)} {step_clause(desc, us, 'đã')}."
        close = (
            f"Có gì {self.to} cứ nhắn {we} nhé." if self.friendly else f"Cần trao đổi gì, {self.to} cứ gọi cho {we}."
        )
        return join([lead, news, step, close])

    def completion(self):
        a, n, we = self.a, self.n, self.we
        lead = cap(self.us) if self.friendly else self.lead
        title = drop_years(n.title)
        done = " rồi ạ" if self.friendly else ""
        if n.payment:
            amount = f" {chat_amount(a.commitment.amount.value, a.currency)}" if a.commitment.amount else ""
            return (
                f"{lead} đã {n.field.verb} đủ{amount} {title}{done}, "
                f"{self.to} {'kiểm tra giúp ' + we + ' nhé' if self.friendly else 'vui lòng kiểm tra giúp'}. "
                f"Cảm ơn {self.to} đã thông cảm và tạo điều kiện cho {we}."
            )
        return (
            f"{lead} đã {n.field.verb if a.subkind == 'service' else n.field.verb + ' xong'} {title}{done}. Cảm ơn {self.to} đã thông cảm và chờ {we} thời gian qua. "
            f"Có gì cần chỉnh, {self.to} cứ báo {we} nhé."
        )


def write(answers):
    """The Vietnamese notice for `answers` (every text already in Vietnamese)."""
    return Notice(answers).letter()
