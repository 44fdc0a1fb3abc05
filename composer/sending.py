"""Sending a notice by email as a mail client does: queued with an undo window, sent once by the worker.

A message moves queued → sending → sent (or failed, or cancelled) only through conditional updates,
so of a user's Undo, a worker's claim and the clean-up that notice it at once, one acts, and a
message is never sent twice. A worker beats the message's heartbeat before it talks to the mail
server; a message left "sending" for longer than `settings.JOB_LEASE_SECONDS` lost its worker, and
is queued once more only on its first attempt (its Message-ID stays the same, so a copy that did
leave is recognised as the same message by the recipient's mail system).

The notice is recorded as sent only when the mail server has accepted the message.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from composer.exports import RENDERERS, build_email
from composer.exports.text import ATTACHMENT_TYPES
from composer.models import LogEntry, Notice, OutgoingMessage, ProgressUpdate

logger = logging.getLogger(__name__)

State = OutgoingMessage.State
# The first run and one retry after a worker died mid-send.
MAX_ATTEMPTS = 2


def delay():
    return dt.timedelta(seconds=getattr(settings, "SEND_DELAY_SECONDS", 10))


def lease():
    return dt.timedelta(seconds=settings.JOB_LEASE_SECONDS)


# What goes out


def letters(notice):
    """The notice's email letter and its printed letter (for the PDF): (letter, printed), or (None, None)."""
    from composer.views.common import letter_for

    letter = letter_for(notice)[2]
    printed = letter_for(notice, None, {"channel": "letter"})[2]
    return letter, printed


def pdf_name(notice, letter):
    from composer.views.exports import filename

    return filename(notice, "pdf", letter.language)


def attachment_required(letter):
    """A printed letter goes out as its PDF; for an email it is the sender's choice."""
    return letter.channel == "letter"


def build(notice, message):
    """The email of `message` exactly as the worker hands it to the mail server."""
    letter, printed = letters(notice)
    attachments = []
    if message.attach_pdf:
        attachments.append((pdf_name(notice, letter), RENDERERS["pdf"](printed), ATTACHMENT_TYPES["pdf"]))
    email = build_email(
        letter,
        to=[message.to],
        cc=list(message.cc),
        bcc=[message.copy_to] if message.copy_to else [],
        attachments=attachments,
    )
    email.extra_headers["Message-ID"] = (
        f"<delaynote.{notice.pk}.{message.pk}.{int(message.created.timestamp())}@{DNS_NAME}>"
    )
    return email


# Queue, undo, retry


def queue(notice, *, to, cc=(), copy_to="", attach_pdf=False, language=""):
    """Queue `notice` to go out once the undo window is over; returns the message."""
    message = OutgoingMessage.objects.create(
        notice=notice,
        to=to,
        cc=list(cc),
        copy_to=copy_to,
        attach_pdf=attach_pdf,
        not_before=timezone.now() + delay(),
        heartbeat=timezone.now(),
        language=language,
    )
    transaction.on_commit(lambda: enqueue(message))
    return message


def enqueue(message):
    """Hand `message` to the worker, to run when its undo window is over."""
    from composer import tasks

    task = tasks.send_message
    if message.not_before > timezone.now() and task.get_backend().supports_defer:
        task = task.using(run_after=message.not_before)
    result = task.enqueue(message.pk)
    OutgoingMessage.objects.filter(pk=message.pk).update(task_id=str(result.id)[:64])
    return result


def undo(message):
    """Cancel a message still in its undo window; False once the worker has taken it."""
    return bool(
        OutgoingMessage.objects.filter(pk=message.pk, state=State.QUEUED).update(
            state=State.CANCELLED, finished=timezone.now()
        )
    )


def retry(message):
    """Queue a failed message again, with a new undo window; False if it is not failed."""
    now = timezone.now()
    retried = OutgoingMessage.objects.filter(pk=message.pk, state=State.FAILED).update(
        state=State.QUEUED, not_before=now + delay(), heartbeat=now, attempts=0, error="", finished=None
    )
    if retried:
        message.refresh_from_db()
        transaction.on_commit(lambda: enqueue(message))
    return bool(retried)


def current(notice):
    """The message the notice page reports on: the latest one, unless it was cancelled or sent long ago."""
    message = notice.outgoing.first()
    if message is None:
        return None
    message = recover(message)
    if message.state == State.CANCELLED or (
        message.state == State.SENT and message.finished < timezone.now() - dt.timedelta(minutes=10)
    ):
        return None
    return message


def seconds_left(message):
    return max(0, int((message.not_before - timezone.now()).total_seconds() + 0.999))


# The worker's part


def claim(pk):
    """Take queued message `pk` whose undo window is over: the message, sending, this attempt counted; else None."""
    now = timezone.now()
    mine = OutgoingMessage.objects.filter(pk=pk, state=State.QUEUED, not_before__lte=now)
    if not mine.update(state=State.SENDING, attempts=F("attempts") + 1, heartbeat=now):
        return None
    return OutgoingMessage.objects.select_related("notice").get(pk=pk)


def deliver(pk):
    """Send message `pk` if it is still queued and its undo window is over; record the notice as sent."""
    message = OutgoingMessage.objects.filter(pk=pk).first()
    if message is None or message.state != State.QUEUED:
        return None
    if message.not_before > timezone.now():
        # Run early (a backend that cannot defer): the clean-up queues it again once the window is over.
        return None
    message = claim(pk)
    if message is None:
        return None
    mine = OutgoingMessage.objects.filter(pk=pk, state=State.SENDING, attempts=message.attempts)
    with translation.override(message.language or settings.LANGUAGE_CODE):
        try:
            email = build(message.notice, message)
            if not mine.update(heartbeat=timezone.now()):
                return None
            email.send()
        except Exception as error:  # noqa: BLE001 - every refusal is shown to the user, with a retry
            text = str(error) or type(error).__name__
            mine.update(state=State.FAILED, error=text[:2000], finished=timezone.now())
            logger.warning("%s was not sent: %s", message, text)
            return {"message": pk, "sent": False}
        now = timezone.now()
        with transaction.atomic():
            if mine.update(state=State.SENT, finished=now, heartbeat=now):
                record_sent(
                    message.notice,
                    now,
                    LogEntry.Channel.EMAIL,
                    _("Sent by email to %(email)s.") % {"email": ", ".join([message.to, *message.cc])},
                )
    return {"message": pk, "sent": True}


def record_sent(notice, when, channel, note=""):
    """The notice went out at `when` (a datetime or a date) by `channel`: status Sent, a log entry, and the
    progress update it was drafted for, sent too."""
    if isinstance(when, dt.datetime):
        moment = when
    elif when == timezone.localdate():
        moment = timezone.now()
    else:
        moment = timezone.make_aware(dt.datetime.combine(when, dt.time(12)))
    with transaction.atomic():
        Notice.objects.filter(pk=notice.pk, status__in=(Notice.Status.FINAL, Notice.Status.SENT)).update(
            status=Notice.Status.SENT, sent=moment, version=F("version") + 1
        )
        LogEntry.objects.create(notice=notice, date=timezone.localdate(moment), channel=channel, notes=note[:2000])
        ProgressUpdate.objects.filter(followup__in=revision_chain(notice)).update(state=ProgressUpdate.State.SENT)


def revision_chain(notice):
    """The ids of `notice` and of the revisions it was made from: an update drafted from any of them is this one."""
    ids, pk = [], notice.pk
    while pk is not None and pk not in ids and len(ids) < 100:
        ids.append(pk)
        pk = Notice.objects.filter(pk=pk).values_list("revision_of_id", flat=True).first()
    return ids


# The clean-up


def recover(message):
    """A message whose worker died mid-send is queued once more, or failed; a queued message whose task
    was lost is queued again. Returns it fresh."""
    now = timezone.now()
    if message.state == State.SENDING and message.heartbeat and message.heartbeat < now - lease():
        dead = OutgoingMessage.objects.filter(
            pk=message.pk, state=State.SENDING, attempts=message.attempts, heartbeat__lt=now - lease()
        )
        if message.attempts < MAX_ATTEMPTS:
            if dead.update(state=State.QUEUED, heartbeat=now, not_before=now):
                logger.warning("%s lost its worker: sending it again", message)
                enqueue(message)
        else:
            with translation.override(message.language or settings.LANGUAGE_CODE):
                error = _("Sending stopped twice before the mail server answered. Check your sent mail, then retry.")
            dead.update(state=State.FAILED, error=error, finished=now)
    elif message.state == State.QUEUED and message.not_before < now - lease():
        stale = OutgoingMessage.objects.filter(pk=message.pk, state=State.QUEUED, heartbeat__lt=now - lease())
        if stale.update(heartbeat=now):
            enqueue(message)
    message.refresh_from_db()
    return message


def recover_dead():
    """For the worker's clean-up: every message that lost its worker or its task."""
    now = timezone.now()
    count = 0
    for message in OutgoingMessage.objects.filter(state__in=OutgoingMessage.LIVE, heartbeat__lt=now - lease()):
        recover(message)
        count += 1
    return count
