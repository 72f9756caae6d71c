"""Start one server of the live benchmark: uvicorn, one process, pinned to CPU 0, the same flags for every app.

    python bench/live/serve.py APP --port PORT

``APP`` is an import string: ``portal.asgi:application`` (the project), ``reference:app`` (the minimal
reference broadcaster) or ``channels_compare:application`` (the Django Channels comparison). The flags are
those of the reference measurements (../shared/reference/live-fanout.md §3): uvloop, httptools, no lifespan,
backlog 4096; access logging is off for every app alike (uvicorn would log each of 10,000 connects).
"""

import argparse
import os
import resource
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cpu", type=int, default=0)
    args = parser.parse_args()
    os.sched_setaffinity(0, {args.cpu})
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    sys.path[:0] = [str(ROOT), str(HERE)]
    os.chdir(ROOT)
    import uvicorn  # noqa: PLC0415 -- after the path and the affinity are set

    uvicorn.run(
        args.app,
        host="127.0.0.1",
        port=args.port,
        loop="uvloop",
        http="httptools",
        lifespan="off",
        backlog=4096,
        access_log=False,
        log_level="warning",
    )


if __name__ == "__main__":
    main()
