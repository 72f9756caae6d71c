"""The 录制日期 section of the interview page: R, the open proposal with each party's answer, the forms."""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from portal.accounts.rules import date_parties
from portal.backoffice.forms import ProposalAnswerForm, ProposalForm
from portal.interviews.enums import DateParty, InterviewState, ProposalDecision
from portal.interviews.models import Interview, ProposalResponse, RecordingProposal
from portal.interviews.proposals import answers_of

PROPOSAL_ID = "id_proposal_%s"


def answer_auto_id(party: str, decision: str) -> str:
    return f"id_answer_{party}_{decision}_%s"


@dataclass
class PartyRow:
    party: str
    label: str
    response: ProposalResponse | None
    forms: dict = field(default_factory=dict)  # decision -> ProposalAnswerForm, for the user's own parties

    @property
    def is_declined(self) -> bool:
        return self.response is not None and self.response.decision == ProposalDecision.DECLINE


def _answer_form(party: str, decision: str, bound: ProposalAnswerForm | None) -> ProposalAnswerForm:
    if bound is not None and bound.data.get("party") == party and bound.data.get("decision") == decision:
        return bound
    return ProposalAnswerForm(initial={"party": party, "decision": decision}, auto_id=answer_auto_id(party, decision))


def _party_rows(proposal: RecordingProposal, mine: list[str], bound: ProposalAnswerForm | None) -> list[PartyRow]:
    answers = answers_of(proposal)
    rows = []
    for party in DateParty:
        row = PartyRow(party=party.value, label=str(party.label), response=answers.get(party.value))
        if row.response is None and party.value in mine:
            row.forms = {decision: _answer_form(party.value, decision, bound) for decision in ProposalDecision.values}
        rows.append(row)
    return rows


def date_panel(
    interview: Interview,
    user,
    *,
    proposal_form: ProposalForm | None = None,
    answer_form: ProposalAnswerForm | None = None,
    error: str = "",
) -> dict:
    proposals = list(interview.recording_proposals.select_related("proposed_by").prefetch_related("responses__user"))
    current = next((proposal for proposal in proposals if proposal.is_open), None)
    planned = interview.state == InterviewState.PLANNED
    mine = date_parties(user, interview) if planned else []
    can_propose = planned and user.has_perm("interviews.propose_date", interview)
    if proposal_form is None and can_propose:
        proposal_form = ProposalForm(initial={"minutes": settings.PORTAL_RECORDING_MINUTES}, auto_id=PROPOSAL_ID)
    history = [
        {"proposal": proposal, "rows": _party_rows(proposal, [], None)}
        for proposal in proposals
        if not proposal.is_open
    ]
    return {
        "current": current,
        "rows": _party_rows(current, mine, answer_form) if current else [],
        "can_withdraw": current is not None and user.has_perm("interviews.withdraw_date_proposal", current),
        "can_propose": can_propose or (proposal_form is not None and proposal_form.is_bound),
        "proposal_form": proposal_form,
        "needs_reason": interview.recording_confirmed,
        "history": history,
        "error": error,
        "ics_url": reverse("backoffice:interview-ics", args=[interview.pk]),
        "now": timezone.now(),
    }
