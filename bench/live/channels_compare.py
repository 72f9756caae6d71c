"""The comparison row of the live benchmark: the same feed as Django Channels, one consumer per viewer.

The usual Django way (../shared/reference/live-fanout.md §2, ``ch_redispubsub``): every viewer of
``GET /live/<id>/events`` is an ``AsyncHttpConsumer`` that keeps its response open, joins the group
``live-<id>`` of a channels_redis ``RedisPubSubChannelLayer`` (the layer the reference recommends if Channels is
used at all), and frames each event it receives itself. Publishing goes through the project's real path:
``publish_event`` in the publisher process, whose broker is ``ChannelsBroker`` (a ``group_send``).

Served by serve.py (``channels_compare:application``) under the same uvicorn flags as the project.
"""

import asyncio
import os
import re
import threading

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

from channels.consumer import StopConsumer  # noqa: E402 -- Channels needs the settings loaded above
from channels.generic.http import AsyncHttpConsumer  # noqa: E402
from channels.layers import get_channel_layer  # noqa: E402
from django.conf import settings  # noqa: E402

from portal.live.fanout.brokers import Broker  # noqa: E402
from portal.live.rendering import sse_frame  # noqa: E402

# redis-py 8 caps a pool at 100 connections unless told otherwise (live-fanout.md §1, finding 3).
settings.CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
        "CONFIG": {"hosts": [{"address": settings.REDIS_URL, "max_connections": 20000}]},
    }
}
PATH = re.compile(r"^/live/(\d+)/events/?$")
SSE_HEADERS = [(b"content-type", b"text/event-stream; charset=utf-8"), (b"cache-control", b"no-cache")]


def group(interview_id: int) -> str:
    return f"live-{interview_id}"


class LiveConsumer(AsyncHttpConsumer):
    """One per viewer: open the stream, join the interview's group, write each event the layer hands it."""

    async def http_request(self, message):
        if message.get("more_body"):
            return
        match = PATH.match(self.scope["path"])
        if match is None:
            await self.send_response(404, b"")
            raise StopConsumer
        self.group = group(int(match.group(1)))
        await self.send_headers(headers=SSE_HEADERS)
        await self.send_body(b": ok\n\n", more_body=True)
        await self.channel_layer.group_add(self.group, self.channel_name)
        # No StopConsumer: the consumer stays, and the response open, until the client goes.

    async def live_event(self, event):
        await self.send_body(sse_frame(event["seq"], event["data"]), more_body=True)

    async def disconnect(self):
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)


application = LiveConsumer.as_asgi()


class ChannelsBroker(Broker):
    """publish_event's broker for the comparison: one ``group_send`` per event, from a loop of its own."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.layer = get_channel_layer()

    def publish(self, interview_id: int, seq: int, data: str) -> None:
        message = {"type": "live.event", "seq": seq, "data": data}
        asyncio.run_coroutine_threadsafe(self.layer.group_send(group(interview_id), message), self.loop).result(10)
