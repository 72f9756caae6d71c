import datetime as dt

import pytest
from django.urls import reverse

from portal.interviews.enums import StepKind
from portal.workcalendar.models import CalendarDay, DayKind
from tests.factories import InterviewFactory, at

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_calendar_says_which_years_are_official_and_which_provisional(client, editor):
    CalendarDay.objects.create(date=dt.date(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    client.force_login(editor)

    html = client.get(reverse("backoffice:calendar")).text

    assert "2004–2026年采用国务院办公厅公布的安排" in html
    assert "2027年" in html
    assert "的节假日安排尚未公布" in html
    assert "2027-01-01" in html
    assert "元旦" in html
    assert "放假" in html
    assert "登记节假日或调休上班日" not in html


def test_an_editor_may_not_enter_days(client, editor):
    client.force_login(editor)

    response = client.post(reverse("backoffice:calendar"), {"date": "2027-10-01", "kind": "holiday", "name": "国庆节"})

    assert response.status_code == 403
    assert not CalendarDay.objects.exists()


@pytest.mark.django_db(transaction=True)  # the service forgets cached days on commit, as in production
def test_entering_a_holiday_recomputes_the_deadlines_and_says_how_many(client, coordinator, units):
    # R = Thursday 2027-09-30; 发布图文实录 is due one working day later: Friday 1 October until 国庆节 is entered.
    interview = InterviewFactory(lead_unit=units["lead"], recording_at=at(2027, 9, 30))
    record = interview.steps.get(kind=StepKind.RECORD)
    assert record.due_date == dt.date(2027, 10, 1)
    client.force_login(coordinator)

    response = client.post(
        reverse("backoffice:calendar"), {"date": "2027-10-01", "kind": "holiday", "name": "国庆节"}, follow=True
    )

    record.refresh_from_db()
    assert record.due_date == dt.date(2027, 10, 4)
    assert "已登记2027-10-01 国庆节（放假）。" in response.text
    assert "个步骤的截止日期有变化" in response.text
    assert CalendarDay.objects.get().created_by == coordinator


def test_a_day_of_an_official_year_is_refused_and_the_input_kept(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("backoffice:calendar"), {"date": "2025-10-01", "kind": "holiday", "name": "国庆节"})

    assert response.status_code == 400
    assert "2025年已有国务院办公厅公布的节假日安排，无需手工登记。" in response.text
    assert 'value="国庆节"' in response.text
    assert not CalendarDay.objects.exists()


def test_a_missing_name_is_refused(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("backoffice:calendar"), {"date": "2027-10-01", "kind": "holiday", "name": ""})

    assert response.status_code == 400
    assert "这个字段是必填项。" in response.text
    assert 'value="2027-10-01"' in response.text


def test_removing_a_day(client, coordinator):
    day = CalendarDay.objects.create(date=dt.date(2027, 10, 1), kind=DayKind.HOLIDAY, name="国庆节")
    client.force_login(coordinator)

    response = client.post(reverse("backoffice:calendar-remove", args=[day.pk]), follow=True)

    assert not CalendarDay.objects.exists()
    assert "已删除2027-10-01 国庆节（放假）。" in response.text
