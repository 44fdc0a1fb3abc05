"""The library: search in three languages, filters, sorting, pages; and a notice's life after sending."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from composer.models import LogEntry, Notice

from .factories import complete_answers, finalise, make_client, make_notice, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(owner):
    zh = make_client(owner, name="华远贸易有限公司", contact_person="王芳", language="zh-hans", country="CN")
    vi = make_client(owner, name="Công ty An Phát", contact_person="Trần Thu Hà", language="vi", country="VN")
    en = make_client(owner)
    a = make_notice(
        owner,
        zh,
        title="第二批不锈钢保温杯",
        answers=complete_answers(
            cause={
                "category": "supplier",
                "responsibility": "shared",
                "explanation": "杯盖注塑件的供应商模具出现故障。",
            }
        ),
    )
    b = make_notice(owner, vi, title="Website thương mại điện tử")
    c = finalise(make_notice(owner, en, title="Spring campaign website"))
    return {"zh": a, "vi": b, "en": c}


def titles(response):
    return [n.title for n in response.context["page"].object_list]


def test_chinese_search_matches_substrings(browser, shelf):
    assert titles(browser.get("/?q=保温杯")) == ["第二批不锈钢保温杯"]
    assert titles(browser.get("/?q=模具")) == ["第二批不锈钢保温杯"]
    assert titles(browser.get("/?q=华远")) == ["第二批不锈钢保温杯"]


def test_vietnamese_and_english_search_ignore_case(browser, shelf):
    assert titles(browser.get("/?q=THƯƠNG MẠI")) == ["Website thương mại điện tử"]
    assert titles(browser.get("/?q=nothing-like-this")) == []


def test_filters_combine_and_the_url_keeps_them(browser, shelf):
    assert titles(browser.get("/?status=final")) == ["Spring campaign website"]
    assert titles(browser.get("/?language=vi")) == ["Website thương mại điện tử"]
    assert titles(browser.get("/?cause=supplier")) == ["第二批不锈钢保温杯"]
    assert titles(browser.get(f"/?client={shelf['vi'].client_id}&kind=deliverable")) == ["Website thương mại điện tử"]
    assert set(titles(browser.get("/?sort=title"))) == {
        "第二批不锈钢保温杯",
        "Website thương mại điện tử",
        "Spring campaign website",
    }
    page = browser.get("/?language=vi&sort=title").content.decode()
    assert 'value="vi" selected' in page


def test_bad_filters_are_ignored_not_a_500(browser, shelf):
    response = browser.get("/?status=nope&start=2027-99-99&client=abc&sort=password&page=-4")
    assert response.status_code == 200
    assert response.context["form"].errors


def test_htmx_gets_only_the_results(browser, shelf):
    body = browser.get("/?q=website", headers={"HX-Request": "true"}).content.decode()
    assert body.lstrip().startswith('<div id="results">') and "<html" not in body


def test_pages_of_25(browser, owner):
    client = make_client(owner)
    for i in range(30):
        make_notice(owner, client, title=f"Notice {i:02d}")
    first = browser.get("/?sort=title")
    assert len(first.context["page"].object_list) == 25
    second = browser.get("/?sort=title&page=2")
    assert titles(second) == [f"Notice {i:02d}" for i in range(25, 30)]
    assert "page=2" in first.content.decode()


def test_the_library_runs_in_a_constant_number_of_queries(browser, owner):
    client = make_client(owner)
    for i in range(3):
        make_notice(owner, client, title=f"A {i}")
    with CaptureQueriesContext(connection) as few:
        browser.get("/?q=a")
    for i in range(30):
        make_notice(owner, make_client(owner, name=f"Client {i}"), title=f"B {i}")
    with CaptureQueriesContext(connection) as many:
        browser.get("/?q=b")
    assert len(few) == len(many)


def test_a_stranger_sees_none_of_it(client, shelf):
    client.force_login(make_user("stranger"))
    assert titles(client.get("/")) == []
    assert titles(client.get("/?q=保温杯")) == []


class TestLifeCycle:
    def test_recording_an_answer_marks_the_notice_answered(self, browser, shelf):
        notice = shelf["en"]
        response = browser.post(
            f"/notices/{notice.pk}/log/",
            {"date": "2026-01-05", "channel": "phone", "response": "accepted", "notes": "OK with the new date."},
        )
        assert response.status_code == 302
        notice.refresh_from_db()
        assert notice.status == "answered"
        page = browser.get(f"/notices/{notice.pk}/").content.decode()
        assert "OK with the new date." in page
        client_page = browser.get(f"/clients/{notice.client_id}/").content.decode()
        assert "OK with the new date." in client_page

    def test_a_log_entry_in_the_future_is_refused(self, browser, shelf):
        notice = shelf["en"]
        browser.post(f"/notices/{notice.pk}/log/", {"date": "2099-01-01", "channel": "phone", "response": "accepted"})
        assert LogEntry.objects.count() == 0

    def test_close_archive_and_restore(self, browser, shelf):
        notice = shelf["en"]
        browser.post(f"/notices/{notice.pk}/status/close/")
        notice.refresh_from_db()
        assert notice.status == "closed"
        browser.post(f"/notices/{notice.pk}/status/archive/")
        notice.refresh_from_db()
        assert notice.status == "archived"
        assert "Spring campaign website" not in titles(browser.get("/"))
        assert titles(browser.get("/?status=archived")) == ["Spring campaign website"]
        browser.post(f"/notices/{notice.pk}/status/restore/")
        notice.refresh_from_db()
        assert notice.status == "closed"

    def test_a_draft_cannot_be_closed(self, browser, shelf):
        browser.post(f"/notices/{shelf['vi'].pk}/status/close/")
        shelf["vi"].refresh_from_db()
        assert shelf["vi"].status == "draft"

    def test_duplicate_for_another_client(self, browser, shelf):
        source = shelf["en"]
        response = browser.post(f"/notices/{source.pk}/duplicate/", {"client": shelf["zh"].client_id})
        copy = Notice.objects.exclude(pk__in=[n.pk for n in shelf.values()]).get()
        assert response.url == f"/notices/{copy.pk}/step/commitment/"
        assert copy.is_draft and copy.client_id == shelf["zh"].client_id and copy.language == "zh-hans"
        assert copy.answers["plan"] == source.frozen["case"]["plan"]
        assert "recipient" not in copy.answers

    def test_revising_a_final_notice_keeps_the_old_one(self, browser, shelf):
        old = shelf["en"]
        frozen = old.frozen
        response = browser.post(f"/notices/{old.pk}/revise/")
        new = Notice.objects.get(revision_of=old)
        assert response.url == f"/notices/{new.pk}/step/review/"
        assert new.revision == 2 and new.is_draft
        old.refresh_from_db()
        assert old.frozen == frozen and old.status == "final"
        assert "Revision 2" in browser.get(f"/notices/{old.pk}/").content.decode()

    def test_delete_asks_first(self, browser, shelf):
        notice = shelf["vi"]
        assert "cannot be undone" in browser.get(f"/notices/{notice.pk}/delete/").content.decode()
        browser.post(f"/notices/{notice.pk}/delete/")
        assert not Notice.objects.filter(pk=notice.pk).exists()

    def test_strangers_get_404_on_every_action(self, client, shelf):
        client.force_login(make_user("stranger"))
        notice = shelf["en"]
        for url in ("log/", "status/close/", "duplicate/", "revise/", "delete/"):
            assert (
                client.post(
                    f"/notices/{notice.pk}/{url}", {"date": "2026-01-01", "channel": "email", "response": "accepted"}
                ).status_code
                == 404
            )
        assert client.get(f"/notices/{notice.pk}/delete/").status_code == 404
        notice.refresh_from_db()
        assert notice.status == "final" and not notice.log.exists()


def test_the_composed_text_is_searchable_in_each_language(browser, owner):
    zh = make_client(owner, name="华远", contact_person="王芳", language="zh-hans", country="CN")
    vi = make_client(owner, name="An Phát", contact_person="Hà", language="vi", country="VN")
    make_notice(owner, zh, title="保温杯")
    make_notice(owner, vi, title="Website")
    make_notice(owner, make_client(owner), title="Campaign")
    assert titles(browser.get("/?q=深表歉意")) == ["保温杯"]
    assert titles(browser.get("/?q=thành thật xin lỗi")) == ["Website"]
    assert titles(browser.get("/?q=we apologize")) == ["Campaign"]


class TestSearchForgivesDiacritics:
    """Vietnamese typed without its marks, any case, full-width Latin from a Chinese input method."""

    @pytest.fixture
    def vietnamese(self, owner):
        client = make_client(
            owner, name="Công ty Đại Phát", contact_person="Nguyễn Thị Lan", language="vi", country="VN"
        )
        answers = complete_answers(
            cause={"category": "third_party", "responsibility": "shared", "explanation": "Ngân hàng xử lý chậm."}
        )
        return make_notice(owner, client, title="Thông báo chậm thanh toán hóa đơn số 0001234", answers=answers)

    @pytest.mark.parametrize(
        "query",
        [
            "thong bao",
            "hoa don",
            "xin loi",
            "THONG BAO",
            "thông báo",
            "Hóa Đơn",
            "dai phat",
            "nguyen thi lan",
            "ngan hang",
        ],
    )
    def test_with_or_without_diacritics(self, browser, vietnamese, query):
        assert titles(browser.get("/", {"q": query})) == [vietnamese.title]

    def test_other_words_still_do_not_match(self, browser, vietnamese):
        assert titles(browser.get("/", {"q": "thong tin"})) == []
        assert titles(browser.get("/", {"q": "hoa don xyz"})) == []

    def test_full_width_forms_and_chinese(self, browser, owner):
        client = make_client(owner, name="华远贸易有限公司", language="zh-hans", country="CN")
        notice = make_notice(owner, client, title="ＩＮＶ２０２６０８８ 第二批保温杯货款")
        assert titles(browser.get("/", {"q": "inv2026"})) == [notice.title]
        assert titles(browser.get("/", {"q": "ＩＮＶ２０２６"})) == [notice.title]
        assert titles(browser.get("/", {"q": "保温杯"})) == [notice.title]
        other = make_notice(owner, client, title="INV20260099 货款")
        assert set(titles(browser.get("/", {"q": "ｉｎｖ２０２６００９９"}))) == {other.title}

    def test_the_stored_text_is_folded(self, vietnamese):
        assert "thong bao cham thanh toan hoa don" in vietnamese.search_text
        assert "đ" not in vietnamese.search_text and "ô" not in vietnamese.search_text

    def test_the_migration_folds_the_text_stored_before(self, vietnamese):
        import importlib
        from types import SimpleNamespace

        from django.apps import apps
        from django.db import connection

        Notice.objects.filter(pk=vietnamese.pk).update(search_text="thông báo chậm thanh toán hóa đơn")
        migration = importlib.import_module("composer.migrations.0009_folded_search")
        migration.fold_search_text(apps, SimpleNamespace(connection=connection))
        assert Notice.objects.get(pk=vietnamese.pk).search_text == "thong bao cham thanh toan hoa don"


class TestClarity:
    def test_the_date_range_says_which_date_it_filters(self, browser, owner):
        import datetime as dt

        from django.utils import timezone

        client = make_client(owner)
        old = make_notice(owner, client, title="Old one")
        Notice.objects.filter(pk=old.pk).update(created=timezone.now() - dt.timedelta(days=60))
        make_notice(owner, client, title="New one")
        today = timezone.localdate()
        page = browser.get("/").content.decode()
        assert "Date range" in page and ">Created<" in page and ">New deadline<" in page
        since = (today - dt.timedelta(days=7)).isoformat()
        assert titles(browser.get("/", {"start": since})) == ["New one"]
        assert titles(browser.get("/", {"dates": "created", "start": since})) == ["New one"]
        # Both have the same new deadline (about five weeks out): a deadline range finds both.
        deadline = Notice.objects.get(pk=old.pk).new_deadline
        found = titles(
            browser.get("/", {"dates": "new_deadline", "start": deadline.isoformat(), "end": deadline.isoformat()})
        )
        assert sorted(found) == ["New one", "Old one"]
        assert (
            titles(
                browser.get("/", {"dates": "original_deadline", "end": (deadline - dt.timedelta(days=400)).isoformat()})
            )
            == []
        )

    def test_a_reversed_range_is_explained_not_silently_empty(self, browser, shelf):
        response = browser.get("/", {"start": "2026-12-04", "end": "2026-11-01"})
        assert len(titles(response)) == 3  # the range is left out, the rest of the filters apply
        page = response.content.decode()
        assert 'role="alert"' in page and "These filters are not applied" in page
        assert "“To” (November 1, 2026) is before “From” (December 4, 2026)" in page
        partial = browser.get("/", {"start": "2026-12-04", "end": "2026-11-01"}, headers={"HX-Request": "true"})
        assert "is before" in partial.content.decode()

    def test_types_revisions_and_copies_are_marked(self, browser, owner, shelf):
        original = shelf["en"]
        browser.post(f"/notices/{original.pk}/revise/")
        browser.post(f"/notices/{original.pk}/duplicate/")
        revision = Notice.objects.get(revision_of=original)
        copy_ = Notice.objects.get(copy_of=original)
        Notice.objects.create(
            owner=owner,
            client=original.client,
            title=original.title,
            letter_type="progress",
            follows=original,
            answers=original.answers,
        )
        page = browser.get("/", {"client": original.client_id}).content.decode()
        assert page.count("Spring campaign website</a>") == 4
        assert page.count(">Delay notice<") == 3
        assert page.count(">Progress update<") == 1
        assert page.count(">Revision 2<") == 1 and revision.revision == 2
        assert page.count("Copy of the notice of ") == 1 and copy_.copy_of_id == original.pk
