"""Across processes through Redis pub/sub (two brokers, each with its own subscription, stand for two
processes), and what happens when Redis is gone: nothing raises into the staff request, nothing is lost."""

import uuid

import pytest
from asgiref.sync import async_to_sync

from portal.live import services
from portal.live.enums import Speaker
from portal.live.fanout import set_broker
from portal.live.fanout.app import LiveStreamApp
from portal.live.fanout.brokers import RedisBroker
from portal.live.models import LiveEvent
from tests.live.streams import act, connected

pytestmark = pytest.mark.unit

REDIS_URL = "redis://127.0.0.1:6379/12"
DOWN_URL = "redis://127.0.0.1:1/12"  # nothing listens on port 1


def redis_or_skip():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")


def post(interview, actor, text):
    return services.post_entry(interview, actor=actor, speaker=Speaker.HOST, text=text)


def test_two_processes_sharing_redis_both_deliver(live_interview, operator):
    redis_or_skip()
    prefix = f"test-{uuid.uuid4().hex}:live:"

    @async_to_sync
    async def scenario():
        one, two = RedisBroker(REDIS_URL, prefix=prefix), RedisBroker(REDIS_URL, prefix=prefix)
        set_broker(one)  # the staff request runs in process one
        try:
            viewer_one = await connected(LiveStreamApp(one), live_interview.pk, since=1)
            viewer_two = await connected(LiveStreamApp(two), live_interview.pk, since=1)
            await act(post, live_interview, operator, "两个进程都收到")
            await act(post, live_interview, operator, "第二条")
            for viewer in (viewer_one, viewer_two):
                await viewer.until(lambda c: c.ids[-1:] == [3], "seq 3")
                await viewer.close()
            return viewer_one, viewer_two
        finally:
            await one.close()
            await two.close()

    viewer_one, viewer_two = scenario()
    assert viewer_one.ids == viewer_two.ids == [2, 3]
    assert viewer_one.events[0].data == viewer_two.events[0].data


def test_with_redis_down_publishing_does_not_raise_and_polling_has_the_event(live_interview, operator, client):
    down = RedisBroker(DOWN_URL, timeout=0.5)
    set_broker(down)

    @async_to_sync
    async def scenario():
        entry = await act(post, live_interview, operator, "Redis 不可用时发布")
        refused = await connected(LiveStreamApp(down), live_interview.pk, since=1)
        await refused.task
        await down.close()
        return entry, refused

    entry, refused = scenario()
    assert LiveEvent.objects.filter(entry=entry, seq=2).exists()
    assert refused.status == 503  # the page falls back to polling
    assert refused.headers["retry-after"]
    response = client.get(f"/live/{live_interview.pk}/entries.json", {"since": 1})
    assert [event["seq"] for event in response.json()["events"]] == [2]
    assert "Redis 不可用时发布" in response.json()["events"][0]["html"]


def test_losing_redis_mid_stream_closes_streams_so_viewers_poll(live_interview, operator):
    redis_or_skip()
    prefix = f"test-{uuid.uuid4().hex}:live:"

    @async_to_sync
    async def scenario():
        broker = RedisBroker(REDIS_URL, prefix=prefix)
        app = LiveStreamApp(broker)
        viewer = await connected(app, live_interview.pk, since=1)
        # The subscription's connection breaks (as when Redis restarts).
        await broker._pubsub.connection.disconnect()
        await viewer.until(lambda c: c.task.done(), "its stream closed")
        await broker.close()
        return viewer

    viewer = scenario()
    assert viewer.ids == []
