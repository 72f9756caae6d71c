"""Deadlines of an interview's steps, computed from the recording date R (product.md §3).

Offsets come from settings.PORTAL_STEP_OFFSETS: ``months`` and ``days`` count calendar time,
``workdays`` counts working days under the official holiday and 调休 calendar. A deadline before R
that falls on a day off moves back to the last working day before it, since nobody is at work
to submit anything then.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone

from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview, InterviewStep
from portal.notifications.reminders import sync_deadline_reminders
from portal.workcalendar import workdays


def due_date_for(kind: str, recording_at: dt.datetime | None) -> dt.date | None:
    if recording_at is None:
        return None
    r_date = timezone.localtime(recording_at).date()
    offset = settings.PORTAL_STEP_OFFSETS[kind]
    if "workdays" in offset:
        return workdays.add_workdays(r_date, int(offset["workdays"]))
    due = r_date + relativedelta(months=int(offset.get("months", 0)), days=int(offset.get("days", 0)))
    if due < r_date:
        due = workdays.previous_workday_or_same(due)
    return due


def set_deadlines(interview: Interview) -> list[InterviewStep]:
    """(Re)compute every step's deadline from the interview's current R; returns the changed steps.

    The steps' reminders follow the deadlines (portal/notifications/reminders.py).
    """
    changed = []
    for step in interview.steps.all():
        due = due_date_for(step.kind, interview.recording_at)
        if step.due_date != due:
            step.due_date = due
            changed.append(step)
    InterviewStep.objects.bulk_update(changed, ["due_date"])
    sync_deadline_reminders(interview)
    return changed


def provisional_years(interview: Interview) -> list[int]:
    """Years among the interview's deadlines whose working-day calendar is provisional."""
    years = {step.due_date.year for step in interview.steps.all() if step.due_date}
    return sorted(year for year in years if workdays.is_provisional(year))


def recompute_deadlines_in_year(year: int) -> int:
    """After staff enter a holiday or 调休 day, recompute deadlines of interviews whose R is near that year."""
    start = dt.datetime(year - 1, 11, 1, tzinfo=timezone.get_current_timezone())
    end = dt.datetime(year + 1, 3, 1, tzinfo=timezone.get_current_timezone())
    count = 0
    interviews = Interview.objects.filter(recording_at__gte=start, recording_at__lt=end).exclude(
        state__in=[InterviewState.CANCELLED, InterviewState.FILED]
    )
    for interview in interviews.prefetch_related("steps"):
        count += len(set_deadlines(interview))
    return count
