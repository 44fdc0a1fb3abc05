"""Country names in the interface language: django-countries' own, except where two countries share one.

django-countries' translations use the names readers use ("Úc" for Australia in Vietnamese), but a few
collide (in Vietnamese Iceland and Ireland are both "Ai-len", Jersey is "Áo" like Austria, Niger is
"Nigeria"; in Chinese Samoa is 美属萨摩亚群岛 like American Samoa). Those take the Unicode CLDR's names
(through Babel), so no two countries in a list look the same.
"""

from collections import Counter
from functools import cache

from babel import Locale
from django.utils import translation
from django.utils.translation import get_language, to_locale
from django_countries import countries

LANGUAGES = ("en", "vi", "zh-hans")


@cache
def _names(language):
    cldr = Locale.parse(to_locale(language)).territories
    with translation.override(language):
        names = {country.code: country.name.strip() for country in countries}
    shared = Counter(names.values())
    return {code: (cldr.get(code) or name) if shared[name] > 1 else name for code, name in names.items()}


def country_name(code, language=None):
    """The name of the country `code` in `language` (the active language by default)."""
    code = str(code or "").upper()
    if not code:
        return ""
    return _names(language or get_language() or "en").get(code) or code


@cache
def _codes_by_name():
    """Every name a country goes by in the interface languages — as the list shows it, as CLDR and as
    django-countries write it — case-folded, to its code (the list's own names win a clash)."""
    known = {}
    for language in LANGUAGES:
        for country in countries:
            known.setdefault(country_name(country.code, language).casefold(), country.code)
    for language in LANGUAGES:
        for code, name in Locale.parse(to_locale(language)).territories.items():
            if code in countries:
                known.setdefault(name.casefold(), code)
        with translation.override(language):
            for country in countries:
                known.setdefault(country.name.strip().casefold(), country.code)
    return known


def code_for(name):
    """The code of a country named `name` in any interface language, or ""."""
    text = name.strip()
    if text.upper() in countries:
        return text.upper()
    return _codes_by_name().get(text.casefold(), "")
