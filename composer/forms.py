"""The sender profile and client forms, and what every form shares: the renderer and the error summary."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django_countries import countries

from composer.answers import CONTROL
from composer.collation import sort_key
from composer.countries import code_for, country_name
from composer.models import LANGUAGE_CHOICES, Client, Profile
from composer.portability import CLIENT_FIELDS, PROFILE_FIELDS


class FormRenderer(TemplatesSetting):
    """Every field in a wrapper, so layouts can place label, input, help and errors together."""

    field_template_name = "includes/field.html"


def error_summary(*forms_):
    """Every problem of the forms (formsets too), one entry each: {"id", "label", "message"} for the summary.

    An entry's `id` is the input it links to (empty for a problem of the whole form).
    """
    entries = []
    for form in forms_:
        if form is None:
            continue
        if isinstance(form, forms.BaseFormSet):
            entries += [{"id": "", "label": "", "message": e} for e in form.non_form_errors()]
            for row in form.forms:
                entries += error_summary(row)
            continue
        # A row's own problem (a milestone without its date…) links to the row's first input.
        first = next(iter(form), None) if form.prefix else None
        entries += [{"id": first.auto_id if first else "", "label": "", "message": e} for e in form.non_field_errors()]
        for name, errors in form.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS or name not in form.fields:
                continue
            bound = form[name]
            target = bound.auto_id
            if bound.use_fieldset and bound.subwidgets:
                target = bound.subwidgets[0].id_for_label
            entries += [{"id": target, "label": bound.label, "message": e} for e in errors]
    return entries


class SummaryMixin:
    """`form.summary`: the problems the error summary at the top of the form lists."""

    @property
    def summary(self):
        return error_summary(self) if self.is_bound else []


def single_lines(form, data, names):
    for name in names:
        value = data.get(name)
        if isinstance(value, str) and CONTROL.search(value):
            form.add_error(name, _("Use a single line without control characters."))


PER_LANGUAGE = [("zh", "zh-hans"), ("vi", "vi"), ("en", "en")]


class ProfileForm(SummaryMixin, forms.ModelForm):
    """Who signs: a name and an email are required (a letter is signed, and the reader needs a way to answer)."""

    class Meta:
        model = Profile
        fields = PROFILE_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"email": gettext_lazy("Printed in the letterhead, so the reader can answer.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "email"):
            self.fields[name].required = True
        self.fields["name"].error_messages["required"] = _("Give the name that signs your notices.")
        self.fields["email"].error_messages["required"] = _("Give an email address the reader can answer to.")
        self.fields["title"].label = _("Job title")

    def per_language(self):
        """Rows of the per-language table: the language, then its name, organisation and job title fields."""
        names = dict(LANGUAGE_CHOICES)
        return [
            {
                "code": code,
                "language": names[code],
                "fields": [self[f"name_{suffix}"], self[f"organization_{suffix}"], self[f"title_{suffix}"]],
            }
            for suffix, code in PER_LANGUAGE
        ]

    def clean(self):
        data = super().clean()
        single_lines(self, data, [name for name in data if name != "address"])
        return data


class CountryChoiceField(forms.TypedChoiceField):
    """A country as its two-letter code; a name typed in any of the interface languages is taken too."""

    def to_python(self, value):
        value = super().to_python(value).strip()
        return code_for(value) or value if value else value


class ClientForm(SummaryMixin, forms.ModelForm):
    class Meta:
        model = Client
        fields = [f for f in CLIENT_FIELDS if f != "created"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"] = CountryChoiceField(
            label=_("Country"),
            required=False,
            choices=self.country_choices,
            help_text=_("Decides the public holidays the notice checks."),
            error_messages={"invalid_choice": _("Pick a country from the list.")},
        )
        if self.instance.pk:
            self.initial["country"] = self.instance.country.code or ""

    @staticmethod
    def country_choices():
        """Every country with a holiday calendar, by its name in the interface language, in that language's order."""
        import holidays

        supported = set(holidays.list_supported_countries())
        names = [(c.code, country_name(c.code)) for c in countries if c.code in supported]
        names.sort(key=lambda item: sort_key(item[1], get_language()))
        return [("", "—"), *names]

    def clean(self):
        data = super().clean()
        single_lines(self, data, ("name", "contact_person", "contact_title", "phone"))
        return data
