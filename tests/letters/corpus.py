"""The letter corpus: cases written in all three languages, and their outputs as reviewed golden files.

Regenerate the golden files after a deliberate change to a writer, then read the diff:

    make goldens
"""

import json
from dataclasses import replace
from pathlib import Path

from django.utils import timezone

from composer.answers import LANGUAGES, parse_case
from composer.exports.chat import chat_text
from composer.exports.text import plain_text
from composer.letters import compose

HERE = Path(__file__).parent
CASES = sorted((HERE / "cases").glob("*.json"))
GOLDEN = HERE / "golden"


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def outputs(path, language):
    """The notice of a case in `language`: {suffix: text} for its own channel, the printed letter and the chat."""
    answers = parse_case(load(path), language=language, today=timezone.localdate())
    own = compose(answers)
    texts = {"txt": plain_text(own), "chat.txt": chat_text(own) + "\n"}
    if answers.channel != "letter":
        texts["letter.txt"] = plain_text(compose(replace(answers, channel="letter")))
    return answers, own, texts


def golden_path(path, language, suffix):
    return GOLDEN / f"{path.stem}.{language}.{suffix}"


def regenerate():
    GOLDEN.mkdir(exist_ok=True)
    for old in GOLDEN.glob("*.txt"):
        old.unlink()
    count = 0
    for path in CASES:
        for language in LANGUAGES:
            _answers, _letter, texts = outputs(path, language)
            for suffix, text in texts.items():
                golden_path(path, language, suffix).write_text(text, encoding="utf-8")
                count += 1
    return count


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "delaynote.settings")
    django.setup()
    print(f"Wrote {regenerate()} golden files to {GOLDEN.relative_to(Path.cwd())}")
