"""The raw ASGI app that serves ``GET /live/<interview id>/events`` as Server-Sent Events.

No framework, no consumer or queue per viewer: a hub per live interview keeps the open responses, frames each
event once and writes it to all of them (hub.py). A new stream subscribes first, then replays what it missed
(``Last-Event-ID``, else ``?since=``) from the hub's ring or the database, then takes live events, skipping
any it already replayed: no gap, no duplicate. Over the connection cap, or with the broker down, the answer
is 503 with Retry-After and the page polls the entries endpoint instead.
"""

import asyncio
import logging
import random
import re
from urllib.parse import parse_qs

from django.conf import settings

from portal.live.fanout import db, get_broker
from portal.live.fanout.brokers import BrokerUnavailable
from portal.live.fanout.hub import Connection, Hub
from portal.live.rendering import encode, sse_frame

logger = logging.getLogger(__name__)

PATH = re.compile(r"^/live/(\d+)/events/?$")
FULL_MESSAGE = "当前观看人数较多，实时推送已满。页面将每隔几秒自动刷新直播内容，请勿关闭。"
BROKER_MESSAGE = "实时推送暂时不可用。页面将每隔几秒自动刷新直播内容，请勿关闭。"
NOT_FOUND_MESSAGE = "访谈不存在或尚未发布。"
HUB_IDLE_SECONDS = 60


def matches(scope) -> bool:
    return scope["type"] == "http" and PATH.match(scope["path"]) is not None


def _header(scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def _resume_point(scope) -> int | None:
    """The last event the client has: its Last-Event-ID (set by EventSource itself), else ``?since=``."""
    raw = _header(scope, b"last-event-id").strip()
    if not raw:
        raw = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("since", [""])[0].strip()
    return int(raw) if raw.isdigit() else None


async def _plain(send, status: int, message: str, headers: list | None = None) -> None:
    body = message.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class LiveStreamApp:
    """One per process. Hubs are made on the first viewer of an interview and dropped a minute after the last."""

    def __init__(self, broker=None, *, max_connections: int | None = None, heartbeat: float | None = None):
        self._broker = broker
        self.max_connections = max_connections if max_connections is not None else settings.PORTAL_LIVE_MAX_CONNECTIONS
        self.heartbeat_seconds = heartbeat if heartbeat is not None else settings.PORTAL_LIVE_HEARTBEAT_SECONDS
        self.slow_reader_bytes = settings.PORTAL_LIVE_SLOW_READER_BYTES
        self.ring_size = settings.PORTAL_LIVE_RING_SIZE
        self.hubs: dict[int, Hub] = {}
        self._starting: dict[int, asyncio.Future] = {}
        self.count = 0
        self._beat: asyncio.TimerHandle | None = None
        self.sample_seconds = settings.PORTAL_AUDIENCE_SAMPLE_SECONDS
        self._sampler: asyncio.Task | None = None

    @property
    def broker(self):
        if self._broker is None:
            self._broker = get_broker()
        return self._broker

    async def __call__(self, scope, receive, send):
        match = PATH.match(scope["path"])
        if scope["type"] != "http" or match is None:
            await _plain(send, 404, NOT_FOUND_MESSAGE)
            return
        if scope["method"] not in ("GET", "HEAD"):
            await _plain(send, 405, "只支持 GET。", [(b"allow", b"GET")])
            return
        if self.count >= self.max_connections:
            await _plain(send, 503, FULL_MESSAGE, [(b"retry-after", b"10")])
            return
        self.count += 1
        try:
            await self._serve(int(match.group(1)), scope, receive, send)
        finally:
            self.count -= 1

    async def _serve(self, interview_id: int, scope, receive, send) -> None:
        try:
            hub = await self.hub_for(interview_id)
        except BrokerUnavailable:
            await _plain(send, 503, BROKER_MESSAGE, [(b"retry-after", b"10")])
            return
        if hub is None:
            await _plain(send, 404, NOT_FOUND_MESSAGE)
            return
        conn = Connection(send, cap=self.slow_reader_bytes)
        joined_at = hub.last_seq or 0  # read with the add, no await between: later events are held for us
        hub.add(conn)
        self._ensure_sampler()
        try:
            await self._stream(hub, conn, joined_at, scope, receive, send)
        except asyncio.CancelledError:
            if not conn.dropped:
                raise
            # Dropped as a slow reader: returning leaves the response unfinished and the server closes it.
        finally:
            conn.closed = True
            hub.remove(conn)
            if not hub.connections:
                self._retire_later(hub)

    async def _stream(self, hub: Hub, conn: Connection, joined_at: int, scope, receive, send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"text/event-stream; charset=utf-8"),
                    (b"cache-control", b"no-cache, no-transform"),
                    (b"x-accel-buffering", b"no"),
                ],
            }
        )
        # Reconnects after a restart are spread over a few seconds.
        retry = random.randint(3000, 10000)  # noqa: S311 -- jitter, not security
        await send({"type": "http.response.body", "body": f"retry: {retry}\n: ok\n\n".encode(), "more_body": True})
        sent = await self._replay(hub, _resume_point(scope), joined_at, send)
        while conn.held:  # live events that arrived while replaying, without the ones already replayed
            frames = [(seq, frame) for seq, frame in conn.held if seq > sent]
            conn.held.clear()
            if frames:  # one write for all of them (a reconnect storm is thousands of these at once)
                await send({"type": "http.response.body", "body": b"".join(f for _s, f in frames), "more_body": True})
                sent = frames[-1][0]
        conn.live = True
        if not hub.is_live:
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        conn.task = asyncio.current_task()
        self._ensure_heartbeat()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return

    async def _replay(self, hub: Hub, after: int | None, joined_at: int, send) -> int:
        """Send what the client missed; return the last sequence number it now has."""
        if after is None:  # a new viewer: its page was rendered just now; live events from here on
            return joined_at
        frames = hub.replay_from_ring(after)
        if frames is None:
            frames = [
                (p["seq"], sse_frame(p["seq"], encode(p))) for p in await db.events_after(hub.interview_id, after)
            ]
        if not frames:
            return after
        await send({"type": "http.response.body", "body": b"".join(frame for _seq, frame in frames), "more_body": True})
        return frames[-1][0]

    async def hub_for(self, interview_id: int) -> Hub | None:
        hub = self.hubs.get(interview_id)
        if hub is not None and not getattr(hub, "broken", False):
            return hub
        starting = self._starting.get(interview_id)
        if starting is not None:
            return await asyncio.shield(starting)
        future = asyncio.get_running_loop().create_future()
        self._starting[interview_id] = future
        try:
            hub = await self._start_hub(interview_id)
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: the waiters re-raise it
            raise
        else:
            future.set_result(hub)
            return hub
        finally:
            del self._starting[interview_id]

    async def _start_hub(self, interview_id: int) -> Hub | None:
        hub = Hub(interview_id, ring_size=self.ring_size)
        await self.broker.subscribe(interview_id, hub)  # subscribe first, then read where the record stands
        state = await db.stream_state(interview_id)
        if state is None or state[0] == "other":
            await self.broker.unsubscribe(interview_id)
            return None
        hub.start(last_seq=state[1], is_live=state[0] == "live")
        self.hubs[interview_id] = hub
        return hub

    def _retire_later(self, hub: Hub) -> None:
        loop = asyncio.get_running_loop()
        hub.idle_handle = loop.call_later(HUB_IDLE_SECONDS, lambda: loop.create_task(self._retire(hub)))

    async def _retire(self, hub: Hub) -> None:
        if hub.connections or self.hubs.get(hub.interview_id) is not hub:
            return
        del self.hubs[hub.interview_id]
        await self.broker.unsubscribe(hub.interview_id)

    # --- Audience figures: concurrent viewers (portal/live/audience.py) -----------------------------------
    def viewer_counts(self) -> dict[int, int]:
        """Open streams per interview in this process (a hub lingers a minute after its last viewer: 0)."""
        return {interview_id: len(hub.connections) for interview_id, hub in self.hubs.items()}

    async def sample_viewers(self) -> bool:
        """Write one sample per interview with a hub; False when there is none (the sampler stops)."""
        counts = self.viewer_counts()
        if not counts:
            return False
        try:
            await db.record_viewer_samples(counts)
        except Exception:
            logger.warning("live audience: viewer sample not written", exc_info=True)
        return True

    def _ensure_sampler(self) -> None:
        if self.sample_seconds > 0 and (self._sampler is None or self._sampler.done()):
            self._sampler = asyncio.get_running_loop().create_task(self._sample_loop())

    async def _sample_loop(self) -> None:
        """Started with the first stream; samples every PORTAL_AUDIENCE_SAMPLE_SECONDS until no hub is left."""
        while True:
            await asyncio.sleep(self.sample_seconds)
            if not await self.sample_viewers():
                return

    def _ensure_heartbeat(self) -> None:
        if self._beat is None and self.heartbeat_seconds > 0:
            self._beat = asyncio.get_running_loop().call_later(self.heartbeat_seconds, self._heartbeat)

    def _heartbeat(self) -> None:
        """One timer per process: a comment line to every open stream keeps proxies and NATs from closing it."""
        self._beat = None
        for hub in tuple(self.hubs.values()):
            hub.heartbeat()
        if self.count:
            self._ensure_heartbeat()


def route(django_app, stream_app):
    """The process's ASGI application: the SSE path to the stream app, everything else to Django."""

    async def application(scope, receive, send):
        if matches(scope):
            await stream_app(scope, receive, send)
        else:
            await django_app(scope, receive, send)

    return application
