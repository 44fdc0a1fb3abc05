"""The library of past notices, and what happens to a notice after it is sent."""

import copy
import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from composer.answers import MULTILINE_CONTROL
from composer.models import LANGUAGE_CHOICES, Client, LogEntry, Notice
from composer.search import words
from composer.wizard.forms import CATEGORIES, DateInput

from .common import get_client, get_notice

SORTS = {
    "-updated": gettext_lazy("Recently changed"),
    "-created": gettext_lazy("Newest first"),
    "created": gettext_lazy("Oldest first"),
    "title": gettext_lazy("Title"),
    "client__name": gettext_lazy("Client"),
    "new_deadline": gettext_lazy("New deadline"),
}
PER_PAGE = 25
# The filters folded away on a phone (the search box stays); a page opened with one of them set keeps them open.
FILTERS = ("status", "client", "language", "cause", "kind", "start", "end")
# The dates the From / To range can apply to, and the column each one reads.
DATE_FIELDS = {
    "created": (gettext_lazy("Created"), "created__date"),
    "new_deadline": (gettext_lazy("New deadline"), "new_deadline"),
    "original_deadline": (gettext_lazy("Original deadline"), "original_deadline"),
}


class LibraryFilter(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    client = forms.ModelChoiceField(
        label=gettext_lazy("Client"), queryset=Client.objects.none(), required=False, empty_label="—"
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    cause = forms.ChoiceField(label=gettext_lazy("Cause"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    dates = forms.ChoiceField(
        label=gettext_lazy("Date"),
        required=False,
        choices=[(key, label) for key, (label, _column) in DATE_FIELDS.items()],
    )
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=DateInput())
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=DateInput())
    sort = forms.ChoiceField(label=gettext_lazy("Sort"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        blank = [("", "—")]
        self.fields["status"].choices = blank + list(Notice.Status.choices)
        self.fields["client"].queryset = Client.objects.for_user(user).only("id", "name")
        self.fields["language"].choices = blank + LANGUAGE_CHOICES
        self.fields["cause"].choices = blank + CATEGORIES
        self.fields["kind"].choices = blank + [
            ("deliverable", gettext_lazy("Something we deliver")),
            ("payment", gettext_lazy("Something we pay")),
        ]
        self.fields["sort"].choices = list(SORTS.items())

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error(
                "end",
                _("“To” (%(end)s) is before “From” (%(start)s): no day falls in between. Swap the two dates.")
                % {"start": date_format(start, "SHORT_DATE_FORMAT"), "end": date_format(end, "SHORT_DATE_FORMAT")},
            )
            data.pop("start", None)
        return data

    def filter(self, notices):
        """The notices the valid filters select; a filter with an error is left out (the page says which)."""
        self.is_valid()  # fills cleaned_data with the fields that are valid
        d = self.cleaned_data if self.is_bound else {}
        for word in words(d.get("q") or ""):
            notices = notices.filter(search_text__contains=word)
        for field, column in (("status", "status"), ("language", "language"), ("cause", "category"), ("kind", "kind")):
            if d.get(field):
                notices = notices.filter(**{column: d[field]})
        if d.get("client"):
            notices = notices.filter(client=d["client"])
        column = DATE_FIELDS[d.get("dates") or "created"][1]
        if d.get("start"):
            notices = notices.filter(**{f"{column}__gte": d["start"]})
        if d.get("end"):
            notices = notices.filter(**{f"{column}__lte": d["end"]})
        if not d.get("status"):
            notices = notices.exclude(status=Notice.Status.ARCHIVED)
        return notices.order_by(d.get("sort") or "-updated", "-pk")


@login_required
def library(request):
    form = LibraryFilter(request.GET or None, user=request.user)
    notices = form.filter(Notice.objects.for_user(request.user).select_related("client", "copy_of"))
    page = Paginator(notices.only(*LIST_FIELDS), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    active = sum(1 for name in FILTERS if request.GET.get(name))
    context = {"form": form, "page": page, "query": query.urlencode(), "active_filters": active}
    template = "composer/library.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


LIST_FIELDS = [
    "pk",
    "title",
    "status",
    "language",
    "kind",
    "category",
    "created",
    "updated",
    "new_deadline",
    "answers",
    "client__name",
    "client__id",
    "revision",
    "letter_type",
    "copy_of__id",
    "copy_of__created",
]


class LogForm(forms.ModelForm):
    class Meta:
        model = LogEntry
        fields = ["date", "channel", "response", "notes"]
        widgets = {"date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate() + dt.timedelta(days=1):
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date

    def clean_notes(self):
        notes = self.cleaned_data["notes"]
        if MULTILINE_CONTROL.search(notes):
            raise forms.ValidationError(_("Remove the control characters."))
        return notes


@login_required
@require_POST
def add_log(request, pk):
    notice = get_notice(request, pk)
    form = LogForm(request.POST)
    if notice.is_draft:
        messages.error(request, _("Finalise the notice before recording answers."))
    elif form.is_valid():
        entry = form.save(commit=False)
        entry.notice = notice
        entry.save()
        if entry.response != LogEntry.Response.NO_ANSWER and notice.status in (Notice.Status.FINAL, Notice.Status.SENT):
            notice.status = Notice.Status.ANSWERED
            notice.save(update_fields=["status", "updated"])
        messages.success(request, _("Recorded."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("notice", pk=notice.pk)


TRANSITIONS = {
    "close": ({"final", "sent", "answered"}, Notice.Status.CLOSED),
    "archive": ({"final", "sent", "answered", "closed"}, Notice.Status.ARCHIVED),
    "restore": ({"archived"}, Notice.Status.CLOSED),
}


@login_required
@require_POST
def change_status(request, pk, action):
    notice = get_notice(request, pk)
    allowed, target = TRANSITIONS.get(action, (set(), None))
    if notice.status not in allowed:
        messages.error(request, _("That is not possible for this notice."))
    else:
        notice.status = target
        notice.save(update_fields=["status", "updated"])
        messages.success(request, _("Status: %(status)s.") % {"status": notice.get_status_display()})
    return redirect("notice", pk=notice.pk)


@login_required
@require_POST
def duplicate(request, pk):
    """A new draft from the same answers, for the same client or another one."""
    notice = get_notice(request, pk)
    client = get_client(request, request.POST["client"]) if request.POST.get("client") else notice.client
    answers = notice.wizard_answers()
    copy_ = Notice.objects.create(
        owner=request.user,
        client=client,
        title=notice.title,
        language=client.language if client and client != notice.client else notice.language,
        answers=answers,
        step=min(notice.step, 5) if notice.is_draft else 5,
        letter_type=notice.letter_type,
        follows=notice.follows,
        copy_of=notice,
    )
    messages.success(request, _("A copy is ready as a new draft. Check the dates."))
    return redirect("step", pk=copy_.pk, name="commitment")


@login_required
@require_POST
def revise(request, pk):
    """A finalised notice stays as it was; its revision is a new draft."""
    notice = get_notice(request, pk)
    if notice.is_draft:
        return redirect("step", pk=notice.pk, name="review")
    with transaction.atomic():
        answers = notice.wizard_answers()
        revision = Notice.objects.create(
            owner=request.user,
            client=notice.client,
            title=notice.title,
            language=notice.language,
            answers=answers,
            edits=copy.deepcopy(notice.frozen_edits),
            step=6,
            revision_of=notice,
            revision=notice.revision + 1,
            letter_type=notice.letter_type,
            follows=notice.follows,
        )
    messages.success(
        request,
        _("Revision %(number)d is a new draft; the earlier one stays as it was.") % {"number": revision.revision},
    )
    return redirect("step", pk=revision.pk, name="review")


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, pk):
    notice = get_notice(request, pk)
    if request.method == "POST":
        notice.delete()
        messages.success(request, _("The notice is deleted."))
        return redirect("home")
    return render(request, "composer/notice_delete.html", {"notice": notice})
