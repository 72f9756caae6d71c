"""Driving the raw ASGI stream app in-process: a fake client with its own receive/send, and SSE parsing.

Scenarios run under ``async_to_sync`` so that the app's thread-sensitive database calls (and the steps a test
runs with ``act``) use the test's own thread and transaction.
"""

import asyncio
from dataclasses import dataclass, field
from urllib.parse import urlencode

from asgiref.sync import sync_to_async
from django.test import TestCase

STEPS = 2000  # a bound on every wait: each step yields to the loop once (no wall-clock assertions)


@dataclass
class Event:
    id: int
    event: str
    data: str


def parse(body: bytes) -> tuple[list[Event], list[str]]:
    """The events and comment lines of an SSE body."""
    events, comments = [], []
    for block in body.decode().split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.split("\n"):
            if line.startswith(":"):
                comments.append(line[1:].strip())
            elif ": " in line:
                key, value = line.split(": ", 1)
                fields[key] = value
        if "id" in fields:
            events.append(Event(int(fields["id"]), fields.get("event", ""), fields.get("data", "")))
    return events, comments


@dataclass
class Client:
    status: int | None = None
    headers: dict = field(default_factory=dict)
    body: bytearray = field(default_factory=bytearray)
    finished: bool = False
    blocked: asyncio.Event | None = None  # when set up, send waits on it: a client that stopped reading
    task: asyncio.Task | None = None
    gone: asyncio.Event = field(default_factory=asyncio.Event)

    async def receive(self):
        await self.gone.wait()
        return {"type": "http.disconnect"}

    async def send(self, message):
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = {k.decode(): v.decode() for k, v in message["headers"]}
            return
        if self.blocked is not None and self.status == 200 and b"ok" in self.body:
            await self.blocked.wait()
        self.body += message.get("body", b"")
        if not message.get("more_body", False):
            self.finished = True

    @property
    def events(self) -> list[Event]:
        return parse(bytes(self.body))[0]

    @property
    def ids(self) -> list[int]:
        return [event.id for event in self.events]

    @property
    def comments(self) -> list[str]:
        return parse(bytes(self.body))[1]

    async def until(self, predicate, what: str = "") -> None:
        for _ in range(STEPS):
            if predicate(self):
                return
            if self.task is not None and self.task.done() and not predicate(self):
                self.task.result()  # re-raise an error of the app
                break
            await asyncio.sleep(0.005)
        raise AssertionError(f"the stream never got {what or predicate}: ids={self.ids} status={self.status}")

    async def close(self) -> None:
        self.gone.set()
        if self.task is not None:
            await self.task


def connect(app, interview_id: int, *, last_event_id=None, since=None, blocked=False) -> Client:
    client = Client(blocked=asyncio.Event() if blocked else None)
    headers = [(b"accept", b"text/event-stream")]
    if last_event_id is not None:
        headers.append((b"last-event-id", str(last_event_id).encode()))
    scope = {
        "type": "http",
        "method": "GET",
        "path": f"/live/{interview_id}/events",
        "query_string": urlencode({"since": since}).encode() if since is not None else b"",
        "headers": headers,
    }
    client.task = asyncio.get_running_loop().create_task(app(scope, client.receive, client.send))
    return client


async def connected(app, interview_id: int, **kwargs) -> Client:
    client = connect(app, interview_id, **kwargs)
    await client.until(lambda c: c.status is not None and (c.status != 200 or b": ok" in c.body), "its start")
    return client


def _committed(fn, args, kwargs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return fn(*args, **kwargs)


async def act(fn, *args, **kwargs):
    """Run a staff action in the test's thread and transaction, with its after-commit publishing."""
    return await sync_to_async(_committed)(fn, args, kwargs)
