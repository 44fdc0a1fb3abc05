"""The library's search text, folded so that a search forgives accents, case and full-width forms.

Vietnamese is often typed without its diacritics (`thong bao` for `thông báo`), and Chinese
input methods can produce full-width Latin letters and digits (`ＩＮＶ２０２６`). Both the stored
text and the query are folded the same way, so a plain substring match finds either spelling
on SQLite and PostgreSQL alike, and PostgreSQL's trigram index still serves it.
"""

import unicodedata

# Letters that carry no combining mark to drop: Vietnamese đ is its own letter in Unicode.
LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l"})


def fold(text):
    """`text` without diacritics, case-folded, with full-width and other compatibility forms made plain."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LETTERS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", bare.casefold())


def words(query):
    """The folded words of a search query; a notice matches when its text holds every one."""
    return fold(query).split()
