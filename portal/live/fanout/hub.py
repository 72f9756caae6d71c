"""One hub per live interview per process: its open streams, a ring of recent frames, and gap repair.

Events reach the hub from the broker in any order and possibly twice; the hub delivers each sequence number
once and in order. A number that skips ahead (an event lost by the broker, or two commits whose callbacks
ran out of order) is filled from the database first, so no viewer ever sees a gap.
"""

import asyncio
import json
import logging
from collections import deque

from portal.live.fanout import db
from portal.live.fanout.drive import drive
from portal.live.rendering import encode, sse_frame

logger = logging.getLogger(__name__)

HEARTBEAT = b": hb\n\n"


def body_message(frame: bytes) -> dict:
    return {"type": "http.response.body", "body": frame, "more_body": True}


class Connection:
    """One open SSE response. Until ``live`` is set it holds live frames while the handler replays."""

    __slots__ = (
        "backlog",
        "backlog_bytes",
        "busy",
        "cap",
        "closed",
        "dropped",
        "held",
        "inflight",
        "live",
        "send",
        "task",
    )

    def __init__(self, send, *, cap: int):
        self.send = send
        self.cap = cap
        self.live = False
        self.held: deque[tuple[int, bytes]] = deque()
        self.busy = False
        self.backlog: list[bytes] = []
        self.backlog_bytes = 0
        self.inflight = None
        self.closed = False
        self.dropped = False
        self.task: asyncio.Task | None = None

    def write(self, seq: int | None, frame: bytes, message: dict | None = None) -> None:
        """Send ``frame`` (``message`` is the same frame as an ASGI message, built once for every stream)."""
        if self.closed:
            return
        if not self.live:
            if seq is not None:
                self.held.append((seq, frame))
            return
        if self.busy:
            # The client reads slower than we write: keep a little, then drop it and let it resume.
            self.backlog.append(frame)
            self.backlog_bytes += len(frame)
            if self.backlog_bytes > self.cap:
                self.drop()
            return
        self._start(message or body_message(frame))

    def _start(self, message: dict) -> None:
        self.busy = True
        coro = self.send(message)
        self.inflight = coro
        drive(coro, self._sent)

    def _sent(self, exc: BaseException | None) -> None:
        self.busy = False
        self.inflight = None
        if exc is not None:
            self.drop()
            return
        if self.backlog and not self.closed:
            frame = b"".join(self.backlog)
            self.backlog, self.backlog_bytes = [], 0
            self._start(body_message(frame))

    def drop(self) -> None:
        """Close a stream that cannot keep up (or whose send failed); the browser reconnects and resumes."""
        if self.closed:
            return
        self.closed = self.dropped = True
        self.backlog, self.backlog_bytes = [], 0
        if self.inflight is not None:
            self.inflight.close()
            self.inflight = None
        if self.task is not None:
            self.task.cancel()


class Hub:
    def __init__(self, interview_id: int, *, ring_size: int = 200):
        self.interview_id = interview_id
        self.connections: set[Connection] = set()
        self.ring: deque[tuple[int, bytes]] = deque(maxlen=ring_size)
        self.last_seq: int | None = None  # None until started: events wait in ``pending``
        self.is_live = True
        self.pending: list[tuple[int, dict, str]] = []
        self.filling = False
        self.broken = False  # the broker lost its subscription: the next viewer makes a new hub
        self.idle_handle: asyncio.TimerHandle | None = None

    # --- events in -------------------------------------------------------------------------------
    def start(self, *, last_seq: int, is_live: bool) -> None:
        """The database's state, read after subscribing: deliver what arrived meanwhile and is newer."""
        self.last_seq = last_seq
        self.is_live = is_live
        self._drain_pending()

    def receive(self, payload: dict, data: str | None = None) -> None:
        seq = payload["seq"]
        if self.last_seq is None or self.filling:
            self.pending.append((seq, payload, data))
            return
        if seq <= self.last_seq:
            return  # a duplicate, or older than what the hub started from
        if seq > self.last_seq + 1:
            self.pending.append((seq, payload, data))
            self.filling = True
            asyncio.get_running_loop().create_task(self._fill())
            return
        self._deliver(payload, data)

    def _deliver(self, payload: dict, data: str | None) -> None:
        seq = payload["seq"]
        frame = sse_frame(seq, data if data is not None else encode(payload))
        self.last_seq = seq
        self.ring.append((seq, frame))
        if payload.get("kind") == "ended":
            self.is_live = False
        elif payload.get("kind") == "started":
            self.is_live = True
        message = body_message(frame)  # ASGI servers do not change the messages they are given
        for conn in tuple(self.connections):
            conn.write(seq, frame, message)

    async def _fill(self) -> None:
        """Deliver the events between ``last_seq`` and the first pending one from the database."""
        try:
            payloads = await db.events_after(self.interview_id, self.last_seq)
        except Exception:
            logger.warning("live hub %s: could not fill a gap from the database", self.interview_id, exc_info=True)
            payloads = []
        for payload in payloads:
            if payload["seq"] == self.last_seq + 1:
                self._deliver(payload, None)
        self.filling = False
        self._drain_pending(force=not payloads)

    def _drain_pending(self, *, force: bool = False) -> None:
        pending = sorted(self.pending, key=lambda item: item[0])
        self.pending = []
        for index, (seq, payload, data) in enumerate(pending):
            if seq <= self.last_seq:
                continue
            if seq > self.last_seq + 1 and not force:
                self.pending.extend(pending[index:])
                self.filling = True
                asyncio.get_running_loop().create_task(self._fill())
                return
            self._deliver(payload, data)

    # --- streams ---------------------------------------------------------------------------------
    def add(self, conn: Connection) -> None:
        self.connections.add(conn)
        if self.idle_handle is not None:
            self.idle_handle.cancel()
            self.idle_handle = None

    def remove(self, conn: Connection) -> None:
        self.connections.discard(conn)

    def replay_from_ring(self, after: int) -> list[tuple[int, bytes]] | None:
        """Frames numbered after ``after`` if the ring holds all of them, else None (read the database)."""
        if self.last_seq is None:
            return None
        if after >= self.last_seq:
            return []
        if self.ring and self.ring[0][0] <= after + 1:
            return [(seq, frame) for seq, frame in self.ring if seq > after]
        return None

    def heartbeat(self) -> None:
        message = body_message(HEARTBEAT)
        for conn in tuple(self.connections):
            conn.write(None, HEARTBEAT, message)

    def drop_all(self) -> None:
        for conn in tuple(self.connections):
            conn.drop()


def decode(data: str) -> dict:
    return json.loads(data)
