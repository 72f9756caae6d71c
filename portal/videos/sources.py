"""Where the video's captions and chapters come from in other apps: the final script and the live record."""

import datetime as dt

from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview
from portal.live.models import LiveEntry, LiveSession
from portal.scripts.document import ScriptDocument
from portal.scripts.queries import approved_final


def final_script_document(interview: Interview) -> ScriptDocument | None:
    """The approved final script as a ScriptDocument (captions are drafted from it), or None."""
    revision = approved_final(interview)
    return revision.as_document() if revision is not None else None


def live_started_at(interview: Interview) -> dt.datetime | None:
    """When the live began: the live session's start, else the state change to 直播中, else R."""
    started = LiveSession.objects.filter(interview=interview).values_list("started_at", flat=True).first()
    if started:
        return started
    change = interview.state_changes.filter(to_state=InterviewState.LIVE).order_by("created_at").first()
    return change.created_at if change is not None else interview.recording_at


def record_entries(interview: Interview) -> list[tuple[int, dt.datetime, str]]:
    """(id, published_at, label) of each published entry of the live record, in order (补录 entries excluded)."""
    entries = (
        LiveEntry.objects.public()
        .filter(interview=interview, published_at__isnull=False, is_backfill=False, withdrawn_at__isnull=True)
        .order_by("published_at", "id")
    )
    return [
        (entry.pk, entry.published_at, f"{entry.speaker_name}：{entry.text}" if entry.speaker_name else entry.text)
        for entry in entries
    ]
