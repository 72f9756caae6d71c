"""Agreeing on the recording date (product.md §3 step 5, §6): proposals and the three parties' answers.

Any of the three parties — the lead unit's editors, 区城市数字治理中心's operators, 区融媒体中心's
producers — proposes a date and time; 区政府办's coordinators may propose on their behalf. The
proposer's own party counts as confirming. When all three have confirmed, the proposal's start
becomes R (``scheduling.apply_recording_date``: deadlines recomputed, step 5 done, everyone told);
one decline, with its reason, closes the proposal. An interview has at most one open proposal: a
new one supersedes it. Moving a confirmed R is a new proposal with a reason; the confirmed R stands
until the new one is confirmed. The studio holds one recording at a time: a proposal overlapping
another interview's confirmed recording is refused, and checked again, under a lock, when confirmed.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.enums import UnitKind
from portal.accounts.models import singleton_unit_ids
from portal.accounts.rules import date_parties
from portal.audit.services import log_action
from portal.interviews.enums import DateParty, InterviewState, ProposalDecision, ProposalStatus
from portal.interviews.models import Interview, ProposalResponse, RecordingProposal
from portal.interviews.scheduling import (
    MAX_RECORDING_MINUTES,
    SchedulingRefused,
    apply_recording_date,
    format_local,
    iso_local,
    lock_studio,
    refuse_studio_conflict,
)
from portal.notifications.reminders import cancel_wait, schedule_wait
from portal.notifications.services import notify_units

MIN_RECORDING_MINUTES = 15
PARTIES = tuple(DateParty.values)


def wait_key(proposal: RecordingProposal, party: str) -> str:
    return f"date-proposal:{proposal.pk}:{party}"


def party_unit_ids(interview: Interview, party: str) -> set[int]:
    if party == DateParty.LEAD:
        return {interview.lead_unit_id} if interview.lead_unit_id else set()
    kind = UnitKind.DIGITAL_CENTER if party == DateParty.DIGITAL else UnitKind.MEDIA_CENTER
    unit_id = singleton_unit_ids().get(kind)
    return {unit_id} if unit_id else set()


def _parties_units(interview: Interview, parties) -> set[int]:
    return set().union(*(party_unit_ids(interview, party) for party in parties)) if parties else set()


def answers_of(proposal: RecordingProposal) -> dict[str, ProposalResponse]:
    return {response.party: response for response in proposal.responses.all()}


def pending_parties(proposal: RecordingProposal) -> list[str]:
    answered = answers_of(proposal)
    return [party for party in PARTIES if party not in answered]


def _describe(proposal: RecordingProposal) -> dict[str, str]:
    return {
        "title": proposal.interview.title,
        "start": format_local(proposal.start),
        "end": timezone.localtime(proposal.end).strftime("%H:%M"),
    }


def _require_planned(interview: Interview) -> None:
    if interview.state != InterviewState.PLANNED:
        raise SchedulingRefused(_("“%(state)s”的访谈不能商定录制日期。") % {"state": interview.get_state_display()})


def _close(proposal: RecordingProposal, status: str, now: dt.datetime) -> None:
    for party in pending_parties(proposal):
        cancel_wait(wait_key(proposal, party))
    proposal.status, proposal.closed_at = status, now
    proposal.save(update_fields=["status", "closed_at"])


def close_open_proposals(interview: Interview, status: str = ProposalStatus.SUPERSEDED) -> list[RecordingProposal]:
    """Close the interview's open proposals (superseded by a new one, or withdrawn when it is postponed)."""
    now = timezone.now()
    closed = list(RecordingProposal.objects.select_for_update().filter(interview=interview, status=ProposalStatus.OPEN))
    for proposal in closed:
        _close(proposal, status, now)
    return closed


@transaction.atomic
def propose_recording_date(
    interview: Interview, start: dt.datetime, *, actor, minutes: int | None = None, reason: str = ""
) -> RecordingProposal:
    """Propose a recording date and time; the proposer's own party confirms it at once."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    _require_planned(interview)
    if not actor.has_perm("interviews.propose_date", interview):
        raise PermissionDenied
    minutes = minutes or settings.PORTAL_RECORDING_MINUTES
    reason = reason.strip()
    if start <= timezone.now():
        raise SchedulingRefused(_("录制时间须晚于当前时间。"))
    if not MIN_RECORDING_MINUTES <= minutes <= MAX_RECORDING_MINUTES:
        raise SchedulingRefused(
            _("录制时长须在%(min)s至%(max)s分钟之间。") % {"min": MIN_RECORDING_MINUTES, "max": MAX_RECORDING_MINUTES}
        )
    if interview.recording_confirmed:
        if not reason:
            raise SchedulingRefused(_("录制日期已经三方确认，调整须填写原因。"))
        if start == interview.recording_at and interview.recording_duration == dt.timedelta(minutes=minutes):
            raise SchedulingRefused(_("建议的录制时间与已确认的时间相同。"))
    lock_studio()
    refuse_studio_conflict(start, minutes, interview=interview)

    superseded = close_open_proposals(interview)
    parties = date_parties(actor, interview)
    proposal = RecordingProposal.objects.create(
        interview=interview,
        start=start,
        minutes=minutes,
        place=interview.place,
        reason=reason,
        proposed_by=actor,
        proposer_party=parties[0] if parties else "",
    )
    ProposalResponse.objects.bulk_create(
        [
            ProposalResponse(proposal=proposal, party=party, decision=ProposalDecision.CONFIRM, user=actor)
            for party in parties
        ]
    )
    log_action(
        interview,
        "interviews.proposal.made",
        actor=actor,
        data={
            "at": iso_local(start),
            "minutes": minutes,
            "reason": reason,
            "party": proposal.proposer_party or "gov_office",
            "superseded_proposals": [old.pk for old in superseded],
        },
    )
    if not pending_parties(proposal):
        return _confirm(proposal, interview, actor=actor)

    pending = pending_parties(proposal)
    values = _describe(proposal)
    title = _("访谈“%(title)s”建议录制时间：%(start)s至%(end)s，请确认") % values
    notify_units(_parties_units(interview, pending), title=title, body=reason, url=interview.get_backoffice_url())
    for party in pending:
        schedule_wait(
            key=wait_key(proposal, party),
            interview=interview,
            unit_ids=sorted(party_unit_ids(interview, party)),
            title=title,
            url=interview.get_backoffice_url(),
        )
    return proposal


def _locked_open_proposal(proposal: RecordingProposal) -> tuple[RecordingProposal, Interview]:
    interview = Interview.objects.select_for_update().get(pk=proposal.interview_id)
    proposal = RecordingProposal.objects.select_for_update().get(pk=proposal.pk)
    proposal.interview = interview
    if not proposal.is_open:
        raise SchedulingRefused(_("该录制时间建议%(status)s，不能再操作。") % {"status": proposal.get_status_display()})
    return proposal, interview


@transaction.atomic
def answer_proposal(
    proposal: RecordingProposal, *, party: str, decision: str, actor, reason: str = ""
) -> RecordingProposal:
    """One party confirms or declines (with a reason). The third confirmation makes the proposal R."""
    proposal, interview = _locked_open_proposal(proposal)
    if party not in date_parties(actor, interview):
        raise PermissionDenied
    _require_planned(interview)
    reason = reason.strip()
    if decision not in ProposalDecision.values:
        raise SchedulingRefused(_("未知的答复。"))
    if party in answers_of(proposal):
        raise SchedulingRefused(_("%(party)s已经答复过这条建议。") % {"party": DateParty(party).label})
    if decision == ProposalDecision.DECLINE and not reason:
        raise SchedulingRefused(_("拒绝须填写原因，以便其他各方另提时间。"))
    if decision == ProposalDecision.CONFIRM and proposal.start <= timezone.now():
        raise SchedulingRefused(_("建议的录制时间已过，请提出新的录制时间。"))

    ProposalResponse.objects.create(proposal=proposal, party=party, decision=decision, reason=reason, user=actor)
    cancel_wait(wait_key(proposal, party))
    values = {**_describe(proposal), "party": DateParty(party).label, "reason": reason}
    if decision == ProposalDecision.DECLINE:
        _close(proposal, ProposalStatus.DECLINED, timezone.now())
        log_action(
            interview,
            "interviews.proposal.declined",
            actor=actor,
            data={"party": party, "reason": reason, "at": iso_local(proposal.start)},
        )
        # 区政府办 hears of it too when it proposed on the parties' behalf.
        on_behalf = set() if proposal.proposer_party else {singleton_unit_ids().get(UnitKind.GOV_OFFICE)}
        notify_units(
            _parties_units(interview, PARTIES) | on_behalf,
            title=_("访谈“%(title)s”建议的录制时间%(start)s被%(party)s拒绝") % values,
            body=reason,
            url=interview.get_backoffice_url(),
        )
        return proposal
    log_action(
        interview, "interviews.proposal.confirmed", actor=actor, data={"party": party, "at": iso_local(proposal.start)}
    )
    if pending_parties(proposal):
        return proposal
    return _confirm(proposal, interview, actor=actor)


def _confirm(proposal: RecordingProposal, interview: Interview, *, actor) -> RecordingProposal:
    """All three agreed: check the studio again under its lock, then the proposal's start becomes R."""
    lock_studio()
    refuse_studio_conflict(proposal.start, proposal.minutes, interview=interview)
    now = timezone.now()
    _close(proposal, ProposalStatus.CONFIRMED, now)
    apply_recording_date(
        interview,
        proposal.start,
        actor=actor,
        reason=proposal.reason,
        confirmed=True,
        minutes=proposal.minutes,
        proposal=proposal,
    )
    return proposal


@transaction.atomic
def withdraw_proposal(proposal: RecordingProposal, *, actor) -> RecordingProposal:
    """The proposer (or 区政府办) withdraws an open proposal."""
    proposal, interview = _locked_open_proposal(proposal)
    if not actor.has_perm("interviews.withdraw_date_proposal", proposal):
        raise PermissionDenied
    _close(proposal, ProposalStatus.WITHDRAWN, timezone.now())
    log_action(interview, "interviews.proposal.withdrawn", actor=actor, data={"at": iso_local(proposal.start)})
    notify_units(
        _parties_units(interview, PARTIES),
        title=_("访谈“%(title)s”建议的录制时间%(start)s已撤回") % _describe(proposal),
        url=interview.get_backoffice_url(),
    )
    return proposal
