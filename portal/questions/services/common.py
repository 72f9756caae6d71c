"""Helpers shared by the questions services: permission checks and the question's history."""

from typing import Any

from django.core.exceptions import PermissionDenied

from portal.audit.services import log_action
from portal.interviews.enums import FILED_REFUSAL, InterviewState
from portal.questions.exceptions import QuestionsRefused
from portal.questions.models import Question, QuestionEvent


def require(actor, perm: str, obj=None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied


def refuse_if_filed(interview, refusal: type[QuestionsRefused] = QuestionsRefused) -> None:
    """A filed interview's questions and answers are part of the sealed record: only an addendum changes them."""
    if interview.state == InterviewState.FILED:
        raise refusal(str(FILED_REFUSAL))


def record(
    question: Question, kind: str, *, actor, note: str = "", data: dict[str, Any] | None = None, audit: bool = True
) -> QuestionEvent:
    """A QuestionEvent, and (for staff actions) the audit entry ``questions.question.<kind>``.

    ``data`` must never hold the asker's contact or real name: both end up in logs people read.
    """
    event = QuestionEvent.objects.create(
        question=question, kind=kind, actor=actor if getattr(actor, "pk", None) else None, note=note, data=data or {}
    )
    if audit:
        log_action(question, f"questions.question.{kind}", actor=actor, data={**(data or {}), "note": note})
    return event


def locked(question: Question) -> Question:
    """The question read afresh under a row lock (a no-op on SQLite, whose writers are serialised)."""
    return Question.objects.select_for_update().select_related("interview").get(pk=question.pk)
