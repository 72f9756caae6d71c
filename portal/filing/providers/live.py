"""图文实录: the record of the live broadcast as the public saw it (published entries, withdrawals marked)."""

from pathlib import PurePath

from portal.filing.base import ArchiveFile, html_file, iso, json_file, stored_file
from portal.live.models import LiveEntry, LiveSession
from portal.live.queries import public_entries
from portal.live.rendering import entry_html

KEY = "live"


def has_content(interview) -> bool:
    return LiveEntry.objects.public().filter(interview=interview).exists()


def _entry(entry: LiveEntry, photo_files: list[ArchiveFile]) -> dict:
    row = {
        "id": entry.pk,
        "seq": entry.published_seq,
        "status": entry.status,
        "published_at": iso(entry.published_at),
        "speaker": str(entry.get_speaker_display()),
        "speaker_name": entry.speaker_name,
        "backfill": entry.is_backfill,
        "highlight": entry.is_highlight,
        "corrected_at": iso(entry.corrected_at),
        "withdrawn_at": iso(entry.withdrawn_at),
    }
    if entry.is_withdrawn:  # the public sees only that it was withdrawn, and when
        return row
    photos = []
    for number, photo in enumerate(entry.photos.all(), start=1):
        name = f"{KEY}/photos/{entry.pk}-{number:02d}{PurePath(photo.image.name).suffix.lower()[:10]}"
        stored = stored_file(name, photo.image, "image/jpeg")
        if stored is not None:
            photo_files.append(stored)
        photos.append({"caption": photo.caption, "file": stored.name if stored else None})
    question = entry.question
    row.update(
        text=entry.text,
        question={"id": question.pk, "name": question.nickname, "text": question.public_text} if question else None,
        answers=sorted(q.pk for q in entry.answers.all()),
        photos=photos,
    )
    return row


def files(interview) -> list[ArchiveFile]:
    entries = public_entries(interview, oldest_first=True)
    if not entries:
        return []
    session = LiveSession.objects.filter(interview=interview).first()
    photo_files: list[ArchiveFile] = []
    data = {
        "started_at": iso(session.started_at) if session else None,
        "ended_at": iso(session.ended_at) if session else None,
        "stream_url": session.stream_url if session else "",
        "entries": [_entry(entry, photo_files) for entry in entries],
    }
    quoted = [entry.question_id for entry in entries if entry.question_id and not entry.is_withdrawn]
    context = {"interview": interview, "session": session, "entries_html": [entry_html(entry) for entry in entries]}
    return [
        json_file(f"{KEY}/record.json", data, questions=quoted),
        html_file(f"{KEY}/record.html", "filing/archive/record.html", context, questions=quoted),
        *photo_files,
    ]
