"""The 图文直播 section of an interview's page: the entries so far, rendered on the server, and what live.js needs.

The interview's page is the live page while it is live (and the 图文实录 afterwards): the title, guests, host,
time, status and question box are already there. Entries are newest first unless ``?live_order=oldest``.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from portal.interviews.enums import HELD_STATES, InterviewState
from portal.live import queries
from portal.videos.queries import chapters, published_video

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
    video_url: str = ""  # the published video's MP4, when the record's entries can seek it (video_moment)

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
        video_url=_mark_video_moments(interview, entries),
    )


def _mark_video_moments(interview, entries) -> str:
    """After the live, each entry of the record links to its moment in the published video (product.md §7).

    Sets ``entry.video_moment`` (a Chapter) on the entries the video covers; returns the video's URL or "".
    """
    if interview.state not in HELD_STATES:
        return ""
    video = published_video(interview)
    if video is None or not video.is_ready:
        return ""
    moments = {chapter.entry_id: chapter for chapter in chapters(video)}
    for entry in entries:
        entry.video_moment = moments.get(entry.pk)
    return video.public_url("mp4")
