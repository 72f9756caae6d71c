"""The 图文直播 section of an interview's page: the entries so far, rendered on the server, and what live.js needs.

The interview's page is the live page while it is live (and the 图文实录 afterwards): the title, guests, host,
time, status and question box are already there. Entries are newest first unless ``?live_order=oldest``.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from portal.interviews.enums import HELD_STATES, InterviewState
from portal.live import queries

ORDER_PARAM = "live_order"


@dataclass
class LiveSection:
    interview_id: int
    is_live: bool
    entries: list
    oldest_first: bool
    last_seq: int
    stream_url: str  # the video address, if any
    events_url: str
    poll_url: str
    poll_seconds: int

    @property
    def order(self) -> str:
        return "oldest" if self.oldest_first else "newest"


def live_section(request, interview) -> LiveSection | None:
    """None before the live starts (and for cancelled interviews); else the section to show."""
    if interview.state != InterviewState.LIVE and interview.state not in HELD_STATES:
        return None
    oldest_first = request.GET.get(ORDER_PARAM) == "oldest"
    session = queries.session_of(interview)
    entries = queries.public_entries(interview, oldest_first=oldest_first)
    if interview.state != InterviewState.LIVE and not entries:
        return None
    return LiveSection(
        interview_id=interview.pk,
        is_live=interview.state == InterviewState.LIVE,
        entries=entries,
        oldest_first=oldest_first,
        last_seq=session.last_seq if session else 0,
        stream_url=session.stream_url if session else "",
        events_url=reverse("website:live-events", args=[interview.pk]),
        poll_url=reverse("website:live-entries", args=[interview.pk]),
        poll_seconds=settings.PORTAL_LIVE_POLL_SECONDS,
    )
