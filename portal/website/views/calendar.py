"""The public calendar file of one interview's recording: its time, title, place and page, nothing more."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from portal.interviews.enums import InterviewState
from portal.interviews.ics import public_recording_calendar
from portal.website.views.common import public_interviews

# A postponed or cancelled interview has no time to put in a calendar.
ICS_STATES = (InterviewState.PLANNED, InterviewState.LIVE, InterviewState.ENDED, InterviewState.FILED)


@require_safe
def interview_ics(request, pk: int):
    interview = public_interviews().filter(pk=pk, state__in=ICS_STATES, recording_at__isnull=False).first()
    if interview is None:
        raise Http404("访谈不存在、尚未发布或录制时间未定")
    url = settings.PORTAL_PUBLIC_URL.rstrip("/") + interview.get_absolute_url()
    response = HttpResponse(public_recording_calendar(interview, url=url), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
    return response
