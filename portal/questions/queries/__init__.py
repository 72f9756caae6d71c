"""Non-trivial reads of the questions domain: public (no personal data), moderation, answers."""

from portal.questions.queries.answers import (
    OverdueAnswers,
    answers_to_check,
    is_answer_overdue,
    overdue_answers,
    questions_to_answer,
    supervision_notices_for,
)
from portal.questions.queries.moderation import (
    GroupSummary,
    collected_questions_by_group,
    group_members,
    moderation_counts,
    moderation_queue,
    question_history,
    search,
    suggested_topic_tags,
    with_staff_details,
)
from portal.questions.queries.public import (
    ReceiptStatus,
    display_names,
    lookup_receipt,
    moderation_report,
    normalise_receipt_code,
    public_questions,
)

__all__ = [
    "GroupSummary",
    "OverdueAnswers",
    "ReceiptStatus",
    "answers_to_check",
    "collected_questions_by_group",
    "display_names",
    "group_members",
    "is_answer_overdue",
    "lookup_receipt",
    "moderation_counts",
    "moderation_queue",
    "moderation_report",
    "normalise_receipt_code",
    "overdue_answers",
    "public_questions",
    "question_history",
    "questions_to_answer",
    "search",
    "suggested_topic_tags",
    "supervision_notices_for",
    "with_staff_details",
]
