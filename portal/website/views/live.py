"""Public endpoints of the live broadcast served by Django: the cacheable poll endpoint, and the SSE path's
answer when the process does not route it to the stream app (a WSGI server, or a proxy sending it here).

``GET /live/<id>/entries.json`` is the whole record so far (one shared URL); ``?since=<seq>`` gives the events
after ``seq``, which is what a page without a stream polls. Both carry a strong ETag derived from the
interview's last sequence number and answer 304 to If-None-Match, with a short public max-age so that a
reverse proxy or CDN (deploy/nginx/portal.conf) absorbs the polling.
"""

from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from portal.interviews.enums import InterviewState
from portal.live import queries
from portal.live.audience import count_poll
from portal.live.rendering import entry_html
from portal.website.views.interviews import public_interview_or_404

POLL_LIMIT = 500
UNAVAILABLE_MESSAGE = "实时推送暂时不可用。页面将每隔几秒自动刷新直播内容，请勿关闭。"


def _etag(interview, last_seq: int, since: int | None) -> str:
    return f'"live-{interview.pk}-{last_seq}-{"all" if since is None else since}"'


def _matches(request, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    return any(tag.strip() in (etag, "*") for tag in header.split(","))


def _cacheable(response):
    patch_cache_control(response, public=True, max_age=2, stale_while_revalidate=10)
    return response


@require_safe
def entries_json(request, pk: int):
    interview = public_interview_or_404(pk)
    raw = request.GET.get("since", "")
    since = int(raw) if raw.isdigit() else None
    if since is not None:
        count_poll(interview.pk)  # polling viewers, estimated per minute (portal/live/audience.py)
    last_seq = queries.last_seq(interview.pk)
    etag = _etag(interview, last_seq, since)
    if _matches(request, etag):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return _cacheable(response)
    data = {"interview": interview.pk, "last_seq": last_seq, "live": interview.state == InterviewState.LIVE}
    if since is None:
        entries = queries.public_entries(interview, oldest_first=True)
        data["entries"] = [
            {"entry": entry.pk, "seq": entry.published_seq, "html": entry_html(entry)} for entry in entries
        ]
    else:
        events = queries.events_after(interview.pk, since, limit=POLL_LIMIT)
        data["events"] = events
        data["more"] = len(events) == POLL_LIMIT
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})
    response["ETag"] = etag
    return _cacheable(response)


@require_safe
def events_unavailable(request, pk: int):
    """Reached only when the SSE path is not routed to the stream app: the page falls back to polling."""
    public_interview_or_404(pk)
    response = HttpResponse(UNAVAILABLE_MESSAGE, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = "10"
    response["Cache-Control"] = "no-store"
    return response
