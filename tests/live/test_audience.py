"""Audience figures: page views buffered in the cache, viewer samples per process, the series and its peak."""

import datetime as dt

import pytest
from asgiref.sync import async_to_sync
from django.urls import reverse
from django.utils import timezone

from portal.live import audience
from portal.live.audience import (
    audience_figures,
    count_poll,
    flush_page_views,
    is_bot,
    record_viewer_samples,
    viewer_series,
)
from portal.live.fanout.app import LiveStreamApp
from portal.live.models import InterviewPageViews, ViewerSample
from tests.factories import at
from tests.live.streams import connected

pytestmark = pytest.mark.integration

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
START = at(2031, 6, 10, 14, 30)


def views(interview) -> dict:
    return dict(InterviewPageViews.objects.filter(interview=interview).values_list("day", "views"))


@pytest.mark.unit
@pytest.mark.parametrize(
    ("agent", "bot"),
    [
        (BROWSER, False),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 MicroMessenger/8.0", False),
        ("", True),
        ("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", True),
        ("Mozilla/5.0 (compatible; Googlebot/2.1)", True),
        ("curl/8.5.0", True),
        ("python-requests/2.32", True),
        ("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/126.0", True),
    ],
)
def test_bots_are_told_from_browsers(agent, bot):
    assert is_bot(agent) is bot


def test_page_views_are_buffered_then_flushed_and_bots_skipped(client, live_interview, settings):
    settings.PORTAL_AUDIENCE_FLUSH_EVERY = 5
    url = live_interview.get_absolute_url()
    today = timezone.localdate()

    first = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert views(live_interview) == {today: 1}  # the first view flushes (nothing flushed in the last minute)
    assert not [name for name in first.cookies if name != "csrftoken"]  # counting sets no cookie
    for _ in range(3):
        client.get(url, HTTP_USER_AGENT=BROWSER)
    client.get(url, HTTP_USER_AGENT="Googlebot/2.1")
    client.get(url)  # no User-Agent
    client.head(url, HTTP_USER_AGENT=BROWSER)
    assert views(live_interview) == {today: 1}  # three waiting in the cache
    client.get(url, HTTP_USER_AGENT=BROWSER)  # four buffered
    client.get(url, HTTP_USER_AGENT=BROWSER)
    assert views(live_interview) == {today: 6}

    client.get(url, HTTP_USER_AGENT=BROWSER)
    figures = audience_figures(live_interview)  # flushes what waits
    assert figures.page_views_total == 7
    assert figures.page_views_by_day == [(today, 7)]
    assert audience_figures(live_interview).page_views_total == 7  # nothing counted twice


def test_a_days_tail_is_flushed_by_the_next_days_first_view(client, live_interview, time_machine, settings):
    settings.PORTAL_AUDIENCE_FLUSH_EVERY = 100
    url = live_interview.get_absolute_url()
    time_machine.move_to(at(2031, 6, 10, 23, 50), tick=False)
    for _ in range(3):
        client.get(url, HTTP_USER_AGENT=BROWSER)
    time_machine.move_to(at(2031, 6, 11, 0, 10), tick=False)
    client.get(url, HTTP_USER_AGENT=BROWSER)

    assert views(live_interview) == {dt.date(2031, 6, 10): 3, dt.date(2031, 6, 11): 1}


def test_a_flush_in_progress_is_not_repeated(live_interview):
    from django.core.cache import cache  # noqa: PLC0415

    day = dt.date(2031, 6, 10)
    cache.set(audience._pv_key(live_interview.pk, day), 4)
    cache.add(f"audience:pv-lock:{live_interview.pk}", 1)  # another process is flushing
    assert flush_page_views(live_interview.pk, [day]) == 0
    cache.delete(f"audience:pv-lock:{live_interview.pk}")
    assert flush_page_views(live_interview.pk, [day]) == 4
    assert flush_page_views(live_interview.pk, [day]) == 0
    assert views(live_interview) == {day: 4}


def sample(interview, seconds, process, count):
    return ViewerSample(interview=interview, at=START + dt.timedelta(seconds=seconds), process=process, count=count)


@pytest.mark.unit
def test_the_series_sums_each_process_latest_sample_per_minute(live_interview, settings):
    settings.PORTAL_AUDIENCE_SAMPLE_SECONDS = 30
    a, b, poll = "host:1:aaa", "host:2:bbb", "poll:host:1:aaa"
    samples = [
        sample(live_interview, 0, a, 10),
        sample(live_interview, 30, a, 12),  # a's latest in minute 0
        sample(live_interview, 40, b, 5),
        sample(live_interview, 5, poll, 3),  # polling estimate of minute 0 only
        sample(live_interview, 60, a, 20),
        # b has no sample in minute 1: its 5 still counts (sampled 80 s before the minute's end, < 3 × 30 s)
        sample(live_interview, 125, a, 7),
        # minute 2: b's sample is 140 s old at its end, more than three intervals: b went away
        sample(live_interview, 600, a, 0),  # later, after a gap with no sample at all
    ]
    series = viewer_series(samples)
    assert [(int((t - START).total_seconds()), n) for t, n in series] == [(0, 20), (60, 25), (120, 7), (600, 0)]


def test_figures_give_the_peak_and_when(live_interview):
    ViewerSample.objects.bulk_create(
        [
            sample(live_interview, 0, "p:1", 3),
            sample(live_interview, 60, "p:1", 9),
            sample(live_interview, 120, "p:1", 9),
            sample(live_interview, 180, "p:1", 1),
        ]
    )
    figures = audience_figures(live_interview)
    assert figures.peak_viewers == 9
    assert figures.peak_at == START + dt.timedelta(seconds=60)  # the first time it was reached
    assert [n for _t, n in figures.viewer_series] == [3, 9, 9, 1]
    assert len(figures.sparkline().split()) == 4


def test_no_viewers_no_peak(live_interview):
    figures = audience_figures(live_interview)
    assert (figures.page_views_total, figures.viewer_series, figures.peak_viewers, figures.peak_at) == (0, [], 0, None)


def test_poll_requests_become_an_estimate_per_minute(live_interview, settings):
    settings.PORTAL_LIVE_POLL_SECONDS = 8
    for second in range(0, 60, 4):  # 15 requests in minute 0: about two pages polling every 8 s
        count_poll(live_interview.pk, at=START + dt.timedelta(seconds=second))
    assert not ViewerSample.objects.exists()
    count_poll(live_interview.pk, at=START + dt.timedelta(seconds=61))  # the first poll of the next minute
    count_poll(live_interview.pk, at=START + dt.timedelta(seconds=70))

    rows = list(ViewerSample.objects.values_list("at", "count", "process"))
    assert len(rows) == 1
    assert rows[0][:2] == (START, 2)
    assert rows[0][2].startswith("poll:")


def test_the_poll_endpoint_counts_only_polls(client, live_interview, time_machine):
    time_machine.move_to(START, tick=False)
    client.get(f"/live/{live_interview.pk}/entries.json")  # the whole record: not a poll
    client.get(f"/live/{live_interview.pk}/entries.json", {"since": 1})
    time_machine.move_to(START + dt.timedelta(seconds=65), tick=False)
    client.get(f"/live/{live_interview.pk}/entries.json", {"since": 1})
    assert list(ViewerSample.objects.values_list("at", "count")) == [(START, 1)]


def test_the_stream_app_samples_its_open_streams_per_interview(live_interview):
    @async_to_sync
    async def scenario():
        app = LiveStreamApp()
        assert await app.sample_viewers() is False  # no hub: the sampler would stop
        viewers = [await connected(app, live_interview.pk) for _ in range(3)]
        assert app._sampler is not None  # started by the first stream, sleeping until its first sample
        assert await app.sample_viewers() is True
        for viewer in viewers:
            await viewer.close()
        assert await app.sample_viewers() is True  # the hub lingers: a 0 is recorded
        app._sampler.cancel()
        del app.hubs[live_interview.pk]
        return await app.sample_viewers()

    assert scenario() is False
    assert list(ViewerSample.objects.order_by("pk").values_list("interview_id", "count")) == [
        (live_interview.pk, 3),
        (live_interview.pk, 0),
    ]
    assert ViewerSample.objects.values("process").distinct().count() == 1


def test_samples_are_only_counts(live_interview):
    record_viewer_samples({live_interview.pk: 4}, at=START)
    row = ViewerSample.objects.get()
    assert {f.name for f in ViewerSample._meta.fields} == {"id", "interview", "at", "process", "count"}
    assert (row.at, row.count) == (START, 4)


def test_the_back_office_shows_the_figures(client, live_interview, operator, outsider):
    ViewerSample.objects.bulk_create([sample(live_interview, 0, "p:1", 3), sample(live_interview, 60, "p:1", 8)])
    InterviewPageViews.objects.create(interview=live_interview, day=dt.date(2031, 6, 10), views=120)
    url = reverse("backoffice:interview-detail", args=[live_interview.pk])
    client.force_login(operator)
    page = client.get(url).content.decode()
    assert "受众数据" in page
    assert "共120次" in page
    assert "同时观看人数峰值：8人" in page
    assert "<polyline" in page
    client.force_login(outsider)
    assert client.get(url).status_code == 404
