"""The public page of one interview: the preview (简介, guests, the question box), the questions asked, and more."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from portal.interviews.enums import HELD_STATES, StepKind, StepStatus
from portal.live.audience import count_page_view
from portal.website.clients import request_client_key
from portal.website.live_section import live_section
from portal.website.question_box import QuestionBox, question_box
from portal.website.question_list import public_report, published_introduction, published_questions
from portal.website.views.common import public_interviews, shows_demo


def _published_at(interview):
    """The article's publication time: when the preview went out, else when it was held, else last change."""
    preview = interview.steps_by_kind.get(StepKind.PREVIEW)
    if preview is not None and preview.status == StepStatus.DONE and preview.completed_at:
        return preview.completed_at
    return interview.recording_at or interview.state_changed_at or interview.created_at


def public_interview_or_404(pk: int):
    interview = public_interviews().filter(pk=pk).first()
    if interview is None:
        raise Http404("访谈不存在或尚未发布")
    return interview


def render_interview(request, interview, *, box: QuestionBox | None = None, status: int = 200):
    """The interview's page; a refused question or identity check comes back in ``box`` (status 400)."""
    now = timezone.now()
    interview.phase = interview.public_phase(now)
    box = box or question_box(request, interview, now=now)
    plan = interview.plan_row.plan if interview.plan_row_id else None
    form_errors = bool(box.form and box.form.errors) or bool(box.verify_errors) or bool(box.kept_text)
    context = {
        "nav": "archive" if interview.state in HELD_STATES else "home",
        "interview": interview,
        "plan": plan,
        "window": box.window,
        "box": box,
        "form_errors": form_errors,
        "introduction": published_introduction(interview),
        "listing": published_questions(
            interview,
            client=request_client_key(request),
            page=request.GET.get("page"),
            order=request.GET.get("order"),
        ),
        "report": public_report(interview),
        "published_at": _published_at(interview),
        "guests": list(interview.guests.all()),
        "co_units": list(interview.co_units.all()),
        "shows_demo": shows_demo(interview, plan),
        "live": live_section(request, interview),
    }
    return TemplateResponse(request, "website/interview_detail.html", context, status=status)


@require_safe
def interview_detail(request, pk: int):
    interview = public_interview_or_404(pk)
    count_page_view(request, interview.pk)  # a count in the cache, no cookie, nothing about the viewer
    return render_interview(request, interview)
