"""The minimal reference broadcaster of the live benchmark (../shared/reference/live-fanout.md §3–§5, asgi_direct).

A raw ASGI app and nothing else: ``GET /sse`` keeps the response open (it starts with a ``: ok`` comment) and
remembers its ``send``; ``POST /publish?seq=n`` frames one event of ``BENCH_FRAME_BYTES`` bytes once (the size
of the project's frame, measured by the runner) and awaits ``send`` for every open response, one after the
other. No resume, no heartbeat, no cap, no broker: the floor an ASGI fan-out under uvicorn can reach, measured
in the same run as the project so that their ratio, not the drifting absolute numbers, is the headline.
"""

import json
import os
from urllib.parse import parse_qs

FRAME_BYTES = int(os.environ.get("BENCH_FRAME_BYTES", "330"))
SSE_HEADERS = [(b"content-type", b"text/event-stream; charset=utf-8"), (b"cache-control", b"no-cache")]


def frame(seq: int, size: int = FRAME_BYTES) -> bytes:
    """``id: <seq>`` / ``event: live`` / ``data: {json}``, padded to ``size`` bytes like an entry's HTML."""
    head = f"id: {seq}\nevent: live\ndata: "
    data = {"seq": seq, "interview": 1, "kind": "published", "op": "add", "html": ""}
    pad = max(0, size - len(head) - len(json.dumps(data, separators=(",", ":"))) - 2)
    data["html"] = "x" * pad
    return (head + json.dumps(data, separators=(",", ":")) + "\n\n").encode()


class Reference:
    def __init__(self):
        self.sends = set()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return
        if scope["path"] == "/publish":
            seq = int(parse_qs(scope["query_string"].decode())["seq"][0])
            message = {"type": "http.response.body", "body": frame(seq), "more_body": True}
            for viewer in tuple(self.sends):
                await viewer(message)
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": SSE_HEADERS})
        await send({"type": "http.response.body", "body": b": ok\n\n", "more_body": True})
        self.sends.add(send)
        try:
            while (await receive())["type"] != "http.disconnect":
                pass
        finally:
            self.sends.discard(send)


app = Reference()
