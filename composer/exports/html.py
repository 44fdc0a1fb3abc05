"""The notice as a standalone HTML page with its print stylesheet inline."""

from functools import cache

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation

HTML_LANG = {"zh-hans": "zh-Hans", "vi": "vi", "en": "en"}


@cache
def letter_css():
    return (settings.BASE_DIR / "static" / "css" / "letter.css").read_text(encoding="utf-8")


# Inside the app the letter uses the fonts the app ships, so a Chinese or Vietnamese letter reads the same
# on any machine; a downloaded page names the system fonts only (it cannot rely on the app's files).
IN_APP_FONTS = (
    ':root { --letter-font: "Delaynote UI", "Noto Sans", "Segoe UI", Arial, sans-serif; '
    '--letter-font-zh: "Delaynote UI", "Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }\n'
)


def letter_html(letter, extra_css="", stylesheets=()):
    context = {
        "letter": letter,
        "css": extra_css + letter_css(),
        "stylesheets": stylesheets,
        "html_lang": HTML_LANG[letter.language],
    }
    with translation.override(letter.language):
        return render_to_string("letters/notice.html", context)


def render_html(letter):
    return letter_html(letter).encode("utf-8")


def render_preview(letter):
    """The page the review step and the notice page show in their frame: the letter in the app's fonts."""
    return letter_html(letter, IN_APP_FONTS, [static("css/fonts.css")]).encode("utf-8")
