import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portal.audit.models import AuditEntry
from portal.workcalendar import workdays
from portal.workcalendar.models import CalendarDay, DayKind
from portal.workcalendar.services import remove_calendar_day, save_calendar_day

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

D = dt.date


@pytest.mark.parametrize(("year", "official"), [(2024, True), (2025, True), (2026, True), (2027, False)])
def test_official_years_are_those_the_package_covers(year, official):
    assert (workdays.is_official_year(year), workdays.is_provisional(year)) == (official, not official)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 9, 30), True),  # Tuesday before 国庆
        (D(2025, 10, 1), False),  # 国庆节
        (D(2025, 10, 6), False),  # Monday, still 国庆
        (D(2025, 10, 8), False),
        (D(2025, 10, 9), True),
        (D(2025, 9, 28), True),  # Sunday, 调休 working day
        (D(2025, 10, 11), True),  # Saturday, 调休 working day
        (D(2025, 10, 12), False),  # an ordinary Sunday
        (D(2026, 2, 14), True),  # Saturday before 春节, 调休
        (D(2026, 2, 23), False),  # last day of 春节
        (D(2026, 2, 28), True),  # Saturday after 春节, 调休
        (D(2027, 10, 1), True),  # provisional year, no entry: a Friday is a working day
        (D(2027, 10, 2), False),  # provisional year: a Saturday is not
    ],
)
def test_is_workday_follows_the_official_calendar_then_weekends(day, expected):
    assert workdays.is_workday(day) == expected


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        (D(2025, 10, 10), 1, D(2025, 10, 11)),  # Friday → 调休 Saturday
        (D(2025, 10, 9), -1, D(2025, 9, 30)),
        (D(2025, 10, 9), 0, D(2025, 10, 9)),
        (D(2025, 10, 4), 1, D(2025, 10, 9)),  # start is a holiday: the next working day counts as 1
        (D(2026, 2, 13), 2, D(2026, 2, 24)),
    ],
)
def test_add_workdays_never_counts_the_start(start, count, expected):
    assert workdays.add_workdays(start, count) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 10, 9), D(2025, 10, 9)),
        (D(2025, 10, 8), D(2025, 9, 30)),
        (D(2025, 9, 28), D(2025, 9, 28)),  # a 调休 Sunday stays
        (D(2025, 9, 27), D(2025, 9, 26)),
    ],
)
def test_previous_workday_or_same(day, expected):
    assert workdays.previous_workday_or_same(day) == expected


# --- Staff-entered days (years the package does not cover) ---------------------------------------


def test_save_calendar_day_records_the_day_and_who_entered_it(coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        day = save_calendar_day(date=D(2027, 10, 1), kind=DayKind.HOLIDAY, name="国庆节", actor=coordinator)

    saved = CalendarDay.objects.get()
    entry = AuditEntry.objects.for_object(day).get()
    assert (saved.date, saved.kind, saved.name, saved.created_by) == (D(2027, 10, 1), "holiday", "国庆节", coordinator)
    assert str(saved) == "2027-10-01 国庆节（放假）"
    assert (entry.action, entry.actor, entry.data) == (
        "workcalendar.day.saved",
        coordinator,
        {"date": "2027-10-01", "kind": "holiday"},
    )
    assert workdays.is_workday(D(2027, 10, 1)) is False


def test_saving_a_day_again_changes_its_kind(coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        save_calendar_day(date=D(2027, 10, 9), kind=DayKind.HOLIDAY, name="国庆节", actor=coordinator)
    assert workdays.is_workday(D(2027, 10, 8)) is True

    with django_capture_on_commit_callbacks(execute=True):
        save_calendar_day(date=D(2027, 10, 9), kind=DayKind.WORKDAY, name="国庆节调休", actor=coordinator)

    assert list(CalendarDay.objects.values_list("date", "kind")) == [(D(2027, 10, 9), "workday")]
    assert workdays.is_workday(D(2027, 10, 9)) is True


def test_a_tiaoxiu_saturday_becomes_a_working_day(coordinator, django_capture_on_commit_callbacks):
    saturday = D(2027, 9, 25)
    assert workdays.is_workday(saturday) is False

    with django_capture_on_commit_callbacks(execute=True):
        save_calendar_day(date=saturday, kind=DayKind.WORKDAY, name="国庆节调休", actor=coordinator)

    assert workdays.is_workday(saturday) is True
    assert workdays.add_workdays(D(2027, 9, 24), 1) == saturday


@pytest.mark.parametrize("year", [2025, 2026])
def test_save_calendar_day_refuses_an_official_year(coordinator, year):
    with pytest.raises(ValidationError, match=f"{year}年已有国务院办公厅公布的节假日安排"):
        save_calendar_day(date=D(year, 12, 31), kind=DayKind.HOLIDAY, name="加班", actor=coordinator)

    assert list(CalendarDay.objects.all()) == []


@pytest.mark.parametrize("actor", ["auditor", "operator", "producer", "editor", "outsider"])
def test_save_calendar_day_refuses_anyone_but_the_coordinator(request, actor):
    user = request.getfixturevalue(actor)

    with pytest.raises(PermissionDenied):
        save_calendar_day(date=D(2027, 10, 1), kind=DayKind.HOLIDAY, name="国庆节", actor=user)

    assert list(CalendarDay.objects.all()) == []
    assert list(AuditEntry.objects.all()) == []


def test_remove_calendar_day_restores_the_weekday(coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        day = save_calendar_day(date=D(2027, 10, 1), kind=DayKind.HOLIDAY, name="国庆节", actor=coordinator)
    assert workdays.is_workday(D(2027, 10, 1)) is False

    with django_capture_on_commit_callbacks(execute=True):
        remove_calendar_day(day, actor=coordinator)

    assert list(CalendarDay.objects.all()) == []
    assert workdays.is_workday(D(2027, 10, 1)) is True
    assert list(AuditEntry.objects.filter(action="workcalendar.day.removed").values_list("data", flat=True)) == [
        {"date": "2027-10-01"}
    ]


def test_remove_calendar_day_refuses_a_non_coordinator(coordinator, editor):
    day = save_calendar_day(date=D(2027, 10, 1), kind=DayKind.HOLIDAY, name="国庆节", actor=coordinator)

    with pytest.raises(PermissionDenied):
        remove_calendar_day(day, actor=editor)

    assert list(CalendarDay.objects.all()) == [day]
