"""One date style per interface language, the same in the library, on a notice's page and in a message."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format

from composer.models import LogEntry, Notice

from .factories import finalise, make_client, make_notice, make_user

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 4)
EXPECTED = {"en": "December 4, 2026", "vi": "04/12/2026", "zh-hans": "2026年12月4日"}
# What the issue found mixed in: Django's other built-in styles and ISO dates.
OTHERS = ["12/04/2026", "Dec. 4, 2026", "2026-12-04", "04-12-2026", "Ngày 04 tháng 12 năm 2026"]


@pytest.mark.parametrize("language", EXPECTED)
def test_one_date_format_per_language_everywhere(client, language):
    owner = make_user()
    notice = finalise(make_notice(owner, make_client(owner)))
    Notice.objects.filter(pk=notice.pk).update(created=timezone.make_aware(dt.datetime(2026, 12, 4, 12)))
    LogEntry.objects.create(notice=notice, date=DAY, channel="phone", response="accepted")
    client.force_login(owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    library = client.get("/").content.decode()
    notice_page = client.get(f"/notices/{notice.pk}/").content.decode()
    message = client.get("/", {"start": DAY.isoformat(), "end": "2026-11-01"}).content.decode()
    expected = EXPECTED[language]
    assert re.search(rf'class="cell-created"[^>]*>{re.escape(expected)}</td>', library)
    assert f"<strong>{expected}</strong>" in notice_page
    # The reversed-range message names the date in brackets (full-width ones in Chinese).
    assert re.search(rf"[(（]{re.escape(expected)}[)）]", message)
    for page in (library, notice_page, message):
        text = re.sub(r'="[^"]*"', "", page)  # what is read, not what date inputs and links carry
        assert [other for other in OTHERS if other in text] == []


def test_both_date_formats_are_one_style_and_numbers_follow_the_language():
    for language, expected in EXPECTED.items():
        with translation.override(language):
            assert date_format(DAY) == date_format(DAY, "SHORT_DATE_FORMAT") == expected
    with translation.override("vi"):
        assert number_format(85000000, force_grouping=True) == "85.000.000"
    with translation.override("zh-hans"):
        assert number_format(85000000, force_grouping=True) == "85,000,000"
