"""Reads of the live record for the public page, the poll endpoint, the fan-out's replay and the console."""

from portal.live.models import LiveEntry, LiveEvent, LiveSession

REPLAY_LIMIT = 1000


def entries_for_display(queryset):
    return queryset.select_related("guest", "question").prefetch_related("photos")


def public_entries(interview, *, oldest_first: bool = False) -> list[LiveEntry]:
    """Published and withdrawn entries in publication order (newest first unless asked otherwise)."""
    order = ["published_seq", "id"] if oldest_first else ["-published_seq", "-id"]
    return list(entries_for_display(LiveEntry.objects.public().filter(interview=interview)).order_by(*order))


def last_seq(interview_id: int) -> int:
    value = LiveSession.objects.filter(interview_id=interview_id).values_list("last_seq", flat=True).first()
    return value or 0


def events_after(interview_id: int, seq: int, limit: int = REPLAY_LIMIT) -> list[dict]:
    """Payloads of the events numbered after ``seq``, in order (at most ``limit``)."""
    rows = (
        LiveEvent.objects.filter(interview_id=interview_id, seq__gt=seq)
        .order_by("seq")
        .values_list("payload", flat=True)
    )
    return list(rows[:limit])


def session_of(interview) -> LiveSession | None:
    return LiveSession.objects.filter(interview=interview).first()
