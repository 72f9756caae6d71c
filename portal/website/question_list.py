"""The published questions of an interview as its page lists them: grouped, paginated, with answers and support.

Reads go through ``portal.questions.queries`` (published questions only, never a contact); the
one read of our own is which of the listed questions this client already supports.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator

from portal.questions.antiabuse import supporter_key
from portal.questions.enums import AnswerStatus
from portal.questions.models import Introduction, Question, Support
from portal.questions.queries import moderation_report, public_questions

GROUPS_PER_PAGE = 10
ORDERS = {"recent": "最新提问", "support": "关注最多"}

# What the list says of each answer status (the domain's labels are for staff and messages).
PUBLIC_STATUS = {
    AnswerStatus.UNANSWERED: ("待答复", "waiting"),
    AnswerStatus.LIVE: ("已现场答复", "live"),
    AnswerStatus.WRITTEN: ("已书面答复", "written"),
    AnswerStatus.DECLINED: ("未答复", "declined"),
}


@dataclass
class QuestionGroupView:
    """Similar questions shown together: the first in the chosen order leads, the others follow."""

    questions: list[Question] = field(default_factory=list)

    @property
    def lead(self) -> Question:
        return self.questions[0]

    @property
    def others(self) -> list[Question]:
        return self.questions[1:]

    @property
    def askers(self) -> int:
        """How many people asked this (merged questions count their askers)."""
        return sum(question.asker_count for question in self.questions)

    @property
    def supporters(self) -> int:
        return sum(question.support_count for question in self.questions)


def group_questions(questions: list[Question]) -> list[QuestionGroupView]:
    groups: dict[object, QuestionGroupView] = {}
    for question in questions:
        key = question.group_id or ("alone", question.pk)
        groups.setdefault(key, QuestionGroupView()).questions.append(question)
    for group in groups.values():  # the question most people asked or support leads its group (stable otherwise)
        group.questions.sort(key=lambda q: (-q.asker_count, -q.support_count))
    return list(groups.values())


def decorate(question: Question, supported: set[int]) -> Question:
    label, css = PUBLIC_STATUS[question.answer_status]
    question.public_status, question.public_status_class = label, css
    question.supported = question.pk in supported
    return question


def supported_ids(questions: list[Question], client: str) -> set[int]:
    """The questions among ``questions`` that this client supports already (one query)."""
    if not questions:
        return set()
    return set(
        Support.objects.filter(
            question_id__in=[q.pk for q in questions], supporter_hash=supporter_key(client)
        ).values_list("question_id", flat=True)
    )


@dataclass
class PublishedQuestions:
    page: object  # a Paginator page of QuestionGroupView
    order: str
    total: int  # published questions
    orders: dict = field(default_factory=lambda: ORDERS)


def published_questions(interview, *, client: str, page: str | None, order: str | None) -> PublishedQuestions:
    order = order if order in ORDERS else "recent"
    questions = public_questions(interview, order=order)
    groups = group_questions(questions)
    page_obj = Paginator(groups, GROUPS_PER_PAGE).get_page(page)
    shown = [question for group in page_obj.object_list for question in group.questions]
    supported = supported_ids(shown, client)
    for question in shown:
        decorate(question, supported)
    return PublishedQuestions(page=page_obj, order=order, total=len(questions))


def public_report(interview) -> dict | None:
    """The public moderation report, or None before anything was received."""
    report = moderation_report(interview)
    return report if report["received"] else None


def published_introduction(interview) -> Introduction | None:
    """The lead unit's 文字简介 once submitted (the preview that publishes it requires that)."""
    introduction = Introduction.objects.filter(interview=interview).prefetch_related("images", "materials").first()
    return introduction if introduction is not None and introduction.is_submitted else None
