"""The interview screens: the list, the detail page and every write the detail page offers."""

from portal.backoffice.views.interviews.actions import (
    host_set,
    interview_transition,
    recording_set,
    step_status,
)
from portal.backoffice.views.interviews.dates import interview_ics, proposal_answer, proposal_create, proposal_withdraw
from portal.backoffice.views.interviews.guests import guest_add, guest_edit, guest_remove
from portal.backoffice.views.interviews.pages import interview_detail, interview_edit, interview_list

__all__ = [
    "guest_add",
    "guest_edit",
    "guest_remove",
    "host_set",
    "interview_detail",
    "interview_edit",
    "interview_ics",
    "interview_list",
    "interview_transition",
    "proposal_answer",
    "proposal_create",
    "proposal_withdraw",
    "recording_set",
    "step_status",
]
