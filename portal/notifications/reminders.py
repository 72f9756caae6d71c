"""Reminders are data (product.md §10): rows written ahead of time, claimed once by a worker, then sent.

This module is the interface other apps call. Interview deadlines: ``sync_deadline_reminders`` after R
is set or moved and after a step's status changes. Things waiting for someone (a script review, a date
proposal, a 督办 notice): ``schedule_wait`` when the wait starts and ``cancel_wait`` when it ends.
The worker that sends them is ``portal/notifications/sending.py`` (``manage.py run_reminders``).
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.interviews.enums import StepStatus
from portal.interviews.models import Interview, InterviewStep
from portal.notifications.models import Reminder, ReminderKind, ReminderStatus

DEADLINE_KINDS = (ReminderKind.DEADLINE_BEFORE, ReminderKind.DEADLINE_OVERDUE)


def at_reminder_hour(day: dt.date) -> dt.datetime:
    """``day`` at PORTAL_REMINDER_HOUR, local time."""
    return dt.datetime.combine(day, dt.time(settings.PORTAL_REMINDER_HOUR), tzinfo=timezone.get_default_timezone())


def next_day_at_reminder_hour(moment: dt.datetime) -> dt.datetime:
    """The reminder hour of the day after ``moment`` (local): when a daily reminder comes again."""
    return at_reminder_hour(timezone.localdate(moment) + dt.timedelta(days=1))


def step_key(step: InterviewStep) -> str:
    return f"step:{step.pk}"


def first_overdue_at(due_date: dt.date) -> dt.datetime:
    return at_reminder_hour(due_date + dt.timedelta(days=1))


def step_needs_reminders(step: InterviewStep) -> bool:
    return step.due_date is not None and step.status != StepStatus.DONE and step.interview.deadlines_active


def before_text(step: InterviewStep, days: int) -> tuple[str, str]:
    values = {
        "title": step.interview.title,
        "step": step.get_kind_display(),
        "date": step.due_date.strftime("%Y-%m-%d"),
        "days": days,
    }
    title = _("截止提醒：访谈“%(title)s”的“%(step)s”将于%(date)s截止（还有%(days)s天）") % values
    body = _("“%(step)s”的截止日期是%(date)s。请按时完成；如已完成，请在平台上更新步骤状态。") % values
    return title, body


def overdue_text(step: InterviewStep, due_at: dt.datetime) -> tuple[str, str]:
    late = (timezone.localdate(due_at) - step.due_date).days
    values = {
        "title": step.interview.title,
        "step": step.get_kind_display(),
        "date": step.due_date.strftime("%Y-%m-%d"),
        "days": late,
    }
    title = _("逾期提醒：访谈“%(title)s”的“%(step)s”已逾期%(days)s天（截止日期%(date)s）") % values
    body = _("“%(step)s”已于%(date)s截止，尚未完成。请尽快办理并在平台上更新步骤状态。") % values
    return title, body


def step_url(step: InterviewStep) -> str:
    return f"{step.interview.get_backoffice_url()}#step-{step.pk}"


def deadline_row(step: InterviewStep, unit_id: int, kind: str, due_at: dt.datetime, days: int = 0) -> Reminder:
    title, body = before_text(step, days) if kind == ReminderKind.DEADLINE_BEFORE else overdue_text(step, due_at)
    return Reminder(
        interview=step.interview,
        step=step,
        unit_id=unit_id,
        kind=kind,
        key=step_key(step),
        title=title[:200],
        body=body,
        url=step_url(step),
        due_at=due_at,
    )


def overdue_plan(rows: list[Reminder], first: dt.datetime, now: dt.datetime) -> tuple[set[int], dt.datetime | None]:
    """Which of a step's live overdue reminders to one unit stay, and when a new one is due (None: none).

    Before the deadline has passed, the one overdue reminder is the day after it. Once it has, the
    daily chain the worker continues stays; without one, a single catch-up reminder is due now, not a
    backlog of the days missed (the interview was postponed, the worker was down).
    """
    if now < first:
        keep = {row.pk for row in rows if row.due_at == first}
        return keep, None if any(row.due_at == first for row in rows) else first
    current = [row for row in rows if row.due_at >= first]
    keep = {row.pk for row in current if row.status == ReminderStatus.PENDING}
    if any(row.status in (ReminderStatus.PENDING, ReminderStatus.CLAIMED) for row in current):
        return keep, None
    sent = [row.due_at for row in current]
    return keep, max(now, next_day_at_reminder_hour(max(sent))) if sent else now


def sync_deadline_reminders(interview) -> None:
    """(Re)write the pending deadline reminders of every step of the interview from its current deadlines.

    For each step with a deadline that is not done, while the interview's deadlines run, each owner
    unit gets a reminder PORTAL_REMINDER_DAYS_BEFORE days before (at PORTAL_REMINDER_HOUR) and one
    the day after the deadline; the worker adds one a day while the step stays overdue. Pending rows
    that no longer match (R moved, step done, interview postponed or cancelled) are cancelled. Sent
    and claimed rows are never touched, and no reminder is written for a moment already past
    except the overdue one.
    """
    interview = Interview.objects.prefetch_related("co_units").get(pk=interview.pk)
    now = timezone.now()
    steps = list(InterviewStep.objects.filter(interview=interview))
    rows = Reminder.objects.filter(interview=interview, kind__in=DEADLINE_KINDS).exclude(
        status=ReminderStatus.CANCELLED
    )
    live: dict[tuple[int, int], list[Reminder]] = {}
    for row in rows:
        live.setdefault((row.step_id, row.unit_id), []).append(row)

    keep: set[int] = set()
    create: list[Reminder] = []
    for step in steps:
        step.interview = interview
        if not step_needs_reminders(step):
            continue
        first = first_overdue_at(step.due_date)
        for unit_id in sorted(step.owner_unit_ids):
            existing = live.get((step.pk, unit_id), [])
            by_time = {(row.kind, row.due_at): row for row in existing}
            for days in settings.PORTAL_REMINDER_DAYS_BEFORE:
                due_at = at_reminder_hour(step.due_date - dt.timedelta(days=days))
                row = by_time.get((ReminderKind.DEADLINE_BEFORE, due_at))
                if row is not None:
                    keep.add(row.pk)
                elif due_at > now:
                    create.append(deadline_row(step, unit_id, ReminderKind.DEADLINE_BEFORE, due_at, days))
            overdue = [row for row in existing if row.kind == ReminderKind.DEADLINE_OVERDUE]
            kept, due_at = overdue_plan(overdue, first, now)
            keep |= kept
            if due_at is not None:
                create.append(deadline_row(step, unit_id, ReminderKind.DEADLINE_OVERDUE, due_at))

    stale = [row.pk for group in live.values() for row in group if row.status == ReminderStatus.PENDING]
    Reminder.objects.filter(pk__in=[pk for pk in stale if pk not in keep], status=ReminderStatus.PENDING).update(
        status=ReminderStatus.CANCELLED
    )
    Reminder.objects.bulk_create(create, ignore_conflicts=True)


def schedule_wait(
    *,
    key: str,
    interview,
    unit_ids: Iterable[int],
    title: str,
    url: str = "",
    start: dt.datetime | None = None,
) -> None:
    """Remind the units that something waits for them, from ``start`` (default now), until cancelled.

    ``key`` names the wait (e.g. ``script-review:<revision id>:digital``); scheduling the same key
    again replaces its pending reminders. After each reminder the worker writes the next one, at
    PORTAL_REMINDER_HOUR the next day, until ``cancel_wait(key)``.
    """
    cancel_wait(key)
    start = start or timezone.now()
    rows = [
        Reminder(
            interview=interview,
            unit_id=unit_id,
            kind=ReminderKind.WAITING,
            key=key,
            title=str(title)[:200],
            url=url,
            due_at=start,
        )
        for unit_id in sorted({unit_id for unit_id in unit_ids if unit_id})
    ]
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)


def cancel_wait(key: str) -> None:
    """The wait is over (reviewed, answered, acknowledged): drop its pending reminders.

    A reminder a worker is sending right now is let through, but writes no next one. The claimed rows
    are marked first, so a next row the worker writes meanwhile is among the pending ones cancelled.
    """
    Reminder.objects.filter(key=key, status=ReminderStatus.CLAIMED).update(continues=False)
    Reminder.objects.filter(key=key, status=ReminderStatus.PENDING).update(status=ReminderStatus.CANCELLED)


def reminders_for_interview(interview, *, upcoming: int = 50, recent: int = 10) -> dict:
    """What will be sent for the interview and when, and what was sent last (for the staff page)."""
    rows = Reminder.objects.filter(interview=interview).select_related("unit")
    waiting = rows.filter(status__in=[ReminderStatus.PENDING, ReminderStatus.CLAIMED])
    done = rows.filter(status__in=[ReminderStatus.SENT, ReminderStatus.FAILED])
    first = list(waiting.order_by("due_at", "id")[:upcoming])
    return {
        "upcoming": first,
        "upcoming_count": waiting.count() if len(first) == upcoming else len(first),
        "recent": list(done.order_by("-due_at", "-id")[:recent]),
    }
