"""Dates and list markers as letters write them (Babel, CLDR); each writer formats its own money."""

from functools import cache

from babel import Locale
from babel.dates import format_date, get_day_names
from django.utils import translation


@cache
def locale_for(language, variant="US"):
    """The Babel locale of a notice: zh-hans → zh_Hans, vi → vi, en → en_US or en_GB."""
    if language == "en":
        return Locale.parse(f"en_{variant}")
    return Locale.parse(translation.to_locale(language))


def prose_date(date, language, variant="US"):
    """A date inside a sentence: 2027年1月10日, 10/01/2027, January 10, 2027 / 10 January 2027."""
    if language == "vi":
        return format_date(date, "dd/MM/yyyy", locale=locale_for(language))
    return format_date(date, "long", locale=locale_for(language, variant))


def vietnamese_date_line(date):
    """The date line of Decree 30/2020: zero-padded day below 10 and months 1–2 only."""
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"ngày {day} tháng {month} năm {date.year}"


def weekday_name(weekday, language, variant="US"):
    """A weekday as written mid-sentence (vi: thứ Sáu, Chủ nhật)."""
    name = get_day_names("wide", locale=locale_for(language, variant))[weekday]
    if language == "vi":
        return "Chủ nhật" if weekday == 6 else "thứ " + name.split(" ", 1)[1]
    return name


ZH_NUMERALS = "一二三四五六七八九十"


def list_marker(language, index):
    """Chinese letters number their lists 一、二、三、; the others use a dash."""
    if language == "zh-hans":
        return (ZH_NUMERALS[index] if index < len(ZH_NUMERALS) else str(index + 1)) + "、"
    return "–"
