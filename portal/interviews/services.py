"""Writes on interviews other than state and recording date: creation, details, guests, host, steps."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.audit.services import log_action
from portal.core.images import clean_photo
from portal.interviews.enums import FILED_REFUSAL, HELD_STATES, InterviewState, StepKind, StepStatus
from portal.interviews.models import Guest, Interview, InterviewStep
from portal.interviews.steps import STEPS
from portal.notifications.reminders import sync_deadline_reminders

CLOSED_STATES = frozenset({InterviewState.CANCELLED, InterviewState.FILED})

# Steps that stand for an event recorded elsewhere; nobody ticks them by hand.
EVENT_SETTLED_STEPS: dict[str, str] = {
    StepKind.INTRODUCTION: _lazy("第一责任单位提交文字简介时自动完成"),
    StepKind.PREVIEW: _lazy("区城市数字治理中心发布访谈预告时自动完成"),
    StepKind.DATE: _lazy("确认录制日期后自动完成"),
    StepKind.RECORDING: _lazy("开始、结束直播时自动更新"),
    StepKind.SUMMARY: _lazy("第一责任单位提交访谈总结时自动完成"),
    StepKind.FILING: _lazy("备案时自动完成"),
}


class InterviewChangeRefused(Exception):
    """Raised with a user-facing, translated message."""


def _require(actor, perm: str, obj) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied


def _require_open(interview: Interview) -> None:
    if interview.state == InterviewState.FILED:
        raise InterviewChangeRefused(str(FILED_REFUSAL))
    if interview.state in CLOSED_STATES:
        raise InterviewChangeRefused(_("“%(state)s”的访谈不能再修改。") % {"state": interview.get_state_display()})


@transaction.atomic
def create_interview_for_row(row, *, actor) -> Interview:
    """The interview a plan row stands for, with all its steps (not started, no deadlines until R is set)."""
    interview = Interview.objects.create(
        plan_row=row,
        year=row.plan.year,
        title=row.topic,
        lead_unit=row.lead_unit,
        is_demo=row.plan.is_demo,
    )
    interview.co_units.set(row.co_units.all())
    InterviewStep.objects.bulk_create([InterviewStep(interview=interview, kind=step.kind) for step in STEPS])
    log_action(interview, "interviews.interview.created", actor=actor, data={"plan_row": row.pk})
    return interview


def settle_step(interview: Interview, kind: str, status: str) -> None:
    """Set a step that follows an event (EVENT_SETTLED_STEPS); called by the code recording the event."""
    completed_at = timezone.now() if status == StepStatus.DONE else None
    changed = (
        InterviewStep.objects.filter(interview=interview, kind=kind)
        .exclude(status=status)
        .update(status=status, completed_at=completed_at, updated_at=timezone.now())
    )
    if changed:
        sync_deadline_reminders(interview)


def sync_interview_with_row(interview: Interview, row) -> None:
    """After a plan row changes, carry its units over to an interview that has not been held yet."""
    if interview.state in HELD_STATES or interview.state in CLOSED_STATES:
        return
    interview.lead_unit = row.lead_unit
    interview.save(update_fields=["lead_unit", "updated_at"])
    interview.co_units.set(row.co_units.all())


@transaction.atomic
def update_interview(interview: Interview, *, actor, title: str, outline: str, place: str) -> Interview:
    _require(actor, "interviews.change_interview", interview)
    _require_open(interview)
    before = {"title": interview.title, "outline": interview.outline, "place": interview.place}
    interview.title, interview.outline, interview.place = title, outline, place
    interview.save(update_fields=["title", "outline", "place", "updated_at"])
    after = {"title": title, "outline": outline, "place": place}
    changed = {key: {"from": before[key], "to": after[key]} for key in after if before[key] != after[key]}
    log_action(interview, "interviews.interview.updated", actor=actor, data=changed)
    return interview


@transaction.atomic
def set_host(interview: Interview, *, actor, host_name: str) -> Interview:
    """融媒体中心 names the host (主持人)."""
    _require(actor, "interviews.set_host", interview)
    _require_open(interview)
    old = interview.host_name
    interview.host_name = host_name
    interview.save(update_fields=["host_name", "updated_at"])
    log_action(interview, "interviews.interview.host_set", actor=actor, data={"from": old, "to": host_name})
    return interview


def _store_photo(guest: Guest, photo) -> None:
    if photo:
        cleaned = clean_photo(photo, name_stem=f"guest-{get_random_string(12).lower()}")
        guest.photo.save(cleaned.name, cleaned, save=False)


@transaction.atomic
def add_guest(interview: Interview, *, actor, name: str, post: str, unit_name: str, photo=None) -> Guest:
    _require(actor, "interviews.change_interview", interview)
    _require_open(interview)
    guest = Guest(interview=interview, name=name, post=post, unit_name=unit_name, sort_order=interview.guests.count())
    _store_photo(guest, photo)
    guest.save()
    log_action(interview, "interviews.guest.added", actor=actor, data={"guest": str(guest)})
    return guest


@transaction.atomic
def update_guest(guest: Guest, *, actor, name: str, post: str, unit_name: str, photo=None) -> Guest:
    _require(actor, "interviews.change_interview", guest.interview)
    _require_open(guest.interview)
    guest.name, guest.post, guest.unit_name = name, post, unit_name
    _store_photo(guest, photo)
    guest.save()
    log_action(guest.interview, "interviews.guest.updated", actor=actor, data={"guest": str(guest)})
    return guest


@transaction.atomic
def remove_guest(guest: Guest, *, actor) -> None:
    _require(actor, "interviews.change_interview", guest.interview)
    _require_open(guest.interview)
    log_action(guest.interview, "interviews.guest.removed", actor=actor, data={"guest": str(guest)})
    guest.photo.delete(save=False)
    guest.delete()


@transaction.atomic
def set_step_status(step: InterviewStep, status: str, *, actor, note: str = "") -> InterviewStep:
    """A unit that owns a step marks it 未开始 / 进行中 / 已完成.

    Steps that stand for an event follow that event and are refused here: the introduction's
    submission and the preview's publication (portal/questions/services/introduction.py, since
    publishing opens the question channel), the date's confirmation, the live, the filing.
    """
    step = InterviewStep.objects.select_for_update().select_related("interview").get(pk=step.pk)
    _require(actor, "interviews.update_step", step)
    _require_open(step.interview)
    if status not in StepStatus.values:
        raise InterviewChangeRefused(_("未知的步骤状态。"))
    if step.kind in EVENT_SETTLED_STEPS:
        raise InterviewChangeRefused(
            _("“%(step)s”不能手工更新：%(how)s。")
            % {"step": step.get_kind_display(), "how": EVENT_SETTLED_STEPS[step.kind]}
        )
    if status == step.status:
        raise InterviewChangeRefused(_("该步骤已经是“%(status)s”。") % {"status": step.get_status_display()})
    old = step.status
    step.status = status
    step.completed_at = timezone.now() if status == StepStatus.DONE else None
    step.save(update_fields=["status", "completed_at", "updated_at"])
    if StepStatus.DONE in (old, status):
        sync_deadline_reminders(step.interview)
    log_action(
        step.interview,
        "interviews.step.status_changed",
        actor=actor,
        data={"step": step.kind, "from": old, "to": status, "note": note},
    )
    return step
