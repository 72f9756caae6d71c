"""The recording date R: tentative, or confirmed by the three parties. Every change recomputes the deadlines.

A tentative R is set here (``set_recording_date``) by the lead unit or 区政府办, freely until it is
confirmed. Confirming R, and moving a confirmed R, go through a proposal the three parties agree on
(``portal/interviews/proposals.py``). Both end in ``apply_recording_date``, the one function that
writes R.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import singleton_unit_ids
from portal.audit.services import log_action
from portal.interviews.deadlines import set_deadlines
from portal.interviews.enums import InterviewState, StepKind, StepStatus
from portal.interviews.models import Interview, RecordingDateChange
from portal.interviews.services import settle_step
from portal.notifications.services import notify_units

SCHEDULABLE_STATES = frozenset({InterviewState.PLANNED, InterviewState.POSTPONED})
# No recording is longer; bounds the search for recordings that overlap a new one.
MAX_RECORDING_MINUTES = 8 * 60
# pg_advisory_xact_lock key that serialises studio bookings ("studio" in ASCII).
STUDIO_LOCK_KEY = 0x73747564696F


class SchedulingRefused(Exception):
    """Raised with a user-facing, translated message."""


def format_local(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else _("未定")


def iso_local(value: dt.datetime | None) -> str | None:
    """A time for the audit log, always in local time (values read back from the database are in UTC)."""
    return timezone.localtime(value).isoformat() if value else None


# --- The studio ----------------------------------------------------------------------------------


def lock_studio() -> None:
    """Serialise studio bookings until the transaction ends.

    PostgreSQL: a transaction-level advisory lock. SQLite: the portal opens IMMEDIATE transactions,
    which already serialise writers, so nothing else is needed.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STUDIO_LOCK_KEY])


def studio_conflict(start: dt.datetime, end: dt.datetime, *, exclude: Interview) -> Interview | None:
    """Another interview's confirmed recording overlapping [start, end); touching intervals do not overlap.

    The 融媒体中心's studio and crew make one recording at a time, so every confirmed recording of an
    interview that is not cancelled counts, whatever its place says.
    """
    candidates = (
        Interview.objects.filter(
            recording_confirmed_at__isnull=False,
            recording_at__lt=end,
            recording_at__gt=start - dt.timedelta(minutes=MAX_RECORDING_MINUTES),
        )
        .exclude(state=InterviewState.CANCELLED)
        .exclude(pk=exclude.pk)
        .order_by("recording_at")
    )
    return next((other for other in candidates if other.recording_ends_at > start), None)


def refuse_studio_conflict(start: dt.datetime, minutes: int, *, interview: Interview) -> None:
    other = studio_conflict(start, start + dt.timedelta(minutes=minutes), exclude=interview)
    if other is not None:
        raise SchedulingRefused(
            _("演播室在%(start)s至%(end)s已有其他访谈的录制安排，与所选时段重叠，请另选时间。")
            % {"start": format_local(other.recording_at), "end": format_local(other.recording_ends_at)}
        )


# --- Writing R -----------------------------------------------------------------------------------


def apply_recording_date(
    interview: Interview,
    when: dt.datetime,
    *,
    actor,
    reason: str = "",
    confirmed: bool = False,
    minutes: int | None = None,
    proposal=None,
) -> Interview:
    """Write R (tentative or confirmed), recompute every deadline, record, log and tell every unit.

    The caller holds the interview's row lock and has checked who may do this and when.
    """
    old, was_confirmed = interview.recording_at, interview.recording_confirmed
    now = timezone.now()
    interview.recording_at = when
    interview.recording_confirmed_at = now if confirmed else None
    interview.recording_minutes = minutes if minutes and minutes != settings.PORTAL_RECORDING_MINUTES else None
    interview.save(update_fields=["recording_at", "recording_confirmed_at", "recording_minutes", "updated_at"])
    set_deadlines(interview)  # and their reminders
    RecordingDateChange.objects.create(
        interview=interview, old_at=old, new_at=when, confirmed=confirmed, reason=reason, actor=actor
    )
    data = {"from": iso_local(old), "to": iso_local(when), "reason": reason}
    if proposal is not None:
        data["proposal"] = proposal.pk
    action = "interviews.interview.recording_confirmed" if confirmed else "interviews.interview.recording_set"
    log_action(interview, action, actor=actor, data=data)
    settle_step(interview, StepKind.DATE, StepStatus.DONE if confirmed else StepStatus.IN_PROGRESS)

    values = {"title": interview.title, "old": format_local(old), "new": format_local(when)}
    if confirmed and was_confirmed and old != when:
        title = _("访谈“%(title)s”录制时间由%(old)s调整为%(new)s，已经三方确认；各步骤截止日期已重新计算")
    elif confirmed:
        title = _("访谈“%(title)s”录制时间已确认：%(new)s")
    else:
        title = _("访谈“%(title)s”拟定录制时间：%(new)s（暂定，待三方确认）")
    notify_units(
        interview.involved_unit_ids(singleton_unit_ids()),
        title=title % values,
        body=reason,
        url=interview.get_backoffice_url(),
    )
    return interview


@transaction.atomic
def set_recording_date(interview: Interview, when: dt.datetime, *, actor, reason: str = "") -> Interview:
    """Set a tentative R (lead unit or 区政府办); it changes freely until the three parties confirm one.

    A confirmed R is moved only by a new proposal, with a reason, that the three parties confirm.
    """
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if interview.state not in SCHEDULABLE_STATES:
        raise SchedulingRefused(_("“%(state)s”的访谈不能再调整录制日期。") % {"state": interview.get_state_display()})
    if not actor.has_perm("interviews.set_tentative_date", interview):
        raise PermissionDenied
    if interview.recording_confirmed:
        raise SchedulingRefused(_("录制日期已经三方确认。如需调整，请提出新的录制时间建议并写明原因，经三方重新确认。"))
    if when <= timezone.now():
        raise SchedulingRefused(_("录制时间须晚于当前时间。"))
    if when == interview.recording_at:
        raise SchedulingRefused(_("新的录制时间与原时间相同。"))
    return apply_recording_date(interview, when, actor=actor, reason=reason)
