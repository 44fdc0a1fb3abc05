"""Sorting names the way a reader of the interface language expects a list to be ordered.

Vietnamese: dictionary order (ă, â after a; đ after d; tones only break ties). Chinese: by pinyin, then
tone, from `composer/data/pinyin_keys.json` — the keys of the country and currency names the
interface lists, written by `make sort-keys` (pypinyin). Other languages: case-folded text, accents ignored.
"""

import json
import unicodedata
from functools import cache
from pathlib import Path

PINYIN_KEYS = Path(__file__).resolve().parent / "data" / "pinyin_keys.json"

# The Vietnamese alphabet (with f, j, w, z for foreign names): ă, â after a, đ after d, ơ after ô…
VI_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
VI_LETTER_MARKS = "\u0306\u0302\u031b"  # breve, circumflex, horn: part of the letter; other marks are tones


def vietnamese_order(text):
    """A sort key in Vietnamese dictionary order: letters first (Đ after D), tones only to break ties."""
    letters, tones = [], []
    for char in text.casefold():
        base, *marks = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in VI_LETTER_MARKS))
        position = VI_ALPHABET.find(letter)
        letters.append(position if position >= 0 else (-1 if not letter.isalnum() else 100 + ord(letter)))
        tones.append("".join(m for m in marks if m not in VI_LETTER_MARKS))
    return letters, tones


@cache
def pinyin_keys():
    return json.loads(PINYIN_KEYS.read_text(encoding="utf-8"))


def sort_key(text, language):
    """The key that puts `text` in its place in a list shown in `language`."""
    language = language or ""
    if language.startswith("vi"):
        return vietnamese_order(text)
    if language.startswith("zh"):
        # A name the file does not know (a newer library's) sorts after the known ones, by its characters.
        key = pinyin_keys().get(text)
        return (0, key, text) if key is not None else (1, "", text)
    # Accents do not move a name out of its letter: Åland Islands sorts with the A's.
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return (bare.casefold(), text)
