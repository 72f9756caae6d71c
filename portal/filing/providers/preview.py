"""访谈预告: the interview's details, guests and the lead unit's 文字简介 as published, with its images and files."""

from pathlib import PurePath

from portal.filing.base import ArchiveFile, html_file, iso, json_file, stored_file
from portal.interviews.enums import StepKind, StepStatus
from portal.questions.models import Introduction

KEY = "preview"


def _introduction(interview) -> Introduction | None:
    introduction = Introduction.objects.filter(interview=interview).prefetch_related("images", "materials").first()
    return introduction if introduction is not None and introduction.is_submitted else None


def has_content(interview) -> bool:
    return _introduction(interview) is not None


def _suffix(name: str) -> str:
    return PurePath(name).suffix.lower()[:10]


def files(interview) -> list[ArchiveFile]:
    introduction = _introduction(interview)
    if introduction is None:
        return []
    preview = interview.steps_by_kind.get(StepKind.PREVIEW)
    published_at = preview.completed_at if preview and preview.status == StepStatus.DONE else None
    attachments: list[ArchiveFile] = []
    images = []
    for number, image in enumerate(introduction.images.all(), start=1):
        stored = stored_file(f"{KEY}/images/{number:02d}{_suffix(image.image.name)}", image.image, "image/jpeg")
        if stored is not None:
            attachments.append(stored)
        images.append(
            {"alt_text": image.alt_text, "file": stored.name if stored else None, "stored_as": image.image.name}
        )
    materials = []
    for number, material in enumerate(introduction.materials.all(), start=1):
        row = {"title": material.title, "kind": material.kind, "url": material.url, "file": None}
        if material.file:
            media = "application/pdf" if material.file_type == "pdf" else "application/octet-stream"
            stored = stored_file(f"{KEY}/materials/{number:02d}{_suffix(material.file.name)}", material.file, media)
            if stored is not None:
                attachments.append(stored)
            row.update(file=stored.name if stored else None, stored_as=material.file.name)
        materials.append(row)
    data = {
        "title": interview.title,
        "outline": interview.outline,
        "recording_at": iso(interview.recording_at),
        "place": interview.place,
        "host": interview.host_name,
        "lead_unit": str(interview.lead_unit or ""),
        "co_units": [str(unit) for unit in interview.co_units.all()],
        "guests": [
            {"name": guest.name, "post": guest.post, "unit": guest.unit_name} for guest in interview.guests.all()
        ],
        "preview_published_at": iso(published_at),
        "introduction": {
            "revision": introduction.revision,
            "submitted_at": iso(introduction.submitted_at),
            "body_html": introduction.body,
            "images": images,
            "materials": materials,
        },
    }
    page = html_file(f"{KEY}/preview.html", "filing/archive/preview.html", {"interview": interview, "data": data})
    return [json_file(f"{KEY}/preview.json", data), page, *attachments]
