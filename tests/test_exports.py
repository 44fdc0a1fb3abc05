import email
import email.policy
import io
import re

import pytest
from pypdf import PdfReader

from composer.answers import CaseError
from composer.exports import UncoveredCharacters, render_chat, render_eml, render_html, render_pdf, render_text
from composer.letters import compose

from .cases import PAYMENT, answers

HOSTILE = "<script>alert(1)</script> & “quotes” <b>bold</b>"


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_fonts(data):
    reader = PdfReader(io.BytesIO(data))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add((str(font["/BaseFont"]).split("+")[-1], embedded))
    return fonts


def squash(text):
    return re.sub(r"\s+", "", text)


class TestHtml:
    def test_it_is_a_standalone_page(self):
        html = render_html(compose(answers())).decode()
        assert html.startswith("<!doctype html>")
        assert '<html lang="en">' in html
        assert "@page" in html and "<link" not in html and "<script" not in html
        assert "Dear Ms. Collins:" in html  # a formal US business letter

    def test_it_escapes_user_text(self):
        html = render_html(
            compose(answers(**{"cause.explanation": HOSTILE, "commitment.title": "<img src=x>"}))
        ).decode()
        assert "<script>" not in html and "<img src=x>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; " in html and "&lt;b&gt;bold&lt;/b&gt;" in html

    def test_a_chinese_page_is_marked_as_chinese(self):
        html = render_html(compose(answers(language="zh-hans"))).decode()
        assert '<html lang="zh-Hans">' in html
        assert "此致" in html and "敬礼！" in html and '<span class="nb">2026年12月8日</span>' in html

    def test_a_vietnamese_official_page_has_the_header(self):
        html = render_html(compose(answers(PAYMENT, channel="letter"))).decode()
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
        assert "Hà Nội, ngày 26 tháng 02 năm 2027" in html


class TestText:
    def test_it_starts_with_the_subject_line(self):
        text = render_text(compose(answers(channel="email"))).decode()
        first, blank, salutation = text.split("\n")[:3]
        assert first == "Subject: Spring campaign website (SOW-118) – new delivery date January 12"
        assert blank == "" and salutation == "Dear Ms. Collins,"
        assert "The new delivery date is Tuesday, January 12." in text
        assert text.rstrip().endswith("+1 555 0100 · emily@northwind.example")

    def test_chinese_paragraphs_are_indented_with_ideographic_spaces(self):
        text = render_text(compose(answers(language="zh-hans"))).decode()
        lines = text.split("\n")
        assert "Bluebird Retail Inc.：" in lines  # a 函 between organisations is addressed to the company
        assert "\u3000\u3000此致" in lines and "敬礼！" in lines
        assert any(line.startswith("\u3000\u3000原定于2026年12月15日交付贵司的") for line in lines)
        assert "Northwind Studio Ltd（盖章）" in lines
        assert lines[-2] == "2026年12月8日"

    def test_user_text_is_not_escaped_in_plain_text(self):
        text = render_text(compose(answers(**{"cause.explanation": "Tom & Jerry <dev> left."}))).decode()
        assert "Tom & Jerry <dev> left." in text and "&amp;" not in text


class TestEml:
    def parse(self, letter):
        data = render_eml(letter)
        return data, email.message_from_bytes(data, policy=email.policy.default)

    def test_it_is_a_multipart_alternative_draft(self):
        data, msg = self.parse(compose(answers(channel="email", **{"cause.explanation": "R&D <team> was out."})))
        assert msg.get_content_type() == "multipart/alternative"
        parts = [p.get_content_type() for p in msg.iter_parts()]
        assert parts == ["text/plain", "text/html"]
        text = msg.get_body(("plain",)).get_content()
        html = msg.get_body(("html",)).get_content()
        assert "R&D <team> was out." in text and "&amp;" not in text
        assert "R&amp;D &lt;team&gt; was out." in html
        assert msg["X-Unsent"] == "1"
        assert msg["To"] == "Laura Collins <laura@bluebird.example>"
        assert msg["From"] == "Emily Carter <emily@northwind.example>"
        assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")

    def test_chinese_headers_are_rfc2047_encoded(self):
        data, msg = self.parse(
            compose(answers(channel="email", language="zh-hans", **{"sender.name": "张喆", "recipient.name": "王堃"}))
        )
        raw_headers = data.split(b"\r\n\r\n", 1)[0]
        assert raw_headers.isascii()
        assert b"=?utf-8?" in raw_headers.lower()
        assert msg["From"].addresses[0].display_name == "张喆"
        assert msg["To"].addresses[0].display_name == "王堃"
        assert msg["Subject"].startswith("【Northwind Studio Ltd】")
        assert 'charset="utf-8"' in str(msg.get_body(("plain",)).get("Content-Type")).lower()

    def test_vietnamese_subject_round_trips(self):
        letter = compose(answers(PAYMENT))
        _, msg = self.parse(letter)
        assert msg["Subject"] == letter.subject
        assert "Kính gửi chị Hoa," in msg.get_body(("plain",)).get_content()


class TestChat:
    @pytest.mark.parametrize(("language", "limit"), [("zh-hans", 200), ("vi", 450), ("en", 450)])
    def test_it_fits_a_chat_message(self, language, limit):
        long_case = answers(
            language=language,
            remedies=[
                {"kind": "discount", "percent": 15},
                {"kind": "free_extra", "description": {"en": "x" * 150, "vi": "x" * 150, "zh-hans": "赠" * 150}},
                {"kind": "priority", "description": {"en": "y" * 150, "vi": "y" * 150, "zh-hans": "优" * 150}},
            ],
        )
        text = render_chat(compose(long_case)).decode().strip()
        assert len(text) <= limit
        assert "Emily Carter" not in text and "2027" not in text and "SOW-118" not in text

    @pytest.mark.parametrize(
        ("language", "start"), [("zh-hans", "Collins女士您好"), ("vi", "Chào chị Collins"), ("en", "Hi Laura")]
    )
    def test_it_greets_by_the_name_the_user_gives(self, language, start):
        address = {"zh-hans": "Collins女士", "vi": "chị Collins", "en": "Laura"}
        a = answers(language=language, **{"recipient.address_as": address})
        assert render_chat(compose(a)).decode().startswith(start)

    def test_a_chat_notice_exports_its_edited_body(self):
        from composer.letters.edits import apply_edit

        letter = compose(answers(channel="chat"))
        edited = apply_edit(letter, {"text": "Hi Laura, the site moves to January 12. Sorry!"})
        assert render_chat(edited).decode() == "Hi Laura, the site moves to January 12. Sorry!\n"


@pytest.fixture(scope="module")
def documents():
    return {
        "en": render_pdf(compose(answers())),
        "zh-hans": render_pdf(
            compose(
                answers(
                    language="zh-hans",
                    **{
                        "sender.name": "张喆",
                        "recipient.name": "王堃",
                        "recipient.title": "总经理",
                        "recipient.kind": "person",
                    },
                )
            )
        ),
        "vi": render_pdf(compose(answers(PAYMENT, channel="letter"))),
    }


class TestPdf:
    def test_english_text_is_extractable(self, documents):
        text = squash(pdf_text(documents["en"]))
        assert squash("Dear Ms. Collins:") in text
        assert squash("The new delivery date is Tuesday, January 12") in text

    def test_chinese_text_survives_with_rare_name_characters(self, documents):
        text = squash(pdf_text(documents["zh-hans"]))
        assert "王总经理" in text
        assert "张喆" in text
        assert "此致" in text and "敬礼！" in text
        assert "2026年12月8日" in text

    def test_vietnamese_diacritics_are_intact(self, documents):
        text = pdf_text(documents["vi"])
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "ngày 26 tháng 02 năm 2027" in text
        assert "25.000.000" in text and "đồng" in text
        assert "Nguyễn Văn Nam" in text

    def test_fonts_are_embedded(self, documents):
        for language, data in documents.items():
            fonts = pdf_fonts(data)
            assert fonts and all(embedded for _, embedded in fonts), (language, fonts)
        assert any(re.sub(r"[- ]", "", name) == "DelaynoteSansSC" for name, _ in pdf_fonts(documents["zh-hans"]))

    def test_sizes_stay_small(self, documents):
        assert len(documents["zh-hans"]) < 160_000
        assert len(documents["vi"]) < 40_000
        assert len(documents["en"]) < 40_000

    def test_it_names_characters_the_fonts_cannot_print(self):
        letter = compose(answers(**{"cause.explanation": "Signed 𓀀 and ☃ here."}))
        with pytest.raises(UncoveredCharacters) as info:
            render_pdf(letter)
        assert list(info.value.characters) == ["☃", "𓀀"]
        assert "U+2603" in str(info.value)


def test_the_coverage_file_matches_the_shipped_fonts():
    from django.conf import settings
    from fontTools.ttLib import TTFont

    from composer.exports.pdf import FONTS, covered_code_points

    points = set()
    for name in set(FONTS.values()):
        with TTFont(settings.BASE_DIR / "static" / "fonts" / name, lazy=True) as font:
            points.update(font.getBestCmap())
    assert covered_code_points() == points
    assert {ord(c) for c in "喆堃镕珺玥燚垚ắầểọữđĐơư₫"} <= points


class TestHeaderInjection:
    """A name that holds an RFC 2047 encoded word must not add recipients once a mail client decodes it."""

    EVIL = "=?utf-8?q?a=2C_evil=40attacker=2Eexample_=3Cevil=40attacker=2Eexample=3E=2C?="
    EVIL_B64 = "=?utf-8?b?ZXZpbEBhdHRhY2tlci5leGFtcGxl?="
    CRLF = "=?utf-8?q?Laura=0D=0ABcc=3A_evil=40attacker=2Eexample?="

    @pytest.mark.parametrize("name", [EVIL, EVIL_B64, CRLF])
    def test_an_encoded_word_in_a_name_never_becomes_a_recipient(self, name):
        letter = compose(answers(channel="email", **{"recipient.name": name, "sender.name": name}))
        data = render_eml(letter)
        msg = email.message_from_bytes(data, policy=email.policy.default)
        assert [a.addr_spec for a in msg["To"].addresses] == ["laura@bluebird.example"]
        assert [a.addr_spec for a in msg["From"].addresses] == ["emily@northwind.example"]
        assert [a.addr_spec for a in msg["Reply-To"].addresses] == ["emily@northwind.example"]
        assert b"attacker" not in data.split(b"\r\n\r\n", 1)[0]
        assert msg["Bcc"] is None

    @pytest.mark.parametrize(
        "name",
        [
            "Evil, <evil@attacker.example>",
            'Laura" <evil@attacker.example>, "x',
            "evil@attacker.example",
            "undisclosed-recipients:;",
            "Laura; Bcc: evil@attacker.example",
            "<evil@attacker.example>",
            "a=?utf-8?q?=0D=0A?=b evil@attacker.example",
            "(comment) evil@attacker.example",
        ],
    )
    def test_a_name_is_text_never_an_address_list(self, name):
        """Commas, angle brackets, quotes, groups and comments in a name: one address per header, the intended one."""
        letter = compose(answers(channel="email", **{"recipient.name": name, "sender.name": name}))
        msg = email.message_from_bytes(render_eml(letter), policy=email.policy.default)
        for header, address in (("To", "laura@bluebird.example"), ("From", "emily@northwind.example")):
            assert [a.addr_spec for a in msg[header].addresses] == [address], msg[header]
        assert [a.addr_spec for a in msg["Reply-To"].addresses] == ["emily@northwind.example"]
        assert msg["Bcc"] is None and msg["Cc"] is None
        # What the mail client shows beside the address is the name as typed (or nothing), never a second address.
        assert msg["To"].addresses[0].display_name in (name, "")

    @pytest.mark.parametrize(
        "bad", ["Laura\r\nBcc: evil@attacker.example", "Laura\nCc: x@y.z", "Lau\u202era", "Lau\u200bra"]
    )
    def test_line_breaks_and_invisible_characters_are_refused_in_names_and_subjects(self, bad):
        for field in ("recipient.name", "sender.name", "commitment.title"):
            with pytest.raises(CaseError) as error:
                answers(channel="email", **{field: bad})
            assert field in str(error.value)

    def test_an_ordinary_name_keeps_its_display_name(self):
        letter = compose(answers(channel="email", **{"recipient.name": "Laura Collins, PhD"}))
        msg = email.message_from_bytes(render_eml(letter), policy=email.policy.default)
        assert msg["To"].addresses[0].display_name == "Laura Collins, PhD"
        assert [a.addr_spec for a in msg["To"].addresses] == ["laura@bluebird.example"]
