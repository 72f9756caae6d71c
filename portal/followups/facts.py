"""The facts the system drafts for an interview's summary (product.md §8), in a fixed number of queries.

Counts of the moderation come from the public moderation report (portal.questions.queries), overdue
answers from the questions' own rule (is_answer_overdue); audience figures (page views,
the live page's peak of concurrent viewers) from portal.live.audience.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.interviews.models import Interview
from portal.live.audience import audience_figures
from portal.questions.enums import AnswerStatus, QuestionState
from portal.questions.models import Question
from portal.questions.queries import is_answer_overdue, moderation_report

LARGEST_GROUPS = 5


@dataclass(frozen=True)
class GroupFact:
    """One of the largest groups of similar questions: how many asked, and the text that stands for them."""

    size: int
    support: int
    text: str
    question_ids: tuple[int, ...]


@dataclass(frozen=True)
class SummaryFacts:
    received: int
    published: int
    pending: int
    rejected: int
    rejected_by_reason: list[tuple[str, int]]
    merged: int
    forwarded: int
    answered_live: int
    answered_written: int
    declined: int
    unanswered: int
    overdue: int
    by_category: list[tuple[str, int]]
    largest_groups: list[GroupFact] = field(default_factory=list)
    page_views: int | None = None
    peak_viewers: int | None = None
    peak_at: dt.datetime | None = None

    @property
    def answered(self) -> int:
        return self.answered_live + self.answered_written

    @property
    def waiting(self) -> int:
        """Unanswered but not yet overdue."""
        return self.unanswered - self.overdue


def _by_category(interview: Interview) -> list[tuple[str, int]]:
    rows = (
        Question.objects.published()
        .filter(interview=interview)
        .values_list("category__name")
        .annotate(n=Count("id"))
        .order_by("-n", "category__sort_order", "category__name")
    )
    return [(name or _("未分类"), n) for name, n in rows]


def _largest_groups(interview: Interview) -> list[GroupFact]:
    """Published questions by group, each counting the askers merged into it; the biggest groups first."""
    questions = (
        Question.objects.published()
        .filter(interview=interview)
        .annotate(merged_count=Count("merged"))
        .order_by("-support_count", "created_at", "pk")
        .only("pk", "group_id", "public_text", "support_count", "created_at")
    )
    groups: dict[int, list] = {}
    for question in questions:
        groups.setdefault(question.group_id or -question.pk, []).append(question)
    facts = [
        GroupFact(
            size=sum(1 + q.merged_count for q in members),
            support=sum(q.support_count for q in members),
            text=members[0].public_text,
            question_ids=tuple(q.pk for q in members),
        )
        for members in groups.values()
    ]
    facts.sort(key=lambda g: (-g.size, -g.support))
    return facts[:LARGEST_GROUPS]


def _overdue(interview: Interview, today: dt.date) -> int:
    """How many published questions are overdue for a written answer, by the questions' own rule."""
    unanswered = Question.objects.filter(
        interview=interview, state=QuestionState.PUBLISHED, answer_status=AnswerStatus.UNANSWERED
    ).select_related("answer")
    count = 0
    for question in unanswered:
        question.interview = interview  # share the interview (and its steps, read once)
        count += is_answer_overdue(question, today)
    return count


def summary_facts(interview: Interview, today: dt.date | None = None) -> SummaryFacts:
    today = today or timezone.localdate()
    report = moderation_report(interview)
    figures = audience_figures(interview)
    return SummaryFacts(
        received=report["received"],
        published=report["published"],
        pending=report["pending"],
        rejected=report["rejected"],
        rejected_by_reason=[(label or _("其他"), n) for label, n in report["rejected_by_reason"]],
        merged=report["merged"],
        forwarded=report["forwarded"],
        answered_live=report["answered_live"],
        answered_written=report["answered_written"],
        declined=report["declined"],
        unanswered=report["unanswered"],
        overdue=_overdue(interview, today),
        by_category=_by_category(interview),
        largest_groups=_largest_groups(interview),
        page_views=figures.page_views_total,
        peak_viewers=figures.peak_viewers,
        peak_at=figures.peak_at,
    )


def _listing(bars) -> str:
    return "；".join(_("%(label)s%(n)s个") % {"label": label, "n": value} for label, value in bars) or _("无")


def summary_charts(facts: SummaryFacts) -> list:
    """The summary's charts: how the questions were answered, rejection reasons, categories."""
    from portal.followups.charts import Chart  # noqa: PLC0415 -- drawing is not needed to count

    answers = [
        (_("访谈中答复"), facts.answered_live),
        (_("书面答复"), facts.answered_written),
        (_("不予答复（已说明理由）"), facts.declined),
        (_("逾期未答复"), facts.overdue),
        (_("待答复"), facts.waiting),
    ]
    return [
        Chart(
            key="answers",
            title=_("已发布问题的答复情况"),
            description=_("共%(n)s个已发布问题：") % {"n": facts.published} + _listing(answers),
            bars=answers,
            stacked=True,
        ),
        Chart(
            key="rejected",
            title=_("未采纳的原因"),
            description=_("共%(n)s个问题未采纳：") % {"n": facts.rejected} + _listing(facts.rejected_by_reason),
            bars=facts.rejected_by_reason,
        ),
        Chart(
            key="categories",
            title=_("已发布问题的分类"),
            description=_("按分类统计的已发布问题：") + _listing(facts.by_category),
            bars=facts.by_category,
        ),
    ]
