"""The notice as a standalone HTML page with its print stylesheet inline."""

from functools import cache

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

HTML_LANG = {"zh-hans": "zh-Hans", "vi": "vi", "en": "en"}


@cache
def letter_css():
    return (settings.BASE_DIR / "static" / "css" / "letter.css").read_text(encoding="utf-8")


def letter_html(letter, extra_css=""):
    with translation.override(letter.language):
        return render_to_string(
            "letters/notice.html",
            {"letter": letter, "css": extra_css + letter_css(), "html_lang": HTML_LANG[letter.language]},
        )


def render_html(letter):
    return letter_html(letter).encode("utf-8")
