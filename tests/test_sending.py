"""Send by email: through a real SMTP server on loopback, and with the default file backend."""

import datetime as dt
import email
import email.policy
import io
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.mail import mailers
from django.utils import timezone
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from composer import sending
from composer.models import Notice, OutgoingMessage

from .factories import finalise, make_client, make_notice, make_user

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    yield inbox
    controller.stop()


DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def no_delay(settings):
    settings.SEND_DELAY_SECONDS = 0
    settings.TASKS = DUMMY
    settings.JOB_LEASE_SECONDS = 60


def queued(notice):
    return OutgoingMessage.objects.filter(notice=notice).latest("created")


def send(client, notice, **data):
    """Confirm the preview of `notice`; the worker then runs the queued message."""
    response = client.post(f"/notices/{notice.pk}/send/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    message = queued(notice)
    sending.deliver(message.pk)
    message.refresh_from_db()
    return message


def parse(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def pdf_text(data):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_sending_delivers_a_multipart_message_and_records_it(client, smtp):
    owner = make_user(name="张喆", email="zhangzhe@northwind.example")
    customer = make_client(
        owner,
        contact_person="王堃",
        contact_title="总经理",
        language="zh-hans",
        country="CN",
        email="wangkun@huayuan.example",
    )
    notice = finalise(make_notice(owner, customer))
    client.force_login(owner)
    message = send(client, notice)
    assert message.state == "sent"
    assert len(smtp.messages) == 1
    sender, recipients, raw = smtp.messages[0]
    assert sender == "zhangzhe@northwind.example" and recipients == ["wangkun@huayuan.example"]
    msg = parse(raw)
    assert msg["From"].addresses[0].display_name == "张喆"
    assert msg["To"].addresses[0].display_name == "王堃"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert "2026年" in msg.get_body(("plain",)).get_content() or "2027年" in msg.get_body(("plain",)).get_content()
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT and notice.sent is not None
    assert notice.log.get().channel == "email"


@pytest.mark.parametrize(
    "name",
    [
        "=?utf-8?q?a=2C_evil=40attacker=2Eexample_=3Cevil=40attacker=2Eexample=3E=2C?=",
        "=?utf-8?b?ZXZpbEBhdHRhY2tlci5leGFtcGxl?=",
        "=?utf-8?q?Laura=0D=0ABcc=3A_evil=40attacker=2Eexample?=",
        'Evil, "Laura" <evil@attacker.example>',
    ],
)
def test_a_hostile_name_never_adds_a_recipient_to_sent_mail(client, smtp, name):
    owner = make_user(name=name, email="emily@northwind.example")
    customer = make_client(owner, contact_person=name, email="laura@bluebird.example")
    notice = finalise(make_notice(owner, customer))
    client.force_login(owner)
    send(client, notice)
    sender, recipients, raw = smtp.messages[0]
    assert sender == "emily@northwind.example" and recipients == ["laura@bluebird.example"]
    msg = parse(raw)
    assert [a.addr_spec for a in msg["To"].addresses] == ["laura@bluebird.example"]
    assert [a.addr_spec for a in msg["From"].addresses] == ["emily@northwind.example"]
    assert [a.addr_spec for a in msg["Reply-To"].addresses] == ["emily@northwind.example"]
    assert b"attacker" not in raw.split(b"\r\n\r\n", 1)[0] or "attacker" in (msg["To"].addresses[0].display_name)


def test_the_preview_shows_exactly_what_is_sent(client, smtp):
    owner = make_user()
    notice = finalise(make_notice(owner))
    client.force_login(owner)
    page = client.get(f"/notices/{notice.pk}/send/")
    assert page.status_code == 200
    html = page.content.decode()
    message = send(client, notice, cc="ops@bluebird.example, Pat@Bluebird.example", attach_pdf="on")
    msg = parse(smtp.messages[0][2])
    assert escape(msg["From"]) in html
    assert "laura@bluebird.example" in html and msg["To"].addresses[0].addr_spec == "laura@bluebird.example"
    assert escape(msg["Subject"]) in html
    body = msg.get_body(("plain",)).get_content().replace("\r\n", "\n").strip()
    assert escape(body) in html.replace("\r\n", "\n")
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_filename() in html and attachment.get_content_type() == "application/pdf"
    assert [a.addr_spec for a in msg["Cc"].addresses] == ["ops@bluebird.example", "Pat@Bluebird.example"]
    assert sorted(smtp.messages[0][1]) == ["Pat@Bluebird.example", "laura@bluebird.example", "ops@bluebird.example"]
    assert message.cc == ["ops@bluebird.example", "Pat@Bluebird.example"]


def test_a_letter_goes_with_its_pdf(client, smtp):
    owner = make_user()
    notice = make_notice(owner)
    notice.answers["channel"] = "letter"
    notice = finalise(notice)
    client.force_login(owner)
    assert "the printed letter" in client.get(f"/notices/{notice.pk}/send/").content.decode()
    send(client, notice)  # no checkbox: a letter always carries its PDF
    [attachment] = list(parse(smtp.messages[0][2]).iter_attachments())
    text = pdf_text(attachment.get_content())
    assert "Spring campaign website" in text and "Laura Collins" in text


def test_an_email_goes_without_the_pdf_unless_asked(client, smtp):
    owner = make_user()
    notice = finalise(make_notice(owner))
    client.force_login(owner)
    send(client, notice)
    assert list(parse(smtp.messages[0][2]).iter_attachments()) == []


@pytest.mark.parametrize(
    "cc", ["not an address", "a@b.example, evil\r\nBcc: x@y.example", ",".join(f"p{i}@b.example" for i in range(11))]
)
def test_a_bad_cc_is_refused_and_nothing_is_queued(client, cc):
    owner = make_user()
    notice = finalise(make_notice(owner))
    client.force_login(owner)
    response = client.post(f"/notices/{notice.pk}/send/", {"cc": cc})
    assert response.status_code == 200 and 'class="error"' in response.content.decode()
    assert not OutgoingMessage.objects.exists()


def test_a_copy_goes_to_the_sender_as_a_blind_copy(client, smtp):
    owner = make_user(email="emily@northwind.example")
    notice = finalise(make_notice(owner))
    client.force_login(owner)
    assert "Bcc" in client.get(f"/notices/{notice.pk}/send/").content.decode()
    send(client, notice, copy_to_me="on")
    _sender, recipients, raw = smtp.messages[0]
    assert sorted(recipients) == ["emily@northwind.example", "laura@bluebird.example"]
    assert "Bcc" not in parse(raw) and b"emily@northwind.example" not in raw.split(b"\r\nFrom:")[0]


def test_undo_within_the_window_sends_nothing(client, smtp, settings):
    settings.SEND_DELAY_SECONDS = 10
    owner = make_user()
    notice = finalise(make_notice(owner))
    client.force_login(owner)
    client.post(f"/notices/{notice.pk}/send/")
    message = queued(notice)
    page = client.get(f"/notices/{notice.pk}/").content.decode()
    assert "Sending in" in page and "Undo" in page and "hx-trigger" in page
    poll = client.get(f"/notices/{notice.pk}/send/status/", headers={"HX-Request": "true"}).content.decode()
    assert "Sending in" in poll and f"/send/{message.pk}/undo/" in poll and "<html" not in poll
    assert client.post(f"/notices/{notice.pk}/send/{message.pk}/undo/").status_code == 302
    sending.deliver(message.pk)
    OutgoingMessage.objects.filter(pk=message.pk).update(not_before=timezone.now() - dt.timedelta(seconds=1))
    sending.deliver(message.pk)
    message.refresh_from_db()
    assert message.state == "cancelled" and smtp.messages == []
    notice.refresh_from_db()
    assert notice.status == Notice.Status.FINAL and notice.sent is None


def test_the_worker_sends_after_the_delay_and_only_then_records_it(
    client, smtp, settings, django_capture_on_commit_callbacks
):
    settings.SEND_DELAY_SECONDS = 10
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    owner = make_user()
    notice = finalise(make_notice(owner))
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/notices/{notice.pk}/send/")
    message = queued(notice)
    task = DBTaskResult.objects.get(pk=message.task_id)
    assert task.run_after is not None and task.run_after >= message.not_before - dt.timedelta(seconds=1)
    sending.deliver(message.pk)  # too early: the undo window is still open
    notice.refresh_from_db()
    assert smtp.messages == [] and notice.status == Notice.Status.FINAL
    OutgoingMessage.objects.filter(pk=message.pk).update(not_before=timezone.now())
    assert sending.deliver(message.pk) == {"message": message.pk, "sent": True}
    notice.refresh_from_db()
    assert len(smtp.messages) == 1 and notice.status == Notice.Status.SENT
    poll = client.get(f"/notices/{notice.pk}/send/status/", headers={"HX-Request": "true"})
    assert poll.headers.get("HX-Refresh") == "true"


def test_a_refusing_server_gives_failed_and_a_retry(client, settings, smtp):
    port = settings.MAILERS["default"]["OPTIONS"]["port"]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    owner = make_user()
    notice = finalise(make_notice(owner))
    client.force_login(owner)
    message = send(client, notice)
    assert message.state == "failed" and message.error
    page = client.get(f"/notices/{notice.pk}/").content.decode()
    assert "did not accept the message" in page and "Retry" in page
    notice.refresh_from_db()
    assert notice.status == Notice.Status.FINAL and notice.sent is None and not notice.log.exists()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port},
        }
    }
    assert client.post(f"/notices/{notice.pk}/send/{message.pk}/retry/").status_code == 302
    sending.deliver(message.pk)
    message.refresh_from_db()
    notice.refresh_from_db()
    assert message.state == "sent" and len(smtp.messages) == 1 and notice.status == Notice.Status.SENT


def test_a_message_is_never_sent_twice(client, smtp):
    owner = make_user()
    notice = finalise(make_notice(owner))
    client.force_login(owner)
    message = send(client, notice)
    assert sending.deliver(message.pk) is None
    assert sending.claim(message.pk) is None
    assert client.post(f"/notices/{notice.pk}/send/{message.pk}/retry/").status_code == 302
    sending.deliver(message.pk)
    assert len(smtp.messages) == 1 and notice.log.count() == 1


def test_a_second_send_waits_for_the_first(client, settings):
    settings.SEND_DELAY_SECONDS = 10
    owner = make_user()
    notice = finalise(make_notice(owner))
    client.force_login(owner)
    client.post(f"/notices/{notice.pk}/send/")
    client.post(f"/notices/{notice.pk}/send/")
    assert OutgoingMessage.objects.count() == 1


def test_a_worker_that_died_mid_send_is_retried_once_then_failed(client, smtp):
    owner = make_user()
    notice = finalise(make_notice(owner))
    message = OutgoingMessage.objects.create(
        notice=notice,
        to="laura@bluebird.example",
        state="sending",
        attempts=1,
        not_before=timezone.now(),
        heartbeat=timezone.now() - dt.timedelta(seconds=61),
    )
    assert sending.recover_dead() == 1
    message.refresh_from_db()
    assert message.state == "queued"
    OutgoingMessage.objects.filter(pk=message.pk).update(
        state="sending", attempts=2, heartbeat=timezone.now() - dt.timedelta(seconds=61)
    )
    sending.recover_dead()
    message.refresh_from_db()
    assert message.state == "failed" and "stopped twice" in message.error
    sending.deliver(message.pk)
    assert smtp.messages == []
    notice.refresh_from_db()
    assert notice.status == Notice.Status.FINAL


def test_a_fresh_heartbeat_is_left_alone(client, smtp):
    owner = make_user()
    notice = finalise(make_notice(owner))
    message = OutgoingMessage.objects.create(
        notice=notice,
        to="x@y.example",
        state="sending",
        attempts=1,
        not_before=timezone.now(),
        heartbeat=timezone.now(),
    )
    sending.recover_dead()
    message.refresh_from_db()
    assert message.state == "sending"


def test_without_a_recipient_address_nothing_is_sent(client, mailoutbox):
    owner = make_user()
    notice = finalise(make_notice(owner, make_client(owner, email="")))
    client.force_login(owner)
    response = client.post(f"/notices/{notice.pk}/send/", follow=True)
    assert "no email address" in response.content.decode()
    assert mailoutbox == [] and not OutgoingMessage.objects.exists()


def test_a_draft_is_not_sent(client, mailoutbox):
    owner = make_user()
    notice = make_notice(owner)
    client.force_login(owner)
    client.post(f"/notices/{notice.pk}/send/")
    assert mailoutbox == [] and not OutgoingMessage.objects.exists()


def test_strangers_get_404(client):
    owner = make_user()
    notice = finalise(make_notice(owner))
    message = sending.queue(notice, to="laura@bluebird.example")
    client.force_login(make_user("stranger"))
    assert client.get(f"/notices/{notice.pk}/send/").status_code == 404
    assert client.post(f"/notices/{notice.pk}/send/{message.pk}/undo/").status_code == 404
    assert (
        client.post(
            f"/notices/{notice.pk}/sent-myself/", {"sent-channel": "chat", "sent-date": "2026-01-01"}
        ).status_code
        == 404
    )
    message.refresh_from_db()
    assert message.state == "queued"


# Sent by the user, outside the app


def test_a_notice_sent_by_oneself_is_recorded(client):
    owner = make_user()
    notice = finalise(make_notice(owner))
    client.force_login(owner)
    today = timezone.localdate().isoformat()
    response = client.post(
        f"/notices/{notice.pk}/sent-myself/", {"sent-channel": "chat", "sent-date": today, "sent-note": "Zalo"}
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT and timezone.localdate(notice.sent).isoformat() == today
    entry = notice.log.get()
    assert (entry.channel, entry.notes) == ("chat", "Zalo")


@pytest.mark.parametrize("days", [1, -3])
def test_a_sent_date_in_the_future_or_before_finalising_is_refused(client, days):
    owner = make_user()
    notice = finalise(make_notice(owner))
    client.force_login(owner)
    date = (timezone.localdate() + dt.timedelta(days=days)).isoformat()
    response = client.post(
        f"/notices/{notice.pk}/sent-myself/", {"sent-channel": "letter", "sent-date": date}, follow=True
    )
    assert "cannot be" in response.content.decode()
    notice.refresh_from_db()
    assert notice.status == Notice.Status.FINAL and not notice.log.exists()


def test_a_draft_cannot_be_recorded_as_sent(client):
    owner = make_user()
    notice = make_notice(owner)
    client.force_login(owner)
    client.post(
        f"/notices/{notice.pk}/sent-myself/", {"sent-channel": "chat", "sent-date": timezone.localdate().isoformat()}
    )
    notice.refresh_from_db()
    assert notice.status == Notice.Status.DRAFT


def test_the_default_mailer_writes_files(settings, tmp_path):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    from composer.exports import build_email
    from composer.letters import compose

    from .cases import answers

    build_email(compose(answers(channel="email"))).send()
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and b"Subject: Spring campaign website (SOW-118)" in files[0].read_bytes()
    assert type(mailers.default).__name__ == "EmailBackend"
