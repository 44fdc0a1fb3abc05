"""compose(answers, language) -> Letter, following each language's own letter conventions."""

from django.utils import translation

from . import sentences as s
from .formats import join, money, percent, prose_date, vietnamese_date_line, weekday_name
from .letter import Block, Letter, OfficialHeader
from .schedule import update_dates

TERMINAL = '.!?。！？…)）"”'
CHAT_LIMIT = {"zh-hans": 300, "vi": 500, "en": 500}
LISTED_UPDATES = 6
# Chinese surnames of two characters (the common ones); the rest take one.
COMPOUND_SURNAMES = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "司徒",
    "夏侯",
    "长孙",
}
# Chinese job titles that stand after the surname in a salutation (王经理, 李总监).
ZH_TITLES = (
    "总经理",
    "副总经理",
    "经理",
    "总监",
    "主任",
    "主管",
    "董事长",
    "总裁",
    "老师",
    "律师",
    "会计师",
    "工程师",
    "院长",
    "处长",
    "科长",
)
# Fixed formulas of the Vietnamese công văn (Decree 30/2020).
VN_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


WRITERS = {"zh-hans": "zh", "vi": "vi", "en": "en"}


def compose(answers, language=None):
    """The notice for `answers` in their language; pure, no request or database.

    `answers` come from `parse_case(case, language=…)`, which takes every free-text answer in that language.
    """
    if language and language != answers.language:
        raise ValueError(f"answers are in {answers.language}; parse the case with language={language!r}")
    import importlib

    try:
        writer = importlib.import_module(f"composer.letters.{WRITERS[answers.language]}")
    except ModuleNotFoundError:
        writer = None
    if writer is not None and hasattr(writer, "write"):
        return writer.write(answers)
    with translation.override(answers.language):
        return _Composer(answers, answers.language).letter()


def sentence(text, language):
    text = text.strip()
    if text and text[-1] not in TERMINAL:
        text += "。" if language == "zh-hans" else "."
    return text


class _Composer:
    def __init__(self, answers, language):
        self.a = answers
        self.lang = language
        self.variant = answers.letter.en_variant if language == "en" else "US"
        self.channel = answers.channel
        self.zh = language == "zh-hans"

    # Formatting in the notice's locale.
    def date(self, d):
        return prose_date(d, self.lang, self.variant)

    def money(self, amount):
        return money(amount, self.a.currency, self.lang, self.variant)

    def para(self, *parts):
        return ("" if self.zh else " ").join(p for p in parts if p)

    @property
    def thing(self):
        c = self.a.commitment
        name = f"“{c.title}”" if self.zh else c.title
        return s.reference(name, c.reference) if c.reference else name

    def values(self):
        c, p = self.a.commitment, self.a.plan
        v = {"title": self.thing, "original": self.date(c.original_deadline), "date": self.date(p.new_deadline)}
        if c.amount:
            v["amount"] = self.money(c.amount.value)
        return v

    # The body.
    def blocks(self):
        a, kind, tone = self.a, self.a.kind, self.a.tone
        v = self.values()
        blocks = [
            Block(
                self.para(
                    s.opening(kind, a.is_late, tone, **v),
                    s.apology(a.is_late, tone),
                    s.impact(kind, a.commitment.needed_for),
                ),
                roles=frozenset({"opening", "apology", "impact"}),
            )
        ]
        cause = [s.cause(kind, a.cause.category)]
        if a.cause.explanation:
            cause.append(sentence(a.cause.explanation, self.lang))
        cause.append(s.responsibility(a.cause.responsibility))
        blocks.append(Block(self.para(*cause), roles=frozenset({"cause", "responsibility"})))

        plan = [s.new_date(kind, tone, **v)]
        roles = {"new_date"}
        items = ()
        if a.plan.milestones:
            plan.append(s.milestones_intro())
            items = tuple(s.dated_item(self.date(m.date), m.description) for m in a.plan.milestones)
            roles.add("milestones")
        blocks.append(Block(self.para(*plan), items, frozenset(roles)))

        follow = []
        if a.plan.measures:
            follow.append(s.measures(sentence(a.plan.measures, self.lang)))
        dates = update_dates(a)
        if dates:
            follow.append(self.updates_sentence(dates))
        if follow:
            blocks.append(
                Block(
                    self.para(*follow),
                    roles=frozenset({"measures"} if a.plan.measures else set()) | ({"updates"} if dates else set()),
                )
            )

        if a.remedies:
            blocks.append(
                Block(s.remedies_intro(kind, tone), tuple(self.remedy(r) for r in a.remedies), frozenset({"remedies"}))
            )
        closing = [s.invite(kind, tone)]
        if tone != "concise" or a.is_late:
            closing.append(s.thanks(kind, tone))
        blocks.append(Block(self.para(*closing), roles=frozenset({"invite"})))
        return tuple(blocks)

    def updates_sentence(self, dates):
        u = self.a.plan.updates
        listed = len(dates) <= LISTED_UPDATES
        return s.updates(
            self.a.kind,
            u.cadence,
            listed=listed,
            weekday=weekday_name(u.weekday, self.lang, self.variant) if u.weekday is not None else "",
            days=u.days or 1,
            dates=join((self.date(d) for d in dates), self.lang, self.variant) if listed else "",
            first=self.date(dates[0]),
            last=self.date(dates[-1]),
        )

    def remedy(self, r):
        if r.kind == "discount":
            return s.remedy(r.kind, percent=percent(r.percent, self.lang, self.variant), title=self.thing)
        if r.kind in ("free_extra", "priority", "guarantee"):
            return s.remedy(r.kind, description=r.description)
        if r.kind == "partial_delivery":
            return s.remedy(r.kind, description=r.description, date=self.date(r.date))
        if r.kind == "partial_payment":
            return s.remedy(r.kind, amount=self.money(r.amount), date=self.date(r.date))
        if r.kind == "instalments":
            parts = [s.instalment(self.money(i.amount), self.date(i.date)) for i in r.schedule]
            sep = "；" if self.zh else "; "
            return s.remedy(r.kind, count=len(parts), schedule=sep.join(parts))
        if r.amount is not None:
            return s.remedy(r.kind, amount=self.money(r.amount))
        return s.remedy(r.kind, percent=percent(r.percent, self.lang, self.variant))

    # How the recipient is named.
    def addressee(self, familiar=False):
        """The name in the salutation: 王经理 / chị Hà / Ms. Collins; "" when no name is known."""
        r = self.a.recipient
        if not r.name:
            return ""
        parts = r.name.split()
        if self.zh:
            if not _is_cjk(r.name):
                suffix = {"mr": "先生", "ms": "女士"}.get(r.honorific, "")
                return r.name + suffix
            surname = r.name[:2] if r.name[:2] in COMPOUND_SURNAMES else r.name[0]
            for title in ZH_TITLES:
                if r.title.endswith(title):
                    return surname + title
            return surname + {"mr": "先生", "ms": "女士"}.get(r.honorific, "") if r.honorific != "none" else r.name
        if self.lang == "vi":
            if r.honorific == "none":
                return r.name
            if familiar or self.a.tone != "formal":
                return {"mr": "anh", "ms": "chị"}[r.honorific] + " " + parts[-1]
            return {"mr": "Ông", "ms": "Bà"}[r.honorific] + " " + r.name
        if r.honorific == "none":
            return r.name
        return self.courtesy_title(r.honorific) + " " + parts[-1]

    def courtesy_title(self, honorific):
        """Mr. / Ms. in American English, Mr / Ms in British English."""
        return {"mr": "Mr", "ms": "Ms"}[honorific] + ("" if self.variant == "GB" else ".")

    def salutation(self):
        name = self.addressee()
        r = self.a.recipient
        if self.zh:
            if self.channel == "letter":
                return s.salutation(name or r.organization) if (name or r.organization) else s.salutation("")
            return f"{name or r.organization}，您好！" if (name or r.organization) else "您好！"
        if self.lang == "vi" and not name:
            return s.salutation(f"Quý Công ty {r.organization}" if r.organization else "Quý khách hàng")
        return s.salutation(name)

    # The parts around the body.
    def signature(self):
        sender = self.a.sender
        if self.channel == "letter":
            if self.zh:
                person = (
                    f"{sender.title}：{sender.name}" if sender.title and sender.name else sender.name or sender.title
                )
                return tuple(x for x in (sender.organization, person) if x)
            if self.lang == "vi":
                return tuple(x for x in (sender.title.upper(), sender.name) if x)
            return tuple(x for x in (sender.name, sender.title, sender.organization) if x)
        contact = [sender.name, sender.title, sender.organization]
        if self.zh:
            contact += [sender.phone, sender.email]
            return (" | ".join(x for x in contact if x),)
        if sender.phone:
            contact.append(s.phone(sender.phone))
        if sender.email:
            contact.append(s.email(sender.email))
        return tuple(x for x in contact if x)

    def followup_blocks(self):
        """The body of a progress update or a completion notice drafted from the same case."""
        a, kind = self.a, self.a.kind
        v = self.values() | {"today": self.date(a.notice_date)}
        if a.letter_type == "progress":
            done = [m for m in a.plan.milestones if m.date <= a.notice_date]
            upcoming = [m for m in a.plan.milestones if m.date > a.notice_date]
            blocks = [Block(s.progress_opening(kind, **v), roles=frozenset({"new_date"}))]
            if done:
                blocks.append(
                    Block(s.progress_done(), tuple(s.dated_item(self.date(m.date), m.description) for m in done))
                )
            if upcoming:
                blocks.append(
                    Block(s.progress_next(), tuple(s.dated_item(self.date(m.date), m.description) for m in upcoming))
                )
            blocks.append(Block(self.para(s.progress_invite(), s.progress_thanks()), roles=frozenset({"invite"})))
            return tuple(blocks)
        blocks = [Block(self.para(s.completion_opening(kind, **v), s.completion_thanks()))]
        if a.plan.measures:
            blocks.append(
                Block(s.completion_measures(sentence(a.plan.measures, self.lang)), roles=frozenset({"measures"}))
            )
        blocks.append(
            Block(self.para(s.completion_relationship(kind), s.completion_invite()), roles=frozenset({"invite"}))
        )
        return tuple(blocks)

    def letter(self):
        a, kind = self.a, self.a.kind
        v = self.values()
        followup = a.letter_type != "delay"
        subject = s.followup_subject(a.letter_type, kind, **v) if followup else s.subject(kind, **v)
        org = a.sender.organization
        if self.channel != "letter" and org and self.lang in ("zh-hans", "vi"):
            subject = (f"【{org}】" if self.zh else f"[{org}] ") + subject
        closing = tuple(s.closing(self.channel, a.tone, self.variant, bool(a.recipient.name)).split("\n"))
        common = {
            "language": self.lang,
            "variant": self.variant,
            "channel": self.channel,
            "kind": kind,
            "subject": subject,
            "salutation": self.salutation(),
            "blocks": self.followup_blocks() if followup else self.blocks(),
            "closing": closing,
            "signature": self.signature(),
            "chat": self.followup_chat() if followup else self.chat(v),
            "sender": a.sender,
            "recipient": a.recipient,
            "date_position": "none",
        }
        if self.channel != "letter":
            return Letter(**common)
        if self.zh:
            common.update(
                title=s.followup_title(a.letter_type, **v) if followup else s.title(kind, **v),
                date_line=self.date(a.notice_date),
                date_position="bottom",
                greeting="您好！",
            )
            return Letter(**common)
        if self.lang == "vi":
            return self.vietnamese_letter(common, v)
        return Letter(
            **common
            | {
                "letterhead": self.sender_block(),
                "date_line": self.date(a.notice_date),
                "date_position": "top",
                "inside_address": self.recipient_block(),
                "subject_label": s.subject_label(),
            }
        )

    def vietnamese_letter(self, common, v):
        a = self.a
        date_line = vietnamese_date_line(a.notice_date)
        if a.sender.city:
            date_line = f"{a.sender.city}, {date_line}"
        title = s.title(a.kind, **v) if a.letter_type == "delay" else s.followup_title(a.letter_type, **v)
        about = "V/v " + title[:1].lower() + title[1:]
        official = a.letter.vi_national_header
        if official is None:
            official = bool(a.recipient.organization) and a.recipient.country in ("", "VN")
        if not official:
            return Letter(
                **common
                | {"date_line": date_line, "date_position": "top", "title": about, "letterhead": self.sender_block()}
            )
        number = f"Số: {a.letter.number}" if a.letter.number else "Số: ......"
        header = OfficialHeader(a.sender.organization.upper(), number, about, VN_MOTTO, date_line)
        to = a.recipient.organization or self.addressee() or "Quý khách hàng"
        return Letter(
            **common
            | {
                "official": header,
                "date_position": "none",
                "salutation": "",
                "addressee_line": f"Kính gửi: {to}",
                "copies": ("Nơi nhận:", "- Như trên;", "- Lưu: VT."),
            }
        )

    def sender_block(self):
        x = self.a.sender
        lines = [x.organization or x.name, *x.address.splitlines()]
        contact = [s.phone(x.phone) if x.phone else "", s.email(x.email) if x.email else ""]
        lines.append(" · ".join(c for c in contact if c))
        return tuple(line for line in lines if line)

    def recipient_block(self):
        r = self.a.recipient
        name = r.name
        if r.name and r.honorific != "none":
            name = self.courtesy_title(r.honorific) + " " + r.name
        lines = [name, r.title, r.organization, *r.address.splitlines()]
        return tuple(line for line in lines if line)

    def followup_chat(self):
        greeting = s.chat_greeting(self.addressee(familiar=True) or (self.a.recipient.organization if self.zh else ""))
        body = self.followup_blocks()[0].text
        sign = self.a.sender.name or self.a.sender.organization
        return "\n".join(x for x in (greeting, body, sign) if x)

    # The chat version.
    def chat(self, v):
        a, kind = self.a, self.a.kind
        greeting = s.chat_greeting(self.addressee(familiar=True) or (a.recipient.organization if self.zh else ""))
        core = s.chat_core(kind, a.is_late, **v)
        cause = s.cause(kind, a.cause.category)
        offers = [self.remedy(r) for r in a.remedies]
        invite = s.chat_invite(bool(a.recipient.email))
        sign = a.sender.name or a.sender.organization
        limit = CHAT_LIMIT[self.lang]

        def build(cause, offers, invite):
            sep = "；" if self.zh else "; "
            offer = s.chat_offer(kind, sep.join(offers)) if offers else ""
            body = self.para(core, cause, offer, invite)
            return "\n".join(x for x in (greeting, body, sign) if x)

        text = build(cause, offers, invite)
        for attempt in ((cause, offers[:1], invite), ("", offers[:1], invite), ("", offers[:1], ""), ("", [], "")):
            if len(text) <= limit:
                break
            text = build(*attempt)
        return text


def _is_cjk(text):
    return any("\u3400" <= ch <= "\u9fff" for ch in text)
