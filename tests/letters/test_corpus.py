"""Every case of the corpus in every language: the golden files, and the checks a native reader would make."""

import difflib
import re

import pytest

from composer.answers import LANGUAGES
from composer.coach import BODY_LIMIT, measure
from composer.languages import HAN, VIETNAMESE, detect
from composer.letters.schedule import day_off, recipient_country, update_plan

from .corpus import CASES, golden_path, outputs

CHAT_LIMIT = {"zh-hans": 200, "vi": 450, "en": 450}
PARAMS = [pytest.param(path, language, id=f"{path.stem}-{language}") for path in CASES for language in LANGUAGES]


def test_the_corpus_covers_the_product():
    import json

    cases = [json.loads(p.read_text(encoding="utf-8")) for p in CASES]
    assert len(cases) >= 30
    seen = {
        "subkind": {c["subkind"] for c in cases},
        "category": {c["cause"]["category"] for c in cases},
        "responsibility": {c["cause"]["responsibility"] for c in cases},
        "remedy": {r["kind"] for c in cases for r in c.get("remedies", [])},
        "tone": {c.get("tone", "formal") for c in cases},
        "channel": {c.get("channel", "letter") for c in cases},
        "sender": {c["sender"].get("kind") for c in cases},
        "recipient": {c["recipient"].get("kind") for c in cases},
    }
    assert seen["subkind"] == {"project", "shipment", "service", "invoice", "rent", "loan"}
    assert len(seen["category"]) == 10
    assert seen["responsibility"] == {"ours", "shared", "outside"}
    assert len(seen["remedy"]) == 8
    assert seen["tone"] == {"formal", "warm", "concise"}
    assert seen["channel"] == {"letter", "email", "chat"}
    assert {"individual", "organization"} <= seen["sender"]
    assert {"person", "company", "bank"} <= seen["recipient"]


@pytest.mark.parametrize(("path", "language"), PARAMS)
def test_golden_files(path, language):
    _answers, _letter, texts = outputs(path, language)
    for suffix, text in texts.items():
        golden = golden_path(path, language, suffix)
        assert golden.exists(), f"{golden.name} is missing: run `make goldens` and review it"
        expected = golden.read_text(encoding="utf-8")
        if text != expected:
            diff = "\n".join(
                difflib.unified_diff(expected.splitlines(), text.splitlines(), "golden", "now", lineterm="")
            )
            pytest.fail(f"{golden.name} changed (review, then `make goldens`):\n{diff}")


def _names(answers):
    """What a letter keeps as written: names, organisations, contact details, references, kept titles."""
    s, r, c = answers.sender, answers.recipient, answers.commitment
    names = [s.name, s.organization, s.email, s.phone, *s.address.splitlines(), s.city]
    names += [r.name, r.organization, r.email, r.address_as, *r.address.splitlines(), c.reference]
    if c.title_is_name:
        names.append(c.title)
    names += [t for versions in answers.texts.values() for k, t in versions.items() if k == "keep"]
    # A greeting uses part of a name (Mr. Tuấn, 王女士): each word of a person's name counts too.
    names += [word for name in (s.name, r.name) for word in name.split() if len(word) > 1]
    names += [r.name[:1]] if HAN.match(r.name) else []
    return sorted((n for n in names if n), key=len, reverse=True)


def _without_names(text, answers):
    for name in _names(answers):
        text = text.replace(name, " ")
    return text


def _body(letter):
    return "\n".join([b.text for b in letter.blocks] + [i for b in letter.blocks for i in b.items])


def _one_language(text, language):
    """Pieces of `text` written in another language."""
    pieces = re.split(r"[。！？；，、：\n.!?;:()（）“”\"]+", text)
    foreign = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if (
            language != "zh-hans"
            and HAN.search(piece)
            or language == "en"
            and VIETNAMESE.search(piece)
            or language == "zh-hans"
            and not HAN.search(piece)
            and len(re.findall(r"[A-Za-z]{2,}", piece)) >= 3
            or language == "vi"
            and len(piece.split()) >= 4
            and detect(piece, "vi") == "en"
        ):
            foreign.append(piece)
    return foreign


@pytest.mark.parametrize(("path", "language"), PARAMS)
def test_one_language_per_letter(path, language):
    answers, letter, texts = outputs(path, language)
    for suffix, text in texts.items():
        assert _one_language(_without_names(text, answers), language) == [], suffix


@pytest.mark.parametrize(("path", "language"), PARAMS)
def test_nothing_said_twice(path, language):
    answers, letter, _texts = outputs(path, language)
    body = _body(letter)
    for block in letter.blocks:
        assert len(block.items) != 1, f"a one-item list: {block.items}"
    reference = answers.commitment.reference
    if reference:
        assert body.count(reference) <= 1, f"the reference {reference} is printed {body.count(reference)} times"
    for before, after in re.findall(r"(\w+)\s*[:：]\s*(\w+)", body):
        assert before.lower() != after.lower(), f"a label repeated: {before}: {after}"
    if language == "zh-hans":
        for label, after in re.findall(r"([\u4e00-\u9fff]{2,6})：([^，。；\n]{0,8})", body):
            assert label[-2:] not in after, f"a label repeated: {label}：{after}"
    assert not re.search(r"[)）]\s*[(（]", body), "brackets back to back"


ZH_SELF_INDIVIDUAL = re.compile(r"我们|我司|我方")
ZH_SELF_ORG = re.compile(r"我(?![们司方])|我方")
VI_PERSON_WORDS = ("Quý Công ty", "Quý Ngân hàng", "Quý khách")


@pytest.mark.parametrize(("path", "language"), PARAMS)
def test_one_voice_and_one_form_of_address(path, language):
    answers, letter, texts = outputs(path, language)
    sender, reader = answers.sender.kind, answers.recipient.kind
    for suffix, text in texts.items():
        body = _without_names(_body(letter) if suffix == "txt" else text, answers)
        if language == "zh-hans":
            if sender == "individual":
                assert not ZH_SELF_INDIVIDUAL.search(body), f"{suffix}: an individual writes 我"
            else:
                assert not ZH_SELF_ORG.search(body), f"{suffix}: an organisation writes 我们/我司"
            assert "贵方" not in body
            if reader == "person":
                assert not re.search("贵司|贵公司|贵行", body), f"{suffix}: a person is 您"
        elif language == "vi":
            lowered = body.lower()
            if sender == "individual":
                assert "chúng tôi" not in lowered, f"{suffix}: an individual writes tôi"
            else:
                assert not re.search(r"(?<!chúng )\btôi\b", lowered), f"{suffix}: an organisation writes chúng tôi"
            assert "Quý khách" not in body
            if reader == "person":
                assert not any(w in body for w in VI_PERSON_WORDS), f"{suffix}: a person is addressed by name"
        else:
            if sender == "individual":
                assert not re.search(r"\b(we|our|us)\b", body, re.I), f"{suffix}: an individual writes I"
            else:
                assert not re.search(r"\bI\b|\bmy\b", body), f"{suffix}: an organisation writes we"


@pytest.mark.parametrize(("path", "language"), PARAMS)
def test_facts_a_person_gets_right(path, language):
    answers, letter, texts = outputs(path, language)
    country = recipient_country(answers)
    for day in update_plan(answers).dates:
        assert day_off(day, country) is None, f"an update on {day}, a day off"
    for suffix, text in texts.items():
        if language == "zh-hans":
            assert not re.search(r"(\d{4})年\d{1,2}月\d{1,2}日[、，和及至到—-]+\1年", text), suffix
        elif language == "vi":
            assert not re.search(r"\d{1,2}/\d{1,2}/(\d{4})[,;] (?:và )?\d{1,2}/\d{1,2}/\1", text), suffix
        else:
            assert not re.search(r"\b(20\d\d)\b,? (?:and )?\w+ \d{1,2},? \1\b", text), suffix
        assert not re.search(r"\d\.00\b(?!\d)", text), f"{suffix}: .00 on a whole amount"
        for word in ("force majeure", "不可抗力", "bất khả kháng", "赔偿", "bồi thường", "compensation"):
            assert word not in text.lower(), f"{suffix}: {word}"


@pytest.mark.parametrize(("path", "language"), PARAMS)
def test_length_per_channel(path, language):
    answers, letter, texts = outputs(path, language)
    chat = texts["chat.txt"].strip()
    assert len(chat) <= CHAT_LIMIT[language], f"the chat runs {len(chat)} characters"
    assert not re.search(r"\b20\d\d\b|\d{4}年", chat), "a year in the chat"
    if answers.commitment.reference:
        assert answers.commitment.reference not in chat, "a reference in the chat"
    if answers.channel != "chat":
        assert measure(_body(letter), language) <= BODY_LIMIT[language]
