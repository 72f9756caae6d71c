"""The live record as plain data, for machines: the JSON API, the webhooks (浦口发布) and the feeds.

Viewers' events carry an HTML fragment; receivers get the same facts as fields. An entry is always described
as it is *now*: a withdrawn entry never carries its text or photos, whichever event refers to it, so a
withdrawal also takes the text out of every later read of older events.
"""

from django.conf import settings
from django.urls import reverse

from portal.live.enums import EntryStatus
from portal.live.models import LiveEntry, LiveEvent
from portal.live.queries import entries_for_display

# The public state of an entry: published, corrected (published and changed since) or withdrawn.
STATE_PUBLISHED = "published"
STATE_CORRECTED = "corrected"
STATE_WITHDRAWN = "withdrawn"


def absolute(path: str) -> str:
    return settings.PORTAL_PUBLIC_URL.rstrip("/") + path


def _time(value) -> str | None:
    return value.isoformat() if value else None


def entry_state(entry: LiveEntry) -> str:
    if entry.status == EntryStatus.WITHDRAWN:
        return STATE_WITHDRAWN
    return STATE_CORRECTED if entry.corrected_at else STATE_PUBLISHED


def entry_url(entry: LiveEntry) -> str:
    return absolute(reverse("website:interview-detail", args=[entry.interview_id]) + f"#{entry.dom_id}")


def entry_data(entry: LiveEntry) -> dict:
    """One public entry (never a draft) as plain data; a withdrawn one without its text, question or photos."""
    state = entry_state(entry)
    withdrawn = state == STATE_WITHDRAWN
    question = None
    if entry.question_id and not withdrawn:
        question = {"nickname": entry.question.nickname, "text": entry.question.public_text}
    photos = []
    if not withdrawn:
        photos = [
            {"url": absolute(photo.image.url), "width": photo.width, "height": photo.height, "caption": photo.caption}
            for photo in entry.photos.all()
        ]
    return {
        "id": entry.pk,
        "seq": entry.published_seq,
        "state": state,
        "speaker": entry.speaker,
        "speaker_label": str(entry.get_speaker_display()),
        "speaker_name": entry.speaker_name,
        "question": question,
        "text": "" if withdrawn else entry.text,
        "photos": photos,
        "highlight": entry.is_highlight and not withdrawn,
        "backfill": entry.is_backfill,
        "published_at": _time(entry.published_at),
        "corrected_at": _time(entry.corrected_at),
        "withdrawn_at": _time(entry.withdrawn_at),
        "url": entry_url(entry),
    }


def public_entries_by_id(entry_ids) -> dict[int, LiveEntry]:
    """The public entries among ``entry_ids`` (drafts are never public), ready for ``entry_data``."""
    ids = {entry_id for entry_id in entry_ids if entry_id}
    if not ids:
        return {}
    return {entry.pk: entry for entry in entries_for_display(LiveEntry.objects.public().filter(pk__in=ids))}


def event_data(event: LiveEvent, entries: dict[int, LiveEntry]) -> dict:
    """An event of the record: its number, kind, op and time, and its entry as plain data (as it is now)."""
    entry = entries.get(event.entry_id) if event.entry_id else None
    return {
        "seq": event.seq,
        "interview": event.interview_id,
        "kind": event.kind,
        "op": event.op,
        "at": event.payload.get("at") or _time(event.created_at),
        "entry": entry_data(entry) if entry is not None else None,
    }
