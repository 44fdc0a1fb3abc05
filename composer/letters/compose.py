"""compose(answers) -> Letter: one writer per language, each writing natively from the same facts."""

from . import en, vi, zh

WRITERS = {"zh-hans": zh.write, "vi": vi.write, "en": en.write}


def compose(answers, language=None):
    """The notice for `answers` in their language; pure, no request or database.

    `answers` come from `parse_case(case, language=…)`, which takes every free-text answer in that language;
    `language`, when given, must be that language.
    """
    if language and language != answers.language:
        raise ValueError(f"answers are in {answers.language}; parse the case with language={language!r}")
    return WRITERS[answers.language](answers)
