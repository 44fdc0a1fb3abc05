"""The compose_notice command, run as a user runs it: a real process, real files."""

import email
import email.policy
import json
import subprocess
import sys

import pytest
from django.conf import settings

from .cases import PAYMENT, case
from .test_exports import pdf_text, squash

EXAMPLES = sorted((settings.BASE_DIR / "examples").glob("*.json"))


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "manage.py", "compose_notice", *args],
        cwd=settings.BASE_DIR,
        capture_output=True,
        input=stdin,
        timeout=120,
    )


@pytest.fixture
def case_file(tmp_path):
    def write(data, name="case.json"):
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.mark.parametrize("fmt", ["html", "txt", "eml", "pdf", "chat"])
def test_it_writes_every_format(fmt, case_file, tmp_path):
    out = tmp_path / f"notice.{fmt}"
    result = run(str(case_file(case(PAYMENT))), "--format", fmt, "--output", str(out))
    assert result.returncode == 0, result.stderr.decode()
    data = out.read_bytes()
    if fmt == "pdf":
        assert "25.000.000" in pdf_text(data)
    elif fmt == "eml":
        msg = email.message_from_bytes(data, policy=email.policy.default)
        assert "25.000.000\u00a0đồng" in msg.get_body(("plain",)).get_content()
    elif fmt == "chat":
        chat = data.decode().replace("\xa0", " ")
        assert "25 triệu" in chat and "2027" not in chat
    else:
        assert "25.000.000\u00a0đồng" in data.decode()


def test_the_language_option_overrides_the_case(case_file, tmp_path):
    out = tmp_path / "n.txt"
    assert (
        run(str(case_file(case(PAYMENT))), "--format", "txt", "--output", str(out), "--language", "zh-hans").returncode
        == 0
    )
    text = out.read_text()
    assert "2027年3月5日" in text and "2,500万越南盾" in text and "Hóa đơn" not in text


def test_a_case_without_text_in_the_language_is_refused_naming_each_field(case_file):
    data = case(
        **{
            "cause.explanation": "The payment provider changed its API on December 1.",
            "plan.measures": "Automated tests now cover the payment integration.",
        }
    )
    result = run(str(case_file(data)), "--format", "txt", "--output", "-", "--language", "vi")
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode()
    assert "cause.explanation: has no text in Tiếng Việt." in err
    assert "plan.measures: has no text in Tiếng Việt." in err


def test_it_writes_to_standard_output(case_file):
    result = run(str(case_file(case())), "--format", "chat", "--output", "-")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("Hello Ms. Collins, we’re sorry")


def test_it_reads_standard_input(tmp_path):
    out = tmp_path / "n.html"
    result = run("-", "--format", "html", "--output", str(out), stdin=json.dumps(case()).encode())
    assert result.returncode == 0
    assert "Dear Ms. Collins:" in out.read_text()


def test_a_bad_case_exits_2_naming_each_field(case_file, tmp_path):
    bad = case(**{"plan.new_deadline": "2026-12-01", "remedies": [{"kind": "discount", "percent": 0}], "tone": "rude"})
    out = tmp_path / "n.pdf"
    result = run(str(case_file(bad)), "--format", "pdf", "--output", str(out))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "plan.new_deadline: must be after the original deadline (2026-12-15)." in err
    assert "remedies[0].percent: must be more than 0 and at most 100." in err
    assert "tone: must be one of formal, warm, concise" in err
    assert not out.exists()


def test_invalid_json_exits_2(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"language": "en",,}')
    result = run(str(path), "--format", "txt", "--output", str(tmp_path / "x"))
    assert result.returncode == 2
    assert "not valid JSON (line 1" in result.stderr.decode()


def test_a_missing_file_exits_2(tmp_path):
    result = run(str(tmp_path / "nope.json"), "--format", "txt", "--output", str(tmp_path / "x"))
    assert result.returncode == 2
    assert "Cannot read" in result.stderr.decode()


def test_an_unknown_format_is_refused(case_file, tmp_path):
    result = run(str(case_file(case())), "--format", "docx", "--output", str(tmp_path / "x"))
    assert result.returncode == 2
    assert "invalid choice: 'docx'" in result.stderr.decode()


def test_characters_the_fonts_lack_are_named(case_file, tmp_path):
    bad = case(**{"cause.explanation": "The 𓀀 glyph."})
    result = run(str(case_file(bad)), "--format", "pdf", "--output", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert "U+13000" in result.stderr.decode()


def test_holiday_warnings_go_to_standard_error(case_file, tmp_path):
    weekend = case(**{"plan.new_deadline": "2027-01-10"})
    result = run(str(case_file(weekend)), "--format", "txt", "--output", str(tmp_path / "x.txt"))
    assert result.returncode == 0
    assert "C7 warning: The new date (January 10, 2027) falls on a weekend." in result.stderr.decode()


def test_there_are_enough_examples_to_show_the_range():
    cases = [json.loads(p.read_text()) for p in EXAMPLES]
    assert len(cases) >= 8
    assert {c["kind"] for c in cases} == {"deliverable", "payment"}
    assert {c["language"] for c in cases} == {"zh-hans", "vi", "en"}
    assert len({c["cause"]["category"] for c in cases}) >= 5
    kinds = {r["kind"] for c in cases for r in c.get("remedies", [])}
    assert kinds == {
        "discount",
        "free_extra",
        "partial_delivery",
        "priority",
        "partial_payment",
        "instalments",
        "late_fee_accepted",
        "guarantee",
    }


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_renders_as_pdf(path, tmp_path):
    out = tmp_path / "x.pdf"
    result = run(str(path), "--format", "pdf", "--output", str(out))
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(path.read_text())
    title = data["commitment"]["title"]
    title = title.get(data["language"]) or title.get("keep") if isinstance(title, dict) else title
    assert squash(title)[:12].casefold() in squash(pdf_text(out.read_bytes())).casefold()
