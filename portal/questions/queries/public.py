"""What the public may read: published questions, the page under a receipt code, the moderation report.

Nothing here reads the asker's contact. A real name is read (and decrypted) only for questions
whose asker opted in to showing it, and only until it is deleted after the retention period.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from portal.interviews.models import Interview
from portal.questions.enums import AnswerState, AnswerStatus, QuestionState
from portal.questions.models import Answer, AskerContact, Question
from portal.questions.pii import decrypt_real_name


def display_names(questions: list[Question]) -> dict[int, str]:
    """The name each question shows: the nickname, or the real name its asker chose to show."""
    names = {q.pk: q.nickname for q in questions}
    opted_in = [q.pk for q in questions if q.show_real_name]
    if opted_in:
        askers = AskerContact.objects.filter(question_id__in=opted_in).exclude(real_name_ciphertext="")
        for asker in askers.select_related("question"):
            names[asker.question_id] = decrypt_real_name(asker)
    return names


def public_questions(interview: Interview, *, order: str = "recent") -> list[Question]:
    """The interview's published questions with ``display_name``, ``asker_count`` and ``public_answer``.

    ``order`` is "recent" (newest first) or "support" (most supported first).
    """
    ordering = ["-support_count", "-created_at", "-id"] if order == "support" else ["-created_at", "-id"]
    questions = list(
        Question.objects.published()
        .filter(interview=interview)
        .annotate(merged_count=Count("merged"))
        .select_related("category")
        .order_by(*ordering)
    )
    names = display_names(questions)
    answers = {
        a.question_id: a
        for a in Answer.objects.filter(question__in=questions, state=AnswerState.PUBLISHED).select_related("unit")
    }
    for question in questions:
        question.display_name = names[question.pk]
        question.asker_count = 1 + question.merged_count
        question.public_answer = answers.get(question.pk)
    return questions


@dataclass(frozen=True)
class PublicAnswer:
    status: str
    status_label: str
    answered_at: dt.datetime | None
    body: str = ""
    unit: str = ""
    live_entry_ref: str = ""


@dataclass(frozen=True)
class ReceiptStatus:
    """What the page under a 查询码 shows. Never the contact, never the verified identity."""

    code: str
    interview: Interview
    display_name: str
    text: str
    submitted_at: dt.datetime
    state: str
    state_label: str
    reason: str = ""
    note: str = ""
    merged_into_code: str = ""
    merged_into_text: str = ""
    channel_name: str = ""
    channel_description: str = ""
    channel_url: str = ""
    support_count: int = 0
    answer: PublicAnswer | None = None


def _public_answer(question: Question) -> PublicAnswer | None:
    if question.answer_status == AnswerStatus.UNANSWERED:
        return None
    label = AnswerStatus(question.answer_status).label
    if question.answer_status == AnswerStatus.LIVE:
        return PublicAnswer(question.answer_status, label, question.answered_at, live_entry_ref=question.live_entry_ref)
    answer = Answer.objects.filter(question=question, state=AnswerState.PUBLISHED).select_related("unit").first()
    if answer is None:
        return None
    return PublicAnswer(question.answer_status, label, question.answered_at, body=answer.body, unit=str(answer.unit))


def normalise_receipt_code(raw: str) -> str:
    """The stored form of what people type: lower case, spaces and the dash of ABCDE-FGHJK are fine."""
    return "".join(ch for ch in (raw or "").upper() if ch.isascii() and ch.isalnum())


def lookup_receipt(code: str) -> ReceiptStatus | None:
    """The public status of the question with this receipt code, or None (say nothing about why)."""
    question = (
        Question.objects.filter(receipt_code=normalise_receipt_code(code))
        .select_related("interview", "rejection_reason", "forward_channel", "merged_into")
        .first()
    )
    if question is None:
        return None
    root = question.answer_root
    channel = question.forward_channel
    return ReceiptStatus(
        code=question.formatted_receipt_code,
        interview=question.interview,
        display_name=display_names([question])[question.pk],
        text=question.public_text,
        submitted_at=question.created_at,
        state=question.state,
        state_label=QuestionState(question.state).label,
        reason=question.rejection_reason.public_text if question.state == QuestionState.REJECTED else "",
        note=question.public_note if question.state in (QuestionState.REJECTED, QuestionState.FORWARDED) else "",
        merged_into_code=root.formatted_receipt_code if root.pk != question.pk else "",
        merged_into_text=root.public_text if root.pk != question.pk and root.state == QuestionState.PUBLISHED else "",
        channel_name=channel.name if channel and question.state == QuestionState.FORWARDED else "",
        channel_description=channel.description if channel and question.state == QuestionState.FORWARDED else "",
        channel_url=channel.url if channel and question.state == QuestionState.FORWARDED else "",
        support_count=root.support_count,
        answer=_public_answer(root) if root.state == QuestionState.PUBLISHED else None,
    )


def moderation_report(interview: Interview) -> dict:
    """The public moderation report: received, published, rejected by reason, merged, forwarded, answered."""
    questions = Question.objects.filter(interview=interview)
    states = dict(questions.values_list("state").annotate(n=Count("id")).order_by())
    rejected = list(
        questions.filter(state=QuestionState.REJECTED)
        .values_list("rejection_reason__label")
        .annotate(n=Count("id"))
        .order_by("-n", "rejection_reason__sort_order")
    )
    forwarded = list(
        questions.filter(state=QuestionState.FORWARDED)
        .values_list("forward_channel__name")
        .annotate(n=Count("id"))
        .order_by("-n", "forward_channel__sort_order")
    )
    answers = dict(
        questions.filter(state=QuestionState.PUBLISHED).values_list("answer_status").annotate(n=Count("id")).order_by()
    )
    return {
        "received": sum(states.values()),
        "pending": states.get(QuestionState.PENDING, 0),
        "published": states.get(QuestionState.PUBLISHED, 0),
        "rejected": states.get(QuestionState.REJECTED, 0),
        "rejected_by_reason": rejected,
        "merged": states.get(QuestionState.MERGED, 0),
        "forwarded": states.get(QuestionState.FORWARDED, 0),
        "forwarded_by_channel": forwarded,
        "answered_live": answers.get(AnswerStatus.LIVE, 0),
        "answered_written": answers.get(AnswerStatus.WRITTEN, 0),
        "declined": answers.get(AnswerStatus.DECLINED, 0),
        "unanswered": answers.get(AnswerStatus.UNANSWERED, 0),
    }
