"""Progress-update dates from a cadence, and the calendar checks of the recipient's country.

An update never falls on a weekend or a public holiday: a weekly (or rarer) update moves to the working day
before; an update every few days is skipped on such a day, and the next one covers it.
"""

import datetime as dt
from dataclasses import dataclass
from functools import cache

import holidays

DEFAULT_COUNTRY = {"zh-hans": "CN", "vi": "VN", "en": "US"}
HOLIDAY_LANGUAGE = {"zh-hans": "zh_CN", "vi": "vi", "en": "en_US"}
# Updates at least this many days apart move to the previous working day; closer ones are skipped.
MOVE_FROM_DAYS = 5


@dataclass(frozen=True)
class UpdatePlan:
    dates: tuple  # the days an update is sent, each a working day
    cadence: str = "none"
    weekdays: tuple = ()
    days: int | None = None
    moved: tuple = ()  # (scheduled, actual, holiday name or "" for a weekend)
    skipped: tuple = ()  # (date, holiday name or "")

    @property
    def first(self):
        return self.dates[0] if self.dates else None


def recipient_country(answers):
    return answers.recipient.country or DEFAULT_COUNTRY[answers.language]


@cache
def _calendar(country, year, language):
    supported = holidays.list_localized_countries().get(country, [])
    kwargs = {"language": language} if language in supported else {}
    return holidays.country_holidays(country, years=year, **kwargs)


def day_off(date, country, language="en"):
    """None on a working day; else the holiday's name, or "" for a weekend."""
    calendar = _calendar(country, date.year, HOLIDAY_LANGUAGE.get(language, "en_US"))
    name = calendar.get(date)
    if name:
        return name
    return None if calendar.is_working_day(date) else ""


def _scheduled(answers):
    """The days the cadence names, after the notice date and before the new deadline."""
    updates = answers.plan.updates
    start, end = answers.notice_date, answers.plan.new_deadline
    if updates.cadence == "weekly":
        days = []
        for weekday in updates.weekdays:
            day = start + dt.timedelta(days=(weekday - start.weekday() - 1) % 7 + 1)
            while day < end:
                days.append(day)
                day += dt.timedelta(days=7)
        return sorted(days), 7 // max(len(updates.weekdays), 1)
    if updates.cadence == "every_n_days":
        step = dt.timedelta(days=updates.days)
        days = []
        day = start + step
        while day < end:
            days.append(day)
            day += step
        return days, updates.days
    return [], 0


def update_plan(answers, language=None):
    """When progress updates go out, with the days moved or skipped for weekends and holidays."""
    language = language or answers.language
    country = recipient_country(answers)
    updates = answers.plan.updates
    scheduled, spacing = _scheduled(answers)
    dates, moved, skipped = [], [], []
    for day in scheduled:
        off = day_off(day, country, language)
        if off is None:
            dates.append(day)
            continue
        if spacing >= MOVE_FROM_DAYS:
            earlier = day - dt.timedelta(days=1)
            while earlier > answers.notice_date and day_off(earlier, country, language) is not None:
                earlier -= dt.timedelta(days=1)
            if earlier > answers.notice_date and earlier not in dates:
                dates.append(earlier)
                moved.append((day, earlier, off))
                continue
        skipped.append((day, off))
    return UpdatePlan(
        dates=tuple(sorted(set(dates))),
        cadence=updates.cadence,
        weekdays=updates.weekdays,
        days=updates.days,
        moved=tuple(moved),
        skipped=tuple(skipped),
    )


def update_dates(answers):
    """The dates a progress update is due, after the notice date and before the new deadline."""
    return list(update_plan(answers).dates)


@dataclass(frozen=True)
class DayWarning:
    date: dt.date
    what: str  # "new_deadline", "milestone", "update_moved" or "update_skipped"
    holiday: str  # the holiday's name, or "" for a weekend
    moved_to: dt.date | None = None


def day_warnings(answers, interface_language="en"):
    """Dates of the plan on a weekend or a public holiday, and the update days moved or skipped for one."""
    country = recipient_country(answers)
    checks = [(answers.plan.new_deadline, "new_deadline")]
    checks += [(m.date, "milestone") for m in answers.plan.milestones]
    warnings = []
    for date, what in checks:
        off = day_off(date, country, interface_language)
        if off is not None:
            warnings.append(DayWarning(date, what, off))
    plan = update_plan(answers, interface_language)
    warnings += [DayWarning(day, "update_moved", off, actual) for day, actual, off in plan.moved]
    warnings += [DayWarning(day, "update_skipped", off) for day, off in plan.skipped]
    return sorted(warnings, key=lambda w: w.date)
