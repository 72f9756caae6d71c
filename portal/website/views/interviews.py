"""The public page of one interview: the shell that the preview, questions, live entries and video fill."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from portal.interviews.enums import HELD_STATES, StepKind, StepStatus
from portal.website.views.common import public_interviews, shows_demo


def _published_at(interview):
    """The article's publication time: when the preview went out, else when it was held, else last change."""
    preview = interview.steps_by_kind.get(StepKind.PREVIEW)
    if preview is not None and preview.status == StepStatus.DONE and preview.completed_at:
        return preview.completed_at
    return interview.recording_at or interview.state_changed_at or interview.created_at


@require_safe
def interview_detail(request, pk: int):
    interview = public_interviews().filter(pk=pk).first()
    if interview is None:
        raise Http404("访谈不存在或尚未发布")
    now = timezone.now()
    interview.phase = interview.public_phase(now)
    plan = interview.plan_row.plan if interview.plan_row_id else None
    context = {
        "nav": "archive" if interview.state in HELD_STATES else "home",
        "interview": interview,
        "plan": plan,
        "window": interview.question_window(),
        "window_open": interview.question_window_open(now),
        "published_at": _published_at(interview),
        "guests": list(interview.guests.all()),
        "co_units": list(interview.co_units.all()),
        "shows_demo": shows_demo(interview, plan),
    }
    return TemplateResponse(request, "website/interview_detail.html", context)
