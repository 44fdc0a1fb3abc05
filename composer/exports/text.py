"""The notice as email: plain text to paste into a mail client, and a .eml draft."""

import email.policy
import re
from email.headerregistry import Address

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from composer.letters.formats import list_marker

from .html import letter_html

INDENT = {"zh-hans": "\u3000\u3000"}
SUBJECT_LABEL = {"zh-hans": "主题：", "vi": "Tiêu đề:", "en": "Subject:"}


def _marker(language, index):
    marker = list_marker(language, index)
    return marker if language == "zh-hans" else "- "


def body_text(letter):
    """Salutation to signature, as plain text (Chinese paragraphs indented with two ideographic spaces)."""
    indent = INDENT.get(letter.language, "")
    lines = []
    if letter.official:
        o = letter.official
        lines += [x for x in (o.issuer, o.number, o.about) if x] + ["", *o.motto, o.date_line, ""]
    if letter.addressee_line:
        lines.append(letter.addressee_line)
    if letter.salutation:
        lines.append(letter.salutation)
    if letter.greeting:
        lines.append(indent + letter.greeting)
    lines.append("")
    for block in letter.blocks:
        lines.append(indent + block.text)
        for i, item in enumerate(block.items):
            lines.append(indent + _marker(letter.language, i) + item)
        lines.append("")
    for i, line in enumerate(letter.closing):
        lines.append((indent if i == 0 and len(letter.closing) > 1 else "") + line)
    lines.append("")
    lines += list(letter.signature)
    if letter.date_position == "bottom":
        lines.append(letter.date_line)
    return "\n".join(lines).rstrip() + "\n"


def plain_text(letter):
    label = SUBJECT_LABEL[letter.language]
    space = "" if label.endswith("：") else " "
    return f"{label}{space}{letter.subject}\n\n{body_text(letter)}"


def render_text(letter):
    return plain_text(letter).encode("utf-8")


# An RFC 2047 encoded word ("=?utf-8?q?…?="): decoded by a mail client, it could smuggle in recipients.
ENCODED_WORD = re.compile(r"=\?[^?]*\?[bBqQ]\?", re.ASCII)


def display_name(party):
    """The name shown beside an address; a name that holds an encoded word or a line break is left out."""
    name = party.name or party.organization
    if ENCODED_WORD.search(name) or any(ch in name for ch in "\r\n\x00"):
        return ""
    return name


def _address(party):
    if not party.email:
        return None
    return str(Address(display_name=display_name(party), addr_spec=party.email))


ATTACHMENT_TYPES = {"pdf": "application/pdf"}


def sender_address(letter):
    """The From address: the sender's, or the site's when the profile has none."""
    return _address(letter.sender) or settings.DEFAULT_FROM_EMAIL


def build_email(letter, to=None, cc=(), bcc=(), attachments=()):
    """The notice as a Django email: text first, then HTML; the same message is sent or saved as .eml.

    `to` replaces the recipient's address (the display name stays the letter's); `cc` and `bcc` are bare
    addresses; `attachments` are (filename, bytes, content type).
    """
    sender = sender_address(letter)
    if to is None:
        recipient = _address(letter.recipient)
        to = [recipient] if recipient else []
    else:
        name = display_name(letter.recipient) if letter.recipient.email in to else ""
        to = [str(Address(display_name=name if a == letter.recipient.email else "", addr_spec=a)) for a in to]
    message = EmailMultiAlternatives(
        subject=letter.subject,
        body=body_text(letter),
        from_email=sender,
        to=to,
        cc=[str(Address(addr_spec=a)) for a in cc],
        bcc=[str(Address(addr_spec=a)) for a in bcc],
        reply_to=[sender],
    )
    message.attach_alternative(letter_html(letter), "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message


def render_eml(letter):
    """A .eml draft (X-Unsent) with RFC 2047 headers and CRLF line ends."""
    message = build_email(letter)
    message.extra_headers["X-Unsent"] = "1"
    msg = message.message(policy=email.policy.SMTP)
    msg["Content-Language"] = {"zh-hans": "zh-Hans"}.get(letter.language, letter.language)
    return msg.as_bytes(policy=email.policy.SMTP)
