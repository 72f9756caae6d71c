"""What viewers receive: an entry as the HTML fragment the public page shows, and the event around it.

The same fragment is rendered by the public page (server side, without JavaScript) and carried in every
event, so a page updated live and a page reloaded show the same thing.
"""

import json

from django.template.loader import render_to_string

from portal.live.enums import OP_BY_KIND, EventKind
from portal.live.models import LiveEntry

ENTRY_TEMPLATE = "website/live/entry.html"
SSE_EVENT = "live"


def entry_html(entry: LiveEntry) -> str:
    return render_to_string(ENTRY_TEMPLATE, {"entry": entry}).strip()


def event_payload(*, interview_id: int, seq: int, kind: str, entry: LiveEntry | None, at) -> dict:
    """The event as viewers receive it (stored in LiveEvent.payload, framed once per process)."""
    payload = {
        "seq": seq,
        "interview": interview_id,
        "kind": kind,
        "op": OP_BY_KIND[EventKind(kind)],
        "at": at.isoformat(),
    }
    if entry is not None:
        payload["entry"] = entry.pk
        payload["html"] = entry_html(entry)
    return payload


def encode(payload: dict) -> str:
    """Compact JSON on one line (json escapes line breaks, so it is one SSE ``data:`` field)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def sse_frame(seq: int, data: str) -> bytes:
    return f"id: {seq}\nevent: {SSE_EVENT}\ndata: {data}\n\n".encode()
