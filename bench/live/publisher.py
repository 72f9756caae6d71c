# ruff: noqa: T201 -- a command-line helper
"""The staff side of the live benchmark: a Django process that posts entries through the real publishing path.

    python bench/live/publisher.py --port PORT    (environment: the bench database and Redis, set by run.py)

It migrates the fresh database, makes one operator of the digital center and one interview recorded today,
starts the live (``live.services.start_live``), then answers a line protocol on 127.0.0.1:PORT:

- ``pub`` posts a host entry with ``live.services.post_entry``: the staff write, its LiveEvent, the audit entry,
  the commit, then ``publishing.publish_event`` hands the event to the process's broker (Redis pub/sub, the
  production path between processes). The answer is ``<seq> <ms spent in post_entry> <publish time>``, the
  last the ``time.perf_counter()`` (CLOCK_MONOTONIC, one clock for every process) at which publish_event
  called the broker, i.e. once the staff write had committed.
- ``broker redis`` / ``broker channels``: which broker publish_event uses (channels: a ``group_send`` through
  channels_redis, for the Channels comparison row; channels_compare.ChannelsBroker).

It runs on CPU 1 with the load client; it is not part of the server's measured CPU.
"""

import argparse
import os
import socket
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


class Stamped:
    """The process's broker, noting when publish_event hands it an event (after the commit)."""

    def __init__(self, broker):
        self.broker = broker
        self.at = 0.0

    def publish(self, interview_id: int, seq: int, data: str) -> None:
        self.at = time.perf_counter()
        self.broker.publish(interview_id, seq, data)


ENTRY_TEXT = "我们今年将完成全区老旧小区燃气管道改造，居民可以拨打热线预约入户安检。"


def setup():
    from django.core.management import call_command  # noqa: PLC0415 -- after django.setup()
    from django.utils import timezone  # noqa: PLC0415

    from portal.accounts.enums import Role, UnitKind  # noqa: PLC0415
    from portal.accounts.models import Membership, Unit, User  # noqa: PLC0415
    from portal.interviews.deadlines import set_deadlines  # noqa: PLC0415
    from portal.interviews.enums import StepStatus  # noqa: PLC0415
    from portal.interviews.models import Interview, InterviewStep  # noqa: PLC0415
    from portal.interviews.steps import STEPS  # noqa: PLC0415
    from portal.live.services import start_live  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    center = Unit.objects.create(name="区城市数字治理中心", kind=UnitKind.DIGITAL_CENTER)
    lead = Unit.objects.create(name="城建局", kind=UnitKind.RESPONSIBLE)
    operator = User.objects.create(username="bench-operator", full_name="直播操作员")
    Membership.objects.create(user=operator, unit=center, role=Role.OPERATOR)
    now = timezone.now()
    interview = Interview.objects.create(
        year=now.year,
        title="城镇燃气“安心用气工程”",
        lead_unit=lead,
        recording_at=now,
        recording_confirmed_at=now,
        host_name="王芳",
    )
    InterviewStep.objects.bulk_create(
        InterviewStep(interview=interview, kind=step.kind, status=StepStatus.NOT_STARTED) for step in STEPS
    )
    set_deadlines(interview)
    interview = start_live(interview, actor=operator)
    return interview, operator


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cpu", type=int, default=1)
    args = parser.parse_args()
    os.sched_setaffinity(0, {args.cpu})
    sys.path[:0] = [str(ROOT), str(HERE)]
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django  # noqa: PLC0415

    django.setup()
    from portal.live.enums import Speaker  # noqa: PLC0415
    from portal.live.fanout import make_broker, set_broker  # noqa: PLC0415
    from portal.live.models import LiveEvent  # noqa: PLC0415
    from portal.live.rendering import encode, sse_frame  # noqa: PLC0415
    from portal.live.services import post_entry  # noqa: PLC0415

    broker = Stamped(make_broker())
    set_broker(broker)
    interview, operator = setup()

    def publish() -> tuple[int, float]:
        started = time.perf_counter()
        entry = post_entry(interview, actor=operator, speaker=Speaker.HOST, text=ENTRY_TEXT)
        return entry.published_seq, (time.perf_counter() - started) * 1000

    seq, _ms = publish()  # warm-up: templates, queries; nobody listens yet
    event = LiveEvent.objects.get(interview=interview, seq=seq)
    frame_bytes = len(sse_frame(seq, encode(event.payload)))
    server = socket.create_server(("127.0.0.1", args.port))
    print(f"READY interview={interview.pk} frame_bytes={frame_bytes} seq={seq}", flush=True)
    while True:
        conn, _addr = server.accept()
        with conn, conn.makefile("rwb", buffering=0) as stream:
            for raw in stream:
                command = raw.decode().split()
                if command == ["pub"]:
                    seq, ms = publish()
                    stream.write(f"{seq} {ms:.2f} {broker.at!r}\n".encode())
                elif command[:1] == ["broker"]:
                    if command[1] == "channels":
                        from channels_compare import ChannelsBroker  # noqa: PLC0415 -- only for that row

                        broker.broker = ChannelsBroker()
                    else:
                        broker.broker = make_broker()  # the settings' broker: Redis
                    stream.write(b"ok\n")
                elif command == ["quit"]:
                    return
                else:
                    stream.write(b"? unknown command\n")


if __name__ == "__main__":
    main()
