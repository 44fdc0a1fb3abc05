"""After sending: progress updates, the calendar file, and follow-up notices from the same case."""

import datetime as dt

import icalendar
import pytest

from composer.letters import compose
from composer.models import Notice, ProgressUpdate

from .cases import PAYMENT, answers
from .factories import make_client, make_notice, make_user, version

pytestmark = pytest.mark.django_db


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
        [("zh-hans", "将于2027年1月12日交付"), ("vi", "bàn giao vào ngày 12/01/2027")],
    )
    def test_follow_ups_are_written_in_the_notice_language(self, language, expected):
        letter = compose(answers(letter_type="progress", notice_date="2026-12-28", language=language))
        assert expected in letter.body_text
        assert "Spring campaign" not in letter.body_text

    def test_a_completion_notice_may_come_after_the_new_deadline(self):
        a = answers(letter_type="completion", notice_date="2027-02-01")
        assert a.notice_date > a.plan.new_deadline


@pytest.fixture
def sent(client):
    owner = make_user()
    notice = make_notice(owner, make_client(owner))
    client.force_login(owner)
    assert client.post(f"/notices/{notice.pk}/finalise/", version(notice)).status_code == 302
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


def test_drafting_an_update_marks_it_and_keeps_the_case(sent):
    client, notice = sent
    update = notice.updates.first()
    response = client.post(f"/notices/{notice.pk}/follow-up/progress/", {"update": update.pk})
    draft = Notice.objects.get(follows=notice)
    assert response.url == f"/notices/{draft.pk}/step/review/"
    assert draft.letter_type == "progress" and draft.is_draft and draft.language == notice.language
    update.refresh_from_db()
    assert update.state == "sent"
    page = client.get(f"/notices/{draft.pk}/preview/").content.decode()
    assert "Here is a short update on the spring campaign website" in page
    assert client.get(f"/notices/{draft.pk}/step/review/").context["findings"] == []


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
    assert client.post(f"/notices/{notice.pk}/follow-up/progress/").status_code == 404
    assert client.post(f"/notices/{notice.pk}/updates/{update.pk}/", {"state": "skipped"}).status_code == 404
    update.refresh_from_db()
    assert update.state == "due" and not Notice.objects.filter(follows=notice).exists()


def test_a_revised_follow_up_stays_a_follow_up(sent):
    client, notice = sent
    client.post(f"/notices/{notice.pk}/follow-up/completion/")
    draft = Notice.objects.get(follows=notice)
    assert client.post(f"/notices/{draft.pk}/finalise/", version(draft)).status_code == 302
    client.post(f"/notices/{draft.pk}/revise/")
    revision = Notice.objects.get(revision_of=draft)
    assert (revision.letter_type, revision.follows_id) == ("completion", notice.pk)


@pytest.mark.parametrize("bad", ["abc", "1.0", "²"])
def test_a_follow_up_with_a_bad_update_id_is_drafted_without_a_500(sent, bad):
    client, notice = sent
    response = client.post(f"/notices/{notice.pk}/follow-up/progress/", {"update": bad})
    assert response.status_code == 302
    assert not notice.updates.filter(state="sent").exists()
