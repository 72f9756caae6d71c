"""The interview lifecycle: the transition table and the one function that changes Interview.state.

States are decisions (planned, postponed, cancelled, live, ended, filed). The public phase and
whether a step is overdue are derived elsewhere and never stored.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import singleton_unit_ids
from portal.audit.services import log_action
from portal.interviews.enums import InterviewState, ProposalStatus, StepKind, StepStatus
from portal.interviews.models import Interview, InterviewStateChange
from portal.interviews.proposals import close_open_proposals
from portal.interviews.services import settle_step
from portal.notifications.reminders import sync_deadline_reminders
from portal.notifications.services import notify_units

S = InterviewState

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.PLANNED: frozenset({S.LIVE, S.POSTPONED, S.CANCELLED}),
    S.POSTPONED: frozenset({S.PLANNED, S.CANCELLED}),
    S.LIVE: frozenset({S.ENDED}),
    S.ENDED: frozenset({S.FILED}),
    S.CANCELLED: frozenset(),
    S.FILED: frozenset(),
}

# Transitions that must say why (they change what others planned around).
REASON_REQUIRED = frozenset({S.POSTPONED, S.CANCELLED, S.PLANNED})

# Steps a transition settles, because the transition is the event the step stands for.
STEP_EFFECTS: dict[str, tuple[str, str]] = {
    S.LIVE: (StepKind.RECORDING, StepStatus.IN_PROGRESS),
    S.ENDED: (StepKind.RECORDING, StepStatus.DONE),
    S.FILED: (StepKind.FILING, StepStatus.DONE),
}


class TransitionRefused(Exception):
    """Raised with a user-facing, translated message."""


def permission_for(to_state: str) -> str:
    return f"interviews.transition_to_{to_state}"


def preconditions(interview: Interview, to_state: str, reason: str = "", *, check_reason: bool = True) -> list[str]:
    """Why ``interview`` cannot move to ``to_state`` now; an empty list means it can."""
    problems: list[str] = []
    if check_reason and to_state in REASON_REQUIRED and not reason.strip():
        problems.append(_("请填写原因。"))
    if to_state == S.LIVE:
        if not interview.recording_confirmed:
            problems.append(_("录制日期尚未确认，不能开始直播。"))
        elif timezone.localdate(interview.recording_at) != timezone.localdate():
            problems.append(
                _("录制日期是%(date)s，只能在当天开始直播。")
                % {"date": timezone.localtime(interview.recording_at).strftime("%Y-%m-%d")}
            )
    elif to_state == S.PLANNED:
        if interview.recording_at is None or interview.recording_at <= timezone.now():
            problems.append(_("恢复筹备前请先设定新的录制时间（须晚于当前时间）。"))
    elif to_state == S.FILED:
        undone = [
            step.get_kind_display()
            for step in interview.steps.all()
            if step.kind != StepKind.FILING and step.status != StepStatus.DONE
        ]
        if undone:
            problems.append(_("以下步骤尚未完成，不能备案：%(steps)s。") % {"steps": "、".join(undone)})
    return problems


@transaction.atomic
def transition_interview(interview: Interview, to_state: str, *, actor, reason: str = "") -> Interview:
    """Move ``interview`` to ``to_state`` or raise ``TransitionRefused`` / ``PermissionDenied``.

    The only code that writes ``Interview.state``. It checks, in order: the transition table, the
    actor's permission, and the target's preconditions. It then saves, settles the step the
    transition stands for, records an InterviewStateChange and an audit entry, and tells every
    unit concerned after commit. Postponing withdraws the confirmation of R, since the date must
    be agreed again.
    """
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    from_state = interview.state
    if to_state not in ALLOWED_TRANSITIONS[from_state]:
        raise TransitionRefused(
            _("“%(from)s”的访谈不能变为“%(to)s”。") % {"from": S(from_state).label, "to": S(to_state).label}
        )
    if not actor.has_perm(permission_for(to_state), interview):
        raise PermissionDenied
    if problems := preconditions(interview, to_state, reason):
        raise TransitionRefused(problems[0])

    now = timezone.now()
    interview.state = to_state
    interview.state_changed_at = now
    fields = ["state", "state_changed_at", "updated_at"]
    if to_state == S.POSTPONED:
        interview.recording_confirmed_at = None
        fields.append("recording_confirmed_at")
    interview.save(update_fields=fields)

    if to_state in STEP_EFFECTS:
        settle_step(interview, *STEP_EFFECTS[to_state])
    if to_state == S.POSTPONED:
        settle_step(interview, StepKind.DATE, StepStatus.IN_PROGRESS)
    if to_state in {S.POSTPONED, S.CANCELLED}:
        # Nobody can agree on a date for it now; a resumed interview gets new proposals.
        close_open_proposals(interview, ProposalStatus.WITHDRAWN)
    sync_deadline_reminders(interview)  # deadlines run only in some states
    InterviewStateChange.objects.create(
        interview=interview, from_state=from_state, to_state=to_state, actor=actor, reason=reason
    )
    log_action(
        interview,
        "interviews.interview.state_changed",
        actor=actor,
        data={"from": from_state, "to": to_state, "reason": reason},
    )
    notify_units(
        interview.involved_unit_ids(singleton_unit_ids()),
        title=_("访谈“%(title)s”状态变为：%(state)s") % {"title": interview.title, "state": S(to_state).label},
        body=reason,
        url=interview.get_backoffice_url(),
    )
    return interview


def available_transitions(interview: Interview, user) -> list[dict]:
    """The state changes to offer ``user`` now, each with why it is not possible (if it is not)."""
    offers = []
    for to_state in sorted(ALLOWED_TRANSITIONS[interview.state]):
        if not user.has_perm(permission_for(to_state), interview):
            continue
        offers.append(
            {
                "state": to_state,
                "label": S(to_state).label,
                "needs_reason": to_state in REASON_REQUIRED,
                "problems": preconditions(interview, to_state, check_reason=False),
            }
        )
    return offers
