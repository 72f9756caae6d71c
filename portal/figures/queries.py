"""The year's figures (product.md §9): the 在线访谈 rows of the 政府网站工作年度报表, the plan against what
happened, and each lead unit's punctuality. Pure reads, a fixed number of queries whatever the year holds.

Definitions (also stated on the page and in docs/developer/figures.md):

- 访谈期数: interviews held (ended or filed) whose recording date R falls in the year (local time).
- 网民留言数: every question submitted to the year's interviews (``Interview.year``), whatever became of it:
  pending, published, rejected, merged and forwarded ones all count.
- 答复数: those questions answered live or in writing; 不予答复 (declined, with a reason) is counted apart.
- Punctuality: the lead unit's steps with a deadline in the year's interviews. Done by the deadline (the
  completion's local date ≤ the due date) is 按时; done after it is 逾期完成; undone past it while the
  interview's deadlines run is 仍逾期 (``InterviewStep.is_overdue``); the rest are not due yet.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Unit
from portal.interviews.enums import ACTIVE_STATES, HELD_STATES, InterviewState, Owner, StepStatus
from portal.interviews.models import Interview, InterviewStep
from portal.interviews.steps import kinds_owned_by
from portal.planning.models import Plan, PlanRow
from portal.questions.enums import AnswerStatus
from portal.questions.models import Question


class Outcome(models.TextChoices):
    """What became of a plan row's interview (a live one is not held yet)."""

    HELD = "held", _("已举办")
    POSTPONED = "postponed", _("已延期")
    CANCELLED = "cancelled", _("已取消")
    NOT_YET = "not_yet", _("尚未举办")


@dataclass(frozen=True)
class ReportFigures:
    """The 在线访谈 rows of the 政府网站工作年度报表."""

    interviews_held: int
    messages_received: int
    answered_live: int
    answered_written: int
    declined: int

    @property
    def answered(self) -> int:
        return self.answered_live + self.answered_written


@dataclass(frozen=True)
class PlanOutcome:
    """One plan row (or, with ``row`` None, an interview of the year outside the plan) and what happened."""

    row: PlanRow | None
    interview: Interview | None

    @property
    def outcome(self) -> Outcome:
        state = self.interview.state if self.interview else None
        if state in HELD_STATES:
            return Outcome.HELD
        if state == InterviewState.POSTPONED:
            return Outcome.POSTPONED
        if state == InterviewState.CANCELLED:
            return Outcome.CANCELLED
        return Outcome.NOT_YET

    @property
    def outcome_label(self) -> str:
        return str(self.outcome.label)

    @property
    def recorded_on(self) -> dt.date | None:
        if self.interview is None or self.interview.recording_at is None:
            return None
        return timezone.localdate(self.interview.recording_at)

    @property
    def month_shift(self) -> int | None:
        """Months between the planned month and R (positive: later than planned); None without both."""
        if self.row is None or self.recorded_on is None:
            return None
        return (self.recorded_on.year - self.row.plan.year) * 12 + self.recorded_on.month - self.row.month

    @property
    def shift_text(self) -> str:
        shift = self.month_shift
        if shift is None:
            return "—"
        if shift == 0:
            return str(_("按计划月份"))
        if shift > 0:
            return str(_("推迟%(n)d个月")) % {"n": shift}
        return str(_("提前%(n)d个月")) % {"n": -shift}

    @property
    def lead_unit(self) -> Unit | None:
        if self.row is not None:
            return self.row.lead_unit
        return self.interview.lead_unit if self.interview else None


@dataclass(frozen=True)
class UnitPunctuality:
    unit: Unit
    on_time: int
    late: int
    overdue: int
    not_due: int

    @property
    def judged(self) -> int:
        """Steps whose deadline has been met or missed: the rate's denominator."""
        return self.on_time + self.late + self.overdue

    @property
    def total(self) -> int:
        return self.judged + self.not_due

    @property
    def rate(self) -> float | None:
        """按时率: on time among the judged steps (0–1), None when nothing is judged yet."""
        return self.on_time / self.judged if self.judged else None

    @property
    def rate_text(self) -> str:
        return "—" if self.rate is None else f"{self.rate:.0%}"


@dataclass(frozen=True)
class YearFigures:
    year: int
    today: dt.date
    report: ReportFigures
    plan: Plan | None
    plan_outcomes: list[PlanOutcome] = field(default_factory=list)
    unplanned: list[PlanOutcome] = field(default_factory=list)
    punctuality: list[UnitPunctuality] = field(default_factory=list)

    def outcome_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Outcome, 0)
        for item in self.plan_outcomes:
            counts[item.outcome] += 1
        return counts


def report_figures(year: int) -> ReportFigures:
    """Two queries: interviews held in the year, and the year's questions counted by what became of them."""
    held = Interview.objects.filter(state__in=HELD_STATES, recording_at__year=year).count()
    questions = Question.objects.filter(interview__year=year).aggregate(
        received=Count("pk"),
        live=Count("pk", filter=Q(answer_status=AnswerStatus.LIVE)),
        written=Count("pk", filter=Q(answer_status=AnswerStatus.WRITTEN)),
        declined=Count("pk", filter=Q(answer_status=AnswerStatus.DECLINED)),
    )
    return ReportFigures(
        interviews_held=held,
        messages_received=questions["received"],
        answered_live=questions["live"],
        answered_written=questions["written"],
        declined=questions["declined"],
    )


def plan_outcomes(year: int) -> tuple[Plan | None, list[PlanOutcome], list[PlanOutcome]]:
    """The approved plan's rows with their interviews, and the year's interviews outside the plan."""
    plan = Plan.objects.approved().filter(year=year).first()
    rows: list[PlanOutcome] = []
    if plan is not None:
        plan_rows = PlanRow.objects.filter(plan=plan).select_related("plan", "lead_unit", "interview__lead_unit")
        for row in plan_rows.order_by("seq", "id"):
            rows.append(PlanOutcome(row=row, interview=getattr(row, "interview", None)))
    outside = Interview.objects.filter(year=year)
    if plan is not None:
        outside = outside.exclude(plan_row__plan=plan)
    unplanned = [
        PlanOutcome(row=None, interview=interview)
        for interview in outside.select_related("lead_unit").order_by(F("recording_at").asc(nulls_last=True), "id")
    ]
    return plan, rows, unplanned


def unit_punctuality(year: int, today: dt.date) -> list[UnitPunctuality]:
    """Per lead unit, its steps with deadlines in the year's interviews by punctuality; worst first."""
    done = Q(status=StepStatus.DONE)
    on_time = done & (Q(completed_at__isnull=True) | Q(completed_on__lte=F("due_date")))
    late = done & Q(completed_on__gt=F("due_date"))
    overdue = ~done & Q(due_date__lt=today, interview__state__in=ACTIVE_STATES)
    counts = (
        InterviewStep.objects.filter(
            interview__year=year,
            interview__lead_unit__isnull=False,
            kind__in=kinds_owned_by(Owner.LEAD),
            due_date__isnull=False,
        )
        .annotate(completed_on=TruncDate("completed_at"))
        .values("interview__lead_unit")
        .annotate(
            total=Count("pk"),
            on_time=Count("pk", filter=on_time),
            late=Count("pk", filter=late),
            overdue=Count("pk", filter=overdue),
        )
        .order_by()
    )
    counts = list(counts)
    units = Unit.objects.in_bulk([row["interview__lead_unit"] for row in counts])
    result = [
        UnitPunctuality(
            unit=units[row["interview__lead_unit"]],
            on_time=row["on_time"],
            late=row["late"],
            overdue=row["overdue"],
            not_due=row["total"] - row["on_time"] - row["late"] - row["overdue"],
        )
        for row in counts
    ]
    # Worst first: still overdue, then late, then the lower rate; ties by the unit's usual order.
    result.sort(
        key=lambda p: (-p.overdue, -p.late, p.rate if p.rate is not None else 2.0, p.unit.sort_order, p.unit.name)
    )
    return result


def year_figures(year: int, today: dt.date | None = None) -> YearFigures:
    today = today or timezone.localdate()
    plan, outcomes, unplanned = plan_outcomes(year)
    return YearFigures(
        year=year,
        today=today,
        report=report_figures(year),
        plan=plan,
        plan_outcomes=outcomes,
        unplanned=unplanned,
        punctuality=unit_punctuality(year, today),
    )


def figure_years(today: dt.date | None = None) -> list[int]:
    """Years worth offering in the selector: those with interviews or a plan, and this year; newest first."""
    this_year = (today or timezone.localdate()).year
    years = set(Interview.objects.values_list("year", flat=True).distinct())
    years |= set(Plan.objects.values_list("year", flat=True))
    return sorted({*years, this_year}, reverse=True)
