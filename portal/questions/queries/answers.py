"""Staff reads about answers: a unit's questions to answer, answers to check, overdue answers, 督办."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from portal.accounts.enums import Role
from portal.accounts.models import Unit
from portal.interviews.enums import ACTIVE_STATES, StepKind
from portal.interviews.models import Interview, InterviewStep
from portal.questions.enums import AnswerState, AnswerStatus, QuestionState
from portal.questions.models import Answer, Question, SupervisionNotice

ANSWERING_ROLES = (Role.EDITOR, Role.UNIT_ADMIN)


def _unanswered() -> QuerySet[Question]:
    return Question.objects.filter(state=QuestionState.PUBLISHED, answer_status=AnswerStatus.UNANSWERED)


def _awaiting_the_unit() -> QuerySet[Question]:
    """Unanswered and not waiting for 数字治理中心's check: what the answering unit still owes."""
    return _unanswered().exclude(answer__state=AnswerState.SUBMITTED)


def questions_to_answer(user) -> QuerySet[Question]:
    """待答复: published, unanswered questions whose answering unit is one the user works in."""
    unit_ids = {unit_id for unit_id, _kind, role in user.unit_roles if role in ANSWERING_ROLES}
    if not unit_ids:
        return Question.objects.none()
    mine = Q(responsible_unit_id__in=unit_ids) | Q(responsible_unit=None, interview__lead_unit_id__in=unit_ids)
    return (
        _unanswered()
        .filter(mine)
        .select_related("interview", "responsible_unit", "answer", "category")
        .order_by("interview__recording_at", "created_at", "pk")
    )


def answers_to_check() -> QuerySet[Answer]:
    """Submitted written answers waiting for 数字治理中心, oldest first."""
    return (
        Answer.objects.filter(state=AnswerState.SUBMITTED)
        .select_related("question__interview", "unit", "drafted_by")
        .order_by("submitted_at", "pk")
    )


def answers_due(interview: Interview) -> dt.date | None:
    return (
        InterviewStep.objects.filter(interview=interview, kind=StepKind.ANSWERS)
        .values_list("due_date", flat=True)
        .first()
    )


def is_answer_overdue(question: Question, today: dt.date | None = None) -> bool:
    """Derived, never stored: published, unanswered, and the interview's 书面答复 deadline has passed.

    An answer submitted and waiting for 数字治理中心's check is not the unit's delay: not overdue.
    """
    if question.state != QuestionState.PUBLISHED or question.answer_status != AnswerStatus.UNANSWERED:
        return False
    answer = getattr(question, "answer", None)
    if answer is not None and answer.state == AnswerState.SUBMITTED:
        return False
    if question.interview.state not in ACTIVE_STATES:
        return False
    due = question.answers_due()
    return due is not None and (today or timezone.localdate()) > due


@dataclass
class OverdueAnswers:
    """One unit's overdue answers in one interview: a row of 区政府办's oversight page."""

    interview: Interview
    unit: Unit
    due_date: dt.date
    questions: list[Question] = field(default_factory=list)
    notices: list[SupervisionNotice] = field(default_factory=list)

    def days_overdue(self, today: dt.date | None = None) -> int:
        return ((today or timezone.localdate()) - self.due_date).days


def overdue_answers(today: dt.date | None = None, *, year: int | None = None) -> list[OverdueAnswers]:
    """Every unit with overdue written answers, most overdue first, with the 督办 notices already sent."""
    today = today or timezone.localdate()
    late_steps = InterviewStep.objects.filter(
        kind=StepKind.ANSWERS, due_date__lt=today, interview__state__in=ACTIVE_STATES
    )
    if year is not None:
        late_steps = late_steps.filter(interview__year=year)
    due = dict(late_steps.values_list("interview_id", "due_date"))
    questions = (
        _awaiting_the_unit()
        .filter(interview_id__in=due)
        .select_related("interview__lead_unit", "responsible_unit")
        .order_by("created_at", "pk")
    )
    rows: dict[tuple[int, int], OverdueAnswers] = {}
    for question in questions:
        unit = question.responsible_unit or question.interview.lead_unit
        if unit is None:
            continue
        key = (question.interview_id, unit.pk)
        if key not in rows:
            rows[key] = OverdueAnswers(question.interview, unit, due[question.interview_id])
        rows[key].questions.append(question)
    notices = SupervisionNotice.objects.filter(interview_id__in=due).select_related("sent_by", "acknowledged_by")
    for notice in notices:
        if (notice.interview_id, notice.unit_id) in rows:
            rows[(notice.interview_id, notice.unit_id)].notices.append(notice)
    return sorted(rows.values(), key=lambda r: (r.due_date, r.interview.pk, r.unit.sort_order, r.unit.pk))


def supervision_notices_for(user) -> QuerySet[SupervisionNotice]:
    """督办 notices the user may see: all for 区政府办 and the centers, else those sent to the user's units."""
    notices = SupervisionNotice.objects.select_related("interview", "unit", "sent_by", "acknowledged_by")
    if not user.is_authenticated:
        return notices.none()
    if user.sees_all_interviews:
        return notices
    return notices.filter(unit_id__in=user.unit_ids)
