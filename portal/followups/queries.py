"""Reads of the follow-ups: the summary with its facts and charts, rectification lists (public and staff).

Public reads never touch the askers' personal data: cited questions show their published text only.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from portal.followups.enums import OPEN_STATUSES, RectificationStatus, SummaryState
from portal.followups.facts import SummaryFacts, summary_charts, summary_facts
from portal.followups.models import OpinionPoint, RectificationItem, Summary
from portal.interviews.models import Interview
from portal.questions.enums import QuestionState
from portal.questions.models import Question


def _published_questions() -> Prefetch:
    return Prefetch(
        "questions",
        queryset=Question.objects.filter(state=QuestionState.PUBLISHED)
        .order_by("pk")
        .only("pk", "interview_id", "public_text", "receipt_code", "nickname"),
    )


@dataclass
class SummaryView:
    """What a summary page or export shows: the interview, the summary (maybe unsaved), facts, charts, points."""

    interview: Interview
    summary: Summary
    facts: SummaryFacts
    charts: list = field(default_factory=list)
    points: list[OpinionPoint] = field(default_factory=list)


def summary_of(interview: Interview) -> Summary:
    """The interview's summary, or an unsaved empty draft."""
    return Summary.objects.filter(interview=interview).first() or Summary(interview=interview)


def summary_view(interview: Interview, *, summary: Summary | None = None, today: dt.date | None = None) -> SummaryView:
    summary = summary or summary_of(interview)
    facts = summary_facts(interview, today)
    points = list(summary.points.prefetch_related(_published_questions())) if summary.pk else []
    return SummaryView(interview, summary, facts, summary_charts(facts), points)


def published_summary(interview: Interview) -> SummaryView | None:
    """The public summary section: only once 数字治理中心 has published it."""
    summary = Summary.objects.filter(interview=interview, state=SummaryState.PUBLISHED).first()
    if summary is None:
        return None
    return summary_view(interview, summary=summary)


def items_of(interview: Interview) -> QuerySet[RectificationItem]:
    """An interview's rectification items with their unit, published questions and notes (public or staff)."""
    return (
        RectificationItem.objects.filter(interview=interview)
        .select_related("owner_unit")
        .prefetch_related(_published_questions(), "notes")
        .order_by("due_date", "pk")
    )


def year_items(interviews: QuerySet[Interview], year: int, *, unit_id: int | None = None, status: str = ""):
    """The year's rectification items of the given (public) interviews, filtered by owner unit and status."""
    items = (
        RectificationItem.objects.filter(interview__in=interviews, interview__year=year)
        .select_related("owner_unit", "interview")
        .prefetch_related("notes")
        .order_by("interview__recording_at", "interview_id", "due_date", "pk")
    )
    if unit_id:
        items = items.filter(owner_unit_id=unit_id)
    if status in RectificationStatus.values:
        items = items.filter(status=status)
    return items


def overdue_items(today: dt.date | None = None, *, year: int | None = None) -> list[RectificationItem]:
    """Open items past their due date, most overdue first (区政府办's oversight page)."""
    today = today or timezone.localdate()
    items = RectificationItem.objects.filter(status__in=OPEN_STATUSES, due_date__lt=today)
    if year is not None:
        items = items.filter(interview__year=year)
    items = list(items.select_related("interview", "owner_unit").order_by("due_date", "pk"))
    for item in items:
        item.days_overdue = (today - item.due_date).days
    return items
