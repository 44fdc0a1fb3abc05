"""The user's own wording of a composed notice body, kept per language."""

import hashlib
import re
from dataclasses import replace

from .formats import list_marker
from .letter import Block

ITEM = re.compile(r"^\s*(?:[-–•]|[一二三四五六七八九十]+、|\d+[.)、])\s*")


def editable_text(letter):
    """The body as the user edits it: paragraphs separated by blank lines, list items on their own lines."""
    parts = []
    for block in letter.blocks:
        lines = [block.text]
        lines += [
            f"{list_marker(letter.language, i)} {item}".replace("、 ", "、") for i, item in enumerate(block.items)
        ]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def fingerprint(letter):
    return hashlib.sha256(editable_text(letter).encode("utf-8")).hexdigest()[:16]


def make_edit(letter, text):
    """An edit to store: the text, and the fingerprint of the composed body it was made from."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return {"text": text, "base": fingerprint(letter)}


def is_stale(letter, edit):
    """The answers changed since the edit was made: the composed body is no longer the one edited."""
    return bool(edit) and edit.get("base") != fingerprint(letter)


def apply_edit(letter, edit):
    """The letter with its body replaced by the user's wording (no edit: the letter itself)."""
    if not edit or not edit.get("text"):
        return letter
    blocks = []
    for paragraph in re.split(r"\n\s*\n", edit["text"]):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if not lines:
            continue
        text, items = [], []
        for line in lines:
            if ITEM.match(line) and text:
                items.append(ITEM.sub("", line, count=1))
            elif items:
                items[-1] += " " + line
            else:
                text.append(line)
        sep = "" if letter.language == "zh-hans" else " "
        blocks.append(Block(sep.join(text), tuple(items)))
    return replace(letter, blocks=tuple(blocks))
