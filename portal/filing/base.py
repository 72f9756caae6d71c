"""What a section provider returns, and helpers to make archive files in one consistent form.

A provider is a function ``(interview) -> list[ArchiveFile]``; an empty list means the interview has
nothing of that kind (the manifest records the section as empty). Names are paths inside the archive
and start with the section's key (``questions/questions.json``). ``questions`` lists the ids of the
netizen questions whose public text or name a file contains, so that a later deletion request finds
every file it concerns (portal/filing/redaction.py).
"""

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone

JSON = "application/json"
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class ArchiveFile:
    name: str
    data: bytes
    media_type: str
    questions: tuple[int, ...] = field(default=())

    @property
    def sha256(self) -> str:
        return sha256_hex(self.data)

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    provide: Callable[..., list[ArchiveFile]]
    # A cheap look (no rendering) whether the interview has anything for this section; None: unknown.
    has_content: Callable[..., bool] | None = None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def iso(value: dt.datetime | dt.date | None) -> str | None:
    """A time in the portal's zone (Asia/Shanghai) as ISO 8601, or None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def json_bytes(data) -> bytes:
    """Readable, stable JSON: UTF-8, Chinese as is, keys in the order given, a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


def json_file(name: str, data, *, questions=()) -> ArchiveFile:
    return ArchiveFile(name, json_bytes(data), JSON, tuple(sorted(set(questions))))


def html_file(name: str, template: str, context: dict, *, questions=()) -> ArchiveFile:
    """A self-contained page (no external assets) rendered from ``template``."""
    return ArchiveFile(name, render_to_string(template, context).encode(), HTML, tuple(sorted(set(questions))))


def stored_file(name: str, field_file, media_type: str) -> ArchiveFile | None:
    """The bytes of a file in Django's storage, or None if it is missing (the caller says so in its JSON)."""
    if not field_file:
        return None
    try:
        with field_file.storage.open(field_file.name, "rb") as handle:
            return ArchiveFile(name, handle.read(), media_type)
    except (FileNotFoundError, OSError):
        return None
