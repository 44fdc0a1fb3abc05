"""The zh_Hans and vi catalogs are part of the product: complete, not fuzzy, placeholders intact.

They hold the interface only: notices are written by a writer per language (composer/letters), not translated.
"""

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from django.conf import settings

KEYWORDS = {"pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3), "gettext": None, "_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalog(locale):
    with open(settings.BASE_DIR / "locale" / locale / "LC_MESSAGES" / "django.po", "rb") as f:
        return read_po(f, locale=locale.replace("zh_Hans", "zh_Hans_CN"))


def source_messages():
    found = set()
    for _, _, message, _, context in extract_from_dir(
        settings.BASE_DIR / "composer", keywords=KEYWORDS, method_map=[("**.py", "python")]
    ):
        msgid = message[0] if isinstance(message, (list, tuple)) else message
        found.add((context, msgid))
    return found


@pytest.mark.parametrize("locale", ["zh_Hans", "vi"])
def test_every_message_is_translated_and_not_fuzzy(locale):
    cat = catalog(locale)
    problems = []
    for message in cat:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy or not all(strings):
            problems.append(message.id)
    assert problems == []


@pytest.mark.parametrize("locale", ["zh_Hans", "vi"])
def test_placeholders_are_kept(locale):
    for message in catalog(locale):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        expected = set().union(*(PLACEHOLDER.findall(i) for i in ids))
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) <= expected, (message.id, string)


@pytest.mark.parametrize("locale", ["zh_Hans", "vi"])
def test_every_string_in_the_code_is_in_the_catalog(locale):
    known = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog(locale) if m.id}
    missing = [m for m in source_messages() if m not in known]
    assert missing == []


def test_no_notice_text_goes_through_the_catalogs():
    contexts = {context for context, _ in source_messages()}
    assert "notice" not in contexts
    for locale in ("zh_Hans", "vi"):
        assert not [m.id for m in catalog(locale) if m.context == "notice"]


def test_makemessages_finds_nothing_new_to_translate(tmp_path):
    """Extract every string of the code and templates again: all of them are in both catalogs, translated."""
    import shutil
    import subprocess
    import sys

    base = settings.BASE_DIR
    for name in ("composer", "delaynote", "templates", "locale"):
        shutil.copytree(base / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(base / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "-l", "vi", "--no-location", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "delaynote.settings",
            "PYTHONPATH": str(tmp_path),
            "DEBUG": "1",
        },
    )
    for locale in ("zh_Hans", "vi"):
        with open(tmp_path / "locale" / locale / "LC_MESSAGES" / "django.po", "rb") as f:
            cat = read_po(f)
        untranslated = [
            m.id for m in cat if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
        ]
        assert untranslated == [], locale
