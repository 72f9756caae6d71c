"""Where the video's captions and chapters come from in other apps: the final script and the live record.

Both apps are optional here: each adapter imports lazily and answers None or [] when its app is not
installed, so this app works (and is tested) on its own. They follow the shapes of portal.scripts
(Script → ScriptRevision with ``is_final`` and ``as_document()``) and portal.live (LiveSession with
``started_at``; LiveEntry with ``status``, ``published_at``, ``is_backfill``, ``speaker_name``, ``text``);
the lead engineer wires and adjusts them when those apps are merged.
"""

import datetime as dt

from django.apps import apps

from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview
from portal.scripts.document import ScriptDocument


def final_script_document(interview: Interview) -> ScriptDocument | None:
    """The latest final revision of the interview's script as a ScriptDocument, or None."""
    if not apps.is_installed("portal.scripts"):
        return None
    from portal.scripts.models import ScriptRevision  # noqa: PLC0415 -- optional app

    revision = ScriptRevision.objects.filter(script__interview=interview, is_final=True).order_by("-number").first()
    return revision.as_document() if revision is not None else None


def live_started_at(interview: Interview) -> dt.datetime | None:
    """When the live began: the live session's start, else the state change to 直播中, else R."""
    if apps.is_installed("portal.live"):
        from portal.live.models import LiveSession  # noqa: PLC0415 -- optional app

        started = LiveSession.objects.filter(interview=interview).values_list("started_at", flat=True).first()
        if started:
            return started
    change = interview.state_changes.filter(to_state=InterviewState.LIVE).order_by("created_at").first()
    return change.created_at if change is not None else interview.recording_at


def record_entries(interview: Interview) -> list[tuple[int, dt.datetime, str]]:
    """(id, published_at, label) of each published entry of the live record, in order; [] without the app."""
    if not apps.is_installed("portal.live"):
        return []
    from portal.live.models import LiveEntry  # noqa: PLC0415 -- optional app

    entries = (
        LiveEntry.objects.public()
        .filter(interview=interview, published_at__isnull=False, is_backfill=False, withdrawn_at__isnull=True)
        .order_by("published_at", "id")
    )
    return [
        (entry.pk, entry.published_at, f"{entry.speaker_name}：{entry.text}" if entry.speaker_name else entry.text)
        for entry in entries
    ]
