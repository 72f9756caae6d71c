"""The interview detail page: built for a GET, and again, with the bound form, for a refused POST."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from portal.accounts.models import Unit
from portal.backoffice.forms import (
    GuestForm,
    HostForm,
    ProposalAnswerForm,
    ProposalForm,
    RecordingForm,
    StepStatusForm,
    TransitionForm,
)
from portal.backoffice.views.common import audit_entries, owner_names
from portal.backoffice.views.interviews.date_panel import date_panel
from portal.interviews.deadlines import provisional_years
from portal.interviews.enums import StepDisplay
from portal.interviews.lifecycle import available_transitions
from portal.interviews.models import Interview, InterviewStep
from portal.interviews.queries import with_details
from portal.interviews.scheduling import SCHEDULABLE_STATES
from portal.interviews.services import CLOSED_STATES, EVENT_SETTLED_STEPS
from portal.live.audience import audience_figures
from portal.notifications.reminders import reminders_for_interview
from portal.workcalendar.workdays import is_provisional

DETAIL_TEMPLATE = "backoffice/interviews/detail.html"


def visible_interview(request, pk: int) -> Interview:
    """The interview if the user may see it; 404 otherwise, so that its existence does not leak."""
    return get_object_or_404(Interview.objects.visible_to(request.user), pk=pk)


# Several forms share the interview page, so each gets its own id prefix. Forms are built with it
# (on GET and on POST alike): Django fixes the ids that error lists point to when it validates.
RECORDING_ID, HOST_ID, GUEST_ID = "id_recording_%s", "id_host_%s", "id_guest_%s"


def step_auto_id(step_pk) -> str:
    return f"id_step{step_pk}_%s"


def transition_auto_id(to_state: str) -> str:
    return f"id_to_{to_state}_%s"


@dataclass
class StepRow:
    step: InterviewStep
    owners: list[str]
    display: StepDisplay
    provisional: bool
    form: StepStatusForm | None
    saved: bool = False
    automatic: str = ""

    @property
    def is_overdue(self) -> bool:
        return self.display == StepDisplay.OVERDUE


def step_row(step: InterviewStep, user, units_by_id: dict, *, today=None, form=None, saved=False) -> StepRow:
    today = today or timezone.localdate()
    # A refused form is shown again even where the page would not offer one, so its message is seen.
    automatic = EVENT_SETTLED_STEPS.get(step.kind, "")
    can_update = form is not None or (
        not automatic and step.interview.state not in CLOSED_STATES and user.has_perm("interviews.update_step", step)
    )
    if can_update:
        form = form or StepStatusForm(initial={"status": step.status}, auto_id=step_auto_id(step.pk))
    return StepRow(
        step=step,
        owners=owner_names(step, units_by_id),
        display=step.display_status(today),
        provisional=step.due_date is not None and is_provisional(step.due_date.year),
        form=form if can_update else None,
        saved=saved,
        automatic=str(automatic),
    )


def permissions_for(interview: Interview, user) -> dict[str, bool]:
    """What the page offers this user; the services check the same permissions again on POST."""
    is_open = interview.state not in CLOSED_STATES
    return {
        "change": is_open and user.has_perm("interviews.change_interview", interview),
        # A tentative R only; a confirmed R moves through a new proposal (the 录制日期 section).
        "set_date": (
            interview.state in SCHEDULABLE_STATES
            and not interview.recording_confirmed
            and user.has_perm("interviews.set_tentative_date", interview)
        ),
        "host": is_open and user.has_perm("interviews.set_host", interview),
        "full_log": user.has_perm("audit.view_full_log"),
    }


def _transition_offers(interview: Interview, user, bound: TransitionForm | None) -> tuple[list[dict], TransitionForm]:
    """Each offer with its own form; a refused form goes back to the offer it came from."""
    offers = available_transitions(interview, user)
    orphan = bound
    for offer in offers:
        if bound is not None and bound.data.get("to_state") == offer["state"]:
            offer["form"], orphan = bound, None
        else:
            offer["form"] = TransitionForm(
                initial={"to_state": offer["state"]}, auto_id=transition_auto_id(offer["state"])
            )
    return offers, orphan


def render_detail(
    request,
    pk: int,
    *,
    status: int = 200,
    transition_form: TransitionForm | None = None,
    recording_form: RecordingForm | None = None,
    host_form: HostForm | None = None,
    guest_form: GuestForm | None = None,
    step_forms: dict | None = None,
    proposal_form: ProposalForm | None = None,
    answer_form: ProposalAnswerForm | None = None,
    dates_error: str = "",
    guest_errors: dict | None = None,
    preview_error: str = "",
) -> TemplateResponse:
    from portal.backoffice.views.questions.introduction import questions_panel  # noqa: PLC0415 -- it imports this module

    user = request.user
    interview = get_object_or_404(with_details(Interview.objects.visible_to(user)), pk=pk)
    today = timezone.localdate()
    units_by_id = Unit.objects.in_bulk()
    step_forms = step_forms or {}
    steps = sorted(interview.steps.all(), key=lambda step: step.order)
    offers, orphan_transition_form = _transition_offers(interview, user, transition_form)
    can = permissions_for(interview, user)
    if recording_form is None:
        recording_form = RecordingForm(initial={"recording_at": interview.recording_at}, auto_id=RECORDING_ID)
    host_form = host_form or HostForm(initial={"host_name": interview.host_name}, auto_id=HOST_ID)
    guest_form = guest_form or GuestForm(auto_id=GUEST_ID)
    guests = list(interview.guests.all())
    for guest in guests:
        guest.error = (guest_errors or {}).get(guest.pk, "")
    context = {
        "nav": "interviews",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "co_units": list(interview.co_units.all()),
        "guests": guests,
        "step_rows": [step_row(step, user, units_by_id, today=today, form=step_forms.get(step.pk)) for step in steps],
        "provisional_years": provisional_years(interview),
        "public_phase": interview.public_phase(),
        "question_window": interview.question_window(),
        "offers": offers,
        "orphan_transition_form": orphan_transition_form,
        "can": can,
        "recording_form": recording_form,
        "host_form": host_form,
        "guest_form": guest_form,
        "dates": date_panel(interview, user, proposal_form=proposal_form, answer_form=answer_form, error=dates_error),
        "state_changes": list(interview.state_changes.select_related("actor")),
        "date_changes": list(interview.date_changes.select_related("actor")),
        "audit_entries": audit_entries(interview),
        "reminders": reminders_for_interview(interview),
        "questions": questions_panel(interview, user, preview_error=preview_error),
        "audience": audience_figures(interview),
    }
    return TemplateResponse(request, DETAIL_TEMPLATE, context, status=status)
