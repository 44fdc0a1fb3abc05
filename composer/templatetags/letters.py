import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from composer.letters.formats import list_marker

register = template.Library()

# Runs a printed line must not break inside: dates in each language's form, reference numbers, money,
# and a short quoted title.
UNBROKEN = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日"
    r"|ngày \d{1,2} tháng \d{1,2} năm \d{4}|\d{1,2}/\d{1,2}(?:/\d{4})?"
    r"|(?:人民币)?[\d,.]+(?:元|万元|亿元|đồng)"
    r"|[“《][^”》]{1,16}[”》]"
    r"|(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}(?:, \d{4})?"
    r"|\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)(?: \d{4})?)"
    r"|\b[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)+\b"
)


@register.filter
def marker(index, language):
    """The marker of the `index`-th (0-based) list item in a letter of `language`."""
    return list_marker(language, index)


@register.filter
def unbroken(text):
    """The text escaped, with dates, references, amounts and short titles kept on one line."""
    text = str(text)
    parts, last = [], 0
    for match in UNBROKEN.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f'<span class="nb">{escape(match.group())}</span>')
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))
