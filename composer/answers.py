"""The typed answers a wizard (or a JSON case) fills, and their validation.

`parse_case(data)` turns the JSON case of DESIGN.md into `Answers` or raises
`CaseError` with every problem found, each naming the field's path.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from babel.numbers import get_currency_precision, list_currencies
from django.utils.translation import gettext as _

from .languages import NAMES as LANGUAGE_NAMES
from .languages import detect

LANGUAGES = ("zh-hans", "vi", "en")
KINDS = {"deliverable": ("project", "shipment", "service"), "payment": ("invoice", "rent", "loan")}
CATEGORIES = (
    "time_management",
    "resources",
    "technical",
    "third_party",
    "supplier",
    "recipient_dependency",
    "scope_change",
    "illness",
    "external_event",
    "other",
)
RESPONSIBILITIES = ("ours", "shared", "outside")
REMEDIES = {
    "deliverable": ("discount", "free_extra", "partial_delivery", "priority"),
    "payment": ("partial_payment", "instalments", "late_fee_accepted", "guarantee"),
}
CADENCES = ("weekly", "every_n_days", "none")
TONES = ("formal", "warm", "concise")
CHANNELS = ("letter", "email", "chat")
LETTER_TYPES = ("delay", "progress", "completion")
# What a progress update reports: the work is on track, slipping (the new date is at risk), or done.
PROGRESS_STATES = ("on_track", "slipping", "done")
HONORIFICS = ("mr", "ms", "none")
SENDER_KINDS = ("individual", "organization")
RECIPIENT_KINDS = ("person", "company", "bank")
KEEP = "keep"
EN_VARIANTS = ("US", "GB")

# Bounds, in characters.
SHORT = 120
TITLE = 200
LONG = 1000
EXPLANATION = 600
MAX_MILESTONES = 12
MAX_REMEDIES = 8
MAX_INSTALMENTS = 24
MAX_AMOUNT = Decimal("1000000000000")
MAX_DAYS_AHEAD = 366 * 3

# Controls, and the invisible characters that reorder or hide text (bidi overrides, zero-width space, BOM).
INVISIBLE = "\u200b\u202a-\u202e\u2066-\u2069\ufeff"
CONTROL = re.compile(rf"[\x00-\x1f\x7f-\x9f\u2028\u2029{INVISIBLE}]")
MULTILINE_CONTROL = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{INVISIBLE}]")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DIGITS = re.compile(r"^\d{1,15}(\.\d{1,4})?$")


@dataclass(frozen=True)
class Money:
    value: Decimal
    currency: str


@dataclass(frozen=True)
class Party:
    name: str = ""
    title: str = ""
    organization: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    city: str = ""
    country: str = ""
    honorific: str = "none"
    kind: str = ""  # sender: individual / organization; recipient: person / company / bank
    address_as: str = ""  # the greeting name the user gave for the letter's language


@dataclass(frozen=True)
class Commitment:
    title: str
    original_deadline: dt.date
    reference: str = ""
    needed_for: str = ""
    amount: Money | None = None
    needed_by: dt.date | None = None
    title_is_name: bool = False  # a product or brand name, kept as written


@dataclass(frozen=True)
class Cause:
    category: str
    responsibility: str
    explanation: str = ""


@dataclass(frozen=True)
class Milestone:
    date: dt.date
    description: str


@dataclass(frozen=True)
class Updates:
    cadence: str = "none"
    weekdays: tuple[int, ...] = ()
    days: int | None = None

    @property
    def weekday(self):
        return self.weekdays[0] if self.weekdays else None


@dataclass(frozen=True)
class Plan:
    new_deadline: dt.date
    milestones: tuple[Milestone, ...] = ()
    measures: str = ""
    updates: Updates = field(default_factory=Updates)


@dataclass(frozen=True)
class Instalment:
    date: dt.date
    amount: Decimal


@dataclass(frozen=True)
class Remedy:
    kind: str
    percent: Decimal | None = None
    description: str = ""
    date: dt.date | None = None
    amount: Decimal | None = None
    schedule: tuple[Instalment, ...] = ()


@dataclass(frozen=True)
class Progress:
    """What a progress update reports, as the user said it before it was drafted."""

    status: str = "on_track"
    done: str = ""  # what was done since the last update, in the notice's language
    sequence: int | None = None  # the update's number: the first, the second …


@dataclass(frozen=True)
class LetterOptions:
    vi_national_header: bool | None = None
    en_variant: str = "US"
    number: str = ""


@dataclass(frozen=True)
class Answers:
    language: str
    kind: str
    subkind: str
    sender: Party
    recipient: Party
    commitment: Commitment
    cause: Cause
    plan: Plan
    remedies: tuple[Remedy, ...] = ()
    tone: str = "formal"
    channel: str = "letter"
    letter: LetterOptions = field(default_factory=LetterOptions)
    notice_date: dt.date = field(default_factory=dt.date.today)
    letter_type: str = "delay"
    progress: Progress = field(default_factory=Progress)
    # Every free-text answer as the case gives it, {path: {language: text}}, for the coach.
    texts: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def currency(self):
        return self.commitment.amount.currency if self.commitment.amount else None

    @property
    def is_late(self):
        return self.notice_date > self.commitment.original_deadline

    @property
    def slip_days(self):
        return (self.plan.new_deadline - self.commitment.original_deadline).days


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    code: str = ""  # "missing_text": the field has no text in the notice's language

    def __str__(self):
        return f"{self.path}: {self.message}"


class CaseError(ValueError):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


MISSING_TEXT = "missing_text"


class _Context:
    """What every reader of one case shares: the problems found, the case's language and the notice's."""

    def __init__(self, target=None):
        self.problems = []
        self.case_language = None
        self.target = target
        self.texts = {}  # path -> {language: text}, every text the case gives
        self.kept = set()  # paths of texts the user marked as names to keep

    @property
    def language(self):
        return self.target or self.case_language


class _Reader:
    """Reads one JSON object, collecting problems instead of stopping at the first."""

    def __init__(self, ctx, data, path):
        self.ctx = ctx
        self.problems = ctx.problems
        self.path = path
        self.data = data if isinstance(data, dict) else {}
        self.seen = set()
        if not isinstance(data, dict):
            self.fail(path, _("must be an object."))

    def fail(self, path, message):
        self.problems.append(Problem(path or "(case)", message))

    def at(self, key):
        return f"{self.path}.{key}" if self.path else key

    def raw(self, key, required=False):
        self.seen.add(key)
        if key not in self.data or self.data[key] is None:
            if required:
                self.fail(self.at(key), _("is required."))
            return None
        return self.data[key]

    def finish(self):
        for key in sorted(set(self.data) - self.seen):
            self.fail(self.at(key), _("is not a known field."))

    def text(self, key, max_length=SHORT, required=False, multiline=False):
        value = self.raw(key, required)
        if value is None:
            return ""
        return self.clean(value, self.at(key), max_length, required, multiline)

    def clean(self, value, path, max_length=SHORT, required=False, multiline=False):
        if not isinstance(value, str):
            self.fail(path, _("must be text."))
            return ""
        pattern = MULTILINE_CONTROL if multiline else CONTROL
        value = unicodedata.normalize("NFC", value)
        if pattern.search(value):
            if multiline:
                self.fail(path, _("contains control characters."))
            else:
                self.fail(path, _("must be a single line without control characters."))
            return ""
        value = value.strip()
        if required and not value:
            self.fail(path, _("must not be empty."))
        if len(value) > max_length:
            self.fail(
                path,
                _("is too long: %(length)d characters, at most %(max)d.") % {"length": len(value), "max": max_length},
            )
            return ""
        return value.replace("\r\n", "\n").replace("\r", "\n")

    def _versions(self, key, max_length, required, multiline):
        """The texts a field gives, keyed by language, and whether it is a name to keep (None: not given)."""
        value = self.raw(key, required)
        path = self.at(key)
        if value is None:
            return None, False
        if isinstance(value, str):
            text = self.clean(value, path, max_length, required, multiline)
            if not text:
                return {}, False
            return {detect(text, self.ctx.case_language): text}, False
        if not isinstance(value, dict) or not value:
            self.fail(path, _("must be text, or an object of texts keyed by language code (en, zh-hans, vi)."))
            return {}, False
        versions = {}
        for language, text in value.items():
            if language not in (*LANGUAGES, KEEP):
                self.fail(f"{path}.{language}", _("is not a language code: use en, zh-hans or vi."))
                continue
            text = self.clean(text, f"{path}.{language}", max_length, False, multiline)
            if not text:
                continue
            found = detect(text, language) if language != KEEP else None
            if found and found != language:
                self.fail(
                    f"{path}.{language}",
                    _("is written in %(found)s, not in %(language)s.")
                    % {"found": LANGUAGE_NAMES[found], "language": LANGUAGE_NAMES[language]},
                )
                continue
            versions[language] = text
        if required and not versions:
            self.fail(path, _("must not be empty."))
        return versions, KEEP in versions

    def words(self, key, max_length=SHORT, required=False, multiline=False):
        """The user's words for a field, in the notice's language; a field without them is a problem."""
        versions, keep = self._versions(key, max_length, required, multiline)
        if not versions:
            return ""
        path = self.at(key)
        self.ctx.texts[path] = versions
        target = self.ctx.language
        if target in versions:
            return versions[target]
        if keep:
            self.ctx.kept.add(path)
            return versions[KEEP]
        if None in versions:  # no words at all (a number, a code): fits any language
            return versions[None]
        if target:
            self.problems.append(
                Problem(
                    path,
                    _("has no text in %(language)s.") % {"language": LANGUAGE_NAMES[target]},
                    MISSING_TEXT,
                )
            )
        return ""

    def name(self, key, max_length=SHORT):
        """A name of a person or an organisation: kept as written, or given per language."""
        value = self.raw(key)
        if value is None:
            return ""
        if isinstance(value, dict):
            names = {}
            for language, text in value.items():
                if language not in LANGUAGES:
                    self.fail(f"{self.at(key)}.{language}", _("is not a language code: use en, zh-hans or vi."))
                    continue
                names[language] = self.clean(text, f"{self.at(key)}.{language}", max_length)
            names = {k: v for k, v in names.items() if v}
            for language in (self.ctx.language, self.ctx.case_language, *LANGUAGES):
                if names.get(language):
                    return names[language]
            return ""
        return self.clean(value, self.at(key), max_length)

    def per_language(self, key, max_length=SHORT):
        """A value the user gives per language (a greeting name): the notice's, or ""."""
        value = self.raw(key)
        if value is None:
            return ""
        if isinstance(value, str):
            value = {self.ctx.case_language or "": value}
        if not isinstance(value, dict):
            self.fail(self.at(key), _("must be an object keyed by language code (en, zh-hans, vi)."))
            return ""
        result = ""
        for language, text in value.items():
            if language not in LANGUAGES:
                self.fail(f"{self.at(key)}.{language}", _("is not a language code: use en, zh-hans or vi."))
                continue
            text = self.clean(text, f"{self.at(key)}.{language}", max_length)
            if language == self.ctx.language:
                result = text
        return result

    def choice(self, key, choices, default=None):
        value = self.raw(key, required=default is None)
        if value is None:
            return default
        if value not in choices:
            self.fail(
                self.at(key),
                _("must be one of %(choices)s, not %(value)s.")
                % {"choices": ", ".join(choices), "value": _repr(value)},
            )
            return default
        return value

    def date(self, key, required=False):
        value = self.raw(key, required)
        if value is None:
            return None
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.fail(self.at(key), _("must be a date written YYYY-MM-DD, not %(value)s.") % {"value": _repr(value)})
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(self.at(key), _("%(value)s is not a date that exists.") % {"value": value})
            return None

    def decimal(self, key, required=False, currency=None):
        value = self.raw(key, required)
        if value is None:
            return None
        return parse_amount(value, self.at(key), self.problems, currency)

    def percent(self, key, required=False):
        value = self.raw(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail(self.at(key), _("must be a number."))
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.fail(self.at(key), _("must be a number."))
            return None
        if not number.is_finite() or number <= 0 or number > 100:
            self.fail(self.at(key), _("must be more than 0 and at most 100."))
            return None
        return number.normalize() if number == number.to_integral() else number

    def integer(self, key, low, high, required=False):
        value = self.raw(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(self.at(key), _("must be a whole number from %(low)d to %(high)d.") % {"low": low, "high": high})
            return None
        return value

    def weekdays(self, key, required=False):
        """One weekday (0 = Monday) or a list of them, as a sorted tuple."""
        value = self.raw(key, required)
        if value is None:
            return ()
        values = value if isinstance(value, list) else [value]
        if not values or any(isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 6 for v in values):
            self.fail(self.at(key), _("must be a weekday from 0 (Monday) to 6 (Sunday), or a list of them."))
            return ()
        return tuple(sorted(set(values)))

    def boolean(self, key):
        value = self.raw(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.fail(self.at(key), _("must be true or false."))
            return None
        return value

    def child(self, key, required=False):
        value = self.raw(key, required)
        if value is None:
            return None
        return _Reader(self.ctx, value, self.at(key))

    def items(self, key, max_items):
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(self.at(key), _("must be a list."))
            return []
        if len(value) > max_items:
            self.fail(self.at(key), _("has too many entries: at most %(max)d.") % {"max": max_items})
            return []
        return [_Reader(self.ctx, item, f"{self.at(key)}[{i}]") for i, item in enumerate(value)]


def _repr(value):
    text = value if isinstance(value, str) else repr(value)
    text = CONTROL.sub("?", text)
    return f"“{text[:40]}”"


def parse_amount(value, path, problems, currency=None):
    """A positive decimal amount written as a string of digits (an optional decimal part)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        problems.append(Problem(path, _('must be an amount written as digits, e.g. "25000000".')))
        return None
    text = str(value).strip()
    if not DIGITS.match(text):
        problems.append(Problem(path, _('must be an amount written as digits, e.g. "25000000".')))
        return None
    amount = Decimal(text)
    if amount <= 0:
        problems.append(Problem(path, _("must be more than zero.")))
        return None
    if amount > MAX_AMOUNT:
        problems.append(Problem(path, _("is too large.")))
        return None
    if currency and "." in text:
        digits = get_currency_precision(currency)
        if len(text.split(".")[1].rstrip("0")) > digits:
            problems.append(
                Problem(
                    path, _("%(currency)s has %(digits)d decimal places.") % {"currency": currency, "digits": digits}
                )
            )
            return None
    return amount


def _party(reader, kinds, default_kind):
    if reader is None:
        return Party(kind=default_kind(False))
    recipient = kinds == RECIPIENT_KINDS
    organization = reader.name("organization", TITLE)
    party = Party(
        name=reader.name("name"),
        title=reader.words("title"),
        organization=organization,
        email=reader.text("email"),
        phone=reader.text("phone", 40),
        address=reader.text("address", 300, multiline=True),
        city=reader.text("city", 80),
        country=(reader.text("country", 2).upper() if recipient else ""),
        honorific=reader.choice("honorific", HONORIFICS, "none"),
        kind=reader.choice("kind", kinds, default_kind(bool(organization))),
        address_as=reader.per_language("address_as", 60) if recipient else "",
    )
    if party.email and not EMAIL.match(party.email):
        reader.fail(reader.at("email"), _("is not an email address."))
    if party.country and party.country not in _countries():
        reader.fail(reader.at("country"), _("must be a two-letter country code such as CN, VN, US or GB."))
    reader.finish()
    return party


def _countries():
    import holidays

    return set(holidays.list_supported_countries())


def parse_case(data, *, language=None, today=None):
    """Parse a JSON case (already decoded) into `Answers` for a notice in `language`.

    The case's own `language` is the one its plain-text answers are written in; `language` (by default the
    same) is the notice's, and every free-text answer is taken in it. Raises `CaseError` listing every problem,
    a field without text in the notice's language among them.
    """
    ctx = _Context(language)
    problems = ctx.problems
    root = _Reader(ctx, data, "")
    case_language = root.choice("language", LANGUAGES)
    ctx.case_language = case_language
    language = language or case_language
    kind = root.choice("kind", tuple(KINDS))
    subkind = root.choice("subkind", KINDS[kind]) if kind else root.raw("subkind")
    notice_date = root.date("notice_date") or today or dt.date.today()
    letter_type = root.choice("letter_type", LETTER_TYPES, "delay")
    # A progress update or a completion notice looks back: its dates may lie before the notice date.
    window_start = notice_date if letter_type == "delay" else dt.date.min

    sender_reader = root.child("sender", required=True)
    sender = _party(sender_reader, SENDER_KINDS, lambda org: "organization" if org else "individual")
    if sender_reader is not None and not (sender.name or sender.organization):
        problems.append(Problem("sender.name", _("give a name or an organisation.")))
    recipient = _party(
        root.child("recipient", required=True), RECIPIENT_KINDS, lambda org: "company" if org else "person"
    )

    commitment = None
    c = root.child("commitment", required=True)
    if c is not None:
        title = c.words("title", TITLE, required=True)
        reference = c.text("reference", 80)
        original = c.date("original_deadline", required=True)
        needed_for = c.words("needed_for", TITLE)
        needed_by = c.date("needed_by")
        if needed_by and abs((needed_by - notice_date).days) > MAX_DAYS_AHEAD:
            c.fail(c.at("needed_by"), _("is more than three years from the notice date."))
            needed_by = None
        amount = None
        a = c.child("amount", required=kind == "payment")
        if a is not None:
            currency = a.raw("currency", required=True)
            if currency is not None and (not isinstance(currency, str) or currency not in list_currencies()):
                a.fail(a.at("currency"), _("%(value)s is not a known currency code.") % {"value": _repr(currency)})
                currency = None
            value = a.decimal("value", required=True, currency=currency)
            a.finish()
            if currency and value:
                amount = Money(value, currency)
        c.finish()
        if original:
            commitment = Commitment(
                title, original, reference, needed_for, amount, needed_by, "commitment.title" in ctx.kept
            )

    cause = None
    r = root.child("cause", required=True)
    if r is not None:
        category = r.choice("category", CATEGORIES)
        responsibility = r.choice("responsibility", RESPONSIBILITIES)
        explanation = r.words("explanation", EXPLANATION, multiline=True)
        r.finish()
        if category and responsibility:
            cause = Cause(category, responsibility, explanation)

    plan = None
    p = root.child("plan", required=True)
    if p is not None:
        new_deadline = p.date("new_deadline", required=True)
        if new_deadline and commitment and new_deadline <= commitment.original_deadline:
            p.fail(
                p.at("new_deadline"),
                _("must be after the original deadline (%(date)s).") % {"date": commitment.original_deadline},
            )
        if new_deadline and new_deadline < window_start:
            p.fail(p.at("new_deadline"), _("must not be before the notice date (%(date)s).") % {"date": notice_date})
        if new_deadline and (new_deadline - notice_date).days > MAX_DAYS_AHEAD:
            p.fail(p.at("new_deadline"), _("is more than three years after the notice date."))
        milestones = []
        for m in p.items("milestones", MAX_MILESTONES):
            date = m.date("date", required=True)
            description = m.words("description", TITLE, required=True)
            m.finish()
            if date and new_deadline and not window_start <= date <= new_deadline:
                m.fail(
                    m.at("date"),
                    _("must be between the notice date (%(start)s) and the new deadline (%(end)s).")
                    % {"start": notice_date, "end": new_deadline},
                )
            elif date and description:
                milestones.append(Milestone(date, description))
        measures = p.words("measures", LONG, multiline=True)
        updates = Updates()
        u = p.child("updates")
        if u is not None:
            cadence = u.choice("cadence", CADENCES, "none")
            weekdays = u.weekdays("weekday", required=cadence == "weekly")
            days = u.integer("days", 1, 60, required=cadence == "every_n_days")
            u.finish()
            updates = Updates(
                cadence, weekdays if cadence == "weekly" else (), days if cadence == "every_n_days" else None
            )
        p.finish()
        if new_deadline:
            plan = Plan(new_deadline, tuple(sorted(milestones, key=lambda m: m.date)), measures, updates)

    remedies = []
    allowed = REMEDIES.get(kind, ())
    currency = commitment.amount.currency if commitment and commitment.amount else None
    for item in root.items("remedies", MAX_REMEDIES):
        remedy_kind = item.choice("kind", allowed or tuple(k for ks in REMEDIES.values() for k in ks))
        remedy = _remedy(item, remedy_kind, currency, window_start, plan, commitment)
        item.finish()
        if remedy:
            remedies.append(remedy)

    progress = Progress()
    pr = root.child("progress")
    if pr is not None:
        progress = Progress(
            pr.choice("status", PROGRESS_STATES, "on_track"),
            pr.words("done", EXPLANATION, multiline=True),
            pr.integer("sequence", 1, 99),
        )
        pr.finish()

    tone = root.choice("tone", TONES, "formal")
    channel = root.choice("channel", CHANNELS, "letter")
    options = LetterOptions()
    lo = root.child("letter")
    if lo is not None:
        options = LetterOptions(
            vi_national_header=lo.boolean("vi_national_header"),
            en_variant=lo.choice("en_variant", EN_VARIANTS, "US"),
            number=lo.text("number", 40),
        )
        lo.finish()
    root.finish()
    if problems:
        raise CaseError(problems)
    return Answers(
        language=language,
        kind=kind,
        subkind=subkind,
        sender=sender,
        recipient=recipient,
        commitment=commitment,
        cause=cause,
        plan=plan,
        remedies=tuple(remedies),
        tone=tone,
        channel=channel,
        letter=options,
        notice_date=notice_date,
        letter_type=letter_type,
        progress=progress,
        texts=ctx.texts,
    )


def _remedy(item, kind, currency, notice_date, plan, commitment):
    if kind is None:
        item.seen.update(item.data)
        return None

    def in_window(path, date):
        if date and plan and not notice_date <= date <= plan.new_deadline:
            item.fail(
                path,
                _("must be between the notice date (%(start)s) and the new deadline (%(end)s).")
                % {"start": notice_date, "end": plan.new_deadline},
            )
            return False
        return True

    if kind == "discount":
        percent = item.percent("percent", required=True)
        description = item.words("description", TITLE)
        return Remedy(kind, percent=percent, description=description) if percent else None
    if kind in ("free_extra", "priority", "guarantee"):
        description = item.words("description", TITLE, required=True)
        return Remedy(kind, description=description) if description else None
    if kind == "partial_delivery":
        description = item.words("description", TITLE, required=True)
        date = item.date("date", required=True)
        if description and date and in_window(item.at("date"), date):
            return Remedy(kind, description=description, date=date)
        return None
    if kind == "partial_payment":
        amount = item.decimal("amount", required=True, currency=currency)
        date = item.date("date", required=True)
        if amount and commitment and commitment.amount and amount >= commitment.amount.value:
            item.fail(item.at("amount"), _("must be less than the amount due."))
            return None
        if amount and date and in_window(item.at("date"), date):
            return Remedy(kind, amount=amount, date=date)
        return None
    if kind == "instalments":
        schedule = []
        rows = item.items("schedule", MAX_INSTALMENTS)
        if not rows:
            item.fail(item.at("schedule"), _("needs at least one instalment."))
        for row in rows:
            date = row.date("date", required=True)
            amount = row.decimal("amount", required=True, currency=currency)
            row.finish()
            if date and amount and in_window(row.at("date"), date):
                schedule.append(Instalment(date, amount))
        dates = [s.date for s in schedule]
        if len(set(dates)) != len(dates):
            item.fail(item.at("schedule"), _("has two instalments on the same date."))
            return None
        total = sum((s.amount for s in schedule), Decimal(0))
        if schedule and commitment and commitment.amount and total > commitment.amount.value:
            item.fail(item.at("schedule"), _("adds up to more than the amount due."))
            return None
        return (
            Remedy(kind, schedule=tuple(sorted(schedule, key=lambda s: s.date))) if len(schedule) == len(rows) else None
        )
    if kind == "late_fee_accepted":
        has_amount = "amount" in item.data
        has_percent = "percent" in item.data
        if has_amount and has_percent:
            item.raw("amount")
            item.raw("percent")
            item.fail(item.path, _("give an amount or a percent, not both."))
            return None
        if not (has_amount or has_percent):
            return Remedy(kind)
        if has_amount:
            amount = item.decimal("amount", required=True, currency=currency)
            return Remedy(kind, amount=amount) if amount else None
        percent = item.percent("percent", required=True)
        return Remedy(kind, percent=percent) if percent else None
    return None
