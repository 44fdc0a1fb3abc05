"""A composed notice: structured text that every renderer turns into bytes."""

from dataclasses import dataclass, field

from composer.answers import Party


@dataclass(frozen=True)
class Block:
    """A paragraph, optionally followed by a list; `roles` name the moves it makes (apology, plan…)."""

    text: str
    items: tuple[str, ...] = ()
    roles: frozenset = frozenset()


@dataclass(frozen=True)
class OfficialHeader:
    """The Vietnamese công văn header: issuer and number on the left, the national motto on the right."""

    issuer: str
    number: str
    about: str
    motto: tuple[str, str]
    date_line: str


@dataclass(frozen=True)
class Letter:
    language: str
    variant: str  # en: "US" or "GB"
    channel: str  # "letter", "email" or "chat"
    kind: str
    subject: str
    salutation: str
    blocks: tuple[Block, ...]
    closing: tuple[str, ...]
    signature: tuple[str, ...]
    chat: str
    sender: Party = field(default_factory=Party)
    recipient: Party = field(default_factory=Party)
    title: str = ""  # centred title of a Chinese 函 or a Vietnamese thông báo
    letterhead: tuple[str, ...] = ()
    official: OfficialHeader | None = None
    date_line: str = ""
    date_position: str = "top"  # "top", "bottom" (zh) or "none" (email, chat)
    inside_address: tuple[str, ...] = ()
    greeting: str = ""  # zh: 您好！ on its own line
    addressee_line: str = ""  # vi công văn: "Kính gửi: …", centred
    copies: tuple[str, ...] = ()  # vi công văn: Nơi nhận
    subject_label: str = ""

    @property
    def roles(self):
        return frozenset().union(*(b.roles for b in self.blocks))

    @property
    def body_text(self):
        """The body as one string (for the coach's length and wording checks)."""
        sep = "" if self.language == "zh-hans" else " "
        parts = []
        for block in self.blocks:
            parts.append(block.text)
            parts.extend(block.items)
        return sep.join(parts)

    def all_text(self):
        """Every string a renderer may print (for the font coverage check)."""
        strings = [
            self.subject,
            self.salutation,
            self.title,
            self.date_line,
            self.greeting,
            self.addressee_line,
            self.subject_label,
            self.chat,
            *self.closing,
            *self.signature,
            *self.letterhead,
            *self.inside_address,
            *self.copies,
        ]
        if self.official:
            o = self.official
            strings += [o.issuer, o.number, o.about, *o.motto, o.date_line]
        for block in self.blocks:
            strings.append(block.text)
            strings.extend(block.items)
        return "\n".join(s for s in strings if s)
