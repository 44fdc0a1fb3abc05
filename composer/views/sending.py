"""Sending a final notice: the preview of the message, the undo window, a retry, and a notice sent by other means."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.validators import validate_email
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from composer import sending
from composer.answers import MULTILINE_CONTROL
from composer.exports.text import body_text, sender_address
from composer.models import LogEntry, Notice, OutgoingMessage, Profile
from composer.wizard.forms import DateInput

from .common import get_notice

SENDABLE = (Notice.Status.FINAL, Notice.Status.SENT)
MAX_CC = 10


class SendForm(forms.Form):
    cc = forms.CharField(
        label=gettext_lazy("Cc"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy("Optional: addresses separated by commas."),
    )
    attach_pdf = forms.BooleanField(label=gettext_lazy("Attach the PDF letter"), required=False)
    copy_to_me = forms.BooleanField(required=False)

    def clean_cc(self):
        addresses = [a.strip() for a in self.cleaned_data["cc"].replace(";", ",").split(",") if a.strip()]
        if len(addresses) > MAX_CC:
            raise forms.ValidationError(_("At most %(count)d addresses in Cc.") % {"count": MAX_CC})
        for address in addresses:
            try:
                validate_email(address)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(address)s” is not an email address.") % {"address": address}
                ) from None
        return list(dict.fromkeys(addresses))


class SentMyselfForm(forms.Form):
    # The notice page also shows the log's form, with fields of the same names.
    prefix = "sent"

    channel = forms.ChoiceField(label=gettext_lazy("How"), choices=LogEntry.Channel.choices)
    date = forms.DateField(label=gettext_lazy("When"), widget=DateInput())
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, **kwargs)
        self.notice = notice
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        finalised = self.notice.finalised and timezone.localdate(self.notice.finalised)
        if finalised and date < finalised:
            raise forms.ValidationError(_("The date cannot be before the notice was finalised."))
        return date

    def clean_note(self):
        note = self.cleaned_data["note"]
        if MULTILINE_CONTROL.search(note):
            raise forms.ValidationError(_("Remove the control characters."))
        return note


def _sendable(request, notice):
    """The notice's letter if it may be sent by email now, else a redirect that says why."""
    if notice.status not in SENDABLE:
        messages.error(request, _("Finalise the notice before sending it."))
        return None, redirect("step", pk=notice.pk, name="review") if notice.is_draft else redirect(
            "notice", pk=notice.pk
        )
    letter, printed = sending.letters(notice)
    if letter is None or printed is None:
        raise Http404("The notice cannot be composed.")
    if not letter.recipient.email:
        messages.error(
            request, _("The client has no email address: add one on the client's page, or download the .eml.")
        )
        return None, redirect("notice", pk=notice.pk)
    if sending.current(notice) and sending.current(notice).state in OutgoingMessage.LIVE:
        messages.info(request, _("This notice is already on its way."))
        return None, redirect("notice", pk=notice.pk)
    return letter, None


@login_required
@require_http_methods(["GET", "POST"])
def send(request, pk):
    """The message as it will go out, to confirm; confirming queues it for the worker after the undo window."""
    notice = get_notice(request, pk)
    letter, refused = _sendable(request, notice)
    if refused:
        return refused
    required = sending.attachment_required(letter)
    profile = Profile.objects.filter(user=request.user).first()
    own_email = profile.email if profile else ""
    form = SendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        sending.queue(
            notice,
            to=letter.recipient.email,
            cc=form.cleaned_data["cc"],
            copy_to=own_email if form.cleaned_data["copy_to_me"] else "",
            attach_pdf=required or form.cleaned_data["attach_pdf"],
            language=get_language() or "",
        )
        return redirect("notice", pk=notice.pk)
    context = {
        "notice": notice,
        "letter": letter,
        "form": form,
        "sender": sender_address(letter),
        "body": body_text(letter),
        "pdf_name": sending.pdf_name(notice, letter),
        "pdf_required": required,
        "own_email": own_email,
        "delay": int(sending.delay().total_seconds()),
    }
    return render(request, "composer/send.html", context)


def _message(notice, message_id):
    return get_object_or_404(OutgoingMessage, notice=notice, pk=message_id)


@login_required
def send_status(request, pk):
    """The notice page's sending panel, polled by htmx while a message waits or goes out."""
    notice = get_notice(request, pk)
    context = status_context(notice)
    if request.htmx and (context["outgoing"] is None or context["outgoing"].state not in OutgoingMessage.LIVE):
        # Sent, failed or undone: the whole page changes (status, buttons, log).
        return HttpResponseClientRefresh()
    return render(request, "composer/notice.html#sending", context)


def status_context(notice):
    message = sending.current(notice)
    return {
        "notice": notice,
        "outgoing": message,
        "seconds_left": sending.seconds_left(message) if message else 0,
    }


@login_required
@require_POST
def send_undo(request, pk, message):
    notice = get_notice(request, pk)
    if sending.undo(_message(notice, message)):
        messages.success(request, _("Sending cancelled: nothing was sent."))
    else:
        messages.error(request, _("Too late to undo: the message has already gone to the mail server."))
    return redirect("notice", pk=notice.pk)


@login_required
@require_POST
def send_retry(request, pk, message):
    notice = get_notice(request, pk)
    if notice.status in SENDABLE and sending.retry(_message(notice, message)):
        messages.success(request, _("The message is queued again."))
    return redirect("notice", pk=notice.pk)


@login_required
@require_POST
def sent_myself(request, pk):
    """The user sent the notice by other means (the PDF, the chat text, a call): record it."""
    notice = get_notice(request, pk)
    if notice.status != Notice.Status.FINAL:
        messages.error(request, _("Only a final notice that is not sent yet can be recorded as sent."))
        return redirect("notice", pk=notice.pk)
    form = SentMyselfForm(request.POST, notice=notice)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("notice", pk=notice.pk)
    data = form.cleaned_data
    sending.record_sent(notice, data["date"], data["channel"], data["note"])
    messages.success(request, _("Recorded as sent."))
    return redirect("notice", pk=notice.pk)
