"""Write composer/data/pinyin_keys.json: the pinyin sort key of every Chinese name the interface lists
(countries and currencies, as CLDR and django-countries name them), so Chinese lists are in pinyin order without
loading a pinyin dictionary at run time (the `make sort-keys` target; run it after upgrading either).

A key is the name's pinyin with tone numbers (阿根廷 → a1gen1ting2), the order of a Chinese dictionary:
by syllable, then tone.

Usage: .venv/bin/python scripts/build_sort_keys.py
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "delaynote.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from babel import Locale  # noqa: E402
from django.utils import translation  # noqa: E402
from django_countries import countries  # noqa: E402
from pypinyin import Style, lazy_pinyin  # noqa: E402

from composer.collation import PINYIN_KEYS  # noqa: E402
from composer.countries import country_name  # noqa: E402


def key(name):
    return "".join(lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True)).casefold()


def main():
    with translation.override("zh-hans"):
        names = {country.name.strip() for country in countries}
    names |= {country_name(country.code, "zh-hans") for country in countries}
    names |= set(Locale.parse("zh_Hans").currencies.values())
    keys = {name: key(name) for name in sorted(names)}
    PINYIN_KEYS.parent.mkdir(exist_ok=True)
    PINYIN_KEYS.write_text(json.dumps(keys, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"Wrote {len(keys)} keys to {PINYIN_KEYS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
