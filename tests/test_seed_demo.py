"""`seed_demo --notices N`: a realistic library on the demo account, for demos and the benchmark."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from composer.answers import CATEGORIES, parse_case
from composer.models import Client, LogEntry, Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo")
    before = Notice.objects.count()
    call_command("seed_demo", notices=300, seed=7)
    demo = get_user_model().objects.get(username="demo")
    return demo, Notice.objects.filter(owner=demo).order_by("pk")[before:]


def test_it_adds_300_notices_to_the_demo_account(seeded):
    demo, added = seeded
    assert len(added) == 300
    assert Notice.objects.count() == Notice.objects.filter(owner=demo).count() == 304
    assert not Client.objects.exclude(owner=demo).exists()
    assert {n.client.owner_id for n in added} == {demo.pk}


def test_they_spread_over_every_status_language_kind_and_cause(seeded):
    _demo, added = seeded
    assert {n.status for n in added} == set(Notice.Status.values)
    assert {n.language for n in added} == {"zh-hans", "vi", "en"}
    assert {n.kind for n in added} == {"deliverable", "payment"}
    assert {n.category for n in added} >= set(CATEGORIES)
    assert {n.client.country for n in added} == {"CN", "VN", "US", "GB"}
    assert Client.objects.filter(owner=seeded[0]).count() == 43


def test_dates_are_consistent(seeded):
    _demo, added = seeded
    today = timezone.localdate()
    dated = [n for n in added if n.original_deadline and n.new_deadline]
    assert len(dated) > 250
    assert all(n.new_deadline > n.original_deadline for n in dated)
    created = [n.created for n in added]
    assert timezone.now() - min(created) > dt.timedelta(days=365)
    assert timezone.now() - min(created) <= dt.timedelta(days=731)
    completed = [n for n in added if n.completed_on]
    assert all(n.completed_on <= today for n in completed)
    held = [n for n in completed if n.completed_on <= n.new_deadline]
    assert len(completed) > 50 and 0.6 < len(held) / len(completed) < 0.95
    assert all(n.updated >= n.created for n in added)


def test_texts_are_in_the_notices_language_and_searchable(seeded):
    _demo, added = seeded
    assert all(n.search_text for n in added)
    zh = [n for n in added if n.language == "zh-hans" and n.answers.get("cause")]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in n.answers["cause"]["explanation"]) for n in zh)
    assert len({n.title for n in added}) > 60


def test_finalised_notices_hold_valid_cases_and_open(client, seeded):
    demo, added = seeded
    final = [n for n in added if n.frozen]
    assert len(final) > 200
    for notice in final:
        parse_case(notice.frozen["case"])
    assert LogEntry.objects.filter(notice__in=final).exists()
    client.force_login(demo)
    sent = next(n for n in final if n.status == "sent")
    assert client.get(f"/notices/{sent.pk}/").status_code == 200


def test_the_library_finds_a_chinese_substring(client, seeded):
    demo, added = seeded
    title = next(n.title for n in added if n.language == "zh-hans" and len(n.title) >= 6 and n.status != "archived")
    word = title[2:5]
    client.force_login(demo)
    page = client.get("/", {"q": word}).context["page"]
    assert page.paginator.count >= 1
    assert all(word in n.search_text for n in Notice.objects.filter(pk__in=[n.pk for n in page.object_list]))
    assert page.paginator.count == Notice.objects.filter(search_text__contains=word).exclude(status="archived").count()


def test_running_it_again_adds_more_without_new_clients(seeded):
    demo, _added = seeded
    call_command("seed_demo", notices=20)
    assert Notice.objects.filter(owner=demo).count() == 324
    assert Client.objects.filter(owner=demo).count() == 43


def test_it_creates_the_demo_account_first_when_needed():
    call_command("seed_demo", notices=5)
    demo = get_user_model().objects.get(username="demo")
    assert demo.check_password("delaynote-demo")
    assert Notice.objects.filter(owner=demo).count() == 4 + 5


def test_every_finalised_demo_notice_follows_the_products_rules(seeded):
    """New dates, milestones and updates on working days; the coach finds nothing to fix or warn about."""
    from composer.coach import OK, check
    from composer.letters.schedule import day_off, recipient_country, update_plan
    from composer.views.common import letter_for

    demo, _added = seeded
    final = Notice.objects.filter(owner=demo).exclude(status="draft")
    assert final.count() > 200
    for notice in final:
        answers, _composed, letter, problems = letter_for(notice)
        assert letter is not None, (notice.pk, problems)
        country = recipient_country(answers)
        assert day_off(answers.plan.new_deadline, country) is None, (notice.pk, answers.plan.new_deadline)
        assert all(day_off(m.date, country) is None for m in answers.plan.milestones), notice.pk
        plan = update_plan(answers)
        assert not plan.moved and not plan.skipped, (notice.pk, plan)
        assert all(day_off(day, country) is None for day in plan.dates), notice.pk
        findings = [f for f in check(answers, letter) if f.status != OK]
        assert findings == [], (notice.pk, findings)
