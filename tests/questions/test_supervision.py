"""Overdue written answers on 区政府办's oversight page, and 督办 notices that the unit acknowledges."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from portal.audit.models import AuditEntry
from portal.interviews.enums import InterviewState, StepKind
from portal.notifications.models import Notification
from portal.questions.enums import AnswerStatus, QuestionState
from portal.questions.exceptions import AnswerRefused
from portal.questions.models import Question
from portal.questions.queries import is_answer_overdue, overdue_answers, supervision_notices_for
from portal.questions.services.answers import assign_responsible_unit, check_answer, save_answer
from portal.questions.services.supervision import acknowledge_supervision_notice, send_supervision_notice
from tests.questions.factories import QuestionFactory, R, open_interview

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

S = QuestionState


@pytest.fixture
def held(units):
    """城建局's interview, recorded on R and ended, with 桥林街道 as co-unit."""
    return open_interview(
        title="城镇燃气“安心用气工程”", lead_unit=units["lead"], co_units=[units["co"]], state=InterviewState.ENDED
    )


@pytest.fixture
def due(held) -> dt.date:
    return held.steps.get(kind=StepKind.ANSWERS).due_date


def test_the_deadline_is_r_plus_five_working_days(due):
    assert due == dt.date(2025, 10, 15)  # R 10-09; then 10-10, 10-11 (a 调休 Saturday), 10-13, 10-14, 10-15
    assert due > R.date()


def test_overdue_answers_are_listed_per_unit_once_the_deadline_has_passed(held, due, operator, units):
    lead_q = QuestionFactory(interview=held, state=S.PUBLISHED)
    co_q = QuestionFactory(interview=held, state=S.PUBLISHED)
    assign_responsible_unit(co_q, actor=operator, unit=units["co"])
    QuestionFactory(interview=held, state=S.PUBLISHED, answer_status=AnswerStatus.WRITTEN)
    QuestionFactory(interview=held, state=S.PENDING)

    on_the_day = overdue_answers(today=due)
    rows = overdue_answers(today=due + dt.timedelta(days=1))

    assert on_the_day == []
    assert [(row.unit.name, [q.pk for q in row.questions]) for row in rows] == [
        ("城建局", [lead_q.pk]),
        ("桥林街道", [co_q.pk]),
    ]
    assert rows[0].days_overdue(due + dt.timedelta(days=3)) == 3
    assert is_answer_overdue(lead_q, today=due + dt.timedelta(days=1)) is True
    assert is_answer_overdue(lead_q, today=due) is False


def test_an_answer_waiting_for_the_centers_check_is_not_the_units_delay(held, due, editor, operator):
    question = QuestionFactory(interview=held, state=S.PUBLISHED)
    late = due + dt.timedelta(days=1)
    save_answer(question, actor=editor, body="改造将于明年三月开工，届时提前张贴通知。", submit=True)
    question.refresh_from_db()

    assert overdue_answers(today=late) == []
    assert is_answer_overdue(question, today=late) is False

    check_answer(question, actor=operator, publish=False, note="请补充开工的具体范围。")
    question = Question.objects.get(pk=question.pk)

    assert [q.pk for q in overdue_answers(today=late)[0].questions] == [question.pk]
    assert is_answer_overdue(question, today=late) is True


def test_cancelled_interviews_have_no_overdue_answers(units, due):
    interview = open_interview(lead_unit=units["lead"], state=InterviewState.CANCELLED)
    QuestionFactory(interview=interview, state=S.PUBLISHED)

    assert overdue_answers(today=due + dt.timedelta(days=30)) == []


def test_the_coordinator_sends_a_notice_and_the_unit_acknowledges(
    held, due, coordinator, editor, django_capture_on_commit_callbacks
):
    late = [QuestionFactory(interview=held, state=S.PUBLISHED) for _n in range(2)]

    with django_capture_on_commit_callbacks(execute=True):
        notice = send_supervision_notice(
            interview=held, unit=held.lead_unit, questions=late, message="请于两个工作日内答复。", actor=coordinator
        )
    inbox = Notification.objects.get(recipient=editor)
    with django_capture_on_commit_callbacks(execute=True):
        acknowledge_supervision_notice(notice, actor=editor, note="已安排专人答复。")

    notice.refresh_from_db()
    assert inbox.title == "督办通知：请尽快答复“城镇燃气“安心用气工程””访谈中的2个网友提问"
    assert (notice.acknowledged_by, notice.acknowledgement) == (editor, "已安排专人答复。")
    assert Notification.objects.filter(recipient=coordinator, title__contains="已签收督办通知").exists()
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "questions.supervision.sent",
        "questions.supervision.acknowledged",
    ]
    assert overdue_answers(today=due + dt.timedelta(days=1))[0].notices == [notice]
    with pytest.raises(AnswerRefused, match="已经签收"):
        acknowledge_supervision_notice(notice, actor=editor)


@pytest.mark.parametrize("name", ["operator", "editor", "outsider", "auditor"])
def test_only_the_coordinator_sends_notices(request, held, name):
    late = QuestionFactory(interview=held, state=S.PUBLISHED)

    with pytest.raises(PermissionDenied):
        send_supervision_notice(
            interview=held,
            unit=held.lead_unit,
            questions=[late],
            message="请答复。",
            actor=request.getfixturevalue(name),
        )


@pytest.mark.parametrize("name", ["co_editor", "outsider", "coordinator"])
def test_only_the_notified_unit_acknowledges(request, held, coordinator, name):
    notice = send_supervision_notice(
        interview=held,
        unit=held.lead_unit,
        questions=[QuestionFactory(interview=held, state=S.PUBLISHED)],
        message="请答复。",
        actor=coordinator,
    )

    with pytest.raises(PermissionDenied):
        acknowledge_supervision_notice(notice, actor=request.getfixturevalue(name))


def test_a_notice_covers_the_unit_s_own_questions_only(held, coordinator, units):
    other_unit_q = QuestionFactory(interview=held, state=S.PUBLISHED, responsible_unit=units["co"])

    with pytest.raises(AnswerRefused, match="该单位负责答复"):
        send_supervision_notice(
            interview=held, unit=held.lead_unit, questions=[other_unit_q], message="请答复。", actor=coordinator
        )


def test_units_see_only_their_own_notices(held, coordinator, editor, outsider, operator):
    notice = send_supervision_notice(
        interview=held,
        unit=held.lead_unit,
        questions=[QuestionFactory(interview=held, state=S.PUBLISHED)],
        message="请答复。",
        actor=coordinator,
    )

    assert list(supervision_notices_for(editor)) == [notice]
    assert list(supervision_notices_for(operator)) == [notice]
    assert list(supervision_notices_for(outsider)) == []
