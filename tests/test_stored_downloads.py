"""A final notice's downloads are rendered once, kept in storage, and revalidated with ETags."""

import io

import pytest
from pypdf import PdfReader

from composer.exports import stored

from .factories import finalise, make_client, make_notice, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def downloads_in_tmp(downloads_dir):
    return downloads_dir


@pytest.fixture
def final(owner):
    return finalise(make_notice(owner, make_client(owner, language="vi"), language="vi"))


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_final_pdf_is_rendered_once_and_then_served_from_storage(browser, final, downloads_in_tmp, monkeypatch):
    first = browser.get(f"/notices/{final.pk}/download/pdf/")
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    data = body(first)
    assert "Kính gửi" in pdf_text(data)
    files = list((downloads_in_tmp / "notices" / str(final.pk)).iterdir())
    assert [f.read_bytes() for f in files] == [data]

    def no_rendering(letter):
        raise AssertionError("a stored file is not rendered again")

    monkeypatch.setitem(stored_renderers(), "pdf", no_rendering)
    again = browser.get(f"/notices/{final.pk}/download/pdf/")
    assert again.status_code == 200 and body(again) == data
    assert again["ETag"] == first["ETag"] and again["Cache-Control"] == "private, no-cache"
    assert again["Content-Disposition"] == first["Content-Disposition"]


def stored_renderers():
    from composer.views import exports

    return exports.RENDERERS


def test_if_none_match_answers_304_without_a_body(browser, final):
    tag = browser.get(f"/notices/{final.pk}/download/pdf/")["ETag"]
    assert tag.startswith('"') and len(tag) > 20
    response = browser.get(f"/notices/{final.pk}/download/pdf/", headers={"If-None-Match": tag})
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == tag
    other = browser.get(f"/notices/{final.pk}/download/pdf/", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200


def test_each_format_and_language_is_its_own_file(browser, final, downloads_in_tmp):
    tags = {
        (fmt, language): browser.get(f"/notices/{final.pk}/download/{fmt}/?language={language}")["ETag"]
        for fmt in ("pdf", "html", "txt", "eml", "chat")
        for language in ("vi", "en")
    }
    assert len(set(tags.values())) == 10
    assert len(list((downloads_in_tmp / "notices" / str(final.pk)).iterdir())) == 10
    english = browser.get(f"/notices/{final.pk}/download/txt/?language=en")
    assert "Dear" in body(english).decode() and "Kính gửi" not in body(english).decode()


def test_a_draft_is_rendered_each_time_and_still_revalidates(browser, owner, downloads_in_tmp):
    draft = make_notice(owner, make_client(owner))
    first = browser.get(f"/notices/{draft.pk}/download/txt/")
    assert first.status_code == 200 and not (downloads_in_tmp / "notices").exists()
    assert (
        browser.get(f"/notices/{draft.pk}/download/txt/", headers={"If-None-Match": first["ETag"]}).status_code == 304
    )
    draft.answers["cause"]["explanation"] = {"en": "A different cause entirely."}
    draft.save()
    changed = browser.get(f"/notices/{draft.pk}/download/txt/", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and "A different cause entirely." in changed.content.decode()


def test_a_stranger_gets_404_even_with_the_etag(client, browser, final):
    tag = browser.get(f"/notices/{final.pk}/download/pdf/")["ETag"]
    client.force_login(make_user("stranger"))
    assert client.get(f"/notices/{final.pk}/download/pdf/", headers={"If-None-Match": tag}).status_code == 404


def test_deleting_a_notice_deletes_its_stored_files(browser, final, downloads_in_tmp):
    browser.get(f"/notices/{final.pk}/download/pdf/")
    folder = downloads_in_tmp / "notices" / str(final.pk)
    assert len(list(folder.iterdir())) == 1
    final.delete()
    assert list(folder.iterdir()) == []


def test_a_new_renderer_revision_makes_new_files(final, monkeypatch):
    before = stored.etag(final, "pdf", "vi")
    monkeypatch.setattr(stored, "REVISION", "next")
    assert stored.etag(final, "pdf", "vi") != before


@pytest.mark.parametrize("language, mark", [("en", "DRAFT"), ("zh-hans", "草稿"), ("vi", "BẢN NHÁP")])
def test_a_drafts_pdf_says_draft_on_every_page_and_the_final_one_does_not(browser, owner, language, mark):
    import unicodedata

    notice = make_notice(owner, make_client(owner, language=language), language=language)
    pages = PdfReader(io.BytesIO(body(browser.get(f"/notices/{notice.pk}/download/pdf/")))).pages
    assert all(mark in unicodedata.normalize("NFC", page.extract_text()) for page in pages)
    finalise(notice)
    final = PdfReader(io.BytesIO(body(browser.get(f"/notices/{notice.pk}/download/pdf/")))).pages
    assert not any(mark in unicodedata.normalize("NFC", page.extract_text()) for page in final)
