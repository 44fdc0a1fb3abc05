"""Renderers: each turns a `Letter` into bytes in one format."""

from .chat import render_chat
from .html import render_html
from .pdf import UncoveredCharacters, render_pdf
from .text import build_email, render_eml, render_text

RENDERERS = {
    "html": render_html,
    "txt": render_text,
    "eml": render_eml,
    "pdf": render_pdf,
    "chat": render_chat,
}
# Whatever the notice's channel, some formats are always one kind of document: every PDF is a printed letter.
FORMAT_CHANNEL = {"pdf": "letter"}
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "eml": "message/rfc822",
    "pdf": "application/pdf",
    "chat": "text/plain; charset=utf-8",
}


def render_format(fmt, letter, draft=False):
    """The letter in format `fmt`; a draft's PDF says so on every page, so it is never taken for the notice."""
    return RENDERERS[fmt](letter, draft=draft) if fmt == "pdf" else RENDERERS[fmt](letter)


__all__ = [
    "CONTENT_TYPES",
    "FORMAT_CHANNEL",
    "RENDERERS",
    "UncoveredCharacters",
    "build_email",
    "render_format",
    "render_chat",
    "render_eml",
    "render_html",
    "render_pdf",
    "render_text",
]
