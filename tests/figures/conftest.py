"""A 2025 with known figures (see docs/developer/figures.md for the definitions they pin down).

Today is 2025-12-15. The approved plan has six rows; one interview of 2025 lies outside it and one
of 2024 must not count. Every number the tests expect is worked out in the comments below.
"""

import datetime as dt

import pytest

from portal.accounts.enums import UnitKind
from portal.interviews.enums import InterviewState, StepKind, StepStatus
from portal.interviews.models import InterviewStep
from portal.planning.models import PlanStatus
from portal.questions.enums import AnswerStatus, QuestionState
from tests.factories import InterviewFactory, PlanFactory, PlanRowFactory, UnitFactory, at
from tests.questions.factories import QuestionFactory

TODAY = dt.date(2025, 12, 15)


def set_step(interview, kind, due: dt.date, done_at: dt.datetime | None = None) -> None:
    InterviewStep.objects.filter(interview=interview, kind=kind).update(
        due_date=due,
        status=StepStatus.DONE if done_at else StepStatus.NOT_STARTED,
        completed_at=done_at,
    )


def ask(interview, state=QuestionState.PUBLISHED, answer=AnswerStatus.UNANSWERED):
    return QuestionFactory(interview=interview, state=state, answer_status=answer)


@pytest.fixture
def year_2025(db, time_machine, units):
    time_machine.move_to(at(2025, 12, 15, 10, 0), tick=False)
    chengjian, wenlv = units["lead"], units["outsider"]  # 城建局, 文旅局
    jiaoyu = UnitFactory(name="教育局", kind=UnitKind.RESPONSIBLE)

    plan = PlanFactory(year=2025, doc_number="浦政办发〔2025〕2号", status=PlanStatus.APPROVED)
    rows = [
        PlanRowFactory(plan=plan, seq=seq, month=month, topic=topic, lead_unit=unit)
        for seq, month, topic, unit in [
            (1, 4, "强化基金招商，赋能高质量发展", chengjian),
            (2, 5, "体育赛事赋能旅游消费", wenlv),
            (3, 6, "校家社协同育人", jiaoyu),
            (4, 7, "渐进式延迟退休政策解读", chengjian),
            (5, 11, "聚焦粮食安全", wenlv),
            (6, 12, "城镇燃气“安心用气工程”", jiaoyu),
        ]
    ]

    def interview(row, state, recording_at=None, **kwargs):
        made = InterviewFactory(
            plan_row=row,
            year=kwargs.pop("year", 2025),
            title=kwargs.pop("title", row.topic if row else "计划外访谈"),
            lead_unit=kwargs.pop("lead_unit", row.lead_unit if row else None),
            state=state,
            recording_at=recording_at,
        )
        InterviewStep.objects.filter(interview=made).update(due_date=None)  # only the steps below have deadlines
        return made

    # Held in 2025: A, B and F (3). C is postponed, D cancelled, E still to come; row 5 has no interview.
    a = interview(rows[0], InterviewState.FILED, at(2025, 4, 20))  # held in the planned month
    b = interview(rows[1], InterviewState.ENDED, at(2025, 7, 10))  # held two months late
    c = interview(rows[2], InterviewState.POSTPONED)
    d = interview(rows[3], InterviewState.CANCELLED)
    e = interview(rows[5], InterviewState.PLANNED, at(2025, 12, 28))
    f = interview(None, InterviewState.ENDED, at(2025, 3, 1), lead_unit=chengjian, title="计划外访谈")
    old = interview(None, InterviewState.ENDED, at(2024, 11, 5), lead_unit=chengjian, year=2024, title="2024年访谈")

    # Messages: 7 for 2025's interviews (rejected, merged and pending count too); the 2024 ones do not.
    ask(a, answer=AnswerStatus.LIVE)
    ask(a, answer=AnswerStatus.WRITTEN)
    ask(a, state=QuestionState.REJECTED)
    ask(a, state=QuestionState.MERGED)
    ask(b, answer=AnswerStatus.WRITTEN)
    ask(b, answer=AnswerStatus.DECLINED)
    ask(b, state=QuestionState.PENDING)
    ask(old, answer=AnswerStatus.WRITTEN)
    ask(old, answer=AnswerStatus.LIVE)

    # 城建局: on time 2, late 2, overdue 1, not due 1 (a cancelled interview's deadline does not run).
    set_step(a, StepKind.INTRODUCTION, dt.date(2025, 3, 31), at(2025, 3, 30))
    set_step(a, StepKind.DRAFT, dt.date(2025, 4, 10), at(2025, 4, 12))
    set_step(a, StepKind.FINAL, dt.date(2025, 4, 15), at(2025, 4, 15, 23, 30))  # the last minute of the day
    set_step(a, StepKind.SUMMARY, dt.date(2025, 5, 20), at(2025, 5, 21, 0, 30))  # still 5-20 in UTC: late
    set_step(d, StepKind.DRAFT, dt.date(2025, 6, 1))
    set_step(f, StepKind.ANSWERS, dt.date(2025, 3, 10))
    set_step(old, StepKind.INTRODUCTION, dt.date(2024, 10, 1))  # overdue, but of 2024
    # 文旅局: on time 1, overdue 2; the preview step is the digital center's, not the lead unit's.
    set_step(b, StepKind.INTRODUCTION, dt.date(2025, 6, 1), at(2025, 5, 30))
    set_step(b, StepKind.ANSWERS, dt.date(2025, 7, 20))
    set_step(b, StepKind.SUMMARY, dt.date(2025, 8, 10))
    set_step(b, StepKind.PREVIEW, dt.date(2025, 6, 5))
    # 教育局: on time 2, not due 1.
    set_step(c, StepKind.INTRODUCTION, dt.date(2025, 5, 1), at(2025, 4, 28))
    set_step(e, StepKind.INTRODUCTION, dt.date(2025, 12, 1), at(2025, 11, 30))
    set_step(e, StepKind.DRAFT, dt.date(2025, 12, 20))

    return {"plan": plan, "rows": rows, "a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "jiaoyu": jiaoyu}
