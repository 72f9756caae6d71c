import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.figures.queries import Outcome, year_figures
from portal.interviews.enums import InterviewState
from portal.planning.models import PlanStatus
from tests.factories import InterviewFactory, PlanFactory, PlanRowFactory, at
from tests.figures.conftest import TODAY, ask

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_report_rows_of_the_year(year_2025):
    report = year_figures(2025, TODAY).report

    assert (report.interviews_held, report.messages_received) == (3, 7)
    assert (report.answered, report.answered_live, report.answered_written, report.declined) == (3, 1, 2, 1)


def test_report_rows_of_another_year_count_only_that_year(year_2025):
    report = year_figures(2024, TODAY).report

    assert (report.interviews_held, report.messages_received, report.answered) == (1, 2, 2)


def test_plan_against_what_happened(year_2025):
    figures = year_figures(2025, TODAY)

    assert figures.plan == year_2025["plan"]
    assert [(o.row.seq, o.outcome, o.recorded_on, o.shift_text) for o in figures.plan_outcomes] == [
        (1, Outcome.HELD, dt.date(2025, 4, 20), "按计划月份"),
        (2, Outcome.HELD, dt.date(2025, 7, 10), "推迟2个月"),
        (3, Outcome.POSTPONED, None, "—"),
        (4, Outcome.CANCELLED, None, "—"),
        (5, Outcome.NOT_YET, None, "—"),
        (6, Outcome.NOT_YET, dt.date(2025, 12, 28), "按计划月份"),
    ]
    assert [o.interview for o in figures.plan_outcomes][:2] == [year_2025["a"], year_2025["b"]]
    assert figures.plan_outcomes[4].interview is None
    assert [o.interview for o in figures.unplanned] == [year_2025["f"]]
    assert figures.outcome_counts() == {
        Outcome.HELD: 2,
        Outcome.POSTPONED: 1,
        Outcome.CANCELLED: 1,
        Outcome.NOT_YET: 2,
    }


def test_a_draft_plan_is_not_the_plan(db, units):
    PlanFactory(year=2026, status=PlanStatus.DRAFT)
    interview = InterviewFactory(year=2026, lead_unit=units["lead"])

    figures = year_figures(2026, dt.date(2026, 1, 5))

    assert figures.plan is None
    assert figures.plan_outcomes == []
    assert [o.interview for o in figures.unplanned] == [interview]


def test_units_punctuality_worst_first(year_2025):
    rows = [(str(p.unit), p.on_time, p.late, p.overdue, p.not_due, p.rate_text) for p in year_2025_figures()]

    assert rows == [
        ("文旅局", 1, 0, 2, 0, "33%"),
        ("城建局", 2, 2, 1, 1, "40%"),
        ("教育局", 2, 0, 0, 1, "100%"),
    ]


def year_2025_figures():
    return year_figures(2025, TODAY).punctuality


def test_an_empty_year(db):
    figures = year_figures(2031, dt.date(2031, 3, 1))

    assert (figures.report.interviews_held, figures.report.messages_received, figures.report.answered) == (0, 0, 0)
    assert (figures.plan, figures.plan_outcomes, figures.unplanned, figures.punctuality) == (None, [], [], [])


def _queries(year: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        year_figures(year, TODAY)
    return len(queries)


def test_a_fixed_number_of_queries_however_many_interviews(year_2025, units):
    before = _queries(2025)
    plan = year_2025["plan"]
    for seq in range(7, 12):
        row = PlanRowFactory(plan=plan, seq=seq, month=12, lead_unit=units["co"])
        interview = InterviewFactory(
            plan_row=row, year=2025, lead_unit=units["co"], state=InterviewState.ENDED, recording_at=at(2025, 12, 2)
        )
        ask(interview)
    InterviewFactory(year=2025, lead_unit=units["co"])

    assert _queries(2025) == before
