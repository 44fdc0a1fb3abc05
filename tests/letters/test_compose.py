"""What holds for every writer: pure, in one language, from answers taken in that language."""

import pytest
from django.utils import translation

from composer.letters import compose
from tests.cases import DELIVERABLE, PAYMENT, answers


@pytest.mark.parametrize("language", ["zh-hans", "vi", "en"])
@pytest.mark.parametrize("channel", ["letter", "email", "chat"])
def test_composition_does_not_depend_on_the_active_language(language, channel):
    with translation.override("en"):
        a = compose(answers(channel=channel, language=language))
    with translation.override("vi"):
        b = compose(answers(channel=channel, language=language))
    assert a == b
    assert a.language == language


@pytest.mark.parametrize("language", ["zh-hans", "vi", "en"])
@pytest.mark.parametrize("base", ["deliverable", "payment"])
def test_every_channel_fills_the_chat_and_the_body(language, base):
    for channel in ("letter", "email", "chat"):
        letter = compose(answers(PAYMENT if base == "payment" else DELIVERABLE, channel=channel, language=language))
        assert letter.chat and letter.blocks and letter.subject


def test_answers_in_one_language_cannot_be_composed_in_another():
    with pytest.raises(ValueError):
        compose(answers(language="vi"), "en")
