"""Progress-update dates from a cadence, and the calendar checks of the recipient's country."""

import datetime as dt
from dataclasses import dataclass
from functools import cache

import holidays

DEFAULT_COUNTRY = {"zh-hans": "CN", "vi": "VN", "en": "US"}
HOLIDAY_LANGUAGE = {"zh-hans": "zh_CN", "vi": "vi", "en": "en_US"}


def update_dates(answers):
    """The dates a progress update is due, after the notice date and before the new deadline."""
    updates = answers.plan.updates
    start, end = answers.notice_date, answers.plan.new_deadline
    if updates.cadence == "weekly":
        first = start + dt.timedelta(days=(updates.weekday - start.weekday() - 1) % 7 + 1)
        step = dt.timedelta(days=7)
    elif updates.cadence == "every_n_days":
        step = dt.timedelta(days=updates.days)
        first = start + step
    else:
        return []
    dates = []
    day = first
    while day < end:
        dates.append(day)
        day += step
    return dates


def recipient_country(answers):
    return answers.recipient.country or DEFAULT_COUNTRY[answers.language]


@cache
def _calendar(country, year, language):
    supported = holidays.list_localized_countries().get(country, [])
    kwargs = {"language": language} if language in supported else {}
    return holidays.country_holidays(country, years=year, **kwargs)


@dataclass(frozen=True)
class DayWarning:
    date: dt.date
    what: str  # "new_deadline", "update" or "milestone"
    holiday: str  # the holiday's name, or "" for a weekend


def day_warnings(answers, interface_language="en"):
    """Dates of the plan that fall on a weekend or a public holiday in the recipient's country."""
    country = recipient_country(answers)
    language = HOLIDAY_LANGUAGE.get(interface_language, "en_US")
    checks = [(answers.plan.new_deadline, "new_deadline")]
    checks += [(m.date, "milestone") for m in answers.plan.milestones]
    checks += [(d, "update") for d in update_dates(answers)]
    warnings = []
    for date, what in checks:
        calendar = _calendar(country, date.year, language)
        name = calendar.get(date)
        if name:
            warnings.append(DayWarning(date, what, name))
        elif not calendar.is_working_day(date):
            warnings.append(DayWarning(date, what, ""))
    return warnings
