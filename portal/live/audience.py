"""Audience figures (受众数据): page views of each interview's public page, and the live page's viewers over time.

No third-party analytics and nothing about any person: no IP address, no cookie, no identifier is stored or
set. Only counts are kept (docs/developer/realtime.md, “Audience figures”).

- Page views: each GET of an interview's public page by a browser (requests without a User-Agent or whose
  User-Agent looks like a bot, crawler, preview fetcher, monitor or HTTP library are skipped) adds one to a
  counter in Django's cache (``audience:pv:<interview>:<local date>``). The counter is flushed into the
  ``InterviewPageViews`` row of that day with an ``F()`` increment when it reaches
  ``PORTAL_AUDIENCE_FLUSH_EVERY`` views, on the first view after ``PORTAL_AUDIENCE_FLUSH_SECONDS``, and by
  ``audience_figures`` itself, so the page costs one cache increment and, now and then, one UPDATE. A flush
  takes a short cache lock, then moves what it read (``decr``) so views counted meanwhile stay for the next one.
- Concurrent viewers (SSE): each ASGI process samples its open streams per interview every
  ``PORTAL_AUDIENCE_SAMPLE_SECONDS`` into ``ViewerSample`` rows (see ``fanout/app.py``).
- Polling viewers: they cannot be told apart without personal data, so poll requests are counted per minute
  and turned into an estimate: requests × poll interval ÷ 60. Behind the nginx microcache most polls never
  reach Django, so there it is a lower bound.
"""

import contextlib
import datetime as dt
import math
import os
import re
import socket
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import get_random_string

from portal.interviews.enums import HELD_STATES, InterviewState
from portal.live.models import InterviewPageViews, ViewerSample

# Which process wrote a sample: host, pid and a token (a restarted process is another one).
PROCESS_ID = f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(6)}"
POLL_PROCESS = f"poll:{PROCESS_ID}"  # with a per-process cache each process estimates its own polls
BUCKET_SECONDS = 60
COUNTER_TIMEOUT = 8 * 24 * 3600  # a counter never flushed expires after a week
LOCK_SECONDS = 10
MAX_DAYS = 400
BOT_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiv|fetch|scan|monitor|preview|headless|lighthouse|pingdom|uptime|"
    r"curl|wget|python|java/|go-http|httpclient|okhttp|libwww|scrapy|axios|node-fetch|facebookexternalhit|"
    r"baiduspider|yisou|sogou|bytespider",
    re.IGNORECASE,
)


# --- Page views -----------------------------------------------------------------------------------------


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or BOT_AGENT.search(user_agent) is not None


def _pv_key(interview_id: int, day: dt.date) -> str:
    return f"audience:pv:{interview_id}:{day.isoformat()}"


def _incr(key: str, timeout: int) -> int:
    try:
        return cache.incr(key)
    except ValueError:  # not there yet (or expired): start it; add() loses no race, incr() then counts
        cache.add(key, 0, timeout=timeout)
        return cache.incr(key)


def count_page_view(request, interview_id: int) -> None:
    """Count one view of the interview's public page (browsers only, GET only)."""
    if request.method != "GET" or is_bot(request.headers.get("User-Agent", "")):
        return
    day = timezone.localdate()
    key = _pv_key(interview_id, day)
    buffered = _incr(key, COUNTER_TIMEOUT)
    due = cache.add(f"{key}:due", 1, timeout=settings.PORTAL_AUDIENCE_FLUSH_SECONDS)
    if buffered >= settings.PORTAL_AUDIENCE_FLUSH_EVERY or due:
        flush_page_views(interview_id, [day, day - dt.timedelta(days=1)])


def _add_views(interview_id: int, day: dt.date, views: int) -> None:
    rows = InterviewPageViews.objects.filter(interview_id=interview_id, day=day)
    if rows.update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            InterviewPageViews.objects.create(interview_id=interview_id, day=day, views=views)
    except IntegrityError:  # another process created the row meanwhile
        rows.update(views=F("views") + views)


def flush_page_views(interview_id: int, days) -> int:
    """Move the buffered views of ``days`` into the database; returns how many. Skips if another flush runs."""
    lock = f"audience:pv-lock:{interview_id}"
    if not cache.add(lock, 1, timeout=LOCK_SECONDS):
        return 0
    moved = 0
    try:
        keys = {_pv_key(interview_id, day): day for day in days}
        for key, pending in cache.get_many(list(keys)).items():
            if not pending or pending < 0:
                continue
            with contextlib.suppress(ValueError):  # expired meanwhile: nothing left to take away
                cache.decr(key, pending)  # views counted since the read stay in the counter
            _add_views(interview_id, keys[key], pending)
            moved += pending
    finally:
        cache.delete(lock)
    return moved


# --- Viewers: SSE samples and the polling estimate ---------------------------------------------------------


def record_viewer_samples(counts: dict[int, int], *, process: str = PROCESS_ID, at=None) -> None:
    """One row per interview: how many streams this process had open for it at ``at`` (0 is recorded too)."""
    at = at or timezone.now()
    ViewerSample.objects.bulk_create(
        ViewerSample(interview_id=interview_id, at=at, process=process, count=count)
        for interview_id, count in counts.items()
    )


def _minute(at) -> int:
    return int(at.timestamp()) // 60


def _poll_key(interview_id: int, minute: int) -> str:
    return f"audience:poll:{interview_id}:{minute}"


def count_poll(interview_id: int, *, at=None) -> None:
    """Count one poll request in its minute; the first poll of a minute records the minutes before it."""
    at = at or timezone.now()
    minute = _minute(at)
    _incr(_poll_key(interview_id, minute), 15 * 60)
    if cache.add(f"{_poll_key(interview_id, minute)}:seen", 1, timeout=15 * 60):
        flush_polls(interview_id, at=at)


def flush_polls(interview_id: int, *, at=None) -> None:
    """Record the estimate of each finished minute of the last ten still in the cache, once each."""
    at = at or timezone.now()
    now = _minute(at)
    keys = {_poll_key(interview_id, minute): minute for minute in range(now - 10, now)}
    for key, requests in cache.get_many(list(keys)).items():
        if requests and cache.add(f"{key}:done", 1, timeout=15 * 60):
            estimate = math.ceil(requests * settings.PORTAL_LIVE_POLL_SECONDS / 60)
            start = dt.datetime.fromtimestamp(keys[key] * 60, tz=dt.UTC)
            ViewerSample.objects.create(interview_id=interview_id, at=start, process=POLL_PROCESS, count=estimate)


# --- The figures ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AudienceFigures:
    page_views_total: int
    page_views_by_day: list[tuple[dt.date, int]]
    viewer_series: list[tuple[dt.datetime, int]] = field(default_factory=list)  # (minute, concurrent viewers)
    peak_viewers: int = 0
    peak_at: dt.datetime | None = None

    def sparkline(self, width: int = 320, height: int = 60) -> str:
        """The viewer series as SVG polyline points (the back office draws it; the table says the same)."""
        if len(self.viewer_series) < 2:
            return ""
        top = self.peak_viewers or 1
        step = width / (len(self.viewer_series) - 1)
        return " ".join(
            f"{n * step:.1f},{height - count / top * height:.1f}" for n, (_at, count) in enumerate(self.viewer_series)
        )


def viewer_series(samples) -> list[tuple[dt.datetime, int]]:
    """Concurrent viewers per minute: each process's latest sample up to the minute's end, summed.

    A process's streams count until its next sample (it writes 0 before it stops watching an interview); a
    sample older than three sampling intervals counts no more (the process went away). A polling estimate
    counts only in its own minute. Minutes with no sample at all are left out.
    """
    stale = dt.timedelta(seconds=max(3 * settings.PORTAL_AUDIENCE_SAMPLE_SECONDS, BUCKET_SECONDS))
    samples = sorted(samples, key=lambda s: (s.at, s.pk or 0))
    buckets = sorted({_minute(s.at) for s in samples})
    latest: dict[str, ViewerSample] = {}
    series, index = [], 0
    for minute in buckets:
        start = dt.datetime.fromtimestamp(minute * 60, tz=dt.UTC)
        end = start + dt.timedelta(seconds=BUCKET_SECONDS)
        while index < len(samples) and samples[index].at < end:
            latest[samples[index].process] = samples[index]
            index += 1
        total = 0
        for process, sample in latest.items():
            if process.startswith("poll:"):
                total += sample.count if sample.at >= start else 0
            elif end - sample.at <= stale:
                total += sample.count
        series.append((start, total))
    return series


def audience_figures(interview) -> AudienceFigures:
    """The interview's page views (total and by day) and its live viewers per minute with the peak."""
    today = timezone.localdate()
    first = max(timezone.localtime(interview.created_at).date(), today - dt.timedelta(days=MAX_DAYS))
    flush_page_views(interview.pk, [first + dt.timedelta(days=n) for n in range((today - first).days + 1)])
    flush_polls(interview.pk)
    by_day = list(InterviewPageViews.objects.filter(interview=interview).order_by("day").values_list("day", "views"))
    total = sum(views for _day, views in by_day)
    # Streams are served only once the interview is live: before that there is no sample to read.
    watched = interview.state == InterviewState.LIVE or interview.state in HELD_STATES
    series = viewer_series(ViewerSample.objects.filter(interview=interview)) if watched else []
    peak_at, peak = max(series, key=lambda point: (point[1], -point[0].timestamp()), default=(None, 0))
    return AudienceFigures(
        page_views_total=total,
        page_views_by_day=by_day,
        viewer_series=series,
        peak_viewers=peak,
        peak_at=peak_at if peak else None,
    )
