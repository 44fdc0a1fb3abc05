"""After sending: the progress-update schedule, its calendar, and follow-up notices drafted from the case."""

import icalendar
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from composer.answers import CONTROL
from composer.models import Notice, ProgressUpdate

from .common import get_notice, letter_for, parse_id, unreadable


def one_line(text):
    """Text for one line of a calendar: control characters, line breaks among them, become spaces."""
    return " ".join(CONTROL.sub(" ", text).split())


@login_required
@require_POST
def draft_followup(request, pk, letter_type):
    """A progress update or a completion notice, drafted from the notice's frozen case in its language."""
    notice = get_notice(request, pk)
    if letter_type not in ("progress", "completion") or notice.is_draft or notice.letter_type != "delay":
        raise Http404
    answers = notice.wizard_answers()
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
    update = parse_id(request.POST.get("update"))
    if update is not None:
        ProgressUpdate.objects.filter(notice=notice, pk=update).update(state=ProgressUpdate.State.SENT)
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
