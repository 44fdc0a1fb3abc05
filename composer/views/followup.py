"""After sending: the progress-update schedule, its calendar, and follow-up notices drafted from the case."""

import icalendar
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from django.views.decorators.http import require_http_methods, require_POST

from composer.answers import CONTROL, EXPLANATION
from composer.models import Notice, ProgressUpdate

from .common import get_notice, letter_for, parse_id, unreadable


def one_line(text):
    """Text for one line of a calendar: control characters, line breaks among them, become spaces."""
    return " ".join(CONTROL.sub(" ", text).split())


class ProgressForm(forms.Form):
    """What a progress update reports, asked before it is drafted."""

    status = forms.ChoiceField(
        label=gettext_lazy("How is the work going?"),
        choices=[
            ("on_track", gettext_lazy("On track for the new date")),
            ("slipping", gettext_lazy("Slipping: the new date is at risk")),
            ("done", gettext_lazy("Done")),
        ],
        widget=forms.RadioSelect,
        initial="on_track",
    )
    done = forms.CharField(
        label=gettext_lazy("What was done since the last update"),
        required=False,
        max_length=EXPLANATION,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Optional, in the notice's language; a sentence or two."),
    )
    update = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_done(self):
        done = " ".join(self.cleaned_data["done"].split())
        if CONTROL.search(done):
            raise forms.ValidationError(_("Remove the control characters."))
        return done


def progress_number(answers, sequence):
    """A progress update's own number: the original letter's, with the update's count ("12/CV-U2")."""
    number = (answers.get("letter") or {}).get("number", "")
    return f"{number}-U{sequence}"[:40] if number else ""


@login_required
@require_http_methods(["GET", "POST"])
def draft_followup(request, pk, letter_type):
    """A progress update or a completion notice, drafted from the notice's frozen case in its language.

    A progress update first asks what to report; the scheduled update it is drafted for stays due until
    the update notice is sent (or the user marks it).
    """
    notice = get_notice(request, pk)
    if letter_type not in ("progress", "completion") or notice.is_draft or notice.letter_type != "delay":
        raise Http404
    update = None
    if letter_type == "progress":
        form = ProgressForm(request.POST if request.method == "POST" else None, initial=request.GET)
        if request.method == "GET" or not form.is_valid():
            update_id = parse_id(form["update"].value())
            context = {
                "notice": notice,
                "form": form,
                "update": notice.updates.filter(pk=update_id).first() if update_id else None,
            }
            return render(request, "composer/progress_form.html", context)
        update_id = parse_id(form.cleaned_data["update"])
        update = notice.updates.filter(pk=update_id).first() if update_id else None
    elif request.method != "POST":
        return redirect("notice", pk=notice.pk)
    answers = notice.wizard_answers()
    if letter_type == "progress":
        sequence = notice.followups.filter(letter_type="progress", revision_of__isnull=True).count() + 1
        answers["progress"] = {"status": form.cleaned_data["status"], "sequence": sequence}
        if form.cleaned_data["done"]:
            answers["progress"]["done"] = {notice.language: form.cleaned_data["done"]}
        if number := progress_number(answers, sequence):
            answers["letter"] = (answers.get("letter") or {}) | {"number": number}
    with transaction.atomic():
        draft = Notice.objects.create(
            owner=request.user,
            client=notice.client,
            title=notice.title,
            language=notice.language,
            answers=answers,
            step=6,
            letter_type=letter_type,
            follows=notice,
        )
        if letter_type == "completion" and not notice.completed_on:
            notice.completed_on = timezone.localdate()
            notice.save(update_fields=["completed_on", "updated"])
        if update is not None:
            ProgressUpdate.objects.filter(pk=update.pk).update(followup=draft)
    messages.success(request, _("A draft is ready from the same answers: check it and finalise."))
    return redirect("step", pk=draft.pk, name="review")


@login_required
@require_POST
def update_state(request, pk, update):
    notice = get_notice(request, pk)
    row = get_object_or_404(ProgressUpdate, notice=notice, pk=update)
    state = request.POST.get("state")
    if state in ProgressUpdate.State.values:
        row.state = state
        row.save(update_fields=["state"])
    return redirect("notice", pk=notice.pk)


@login_required
def calendar(request, pk):
    """The plan as an .ics file: the update dates, the milestones and the new deadline, as all-day events."""
    notice = get_notice(request, pk)
    if notice.is_draft:
        raise Http404
    answers, _composed, _letter, _problems = letter_for(notice)
    if answers is None:
        messages.error(request, unreadable())
        return redirect("notice", pk=notice.pk)
    notice.schedule_updates(answers)
    title = one_line(str(notice))
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Delaynote//Delay notices//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", icalendar.vText(title))
    with override(notice.language):
        events = [
            (u.date, _("Progress update: %(title)s") % {"title": title}, f"update-{u.pk}") for u in notice.updates.all()
        ]
        events += [
            (m.date, f"{title}: {one_line(m.description)}", f"milestone-{i}")
            for i, m in enumerate(answers.plan.milestones)
        ]
        events.append((answers.plan.new_deadline, _("New deadline: %(title)s") % {"title": title}, "deadline"))
    stamp = timezone.now()
    for date, summary, key in events:
        event = icalendar.Event()
        event.add("uid", f"notice-{notice.pk}-{key}@delaynote")
        event.add("dtstamp", stamp)
        event.add("dtstart", date)
        event.add("summary", summary)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="notice-{notice.pk}-schedule.ics"'
    return response
