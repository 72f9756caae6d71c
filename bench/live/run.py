# ruff: noqa: T201 -- a command-line report
"""Live broadcast fan-out benchmark (``make bench-live``): the project's SSE path against a minimal reference.

    .venv/bin/python bench/live/run.py [--n 1000,5000,10000] [--events 30] [--channels 1000,5000]

For each N, in one run and on one machine: the reference broadcaster (reference.py), the project
(``portal.asgi:application``, the live stream app with the Redis broker) and, for the Channels sizes, a
Django Channels consumer-per-viewer feed (channels_compare.py). Each server is a fresh uvicorn process on CPU 0
(serve.py); the load client (client.py) and the staff side (publisher.py, the real ``post_entry`` →
``publish_event`` path on a fresh SQLite database) run on CPU 1; a private redis-server on a free port carries
the events between processes. Every process is started and stopped by its PID.

Prints a table and ends with one line:
RESULT n=… ratio=… p99_ms=… lost=… kb_per_conn=… storm_s=… channels_5k_ratio=…
"""

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PYTHON = sys.executable
CLIENT_TIMEOUT = 400


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"process {proc.pid} exited with {proc.returncode} before listening on {port}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.2)
    raise SystemExit(f"nothing listens on {port} after {timeout} s")


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


class Publisher:
    """publisher.py, started once: it owns the database and posts the entries."""

    def __init__(self, env: dict, logs: Path):
        self.port = free_port()
        self.proc = subprocess.Popen(  # noqa: S603 -- our interpreter and script
            [PYTHON, str(HERE / "publisher.py"), "--port", str(self.port)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=(logs / "publisher.log").open("w"),
            text=True,
        )
        line = self.proc.stdout.readline()
        if not line.startswith("READY"):
            raise SystemExit(f"publisher did not start (see {logs / 'publisher.log'}): {line!r}")
        values = dict(part.split("=") for part in line.split()[1:])
        self.interview = int(values["interview"])
        self.frame_bytes = int(values["frame_bytes"])

    def command(self, text: str) -> str:
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as conn, conn.makefile("rwb") as f:
            f.write(text.encode() + b"\n")
            f.flush()
            return f.readline().decode().strip()


def run_variant(name: str, app: str, n: int, args, env: dict, publisher: Publisher, logs: Path) -> dict:
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [PYTHON, str(HERE / "serve.py"), app, "--port", str(port)],
        env={**env, "BENCH_FRAME_BYTES": str(publisher.frame_bytes)},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=(logs / f"{name}-{n}.log").open("w"),
    )
    try:
        wait_port(port, server)
        path = "/sse" if name == "reference" else f"/live/{publisher.interview}/events"
        command = [
            PYTHON,
            str(HERE / "client.py"),
            "--port",
            str(port),
            "--path",
            path,
            "--n",
            str(n),
            "--events",
            str(args.events),
            "--server-pid",
            str(server.pid),
            "--publish",
            "http" if name == "reference" else f"line:{publisher.port}",
        ]
        if name == "project":
            command += ["--storm", "resume"]
        elif name == "reference":
            command += ["--storm", "connect"]
        try:
            result = subprocess.run(  # noqa: S603
                command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=CLIENT_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            return {"error": f"client took more than {CLIENT_TIMEOUT} s"}
        line = next((x for x in result.stdout.splitlines() if x.startswith("CLIENT ")), None)
        if line is None:
            return {"error": (result.stderr.strip().splitlines() or ["client failed"])[-1]}
        return json.loads(line.removeprefix("CLIENT "))
    finally:
        stop(server)


def fmt(value, spec: str) -> str:
    if value is None or value != value:  # None or NaN
        return "—"
    return format(value, spec)


def print_table(rows: list[tuple[str, int, dict]], refs: dict[int, float]) -> None:
    head = (
        f"{'variant':10s} {'N':>6s} {'µs/deliv':>9s} {'ratio':>6s} {'p50 ms':>8s} {'p99 ms':>8s} {'max ms':>8s}"
        f" {'fan-out ms':>10s} {'lost':>5s} {'dup':>4s} {'KB/conn':>8s} {'conn ms':>8s}  delivered"
    )
    print(head)
    print("-" * len(head))
    for name, n, r in rows:
        if "error" in r:
            print(f"{name:10s} {n:>6d}  not run: {r['error']}")
            continue
        ratio = r["us_per_delivery"] / refs[n] if refs.get(n) else None
        print(
            f"{name:10s} {n:>6d} {fmt(r['us_per_delivery'], '9.1f')} {fmt(ratio, '6.2f')}"
            f" {fmt(r['p50_ms'], '8.1f')} {fmt(r['p99_ms'], '8.1f')} {fmt(r['max_ms'], '8.1f')}"
            f" {fmt(r['fanout_done_ms'], '10.1f')} {r['lost']:>5d} {r['duplicated']:>4d}"
            f" {fmt(r['kb_per_conn'], '8.1f')} {fmt(r['connect_ms_cpu_per_conn'], '8.3f')}"
            f"  {r['delivered']}/{r['expected']} ({r['connected']} connected, {r['failed']} failed)"
        )
    print()
    print("Reconnect storm: every viewer drops, 5 events go out, all reconnect at once (1,000 connects in flight).")
    for name, n, r in rows:
        if name == "project" and "storm_s" in r:
            print(
                f"  project   {n:>6d}: {r['storm_reconnected']} back with Last-Event-ID 5 behind"
                f" ({r['storm_failed']} failed), all caught up in {fmt(r['storm_s'], '.2f')} s,"
                f" {fmt(r['storm_ms_cpu_per_conn'], '.3f')} ms CPU per reconnect, lost {r['storm_lost']},"
                f" duplicated {r['storm_duplicated']}"
            )
        elif name == "reference" and "storm_s" in r:
            print(
                f"  reference {n:>6d}: {r['storm_reconnected']} connected again (no resume) in"
                f" {fmt(r['storm_s'], '.2f')} s, {fmt(r['storm_ms_cpu_per_conn'], '.3f')} ms CPU per connect"
            )
    print()
    print("The project's latency above counts from publish_event (the staff write committed); from the staff request:")
    for name, n, r in rows:
        if name in {"project", "channels"} and r.get("publish_service_ms") is not None:
            print(
                f"  {name:9s} {n:>6d}: p50 {fmt(r['req_p50_ms'], '.1f')} ms, p99 {fmt(r['req_p99_ms'], '.1f')} ms;"
                f" post_entry (write, commit, publish) median {r['publish_service_ms']:.1f} ms"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", default=os.environ.get("BENCH_LIVE_N", "1000,5000,10000"))
    parser.add_argument("--events", type=int, default=30)
    parser.add_argument("--channels", default=os.environ.get("BENCH_LIVE_CHANNELS", "1000,5000"), help="'' skips")
    args = parser.parse_args()
    sizes = [int(x) for x in args.n.split(",") if x]
    channel_sizes = {int(x) for x in args.channels.split(",") if x}
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        raise SystemExit("redis-server is needed (apt-get install redis-server)")
    print(f"live fan-out benchmark: N={sizes}, {args.events} events each, Channels at {sorted(channel_sizes)}")
    with tempfile.TemporaryDirectory(prefix="portal-bench-live-") as tmp:
        logs = Path(tmp)
        redis_port = free_port()
        redis = subprocess.Popen(  # noqa: S603
            [redis_server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        publisher = None
        try:
            wait_port(redis_port, redis)
            env = {
                **os.environ,
                "PORTAL_SQLITE_PATH": str(logs / "bench.sqlite3"),
                "PORTAL_MEDIA_ROOT": str(logs / "media"),
                "PORTAL_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
                "PORTAL_LIVE_BROKER": "redis",
                "PORTAL_LIVE_CHANNEL_PREFIX": "bench-live:",
                "PORTAL_LIVE_HEARTBEAT_SECONDS": "0",  # no timer inside the measured phases
                "PORTAL_LIVE_MAX_CONNECTIONS": "30000",
                "PORTAL_LOG_LEVEL": "WARNING",
            }
            env.pop("PORTAL_DATABASE_URL", None)
            publisher = Publisher(env, logs)
            print(f"event frame: {publisher.frame_bytes} bytes (the reference sends the same size)")
            rows: list[tuple[str, int, dict]] = []
            refs: dict[int, float] = {}
            for n in sizes:
                variants = [("reference", "reference:app"), ("project", "portal.asgi:application")]
                if n in channel_sizes:
                    variants.append(("channels", "channels_compare:application"))
                for name, app in variants:
                    if name == "channels":
                        publisher.command("broker channels")
                    try:
                        result = run_variant(name, app, n, args, env, publisher, logs)
                    finally:
                        if name == "channels":
                            publisher.command("broker redis")
                    rows.append((name, n, result))
                    if name == "reference" and "error" not in result:
                        refs[n] = result["us_per_delivery"]
                    print(f"  {name} N={n}: " + json.dumps(result), flush=True)
            print()
            print_table(rows, refs)
        finally:
            if publisher is not None:
                with contextlib.suppress(OSError):
                    publisher.command("quit")
                stop(publisher.proc)
            stop(redis)
    print_result(rows, refs)


def print_result(rows: list[tuple[str, int, dict]], refs: dict[int, float]) -> None:
    by = {(name, n): r for name, n, r in rows if "error" not in r}
    projects = sorted(n for name, n in by if name == "project")
    n = max(projects) if projects else 0
    p = by.get(("project", n), {})
    ratio = p["us_per_delivery"] / refs[n] if p and refs.get(n) else None
    c5 = by.get(("channels", 5000))
    c_ratio = c5["us_per_delivery"] / refs[5000] if c5 and refs.get(5000) else None
    print(
        f"RESULT n={n} ratio={fmt(ratio, '.2f')} p99_ms={fmt(p.get('p99_ms'), '.1f')} lost={p.get('lost', '—')}"
        f" kb_per_conn={fmt(p.get('kb_per_conn'), '.1f')} storm_s={fmt(p.get('storm_s'), '.2f')}"
        f" channels_5k_ratio={fmt(c_ratio, '.1f')}"
    )


if __name__ == "__main__":
    main()
