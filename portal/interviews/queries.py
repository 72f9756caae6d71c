"""Non-trivial reads of interviews and steps, each scoped to what the user may see."""

import datetime as dt

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from portal.accounts.enums import UnitKind
from portal.accounts.models import Unit, singleton_unit_ids
from portal.interviews.enums import ACTIVE_STATES, Owner, StepStatus
from portal.interviews.models import Interview, InterviewStep
from portal.interviews.steps import STEP_ORDER, kinds_owned_by


def with_details(queryset: QuerySet[Interview]) -> QuerySet[Interview]:
    """What list and detail pages show, fetched in a fixed number of queries."""
    return queryset.select_related("lead_unit", "plan_row__plan").prefetch_related(
        "co_units", "guests", Prefetch("steps", queryset=InterviewStep.objects.order_by("id"))
    )


def open_steps_for_user(user, today: dt.date | None = None) -> list[InterviewStep]:
    """我的待办: the undone steps that the user's units own, overdue first, then by deadline."""
    today = today or timezone.localdate()
    if not user.is_authenticated:
        return []
    centers = singleton_unit_ids()
    unit_ids = set(user.unit_ids)
    if not unit_ids:
        return []
    condition = Q(interview__lead_unit_id__in=unit_ids, kind__in=kinds_owned_by(Owner.LEAD))
    co_led = Interview.co_units.through.objects.filter(unit_id__in=unit_ids).values("interview_id")
    condition |= Q(interview_id__in=co_led, kind__in=kinds_owned_by(Owner.CO))
    for owner, kind in ((Owner.DIGITAL, UnitKind.DIGITAL_CENTER), (Owner.MEDIA, UnitKind.MEDIA_CENTER)):
        if centers.get(kind) in unit_ids:
            condition |= Q(kind__in=kinds_owned_by(owner))
    steps = list(
        InterviewStep.objects.filter(condition, interview__state__in=ACTIVE_STATES)
        .exclude(status=StepStatus.DONE)
        .select_related("interview__lead_unit")
        .prefetch_related("interview__co_units")
    )
    far = dt.date.max
    steps.sort(key=lambda s: (not s.is_overdue(today), s.due_date or far, STEP_ORDER[s.kind], s.interview_id))
    return steps


def oversight_rows(year: int, unit: Unit | None = None) -> list[Interview]:
    """The year's interviews with their steps, for 区政府办's oversight page, optionally for one unit."""
    interviews = Interview.objects.filter(year=year)
    if unit is not None and unit.kind == UnitKind.RESPONSIBLE:
        co_led = Interview.co_units.through.objects.filter(unit=unit).values("interview_id")
        interviews = interviews.filter(Q(lead_unit=unit) | Q(pk__in=co_led))
    # The plan's rows first, then interviews outside the plan, on SQLite as on PostgreSQL.
    by_row = F("plan_row__seq").asc(nulls_last=True)
    return list(with_details(interviews).order_by(by_row, F("recording_at").asc(nulls_last=True), "id"))


def years_with_interviews() -> list[int]:
    return list(Interview.objects.order_by("-year").values_list("year", flat=True).distinct())
