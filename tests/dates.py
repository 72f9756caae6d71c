"""Helpers for tests that need a recording date the three parties agreed on."""

from portal.interviews.enums import DateParty, ProposalDecision
from portal.interviews.proposals import answer_proposal, propose_recording_date


def agree_on(interview, when, *, editor, operator, producer, reason: str = "", minutes: int | None = None):
    """The lead unit proposes ``when``; both centers confirm. Returns the (confirmed) proposal."""
    proposal = propose_recording_date(interview, when, actor=editor, reason=reason, minutes=minutes)
    answer_proposal(proposal, party=DateParty.DIGITAL, decision=ProposalDecision.CONFIRM, actor=operator)
    return answer_proposal(proposal, party=DateParty.MEDIA, decision=ProposalDecision.CONFIRM, actor=producer)
