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
HONORIFICS = ("mr", "ms", "none")
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

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MULTILINE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
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


@dataclass(frozen=True)
class Commitment:
    title: str
    original_deadline: dt.date
    reference: str = ""
    needed_for: str = ""
    amount: Money | None = None


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
    weekday: int | None = None
    days: int | None = None


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

    def __str__(self):
        return f"{self.path}: {self.message}"


class CaseError(ValueError):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class _Reader:
    """Reads one JSON object, collecting problems instead of stopping at the first."""

    def __init__(self, problems, data, path):
        self.problems = problems
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
        if not isinstance(value, str):
            self.fail(self.at(key), _("must be text."))
            return ""
        pattern = MULTILINE_CONTROL if multiline else CONTROL
        value = unicodedata.normalize("NFC", value)
        if pattern.search(value):
            if multiline:
                self.fail(self.at(key), _("contains control characters."))
            else:
                self.fail(self.at(key), _("must be a single line without control characters."))
            return ""
        value = value.strip()
        if required and not value:
            self.fail(self.at(key), _("must not be empty."))
        if len(value) > max_length:
            self.fail(
                self.at(key),
                _("is too long: %(length)d characters, at most %(max)d.") % {"length": len(value), "max": max_length},
            )
            return ""
        return value.replace("\r\n", "\n").replace("\r", "\n")

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
        return _Reader(self.problems, value, self.at(key))

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
        return [_Reader(self.problems, item, f"{self.at(key)}[{i}]") for i, item in enumerate(value)]


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


def _party(reader, with_country):
    if reader is None:
        return Party()
    party = Party(
        name=reader.text("name"),
        title=reader.text("title"),
        organization=reader.text("organization", TITLE),
        email=reader.text("email"),
        phone=reader.text("phone", 40),
        address=reader.text("address", 300, multiline=True),
        city=reader.text("city", 80),
        country=(reader.text("country", 2).upper() if with_country else ""),
        honorific=reader.choice("honorific", HONORIFICS, "none"),
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


def parse_case(data, *, today=None):
    """Parse a JSON case (already decoded) into `Answers`; raise `CaseError` listing every problem."""
    problems = []
    root = _Reader(problems, data, "")
    language = root.choice("language", LANGUAGES)
    kind = root.choice("kind", tuple(KINDS))
    subkind = root.choice("subkind", KINDS[kind]) if kind else root.raw("subkind")
    notice_date = root.date("notice_date") or today or dt.date.today()
    letter_type = root.choice("letter_type", LETTER_TYPES, "delay")
    # A progress update or a completion notice looks back: its dates may lie before the notice date.
    window_start = notice_date if letter_type == "delay" else dt.date.min

    sender_reader = root.child("sender", required=True)
    sender = _party(sender_reader, with_country=False)
    if sender_reader is not None and not (sender.name or sender.organization):
        problems.append(Problem("sender.name", _("give a name or an organisation.")))
    recipient = _party(root.child("recipient", required=True), with_country=True)

    commitment = None
    c = root.child("commitment", required=True)
    if c is not None:
        title = c.text("title", TITLE, required=True)
        reference = c.text("reference", 80)
        original = c.date("original_deadline", required=True)
        needed_for = c.text("needed_for", TITLE)
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
            commitment = Commitment(title, original, reference, needed_for, amount)

    cause = None
    r = root.child("cause", required=True)
    if r is not None:
        category = r.choice("category", CATEGORIES)
        responsibility = r.choice("responsibility", RESPONSIBILITIES)
        explanation = r.text("explanation", EXPLANATION, multiline=True)
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
            description = m.text("description", TITLE, required=True)
            m.finish()
            if date and new_deadline and not window_start <= date <= new_deadline:
                m.fail(
                    m.at("date"),
                    _("must be between the notice date (%(start)s) and the new deadline (%(end)s).")
                    % {"start": notice_date, "end": new_deadline},
                )
            elif date and description:
                milestones.append(Milestone(date, description))
        measures = p.text("measures", LONG, multiline=True)
        updates = Updates()
        u = p.child("updates")
        if u is not None:
            cadence = u.choice("cadence", CADENCES, "none")
            weekday = u.integer("weekday", 0, 6, required=cadence == "weekly")
            days = u.integer("days", 1, 60, required=cadence == "every_n_days")
            u.finish()
            updates = Updates(
                cadence, weekday if cadence == "weekly" else None, days if cadence == "every_n_days" else None
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
        return Remedy(kind, percent=percent) if percent else None
    if kind in ("free_extra", "priority", "guarantee"):
        description = item.text("description", TITLE, required=True)
        return Remedy(kind, description=description) if description else None
    if kind == "partial_delivery":
        description = item.text("description", TITLE, required=True)
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
        if has_amount == has_percent:
            item.raw("amount")
            item.raw("percent")
            item.fail(item.path, _("give either an amount or a percent."))
            return None
        if has_amount:
            amount = item.decimal("amount", required=True, currency=currency)
            return Remedy(kind, amount=amount) if amount else None
        percent = item.percent("percent", required=True)
        return Remedy(kind, percent=percent) if percent else None
    return None
