import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portal.interviews.deadlines import due_date_for, provisional_years, recompute_deadlines_in_year, set_deadlines
from portal.interviews.enums import StepKind
from portal.workcalendar.models import DayKind
from portal.workcalendar.services import save_calendar_day
from tests.factories import InterviewFactory, at

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

D = dt.date


def due_dates(interview) -> dict[str, dt.date | None]:
    return {step.kind: step.due_date for step in interview.steps.order_by("id")}


def test_written_answers_due_five_working_days_after_r_just_before_national_day():
    # 2025: 10月1日–8日 off; Saturday 10月11日 is a 调休 working day.
    assert due_date_for(StepKind.ANSWERS, at(2025, 9, 30)) == dt.date(2025, 10, 14)


def test_record_due_one_working_day_after_r_skips_the_whole_holiday():
    assert due_date_for(StepKind.RECORD, at(2025, 9, 30)) == dt.date(2025, 10, 9)


def test_final_script_due_three_days_before_r_moves_back_off_a_holiday():
    # R = 2025-10-10 (Friday); R − 3 days = 10月7日, a holiday; the last working day before it is 9月30日.
    assert due_date_for(StepKind.FINAL, at(2025, 10, 10)) == dt.date(2025, 9, 30)


# --- Official calendar: before R -----------------------------------------------------------------


def test_deadlines_before_r_just_after_national_day_2025():
    # R = 2025-10-09, the first working day after 国庆: R − 3 (10-06) and R − 7 (10-02) are holidays.
    r = at(2025, 10, 9)

    due = {kind: due_date_for(kind, r) for kind in (StepKind.INTRODUCTION, StepKind.DRAFT, StepKind.FINAL)}

    assert due == {
        StepKind.INTRODUCTION: D(2025, 9, 9),  # R − 1 month, a Tuesday
        StepKind.DRAFT: D(2025, 9, 30),
        StepKind.FINAL: D(2025, 9, 30),
    }


def test_one_month_before_r_moves_back_off_national_day():
    # R = 2025-11-03; R − 1 month = 10-03, in the middle of 国庆.
    assert due_date_for(StepKind.INTRODUCTION, at(2025, 11, 3)) == D(2025, 9, 30)


def test_one_month_before_r_moves_back_onto_a_tiaoxiu_saturday_before_spring_festival_2026():
    # R = 2026-03-17; R − 1 month = 02-17 (春节); 02-16 and 02-15 are off too; Saturday 02-14 is worked.
    assert due_date_for(StepKind.PREVIEW, at(2026, 3, 17)) == D(2026, 2, 14)


def test_one_month_before_the_last_day_of_march_is_the_last_day_of_february():
    assert due_date_for(StepKind.INTRODUCTION, at(2025, 3, 31)) == D(2025, 2, 28)


def test_final_script_due_three_days_before_r_on_an_ordinary_weekend_moves_to_friday():
    # R = 2025-09-30 (Tuesday): R − 3 = Saturday 09-27. Sunday 09-28 is a 调休 working day, but lies after it.
    assert due_date_for(StepKind.FINAL, at(2025, 9, 30)) == D(2025, 9, 26)


# --- Official calendar: after R ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (StepKind.RECORD, D(2025, 10, 9)),
        (StepKind.ANSWERS, D(2025, 10, 14)),
        (StepKind.VIDEO, D(2025, 10, 21)),
        (StepKind.SUMMARY, D(2025, 10, 21)),
        (StepKind.FILING, D(2025, 10, 28)),
    ],
)
def test_working_day_deadlines_after_r_cross_national_day_2025(kind, expected):
    assert due_date_for(kind, at(2025, 9, 30)) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (StepKind.RECORD, D(2026, 2, 14)),  # Saturday 02-14 is a 调休 working day
        (StepKind.ANSWERS, D(2026, 2, 27)),  # 02-15 to 02-23 off
        (StepKind.VIDEO, D(2026, 3, 5)),  # Saturday 02-28 is a 调休 working day
    ],
)
def test_working_day_deadlines_after_r_cross_spring_festival_2026(kind, expected):
    # R = 2026-02-13, the Friday before 春节.
    assert due_date_for(kind, at(2026, 2, 13)) == expected


def test_deadline_counts_from_r_local_date_not_its_utc_date():
    # 2025-10-01 00:30 in Shanghai is still 09-30 in UTC.
    r = at(2025, 10, 1, 0, 30)

    assert due_date_for(StepKind.RECORDING, r) == D(2025, 10, 1)
    assert due_date_for(StepKind.RECORD, r) == D(2025, 10, 9)


def test_due_date_is_none_without_r():
    assert due_date_for(StepKind.FINAL, None) is None


def test_offsets_are_settings(settings):
    settings.PORTAL_STEP_OFFSETS = {**settings.PORTAL_STEP_OFFSETS, StepKind.DRAFT: {"days": -10}}

    assert due_date_for(StepKind.DRAFT, at(2025, 9, 30)) == D(2025, 9, 19)


# --- set_deadlines on an interview ---------------------------------------------------------------


def test_set_deadlines_gives_every_step_its_deadline_from_r(interview):
    interview.recording_at = at(2025, 9, 30, 14, 30)
    interview.save()

    changed = set_deadlines(interview)

    assert len(changed) == 12
    assert due_dates(interview) == {
        StepKind.TOPIC: D(2025, 8, 29),  # R − 1 month is Saturday 08-30
        StepKind.INTRODUCTION: D(2025, 8, 29),
        StepKind.PREVIEW: D(2025, 8, 29),
        StepKind.DRAFT: D(2025, 9, 23),
        StepKind.FINAL: D(2025, 9, 26),
        StepKind.DATE: D(2025, 9, 26),
        StepKind.RECORDING: D(2025, 9, 30),
        StepKind.RECORD: D(2025, 10, 9),
        StepKind.ANSWERS: D(2025, 10, 14),
        StepKind.VIDEO: D(2025, 10, 21),
        StepKind.SUMMARY: D(2025, 10, 21),
        StepKind.FILING: D(2025, 10, 28),
    }


def test_set_deadlines_again_changes_nothing():
    interview = InterviewFactory(recording_at=at(2025, 9, 30))

    assert set_deadlines(interview) == []


def test_set_deadlines_without_r_clears_every_deadline():
    interview = InterviewFactory(recording_at=at(2025, 9, 30))
    interview.recording_at = None
    interview.save()

    set_deadlines(interview)

    assert set(due_dates(interview).values()) == {None}


# --- Years the official calendar does not cover --------------------------------------------------


def test_provisional_year_counts_weekends_only():
    # 2027 is not in the package: 国庆 2027 is not known, so 10-05 (Tuesday) is a working day.
    r = at(2027, 10, 8)  # Friday

    assert due_date_for(StepKind.FINAL, r) == D(2027, 10, 5)
    assert due_date_for(StepKind.RECORD, r) == D(2027, 10, 11)


def test_staff_entered_holidays_and_tiaoxiu_change_deadlines_of_a_provisional_year(
    coordinator, django_capture_on_commit_callbacks
):
    r = at(2027, 10, 8)
    with django_capture_on_commit_callbacks(execute=True):
        for day in range(1, 8):
            save_calendar_day(date=D(2027, 10, day), kind=DayKind.HOLIDAY, name="国庆节", actor=coordinator)
        save_calendar_day(date=D(2027, 10, 9), kind=DayKind.WORKDAY, name="国庆节调休", actor=coordinator)

    final = due_date_for(StepKind.FINAL, r)
    record = due_date_for(StepKind.RECORD, r)

    assert final == D(2027, 9, 30)  # R − 3 = 10-05 is now a holiday
    assert record == D(2027, 10, 9)  # the 调休 Saturday is worked


def test_entering_a_day_after_deadlines_were_read_takes_effect_once_committed(
    coordinator, django_capture_on_commit_callbacks
):
    r = at(2027, 6, 10)  # Thursday
    before = due_date_for(StepKind.RECORD, r)

    with django_capture_on_commit_callbacks(execute=True):
        save_calendar_day(date=D(2027, 6, 11), kind=DayKind.HOLIDAY, name="端午节", actor=coordinator)
    after = due_date_for(StepKind.RECORD, r)

    assert (before, after) == (D(2027, 6, 11), D(2027, 6, 14))


def test_provisional_years_lists_years_of_deadlines_without_the_official_calendar():
    # R = 2026-12-22: the working-day deadlines after it reach into January 2027.
    interview = InterviewFactory(recording_at=at(2026, 12, 22))

    assert provisional_years(interview) == [2027]


def test_provisional_years_is_empty_for_an_official_year():
    interview = InterviewFactory(recording_at=at(2025, 9, 30))

    assert provisional_years(interview) == []


def test_provisional_years_is_empty_without_r(interview):
    assert provisional_years(interview) == []


def test_recompute_deadlines_in_year_applies_a_newly_entered_holiday(coordinator, django_capture_on_commit_callbacks):
    # Without an entry, 2027-01-01 (Friday) counts as a working day: R + 10 is 01-05, R + 15 is 01-12.
    interview = InterviewFactory(recording_at=at(2026, 12, 22))
    assert due_dates(interview)[StepKind.VIDEO] == D(2027, 1, 5)
    with django_capture_on_commit_callbacks(execute=True):
        save_calendar_day(date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦", actor=coordinator)

    changed = recompute_deadlines_in_year(2027)

    due = due_dates(interview)
    assert changed == 3
    assert (due[StepKind.ANSWERS], due[StepKind.VIDEO], due[StepKind.SUMMARY], due[StepKind.FILING]) == (
        D(2026, 12, 29),
        D(2027, 1, 6),
        D(2027, 1, 6),
        D(2027, 1, 13),
    )


def test_recompute_deadlines_in_year_leaves_interviews_far_from_that_year_alone():
    near = InterviewFactory(recording_at=at(2027, 6, 10))
    far = InterviewFactory(recording_at=at(2028, 6, 8))
    near.steps.update(due_date=D(2000, 1, 1))
    far.steps.update(due_date=D(2000, 1, 1))

    changed = recompute_deadlines_in_year(2027)

    assert changed == 12
    assert due_dates(near)[StepKind.RECORD] == D(2027, 6, 11)
    assert set(due_dates(far).values()) == {D(2000, 1, 1)}


def test_a_non_coordinator_cannot_enter_calendar_days(operator):
    with pytest.raises(PermissionDenied):
        save_calendar_day(date=D(2027, 10, 1), kind=DayKind.HOLIDAY, name="国庆节", actor=operator)

    assert due_date_for(StepKind.RECORD, at(2027, 9, 30)) == D(2027, 10, 1)


def test_calendar_days_of_an_official_year_are_refused(coordinator):
    with pytest.raises(ValidationError, match="2026年已有国务院办公厅公布的节假日安排"):
        save_calendar_day(date=D(2026, 10, 12), kind=DayKind.HOLIDAY, name="国庆节", actor=coordinator)

    assert due_date_for(StepKind.RECORD, at(2026, 10, 9)) == D(2026, 10, 10)  # Saturday 10-10 is 调休
