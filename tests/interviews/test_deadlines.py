import datetime as dt

import pytest

from portal.interviews.deadlines import due_date_for
from portal.interviews.enums import StepKind
from tests.factories import at

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_written_answers_due_five_working_days_after_r_just_before_national_day():
    # 2025: 10月1日–8日 off; Saturday 10月11日 is a 调休 working day.
    assert due_date_for(StepKind.ANSWERS, at(2025, 9, 30)) == dt.date(2025, 10, 14)


def test_record_due_one_working_day_after_r_skips_the_whole_holiday():
    assert due_date_for(StepKind.RECORD, at(2025, 9, 30)) == dt.date(2025, 10, 9)


def test_final_script_due_three_days_before_r_moves_back_off_a_holiday():
    # R = 2025-10-10 (Friday); R − 3 days = 10月7日, a holiday; the last working day before it is 9月30日.
    assert due_date_for(StepKind.FINAL, at(2025, 10, 10)) == dt.date(2025, 9, 30)
