"""Staff reads for moderation and for the lead unit's choice of representative questions.

Every function starts from ``Question.objects.visible_to(user)``: an outsider unit gets nothing.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from portal.interviews.models import Interview
from portal.questions.enums import QuestionState
from portal.questions.models import Question, QuestionEvent, RepresentativeQuestion
from portal.questions.models.questions import RECEIPT_ALPHABET, RECEIPT_LENGTH
from portal.questions.queries.public import normalise_receipt_code
from portal.questions.textproc.keywords import suggest_tags
from portal.questions.textproc.ngrams import query_tokens


def with_staff_details(queryset: QuerySet[Question]) -> QuerySet[Question]:
    """What a moderation row shows (masked contact hint included), in a fixed number of queries."""
    group_size = (
        Question.objects.filter(group_id=OuterRef("group_id")).order_by().values("group_id").annotate(n=Count("id"))
    )
    return (
        queryset.select_related(
            "asker",
            "category",
            "suggested_category",
            "rejection_reason",
            "forward_channel",
            "responsible_unit",
            "merged_into",
            "moderated_by",
        )
        .prefetch_related("tags")
        .annotate(group_size=Coalesce(Subquery(group_size.values("n")[:1]), 1))
    )


def search(queryset: QuerySet[Question], query: str) -> QuerySet[Question]:
    """Chinese full-text search on n-grams (no word splitting in either database); a 查询码 matches exactly."""
    code = normalise_receipt_code(query)
    if len(code) == RECEIPT_LENGTH and set(code) <= set(RECEIPT_ALPHABET):
        by_code = queryset.filter(receipt_code=code)
        if by_code.exists():
            return by_code
    for token in query_tokens(query):
        queryset = queryset.filter(search_index__contains=f" {token} ")
    return queryset


def moderation_queue(
    user,
    *,
    interview: Interview | None = None,
    state: str | None = QuestionState.PENDING,
    category_id: int | None = None,
    group_id: int | None = None,
    has_personal_data: bool | None = None,
    has_sensitive_words: bool | None = None,
    looks_like_spam: bool | None = None,
    via: str | None = None,
    query: str = "",
) -> QuerySet[Question]:
    """The questions a moderator works through, filtered. Waiting questions come oldest first (first in,
    first decided); decided ones newest decision first."""
    questions = Question.objects.visible_to(user)
    filters = {
        "interview": interview,
        "state": state,
        "category_id": category_id,
        "group_id": group_id,
        "has_personal_data": has_personal_data,
        "has_sensitive_words": has_sensitive_words,
        "looks_like_spam": looks_like_spam,
        "via": via,
    }
    questions = questions.filter(**{key: value for key, value in filters.items() if value is not None})
    if query.strip():
        questions = search(questions, query)
    ordering = ["created_at", "id"] if state == QuestionState.PENDING else ["-moderated_at", "-created_at", "-id"]
    return with_staff_details(questions).order_by(*ordering)


def moderation_counts(user, interview: Interview | None = None) -> dict[str, int]:
    """How many questions are in each state, plus the flags among those waiting (what 待审核 holds)."""
    questions = Question.objects.visible_to(user)
    if interview is not None:
        questions = questions.filter(interview=interview)
    counts = dict.fromkeys(QuestionState.values, 0)
    counts.update(dict(questions.values_list("state").annotate(n=Count("id")).order_by()))
    pending = questions.filter(state=QuestionState.PENDING)
    counts["pending_personal_data"] = pending.filter(has_personal_data=True).count()
    counts["pending_sensitive_words"] = pending.filter(has_sensitive_words=True).count()
    counts["pending_spam"] = pending.filter(looks_like_spam=True).count()
    counts["total"] = sum(counts[state] for state in QuestionState.values)
    return counts


def question_history(question: Question) -> list[QuestionEvent]:
    return list(question.events.select_related("actor"))


def group_members(question: Question, user) -> list[Question]:
    if question.group_id is None:
        return [question]
    return list(with_staff_details(Question.objects.visible_to(user).filter(group_id=question.group_id)).order_by("pk"))


@dataclass
class GroupSummary:
    """One group of collected questions, as the lead unit weighs it."""

    group_id: int
    questions: list[Question]
    size: int  # askers behind the group: its published questions and those merged into them
    support: int
    categories: Counter = field(default_factory=Counter)
    representatives: list[RepresentativeQuestion] = field(default_factory=list)

    @property
    def lead(self) -> Question:
        return self.questions[0]

    @property
    def main_category(self) -> str:
        return self.categories.most_common(1)[0][0] if self.categories else ""


def collected_questions_by_group(interview: Interview, user) -> list[GroupSummary]:
    """Published questions by group, biggest and most supported first, to pick representatives from."""
    questions = list(
        Question.objects.visible_to(user)
        .published()
        .filter(interview=interview)
        .annotate(merged_count=Count("merged"))
        .select_related("category")
        .prefetch_related("representatives")
        .order_by("-support_count", "created_at", "pk")
    )
    groups: dict[int, GroupSummary] = {}
    for question in questions:
        key = question.group_id or -question.pk
        summary = groups.setdefault(key, GroupSummary(group_id=key, questions=[], size=0, support=0))
        summary.questions.append(question)
        summary.size += 1 + question.merged_count
        summary.support += question.support_count
        if question.category_id:
            summary.categories[question.category.name] += 1
        for rep in question.representatives.all():
            if rep not in summary.representatives:
                summary.representatives.append(rep)
    return sorted(groups.values(), key=lambda g: (-g.size, -g.support, g.lead.created_at))


def suggested_topic_tags(interview: Interview, top_n: int = 8) -> list[str]:
    """Keywords of the interview's questions (not rejected or forwarded) that are not tags yet."""
    texts = list(
        Question.objects.filter(interview=interview)
        .exclude(state__in=[QuestionState.REJECTED, QuestionState.FORWARDED])
        .values_list("public_text", flat=True)
    )
    if not texts:
        return []
    existing = tuple(interview.topic_tags.values_list("name", flat=True))
    return suggest_tags(texts, top_n=top_n, exclude=existing)
