"""The read-only public JSON API (v1) of the live record, for 浦口发布 and other sites and apps.

``/api/v1/interviews/`` (published interviews), ``/api/v1/interviews/<id>/entries?since=<seq>`` (the public
entries, as they are now, touched after ``seq``) and ``/api/v1/interviews/<id>/events?since=<seq>`` (the event
log, never a draft). Every answer has a strong ETag (a hash of the body; 304 to If-None-Match) and
``Cache-Control: public, max-age=2`` so the nginx microcache absorbs polling. The schema is
``portal/website/openapi.json``, served at ``/api/v1/openapi.json``.
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from portal.interviews.enums import InterviewState
from portal.live import queries
from portal.live.models import LiveEntry, LiveEvent
from portal.live.plain import absolute, entry_data, event_data, public_entries_by_id
from portal.website.views.common import newest_first, public_interviews, with_phases
from portal.website.views.interviews import public_interview_or_404

PAGE_SIZE = 50
EVENTS_LIMIT = 500
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "openapi.json"


def _since(request) -> int:
    raw = request.GET.get("since", "")
    return int(raw) if raw.isdigit() else 0


def _answer(request, data: dict):
    """JSON with a strong ETag over the body, 304 when the client has it, cacheable for 2 seconds."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    header = request.headers.get("If-None-Match", "")
    if any(tag.strip() in (etag, "*") for tag in header.split(",")):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=2)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def interview_data(interview) -> dict:
    pk = interview.pk
    session = getattr(interview, "live_session", None)
    phase = interview.phase
    return {
        "id": pk,
        "title": interview.title,
        "state": interview.state,
        "state_label": str(interview.get_state_display()),
        "phase": phase.value if phase else None,
        "phase_label": str(phase.label) if phase else None,
        "recording_at": interview.recording_at.isoformat() if interview.recording_at else None,
        "live": {
            "started_at": session.started_at.isoformat() if session and session.started_at else None,
            "ended_at": session.ended_at.isoformat() if session and session.ended_at else None,
            "last_seq": session.last_seq if session else 0,
        },
        "urls": {
            "page": absolute(reverse("website:interview-detail", args=[pk])),
            "entries": absolute(reverse("website:api-entries", args=[pk])),
            "events": absolute(reverse("website:api-events", args=[pk])),
            "rss": absolute(reverse("website:live-rss", args=[pk])),
            "atom": absolute(reverse("website:live-atom", args=[pk])),
        },
    }


@require_safe
def interviews(request):
    queryset = newest_first(public_interviews().select_related("live_session"))
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    data = {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": absolute(f"{reverse('website:api-interviews')}?page={page.next_page_number()}")
        if page.has_next()
        else None,
        "interviews": [interview_data(interview) for interview in with_phases(page.object_list)],
    }
    return _answer(request, data)


def _record_header(interview) -> dict:
    return {
        "interview": interview.pk,
        "live": interview.state == InterviewState.LIVE,
        "last_seq": queries.last_seq(interview.pk),
    }


@require_safe
def entries(request, pk: int):
    interview = public_interview_or_404(pk)
    since = _since(request)
    header = _record_header(interview)
    public = LiveEntry.objects.public().filter(interview=interview)
    if since:
        touched = LiveEvent.objects.filter(interview=interview, seq__gt=since).values("entry_id")
        public = public.filter(pk__in=touched)
    ids = public.values_list("pk", flat=True)
    rows = sorted(public_entries_by_id(ids).values(), key=lambda entry: (entry.published_seq or 0, entry.pk))
    return _answer(request, {**header, "since": since, "entries": [entry_data(entry) for entry in rows]})


@require_safe
def events(request, pk: int):
    interview = public_interview_or_404(pk)
    since = _since(request)
    header = _record_header(interview)
    rows = list(LiveEvent.objects.filter(interview=interview, seq__gt=since).order_by("seq")[:EVENTS_LIMIT])
    entries_by_id = public_entries_by_id(event.entry_id for event in rows)
    data = {
        **header,
        "since": since,
        "more": len(rows) == EVENTS_LIMIT,
        "events": [event_data(event, entries_by_id) for event in rows],
    }
    return _answer(request, data)


@cache
def _schema_bytes() -> bytes:
    return SCHEMA_PATH.read_bytes()


@require_safe
def openapi(request):
    response = HttpResponse(_schema_bytes(), content_type="application/json; charset=utf-8")
    patch_cache_control(response, public=True, max_age=300)
    response["Access-Control-Allow-Origin"] = "*"
    return response
