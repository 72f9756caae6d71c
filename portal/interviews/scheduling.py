"""The recording date R: tentative, confirmed, moved. Every change recomputes the deadlines."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
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


class SchedulingRefused(Exception):
    """Raised with a user-facing, translated message."""


def _format(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else _("未定")


def _iso(value: dt.datetime | None) -> str | None:
    """R for the audit log, always in local time (values read back from the database are in UTC)."""
    return timezone.localtime(value).isoformat() if value else None


@transaction.atomic
def set_recording_date(interview: Interview, when: dt.datetime, *, actor, reason: str = "") -> Interview:
    """Set R. A tentative R changes freely (lead unit or 区政府办); a confirmed R moves only with a reason.

    Every change recomputes the deadlines, records the change, puts the 确定录制日期 step back in
    progress and tells every unit concerned. Moving a confirmed R withdraws its confirmation, since
    the three parties must agree again.
    """
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if interview.state not in SCHEDULABLE_STATES:
        raise SchedulingRefused(_("“%(state)s”的访谈不能再调整录制日期。") % {"state": interview.get_state_display()})
    confirmed = interview.recording_confirmed
    if not actor.has_perm(
        "interviews.move_confirmed_date" if confirmed else "interviews.set_tentative_date", interview
    ):
        raise PermissionDenied
    if when <= timezone.now():
        raise SchedulingRefused(_("录制时间须晚于当前时间。"))
    if confirmed and not reason.strip():
        raise SchedulingRefused(_("录制日期已经三方确认，调整须填写原因。"))
    if when == interview.recording_at:
        raise SchedulingRefused(_("新的录制时间与原时间相同。"))

    old = interview.recording_at
    interview.recording_at = when
    interview.recording_confirmed_at = None
    interview.save(update_fields=["recording_at", "recording_confirmed_at", "updated_at"])
    set_deadlines(interview)
    RecordingDateChange.objects.create(interview=interview, old_at=old, new_at=when, reason=reason, actor=actor)
    action = "interviews.interview.recording_moved" if confirmed else "interviews.interview.recording_set"
    log_action(
        interview,
        action,
        actor=actor,
        data={"from": _iso(old), "to": _iso(when), "reason": reason},
    )
    # The three parties now have a date to agree on (again).
    settle_step(interview, StepKind.DATE, StepStatus.IN_PROGRESS)
    if confirmed:
        title = _("访谈“%(title)s”录制时间由%(old)s调整为%(new)s，待三方重新确认；各步骤截止日期已重新计算")
    else:
        title = _("访谈“%(title)s”拟定录制时间：%(new)s（暂定，待三方确认）")
    notify_units(
        interview.involved_unit_ids(singleton_unit_ids()),
        title=title % {"title": interview.title, "old": _format(old), "new": _format(when)},
        body=reason,
        url=interview.get_backoffice_url(),
    )
    return interview


@transaction.atomic
def confirm_recording_date(interview: Interview, *, actor) -> Interview:
    """Record that the lead unit and both centers agreed on R (区政府办 records it for now)."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if not actor.has_perm("interviews.confirm_date", interview):
        raise PermissionDenied
    if interview.state != InterviewState.PLANNED:
        raise SchedulingRefused(_("只有筹备中的访谈可以确认录制日期。"))
    if interview.recording_at is None:
        raise SchedulingRefused(_("请先设定录制时间。"))
    if interview.recording_confirmed:
        raise SchedulingRefused(_("录制日期已经确认。"))
    if interview.recording_at <= timezone.now():
        raise SchedulingRefused(_("录制时间已过，请先设定新的录制时间。"))
    interview.recording_confirmed_at = timezone.now()
    interview.save(update_fields=["recording_confirmed_at", "updated_at"])
    settle_step(interview, StepKind.DATE, StepStatus.DONE)
    RecordingDateChange.objects.create(
        interview=interview,
        old_at=interview.recording_at,
        new_at=interview.recording_at,
        confirmed=True,
        actor=actor,
    )
    log_action(
        interview,
        "interviews.interview.recording_confirmed",
        actor=actor,
        data={"at": _iso(interview.recording_at)},
    )
    notify_units(
        interview.involved_unit_ids(singleton_unit_ids()),
        title=_("访谈“%(title)s”录制时间已确认：%(at)s")
        % {"title": interview.title, "at": _format(interview.recording_at)},
        url=interview.get_backoffice_url(),
    )
    return interview
