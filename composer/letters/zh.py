"""Notices in Simplified Chinese: a 函, an email or a WeChat message, written from the answers.

Who speaks decides the voice once (我 / 我们 / 我司), who reads decides the form of address (您 / 贵司 / 贵公司 /
贵行); the user's own sentences are used once, each where a Chinese business writer would put it.
"""

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from composer.languages import HAN

from .letter import Block, Letter
from .schedule import update_plan

# A title that opens with a number and a measure word counts goods out: 8,000套…, 两个货柜…, 12,000件….
COUNTED = re.compile(r"[\d,.]+|[一二两三四五六七八九十百千万]+[个件套台箱条张批只份吨辆卷块瓶盒袋包]")
CHAT_LIMIT = 200
CJK = HAN
SENTENCE_END = re.compile(r"[。！？!?；;]")
TRAILING = "。．.；;，,、 \u3000"
WEEKDAYS = "一二三四五六日"
NUMERALS = "一二三四五六七八九十"

COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯")
# Titles that follow the surname in a greeting (王经理, 李总监), longest first so 总经理 wins over 经理.
TITLES = (
    "副总经理",
    "秘书长",
    "总经理",
    "董事长",
    "会计师",
    "工程师",
    "设计师",
    "经理",
    "总监",
    "主任",
    "主管",
    "总裁",
    "老师",
    "律师",
    "院长",
    "处长",
    "科长",
    "部长",
    "局长",
    "厂长",
    "店长",
    "校长",
    "教授",
    "医生",
    "主编",
    "总编",
    "行长",
    "会长",
)
HONORIFIC = {"mr": "先生", "ms": "女士"}
CURRENCIES = {
    "USD": "美元",
    "EUR": "欧元",
    "GBP": "英镑",
    "JPY": "日元",
    "HKD": "港元",
    "MOP": "澳门元",
    "TWD": "新台币",
    "KRW": "韩元",
    "VND": "越南盾",
    "SGD": "新加坡元",
    "AUD": "澳元",
    "CAD": "加元",
    "NZD": "新西兰元",
    "CHF": "瑞士法郎",
    "THB": "泰铢",
    "MYR": "林吉特",
    "IDR": "印尼盾",
    "PHP": "菲律宾比索",
    "INR": "印度卢比",
    "RUB": "卢布",
}
# Currencies whose large amounts Chinese writers count in 万 and 亿.
LARGE_UNITS = ("VND", "KRW", "IDR", "JPY")
# Holidays the calendar names only in another language, as Chinese calls them.
HOLIDAYS = (
    (r"Tết Dương lịch|New Year's Day|^New Year", "元旦"),
    (r"Tết|Lunar New Year|Chinese New Year|Spring Festival", "春节"),
    (r"Christmas", "圣诞节"),
    (r"Boxing Day", "节礼日"),
    (r"Thanksgiving", "感恩节"),
    (r"Independence Day", "独立日"),
    (r"Memorial Day", "阵亡将士纪念日"),
    (r"Labou?r Day|Quốc tế Lao động", "劳动节"),
    (r"Veterans Day", "退伍军人节"),
    (r"Good Friday", "耶稣受难日"),
    (r"Easter", "复活节"),
    (r"Bank Holiday", "银行假日"),
    (r"Quốc khánh", "国庆节"),
    (r"Giải phóng|Chiến thắng", "南方解放日"),
    (r"Hùng", "雄王节"),
    (r"Martin Luther King", "马丁·路德·金纪念日"),
    (r"Washington|Presidents", "总统日"),
    (r"Columbus", "哥伦布日"),
    (r"Juneteenth", "六月节"),
)

# The user's clause already carries its own link word or a consequence: it stays a sentence of its own.
OWN_LINK = re.compile(r"^(因为|由于|因|受|鉴于|为)|所以|因此|导致|以致|致使|从而")
# The user already owns the mistake: no stock sentence of ours repeats it.
ADMISSION = re.compile(
    r"(我们|我司|我)[^，。；]{0,15}(低估|疏忽|忘了|估计不足|本该|本应|应该|没有及时|没能及时|未能及时|没有提前|"
    r"没有预留|没留|没有留|没有备|考虑不周|没有安排好|没安排好|失误|排得太满)"
)
RECURRENCE = re.compile(r"^(今后|以后|此后|往后|日后|从今以后|从今年起|从现在起|从下)")
SPEAKER = re.compile(r"我|公司|团队|本人")
READER = re.compile(r"^(您|贵司|贵公司|贵行)")
DATE_IN_TEXT = re.compile(r"\d+月|\d+日|月底|月初|月中|年底|年初")
VERB_FIRST = re.compile(
    r"^(用|以|先|提前|把|将|安排|增派|加派|抽调|优先|免费|免收|赠送|加送|附赠|随货|额外|提供|增加|开具|出具|签署|"
    r"追加|为|帮|再|多派|派|延长|承担|补发|上门)"
)
GIFT = re.compile(r"免费|免收|赠|送|不收")
# A free extra written as a clause of its own (交货前借给您…, 每套配…) rather than a thing given.
CLAUSE = re.compile(r"您|借|加装|(?<!搭)配(?![色方件套])|延长|上门|^每|^[^，]{1,6}(前|后|期间)[^的]*$")
ACTION = re.compile(r"派|安排|增加|加班|优先|负责|生产|处理|完成|提供|驻场|调配|投入")
DELIVERY_VERB = re.compile(
    r"(发货|交付|送达|交给|发给|上线|交稿|发出|完成|安装|装好|到货|寄出|出运|出货|装运|发运|寄送|送出)(?!的)"
)
# A reference that carries its own label: "Lease ref. AV-PS14", "PO TC-44817", "HĐ 12/2027/DCM", "租赁合同 SZ-2025-016".
LABELLED_REF = re.compile(r"^(?P<label>[^\d]*?[^\d\s#:：])(?:\s*[#:：]\s*|\s+)(?P<code>[^\s#]*\d\S*)$")
# A need that is an event the reader does (开业, 入住, 拍全家福) rather than a thing (发布会): no 的 after its date.
NEED_EVENT = re.compile(r"(开业|启用|入住|搬|上市|投产|开学|开工|开张|上线|举办|提交|出发|拍|交房|切换|会面)")
# A reason said as a noun (发薪周期关系，…) that needs 因为 before it to stand alone.
BARE_REASON = re.compile(r"^[^，。]{2,20}(关系|缘故)，")
# Measures about the job in hand rather than about next time.
THIS_JOB = re.compile(r"^(这|本|此次|目前|接下来|眼下|赶工)|加班|专人|赶工|一[^，；]{1,8}就|立即|马上|随即")
RECURRING = re.compile(
    r"今后|以后|此后|往后|日后|避免|再次|不再|每个|每项|每份|所有|从今年起|从现在起|备用|第二家|安全库存|常备"
)
# A service named by its work, for "先完成…的安装".
SERVICE_WORK = re.compile(r"(安装|审计|翻译|装修|维修|保养|培训|施工|清洗|检测|设计|拍摄|整理|搬运|评估|工程)$")
KIN = re.compile(r"(姐|哥|叔|姨|伯|婶|舅|爷|奶|嫂|弟|妹)$")
MILESTONE_VERB = re.compile(
    r"完成|完工|到|交|发|提交|上线|测试|验收|开始|启动|确认|部署|安装|铺|生产|印|装|检|上架|出厂|恢复|结束|审|清洗|"
    r"保养|开发|重写|修复|签|付|送|做|写|画|拍|录|改|培训|调试|搬|运|评估|定稿|通过|上门|进场|拆"
)


@dataclass(frozen=True)
class Words:
    """The field words of one subkind."""

    verb: str  # 交付 / 交货 / 完成 / 支付 / 偿还
    date_noun: str  # 交付日期 / 交期 / 完成时间 / 付款期限 / 还款日
    reference: str  # 合同编号 / 订单号 / 发票号 …
    done: str  # 全部交付 / 付清 / 还清
    thing: str = ""  # what a discount applies to by default
    fee: str = ""  # 违约金 / 罚息
    contract: str = ""  # whose terms set the fee


WORDS = {
    "project": Words("交付", "交付日期", "合同编号", "全部交付", "本项目"),
    "shipment": Words("交货", "交期", "订单号", "全部交货", "本批货物"),
    "service": Words("完成", "完成时间", "合同编号", "全部完成", "本次服务"),
    "invoice": Words("支付", "付款期限", "发票号", "付清", fee="违约金", contract="合同"),
    "rent": Words("支付", "支付期限", "租赁合同编号", "付清", fee="违约金", contract="租赁合同"),
    "loan": Words("偿还", "还款日", "借款合同编号", "还清", fee="罚息", contract="借款合同"),
}
# A loan from a friend or relative has no 罚息 and no 借款合同.
PRIVATE_LOAN = replace(WORDS["loan"], reference="借条编号", fee="利息", contract="")


# Numbers, money, dates and the user's text.


def count(n):
    """A count before a measure word as a Chinese writer puts it: 两天, 三期, 十天, 12天."""
    if n == 2:
        return "两"
    if 1 <= n <= 10:
        return NUMERALS[n - 1]
    return str(n)


def every(days):
    """每天 / 每两天 / 每周 / 每两周 / 每12天."""
    if days == 1:
        return "每天"
    if days % 7 == 0 and days <= 28:
        weeks = days // 7
        return "每周" if weeks == 1 else f"每{count(weeks)}周"
    return f"每{count(days)}天"


def every_week(weekdays):
    """每周五 / 每周一和周四 / 每周一、周三和周五."""
    days = [f"周{WEEKDAYS[d]}" for d in sorted(weekdays)]
    return "每" + ("、".join(days[:-1]) + "和" + days[-1] if len(days) > 1 else days[0])


def _grouped(value):
    """18,600 / 18,600.50 / 1.2: thousands grouped, decimals only where there are any."""
    value = Decimal(value)
    if value == value.to_integral():
        return f"{int(value):,}"
    whole, _, decimals = f"{value.normalize():f}".partition(".")
    return f"{int(whole):,}.{decimals}"


def money(value, currency):
    """人民币18,600元, 1,500英镑, 12,480.50美元, 1.2亿越南盾 (no .00 on whole amounts)."""
    value = Decimal(value)
    if currency == "CNY":
        amount = _grouped(value) if value == value.to_integral() else f"{value:,.2f}"
        return f"人民币{amount}元"
    name = CURRENCIES.get(currency)
    if name is None:
        return f"{_grouped(value)} {currency}"
    if currency in LARGE_UNITS:
        for unit, word in ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
            scaled = value / unit
            if value >= unit and scaled == scaled.quantize(Decimal("0.01")):
                return f"{_grouped(scaled)}{word}{name}"
    amount = _grouped(value) if value == value.to_integral() else f"{value:,.2f}"
    return f"{amount}{name}"


def percent(value):
    return f"{Decimal(value).normalize():f}%"


def weekday(d):
    return "周" + WEEKDAYS[d.weekday()]


def long_date(d):
    return f"{d.year}年{d.month}月{d.day}日"


def holiday_name(name):
    """春节（补假） → 春节; a name the calendar gives in another language → its Chinese name."""
    if CJK.search(name):
        return re.sub(r"[（(].*?[)）]", "", name).strip()
    for pattern, chinese in HOLIDAYS:
        if re.search(pattern, name, re.IGNORECASE):
            return chinese
    return "当地公众假期"


def clause(text):
    """The user's text without its closing full stop, ready to sit inside a sentence."""
    return text.strip().rstrip(TRAILING)


def sentence(text):
    text = text.strip().rstrip("；;，,、 \u3000")
    if text and text[-1] not in "。！？!?…":
        text += "。"
    return text


def one_clause(text, limit=48):
    """True when the user's text reads as one clause that can follow 是因为."""
    text = clause(text)
    return bool(text) and len(text) <= limit and not SENTENCE_END.search(text) and not OWN_LINK.search(text)


def chat_clause(text, limit=40):
    """The user's explanation cut to what a chat says: the first sentence, its first clauses up to `limit`."""
    parts = clause(SENTENCE_END.split(text.strip())[0]).split("，")
    said = parts[0]
    for part in parts[1:]:
        if len(said) + len(part) + 1 > limit:
            break
        said += "，" + part
    return said


def nominal_work(text):
    """阳台防腐木地板的铺设 → 铺设阳台防腐木地板: a service named as a noun, said as the work it is."""
    found = re.fullmatch(r"(.{2,20})的(铺设|安装|维修|清洗|保养|调试|设计|检测|更换)", text)
    return f"{found[2]}{found[1]}" if found else ""


class Dates:
    """Dates as a letter writes them: the year on the first date, then only where the year is not obvious.

    2026年12月18日 … 2027年1月8日 … 12月22日 … 2027年1月5日: a date in the notice's own year never repeats the
    year; another year is written when it differs from the date just before.
    """

    def __init__(self, base_year, years=True, first_full=True):
        self.base = base_year
        self.years = years
        self.first_full = first_full
        self.context = None

    def __call__(self, d):
        full = self.years and (
            (self.first_full and self.context is None) or (d.year != self.base and d.year != self.context)
        )
        self.context = d.year
        return f"{d.year}年{d.month}月{d.day}日" if full else f"{d.month}月{d.day}日"

    def run(self, dates):
        """Several dates in a row: 12月4日、7日、10日 / 3月26日、4月9日."""
        parts, previous = [], None
        for d in dates:
            if previous and (previous.year, previous.month) == (d.year, d.month):
                parts.append(f"{d.day}日")
                self.context = d.year
            else:
                parts.append(self(d))
            previous = d
        return "、".join(parts)


# Who speaks to whom.


@dataclass(frozen=True)
class Voice:
    we: str  # 我 / 我们 / 我司
    you: str  # 您 / 贵司 / 贵公司 / 贵行
    individual: bool
    person: bool  # the reader is spoken to as 您


def voice(answers):
    """One voice per notice: 我 for an individual; 我司 in a formal letter, 我们 elsewhere; the reader by kind."""
    channel, tone, reader = answers.channel, answers.tone, answers.recipient.kind
    individual = answers.sender.kind == "individual"
    if individual:
        we = "我"
    elif channel == "chat" or tone == "warm":
        we = "我们"
    elif channel == "letter" or (tone == "formal" and reader in ("company", "bank")):
        we = "我司"
    else:
        we = "我们"
    if reader == "person" or channel == "chat":
        you = "您"
    elif reader == "bank":
        you = "贵行"
    elif tone == "warm":
        you = "贵公司"
    else:
        you = "贵司"
    return Voice(we, you, individual, you == "您")


def greeting_name(recipient):
    """How the reader is greeted: the name the user gave, else surname and title (王经理), 先生 / 女士, or the name."""
    if recipient.address_as:
        return recipient.address_as
    name = recipient.name.strip()
    if not name:
        return ""
    honorific = HONORIFIC.get(recipient.honorific, "")
    if not CJK.search(name):
        return f"{name.split()[-1]}{honorific}" if honorific else name
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[0]
    title = recipient.title.strip()
    for word in TITLES:
        if title.endswith(word):
            return surname + word
    return surname + honorific if honorific else name


class Writer:
    def __init__(self, answers):
        self.original = answers
        self.v = voice(answers)
        self.a = answers = self.in_voice(answers)
        self.payment = answers.kind == "payment"
        self.bank = answers.recipient.kind == "bank"
        self.tone = answers.tone
        self.channel = answers.channel
        self.w = WORDS[answers.subkind]
        if answers.subkind == "loan" and answers.recipient.kind == "person":
            self.w = PRIVATE_LOAN
        # A printed letter or a formal email gives the year on the first date; a friendlier note only when needed.
        formal = self.channel == "letter" or self.tone == "formal"
        self.date = Dates(answers.notice_date.year, years=self.channel != "chat", first_full=formal)

    def own(self, text):
        """The user's words in this notice's voice: 我们 becomes 我司 in a 函 that says 我司, 贵司 the reader's form."""
        we, you = self.v.we, self.v.you
        if we == "我司":
            text = re.sub(r"我们(?!俩|两)", "我司", text)
        elif we == "我们":
            text = text.replace("我司", "我们")
        if you in ("贵司", "贵公司"):
            text = re.sub("贵司|贵公司", you, text)
        return text

    def in_voice(self, a):
        own = self.own
        return replace(
            a,
            commitment=replace(a.commitment, needed_for=own(a.commitment.needed_for)),
            cause=replace(a.cause, explanation=own(a.cause.explanation)),
            plan=replace(
                a.plan,
                measures=own(a.plan.measures),
                milestones=tuple(replace(m, description=own(m.description)) for m in a.plan.milestones),
            ),
            remedies=tuple(replace(r, description=own(r.description)) for r in a.remedies),
        )

    # Naming the commitment and the recipient's need.

    def ref_code(self):
        """The reference as (label, number): a foreign label is dropped for the Chinese one, a Chinese one kept."""
        ref = self.a.commitment.reference.strip()
        match = LABELLED_REF.match(ref)
        if not match:
            return ("", ref) if CJK.search(ref) else (self.w.reference, ref)
        label, code = match["label"].strip(), match["code"]
        if CJK.search(label):
            return (label if label.endswith("号") else f"{label}编号", code)
        return self.w.reference, code

    def thing(self, quoted=None):
        """The commitment's name as the body first mentions it: in quotes in a formal notice about a deliverable."""
        title = self.a.commitment.title
        if quoted is None:
            quoted = not self.payment and (self.tone != "warm" or self.a.commitment.title_is_name)
        # A name is quoted; goods counted out ("8,000套春节茶叶礼盒", "两个货柜的…") are not a name.
        if quoted and not re.search(r"[《“「]", title) and not COUNTED.match(title):
            return f"“{title}”"
        return title

    def reference(self):
        """（订单号：PO-2026-0457）, or the user's own words when they carry the label.

        A warm note to a private person about work leaves the number out: they know which job it is.
        """
        ref = self.a.commitment.reference
        if not ref or (self.tone == "warm" and self.a.recipient.kind == "person" and not self.payment):
            return ""
        label, code = self.ref_code()
        return f"（{label}：{code}）" if label else f"（{code}）"

    def named(self, quoted=None):
        """The title with its reference; after a title that ends in a bracket the reference becomes a clause."""
        title = self.thing(quoted)
        reference = self.reference()
        if reference and self.a.commitment.title.endswith("）"):
            return f"{title}，{reference[1:-1].replace('：', '')}，"
        return title + reference

    def need(self, dates=None, you=None):
        """The recipient's need with its date: 贵司3月26日的品牌发布会 / 您5月30日入住 / 1月27日您和报税师的会面."""
        c = self.a.commitment
        you = self.v.you if you is None else you
        need = clause(c.needed_for)
        when = (dates or self.date)(c.needed_by) if c.needed_by and not DATE_IN_TEXT.search(need) else ""
        if not need:
            return f"{you}{when}的安排" if when else ""
        if reader := READER.match(need):
            rest = need[reader.end() :]
            if when and rest.startswith("的"):
                return f"{you}{when}{rest}"
            return f"{when}{you}{rest}"
        of = "的" if when and len(need) > 2 and "的" not in need and not NEED_EVENT.search(need) else ""
        return f"{you}{when}{of}{need}"

    # The body of a delay notice, in the order a Chinese writer gives the news.

    def opening(self):
        """What is late, and the new date."""
        a, v, w = self.a, self.v, self.w
        original, new = self.date(a.commitment.original_deadline), self.date(a.plan.new_deadline)
        if self.payment:
            return self.payment_opening(original, new)
        named, late = self.named(), a.is_late
        if self.tone == "concise":
            text = f"{named}原定{original}{w.verb}，现{w.date_noun}调整至{new}。"
        elif self.tone == "warm":
            if a.subkind == "shipment":
                state = "到现在还没能发出，" if late else "现在"
                text = f"{v.you}订的{named}原定{original}交货，{state}需要推迟到{new}，实在抱歉。"
            else:
                to = f"交给{v.you}" if a.subkind == "project" else f"为{v.you}完成"
                state = "到现在还没能完成，" if late else ""
                text = f"原定{original}{to}的{named}，{state}需要推迟到{new}，实在抱歉。"
        elif a.subkind == "shipment":
            ref = a.commitment.reference
            if ref and a.commitment.title.endswith("）") and not CJK.search(ref):
                lead = f"{v.you}订单{self.ref_code()[1]}项下的{self.thing()}"
            else:
                lead = f"{v.you}订购的{named}"
            state = "至今未能发货" if late else f"{v.we}无法按期发货"
            text = f"{lead}，原定于{original}交货，{state}，交期需调整至{new}。"
        elif a.subkind == "project":
            state = "至今未能完成" if late else f"{v.we}无法按期完成"
            text = f"原定于{original}交付{v.you}的{named}，{state}，交付日期需调整至{new}。"
        else:
            state = "至今未能完成，" if late else "现"
            text = f"{v.we}为{v.you}提供的{named}，原定于{original}完成，{state}需推迟至{new}。"
        return re.sub("，+", "，", text)

    def payment_opening(self, original, new):
        a, v, w = self.a, self.v, self.w
        amount = money(a.commitment.amount.value, a.currency) if a.commitment.amount else ""
        total = f"共计{amount}" if amount else ""
        title = self.named(quoted=False)
        late = a.is_late
        if self.tone == "warm":
            ask = "想申请把还款日延到" if self.bank else f"想请{v.you}宽限到"
            state = f"到现在还没能{w.done}" if late else f"这次没法按时{w.done}了"
            return f"{title}{amount}原定{original}{w.verb}，{v.we}{state}，{ask}{new}。"
        if self.tone == "concise":
            return re.sub("，+", "，", f"{title}{total}，原定{original}{w.verb}，恳请延至{new}。")
        if a.subkind == "loan" and self.bank:
            intro = ""
            if v.individual and a.sender.name and a.sender.organization:
                intro = f"我是{a.sender.organization}的{a.sender.name}。"
            state = "至今未能还清" if late else "无法按时足额还款"
            return (
                f"{intro}{v.we}在{v.you}有一笔贷款{self.reference()}。{self.thing(False)}{total}，还款日为{original}。"
                f"{v.we}{state}，恳请{v.you}同意调整本期还款计划，将还款日延至{new}。"
            )
        owe = "应还" if a.subkind == "loan" else "应付"
        basis = "按租赁合同" if a.subkind == "rent" and not self.reference() else "按约定"
        state = f"至今未能{w.done}" if late else f"目前无法按期全额{'还款' if a.subkind == 'loan' else '付款'}"
        return re.sub(
            "，+",
            "，",
            f"{v.we}{owe}{v.you}的{title}{total}，{basis}应于{original}{w.verb}。"
            f"{v.we}{state}，恳请{v.you}同意将{w.date_noun}延至{new}。",
        )

    def need_sentence(self):
        """Whether the new date still meets the recipient's need, said plainly."""
        a, v = self.a, self.v
        c = a.commitment
        if not (c.needed_for or c.needed_by):
            return ""
        if self.payment:
            return f"这笔款项关系到{self.need()}，{v.we}会尽最大努力按新的安排{self.w.done}。" if c.needed_for else ""
        need = self.need()
        if not c.needed_by:
            if READER.match(clause(c.needed_for)):
                return f"这次推迟会影响{need}的安排。"
            return f"这次推迟会压缩{v.you}为{clause(c.needed_for)}留出的准备时间。"
        noun = "这个时间" if self.tone == "warm" else f"调整后的{self.w.date_noun}"
        gap = (c.needed_by - a.plan.new_deadline).days
        if 0 < gap <= 2:
            close = f"离{need}只差{count(gap)}天" if self.tone == "warm" else f"仅比{need}早{count(gap)}天"
            return f"{noun}{close}，时间比较紧，{v.we}会尽量提前。"
        if gap > 0:
            if self.tone == "warm":
                return f"{noun}离{need}还有{count(gap)}天，时间上来得及。"
            return f"{noun}仍比{need}早{count(gap)}天，原定安排不受影响。"
        if gap == 0:
            return f"{noun}与{need}在同一天，时间会比较紧，{v.we}会尽量提前。"
        if self.tone == "warm":
            return f"坦白说，这个时间已经赶不上{need}了。"
        when = "的时间" if NEED_EVENT.search(clause(c.needed_for)) else ""
        return f"需要说明的是，{noun}已晚于{need}{when}，会影响{v.you}的原定安排。"

    def cause(self):
        """The user's explanation as the cause sentence; a short one of our own only when there is none."""
        explanation = self.a.cause.explanation
        if explanation:
            if one_clause(explanation):
                return f"{self.cause_lead()}{clause(explanation)}。"
            return sentence(explanation)
        stock = self.category_sentence()
        return self.cause_lead() + stock if stock else ""

    def cause_lead(self):
        if self.payment:
            return f"没能按时{self.w.done}，是因为" if self.tone == "warm" else f"之所以无法按期{self.w.verb}，是因为"
        return "推迟是因为" if self.tone == "warm" else "此次延误，是因为"

    def category_sentence(self):
        v = self.v
        if self.payment:
            table = {
                "time_management": f"{v.we}在资金安排上有疏漏，这笔款项没有提前备足。",
                "resources": f"{v.we}近期资金周转紧张。",
                "technical": f"{v.we}的付款系统出了技术故障，款项未能按时转出。",
                "third_party": f"{v.we}的一笔应收款项未能按时到账。",
                "supplier": f"上游供应商延误，{v.we}的回款随之推迟。",
                "recipient_dependency": "付款所需的部分手续还在办理中。",
                "scope_change": "合作内容有所调整，付款金额和时间需要相应确认。",
                "illness": "我近期生病，收入受到影响。" if v.individual else "负责人近期生病，付款流程受到影响。",
                "external_event": f"{v.we}的收入因突发情况明显减少。",
            }
        else:
            table = {
                "time_management": f"{v.we}对工作量估计不足，排期过紧。",
                "resources": f"近期{v.we}人手紧张，工作未能按原计划推进。",
                "technical": f"{v.we}遇到了技术问题，解决所需的时间超出预期。",
                "third_party": "合作方的一项调整打乱了原有进度。",
                "supplier": "供应商未能按约定时间交货。",
                "recipient_dependency": "部分前期资料的确认时间比计划晚，后续工作相应顺延。",
                "scope_change": "需求有所调整，原定日期已不足以完成全部工作。",
                "illness": "我近期生病，工作中断了一段时间。" if v.individual else "团队成员生病，工作中断了一段时间。",
                "external_event": "突发情况打乱了原有的工作安排。",
            }
        return table.get(self.a.cause.category, "")

    def responsibility(self):
        """Owning our part in words that fit the cause; never the reader's fault; never twice."""
        v = self.v
        category, who, explanation = self.a.cause.category, self.a.cause.responsibility, self.a.cause.explanation
        admitted = bool(ADMISSION.search(explanation))
        if category == "recipient_dependency":
            if admitted:
                return ""
            if self.payment:
                return f"{v.we}本应更早把付款时间与{v.you}核对清楚。"
            return f"{v.we}本应更早与{v.you}核对时间安排，及早调整计划，这是{v.we}的疏忽。"
        if who == "outside" or (who == "shared" and admitted):
            return ""
        if who == "shared":
            return f"这件事{v.we}也有考虑不周的地方。"
        if admitted:
            return f"责任在{v.we}。"
        if self.payment:
            if category in ("third_party", "supplier", "external_event"):
                return f"{v.we}没有为此预留足够的备用资金，责任在{v.we}。"
            return f"责任在{v.we}。"
        owned = {
            "supplier": f"{v.we}没有盯紧供应商的交期，",
            "third_party": f"{v.we}事先没有为此留出余地，",
            "scope_change": f"需求调整时，{v.we}没有当即提出新的时间安排，",
        }
        if category in ("illness", "resources") and not explanation:
            return f"{v.we}在人手安排上没有留出余量，责任在{v.we}。"
        return f"{owned.get(category, '')}责任在{v.we}。"

    def apology(self):
        a, v = self.a, self.v
        late = a.is_late
        if self.tone == "concise":
            return f"未能按期{self.w.verb}且未能提前告知，深表歉意。" if late else "对此深表歉意。"
        if self.tone == "warm":
            trouble = f"给{v.you}添麻烦了"
            if late:
                trouble = f"也没能及早告知，{trouble}"
            # A payment request has not said sorry yet; a deliverable's opening already has.
            return f"{trouble}，实在抱歉。" if self.payment else f"{trouble}。"
        if self.payment and self.bank:
            told = f"，也未能及早告知{v.you}" if late else ""
            return f"未能按期还款{told}，{v.we}深感抱歉。"
        if self.payment:
            core = f"给您添了麻烦，{v.we}深表歉意。" if v.person else f"给{v.you}的资金安排带来不便，{v.we}深表歉意。"
        else:
            core = f"给{v.you}带来的不便，{v.we}深表歉意。"
        return core + ("未能及早告知，在此一并致歉。" if late else "")

    def cause_block(self):
        responsibility = self.responsibility()
        if self.tone == "warm" and responsibility.endswith("。"):
            responsibility = responsibility[:-1] + "，"
        cause = self.cause()
        if not cause and responsibility.startswith("责任在"):
            responsibility = (f"未能按期{self.w.verb}，" if self.payment else "此次延误，") + responsibility
        apology = self.apology()
        if self.tone == "formal" and responsibility == f"责任在{self.v.we}。" and cause.endswith("。"):
            cause = cause[:-1] + "，"
        if self.tone == "concise" and responsibility.endswith(f"责任在{self.v.we}。"):
            # 责任在我，对此深表歉意: owning it and saying sorry in one breath.
            responsibility, apology = responsibility[:-1] + "，", self.owned_apology()
        return Block(cause + responsibility + apology, (), frozenset({"cause", "responsibility", "apology"}))

    def owned_apology(self):
        """A concise note's apology after 责任在我, in the same sentence."""
        return f"未能按期{self.w.verb}且未能提前告知，深表歉意。" if self.a.is_late else "对此深表歉意。"

    def plan(self):
        """Milestones and the measures, as sentences; a list only for three milestones or more."""
        milestones = self.milestones()
        steps = [f"{self.date(m.date)}{self.step(m.description)}" for m in milestones]
        measures = self.measures()
        roles = frozenset({"milestones"} if milestones else set()) | frozenset({"measures"} if measures else set())
        if len(steps) >= 3:
            items = tuple(
                step.replace("日", "日，", 1) + ("。" if i == len(steps) - 1 else "；") for i, step in enumerate(steps)
            )
            blocks = [Block("具体安排如下：", items, frozenset({"milestones"}))]
            if measures:
                blocks.append(Block(measures, (), frozenset({"measures"})))
            return blocks
        text = f"按目前的安排，{'，'.join(steps)}。" if steps else ""
        text += measures
        if not text and self.a.cause.responsibility == "outside" and not self.payment:
            text = f"{self.v.we}会全力确保按新的日期{self.w.verb}。"
        return [Block(text, (), roles)] if text else []

    def milestones(self):
        """The milestones, less one that a partial delivery on the same day already announces."""
        partial_days = {r.date for r in self.a.remedies if r.kind == "partial_delivery"}
        return [m for m in self.a.plan.milestones if m.date not in partial_days]

    @staticmethod
    def step(description):
        """A milestone as a step of the schedule: 特种纸到厂; a bare noun (全部十二章的一校样) gets its verb."""
        text = clause(description)
        return text if MILESTONE_VERB.search(text) else f"完成{text}"

    def measures(self):
        text = self.a.plan.measures.strip()
        if not text:
            return ""
        if self.payment or text.startswith("为"):
            return sentence(text)
        this_job, again = THIS_JOB.search(text), RECURRING.search(text)
        if this_job and again:
            return sentence(text)
        if this_job:
            return f"为确保新的{self.w.date_noun}，{sentence(text)}"
        speaker = self.v.we if RECURRENCE.match(text) and not SPEAKER.search(text) else ""
        return f"为避免类似情况再次发生，{speaker}{sentence(text)}"

    # The offer: whole sentences built from the user's words.

    def remedies(self):
        if self.payment:
            return self.payment_remedies()
        order = {"partial_delivery": 0, "priority": 1, "discount": 2, "free_extra": 3}
        parts, goodwill_said = [], False
        for r in sorted(self.a.remedies, key=lambda r: order[r.kind]):
            if r.kind in ("discount", "free_extra"):
                parts.append(getattr(self, f"_{r.kind}")(r, lead=not goodwill_said))
                goodwill_said = True
            else:
                parts.append(getattr(self, f"_{r.kind}")(r, first=not parts))
        return Block("".join(parts), (), frozenset({"remedies"})) if parts else None

    def goodwill(self):
        if self.a.cause.responsibility == "outside":
            return f"为尽量减少对{self.v.you}的影响，"
        return "为表歉意，"

    def _partial_delivery(self, r, first):
        v, kind = self.v, self.a.subkind
        when = self.date(r.date)
        text = clause(r.description)
        lead = f"为便于{v.you}提前安排，" if first and self.tone == "formal" else ""
        head, _, tail = text.partition("，")
        if VERB_FIRST.match(text):
            to = {"shipment": f"送达{v.you}", "project": f"交付{v.you}", "service": "完成"}[kind]
            if self.tone == "warm" and kind == "project":
                to = f"交给{v.you}"
            return f"{lead}{v.we}将{text}，于{when}{to}。"
        if tail and DELIVERY_VERB.search(tail) and not DELIVERY_VERB.search(head):
            return f"{lead}{head}将于{when}{tail}。"
        if DELIVERY_VERB.search(text):
            return f"{lead}{v.we}将于{when}安排{text}。"
        if self.tone == "warm":
            to = {"shipment": f"发给{v.you}", "project": f"交给{v.you}", "service": f"为{v.you}{self.work()[1]}"}[kind]
            return f"{text}，{v.we}{when}先{to}。"
        verb = {"shipment": "发出", "project": "交付", "service": self.work()[0]}[kind]
        return f"{lead}{v.we}将于{when}先行{verb}{text}。"

    def work(self):
        """A service's own verbs, from its name: (安装, 装好) for 柜体安装; (完成, 做好) when the name says nothing."""
        found = SERVICE_WORK.search(self.a.commitment.title)
        verbs = {
            "安装": ("安装", "装好"),
            "维修": ("维修", "修好"),
            "保养": ("保养", "保养好"),
            "清洗": ("清洗", "清洗好"),
            "翻译": ("翻译", "译好"),
            "整理": ("整理", "整理好"),
            "检测": ("检测", "检测好"),
        }
        return verbs.get(found[1] if found else "", ("完成", "做好"))

    def _priority(self, r, first):
        v = self.v
        text = clause(r.description)
        timed = re.match(
            r"^([^，]{1,12}?(?:后|前|之后|之前|期间))(立即|马上|随即)?(?=[^，]{0,3}(?:派|安排|增派|加派|抽调))", text
        )
        if timed and not SPEAKER.search(text[: timed.end()]):
            return f"{'' if first else '同时，'}{timed[1]}，{v.we}将{timed[2] or ''}{text[timed.end() :]}。"
        if VERB_FIRST.match(text):
            return f"{'' if first else '同时，'}{v.we}将{text}。"
        if ACTION.search(text):
            return f"同时，{text}。"
        return f"{'' if first else '同时，'}{v.we}会优先处理{text}。"

    def _discount(self, r, lead):
        v = self.v
        base = clause(r.description)
        lead = self.goodwill() if lead else "此外，"
        if self.tone == "warm":
            return f"{lead}{base or '这次的费用'}{v.we}给{v.you}减免{percent(r.percent)}。"
        return f"{lead}{base or self.w.thing + '的费用'}{v.we}将减免{percent(r.percent)}。"

    def _free_extra(self, r, lead):
        v = self.v
        text = clause(r.description)
        also = "" if lead else "还"
        lead = self.goodwill() if lead else "此外，"
        will = "会" if self.tone == "warm" else "将"
        if done := nominal_work(text):
            return f"{lead}{v.we}{also}{will}免费为{v.you}{done}。"
        if VERB_FIRST.match(text):
            free = "" if GIFT.search(text) else "免费"
            return f"{lead}{v.we}{also}{will}{free}{text}。"
        if GIFT.search(text):
            return f"{lead}{text}。"
        if CLAUSE.search(text):
            return f"{lead}{text}，不另收费。"
        return f"{lead}{v.we}{also}{will}免费提供{text}。"

    def payment_remedies(self):
        a, v = self.a, self.v
        by_kind = {r.kind: r for r in a.remedies}
        parts = []
        schedule = self.schedule(by_kind.get("partial_payment"), by_kind.get("instalments"))
        if schedule:
            if self.tone == "formal" and not (a.subkind == "loan" and self.bank):
                lead = f"为尽量减少对{v.you}的影响，{v.we}拟按以下安排{'还款' if a.subkind == 'loan' else '付款'}："
            else:
                lead = "" if self.tone == "concise" else "具体安排是："
            parts.append(lead + schedule)
        if "late_fee_accepted" in by_kind:
            parts.append(self.late_fee(by_kind["late_fee_accepted"]))
        if "guarantee" in by_kind:
            parts.append(self.guarantee(by_kind["guarantee"]))
        return Block("".join(parts), (), frozenset({"remedies"})) if parts else None

    def schedule(self, partial, instalments):
        """What is paid when: 3月10日先支付…，余款…分两期付清，3月26日、4月9日各支付…."""
        a, v, w = self.a, self.v, self.w
        total = a.commitment.amount.value if a.commitment.amount else None
        cur = a.currency
        first = ""
        if partial:
            who = "" if self.tone == "formal" and not v.individual else v.we
            first = f"{self.date(partial.date)}{who}先{w.verb}{money(partial.amount, cur)}"
        if instalments:
            rows = instalments.schedule
            n = count(len(rows))
            paid = sum((row.amount for row in rows), Decimal(0))
            each = self.paid_on([(row.date, row.amount) for row in rows], with_on=False)
            if partial and total is not None and partial.amount + paid == total:
                rest = f"余款{money(paid, cur)}分{n}期{w.done}，{each}"
            elif not partial and total is not None and paid == total:
                rest = f"全部款项分{n}期{w.done}，{each}"
            else:
                rest = f"另分{n}期{w.verb}，{each}"
            return f"{first}，{rest}。" if first else f"{rest}。"
        if partial:
            rest = f"其余{money(total - partial.amount, cur)}" if total is not None else "余款"
            return f"{first}，{rest}于{self.date(a.plan.new_deadline)}前{w.done}。"
        return ""

    def paid_on(self, rows, with_on=True):
        """3月26日、4月9日各支付人民币63,200元 / 3月26日支付…，4月9日支付… (with 于 before a run)."""
        pay, cur = self.w.verb, self.a.currency
        on = "于" if with_on else ""
        if len(rows) > 1 and len({x for _, x in rows}) == 1:
            return f"{on}{self.date.run([d for d, _ in rows])}各{pay}{money(rows[0][1], cur)}"
        return on + "，".join(f"{self.date(d)}{pay}{money(x, cur)}" for d, x in rows)

    def late_fee(self, r):
        a, v, w = self.a, self.v, self.w
        if r.amount is not None:
            return f"延期期间，{v.we}愿支付{w.fee}{money(r.amount, a.currency)}。"
        if r.percent is not None:
            base = "应还金额" if a.subkind == "loan" else "应付金额"
            return f"延期期间，{v.we}愿按{base}的{percent(r.percent)}支付{w.fee}。"
        period = "逾期部分的" if a.subkind == "loan" else "延期期间的"
        return f"{period}{w.fee}，{v.we}愿按{w.contract}约定承担。"

    def guarantee(self, r):
        v = self.v
        text = clause(r.description)
        lead = f"为保证按期{self.w.verb}，"
        verb_first = VERB_FIRST.match(text)
        noun = re.match(r"由.+的", text) or (not verb_first and re.search(r"(保函|担保|承诺书|汇票|存单)$", text))
        if verb_first and not noun:
            return f"{lead}{v.we}愿{text}。"
        if noun:
            return f"{lead}{v.we}可以提供{text}。"
        return f"{lead}{v.we}可以提供{text}作为担保。"

    # Updates and the close.

    def updates(self):
        a, v = self.a, self.v
        plan = update_plan(a)
        if not plan.dates:
            return ""
        weekly = plan.cadence == "weekly"
        rule = every_week(plan.weekdays) if weekly else every(plan.days)
        start = self.date(plan.first)
        if self.tone == "warm":
            text = f"从{start}起，{v.we}{rule}{'都会' if weekly else ''}给{v.you}发一份进度简报。"
        elif self.tone == "concise":
            text = f"自{start}起，{v.we}将{'于' if weekly else ''}{rule}通报一次进度。"
        else:
            until = f"直至款项{self.w.done}" if self.payment else f"直至{self.w.done}"
            text = f"自{start}起，{v.we}将{'于' if weekly else ''}{rule}向{v.you}书面通报一次进度，{until}。"
        return text + self.days_off(plan)

    def days_off(self, plan):
        """The rule for updates moved or skipped for a weekend or a holiday, said once."""
        moved = [m for m in plan.moved if m[1] != plan.first]
        if moved:
            if len(moved) > 1:
                return "遇节假日则提前至前一个工作日。"
            scheduled, actual, holiday = moved[0]
            why = f"恰逢{holiday_name(holiday)}" if holiday else f"是{weekday(scheduled)}"
            if self.tone == "warm":
                why = f"正赶上{holiday_name(holiday)}" if holiday else f"是{weekday(scheduled)}"
                return f"{self.date(scheduled)}{why}，那一次提前到{self.date(actual)}发。"
            return f"其中{self.date(scheduled)}{why}，当次通报提前至{self.date(actual)}。"
        if not plan.skipped:
            return ""
        holidays = [name for _, name in plan.skipped if name]
        if len(plan.skipped) == 1 and holidays:
            day, name = plan.skipped[0]
            if self.tone == "warm":
                return f"{self.date(day)}是{holiday_name(name)}，那一次就并到下一次一起说。"
            return f"{self.date(day)}是{holiday_name(name)}，当天暂停一次，进度并入下一次一起通报。"
        days = "周末或节假日" if holidays else "周末"
        if self.tone == "warm":
            return f"遇上{days}就并到下一次一起说。"
        return f"遇{days}顺延，并入下一次通报。"

    def invite(self):
        a, v = self.a, self.v
        if self.payment:
            if self.bank:
                return f"如需补充材料或办理相关手续，请随时与{v.we}联系。恳请{v.you}予以考虑。"
            if self.tone == "warm":
                return f"不知道这样安排是否可以？如有其他想法，请随时联系{v.we}商量。"
            if self.tone == "concise":
                return "恳请同意。如有意见，请随时联系。"
            return f"以上安排，恳请{v.you}予以考虑。如有意见，请随时与{v.we}联系。"
        if self.tone == "warm":
            return f"如果这个时间对{v.you}的安排有影响，请随时联系{v.we}，{v.we}来想办法。"
        if self.tone == "concise":
            return "如有问题，请随时联系。"
        sorry = f"恳请{v.you}谅解。" if a.cause.responsibility != "outside" else ""
        return f"如对上述安排有意见或建议，请随时与{v.we}联系。{sorry}"

    # Whole bodies.

    def delay_blocks(self):
        opening = self.opening()
        need = self.need_sentence()
        blocks = [
            Block(opening + need, (), frozenset({"opening", "new_date"} | ({"impact"} if need else set()))),
            self.cause_block(),
        ]
        plan, remedies = self.plan(), self.remedies()
        if self.payment:
            # A request: the terms first, then what makes them reliable.
            blocks += ([remedies] if remedies else []) + plan
        else:
            blocks += plan + ([remedies] if remedies else [])
        updates, invite = self.updates(), self.invite()
        if updates and self.tone != "formal":
            blocks.append(Block(updates + invite, (), frozenset({"updates", "invite"})))
        else:
            if updates:
                blocks.append(Block(updates, (), frozenset({"updates"})))
            blocks.append(Block(invite, (), frozenset({"invite"})))
        return self.merged(blocks) if self.tone == "concise" else tuple(blocks)

    @staticmethod
    def merged(blocks):
        """A concise notice: the news and its cause in one paragraph, what we do in the next, then the close."""
        if len(blocks) <= 3 or any(b.items for b in blocks):
            return tuple(blocks)
        first = Block(blocks[0].text + blocks[1].text, (), blocks[0].roles | blocks[1].roles)
        middle = blocks[2:-1]
        action = Block("".join(b.text for b in middle), (), frozenset().union(*(b.roles for b in middle)))
        return (first, action, blocks[-1])

    def progress_blocks(self):
        a, v, w = self.a, self.v, self.w
        today = a.notice_date
        status = a.progress.status
        if status != "on_track":
            new = self.date(a.plan.new_deadline)
            named = self.named(quoted=not self.payment)
            if status == "slipping":
                risk = (
                    f"{named}的{w.verb}安排出现变化，{new}前全部{w.done}存在风险。"
                    if self.payment
                    else f"{named}目前进度落后于计划，{new}{w.verb}存在风险。"
                )
                sorry = f"对此给{v.you}带来的不便，{v.we}深表歉意。"
                confirm = update_plan(a).first
                when = f"将于{self.date(confirm)}前确认" if confirm else "会尽快确认"
                text = [risk + sorry + f"{v.we}{when}能否如期，如需调整，将及时与{v.you}商定新的时间。"]
            elif self.payment:
                text = [f"{named}的款项已准备就绪，将于{new}前全部{w.done}。"]
            else:
                text = [f"{named}的工作已经全部完成，最迟将于{new}{w.verb}。"]
            if a.progress.done:
                text.append(f"自上次通报以来，{sentence(a.progress.done)}")
        elif self.payment:
            new = self.date(a.plan.new_deadline)
            text = [f"{self.named(quoted=False)}的{w.verb}正在按调整后的安排进行，将于{new}前全部{w.done}。"]
            paid = [(d, x) for d, x in self.payments() if d <= today]
            due = [(d, x) for d, x in self.payments() if d > today]
            if paid:
                text.append(f"{v.we}已按约定{self.paid_on(paid)}。")
            if due:
                text.append(f"接下来，{v.we}将{self.paid_on(due)}。")
            if a.progress.done:
                text.append(f"自上次通报以来，{sentence(a.progress.done)}")
        else:
            named = self.named()
            text = [f"{named}目前按计划推进，将于{self.date(a.plan.new_deadline)}{w.verb}。"]
            if a.progress.done:
                text.append(f"自上次通报以来，{sentence(a.progress.done)}")
            done = [m for m in a.plan.milestones if m.date <= today]
            coming = [m for m in a.plan.milestones if m.date > today]
            said = [f"{self.date(m.date)}，{self.step(m.description)}" for m in done]
            if len(done) == 1:
                text.append(f"{self.step(done[0].description)}已于{self.date(done[0].date)}按计划完成。")
            elif done:
                text.append(f"截至目前，已按计划完成{count(len(done))}项工作：{'；'.join(said)}。")
            if coming:
                steps = [f"{self.date(m.date)}{self.step(m.description)}" for m in coming]
                text.append(f"接下来，预计{'；'.join(steps) if len(steps) > 2 else '，'.join(steps)}。")
        thanks = f"感谢{v.you}的耐心等待。" if self.tone != "concise" else ""
        return (
            Block("".join(text), (), frozenset({"opening", "new_date", "milestones"})),
            Block(f"如有任何疑问，请随时与{v.we}联系。{thanks}", (), frozenset({"invite"})),
        )

    def payments(self):
        out = []
        for r in self.a.remedies:
            if r.kind == "partial_payment":
                out.append((r.date, r.amount))
            elif r.kind == "instalments":
                out += [(row.date, row.amount) for row in r.schedule]
        return out

    def completion_blocks(self):
        a, v, w = self.a, self.v, self.w
        if self.payment:
            amount = money(a.commitment.amount.value, a.currency) if a.commitment.amount else ""
            opening = f"{self.named(quoted=False)}{amount}已全部{w.done}。感谢{v.you}在此期间的通融与支持。"
        else:
            opening = f"{self.named()}已{w.done}。感谢{v.you}在此期间的理解与耐心。"
        blocks = [Block(opening, (), frozenset({"opening"}))]
        if re.search(r"今后|以后|此后|往后|避免|再次|不再|每个|所有|从今年起", a.plan.measures):
            text = f"这次延误之后，{v.we}也做了调整。{sentence(a.plan.measures)}"
            blocks.append(Block(text, (), frozenset({"measures"})))
        if self.payment:
            close = f"今后{v.we}一定按期{w.verb}。如有需要，请随时与{v.we}联系。"
        elif v.person and not a.recipient.organization:
            close = f"今后如有需要，欢迎随时联系{v.we}。"
        else:
            close = f"期待今后继续与{v.you}合作。如有任何意见，请随时与{v.we}联系。"
        blocks.append(Block(close, (), frozenset({"invite"})))
        return tuple(blocks)

    def blocks(self):
        if self.a.letter_type == "progress":
            return self.progress_blocks()
        if self.a.letter_type == "completion":
            return self.completion_blocks()
        return self.delay_blocks()

    # The WeChat message.

    def chat(self):
        """The chat message; written by a writer whose channel is the chat, whatever this notice's channel."""
        if self.channel != "chat":
            return Writer(replace(self.original, channel="chat")).chat()
        a = self.a
        name = greeting_name(a.recipient)
        hello = f"{name}您好，" if name else "您好，"
        title = re.sub(r"[“”]|\d{4}年(?!度)|\d{4}(?=年度)", "", a.commitment.title)
        if a.letter_type != "delay":
            return hello + self.chat_followup(title)
        sorry = "实在抱歉，现在才跟您说，" if a.is_late else ("实在不好意思，" if self.payment else "实在抱歉，")
        news, cause = self.chat_news(title), self.chat_cause()
        invite = f"有什么问题随时跟{self.v.we}说。"
        # A request asks after saying what the money was for; a delivery makes its offer after the need.
        need, offer = self.chat_need(), self.chat_ask() if self.payment else self.chat_offer()
        if offer.endswith("？"):
            invite = ""
        options = (
            (news, cause, need, offer, invite),
            (news, cause, need, offer, ""),
            (news, cause, "", offer, ""),
            (news, "", "", offer, ""),
            (news, "", "", "", ""),
        )
        for parts in options:
            text = hello + sorry + "".join(parts)
            if len(text) <= CHAT_LIMIT:
                break
        return text

    def chat_dates(self):
        """(original, new) as a chat says them: 12月18日 … 1月8日, or 3月5日 … 12日 within a month."""
        a = self.a
        original, new = a.commitment.original_deadline, a.plan.new_deadline
        dates = Dates(a.notice_date.year, years=False)
        same_month = (original.year, original.month) == (new.year, new.month)
        return dates(original), f"{new.day}日" if same_month else dates(new)

    def chat_news(self, title):
        """What is late and till when, in the words one says it: 推迟到1月8日交货了 / 这次没法按时交了."""
        a, v = self.a, self.v
        original, new = self.chat_dates()
        if not self.payment:
            verb = {"shipment": "交货", "project": "交给您", "service": "完成"}[a.subkind]
            return f"{title}要从{original}推迟到{new}{verb}了。"
        pay, done = self.chat_verbs()
        amount = self.chat_money(a.commitment.amount.value) if a.commitment.amount else ""
        state = f"到现在还没{done}" if a.is_late else f"这次没法按时{done}了"
        return f"{title}{amount}本该{original}{pay}，{v.we}{state}。"

    def chat_verbs(self):
        """A chat pays an invoice (付 / 付清), hands over rent (交 / 交齐) and pays back a loan (还 / 还清)."""
        return {"invoice": ("付", "付清"), "rent": ("交", "交齐"), "loan": ("还", "还清")}[self.a.subkind]

    def chat_cause(self):
        """The user's explanation as its own sentence: the first sentence, cut to its first clauses when long."""
        text = self.a.cause.explanation
        if not text:
            return sentence(self.category_sentence()) if self.category_sentence() else ""
        first = clause(SENTENCE_END.split(text.strip())[0])
        said = first if len(first) <= 60 else chat_clause(text)
        return sentence(f"因为{said}" if BARE_REASON.match(said) else said)

    def chat_ask(self):
        """What a payment chat asks for: the new date, or the part paid now and when the rest follows."""
        a, v = self.a, self.v
        pay, done = self.chat_verbs()
        dates = Dates(a.notice_date.year, years=False)
        _, new = self.chat_dates()
        by_kind = {r.kind: r for r in a.remedies}
        partial, instalments = by_kind.get("partial_payment"), by_kind.get("instalments")
        if self.bank:
            ask = f"想申请把还款日延到{new}"
            if partial:
                return f"{ask}，{dates(partial.date)}{v.we}先还{self.chat_money(partial.amount)}。"
            if instalments:
                return f"{ask}，分{count(len(instalments.schedule))}期还清。"
            return f"{ask}。"
        if partial:
            total = a.commitment.amount.value if a.commitment.amount else None
            rest = f"剩下的{self.chat_money(total - partial.amount)}" if total is not None else "剩下的"
            first = f"{dates(partial.date)}{v.we}先{pay}{self.chat_money(partial.amount)}"
            return f"想跟您商量一下：{first}，{rest}{new}前{done}，您看可以吗？"
        if instalments:
            rows = instalments.schedule
            n = count(len(rows))
            if len({row.amount for row in rows}) == 1:
                each = f"{dates.run([row.date for row in rows])}各{pay}{self.chat_money(rows[0].amount)}"
                return f"想跟您商量分{n}次{done}：{each}，您看可以吗？"
            return f"想跟您商量分{n}次{done}，{new}前全部{done}，您看可以吗？"
        return f"想跟您商量延到{new}，您看可以吗？"

    def chat_need(self):
        c = self.a.commitment
        if not (c.needed_by or c.needed_for) or (self.payment and not c.needed_for):
            return ""
        need = self.need(Dates(self.a.notice_date.year, years=False), you="您")
        if self.payment:
            return f"{self.v.we}知道这笔钱关系到{need}，实在过意不去。"
        if not c.needed_by:
            return f"{self.v.we}知道这会打乱{need}的安排，会全力抓紧赶工。"
        gap = (c.needed_by - self.a.plan.new_deadline).days
        if 0 < gap <= 2:
            return f"离{need}只差{count(gap)}天，有点紧，{self.v.we}会尽量提前。"
        if gap > 0:
            return f"离{need}还有{count(gap)}天，来得及。"
        if gap == 0:
            return f"正好是{need}当天，时间会比较紧。"
        return f"这样会赶不上{need}了。"

    def chat_money(self, value):
        """In a chat, yuan go without 人民币: 8,500元."""
        return money(value, self.a.currency).removeprefix("人民币")

    def chat_offer(self):
        """The one offer that matters, in a chat's words."""
        dates = Dates(self.a.notice_date.year, years=False)
        by_kind = {r.kind: r for r in self.a.remedies}
        for kind in ("partial_delivery", "discount", "free_extra", "priority"):
            if r := by_kind.get(kind):
                return self.chat_remedy(r, dates).replace("先行", "先")
        return ""

    def chat_remedy(self, r, dates):
        v = self.v
        text = clause(r.description)
        if r.kind == "partial_delivery":
            when = dates(r.date)
            head, _, tail = text.partition("，")
            if VERB_FIRST.match(text):
                return f"{v.we}{text}，{when}送到您那边。"
            if tail and DELIVERY_VERB.search(tail) and not DELIVERY_VERB.search(head):
                return f"{head}{when}{tail}。"
            if DELIVERY_VERB.search(text):
                return f"{when}{text}。"
            to = {"shipment": "先发给您", "project": "先交给您", "service": f"{v.we}先给您{self.work()[1]}"}
            return f"{text}，{when}{to[self.a.subkind]}。"
        if r.kind == "discount":
            return f"{text or '这次的费用'}给您减免{percent(r.percent)}，算是{v.we}的一点歉意。"
        if r.kind == "priority":
            return f"{v.we}会{text}。" if VERB_FIRST.match(text) else f"另外，{text}。"
        if done := nominal_work(text):
            return f"另外{v.we}免费为您{done}，算是一点心意。"
        if VERB_FIRST.match(text):
            return f"{v.we}{'' if GIFT.search(text) else '免费'}{text}，算是一点心意。"
        if GIFT.search(text):
            return f"另外{text}，算是一点心意。"
        if CLAUSE.search(text):
            return f"另外{text}，不收费。"
        return f"另外再送您{text}，算是{v.we}的一点心意。"

    def chat_followup(self, title):
        a, v, w = self.a, self.v, self.w
        dates = Dates(a.notice_date.year, years=False)
        if a.letter_type == "completion":
            if self.payment:
                return f"{title}已经全部{w.done}了，这次多谢您通融！"
            return f"{title}已经{w.done}了，这段时间让您久等了，谢谢您的耐心！"
        upcoming = [m for m in a.plan.milestones if m.date > a.notice_date]
        step = f"下一步是{dates(upcoming[0].date)}{self.step(upcoming[0].description)}，" if upcoming else ""
        new = dates(a.plan.new_deadline)
        if a.progress.status == "slipping":
            confirm = update_plan(a).first
            by = f"{dates(confirm)}前" if confirm else ""
            if self.payment:
                return f"跟您同步一下{title}的情况：实在抱歉，{new}前可能无法全部{w.done}，{v.we}{by}确认后马上告诉您。"
            return f"跟您同步一下{title}的进度：实在抱歉，目前比计划慢了一些，{new}可能赶不上，{v.we}{by}确认后第一时间告诉您。"
        if a.progress.status == "done":
            when = f"款项已经备好，{new}前一定{w.done}" if self.payment else f"已经全部做完了，最晚{new}{w.verb}"
            return f"跟您同步一下{title}的进度：{when}。有问题随时跟{v.we}说。"
        when = f"{new}前可以全部{w.done}" if self.payment else f"{new}可以按时{w.verb}"
        return f"跟您同步一下{title}的进度：目前一切顺利，{step}{when}。有问题随时跟{v.we}说。"

    # Around the body.

    def title(self):
        """The centred title of the 函."""
        a, w = self.a, self.w
        thing = self.thing(quoted=not self.payment)
        if a.letter_type == "progress":
            number = f"（第{a.progress.sequence}次）" if a.progress.sequence else ""
            if a.subkind == "loan" and self.bank:
                return f"关于本期还款进展的告知函{number}"
            return (
                f"关于{thing}{w.verb}进展的告知函{number}" if self.payment else f"关于{thing}进展情况的告知函{number}"
            )
        if a.letter_type == "completion":
            return f"关于{thing}已{w.done}的致谢函" if self.payment else f"关于{thing}{w.done}的致谢函"
        if self.payment:
            if a.subkind == "loan":
                return "关于调整本期还款计划的申请函" if self.bank else f"关于{thing}延期偿还的申请函"
            return f"关于{thing}延期支付的申请函"
        if a.cause.responsibility == "outside" and not a.is_late:
            adjust = {"project": "交付日期调整", "shipment": "交期调整", "service": "时间调整"}[a.subkind]
            return f"关于{thing}{adjust}的告知函"
        delay = {"project": "延期交付", "shipment": "延期交货", "service": "延期"}[a.subkind]
        return f"关于{thing}{delay}的致歉函"

    def subject(self):
        a, w = self.a, self.w
        if self.channel == "letter":
            return self.title()
        title = a.commitment.title
        dates = Dates(a.notice_date.year, first_full=False)
        if f"{a.plan.new_deadline.year}年" in title:
            dates = Dates(a.notice_date.year, years=False)
        new = dates(a.plan.new_deadline)
        prefix = f"【{a.sender.organization}】" if a.sender.kind == "organization" and a.sender.organization else "关于"
        if a.letter_type == "progress":
            number = f"（第{a.progress.sequence}次通报）" if a.progress.sequence else ""
            return f"{prefix}{title}进展情况{number}"
        if a.letter_type == "completion":
            return f"{prefix}{title}已{w.done}"
        if self.payment:
            if a.subkind == "loan" and self.bank:
                ref = f"借款合同{self.ref_code()[1]}" if a.commitment.reference else ""
                return f"{prefix}调整{ref}本期还款计划的申请"
            return f"{prefix}{title}延期至{new}{w.verb}的申请"
        if a.subkind == "service":
            return f"{prefix}{title}调整至{new}的说明"
        return f"{prefix}{title}延期至{new}{w.verb}的说明"

    def salutation(self):
        """(salutation, greeting line): a 函 to a company or bank is addressed to it, without 您好."""
        r = self.a.recipient
        name = greeting_name(r)
        if self.channel == "letter":
            if r.kind in ("company", "bank") and r.organization:
                return f"{r.organization}：", ""
            if name and KIN.search(name):
                return f"{name}：", "您好！"
            return (f"尊敬的{name}：", "您好！") if name else ("您好！", "")
        if name:
            return f"{name}，您好！", ""
        if r.organization:
            return f"{r.organization}：", "您好！"
        return "您好！", ""

    def closing(self):
        a = self.a
        if self.channel == "chat":
            return ()
        if self.channel == "letter":
            if self.tone == "concise" and not self.payment and a.letter_type == "delay":
                return ("特此函告。",)
            return ("此致", "敬礼！")
        if a.sender.kind == "organization" and a.recipient.kind in ("company", "bank"):
            return ("顺祝商祺！",)
        if self.tone != "warm" and (self.bank or self.payment):
            return ("此致", "敬礼！")
        if a.recipient.organization or a.recipient.title or a.recipient.kind != "person":
            return ("祝工作顺利！",)
        return ("祝好！",)

    def signature(self):
        s = self.a.sender
        if self.channel == "chat":
            return ()
        if self.channel == "email":
            return (" | ".join(x for x in (s.name, s.title, s.organization, s.phone, s.email) if x),)
        lines = []
        if s.kind == "organization" and s.organization:
            lines.append(f"{s.organization}（盖章）")
            person = "\u3000".join(x for x in (s.title, s.name) if x)
        else:
            if s.organization:
                lines.append(s.organization)
            role = {"loan": "借款人", "rent": "承租人"}.get(self.a.subkind)
            person = f"{role}：{s.name}" if role and s.name else "\u3000".join(x for x in (s.title, s.name) if x)
        if person:
            lines.append(person)
        if s.phone:
            lines.append(f"联系电话：{s.phone}")
        if s.email:
            lines.append(f"电子邮箱：{s.email}")
        return tuple(lines)

    def chat_roles(self, chat):
        if self.a.letter_type != "delay":
            roles = {"opening", "new_date", "invite"}
        else:
            roles = {"opening", "new_date", "apology", "cause", "invite"}
            need = self.chat_need()
            roles |= {"impact"} if need and need in chat else set()
        return frozenset(roles | ({"remedies"} if self.a.remedies else set()))

    def letter(self):
        a = self.a
        salutation, greeting = self.salutation()
        blocks = self.blocks()
        chat = self.chat()
        common = {
            "language": "zh-hans",
            "variant": "",
            "channel": self.channel,
            "kind": a.kind,
            "subject": self.subject(),
            "salutation": salutation,
            "greeting": greeting,
            "blocks": blocks,
            "closing": self.closing(),
            "signature": self.signature(),
            "chat": chat,
            "sender": a.sender,
            "recipient": a.recipient,
            "date_position": "none",
        }
        if self.channel == "chat":
            body = {"blocks": (Block(chat, (), self.chat_roles(chat)),), "salutation": "", "greeting": ""}
            return Letter(**common | body)
        if self.channel == "letter":
            extra = {"title": self.title(), "date_line": long_date(a.notice_date), "date_position": "bottom"}
            return Letter(**common | extra)
        return Letter(**common)


def write(answers):
    """The notice for `answers` (already in Simplified Chinese) as a `Letter`."""
    return Writer(answers).letter()
