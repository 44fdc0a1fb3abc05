"""Insights (A3): causes, average slip, how often the new date held, per client and per month."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from composer.views.insights import month_starts

from .factories import complete_answers, make_client, make_notice, make_user

pytestmark = pytest.mark.django_db


def months_ago(n):
    """Noon on the 15th, n months back (this month when n == 0)."""
    start = month_starts(timezone.localdate(), n + 1)[0]
    return timezone.make_aware(dt.datetime.combine(start.replace(day=15), dt.time(12)))


def delay(owner, client, category, original, new, completed_on=None, created=None, **kw):
    answers = complete_answers(
        commitment={"title": "Order", "original_deadline": original},
        cause={"category": category, "responsibility": "ours", "explanation": "—"},
        plan={"new_deadline": new, "measures": "—"},
    )
    return make_notice(
        owner,
        client,
        answers=answers,
        completed_on=completed_on and dt.date.fromisoformat(completed_on),
        created=created or timezone.now(),
        **kw,
    )


@pytest.fixture
def library(owner):
    """Six delays counted: slips 10, 20, 30, 4, 8 days (average 14.4); 2 of 3 completed held."""
    a = make_client(owner, name="华远贸易有限公司", language="zh-hans", country="CN")
    b = make_client(owner, name="Bluebird Retail Inc.")
    c = make_client(owner, name="Công ty An Phát", language="vi", country="VN")
    now = timezone.now()
    n1 = delay(owner, a, "supplier", "2026-03-01", "2026-03-11", completed_on="2026-03-10", created=now)
    delay(owner, a, "supplier", "2026-04-01", "2026-04-21", completed_on="2026-04-25", created=now)
    delay(owner, b, "technical", "2026-05-01", "2026-05-31", completed_on="2026-05-31", created=months_ago(2))
    delay(owner, b, "illness", "2026-06-01", "2026-06-05", created=months_ago(13))
    # A draft that has not reached the cause step: counted, but with no cause and no dates.
    make_notice(owner, a, step=1, answers={"kind": "deliverable", "subkind": "project"}, created=now)
    # A revised notice counts once, as its latest revision.
    first = delay(owner, c, "scope_change", "2026-07-01", "2026-07-07", created=months_ago(11))
    delay(owner, c, "scope_change", "2026-07-01", "2026-07-09", created=months_ago(11), revision_of=first, revision=2)
    # A progress update repeats its case: not a delay of its own.
    delay(
        owner, a, "supplier", "2026-03-01", "2026-03-11", completed_on="2026-03-30", letter_type="progress", follows=n1
    )
    return {"a": a, "b": b, "c": c}


def test_it_counts_causes_slip_and_held_dates(browser, library):
    context = browser.get("/insights/").context
    assert context["total"] == 6
    assert [(bar["label"], bar["value"]) for bar in context["causes"]["bars"]] == [
        ("A supplier delivered late", 2),
        ("A technical problem", 1),
        ("The scope changed", 1),
        ("Illness", 1),
    ]
    assert context["uncategorised"] == 1
    assert context["slip"] == pytest.approx(14.4)
    assert context["dated"] == 5
    assert (context["held"], context["completed"], context["held_share"]) == (2, 3, 67)


def test_it_counts_per_client_with_slip_and_held_share(browser, library):
    bars = browser.get("/insights/").context["clients"]["bars"]
    assert [(bar["label"], bar["value"]) for bar in bars] == [
        ("华远贸易有限公司", 3),
        ("Bluebird Retail Inc.", 2),
        ("Công ty An Phát", 1),
    ]
    a, b, c = bars
    assert (a["slip"], a["held"], a["completed"], a["held_share"]) == (pytest.approx(15), 1, 2, 50)
    assert (b["slip"], b["held_share"]) == (pytest.approx(17), 100)
    assert (c["slip"], c["held_share"]) == (pytest.approx(8), None)
    assert float(a["width"]) > float(b["width"]) > float(c["width"])


def test_it_counts_per_month_over_the_last_twelve(browser, library):
    months = browser.get("/insights/").context["months"]
    values = [bar["value"] for bar in months["bars"]]
    assert len(values) == 12
    assert values[-1] == 3  # this month: two delays and the draft
    assert values[-3] == 1
    assert values[0] == 1  # the revision, 11 months ago; the one 13 months ago is outside
    assert sum(values) == months["total"] == 5
    assert months["bars"][-1]["month"] == timezone.localdate().replace(day=1)


def test_the_page_draws_svg_charts_with_the_numbers(browser, library):
    page = browser.get("/insights/").content.decode()
    assert page.count("<svg") == 3
    assert "<title>A supplier delivered late: 2</title>" in page
    assert ">14.4 <span" in page
    assert "67%" in page and "2 of 3 completed notices" in page
    assert 'href="/static/css/insights.css"' in page
    assert f'href="/clients/{library["a"].pk}/"' in page
    assert "<script" not in page.split("<main", 1)[1]


def test_numbers_months_and_labels_follow_the_interface_language(browser, library):
    page = browser.get("/insights/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert ">14,4 <span" in page
    zh = browser.get("/insights/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    this_month = timezone.localdate()
    assert f"<td>{this_month.year}年{this_month.month}月</td>" in zh
    assert "<title>供应商交货延迟: 2</title>" in zh


def test_not_enough_data_without_completed_notices(browser, owner):
    client = make_client(owner)
    delay(owner, client, "technical", "2026-05-01", "2026-05-11")
    response = browser.get("/insights/")
    assert response.context["held_share"] is None
    assert "Not enough data yet" in response.content.decode()


def test_an_empty_library_says_so(browser):
    response = browser.get("/insights/")
    assert response.status_code == 200
    assert "No notices yet" in response.content.decode()


def test_a_strangers_notices_are_never_counted(client, library):
    stranger = make_user("stranger")
    theirs = make_client(stranger, name="Stranger Co")
    for _ in range(3):
        delay(stranger, theirs, "other", "2026-01-01", "2026-03-01", completed_on="2026-02-01")
    client.force_login(stranger)
    assert client.get("/insights/").context["total"] == 3
    client.force_login(library["a"].owner)
    context = client.get("/insights/").context
    assert context["total"] == 6
    assert "Something else" not in [bar["label"] for bar in context["causes"]["bars"]]
    assert "Stranger Co" not in [bar["label"] for bar in context["clients"]["bars"]]
    assert (context["held"], context["completed"]) == (2, 3)


def test_logged_out_visitors_are_sent_to_log_in(client, library):
    response = client.get("/insights/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/insights/"


def test_it_runs_in_a_constant_number_of_queries(browser, owner):
    clients = [make_client(owner, name=f"Client {i}") for i in range(12)]
    categories = ["supplier", "technical", "illness", "other"]

    def add(count):
        for i in range(count):
            delay(
                owner,
                clients[i % 12],
                categories[i % 4],
                "2026-03-01",
                f"2026-03-{2 + i % 20:02d}",
                completed_on="2026-03-10" if i % 3 else None,
                created=months_ago(i % 14),
            )

    add(5)
    with CaptureQueriesContext(connection) as few:
        assert browser.get("/insights/").status_code == 200
    add(45)
    with CaptureQueriesContext(connection) as many:
        assert browser.get("/insights/").context["total"] == 50
    assert len(few) == len(many) <= 4
