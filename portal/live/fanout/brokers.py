"""How a committed event reaches every process's hub: in-process, or Redis pub/sub across processes.

``publish`` is called from Django's sync code (after commit) and must never block long or raise into the
staff request. ``subscribe`` is called by the stream app on the event loop, once per live interview per
process; a broker that cannot subscribe raises ``BrokerUnavailable`` and the viewer is told to poll.
"""

import asyncio
import contextlib
import json
import logging
import threading

logger = logging.getLogger(__name__)


class BrokerUnavailable(Exception):
    pass


class Broker:
    def publish(self, interview_id: int, seq: int, data: str) -> None:
        raise NotImplementedError

    async def subscribe(self, interview_id: int, hub) -> None:
        raise NotImplementedError

    async def unsubscribe(self, interview_id: int) -> None:
        raise NotImplementedError


class MemoryBroker(Broker):
    """One process serves pages and streams (``make run``): hand the event to the loop that runs the hubs."""

    def __init__(self):
        self.loop: asyncio.AbstractEventLoop | None = None
        self.hubs: dict[int, object] = {}
        self._lock = threading.Lock()

    def publish(self, interview_id: int, seq: int, data: str) -> None:
        with self._lock:
            loop = self.loop
        if loop is None or loop.is_closed() or interview_id not in self.hubs:
            return  # nobody watches this interview in this process; the database has the event
        payload = json.loads(data)
        try:
            loop.call_soon_threadsafe(self._dispatch, interview_id, payload, data)
        except RuntimeError:  # the loop closed meanwhile (server shutting down)
            logger.info("live broker: loop closed, event %s#%s left to the database", interview_id, seq)

    def _dispatch(self, interview_id: int, payload: dict, data: str) -> None:
        hub = self.hubs.get(interview_id)
        if hub is not None:
            hub.receive(payload, data)

    async def subscribe(self, interview_id: int, hub) -> None:
        with self._lock:
            self.loop = asyncio.get_running_loop()
        self.hubs[interview_id] = hub

    async def unsubscribe(self, interview_id: int) -> None:
        self.hubs.pop(interview_id, None)


class RedisBroker(Broker):
    """Every process subscribes once per live interview to ``<prefix><interview id>`` on one connection."""

    def __init__(self, url: str, *, prefix: str = "live:", timeout: float = 1.0):
        self.url = url
        self.prefix = prefix
        self.timeout = timeout
        self.hubs: dict[int, object] = {}
        self._publisher = None
        self._publisher_lock = threading.Lock()
        self._client = None
        self._pubsub = None
        self._listener: asyncio.Task | None = None

    def channel(self, interview_id: int) -> str:
        return f"{self.prefix}{interview_id}"

    def publish(self, interview_id: int, seq: int, data: str) -> None:
        import redis  # noqa: PLC0415 -- only with a Redis broker

        with self._publisher_lock:
            if self._publisher is None:
                self._publisher = redis.Redis.from_url(
                    self.url, socket_connect_timeout=self.timeout, socket_timeout=self.timeout
                )
            publisher = self._publisher
        publisher.publish(self.channel(interview_id), data)

    async def subscribe(self, interview_id: int, hub) -> None:
        import redis.asyncio  # noqa: PLC0415
        from redis.exceptions import RedisError  # noqa: PLC0415

        try:
            if self._pubsub is None:
                self._client = redis.asyncio.Redis.from_url(self.url, socket_connect_timeout=self.timeout)
                self._pubsub = self._client.pubsub()
            await self._pubsub.subscribe(self.channel(interview_id))
        except (RedisError, OSError) as exc:
            await self._reset()
            raise BrokerUnavailable(str(exc)) from exc
        self.hubs[interview_id] = hub
        if self._listener is None or self._listener.done():
            self._listener = asyncio.get_running_loop().create_task(self._listen())

    async def unsubscribe(self, interview_id: int) -> None:
        self.hubs.pop(interview_id, None)
        if self._pubsub is not None:
            try:
                await self._pubsub.unsubscribe(self.channel(interview_id))
            except Exception:
                logger.info("live broker: unsubscribe failed", exc_info=True)

    async def _listen(self) -> None:
        pubsub = self._pubsub
        try:
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None or message.get("type") != "message":
                    continue
                channel = message["channel"].decode() if isinstance(message["channel"], bytes) else message["channel"]
                data = message["data"].decode() if isinstance(message["data"], bytes) else message["data"]
                hub = self.hubs.get(int(channel.removeprefix(self.prefix)))
                if hub is not None:
                    hub.receive(json.loads(data), data)
        except asyncio.CancelledError:
            raise
        except Exception:
            # Redis went away: close every stream; browsers reconnect, are told to poll, and lose nothing.
            logger.warning("live broker: Redis subscription lost; viewers fall back to polling", exc_info=True)
            hubs, self.hubs = self.hubs, {}
            for hub in hubs.values():
                hub.drop_all()
                hub.broken = True
            await self._reset()

    async def _reset(self) -> None:
        pubsub, self._pubsub = self._pubsub, None
        client, self._client = self._client, None
        for closable in (pubsub, client):
            if closable is None:
                continue
            try:
                await closable.aclose()
            except Exception:
                logger.debug("live broker: closing the old subscription failed", exc_info=True)

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._listener
            self._listener = None
        await self._reset()
        if self._publisher is not None:
            self._publisher.close()
            self._publisher = None
