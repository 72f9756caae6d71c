"""The fan-out's few reads of the database, run in Django's sync thread with connections tidied after."""

from asgiref.sync import sync_to_async
from django.db import close_old_connections, connection

from portal.interviews.enums import HELD_STATES, InterviewState
from portal.interviews.models import Interview
from portal.live import queries


def _tidy() -> None:
    # As Django does around a request; never inside a test's transaction (it would close it).
    if not connection.in_atomic_block:
        close_old_connections()


def _stream_state(interview_id: int) -> tuple[str, int] | None:
    """("live" | "held" | "other", last_seq) of a public interview, None if the public may not see it."""
    try:
        state = Interview.objects.public().filter(pk=interview_id).values_list("state", flat=True).first()
        if state is None:
            return None
        kind = "live" if state == InterviewState.LIVE else "held" if state in HELD_STATES else "other"
        return kind, queries.last_seq(interview_id)
    finally:
        _tidy()


def _events_after(interview_id: int, seq: int) -> list[dict]:
    try:
        return queries.events_after(interview_id, seq)
    finally:
        _tidy()


def _record_viewer_samples(counts: dict[int, int]) -> None:
    from portal.live.audience import record_viewer_samples  # noqa: PLC0415 -- the audience figures' own module

    try:
        record_viewer_samples(counts)
    finally:
        _tidy()


stream_state = sync_to_async(_stream_state, thread_sensitive=True)
events_after = sync_to_async(_events_after, thread_sensitive=True)
record_viewer_samples = sync_to_async(_record_viewer_samples, thread_sensitive=True)
