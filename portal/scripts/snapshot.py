"""A ScriptDocument as JSON (a revision's immutable snapshot) and back. Pure: no Django."""

import re
from typing import Any

from portal.scripts.document import Paragraph, ScriptDocument, ScriptHeader, ScriptItem

SPEAKER_SEPARATOR = "："
SPEAKER_MAX = 20
_LABEL = re.compile(rf"([^：:]{{1,{SPEAKER_MAX}}})[：:]")


def _paragraphs(data) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(str(p.get("speaker", "")), str(p.get("text", ""))) for p in data or [])


def paragraphs_to_json(paragraphs) -> list[dict[str, str]]:
    return [{"speaker": p.speaker, "text": p.text} for p in paragraphs]


def document_to_json(doc: ScriptDocument) -> dict[str, Any]:
    header = doc.header
    return {
        "header": {
            "title": header.title,
            "time": header.time,
            "place": header.place,
            "guests": list(header.guests),
            "host": header.host,
        },
        "opening": paragraphs_to_json(doc.opening),
        "items": [
            {
                "key": item.key,
                "question": item.question,
                "answer": item.answer,
                "guest_name": item.guest_name,
                "question_ids": list(item.question_ids),
            }
            for item in doc.items
        ],
        "closing": paragraphs_to_json(doc.closing),
    }


def document_from_json(data: dict[str, Any]) -> ScriptDocument:
    header = data.get("header") or {}
    return ScriptDocument(
        header=ScriptHeader(
            title=header.get("title", ""),
            time=header.get("time", ""),
            place=header.get("place", ""),
            guests=tuple(header.get("guests", ())),
            host=header.get("host", ""),
        ),
        opening=_paragraphs(data.get("opening")),
        items=tuple(
            ScriptItem(
                question=item.get("question", ""),
                answer=item.get("answer", ""),
                guest_name=item.get("guest_name", ""),
                question_ids=tuple(int(pk) for pk in item.get("question_ids", ())),
                key=item.get("key", ""),
            )
            for item in data.get("items") or []
        ),
        closing=_paragraphs(data.get("closing")),
    )


def paragraphs_to_text(paragraphs) -> str:
    """The opening or closing as the unit edits it: one "speaker：text" line per paragraph."""
    return "\n".join(f"{p.speaker}{SPEAKER_SEPARATOR}{p.text}" if p.speaker else p.text for p in paragraphs)


def _speaker(label: str) -> bool:
    """A speaker label: short, no spaces, no punctuation (so "同时，我们：" stays text)."""
    return 0 < len(label) <= SPEAKER_MAX and not any(
        ch.isspace() or ch in "，。、；！？,.;!?“”\"'（）()《》" for ch in label
    )


def text_to_paragraphs(text: str, default_speaker: str) -> tuple[Paragraph, ...]:
    """Each non-empty line a paragraph; "speaker：text" names its speaker, else ``default_speaker`` speaks."""
    paragraphs = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        match = _LABEL.match(line)
        label, rest = (match.group(1), line[match.end() :]) if match else ("", "")
        if match and _speaker(label.strip()) and rest.strip():
            paragraphs.append(Paragraph(label.strip(), rest.strip()))
        else:
            paragraphs.append(Paragraph(default_speaker, line))
    return tuple(paragraphs)
