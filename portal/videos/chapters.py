"""Chapters of the video from the record's entries (pure).

An entry published ``t`` seconds after the live started is at ``t + offset`` seconds in the video:
the offset is negative when the edited video starts after the live did (the usual case), positive
when it starts earlier. 融媒体中心 sets it once per video; times are clamped to the video.
"""

import datetime as dt
from dataclasses import dataclass

MAX_LABEL_CHARS = 60


@dataclass(frozen=True)
class Chapter:
    entry_id: int
    seconds: float
    label: str

    @property
    def clock(self) -> str:
        total = int(self.seconds)
        hours, rest = divmod(total, 3600)
        minutes, secs = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"

    @property
    def fragment(self) -> str:
        """The media fragment that starts the video here (``video.mp4#t=123``), for pages without JS."""
        return f"t={int(self.seconds)}"


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "…"


def chapters_from_entries(
    live_started_at: dt.datetime | None,
    entries: list[tuple[int, dt.datetime, str]],
    offset: float,
    duration: float,
) -> list[Chapter]:
    if live_started_at is None:
        return []
    chapters = []
    for entry_id, published_at, label in entries:
        seconds = (published_at - live_started_at).total_seconds() + offset
        chapters.append(Chapter(entry_id, round(min(max(seconds, 0.0), max(duration, 0.0)), 3), _label(label)))
    return sorted(chapters, key=lambda chapter: (chapter.seconds, chapter.entry_id))
