"""Which of the notice languages a text is written in.

Scripts settle most cases (Han characters are Chinese, ă/đ/ơ/ư and the stacked
tone marks are Vietnamese); Latin text without them is told apart by Lingua's
statistical models, trusted only when they are confident.
"""

import re
from functools import cache

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Letters only Vietnamese uses among the three languages: ă â đ ê ô ơ ư and the vowels with a tone mark
# that French or Spanish loanwords in English do not carry.
VIETNAMESE = re.compile(
    r"[ăâđêôơưĂÂĐÊÔƠƯ"
    r"ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    r"ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ]"
)
WORD = re.compile(r"[^\W\d_]{2,}")
CONFIDENT = 0.95
MIN_WORDS = 3

NAMES = {"zh-hans": "简体中文", "vi": "Tiếng Việt", "en": "English"}


@cache
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.VIETNAMESE).build()


def _latin_guess(text):
    """English or Vietnamese for Latin text without Vietnamese letters, with Lingua's confidence."""
    values = _detector().compute_language_confidence_values(text)
    best = values[0]
    return ("en" if best.language.name == "ENGLISH" else "vi"), best.value


def detect(text, declared):
    """The language `text` is written in, given the language the user says it is in.

    Returns `declared` unless the text clearly belongs to another language; returns None for a text with
    no words at all (numbers, a code), which fits any letter.
    """
    if HAN.search(text):
        return "zh-hans"
    if VIETNAMESE.search(text):
        return "vi"
    words = WORD.findall(text)
    if not words:
        return None
    if declared == "zh-hans":
        if len(words) < 2:
            return None
        language, _confidence = _latin_guess(text)
        return language
    if declared == "en" or len(words) < MIN_WORDS:
        # Latin text declared English stays English: only Vietnamese typed without its marks could be
        # mistaken, and the models cannot tell that apart reliably either (so they are not even loaded).
        return declared
    language, confidence = _latin_guess(text)
    if language != declared and confidence >= CONFIDENT:
        return language
    return declared


def looks_like(text, language):
    """A softer reading for the coach: Lingua's best guess for Latin text, whatever its confidence."""
    if HAN.search(text) or VIETNAMESE.search(text) or len(WORD.findall(text)) < MIN_WORDS:
        return detect(text, language)
    if language == "vi":
        return "en"  # several words without a single Vietnamese mark: English, or Vietnamese typed without diacritics
    if language == "en":
        return "en"
    guess, _confidence = _latin_guess(text)
    return guess
