"""One form per wizard step. Each returns its part of the JSON case from `to_answers()`."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import cached_property

from babel.core import Locale, get_global
from babel.numbers import get_currency_name, get_territory_currencies
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext_lazy, to_locale
from django.utils.translation import gettext_lazy as _

from composer import answers as A
from composer.collation import sort_key
from composer.forms import error_summary
from composer.models import LANGUAGE_CHOICES, Client
from composer.wizard.texts import localized

single_line = RegexValidator(A.CONTROL, _("Use a single line without control characters."), inverse_match=True)
multi_line = RegexValidator(A.MULTILINE_CONTROL, _("Remove the control characters."), inverse_match=True)

# Words people write after an amount, as powers of ten: "8,5 triệu", "1,2 tỷ", "8.5 万".
UNITS = {
    "nghìn": 3,
    "ngàn": 3,
    "k": 3,
    "triệu": 6,
    "tr": 6,
    "million": 6,
    "tỷ": 9,
    "tỉ": 9,
    "billion": 9,
    "千": 3,
    "万": 4,
    "萬": 4,
    "亿": 8,
    "億": 8,
}
# Currency words and signs around an amount, which the currency field already says.
CURRENCY_WORDS = re.compile(r"(?i)(đồng|đ|vnđ|vnd|₫|元|人民币|rmb|cny|¥|\$|usd|€|eur|£|gbp)")
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
AMOUNT = re.compile(r"^(?P<number>\d[\d., \u00a0\u202f\u2009]*)(?P<unit>\D*)$")


def _grouped(text, separator):
    """Whether `text` is digits grouped by three with `separator` (1.234.567)."""
    return re.fullmatch(rf"\d{{1,3}}(?:{re.escape(separator)}\d{{3}})+", text) is not None


def _language():
    return (get_language() or "en").lower()


def parse_local_amount(text, language=None):
    """The amount `text` says, as a Decimal, read as `language`'s users write amounts; ValueError with a message.

    Grouping by dots, commas or spaces (85.000.000, 85,000,000, 85 000 000), a decimal comma or point
    (1.234,5 or 1,234.5) and a unit word (8,5 triệu, 1,2 tỷ, 8.5 万) are understood. A lone separator
    before three digits (1.500) is a thousands separator where the language groups with it (vi: dot;
    en, zh: comma) and is refused as ambiguous where it would be the decimal mark.
    """
    language = (language or _language()).lower()
    decimal_comma = language.startswith("vi")
    raw = SPACES.sub(" ", CURRENCY_WORDS.sub(" ", text)).strip()
    match = AMOUNT.match(raw)
    if not match:
        raise ValueError(_("Write the amount in figures, e.g. 25.000.000, 25,000,000 or 8,5 triệu."))
    number, unit = match["number"].strip(), match["unit"].strip().lower()
    if unit and unit not in UNITS:
        raise ValueError(_("Write the amount in figures, e.g. 25.000.000, 25,000,000 or 8,5 triệu."))
    digits = _digits(number, decimal_comma)
    try:
        amount = Decimal(digits).scaleb(UNITS.get(unit, 0))
    except InvalidOperation:
        raise ValueError(_("Write the amount in figures, e.g. 25.000.000, 25,000,000 or 8,5 triệu.")) from None
    if amount != amount.to_integral() and -amount.normalize().as_tuple().exponent > 4:
        raise ValueError(_("Use at most four decimal places."))
    return Decimal(f"{amount.normalize():f}")


def _digits(number, decimal_comma):
    """Plain digits with a decimal point from a number written with separators."""
    ambiguous = _("“%(value)s” can be read two ways. Write it without a separator (e.g. 1500) or with two decimals.")
    invalid = _("The separators in “%(value)s” do not group the digits by three.")
    if " " in number:
        # Spaces group the digits; a dot or comma after them is the decimal mark.
        whole, mark, fraction = (
            re.split(r"([.,])", number, maxsplit=1) if re.search(r"[.,]", number) else (number, "", "")
        )
        if (
            not re.fullmatch(r"\d{1,3}(?: \d{3})+", whole)
            or not re.fullmatch(r"\d*", fraction)
            or (mark and not fraction)
        ):
            raise ValueError(invalid % {"value": number})
        return whole.replace(" ", "") + (f".{fraction}" if fraction else "")
    dots, commas = number.count("."), number.count(",")
    if dots and commas:
        point = "." if number.rfind(".") > number.rfind(",") else ","
        group = "," if point == "." else "."
        whole, _point, fraction = number.rpartition(point)
        if whole.count(point) or not _grouped(whole, group):
            raise ValueError(invalid % {"value": number})
        return f"{whole.replace(group, '')}.{fraction}"
    if not dots and not commas:
        return number
    mark = "." if dots else ","
    if number.count(mark) > 1:
        if not _grouped(number, mark):
            raise ValueError(invalid % {"value": number})
        return number.replace(mark, "")
    whole, _mark, fraction = number.partition(mark)
    if not whole or not fraction:
        raise ValueError(invalid % {"value": number})
    if len(fraction) == 3:
        grouping_mark = "." if decimal_comma else ","
        if mark == grouping_mark:
            return whole + fraction
        raise ValueError(ambiguous % {"value": number})
    return f"{whole}.{fraction}"


class AmountField(forms.CharField):
    """An amount as the user's language writes it; cleaned to a canonical string of digits ("85000000", "1234.5")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        try:
            amount = parse_local_amount(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None
        if amount <= 0:
            raise ValidationError(_("The amount must be more than zero."), code="invalid")
        text = f"{amount:f}"
        if not A.DIGITS.match(text):
            raise ValidationError(_("The amount is too large."), code="invalid")
        return text


COMMON_CURRENCIES = ["CNY", "VND", "USD", "EUR", "GBP", "JPY", "SGD", "HKD", "AUD", "CAD"]


def current_currencies(today=None):
    """ISO 4217 codes legal tender somewhere today (no ADP, AFA, XXX, XTS…)."""
    today = today or dt.date.today()
    codes = set()
    for territory in get_global("territory_currencies"):
        codes |= set(get_territory_currencies(territory, start_date=today, tender=True))
    return codes


def currency_choices(language=None, keep=""):
    """Current currencies by their name in the interface language, the common ones first."""
    locale = Locale.parse(to_locale(language or _language()))

    def label(code):
        return f"{get_currency_name(code, locale=locale)} ({code})"

    codes = current_currencies() | ({keep} if keep else set())
    language = language or _language()
    others = sorted(
        codes - set(COMMON_CURRENCIES), key=lambda c: (sort_key(get_currency_name(c, locale=locale), language), c)
    )
    return [
        ("", "—"),
        (_("Common"), [(c, label(c)) for c in COMMON_CURRENCIES]),
        (_("All currencies"), [(c, label(c)) for c in others]),
    ]


SUBKINDS = [
    (
        _("Something we deliver"),
        [("project", _("a project")), ("shipment", _("a shipment")), ("service", _("a service"))],
    ),
    (_("Something we pay"), [("invoice", _("an invoice")), ("rent", _("rent")), ("loan", _("a loan instalment"))]),
]
KIND_OF = {"project": "deliverable", "shipment": "deliverable", "service": "deliverable"} | dict.fromkeys(
    ("invoice", "rent", "loan"), "payment"
)
CATEGORIES = [
    ("time_management", _("Our own time management")),
    ("resources", _("Too few people or funds")),
    ("technical", _("A technical problem")),
    ("third_party", _("A third party we rely on")),
    ("supplier", _("A supplier delivered late")),
    ("recipient_dependency", _("Waiting on input from the recipient")),
    ("scope_change", _("The scope changed")),
    ("illness", _("Illness")),
    ("external_event", _("An unexpected external event")),
    ("other", _("Something else")),
]
RESPONSIBILITIES = [
    ("ours", _("Ours")),
    ("shared", _("Shared")),
    ("outside", _("Outside our control")),
]
REMEDY_CHOICES = {
    "deliverable": [
        ("discount", _("A discount")),
        ("free_extra", _("Free extra work or items")),
        ("partial_delivery", _("A partial delivery now")),
        ("priority", _("Extra staff or priority handling")),
    ],
    "payment": [
        ("partial_payment", _("A partial payment now")),
        ("instalments", _("An instalment plan")),
        ("late_fee_accepted", _("Accept a late fee")),
        ("guarantee", _("A guarantee")),
    ],
}
CADENCES = [("none", _("No scheduled updates")), ("weekly", _("Every week")), ("every_n_days", _("Every few days"))]
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
TONES = [("formal", _("Formal")), ("warm", _("Warm")), ("concise", _("Concise"))]
CHANNELS = [("email", _("Email")), ("letter", _("Printed letter (PDF)")), ("chat", _("Chat message"))]
HEADER_CHOICES = [("auto", _("Automatic")), ("yes", _("Yes")), ("no", _("No"))]
VARIANTS = [("US", _("American English")), ("GB", _("British English"))]
SENDER_KINDS = [
    ("", _("Automatic")),
    ("individual", _("Myself, in my own name")),
    ("organization", _("My organisation")),
]
RECIPIENT_KINDS = [("", _("Automatic")), ("person", _("A person")), ("company", _("A company")), ("bank", _("A bank"))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def text(label, max_length, required=False, help_text="", multiline=False, rows=3):
    widget = forms.Textarea(attrs={"rows": rows}) if multiline else forms.TextInput
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=widget,
        validators=[multi_line if multiline else single_line],
    )


def date_field(label, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        error_messages={"invalid": _("Enter a real date, e.g. 2027-01-10.")},
    )


def iso(value):
    return value.isoformat() if value else None


class StepForm(forms.Form):
    """A step of the wizard: built from the stored answers, returns the answers it owns."""

    def __init__(self, *args, notice, **kwargs):
        self.notice = notice
        super().__init__(*args, **kwargs)

    @cached_property
    def stored(self):
        """The stored answers, every text in the notice's language."""
        return localized(self.notice.answers, self.notice.language)

    @property
    def notice_date(self):
        value = self.stored.get("notice_date")
        return dt.date.fromisoformat(value) if value else dt.date.today()

    @property
    def summary(self):
        """Every problem of the step, its rows included, for the error summary at the top of the form."""
        if not self.is_bound:
            return []
        return error_summary(self, getattr(self, "milestones", None), getattr(self, "remedies", None))

    @property
    def warnings(self):
        """Answers that are allowed but worth a second look; not errors."""
        return []


class CommitmentForm(StepForm):
    client = forms.ModelChoiceField(label=_("Client"), queryset=Client.objects.none(), required=False)
    new_client = text(_("…or a new client"), 200, help_text=_("The organisation or person you write to."))
    subkind = forms.ChoiceField(label=_("What is late"), choices=SUBKINDS)
    title = text(
        _("What was promised"),
        A.TITLE,
        required=True,
        help_text=_("E.g. “Spring campaign website” or “Invoice #1234”."),
    )
    reference = text(_("Reference"), 80, help_text=_("Contract, order or invoice number."))
    amount = AmountField(
        label=_("Amount due"),
        required=False,
        help_text=_("As you write it, e.g. 25.000.000, 25,000,000 or 8,5 triệu."),
    )
    currency = forms.ChoiceField(label=_("Currency"), required=False)
    original_deadline = date_field(_("Original deadline"))
    needed_for = text(
        _("What they need it for"),
        A.TITLE,
        help_text=_("A launch, a meeting, a season… naming it shows you understand the impact."),
    )
    needed_by = date_field(
        _("When they need it"),
        required=False,
        help_text=_("The date of that launch or meeting: the notice says whether the new date still meets it."),
    )

    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, notice=notice, **kwargs)
        self.fields["client"].queryset = Client.objects.for_user(notice.owner)
        stored = (self.stored.get("commitment", {}).get("amount") or {}).get("currency", "")
        self.fields["currency"].choices = currency_choices(keep=stored if isinstance(stored, str) else "")
        if not self.is_bound:
            c = self.stored.get("commitment", {})
            amount = c.get("amount") or {}
            self.initial |= {
                "client": notice.client_id,
                "subkind": self.stored.get("subkind", "project"),
                "title": c.get("title", ""),
                "reference": c.get("reference", ""),
                "amount": amount.get("value", ""),
                "currency": amount.get("currency", ""),
                "original_deadline": c.get("original_deadline"),
                "needed_for": c.get("needed_for", ""),
                "needed_by": c.get("needed_by"),
            }

    def clean(self):
        data = super().clean()
        if not data.get("client") and not data.get("new_client"):
            self.add_error("client", _("Pick a client or type the name of a new one."))
        if KIND_OF.get(data.get("subkind")) == "payment":
            if not data.get("amount"):
                self.add_error("amount", _("A payment notice needs the amount due."))
            if not data.get("currency"):
                self.add_error("currency", _("Pick the currency."))
            if data.get("amount") and data.get("currency"):
                problems = []
                A.parse_amount(data["amount"], "amount", problems, data["currency"])
                for p in problems:
                    self.add_error("amount", p.message)
        return data

    def to_answers(self):
        d = self.cleaned_data
        commitment = {
            "title": d["title"],
            "reference": d["reference"],
            "original_deadline": iso(d["original_deadline"]),
            "needed_for": d["needed_for"],
        }
        if d.get("needed_by"):
            commitment["needed_by"] = iso(d["needed_by"])
        kind = KIND_OF[d["subkind"]]
        if kind == "payment":
            commitment["amount"] = {"value": d["amount"], "currency": d["currency"]}
        answers = {"kind": kind, "subkind": d["subkind"], "commitment": commitment}
        if self.stored.get("kind") not in (None, kind):
            answers["remedies"] = []
        return answers


class CauseForm(StepForm):
    category = forms.ChoiceField(label=_("What caused the delay"), choices=CATEGORIES, widget=forms.RadioSelect)
    responsibility = forms.ChoiceField(
        label=_("Who is responsible"), choices=RESPONSIBILITIES, widget=forms.RadioSelect
    )
    explanation = text(
        _("In a sentence or two"),
        A.EXPLANATION,
        multiline=True,
        help_text=_("Say what happened, plainly. No blame, no excuses: the coach will tell you if it runs long."),
    )

    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, notice=notice, **kwargs)
        if not self.is_bound:
            self.initial |= self.stored.get("cause", {})

    def to_answers(self):
        return {"cause": dict(self.cleaned_data)}


class MilestoneForm(forms.Form):
    date = date_field(pgettext_lazy("milestone", "Date"), required=False)
    description = text(pgettext_lazy("milestone", "Milestone"), A.TITLE)

    def clean(self):
        data = super().clean()
        if bool(data.get("date")) != bool(data.get("description")):
            raise ValidationError(_("Give both a date and a description, or leave both empty."))
        return data


class BaseRows(forms.BaseFormSet):
    """Rows that can be added and removed; empty rows are dropped."""

    def rows(self):
        return [f.cleaned_data for f in self.forms if f.cleaned_data and any(f.cleaned_data.values())]


MilestoneFormSet = forms.formset_factory(
    MilestoneForm, formset=BaseRows, extra=0, max_num=A.MAX_MILESTONES, absolute_max=A.MAX_MILESTONES, validate_max=True
)


class PlanForm(StepForm):
    new_deadline = date_field(_("New deadline"))
    measures = text(
        _("What you change so it does not happen again"),
        A.LONG,
        multiline=True,
        help_text=_("One or two concrete measures."),
    )
    cadence = forms.ChoiceField(label=_("Progress updates"), choices=CADENCES, initial="weekly")
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=WEEKDAYS, coerce=int, initial=4, required=False)
    weekday2 = forms.TypedChoiceField(
        label=_("And also on"), choices=[("", "—"), *WEEKDAYS], coerce=int, empty_value=None, required=False
    )
    days = forms.IntegerField(label=_("Days between updates"), min_value=1, max_value=60, required=False, initial=7)

    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, notice=notice, **kwargs)
        plan = self.stored.get("plan", {})
        if not self.is_bound:
            updates = plan.get("updates", {})
            weekdays = updates.get("weekday", 4)
            weekdays = weekdays if isinstance(weekdays, list) else [weekdays]
            self.initial |= {
                "new_deadline": plan.get("new_deadline"),
                "measures": plan.get("measures", ""),
                "cadence": updates.get("cadence", "weekly"),
                "weekday": weekdays[0] if weekdays else 4,
                "weekday2": weekdays[1] if len(weekdays) > 1 else None,
                "days": updates.get("days", 7),
            }
        milestones = plan.get("milestones", []) if not self.is_bound else None
        self.milestones = MilestoneFormSet(self.data if self.is_bound else None, prefix="m", initial=milestones)

    def is_valid(self):
        valid = super().is_valid()
        rows_valid = self.milestones.is_valid()
        return valid and rows_valid and self.check_milestones()

    def clean(self):
        data = super().clean()
        original = self.stored.get("commitment", {}).get("original_deadline")
        new = data.get("new_deadline")
        if new and original and new <= dt.date.fromisoformat(original):
            self.add_error(
                "new_deadline",
                _("The new deadline must be after the original one (%(date)s).")
                % {"date": date_format(dt.date.fromisoformat(original), "DATE_FORMAT")},
            )
        if new and new < self.notice_date:
            self.add_error("new_deadline", _("The new deadline cannot be in the past."))
        if data.get("cadence") == "every_n_days" and not data.get("days"):
            self.add_error("days", _("How many days between updates?"))
        return data

    @property
    def warnings(self):
        if self.is_bound:
            new = self.cleaned_data.get("new_deadline") if hasattr(self, "cleaned_data") else None
        else:
            stored = self.initial.get("new_deadline")
            new = dt.date.fromisoformat(stored) if isinstance(stored, str) else stored
        original = self.stored.get("commitment", {}).get("original_deadline")
        if not new:
            return []
        found = []
        if original and (new - dt.date.fromisoformat(original)).days > 365:
            found.append(
                _(
                    "The new deadline is more than a year after the original one (%(date)s). Check the year, "
                    "or consider agreeing a new contract rather than a delay."
                )
                % {"date": date_format(dt.date.fromisoformat(original))}
            )
        elif (new - self.notice_date).days > 365:
            found.append(_("The new deadline is more than a year from today. Check the year."))
        return found

    def check_milestones(self):
        errors = []
        new = self.cleaned_data.get("new_deadline")
        for i, row in enumerate(self.milestones.rows()):
            if new and not self.notice_date <= row["date"] <= new:
                errors.append(i)
                self.milestones.forms[i].add_error(
                    "date",
                    _("Pick a date between today (%(start)s) and the new deadline.")
                    % {"start": date_format(self.notice_date)},
                )
        return not errors

    def to_answers(self):
        d = self.cleaned_data
        updates = {"cadence": d["cadence"]}
        if d["cadence"] == "weekly":
            first = d["weekday"] if d["weekday"] is not None else 4
            second = d.get("weekday2")
            updates["weekday"] = sorted({first, second}) if second is not None and second != first else first
        elif d["cadence"] == "every_n_days":
            updates["days"] = d["days"]
        milestones = [{"date": iso(r["date"]), "description": r["description"]} for r in self.milestones.rows()]
        return {
            "plan": {
                "new_deadline": iso(d["new_deadline"]),
                "milestones": sorted(milestones, key=lambda m: m["date"]),
                "measures": d["measures"],
                "updates": updates,
            }
        }


INSTALMENT_LINE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s+([\d.]+)\s*$")


class RemedyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Offer"), required=False)
    percent = forms.DecimalField(
        label=_("Percent"),
        min_value=0.1,
        max_value=100,
        decimal_places=1,
        required=False,
        error_messages={
            "max_value": _("A percentage is at most 100."),
            "min_value": _("A percentage is at least 0.1."),
        },
    )
    description = text(_("Details"), A.TITLE, help_text=_("What you offer; for a discount, what it applies to."))
    date = date_field(_("By"), required=False)
    amount = AmountField(label=_("Amount"), required=False)
    schedule = forms.CharField(
        label=_("Instalments"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "2027-03-26 7500000"}),
        help_text=_("One per line: date and amount."),
    )

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—"), *REMEDY_CHOICES[kind]]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        needs = {
            "discount": ["percent"],
            "free_extra": ["description"],
            "priority": ["description"],
            "guarantee": ["description"],
            "partial_delivery": ["description", "date"],
            "partial_payment": ["amount", "date"],
            "instalments": ["schedule"],
        }.get(kind, [])
        for name in needs:
            # A detail given but refused already has its message: one message per problem.
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("This offer needs this detail."))
        if kind == "late_fee_accepted" and data.get("amount") and data.get("percent"):
            self.add_error("amount", _("Give an amount or a percent, or neither for the fee the contract sets."))
        if kind == "instalments" and data.get("schedule"):
            rows = []
            for line in data["schedule"].splitlines():
                if not line.strip():
                    continue
                match = INSTALMENT_LINE.match(line)
                if not match:
                    self.add_error(
                        "schedule", _("Write each instalment as “2027-03-26 7500000”: %(line)s") % {"line": line[:40]}
                    )
                    break
                rows.append({"date": match[1], "amount": match[2]})
            data["rows"] = rows
        return data

    def to_answer(self):
        d = self.cleaned_data
        kind = d["kind"]
        if kind == "discount":
            discount = {"kind": kind, "percent": f"{d['percent'].normalize():f}"}
            return discount | ({"description": d["description"]} if d["description"] else {})
        if kind in ("free_extra", "priority", "guarantee"):
            return {"kind": kind, "description": d["description"]}
        if kind == "partial_delivery":
            return {"kind": kind, "description": d["description"], "date": iso(d["date"])}
        if kind == "partial_payment":
            return {"kind": kind, "amount": d["amount"], "date": iso(d["date"])}
        if kind == "instalments":
            return {"kind": kind, "schedule": d.get("rows", [])}
        if d.get("amount"):
            return {"kind": kind, "amount": d["amount"]}
        if d.get("percent"):
            return {"kind": kind, "percent": f"{d['percent'].normalize():f}"}
        return {"kind": kind}


class BaseRemedies(BaseRows):
    def __init__(self, *args, kind, **kwargs):
        self.kind = kind
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"kind": self.kind}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), empty_permitted=True, kind=self.kind
        )
        self.add_fields(form, None)
        return form


RemedyFormSet = forms.formset_factory(
    RemedyForm, formset=BaseRemedies, extra=0, max_num=A.MAX_REMEDIES, absolute_max=A.MAX_REMEDIES, validate_max=True
)


def remedy_initial(remedy):
    row = dict(remedy)
    if remedy.get("kind") == "instalments":
        row["schedule"] = "\n".join(f"{r['date']} {r['amount']}" for r in remedy.get("schedule", []))
    return row


class RemediesForm(StepForm):
    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, notice=notice, **kwargs)
        kind = self.stored.get("kind", "deliverable")
        initial = [remedy_initial(r) for r in self.stored.get("remedies", [])] if not self.is_bound else None
        self.remedies = RemedyFormSet(self.data if self.is_bound else None, prefix="r", initial=initial, kind=kind)

    def is_valid(self):
        return all([super().is_valid(), self.remedies.is_valid()])

    def to_answers(self):
        return {"remedies": [f.to_answer() for f in self.remedies.forms if f.cleaned_data.get("kind")]}


class StyleForm(StepForm):
    language = forms.ChoiceField(label=_("Notice language"), choices=LANGUAGE_CHOICES)
    tone = forms.ChoiceField(label=_("Tone"), choices=TONES, widget=forms.RadioSelect)
    channel = forms.ChoiceField(label=_("Channel"), choices=CHANNELS, widget=forms.RadioSelect)
    vi_national_header = forms.ChoiceField(
        label=_("Vietnamese công văn header"), choices=HEADER_CHOICES, required=False, initial="auto"
    )
    number = text(_("Document number (công văn)"), 40, help_text=_("E.g. 125/CV-ABC."))
    en_variant = forms.ChoiceField(
        label=_("English spelling and dates"), choices=VARIANTS, required=False, initial="US"
    )
    sender_kind = forms.ChoiceField(label=_("You write as"), choices=SENDER_KINDS, required=False)
    recipient_kind = forms.ChoiceField(label=_("You write to"), choices=RECIPIENT_KINDS, required=False)
    address_as = text(
        _("How you greet them"),
        60,
        help_text=_("Optional, in the notice's language: the name you use with them, e.g. 李总, anh Minh, Sam."),
    )

    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, notice=notice, **kwargs)
        if not self.is_bound:
            letter = self.stored.get("letter", {})
            header = letter.get("vi_national_header")
            self.initial |= {
                "language": notice.language,
                "tone": self.stored.get("tone", "formal"),
                "channel": self.stored.get("channel", "email"),
                "vi_national_header": {True: "yes", False: "no"}.get(header, "auto"),
                "number": letter.get("number", ""),
                "en_variant": letter.get("en_variant", "US"),
                "sender_kind": self.stored.get("voice", {}).get("sender", ""),
                "recipient_kind": self.stored.get("voice", {}).get("recipient", ""),
                "address_as": self.stored.get("address_as", {}).get(notice.language, ""),
            }

    def to_answers(self):
        d = self.cleaned_data
        letter = {"en_variant": d.get("en_variant") or "US", "number": d["number"]}
        header = {"yes": True, "no": False}.get(d.get("vi_national_header"))
        if header is not None:
            letter["vi_national_header"] = header
        voice = {k: d[f"{k}_kind"] for k in ("sender", "recipient") if d.get(f"{k}_kind")}
        address_as = {k: v for k, v in self.stored.get("address_as", {}).items() if k != d["language"]}
        if d["address_as"]:
            address_as[d["language"]] = d["address_as"]
        return {
            "language": d["language"],
            "tone": d["tone"],
            "channel": d["channel"],
            "letter": letter,
            "voice": voice,
            "address_as": address_as,
        }


class EditForm(forms.Form):
    text = forms.CharField(
        label=_("Your wording"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 18}),
        validators=[multi_line],
    )
    language = forms.ChoiceField(choices=LANGUAGE_CHOICES, widget=forms.HiddenInput)


STEPS = [
    ("commitment", _("Commitment"), CommitmentForm),
    ("cause", _("Cause"), CauseForm),
    ("plan", _("New date and plan"), PlanForm),
    ("remedies", _("Remedies"), RemediesForm),
    ("style", _("Language and tone"), StyleForm),
    ("review", _("Review"), None),
]
STEP_NAMES = [name for name, _, _ in STEPS]
