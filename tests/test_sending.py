"""Send by email: through a real SMTP server on loopback, and with the default file backend."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.mail import mailers

from composer.models import Notice

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
    response = client.post(f"/notices/{notice.pk}/send/")
    assert response.status_code == 302
    assert len(smtp.messages) == 1
    sender, recipients, raw = smtp.messages[0]
    assert sender == "zhangzhe@northwind.example" and recipients == ["wangkun@huayuan.example"]
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["From"].addresses[0].display_name == "张喆"
    assert msg["To"].addresses[0].display_name == "王堃"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert "2026年" in msg.get_body(("plain",)).get_content() or "2027年" in msg.get_body(("plain",)).get_content()
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT and notice.sent is not None


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
    assert client.post(f"/notices/{notice.pk}/send/").status_code == 302
    sender, recipients, raw = smtp.messages[0]
    assert sender == "emily@northwind.example" and recipients == ["laura@bluebird.example"]
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert [a.addr_spec for a in msg["To"].addresses] == ["laura@bluebird.example"]
    assert [a.addr_spec for a in msg["From"].addresses] == ["emily@northwind.example"]
    assert [a.addr_spec for a in msg["Reply-To"].addresses] == ["emily@northwind.example"]
    assert b"attacker" not in raw.split(b"\r\n\r\n", 1)[0] or "attacker" in (msg["To"].addresses[0].display_name)


def test_a_refusing_server_gives_a_message_not_a_500(client, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    owner = make_user()
    notice = finalise(make_notice(owner))
    client.force_login(owner)
    response = client.post(f"/notices/{notice.pk}/send/", follow=True)
    assert response.status_code == 200
    assert "did not accept the message" in response.content.decode()
    notice.refresh_from_db()
    assert notice.status == Notice.Status.FINAL


def test_without_a_recipient_address_nothing_is_sent(client, mailoutbox):
    owner = make_user()
    notice = finalise(make_notice(owner, make_client(owner, email="")))
    client.force_login(owner)
    response = client.post(f"/notices/{notice.pk}/send/", follow=True)
    assert "no email address" in response.content.decode()
    assert mailoutbox == []


def test_a_draft_is_not_sent(client, mailoutbox):
    owner = make_user()
    notice = make_notice(owner)
    client.force_login(owner)
    client.post(f"/notices/{notice.pk}/send/")
    assert mailoutbox == []


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
