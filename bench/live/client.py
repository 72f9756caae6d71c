# ruff: noqa: T201 -- a command-line helper
"""The load client of the live benchmark: N SSE viewers on raw asyncio sockets, pinned to CPU 1.

    python bench/live/client.py --port P --path /live/1/events --n 1000 --server-pid PID --publish line:PORT

No HTTP library: each viewer is an ``asyncio.Protocol`` on uvloop that writes one HTTP/1.1 GET and scans what
arrives for ``id: <seq>`` lines (SSE frames end with a blank line; frames split across reads are kept until
complete). A viewer counts once the stream's first frame (``: ok``) is in; at most 200 connects are in flight,
and one that fails three times counts as failed.

Phases, each measured on the server process by /proc/<pid>/stat (utime + stime) and /proc/<pid>/status (VmRSS):
1. one viewer (warms the server), then the other N−1: RSS per connection, CPU per connect;
2. 2 s idle with all open: the idle CPU rate, subtracted below;
3. ``--events`` events published one at a time, each after all N deliveries of the previous one (60 s at most)
   and a 0.2 s gap. Latency is receipt − publish: for the project (``line:PORT``: ``pub`` to publisher.py, which
   posts the entry through the real service) the moment publish_event handed the committed event to the broker,
   for the reference (``http``) the moment the client wrote ``POST /publish``; ``req_*`` for the project counts
   from the staff request instead (its write and commit included). Lost = expected − delivered; a number at or
   below the last one a viewer had counts as duplicated;
4. ``--storm``: every viewer disconnects, 5 events are published meanwhile, and all N reconnect at once
   (``--storm-concurrency`` connects in flight) with ``Last-Event-ID`` 5 behind: the time until the last
   one has the newest event, the server CPU per reconnect, and lost/duplicated replays. ``--storm connect``
   (the reference, which has no resume) times only until every viewer is connected again.

Prints one line ``CLIENT {json}``.
"""

import argparse
import asyncio
import json
import os
import resource
import statistics
import time

import uvloop

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
perf = time.perf_counter


def server_cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def server_rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Stream(asyncio.Protocol):
    __slots__ = ("bench", "buf", "closing", "last", "ready", "request", "transport")

    def __init__(self, bench, request: bytes, last: int, ready):
        self.bench = bench
        self.request = request
        self.last = last
        self.ready = ready
        self.buf = b""
        self.transport = None
        self.closing = False

    def connection_made(self, transport):
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data):
        now = perf()
        buf = self.buf + data if self.buf else data
        if not self.ready.done() and not buf.startswith(b"HTTP/1.1 200"):
            if len(buf) >= 12:
                self.ready.set_exception(ConnectionError(buf[:60].decode("latin-1")))
                self.transport.close()
            else:
                self.buf = buf
            return
        end = buf.rfind(b"\n\n")
        if end < 0:
            self.buf = buf
            return
        end += 2
        self.buf = buf[end:]
        if not self.ready.done():
            self.ready.set_result(None)
        pos = buf.find(b"\nid: ", 0, end)
        bench = self.bench
        while pos >= 0:
            stop = buf.index(b"\n", pos + 5)
            bench.deliver(self, int(buf[pos + 5 : stop]), now)
            pos = buf.find(b"\nid: ", stop, end)

    def connection_lost(self, exc):
        if not self.ready.done():
            self.ready.set_exception(exc or ConnectionError("closed before the stream started"))
        elif not self.closing:
            self.bench.dropped += 1


class LinePublisher:
    """publisher.py: ``pub`` posts an entry through the real service; the answer is ``<seq> <ms>``."""

    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def publish(self) -> tuple[int, float, float, float | None]:
        """(seq, publish_event's time, request time, ms in post_entry)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        started = perf()
        self.writer.write(b"pub\n")
        seq, ms, at = (await self.reader.readline()).split()
        return int(seq), float(at), started, float(ms)


class HttpPublisher:
    """The reference's ``POST /publish?seq=n``, one short connection each."""

    def __init__(self, port: int):
        self.port = port
        self.seq = 0

    async def publish(self) -> tuple[int, float, float, float | None]:
        self.seq += 1
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        started = perf()
        writer.write(
            f"POST /publish?seq={self.seq} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        status = await reader.readline()
        await reader.read()
        writer.close()
        if b" 204 " not in status:
            raise RuntimeError(f"publish failed: {status!r}")
        return self.seq, started, started, None


class Bench:
    def __init__(self, args):
        self.args = args
        self.loop = asyncio.get_running_loop()
        self.stamps: dict[int, list[float]] = {}
        self.duplicated = 0
        self.dropped = 0
        self.failed = 0
        self.watch: tuple[int, int, asyncio.Future] | None = None

    def deliver(self, stream: Stream, seq: int, now: float) -> None:
        if seq <= stream.last:
            self.duplicated += 1
            return
        stream.last = seq
        stamps = self.stamps.get(seq)
        if stamps is None:
            stamps = self.stamps[seq] = []
        stamps.append(now)
        watch = self.watch
        if watch is not None and seq == watch[0] and len(stamps) >= watch[1] and not watch[2].done():
            watch[2].set_result(None)

    def request(self, last_event_id: int | None) -> bytes:
        extra = f"Last-Event-ID: {last_event_id}\r\n" if last_event_id is not None else ""
        return (
            f"GET {self.args.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n{extra}\r\n"
        ).encode()

    async def open_many(self, count: int, concurrency: int, last_event_id: int | None, last: int) -> list[Stream]:
        gate = asyncio.Semaphore(concurrency)
        request = self.request(last_event_id)

        async def one() -> Stream | None:
            async with gate:
                for attempt in range(3):
                    stream = Stream(self, request, last, self.loop.create_future())
                    try:
                        await asyncio.wait_for(
                            self.loop.create_connection(lambda s=stream: s, "127.0.0.1", self.args.port), 10
                        )
                        await asyncio.wait_for(stream.ready, 30)
                        return stream
                    except (OSError, TimeoutError, ConnectionError):
                        if stream.transport is not None:
                            stream.closing = True
                            stream.transport.close()
                        await asyncio.sleep(0.05 * (attempt + 1))
                self.failed += 1
                return None

        results = await asyncio.gather(*(one() for _ in range(count)))
        return [s for s in results if s is not None]

    async def wait_for(self, seq: int, target: int, timeout: float) -> bool:
        if len(self.stamps.get(seq, ())) >= target:
            return True
        future = self.loop.create_future()
        self.watch = (seq, target, future)
        try:
            await asyncio.wait_for(future, timeout)
            return True
        except TimeoutError:
            return False
        finally:
            self.watch = None


def pct(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


async def run(args) -> dict:
    bench = Bench(args)
    pid = args.server_pid
    kind, _, port = args.publish.partition(":")
    publisher = LinePublisher(int(port)) if kind == "line" else HttpPublisher(args.port)
    out: dict = {"n": args.n}

    # 1. Connect: one to warm the server up, then the rest.
    streams = await bench.open_many(1, 1, None, 0)
    await asyncio.sleep(0.5)
    rss0, cpu0, t0 = server_rss_kb(pid), server_cpu(pid), perf()
    streams += await bench.open_many(args.n - 1, args.concurrency, None, 0)
    out["connect_s"] = perf() - t0
    out["connect_ms_cpu_per_conn"] = (server_cpu(pid) - cpu0) * 1000 / max(1, len(streams) - 1)
    await asyncio.sleep(1.0)
    out["kb_per_conn"] = (server_rss_kb(pid) - rss0) / max(1, len(streams) - 1)
    out["connected"], out["failed"] = len(streams), bench.failed

    # 2. Idle.
    cpu0, t0 = server_cpu(pid), perf()
    await asyncio.sleep(2.0)
    idle_rate = (server_cpu(pid) - cpu0) / (perf() - t0)
    out["idle_cpu_pct"] = idle_rate * 100

    # 3. Events, one at a time.
    target = len(streams)
    published: list[tuple[int, float, float, float | None]] = []
    cpu0, t0 = server_cpu(pid), perf()
    timeouts = 0
    for _ in range(args.events):
        sent = await publisher.publish()
        published.append(sent)
        seq = sent[0]
        if not await bench.wait_for(seq, target, 60):
            timeouts += 1
        await asyncio.sleep(0.2)
    elapsed = perf() - t0
    cpu = server_cpu(pid) - cpu0 - idle_rate * elapsed
    delivered = sum(len(bench.stamps.get(p[0], ())) for p in published)
    latencies = sorted(s - at for seq, at, _r, _m in published for s in bench.stamps.get(seq, ()))
    from_request = sorted(s - req for seq, _a, req, _m in published for s in bench.stamps.get(seq, ()))
    fanout = [max(bench.stamps[seq]) - at for seq, at, _r, _m in published if bench.stamps.get(seq)]
    service = [ms for _seq, _a, _r, ms in published if ms is not None]
    out.update(
        events=args.events,
        expected=args.events * target,
        delivered=delivered,
        lost=args.events * target - delivered,
        duplicated=bench.duplicated,
        dropped=bench.dropped,
        timeouts=timeouts,
        us_per_delivery=cpu * 1e6 / max(1, args.events * target),
        ms_cpu_per_event=cpu * 1000 / args.events,
        p50_ms=pct(latencies, 0.50) * 1000,
        p99_ms=pct(latencies, 0.99) * 1000,
        max_ms=latencies[-1] * 1000 if latencies else float("nan"),
        req_p50_ms=pct(from_request, 0.50) * 1000,
        req_p99_ms=pct(from_request, 0.99) * 1000,
        fanout_done_ms=statistics.median(fanout) * 1000 if fanout else float("nan"),
        publish_service_ms=statistics.median(service) if service else None,
    )

    # 4. Reconnect storm: all go, 5 events are published meanwhile, all come back 5 behind.
    if args.storm == "connect":
        for stream in streams:
            stream.closing = True
            stream.transport.close()
        await asyncio.sleep(2.5)
        bench.failed = 0
        cpu0, t0 = server_cpu(pid), perf()
        storm = await bench.open_many(args.n, args.storm_concurrency, None, 0)
        elapsed = perf() - t0
        out.update(
            storm_reconnected=len(storm),
            storm_failed=bench.failed,
            storm_s=elapsed,
            storm_ms_cpu_per_conn=(server_cpu(pid) - cpu0 - idle_rate * elapsed) * 1000 / max(1, len(storm)),
        )
    elif args.storm == "resume":
        last = published[-1][0]
        for stream in streams:
            stream.closing = True
            stream.transport.close()
        streams = []
        await asyncio.sleep(2.0)
        missed = [(await publisher.publish())[0] for _ in range(5)]
        await asyncio.sleep(0.5)
        bench.duplicated = bench.failed = 0
        cpu0, t0 = server_cpu(pid), perf()
        storm = await bench.open_many(args.n, args.storm_concurrency, last, last)
        await bench.wait_for(missed[-1], len(storm), 60)
        elapsed = perf() - t0
        cpu = server_cpu(pid) - cpu0 - idle_rate * elapsed
        newest = bench.stamps.get(missed[-1], [])
        replayed = sum(len(bench.stamps.get(seq, ())) for seq in missed)
        out.update(
            storm_reconnected=len(storm),
            storm_failed=bench.failed,
            storm_s=(max(newest) - t0) if len(newest) >= len(storm) and newest else float("nan"),
            storm_ms_cpu_per_conn=cpu * 1000 / max(1, len(storm)),
            storm_lost=5 * len(storm) - replayed,
            storm_duplicated=bench.duplicated,
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", required=True)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--events", type=int, default=30)
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--publish", required=True, help="line:PORT (publisher.py) or http (the reference)")
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--storm", choices=["resume", "connect"])
    parser.add_argument("--storm-concurrency", type=int, default=1000)
    parser.add_argument("--cpu", type=int, default=1)
    args = parser.parse_args()
    os.sched_setaffinity(0, {args.cpu})
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if args.n + 100 > hard:
        raise SystemExit(f"{args.n} connections need more than this process's {hard} file descriptors")
    result = uvloop.run(run(args))
    print("CLIENT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
