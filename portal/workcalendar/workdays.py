"""Working days under the official PRC holiday and 调休 calendar.

Years covered by the `chinesecalendar` package (the State Council's annual notices) use it alone.
For a later year we fall back to weekends plus the holidays and 调休 days staff have entered, and
every screen that shows a deadline in such a year says that the calendar is provisional.
"""

import datetime as dt

import chinese_calendar
from chinese_calendar import constants
from django.core.cache import cache

from portal.workcalendar.models import CalendarDay, DayKind

OFFICIAL_YEARS = frozenset(d.year for d in constants.holidays)


def is_official_year(year: int) -> bool:
    return year in OFFICIAL_YEARS


def is_provisional(year: int) -> bool:
    """True when working days of ``year`` rest on weekends and staff entries, not the official notice."""
    return not is_official_year(year)


def _cache_key(year: int) -> str:
    return f"workcalendar:entered:{year}"


def _entered_days(year: int) -> dict[dt.date, str]:
    days = cache.get(_cache_key(year))
    if days is None:
        days = dict(CalendarDay.objects.filter(date__year=year).values_list("date", "kind"))
        cache.set(_cache_key(year), days, 3600)
    return days


def invalidate(year: int) -> None:
    """Forget cached staff entries of ``year`` (called after any CalendarDay write, in every process)."""
    cache.delete(_cache_key(year))


def is_workday(day: dt.date) -> bool:
    if is_official_year(day.year):
        return chinese_calendar.is_workday(day)
    kind = _entered_days(day.year).get(day)
    if kind == DayKind.HOLIDAY:
        return False
    if kind == DayKind.WORKDAY:
        return True
    return day.weekday() < 5


def add_workdays(start: dt.date, count: int) -> dt.date:
    """The ``count``-th working day after ``start`` (before it when negative); ``start`` itself never counts."""
    step = 1 if count >= 0 else -1
    day, remaining = start, abs(count)
    while remaining:
        day += dt.timedelta(days=step)
        if is_workday(day):
            remaining -= 1
    return day


def previous_workday_or_same(day: dt.date) -> dt.date:
    while not is_workday(day):
        day -= dt.timedelta(days=1)
    return day
