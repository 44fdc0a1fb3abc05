"""After sending: progress updates, the calendar file, and follow-up notices from the same case."""

import datetime as dt

import icalendar
import pytest
from django.utils import timezone

from composer.answers import parse_case
from composer.letters import compose
from composer.models import Notice, ProgressUpdate

from .cases import PAYMENT, answers
from .factories import complete_answers, finalise, make_client, make_notice, make_user, version

pytestmark = pytest.mark.django_db
CONFIRM = {"confirm": "1"}
ON_TRACK = {"status": "on_track", "done": ""}


class TestComposer:
    def test_a_progress_update_reports_done_and_next(self):
        letter = compose(answers(letter_type="progress", notice_date="2026-12-28"))
        assert letter.subject.startswith("Progress update – Spring campaign website (SOW-118)")
        assert "we are on track to deliver on Tuesday, January 12" in letter.body_text
        assert "The new payment API was integrated on December 23, as planned." in letter.body_text
        assert "Thursday, December 31" in letter.body_text  # the next update, moved off New Year's Day
        assert "apolog" not in letter.body_text

    def test_a_completion_notice_thanks_and_keeps_the_relationship(self):
        letter = compose(answers(letter_type="completion", notice_date="2027-01-11"))
        assert letter.subject == "Spring campaign website (SOW-118) – delivered"
        assert "We have now delivered the spring campaign website" in letter.body_text
        assert "automated tests now cover the payment integration" in letter.body_text
        assert "look forward to the next one" in letter.body_text

    def test_a_payment_completion_confirms_the_amount(self):
        letter = compose(
            answers(PAYMENT, letter_type="completion", notice_date="2027-04-08", remedies=[], language="en")
        )
        assert "We have now paid invoice 0001234 for VND 25,000,000 in full." in letter.body_text

    @pytest.mark.parametrize(
        ("language", "expected"),
        [("zh-hans", "将于2027年1月12日交付"), ("vi", "bàn giao đúng ngày 12/01/2027")],
    )
    def test_follow_ups_are_written_in_the_notice_language(self, language, expected):
        letter = compose(answers(letter_type="progress", notice_date="2026-12-28", language=language))
        assert expected in letter.body_text
        assert "Spring campaign" not in letter.body_text

    @pytest.mark.parametrize(
        ("language", "number", "slipping", "done"),
        [
            ("en", "Progress update 2 –", "is at risk", "Since our last update: We rebuilt the checkout."),
            ("zh-hans", "（第2次）", "存在风险", "自上次通报以来，我们重做了结算页面。"),
            (
                "vi",
                "(lần 2)",
                "có nguy cơ không kịp",
                "Kể từ lần cập nhật trước: chúng tôi đã làm lại trang thanh toán.",
            ),
        ],
    )
    def test_a_progress_update_says_what_the_user_reported_with_its_own_number(self, language, number, slipping, done):
        report = {
            "en": "We rebuilt the checkout.",
            "zh-hans": "我们重做了结算页面",
            "vi": "chúng tôi đã làm lại trang thanh toán",
        }
        kw = {"letter_type": "progress", "notice_date": "2026-12-28", "language": language}
        letter = compose(answers(**kw, progress={"status": "slipping", "done": report, "sequence": 2}))
        assert number in letter.subject
        assert slipping in letter.body_text and done in letter.body_text
        on_track = compose(answers(**kw, progress={"status": "on_track", "sequence": 1}))
        assert slipping not in on_track.body_text and number not in on_track.subject

    @pytest.mark.parametrize(
        ("language", "letter_says", "chat_says"),
        [
            (
                "en",
                ["We are sorry for the uncertainty this causes.", "or propose a new one, by Thursday, December 31."],
                ["we’re sorry to say the work is running behind", "We’ll confirm by Thursday the 31st."],
            ),
            (
                "zh-hans",
                ["我司深表歉意", "我司将于12月31日前确认能否如期"],
                ["实在抱歉", "我们12月31日前确认后第一时间告诉您"],
            ),
            (
                "vi",
                ["Chúng tôi thành thật xin lỗi", "xác nhận lại chậm nhất thứ Năm 31/12"],
                ["Thành thật xin lỗi", "Chậm nhất 31/12 chúng tôi sẽ xác nhận lại với chị."],
            ),
        ],
    )
    def test_a_slipping_update_apologises_and_says_by_when_it_will_confirm(self, language, letter_says, chat_says):
        kw = {"letter_type": "progress", "notice_date": "2026-12-28", "language": language}
        letter = compose(answers(**kw, progress={"status": "slipping"}))
        chat = compose(answers(**kw, channel="chat", progress={"status": "slipping"})).chat
        assert all(words in letter.body_text for words in letter_says), letter.body_text
        assert all(words in chat for words in chat_says), chat

    def test_a_completion_notice_may_come_after_the_new_deadline(self):
        a = answers(letter_type="completion", notice_date="2027-02-01")
        assert a.notice_date > a.plan.new_deadline


@pytest.fixture
def sent(client):
    owner = make_user()
    notice = make_notice(owner, make_client(owner))
    client.force_login(owner)
    assert client.post(f"/notices/{notice.pk}/finalise/", version(notice) | CONFIRM).status_code == 302
    notice.refresh_from_db()
    return client, notice


def test_finalising_schedules_the_progress_updates(sent):
    _client, notice = sent
    dates = list(notice.updates.values_list("date", flat=True))
    assert dates and all(d.weekday() == 2 for d in dates)
    assert set(notice.updates.values_list("state", flat=True)) == {"due"}


def test_the_calendar_file_parses_back(sent):
    client, notice = sent
    response = client.get(f"/notices/{notice.pk}/schedule.ics")
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    summaries = [str(e["SUMMARY"]) for e in events]
    assert len(events) == notice.updates.count() + 2
    assert summaries[-1] == "New deadline: Spring campaign website"
    assert all(isinstance(e.decoded("DTSTART"), dt.date) for e in events)
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_a_progress_update_asks_what_to_report_first(sent):
    client, notice = sent
    update = notice.updates.first()
    page = client.get(f"/notices/{notice.pk}/follow-up/progress/?update={update.pk}")
    html = page.content.decode()
    assert page.status_code == 200 and "On track" in html and "Slipping" in html and f'value="{update.pk}"' in html
    assert not Notice.objects.filter(follows=notice).exists()


def test_drafting_an_update_does_not_mark_it_sent_and_keeps_the_case(sent):
    client, notice = sent
    update = notice.updates.first()
    response = client.post(f"/notices/{notice.pk}/follow-up/progress/", {"update": update.pk, **ON_TRACK})
    draft = Notice.objects.get(follows=notice)
    assert response.url == f"/notices/{draft.pk}/step/review/"
    assert draft.letter_type == "progress" and draft.is_draft and draft.language == notice.language
    update.refresh_from_db()
    assert update.state == "due" and update.followup == draft
    page = client.get(f"/notices/{draft.pk}/preview/").content.decode()
    assert "Here is a short update on the spring campaign website" in page
    assert client.get(f"/notices/{draft.pk}/step/review/").context["findings"] == []
    assert "Update drafted" in client.get(f"/notices/{notice.pk}/").content.decode()


def test_an_update_becomes_sent_when_its_notice_is_sent(sent, settings):
    client, notice = sent
    settings.SEND_DELAY_SECONDS = 0
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    update = notice.updates.first()
    client.post(f"/notices/{notice.pk}/follow-up/progress/", {"update": update.pk, **ON_TRACK})
    draft = Notice.objects.get(follows=notice)
    client.post(f"/notices/{draft.pk}/finalise/", version(draft) | CONFIRM)
    update.refresh_from_db()
    assert update.state == "due"
    today = timezone.localdate().isoformat()
    client.post(f"/notices/{draft.pk}/sent-myself/", {"sent-channel": "chat", "sent-date": today})
    update.refresh_from_db()
    assert update.state == "sent"


def test_the_report_feeds_the_update_and_it_gets_its_own_number(sent):
    client, notice = sent
    report = {"status": "slipping", "done": "We rebuilt the checkout pages."}
    client.post(f"/notices/{notice.pk}/follow-up/progress/", report)
    client.post(f"/notices/{notice.pk}/follow-up/progress/", ON_TRACK)
    first, second = Notice.objects.filter(follows=notice).order_by("pk")
    assert first.answers["progress"] == {
        "status": "slipping",
        "sequence": 1,
        "done": {"en": "We rebuilt the checkout pages."},
    }
    assert second.answers["progress"]["sequence"] == 2
    page = client.get(f"/notices/{first.pk}/preview/").content.decode()
    assert "is at risk" in page and "We rebuilt the checkout pages." in page and "on track" not in page
    assert "Progress update 2 –" in client.get(f"/notices/{second.pk}/preview/").content.decode()


@pytest.mark.parametrize("done", ["x" * 601, "bad\x00text"])
def test_a_report_out_of_bounds_is_refused(sent, done):
    client, notice = sent
    page = client.post(f"/notices/{notice.pk}/follow-up/progress/", {"status": "on_track", "done": done})
    assert page.status_code == 200 and page.context["form"].errors
    assert not Notice.objects.filter(follows=notice).exists()


def test_an_unknown_report_status_is_refused(sent):
    client, notice = sent
    page = client.post(f"/notices/{notice.pk}/follow-up/progress/", {"status": "great"})
    assert page.status_code == 200 and not Notice.objects.filter(follows=notice).exists()


def test_a_notice_without_its_updates_gets_them_scheduled(client):
    owner = make_user()
    notice = finalise(make_notice(owner, make_client(owner)))
    assert not notice.updates.exists()
    client.force_login(owner)
    page = client.get(f"/notices/{notice.pk}/").content.decode()
    assert notice.updates.count() >= 3 and "The plan has no scheduled updates" not in page
    client.get(f"/notices/{notice.pk}/")
    assert notice.updates.count() == len(set(notice.updates.values_list("date", flat=True)))


def test_the_clean_up_schedules_the_updates_no_one_has_opened_yet(db):
    from composer import jobs
    from composer.letters.schedule import update_dates

    owner = make_user()
    notice = finalise(make_notice(owner, make_client(owner)))
    plan = complete_answers()["plan"] | {"updates": {"cadence": "none"}}
    without = finalise(make_notice(owner, make_client(owner, name="Other"), answers=complete_answers(plan=plan)))
    draft = make_notice(owner, make_client(owner, name="Third"))
    expected = update_dates(parse_case(notice.case(), language=notice.language))
    assert len(expected) >= 3
    assert jobs.prune()["updates_scheduled"] == len(expected)
    assert sorted(notice.updates.values_list("date", flat=True)) == expected
    assert not without.updates.exists() and not draft.updates.exists()
    assert jobs.prune()["updates_scheduled"] == 0


def test_a_revised_delay_notice_has_its_updates_too(sent):
    client, notice = sent
    client.post(f"/notices/{notice.pk}/revise/")
    revision = Notice.objects.get(revision_of=notice)
    client.post(f"/notices/{revision.pk}/finalise/", version(revision) | CONFIRM)
    assert revision.updates.exists()


def test_a_completion_notice_records_the_completion_date(sent):
    client, notice = sent
    client.post(f"/notices/{notice.pk}/follow-up/completion/")
    notice.refresh_from_db()
    assert notice.completed_on is not None
    assert Notice.objects.get(follows=notice).letter_type == "completion"


def test_an_update_can_be_skipped(sent):
    client, notice = sent
    update = notice.updates.first()
    client.post(f"/notices/{notice.pk}/updates/{update.pk}/", {"state": "skipped"})
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.SKIPPED


def test_strangers_get_404(sent):
    client, notice = sent
    client.force_login(make_user("stranger"))
    update = notice.updates.first()
    assert client.get(f"/notices/{notice.pk}/schedule.ics").status_code == 404
    assert client.post(f"/notices/{notice.pk}/follow-up/progress/", ON_TRACK).status_code == 404
    assert client.get(f"/notices/{notice.pk}/follow-up/progress/").status_code == 404
    assert client.post(f"/notices/{notice.pk}/updates/{update.pk}/", {"state": "skipped"}).status_code == 404
    update.refresh_from_db()
    assert update.state == "due" and not Notice.objects.filter(follows=notice).exists()


def test_a_revised_follow_up_stays_a_follow_up(sent):
    client, notice = sent
    client.post(f"/notices/{notice.pk}/follow-up/completion/")
    draft = Notice.objects.get(follows=notice)
    assert client.post(f"/notices/{draft.pk}/finalise/", version(draft) | CONFIRM).status_code == 302
    client.post(f"/notices/{draft.pk}/revise/")
    revision = Notice.objects.get(revision_of=draft)
    assert (revision.letter_type, revision.follows_id) == ("completion", notice.pk)


@pytest.mark.parametrize("bad", ["abc", "1.0", "²"])
def test_a_follow_up_with_a_bad_update_id_is_drafted_without_a_500(sent, bad):
    client, notice = sent
    response = client.post(f"/notices/{notice.pk}/follow-up/progress/", {"update": bad, **ON_TRACK})
    assert response.status_code == 302
    assert not notice.updates.filter(state="sent").exists() and not notice.updates.filter(followup__isnull=False)
